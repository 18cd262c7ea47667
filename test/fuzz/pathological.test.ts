// Pathological files, generated at run time: each is analysed, or skipped with a clear reason, within a bound
// that the engine enforces itself (LintOptions.budgetMs); an over-budget file reports what it found and says it
// was cut short, in the result, the CLI's "Files not analysed" (JSON `errors`) and the editor's diagnostics.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Budget, MAX_WALK_DEPTH } from '../../rules/adapters/budget';
import { lint, lintModel, parseFile } from '../../rules/engine/lint';
import { decodeSource, encodeSource, MAX_FILE_BYTES } from '../../rules/engine/source';
import { scanFiles } from '../../server/cli/scan';
import { incompleteDiagnostic, oversize, skippedDiagnostic } from '../../server/lsp/diagnostics';
import { lintFileOnDisk } from '../../server/lsp/fileLint';
import { runCli, workspace } from '../helpers/cli';
import { bigPowerShell, binaries, deepNesting, hugeString, invalidUtf8, lineEndings, minifiedJs, SECRET, utf16, type Pathological } from './pathological';

const OPTIONS = { partnerType: 'cpv' as const, today: '2026-11-22' };

/** Decodes like the CLI, lints with the default budget, and checks the expected finding when the file is read whole. */
async function analyse(p: Pathological) {
  const decoded = p.bytes ? decodeSource(p.bytes) : ({ ok: true, text: p.text!, encoding: 'utf8' } as const);
  if (!decoded.ok) return { skipped: decoded.reason };
  const r = (await lint(decoded.text, p.fileName, OPTIONS))!;
  assert.ok(r, `${p.name}: the engine reads ${p.fileName}`);
  for (const f of r.findings) assert.ok(f.range.start >= 0 && f.range.end <= decoded.text.length && f.message.length < 1000, `${p.name}: ${f.ruleId} in range, short message`);
  return { text: decoded.text, result: r };
}

function flagged(text: string, r: { findings: { ruleId: string; range: { start: number; end: number } }[] }, ruleId: string): string[] {
  return r.findings.filter((f) => f.ruleId === ruleId).map((f) => text.slice(f.range.start, f.range.end));
}

describe('pathological files', function () {
  this.timeout(120_000);

  it('10 MB of minified JavaScript on one line: skipped with the size reason by the engine, the CLI, the editor and the workspace scan', async () => {
    const text = minifiedJs(10.2 * 1048576);
    const bytes = Buffer.from(text);
    const decoded = decodeSource(bytes);
    assert.deepEqual(decoded, { ok: false, reason: `skipped: file is ${(bytes.length / 1048576).toFixed(1)} MB, over the 2 MB limit` });
    const dir = workspace({ 'dist/app.min.js': bytes, 'src/ok.ps1': 'Connect-MsolService -Credential $c\n' }, 'pal-patho-');
    const cli = await runCli(dir, 'scan', '--format', 'json', '--jobs', '1', '--no-ignore');
    const out = JSON.parse(cli.stdout) as { files: number; errors: { file: string; message: string }[]; findings: { file: string }[] };
    assert.deepEqual(out.errors, [{ file: 'dist/app.min.js', message: decoded.ok ? '' : decoded.reason }]);
    assert.deepEqual([...new Set(out.findings.map((f) => f.file))], ['src/ok.ps1'], 'the other file is still analysed');
    assert.equal(oversize(text), bytes.length);
    assert.match(String(skippedDiagnostic(bytes.length).message), /skipped this file: it is 10\.2 MB, over the 2\.0 MB limit/);
    assert.deepEqual(await lintFileOnDisk({ file: path.join(dir, 'dist/app.min.js'), options: {} }), { ok: false, reason: decoded.ok ? '' : decoded.reason });
    assert.equal(decodeSource(Buffer.from(minifiedJs(MAX_FILE_BYTES - 100))).ok, true, 'just under the limit is read');
  });

  it('120 KB of minified JavaScript on one line: analysed within the default budget', async () => {
    const { text, result } = (await analyse({ name: 'minified', fileName: 'app.min.js', text: minifiedJs(120_000) })) as { text: string; result: Awaited<ReturnType<typeof lint>> & object };
    assert.equal(result.incomplete, undefined);
    assert.ok(flagged(text, result, 'no-ropc').length > 500, 'the password grants all along the line are found');
  });

  it('100,000 lines of PowerShell over a small budget: cut short, with the reason in the result, the CLI and the editor', async () => {
    const text = bigPowerShell(100_000);
    assert.ok(Buffer.byteLength(text) < MAX_FILE_BYTES, 'under the size limit: the budget, not the size, bounds it');
    const r = (await lint(text, 'big.ps1', { ...OPTIONS, budgetMs: 400 }))!;
    assert.equal(r.incomplete?.kind, 'cut-short');
    assert.equal(r.incomplete?.phase, 'parse');
    assert.match(r.incomplete!.message, /^analysis cut short: over the 400 ms time budget while parsing/);
    const dir = workspace({ 'big.ps1': text }, 'pal-patho-');
    const scan = await scanFiles([path.join(dir, 'big.ps1')], { ...OPTIONS, budgetMs: 400 }, dir);
    // How many rules had time left after the parse varies from run to run; the reason does not.
    const reason = /^analysis cut short: over the 400 ms time budget while parsing: findings in the part read before that are reported/;
    assert.deepEqual(scan.errors.map((e) => e.file), ['big.ps1'], 'the CLI lists it under "Files not analysed" (JSON errors, SARIF notifications)');
    assert.match(scan.errors[0].message, reason);
    const disk = await lintFileOnDisk({ file: path.join(dir, 'big.ps1'), options: { ...OPTIONS, budgetMs: 400 } });
    const notice = disk.ok ? disk.items.find((i) => !i.diagnostic.code) : undefined;
    assert.ok(notice && notice.diagnostic.severity === 3, 'the editor shows an information diagnostic');
    assert.match(String(notice.diagnostic.message), /^partner-auth-lint: analysis cut short: over the 400 ms time budget while parsing/);
    assert.equal(incompleteDiagnostic(r.incomplete!.message).severity, 3);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a budget that runs out during the rules keeps the findings made by then and names the rules not finished', async () => {
    const text = minifiedJs(40_000);
    const model = (await parseFile(text, 'app.js'))!;
    const full = lintModel(model, 'app.js', { ...OPTIONS, budgetMs: 0 });
    assert.equal(full.incomplete, undefined);
    // A clock that advances one unit per reading: the budget ends after a known amount of work, on any machine.
    let readings = 0;
    lintModel(model, 'app.js', OPTIONS, new Budget(Number.MAX_SAFE_INTEGER, () => readings++));
    // The earlier the deadline, the fewer findings: find one that ends inside a rule that reports (at most 6 tries).
    let r = full;
    for (let share = 2; share <= 64; share *= 2) {
      let now = 0;
      r = lintModel(model, 'app.js', OPTIONS, new Budget(Math.floor(readings / share), () => now++));
      if (r.findings.length < full.findings.length) break;
    }
    assert.equal(r.incomplete?.kind, 'cut-short');
    assert.equal(r.incomplete?.phase, 'rules');
    assert.ok(r.incomplete?.rules?.length, 'the rules not run or not finished are named');
    assert.ok(r.findings.length > 0 && r.findings.length < full.findings.length, `${r.findings.length} of ${full.findings.length} findings kept`);
    const key = (f: { ruleId: string; range: { start: number; end: number } }) => `${f.ruleId}:${f.range.start}:${f.range.end}`;
    const all = new Set(full.findings.map(key));
    assert.ok(r.findings.every((f) => all.has(key(f))), 'what was found is what a full run finds');
  });

  it('a budget that runs out during the adapter walk keeps the model of the part read before it', async () => {
    // JavaScript: the parse itself reads no clock, so every reading is a walk step.
    const text = minifiedJs(40_000).replace(/;/g, ';\n');
    const full = (await parseFile(text, 'a.js'))!;
    let readings = 0;
    await parseFile(text, 'a.js', undefined, new Budget(Number.MAX_SAFE_INTEGER, () => readings++));
    let now = 0;
    const budget = new Budget(Math.floor(readings / 2), () => now++);
    const part = (await parseFile(text, 'a.js', undefined, budget))!;
    assert.ok(budget.cut, 'the walk ran out of budget');
    assert.ok(part.calls.length > 0 && part.calls.length < full.calls.length, `${part.calls.length} of ${full.calls.length} calls modelled`);
    const cutAt = part.errors[part.errors.length - 1];
    assert.equal(cutAt.end, text.length, 'the unread rest is an error range to the end of the file');
    const key = (r: { start: number; end: number }) => `${r.start}-${r.end}`;
    const got = new Set(part.calls.map((c) => key(c.range)));
    assert.deepEqual(full.calls.filter((c) => c.range.end <= cutAt.start && !got.has(key(c.range))).map((c) => key(c.range)), [], 'every call before the cut is modelled');
    assert.deepEqual(part.calls.filter((c) => c.range.start >= cutAt.start).map((c) => key(c.range)), [], 'none after it');
  });

  it(`10,000-deep nesting in every language: the rest of the file is still read (walks stop at ${MAX_WALK_DEPTH} levels)`, async () => {
    for (const p of deepNesting(10_000)) {
      const a = await analyse(p);
      assert.ok('result' in a && a.result, `${p.name}: analysed`);
      assert.equal(a.result.incomplete, undefined, `${p.name}: within the budget`);
      assert.ok(flagged(a.text, a.result, p.expect!.ruleId).includes(p.expect!.text), `${p.name}: the secret after the nesting is found (got ${JSON.stringify(flagged(a.text, a.result, p.expect!.ruleId))})`);
    }
  });

  it('a 1 MB string literal: read, and the secret after it found, with a short message', async () => {
    for (const p of hugeString(1 << 20)) {
      const a = await analyse(p);
      assert.ok('result' in a && a.result, p.name);
      assert.equal(a.result.incomplete, undefined, p.name);
      assert.ok(flagged(a.text, a.result, p.expect!.ruleId).includes(p.expect!.text), `${p.name}: got ${JSON.stringify(flagged(a.text, a.result, p.expect!.ruleId))}`);
    }
  });

  it('invalid UTF-8: decoded with replacement characters, the secret found on its line', async () => {
    const p = invalidUtf8();
    const a = await analyse(p);
    assert.ok('result' in a && a.result);
    assert.ok(a.text.includes('\uFFFD'));
    const f = a.result.findings.find((x) => x.ruleId === 'no-stored-credentials')!;
    assert.equal(a.text.slice(f.range.start, f.range.end), p.expect!.text);
    assert.equal(a.result.lines.position(f.range.start).line, 2);
  });

  it('UTF-16 with a byte order mark (LE and BE): decoded, analysed, and written back byte for byte', async () => {
    for (const p of utf16()) {
      const decoded = decodeSource(p.bytes!);
      assert.ok(decoded.ok, p.name);
      assert.deepEqual(encodeSource(decoded.text, decoded.encoding), p.bytes, `${p.name}: round trip`);
      const a = await analyse(p);
      assert.ok('result' in a && a.result);
      const f = a.result.findings.find((x) => x.ruleId === 'no-stored-credentials')!;
      assert.equal(a.text.slice(f.range.start, f.range.end), p.expect!.text, p.name);
      assert.deepEqual(a.result.lines.position(f.range.start), { line: 2, character: 20 }, p.name);
    }
  });

  it('CRLF, CR-only and mixed line endings: findings on the right line and column', async () => {
    for (const p of lineEndings()) {
      const a = await analyse(p);
      assert.ok('result' in a && a.result, p.name);
      for (const f of a.result.findings) assert.ok(a.result.lines.position(f.range.end).line < a.result.lines.lineCount, p.name);
      if (!p.expect) continue;
      const f = a.result.findings.find((x) => x.ruleId === 'no-stored-credentials' && a.text.slice(x.range.start, x.range.end) === p.expect!.text);
      assert.ok(f, `${p.name}: the secret is found`);
      assert.deepEqual(a.result.lines.position(f.range.start), { line: 2, character: 12 }, p.name);
    }
  });

  it('binary files with source extensions: skipped as binary when they hold NUL bytes, else read as text without failing', async () => {
    for (const p of binaries()) {
      const a = await analyse(p);
      if ('skipped' in a) assert.equal(a.skipped, 'skipped: binary file (contains NUL bytes)', p.name);
      else assert.equal(a.result?.incomplete, undefined, p.name);
    }
    const dir = workspace(Object.fromEntries(binaries().map((p) => [p.fileName, p.bytes!])), 'pal-patho-');
    const cli = await runCli(dir, 'scan', '--format', 'json', '--jobs', '1', '--no-ignore');
    assert.ok(cli.code === 0 || cli.code === 1, cli.stderr);
    const out = JSON.parse(cli.stdout) as { errors: { file: string; message: string }[] };
    assert.deepEqual(out.errors.map((e) => e.file).sort(), ['appsettings.json', 'image.ps1']);
    assert.ok(!cli.stdout.includes(SECRET));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
