// The language server over stdio: exact diagnostics for every language, incremental edits, push and pull.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { languageFromEditor } from '../../rules/adapters/languages';
import { lint } from '../../rules/engine/lint';
import { toDiagnostics } from '../../server/lsp/diagnostics';
import { ensureBuilt, useServer } from './build';
import { CASES, DOCS, rangeOf } from './cases';

/** The fields a user sees, in a fixed shape for exact comparison. */
function shape(list: Diagnostic[]) {
  return list.map((d) => ({ range: d.range, code: d.code, source: d.source, severity: d.severity, href: d.codeDescription?.href }));
}

function expected(text: string, flagged: string, ruleId: string, severity = 1, occurrence?: number) {
  return [{ range: rangeOf(text, flagged, occurrence), code: ruleId, source: 'partner-auth-lint', severity, href: `${DOCS}${ruleId}/README.md` }];
}

describe('language server: diagnostics', function () {
  this.timeout(60000);
  const s = useServer();
  const uri = s.uri;

  it('advertises incremental sync and quick fixes, and no pull provider to a push-only client', () => {
    const caps = s.client.capabilities as { textDocumentSync: { change: number }; codeActionProvider: unknown; diagnosticProvider?: unknown };
    assert.equal(caps.textDocumentSync.change, 2);
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix'], resolveProvider: false });
    assert.equal(caps.diagnosticProvider, undefined);
  });

  for (const c of CASES) {
    it(`publishes the exact diagnostic for ${c.name}`, async () => {
      s.client.open(uri(c.file), c.languageId, c.text);
      const got = await s.client.diagnosticsFor(uri(c.file));
      assert.deepEqual(shape(got), expected(c.text, c.flagged, c.ruleId, 1, c.occurrence));
      assert.match(String(got[0].message), c.ruleId === 'no-ropc' ? /password/i : /secret|password|credential/i);
      assert.equal((got[0].data as { ruleId: string }).ruleId, c.ruleId);
    });
  }

  it('re-lints incremental edits: moving a finding shifts its range, removing it clears the diagnostics', async () => {
    const u = uri('edit.ps1');
    const text = '$cred = Get-Credential\nConnect-ExchangeOnline -Credential $cred\n';
    s.client.open(u, 'powershell', text);
    assert.equal((await s.client.diagnosticsFor(u)).length, 1);
    // Insert two lines above: the finding moves down by two lines.
    const moved = s.client.change(u, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '# sign in\n\n' }]);
    assert.deepEqual(shape(await s.client.diagnosticsFor(u)), expected(moved.getText(), '-Credential $cred', 'no-ropc'));
    // Replace the password sign-in with a managed identity one: no finding left.
    const fixed = s.client.change(u, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 40 } }, newText: 'Connect-AzAccount -Identity' }]);
    assert.equal(fixed.getText(), '$cred = Get-Credential\n# sign in\n\nConnect-AzAccount -Identity\n');
    assert.deepEqual(await s.client.diagnosticsFor(u), []);
  });

  it('honours suppression comments (disable-line, disable-next-line with several rules and a reason)', async () => {
    const u = uri('suppressed.py');
    const text = [
      'import msal',
      'r1 = app.acquire_token_by_username_password(u, p, scopes=S)  # partner-auth-lint-disable-line no-ropc -- legacy tenant, until 2099-01-01',
      '# partner-auth-lint-disable-next-line no-stored-credentials, no-ropc -- migration ticket 42',
      'r2 = app.acquire_token_by_username_password(u, p, scopes=S)',
      'r3 = app.acquire_token_by_username_password(u, p, scopes=S)',
      '',
    ].join('\n');
    s.client.open(u, 'python', text);
    const got = await s.client.diagnosticsFor(u);
    assert.deepEqual(got.map((d) => [d.code, d.range.start.line]), [['no-ropc', 4]]);
  });

  it('after 200 rapid edits publishes exactly what a fresh scan of the final text finds, never an older version after a newer one', async () => {
    const u = uri('rapid.ps1');
    s.client.open(u, 'powershell', '$cred = Get-Credential\n');
    await s.client.diagnosticsFor(u);
    const lines = ['Connect-ExchangeOnline -Credential $cred', "$password = 'P@ssw0rd-2026'", 'Write-Host ok', 'Connect-AzAccount -Credential $cred -TenantId $t'];
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let i = 0; i < 200; i++) {
      const doc = s.client.docs.get(u)!;
      const line = rand(doc.lineCount);
      if (rand(3) === 0 && doc.lineCount > 2) s.client.change(u, [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' }]);
      else s.client.change(u, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${lines[rand(lines.length)]}\n` }]);
    }
    const final = s.client.docs.get(u)!;
    const got = await s.client.diagnosticsFor(u);
    const fresh = await lint(final.getText(), path.join(s.ws, 'rapid.ps1'), { language: languageFromEditor('powershell', 'rapid.ps1'), partnerType: 'unknown', rules: {} });
    assert.ok(fresh && fresh.findings.length > 0, 'the final text has findings');
    assert.deepEqual(JSON.parse(JSON.stringify(got)), JSON.parse(JSON.stringify(toDiagnostics(fresh))));
    const versions = s.client.published.get(u)!.map((p) => p.version ?? 0);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'versions only increase');
    assert.ok(versions.length < 50, `debounced: ${versions.length} publishes for 200 edits`);
  });

  it('reports one information diagnostic for a file over the size limit', async () => {
    const u = uri('huge.env');
    const line = 'OAUTH_GRANT_TYPE=password\n';
    s.client.open(u, 'plaintext', line.repeat(Math.ceil((2 * 1024 * 1024 + 10) / line.length)));
    const got = await s.client.diagnosticsFor(u, 20000);
    assert.equal(got.length, 1);
    assert.equal(got[0].severity, 3);
    assert.equal(got[0].source, 'partner-auth-lint');
    assert.match(String(got[0].message), /skipped this file: it is 2\.0 MB, over the 2\.0 MB limit/);
  });

  it('clears diagnostics on close and ignores files it does not read', async () => {
    const u = uri('notes.txt');
    s.client.open(u, 'plaintext', 'grant_type=password\n');
    assert.deepEqual(await s.client.diagnosticsFor(u), []);
    s.client.close(uri('edit.ps1'));
    await s.client.until(() => s.client.published.get(uri('edit.ps1'))?.at(-1)?.diagnostics.length === 0 ? true : undefined, 'cleared diagnostics');
  });

  it('survives malformed requests and hostile input, and keeps serving', async () => {
    const actions = await s.client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uri('nope.ps1') }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
    assert.deepEqual(actions, []);
    const bogus = await s.client.codeActions(uri('connect.ps1'), [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x', source: 'partner-auth-lint', data: { ruleId: 42 } } as unknown as Diagnostic]);
    assert.deepEqual(bogus, []);
    for (const c of CASES) {
      const u = uri(`hostile-${c.file}`);
      s.client.open(u, c.languageId, `${c.text.slice(0, c.text.length >> 1)}\u0000\uD800"'{[<!--\${@(\n`);
      await s.client.diagnosticsFor(u);
    }
    assert.ok(s.client.alive);
    s.client.open(uri('after.ps1'), 'powershell', CASES[0].text);
    assert.equal((await s.client.diagnosticsFor(uri('after.ps1'))).length, 1);
  });

  it('never writes flagged text (possible secrets) to its log', () => {
    assert.ok(s.client.logs.length > 0, 'the server logged something');
    for (const c of CASES) for (const line of s.client.logs) assert.ok(!line.includes(c.flagged.replace(/^["']|["']$/g, '')) || c.ruleId === 'no-ropc', `log line quotes ${c.name}'s secret`);
  });
});

describe('language server: pull diagnostics', function () {
  this.timeout(60000);
  const s = useServer({ pull: true });
  const uri = s.uri;

  it('advertises a diagnostic provider with workspace diagnostics', () => {
    assert.deepEqual(s.client.capabilities.diagnosticProvider, { identifier: 'partner-auth-lint', interFileDependencies: false, workspaceDiagnostics: true });
  });

  it('answers textDocument/diagnostic for every language, follows edits, and never pushes', async () => {
    for (const c of CASES) {
      s.client.open(uri(c.file), c.languageId, c.text);
      const report = await s.client.pull(uri(c.file));
      assert.equal(report.kind, 'full');
      assert.deepEqual(shape(report.items), expected(c.text, c.flagged, c.ruleId, 1, c.occurrence), c.name);
    }
    const c = CASES[1];
    s.client.change(uri(c.file), [{ range: rangeOf(c.text, 'UsernamePasswordCredential(user, pwd, TenantId, ClientId)'), newText: 'ManagedIdentityCredential()' }]);
    assert.deepEqual((await s.client.pull(uri(c.file))).items, []);
    await new Promise((r) => setTimeout(r, 400)); // past the debounce: still nothing pushed
    assert.equal(s.client.published.size, 0);
  });

  it('answers workspace/diagnostic with every open document', async () => {
    const report = (await s.client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as { items: { uri: string; version: number; items: Diagnostic[] }[] };
    const byFile = (a: (string | number)[], b: (string | number)[]) => String(a[0]).localeCompare(String(b[0]));
    assert.deepEqual(report.items.map((i) => [path.basename(i.uri), i.items.length]).sort(byFile), CASES.map((c) => [c.file, c.name === 'C#' ? 0 : 1]).sort(byFile));
  });
  it('run=onSave: a pull while typing returns the last saved snapshot; after save, the new findings', async () => {
    await s.client.changeSettings({ run: 'onSave' });
    const u = uri('saved.ps1');
    s.client.open(u, 'powershell', 'Write-Host hi\n');
    assert.deepEqual((await s.client.pull(u)).items, []);
    s.client.change(u, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: CASES[0].text }]);
    assert.deepEqual((await s.client.pull(u)).items, [], 'typing does not lint');
    s.client.save(u);
    assert.deepEqual((await s.client.pull(u)).items.map((d) => [d.code, d.range.start.line]), [['no-ropc', 2]]);
    await s.client.changeSettings({});
  });
});

describe('language server: transports', function () {
  this.timeout(30000);
  before(() => ensureBuilt());

  it('serves over node IPC (--node-ipc), as VS Code starts it', async () => {
    const { fork } = await import('node:child_process');
    const { createProtocolConnection, IPCMessageReader, IPCMessageWriter } = await import('vscode-languageserver-protocol/node');
    const { SERVER } = await import('./client');
    const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const published: { uri: string; diagnostics: Diagnostic[] }[] = [];
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => void published.push(p));
    connection.listen();
    try {
      await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
      await connection.sendNotification('initialized', {});
      const c = CASES[0];
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///ipc/connect.ps1', languageId: c.languageId, version: 1, text: c.text } });
      const deadline = Date.now() + 10000;
      while (published.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(shape(published[0]?.diagnostics ?? []), expected(c.text, c.flagged, c.ruleId));
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
