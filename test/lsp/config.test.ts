// Configuration over stdio: settings pulled per resource, the project file (watched), bad config, trust, onSave.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, tempWorkspace } from './build';
import { TestClient } from './client';

const PS = '$cred = Get-Credential\nConnect-ExchangeOnline -Credential $cred\n';

describe('language server: configuration', function () {
  this.timeout(60000);
  const clients: TestClient[] = [];
  after(async () => Promise.all(clients.map((c) => c.stop())));
  before(() => ensureBuilt());

  async function start(files: Record<string, string>, o: { settings?: Record<string, unknown>; trusted?: boolean } = {}) {
    const ws = tempWorkspace(files);
    const client = await TestClient.start({ workspace: ws, ...o });
    clients.push(client);
    return { ws, client, uri: (name: string) => `file://${path.join(ws, name)}` };
  }

  it('applies settings changes: severity override, exclude globs, enable=false, back to defaults', async () => {
    const { client, uri } = await start({});
    const u = uri('a.ps1');
    client.open(u, 'powershell', PS);
    assert.deepEqual((await client.diagnosticsFor(u)).map((d) => d.severity), [1]);
    const steps: [Record<string, unknown>, number[]][] = [
      [{ rules: { 'no-ropc': 'warning' } }, [2]],
      [{ rules: { 'no-ropc': 'info' } }, [3]],
      [{ rules: { 'no-ropc': 'off' } }, []],
      [{ exclude: ['**/*.ps1'] }, []],
      [{ enable: false }, []],
      [{}, [1]],
    ];
    for (const [settings, severities] of steps) {
      const since = client.publishCount(u);
      await client.changeSettings(settings);
      assert.deepEqual((await client.nextDiagnostics(u, since)).map((d) => d.severity), severities, JSON.stringify(settings));
    }
    assert.deepEqual(client.messages, [], 'valid settings raise no warning');
  });

  it('warns once about invalid settings and uses defaults for them', async () => {
    const { client, uri } = await start({}, { settings: { rules: { 'no-ropc': 'loud', 'no-such-rule': 'error' }, run: 'sometimes' } });
    for (const name of ['a.ps1', 'b.ps1', 'c.ps1']) client.open(uri(name), 'powershell', PS);
    for (const name of ['a.ps1', 'b.ps1', 'c.ps1']) assert.deepEqual((await client.diagnosticsFor(uri(name))).map((d) => d.severity), [1]);
    assert.equal(client.messages.length, 1);
    assert.equal(client.messages[0].type, 2);
    assert.match(client.messages[0].message, /"no-ropc" must be one of error, warning, info, off.*unknown rule "no-such-rule".*run must be "onType" or "onSave"/);
  });

  it('warns once about a malformed .partner-auth-lint.json, uses defaults, and recovers when the file is fixed', async () => {
    const { ws, client, uri } = await start({ '.partner-auth-lint.json': '{ "rules": { "no-ropc": "warning", }' });
    for (const name of ['a.ps1', 'b.ps1', 'c.ps1']) client.open(uri(name), 'powershell', PS);
    for (const name of ['a.ps1', 'b.ps1', 'c.ps1']) assert.deepEqual((await client.diagnosticsFor(uri(name))).map((d) => d.severity), [1]);
    assert.equal(client.messages.length, 1);
    assert.equal(client.messages[0].type, 2);
    assert.match(client.messages[0].message, /\.partner-auth-lint\.json is not valid JSON/);
    const since = client.publishCount(uri('a.ps1'));
    fs.writeFileSync(path.join(ws, '.partner-auth-lint.json'), '{ "rules": { "no-ropc": "warning" } }');
    await client.watchedFileChanged(path.join(ws, '.partner-auth-lint.json'));
    assert.deepEqual((await client.nextDiagnostics(uri('a.ps1'), since)).map((d) => d.severity), [2]);
    assert.equal(client.messages.length, 1, 'no new warning for a valid file');
  });

  const PROJECT = JSON.stringify({ partnerType: 'cpv', rules: { 'no-ropc': 'warning' }, ignore: ['generated/**'] });

  it('trusted workspace: the project file sets severities and ignores files; settings win over it', async () => {
    const { ws, client, uri } = await start({ '.partner-auth-lint.json': PROJECT });
    fs.mkdirSync(path.join(ws, 'generated'));
    client.open(uri('a.ps1'), 'powershell', PS);
    client.open(uri('generated/b.ps1'), 'powershell', PS);
    assert.deepEqual((await client.diagnosticsFor(uri('a.ps1'))).map((d) => d.severity), [2]);
    assert.deepEqual(await client.diagnosticsFor(uri('generated/b.ps1')), []);
    const since = client.publishCount(uri('a.ps1'));
    await client.changeSettings({ rules: { 'no-ropc': 'info' } });
    assert.deepEqual((await client.nextDiagnostics(uri('a.ps1'), since)).map((d) => d.severity), [3]);
  });

  it('untrusted workspace: only the project file\'s severities apply, not its ignore list', async () => {
    const { ws, client, uri } = await start({ '.partner-auth-lint.json': PROJECT }, { trusted: false });
    fs.mkdirSync(path.join(ws, 'generated'));
    client.open(uri('a.ps1'), 'powershell', PS);
    client.open(uri('generated/b.ps1'), 'powershell', PS);
    assert.deepEqual((await client.diagnosticsFor(uri('a.ps1'))).map((d) => d.severity), [2]);
    assert.deepEqual((await client.diagnosticsFor(uri('generated/b.ps1'))).map((d) => d.severity), [2]);
  });

  it('run=onSave: lints on open and save, not while typing', async () => {
    const { client, uri } = await start({}, { settings: { run: 'onSave' } });
    const u = uri('a.ps1');
    client.open(u, 'powershell', 'Write-Host hi\n');
    assert.deepEqual(await client.diagnosticsFor(u), []);
    client.change(u, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: PS }]);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(client.publishCount(u), 1, 'nothing published while typing');
    client.save(u);
    assert.deepEqual((await client.diagnosticsFor(u)).map((d) => [d.code, d.range.start.line]), [['no-ropc', 2]]);
  });
});
