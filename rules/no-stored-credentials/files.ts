// Secrets written in clear text to plain files: a refresh token saved with `Out-File`, an access token cached with
// `fs.writeFileSync`, a token response dumped with `json.dump(result, f)`, a serialized MSAL token cache written to
// `token_cache.bin`. The file is a stored credential as much as a literal in the code: anyone who can read the disk,
// the backup or the build artifact can use it. Which values carry a secret is decided by the shared analysis
// (common/secret-values.ts: token acquisitions and responses, Key Vault reads, secret-named values, serializers);
// what counts as a file write is each language's API. Log files are no-token-logging's.
import type { Call, Expr } from '../model/types';
import type { RuleContext } from '../engine/types';
import { Analysis, type Carry, Collector, isLogPath, origin, short } from '../common/secret-values';

const PS_WRITE = /^(Out-File|Set-Content|Add-Content|sc|ac)$/i;
const DOTNET_FILE = /^(WriteAllText|WriteAllTextAsync|AppendAllText|AppendAllTextAsync|WriteAllLines|WriteAllLinesAsync|AppendAllLines|AppendAllLinesAsync|WriteAllBytes|WriteAllBytesAsync)$/;
const NODE_FS = /^(writeFileSync|writeFile|appendFileSync|appendFile|outputFileSync|outputFile|outputJsonSync|outputJson|writeJsonSync|writeJson)$/;
const JAVA_FILES = /^(writeString|write)$/;
const PY_PATH_WRITE = /^(write_text|write_bytes)$/;
const PY_DUMP = /^(dump)$/;
/** Every method name below that writes (a first, cheap filter). */
const WRITE_NAME = /^(WriteAll\w+|AppendAll\w+|writeFileSync|writeFile|appendFileSync|appendFile|outputFileSync|outputFile|outputJsonSync|outputJson|writeJsonSync|writeJson|writeString|write|write_text|write_bytes|dump|writelines|Write|WriteLine|WriteAsync|WriteLineAsync|println|print|append)$/;

/** Receivers that are files or streams opened on a file. */
const FILE_OPENERS = /^(open|io\.open|codecs\.open|FileWriter|BufferedWriter|PrintWriter|FileOutputStream|OutputStreamWriter|StreamWriter|CreateText|AppendText|createWriteStream|newBufferedWriter)$/;

interface FileWrite {
  /** What is written, with how it is written. */
  data: { expr: Expr; serialized: boolean; formatted: boolean }[];
  /** The path, when the call names it. */
  path?: Expr;
  label: string;
}

/** The file a receiver was opened on: `f` of `f = open(path, "w")` / `with open(path, "w") as f`, `new FileWriter(path)`. */
function openedFile(ctx: RuleContext, recv: Expr | undefined): { path?: Expr } | undefined {
  if (!recv) return undefined;
  const d = ctx.deref(recv) ?? recv;
  const c = d.kind === 'call' ? d.call : undefined;
  if (!c || !FILE_OPENERS.test(c.name)) return undefined;
  // A stream opened for reading (`open(p)`, `open(p, "r")`) is not written to.
  if (c.name === 'open' || /\.open$/.test(c.name)) {
    const mode = ctx.value(c.args[1] ?? ctx.arg(c, 'mode')?.value);
    if (!mode || !/[wax+]/.test(mode)) return undefined;
  }
  return { path: c.args[0] };
}

function fileWrite(ctx: RuleContext, c: Call): FileWrite | undefined {
  const lang = ctx.language === 'yaml' ? 'powershell' : ctx.language;
  if (c.kind === 'command') {
    if (!PS_WRITE.test(c.name)) return undefined;
    const path = ctx.arg(c, 'FilePath', 'Path', 'LiteralPath')?.value ?? c.args[0];
    const data: FileWrite['data'] = [];
    const value = ctx.arg(c, 'Value', 'InputObject')?.value ?? (path === c.args[0] ? c.args[1] : c.args[0]);
    if (value) data.push({ expr: value, serialized: false, formatted: /^Out-File$/i.test(c.name) });
    if (c.input) data.push({ expr: c.input, serialized: false, formatted: /^Out-File$/i.test(c.name) });
    return { data, path, label: c.name };
  }
  if (!WRITE_NAME.test(c.name)) return undefined; // most calls: one test
  const recv = c.receiver;
  const recvText = recv ? ctx.text(recv.range) : c.callee.slice(0, -1).join('.');
  // .NET: File.WriteAllText(path, text) (also [IO.File]::WriteAllText in PowerShell).
  if (DOTNET_FILE.test(c.name) && /(^|\.|\[)(System\.)?(IO\.)?File\]?$/.test(recvText)) return { data: c.args.slice(1, 2).map((expr) => ({ expr, serialized: false, formatted: false })), path: c.args[0], label: `File.${c.name}` };
  if ((lang === 'javascript' || lang === 'typescript') && NODE_FS.test(c.name) && (!recv || /^(fs|fsp|fse|fsExtra|promises|fs\.promises|fsPromises|jsonfile)$/.test(recvText))) {
    const json = /json/i.test(c.name);
    return { data: c.args.slice(1, 2).map((expr) => ({ expr, serialized: json, formatted: false })), path: c.args[0], label: recv ? `${recvText}.${c.name}` : c.name };
  }
  if (lang === 'java' && JAVA_FILES.test(c.name) && /^(java\.nio\.file\.)?Files$/.test(recvText)) return { data: c.args.slice(1, 2).map((expr) => ({ expr, serialized: false, formatted: false })), path: c.args[0], label: `Files.${c.name}` };
  if (lang === 'python' && PY_PATH_WRITE.test(c.name) && recv) {
    const d = ctx.deref(recv) ?? recv;
    if (d.kind === 'call' && /^(Path|PurePath|PosixPath|WindowsPath)$/.test(d.call.name)) return { data: c.args.slice(0, 1).map((expr) => ({ expr, serialized: false, formatted: false })), path: d.call.args[0], label: c.name };
    return undefined;
  }
  // json.dump(obj, f) / pickle.dump(obj, f) / yaml.dump(obj, f) into a file opened for writing.
  if (lang === 'python' && PY_DUMP.test(c.name) && /^(json|pickle|yaml|toml|marshal)$/.test(recvText)) {
    const file = openedFile(ctx, c.args[1]);
    return file ? { data: c.args.slice(0, 1).map((expr) => ({ expr, serialized: true, formatted: false })), path: file.path, label: `${recvText}.dump` } : undefined;
  }
  // A write to a stream opened on a file: f.write(x), writer.write(x), stream.write(x).
  if (/^(write|writelines|Write|WriteLine|WriteAsync|WriteLineAsync|println|print|append)$/.test(c.name)) {
    const file = openedFile(ctx, recv);
    return file ? { data: c.args.slice(0, 1).map((expr) => ({ expr, serialized: false, formatted: false })), path: file.path, label: `${recvText}.${c.name}` } : undefined;
  }
  return undefined;
}

const WHY: Record<string, string> = {
  'refresh token': 'a refresh token grants up to 90 days of access to every audience the consented partner account can reach',
  'token response': 'a token response holds the access token and usually the refresh token',
  'token cache': 'a serialized MSAL token cache holds refresh tokens',
  'access token': 'anyone who reads the file can call the API as the partner until the token expires',
  'bearer token': 'anyone who reads the file can call the API as the partner until the token expires',
  password: 'partner passwords must never be stored',
  'client secret': 'anyone who reads the file can sign in as the application',
};

/** Client-credentials results: no refresh token in them, and the token acts as the application. */
const APP_ONLY_WHY: Record<string, string> = {
  'token response': 'a token response holds the access token (an app-only response has no refresh token)',
  'access token': 'anyone who reads the file can call the API as the application until the token expires',
  'bearer token': 'anyone who reads the file can call the API as the application until the token expires',
};

/** Reports every secret-carrying value written to a plain file. */
export function checkFileWrites(ctx: RuleContext, report: (range: Expr['range'], message: string) => void): void {
  let analysis: Analysis | undefined;
  for (const c of ctx.calls) {
    const w = fileWrite(ctx, c);
    if (!w || !w.data.length) continue;
    // Log and transcript files are no-token-logging's (in PowerShell, where it reads file writes).
    if (w.path && isLogPath(ctx, w.path) && (ctx.language === 'powershell' || ctx.language === 'yaml')) continue;
    analysis ??= new Analysis(ctx);
    const collector = new Collector(ctx, analysis);
    for (const d of w.data) collector.collect(d.expr, { inString: false, serialized: d.serialized, formatted: d.formatted, prose: false });
    const seen = new Set<string>();
    for (const carry of collector.out) {
      const key = ctx.text(carry.expr.range).replace(/\s+/g, '');
      if (seen.has(key)) continue;
      seen.add(key);
      report(carry.expr.range, message(ctx, carry, w));
    }
  }
}

function message(ctx: RuleContext, carry: Carry, w: FileWrite): string {
  const { kind } = carry.secret;
  const holder = carry.secret.contained || (carry.secret.shape !== 'plain' && kind !== 'token response');
  const what = holder
    ? `\`${short(ctx, carry.expr)}\`${origin(ctx, carry.secret, carry.expr)}, which holds ${/^[aeiouAEIOU]/.test(kind) ? 'an' : 'a'} ${kind},`
    : `The ${kind} in \`${short(ctx, carry.expr)}\`${origin(ctx, carry.secret, carry.expr)}`;
  const path = w.path ? pathText(ctx, w.path) : undefined;
  const where = `${path ? `a plain file (\`${path}\`)` : 'a plain file'} by \`${w.label}\``;
  const why = (carry.secret.appOnly ? APP_ONLY_WHY[kind] : undefined) ?? WHY[kind] ?? 'anyone who can read the file, its backups or copies can use it to authenticate';
  const instead = kind === 'token cache'
    ? 'keep the cache in Key Vault or an encrypted cache (msal-extensions, Microsoft.Identity.Client.Extensions.Msal)'
    : 'keep it in Key Vault (Set-AzKeyVaultSecret, SetSecretAsync, set_secret, setSecret) and read it from there';
  return `${what} is written in clear text to ${where}; ${why}. Partner credentials must never be stored in code, config or plain files: ${instead}.`;
}

/** A short, quotable form of the path: a literal's value (up to 60 characters), else the code naming it. */
function pathText(ctx: RuleContext, e: Expr): string {
  // Parts not known statically (`$PSScriptRoot`, a variable) show as `…`: `…\refreshtoken.txt`.
  const v = ctx.value(e) ?? ctx.approx(e).replace(/\uFFFC+/g, '…');
  const t = v && v !== '…' && !/[\r\n`]/.test(v) ? v : short(ctx, e);
  return t.length > 60 ? `…${t.slice(-59)}` : t;
}
