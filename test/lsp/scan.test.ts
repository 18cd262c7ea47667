// The workspace scan over stdio: a generated workspace of ~3,000 files, work-done progress (begin, "done/total"
// reports, end), cancellation, .gitignore / config `ignore` / `exclude`, closed files' findings (push and
// pull), open documents winning over disk, file-change updates, the baseline in the editor. Behaviour only:
// no timing assertions (speed belongs to the benchmark).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { languageOf } from '../../rules/adapters/languages';
import type { Diagnostic, ProgressToken, WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { main } from '../../server/cli/main';
import { ALL_RULES } from '../../rules/registry';
import { ensureBuilt, tempWorkspace } from './build';
import { TestClient, type ProgressEvent } from './client';
import { CASES, rangeOf } from './cases';

const KEEP = ['no-ropc', 'no-stored-credentials'];
/** The rules under test only: other rules of the catalog must not change the exact expectations. */
const RULES = Object.fromEntries(ALL_RULES.filter((r) => !KEEP.includes(r.meta.id)).map((r) => [r.meta.id, 'off']));
const SETTINGS = { rules: RULES, exclude: ['**/*.generated.{ps1,py}'] };

const LEGACY = '$cred = Get-Credential\nConnect-MsolService -Credential $cred\nConnect-AzureAD -Credential $cred\n';
const ROPC = '$cred = Get-Credential\nConnect-MsolService -Credential $cred\n';

/** Finding-free files, one template per file type the engine reads. */
const FILLER: [string, (i: number) => string][] = [
  ['ps1', (i) => `function Get-Item${i} { param($Name)\n  Write-Host "item ${i}: $Name"\n}\n`],
  ['py', (i) => `def value_${i}(x):\n    return x + ${i}\n`],
  ['js', (i) => `export function value${i}(x) {\n  return x + ${i};\n}\n`],
  ['ts', (i) => `export const value${i} = (x: number): number => x + ${i};\n`],
  ['cs', (i) => `public class Item${i}\n{\n    public int Value => ${i};\n}\n`],
  ['java', (i) => `public class Item${i} {\n    int value() { return ${i}; }\n}\n`],
  ['json', (i) => `{ "name": "item-${i}", "count": ${i} }\n`],
  ['yml', (i) => `name: item-${i}\nsteps:\n  - script: echo ${i}\n`],
  ['properties', (i) => `item.name=item-${i}\nitem.count=${i}\n`],
  ['config', (i) => `<?xml version="1.0"?>\n<configuration><appSettings><add key="Item" value="${i}" /></appSettings></configuration>\n`],
];
const FILLER_COUNT = 2970;

function write(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

/** The generated workspace; returns how many files a scan covers. */
function generate(ws: string): number {
  for (let i = 0; i < FILLER_COUNT; i++) {
    const [ext, text] = FILLER[i % FILLER.length];
    write(ws, `pkg${String(i % 30).padStart(2, '0')}/item${i}.${ext}`, text(i));
  }
  for (const c of CASES) write(ws, `src/findings/${c.file}`, c.text);
  write(ws, 'src/baselined/sync.ps1', LEGACY);
  write(ws, 'src/baselined/open.ps1', ROPC);
  // Left out: .gitignore (root and nested), config ignore globs, the exclude setting, node_modules, non-engine files.
  write(ws, '.gitignore', 'build/\n*.log\n');
  write(ws, 'build/connect.ps1', ROPC);
  write(ws, 'pkg05/.gitignore', '*.tmp.py\n');
  write(ws, 'pkg05/scratch.tmp.py', CASES[2].text);
  write(ws, '.partner-auth-lint.json', JSON.stringify({ ignore: ['legacy/**'] }));
  write(ws, 'legacy/old.ps1', ROPC);
  write(ws, 'src/api.generated.ps1', ROPC);
  write(ws, 'src/api.generated.py', CASES[2].text);
  write(ws, 'node_modules/pkg/index.js', CASES[3].text);
  write(ws, 'README.md', 'Connect-MsolService -Credential $cred\n');
  return FILLER_COUNT + CASES.length + 2;
}

const summaryOf = (client: TestClient) => client.connection.sendRequest<{ files: number; done: number; findings: number; baselined: number; cancelled: boolean }>('partnerAuthLint/scanWorkspace');

/** The progress run started after `known` tokens existed (tokens in creation order). */
function progressAfter(client: TestClient, known: number): { token: ProgressToken; events: ProgressEvent[] } | undefined {
  const runs = [...client.progress];
  return runs.length > known ? { token: runs[known][0], events: runs[known][1] } : undefined;
}

const shape = (list: Diagnostic[]) => list.map((d) => [d.code, d.range]);

/** The last diagnostics published for each file, the non-empty ones only, keyed by workspace-relative path. */
function shown(client: TestClient, ws: string): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const [uri, list] of client.published) {
    const last = list[list.length - 1].diagnostics;
    if (last.length > 0) out.set(path.relative(ws, uri.replace(/^file:\/\//, '')), last);
  }
  return out;
}

describe('language server: workspace scan', function () {
  this.timeout(120000);
  let ws = '';
  let total = 0;
  let client: TestClient;
  const baselinedCounts: number[] = [];
  const uri = (rel: string) => `file://${path.join(ws, rel)}`;

  before(async () => {
    ensureBuilt();
    ws = tempWorkspace();
    total = generate(ws);
    // The CLI's baseline of src/baselined/ (3 findings): the editor must honour the very same file.
    let out = '';
    const code = await main(['baseline', 'src/baselined', ...KEEP.flatMap((r) => ['--rule', r])], { cwd: ws, stdout: (s) => (out += s), stderr: () => undefined, stdin: async () => '', isTTY: false });
    assert.equal(code, 0);
    assert.equal(out, 'Wrote .partner-auth-lint-baseline.json: 3 findings baselined (0 before, 0 no longer found).\n');
    // Two worker threads whatever the machine: the pool is what this suite exercises.
    client = await TestClient.start({ workspace: ws, settings: SETTINGS, env: { PARTNER_AUTH_LINT_SCAN_WORKERS: '2' } });
    client.connection.onNotification('partnerAuthLint/baselined', (p: { count: number }) => {
      baselinedCounts.push(p.count);
    });
  });
  after(async () => client?.stop());

  it('scans every file the engine reads with progress: begin, "done/total" reports up to 100%, end', async () => {
    // Open before the scan: the editor text (no finding) wins over the file on disk (one finding).
    client.open(uri('src/findings/connect.ps1'), 'powershell', 'Connect-AzAccount -Identity\n');
    // The editor text adds a finding to a baselined file: only the new one shows.
    client.open(uri('src/baselined/open.ps1'), 'powershell', `${ROPC}Connect-AzureAD -Credential $cred\n`);
    assert.deepEqual(await client.diagnosticsFor(uri('src/findings/connect.ps1')), []);
    assert.deepEqual((await client.diagnosticsFor(uri('src/baselined/open.ps1'))).map((d) => [d.code, d.range.start.line]), [['no-ropc', 2]]);

    const summary = await summaryOf(client);
    assert.deepEqual(summary, { files: total, done: total, findings: CASES.length - 1, baselined: 2, cancelled: false });

    const run = progressAfter(client, 0)!;
    const [begin, ...rest] = run.events;
    assert.deepEqual(begin, { kind: 'begin', title: 'Partner Auth Lint: scanning workspace', percentage: 0, message: 'collecting files', cancellable: true });
    assert.deepEqual(rest[rest.length - 1], { kind: 'end' });
    const reports = rest.slice(0, -1);
    assert.ok(reports.every((e) => e.kind === 'report'));
    const done = reports.map((e) => Number(/^(\d+)\/(\d+) files$/.exec((e as { message: string }).message)?.[1]));
    assert.ok(reports.every((e) => (e as { message: string }).message.endsWith(`/${total} files`)), 'every report has the right total');
    assert.deepEqual(reports[0], { kind: 'report', percentage: 0, message: `0/${total} files` });
    assert.deepEqual(reports[reports.length - 1], { kind: 'report', percentage: 100, message: `${total}/${total} files` });
    assert.equal(reports.length, 101, 'one report per whole percent, and the 0/total one');
    assert.deepEqual(done, [...done].sort((a, b) => a - b), 'files done never goes back');
    const percentages = reports.map((e) => (e as { percentage: number }).percentage);
    assert.deepEqual(percentages, Array.from({ length: 101 }, (_, i) => i));

    // Closed files' findings, exactly; nothing from ignored, excluded, skipped or baselined files; the open documents' own.
    const expected = new Map<string, unknown>(CASES.filter((c) => c.file !== 'connect.ps1').map((c) => [`src/findings/${c.file}`, [[c.ruleId, rangeOf(c.text, c.flagged, c.occurrence)]]]));
    expected.set('src/baselined/open.ps1', [['no-ropc', rangeOf(`${ROPC}Connect-AzureAD -Credential $cred\n`, '-Credential $cred', 1)]]);
    const got = shown(client, ws);
    assert.deepEqual(new Map([...got].map(([k, v]) => [k, shape(v)])), expected);
    assert.ok(!client.published.has(uri('src/baselined/sync.ps1')), 'fully baselined: nothing published');
    assert.ok(client.published.get(uri('src/findings/connect.ps1'))!.every((p) => p.version === 1), 'only the editor version was ever published');

    // The baseline count (status bar) and the log line.
    await client.until(() => (baselinedCounts[baselinedCounts.length - 1] === 3 ? true : undefined), 'baselined count 3 (2 in sync.ps1, 1 in open.ps1)');
    assert.ok(client.logs.some((l) => l.includes(`scanned ${total} of ${total} files`) && l.includes(`${CASES.length - 1} findings, 2 baselined (not shown)`)), client.logs.join('\n'));
  });

  it('answers code actions and hovers during a scan, and stops early when the progress is cancelled', async () => {
    const known = client.progress.size;
    const pending = summaryOf(client);
    const first = await client.until(() => {
      const run = progressAfter(client, known);
      return run?.events.some((e) => e.kind === 'report') ? run : undefined;
    }, 'the first progress report');
    // Mid-scan: the main thread answers requests (workers lint).
    const u = uri('src/baselined/open.ps1');
    const diagnostics = await client.diagnosticsFor(u);
    const actions = await client.codeActions(u, diagnostics);
    assert.ok(actions.some((a) => a.title === 'Disable no-ropc for this line'));
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line: 1, character: 3 } });
    assert.ok(!first.events.some((e) => e.kind === 'end'), 'the scan was still running');

    await client.cancelProgress(first.token);
    const summary = await pending;
    assert.equal(summary.cancelled, true);
    assert.equal(summary.files, total);
    assert.ok(summary.done < total, `stopped early: ${summary.done}/${total}`);
    const events = client.progress.get(first.token)!;
    assert.deepEqual(events[events.length - 1], { kind: 'end' });
    assert.equal(events.filter((e) => e.kind === 'end').length, 1);
    const lastReport = events.filter((e) => e.kind === 'report').pop() as { percentage: number };
    assert.ok(lastReport.percentage < 100);
    assert.ok(client.logs.some((l) => l.includes('(cancelled)')));
    // Findings from the first (complete) scan stay.
    assert.equal(shown(client, ws).size, CASES.length);
  });

  it('updates findings on file create, change, delete and rename without a rescan; ignores stay ignored', async () => {
    const scans = client.progress.size;
    // Create: an ignored file (gitignored folder) and a new file with a finding, in one batch.
    write(ws, 'build/new.ps1', ROPC);
    write(ws, 'pkg01/new.ps1', ROPC);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('build/new.ps1'), type: 1 }, { uri: uri('pkg01/new.ps1'), type: 1 }] });
    assert.deepEqual(shape(await client.diagnosticsFor(uri('pkg01/new.ps1'))), [['no-ropc', rangeOf(ROPC, '-Credential $cred')]]);
    assert.ok(!client.published.has(uri('build/new.ps1')));

    // Change: the finding is fixed on disk.
    let since = client.publishCount(uri('pkg01/new.ps1'));
    write(ws, 'pkg01/new.ps1', 'Connect-AzAccount -Identity\n');
    await client.watchedFileChanged(path.join(ws, 'pkg01/new.ps1'), 2);
    assert.deepEqual(await client.nextDiagnostics(uri('pkg01/new.ps1'), since), []);

    // Change of a file that is open: the editor text still wins.
    write(ws, 'src/findings/connect.ps1', `${ROPC}${ROPC}`);
    await client.watchedFileChanged(path.join(ws, 'src/findings/connect.ps1'), 2);

    // Delete.
    since = client.publishCount(uri('src/findings/sign_in.py'));
    fs.rmSync(path.join(ws, 'src/findings/sign_in.py'));
    await client.watchedFileChanged(path.join(ws, 'src/findings/sign_in.py'), 3);
    assert.deepEqual(await client.nextDiagnostics(uri('src/findings/sign_in.py'), since), []);

    // Rename (delete + create): the findings move with the file.
    since = client.publishCount(uri('src/findings/settings.js'));
    fs.renameSync(path.join(ws, 'src/findings/settings.js'), path.join(ws, 'pkg02/settings.js'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('src/findings/settings.js'), type: 3 }, { uri: uri('pkg02/settings.js'), type: 1 }] });
    const js = CASES.find((c) => c.file === 'settings.js')!;
    assert.deepEqual(shape(await client.diagnosticsFor(uri('pkg02/settings.js'))), [[js.ruleId, rangeOf(js.text, js.flagged)]]);
    assert.deepEqual(await client.nextDiagnostics(uri('src/findings/settings.js'), since), []);

    // A folder deleted: every scanned file below it is cleared.
    since = client.publishCount(uri('src/findings/PartnerAuth.cs'));
    fs.rmSync(path.join(ws, 'src/findings'), { recursive: true });
    await client.watchedFileChanged(path.join(ws, 'src/findings'), 3);
    assert.deepEqual(await client.nextDiagnostics(uri('src/findings/PartnerAuth.cs'), since), []);
    await client.until(() => ([...shown(client, ws).keys()].every((k) => !k.startsWith('src/findings/') || k === 'src/findings/connect.ps1') ? true : undefined), 'src/findings cleared');

    assert.equal(client.progress.size, scans, 'no rescan');
    assert.ok(client.published.get(uri('src/findings/connect.ps1'))!.every((p) => p.version === 1 && p.diagnostics.length === 0), 'the open document kept the editor text');

    // Closing a document of a scanned folder: its findings come from disk again.
    since = client.publishCount(uri('src/findings/connect.ps1'));
    client.close(uri('src/findings/connect.ps1'));
    assert.deepEqual(await client.nextDiagnostics(uri('src/findings/connect.ps1'), since), [], 'the file is gone from disk');
  });

  it('re-reads the baseline when it changes: emptied, the baselined findings appear', async () => {
    const since = client.publishCount(uri('src/baselined/open.ps1'));
    write(ws, '.partner-auth-lint-baseline.json', '{ "version": 1, "findings": [] }\n');
    await client.watchedFileChanged(path.join(ws, '.partner-auth-lint-baseline.json'), 2);
    assert.deepEqual((await client.diagnosticsFor(uri('src/baselined/sync.ps1'))).map((d) => [d.code, d.range.start.line]), [['no-ropc', 1], ['no-ropc', 2]]);
    assert.deepEqual((await client.nextDiagnostics(uri('src/baselined/open.ps1'), since)).map((d) => d.range.start.line), [1, 2]);
    await client.until(() => (baselinedCounts[baselinedCounts.length - 1] === 0 ? true : undefined), 'baselined count 0');
  });
});

describe('language server: workspace scan, pull diagnostics and single-threaded', function () {
  this.timeout(60000);
  let ws = '';
  let client: TestClient;
  const uri = (rel: string) => `file://${path.join(ws, rel)}`;
  const ps = CASES.find((c) => c.file === 'connect.ps1')!;
  const java = CASES.find((c) => c.file === 'PartnerConfig.java')!;

  before(async () => {
    ensureBuilt();
    ws = tempWorkspace();
    write(ws, 'a/connect.ps1', ps.text);
    write(ws, 'b/PartnerConfig.java', java.text);
    write(ws, 'b/clean.py', 'print(1)\n');
    write(ws, 'ignored/connect.ps1', ps.text);
    write(ws, '.gitignore', 'ignored/\n');
    client = await TestClient.start({ workspace: ws, pull: true, settings: { rules: RULES }, env: { PARTNER_AUTH_LINT_SCAN_WORKERS: '0' } });
  });
  after(async () => client?.stop());

  const workspacePull = (previousResultIds: { uri: string; value: string }[] = []) =>
    client.connection.sendRequest<{ items: WorkspaceDocumentDiagnosticReport[] }>('workspace/diagnostic', { previousResultIds });

  it('before any scan, file events change nothing and the workspace pull has only open documents', async () => {
    write(ws, 'a/later.ps1', ROPC);
    await client.watchedFileChanged(path.join(ws, 'a/later.ps1'), 1);
    assert.deepEqual((await workspacePull()).items, []);
    assert.deepEqual((await client.pull(uri('a/later.ps1'))).items, []);
  });

  it('serves closed files\' findings to workspace/diagnostic with result ids, and the open document from the editor', async () => {
    client.open(uri('b/PartnerConfig.java'), 'java', 'public class PartnerConfig {}\n');
    assert.deepEqual(await summaryOf(client), { files: 4, done: 4, findings: 2, baselined: 0, cancelled: false });
    const { items } = await workspacePull();
    const byPath = new Map(items.map((i) => [path.relative(ws, i.uri.replace(/^file:\/\//, '')), i]));
    assert.deepEqual([...byPath.keys()].sort(), ['a/connect.ps1', 'a/later.ps1', 'b/PartnerConfig.java']);
    const connect = byPath.get('a/connect.ps1') as WorkspaceDocumentDiagnosticReport & { kind: 'full'; resultId: string };
    assert.equal(connect.kind, 'full');
    assert.equal(connect.version, null);
    assert.deepEqual(shape(connect.items), [[ps.ruleId, rangeOf(ps.text, ps.flagged)]]);
    assert.deepEqual((byPath.get('b/PartnerConfig.java') as { items: Diagnostic[]; version: number }).items, [], 'the open document: editor text');
    assert.equal((byPath.get('b/PartnerConfig.java') as { version: number }).version, 1);
    assert.deepEqual(shape((await client.pull(uri('a/connect.ps1'))).items), [[ps.ruleId, rangeOf(ps.text, ps.flagged)]], 'a document pull for a closed file');

    // Unchanged since the client's result id.
    const again = await workspacePull([{ uri: connect.uri, value: connect.resultId }]);
    assert.deepEqual(again.items.find((i) => i.uri === connect.uri), { kind: 'unchanged', uri: connect.uri, version: null, resultId: connect.resultId });

    // Deleted: reported empty once.
    fs.rmSync(path.join(ws, 'a/later.ps1'));
    await client.watchedFileChanged(path.join(ws, 'a/later.ps1'), 3);
    const third = await workspacePull();
    assert.deepEqual(third.items.find((i) => i.uri.endsWith('/a/later.ps1')), { kind: 'full', uri: uri('a/later.ps1'), version: null, items: [] });
    assert.equal((await workspacePull()).items.find((i) => i.uri.endsWith('/a/later.ps1')), undefined);
  });

  it('a .gitignore change during a requested scan does not cancel it; the scan after it applies the new ignores', async () => {
    const requested = summaryOf(client);
    write(ws, '.gitignore', 'b/\n');
    await client.watchedFileChanged(path.join(ws, '.gitignore'), 1);
    const summary = await requested;
    assert.equal(summary.cancelled, false);
    const after = await summaryOf(client);
    // Whether the requested scan already saw the new ignores depends on timing; the scan after it must.
    const outsideB = fs.readdirSync(ws, { recursive: true, encoding: 'utf8' }).filter((f) => !f.startsWith('b') && languageOf(f) && fs.statSync(path.join(ws, f)).isFile());
    assert.deepEqual([after.files, after.cancelled], [outsideB.length, false]);
    fs.rmSync(path.join(ws, '.gitignore'));
    await client.watchedFileChanged(path.join(ws, '.gitignore'), 3);
  });
});

describe('language server: partnerAuthLint.scanOnStartup', function () {
  this.timeout(60000);
  let ws = '';
  let client: TestClient;
  const uri = (rel: string) => `file://${path.join(ws, rel)}`;

  before(async () => {
    ensureBuilt();
    ws = tempWorkspace();
    write(ws, 'ops/connect.ps1', ROPC);
    write(ws, 'ops/clean.ps1', 'Write-Host ok\n');
    client = await TestClient.start({ workspace: ws, settings: { rules: RULES, scanOnStartup: true } });
  });
  after(async () => client?.stop());

  it('scans when the server starts and keeps the findings current as files change', async () => {
    assert.deepEqual(shape(await client.diagnosticsFor(uri('ops/connect.ps1'))), [['no-ropc', rangeOf(ROPC, '-Credential $cred')]]);
    const events = await client.until(() => {
      const run = [...client.progress.values()][0];
      return run?.some((e) => e.kind === 'end') ? run : undefined;
    }, 'the start-up scan to end');
    assert.deepEqual(events.filter((e) => e.kind === 'report').pop(), { kind: 'report', percentage: 100, message: '2/2 files' });
    write(ws, 'ops/clean.ps1', ROPC);
    await client.watchedFileChanged(path.join(ws, 'ops/clean.ps1'), 2);
    assert.deepEqual(shape(await client.diagnosticsFor(uri('ops/clean.ps1'))), [['no-ropc', rangeOf(ROPC, '-Credential $cred')]]);
  });

  it('scans again when a setting that changes findings changes, not for others', async () => {
    const since = client.publishCount(uri('ops/connect.ps1'));
    await client.changeSettings({ rules: { ...RULES, 'no-ropc': 'warning' }, scanOnStartup: true });
    assert.deepEqual((await client.nextDiagnostics(uri('ops/connect.ps1'), since)).map((d) => d.severity), [2]);
    await client.until(() => ([...client.progress.values()][1]?.some((e) => e.kind === 'end') ? true : undefined), 'the second scan to end');
    await client.changeSettings({ rules: { ...RULES, 'no-ropc': 'warning' }, scanOnStartup: true, run: 'onSave' });
    await client.changeSettings({ rules: { ...RULES, 'no-ropc': 'warning' }, scanOnStartup: true, run: 'onSave', exclude: ['ops/clean.ps1'] });
    await client.until(() => ([...client.progress.values()][2]?.some((e) => e.kind === 'end') ? true : undefined), 'the third scan to end');
    assert.equal(client.progress.size, 3, 'run=onSave alone started no scan');
    assert.deepEqual(await client.diagnosticsFor(uri('ops/clean.ps1')), [], 'newly excluded: cleared');
  });
});
