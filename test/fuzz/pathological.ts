// Pathological files, generated at run time (nothing this large is committed): what a security linter meets in a
// real repository besides source code. Each names the secret or password sign-in it hides after the hard part, so a
// test can check that the intact part is still read.
export const SECRET = 'Zx9!pathological-Secret-2026';

export interface Pathological {
  name: string;
  fileName: string;
  /** Text, or bytes when the encoding is the point. */
  text?: string;
  bytes?: Buffer;
  /** A flagged text the result must hold when the file is analysed completely. */
  expect?: { ruleId: string; text: string };
}

/** One line of minified JavaScript of about `bytes` bytes (password sign-ins and stored secrets in it). */
export function minifiedJs(bytes: number): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const s = `var a${i}=function(b){return b.c("https://login.microsoftonline.com/x/oauth2/token",{grant_type:"password",u:b.d[${i}]})},k${i}={x:[1,2,{y:"z${i}"}]};`;
    parts.push(s);
    n += s.length;
  }
  return parts.join('');
}

/** `lines` lines of PowerShell, one password sign-in every 5,000 lines. */
export function bigPowerShell(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(i % 5000 === 0 ? 'Connect-MsolService -Credential $c' : i % 3 === 0 ? `$v${i} = "x$i"` : i % 3 === 1 ? 'Write-Host $v' : `# c ${i}`);
  return out.join('\n') + '\n';
}

/** `depth` levels of nesting, then a stored secret: per language. */
export function deepNesting(depth: number): Pathological[] {
  const d = depth;
  const secret = { ruleId: 'no-stored-credentials', text: '' };
  const cases: [string, string, string][] = [
    ['deep.js', `x = ${'['.repeat(d)}${']'.repeat(d)};\nf(${'('.repeat(d)}1${')'.repeat(d)});\n${'function f() {'.repeat(d)}${'}'.repeat(d)}\nconst password = "${SECRET}";\n`, `"${SECRET}"`],
    ['deep.ts', `const x = ${'{a: '.repeat(d)}1${'}'.repeat(d)};\nconst password: string = "${SECRET}";\n`, `"${SECRET}"`],
    ['deep.py', `x = ${'['.repeat(d)}${']'.repeat(d)}\ny = ${'('.repeat(d)}1${')'.repeat(d)}\npassword = "${SECRET}"\n`, `"${SECRET}"`],
    ['Deep.cs', `class A { void M() { var x = ${'('.repeat(d)}1${')'.repeat(d)}; var password = "${SECRET}"; } }\n`, `"${SECRET}"`],
    ['Deep.java', `class A { void m() { int x = ${'('.repeat(d)}1${')'.repeat(d)}; String password = "${SECRET}"; } }\n`, `"${SECRET}"`],
    ['deep.ps1', `$x = ${'@('.repeat(d)}${')'.repeat(d)}\n${'if ($a) {'.repeat(d)}${'}'.repeat(d)}\n$password = '${SECRET}'\n`, `'${SECRET}'`],
    ['appsettings.json', `{"a": ${'['.repeat(d)}${']'.repeat(d)}, "b": ${'{"c": '.repeat(d)}1${'}'.repeat(d)}, "Password": "${SECRET}"}\n`, `"${SECRET}"`],
    ['deep.yml', `a: ${'['.repeat(d)}${']'.repeat(d)}\nb: ${'{c: '.repeat(d)}1${'}'.repeat(d)}\npassword: ${SECRET}\n`, SECRET],
    ['web.config', `<configuration>${'<a>'.repeat(d)}${'</a>'.repeat(d)}<appSettings><add key="Password" value="${SECRET}" /></appSettings></configuration>\n`, `"${SECRET}"`],
  ];
  return cases.map(([fileName, text, flagged]) => ({ name: `${d}-deep nesting (${fileName})`, fileName, text, expect: { ...secret, text: flagged } }));
}

/** A string literal of `size` characters, then a stored secret: per language. */
export function hugeString(size: number): Pathological[] {
  const big = 'a'.repeat(size);
  const cases: [string, string, string][] = [
    ['str.js', `const s = "${big}";\nconst password = "${SECRET}";\n`, `"${SECRET}"`],
    ['str.py', `s = """${big}"""\npassword = "${SECRET}"\n`, `"${SECRET}"`],
    ['Str.cs', `class A { string s = @"${big}"; string password = "${SECRET}"; }\n`, `"${SECRET}"`],
    ['str.ps1', `$s = @"\n${big}\n"@\n$password = '${SECRET}'\n`, `'${SECRET}'`],
    ['appsettings.json', `{"s": "${big}", "Password": "${SECRET}"}\n`, `"${SECRET}"`],
    ['pipeline.yml', `s: "${big}"\npassword: ${SECRET}\n`, SECRET],
  ];
  return cases.map(([fileName, text, flagged]) => ({ name: `1 MB string literal (${fileName})`, fileName, text, expect: { ruleId: 'no-stored-credentials', text: flagged } }));
}

/** Invalid UTF-8 around a secret: stray continuation bytes, overlong forms, truncated sequences, 0xFF. */
export function invalidUtf8(): Pathological {
  const bad = Buffer.from([0x80, 0xbf, 0xc0, 0xaf, 0xe0, 0x80, 0xaf, 0xf0, 0x9f, 0x98, 0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]);
  const bytes = Buffer.concat([Buffer.from('# caf'), bad, Buffer.from(`\n$note = "`), bad, Buffer.from(`"\n$password = '${SECRET}'\n`), bad]);
  return { name: 'invalid UTF-8', fileName: 'invalid-utf8.ps1', bytes, expect: { ruleId: 'no-stored-credentials', text: `'${SECRET}'` } };
}

/** UTF-16 with a byte order mark, little and big endian. */
export function utf16(): Pathological[] {
  const text = `// \u00e9t\u00e9 \u{1F600}\nclass A {\n  string password = "${SECRET}";\n}\n`;
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const be = Buffer.from(le).swap16();
  return [
    { name: 'UTF-16 LE with BOM', fileName: 'Utf16le.cs', bytes: le, expect: { ruleId: 'no-stored-credentials', text: `"${SECRET}"` } },
    { name: 'UTF-16 BE with BOM', fileName: 'Utf16be.cs', bytes: be, expect: { ruleId: 'no-stored-credentials', text: `"${SECRET}"` } },
  ];
}

/** The same script with LF, CRLF, CR and mixed line endings. */
export function lineEndings(): Pathological[] {
  const lines = ['# line endings', "$user = 'svc@contoso.com'", `$password = '${SECRET}'`, 'Connect-MsolService -Credential $cred', 'Write-Host done', ''];
  const mixed = lines.map((l, i) => l + ['\r\n', '\n', '\r\n', '\r', '\n', ''][i]).join('');
  return [
    { name: 'LF', fileName: 'lf.ps1', text: lines.join('\n'), expect: { ruleId: 'no-stored-credentials', text: `'${SECRET}'` } },
    { name: 'CRLF', fileName: 'crlf.ps1', text: lines.join('\r\n'), expect: { ruleId: 'no-stored-credentials', text: `'${SECRET}'` } },
    { name: 'CR only', fileName: 'cr.ps1', text: lines.join('\r') },
    { name: 'mixed line endings', fileName: 'mixed.ps1', text: mixed, expect: { ruleId: 'no-stored-credentials', text: `'${SECRET}'` } },
  ];
}

/** Binary content under source extensions: an image, an archive, random bytes (with and without NUL bytes). */
export function binaries(): Pathological[] {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), Buffer.alloc(64, 7)]);
  const gzip = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 3]), Buffer.from(SECRET)]);
  let x = 12345;
  const noise = Buffer.alloc(20000);
  for (let i = 0; i < noise.length; i++) noise[i] = 0x80 + ((x = (x * 1103515245 + 12345) & 0x7fffffff) % 128); // high bytes, no NUL
  return [
    { name: 'PNG named .ps1', fileName: 'image.ps1', bytes: png },
    { name: 'gzip named .json', fileName: 'appsettings.json', bytes: gzip },
    { name: 'random high bytes named .cs (no NUL)', fileName: 'Noise.cs', bytes: noise },
    { name: 'random high bytes named .py (no NUL)', fileName: 'noise.py', bytes: noise },
  ];
}
