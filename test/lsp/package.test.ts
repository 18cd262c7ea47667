// `npm run package` builds a self-contained VSIX: bundles, grammars, docs and nothing from node_modules, sources or tests.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, TestClient } from './client';
import { tempWorkspace } from './build';
import { CASES, rangeOf } from './cases';
import { readZip, type ZipEntry } from './zip';

describe('VSIX packaging', function () {
  this.timeout(180000);
  let entries: ZipEntry[];
  let names: string[];

  before(() => {
    const vsix = path.join(ROOT, 'partner-auth-lint.vsix');
    fs.rmSync(vsix, { force: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    execFileSync(npm, ['run', 'package'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], timeout: 170000 });
    entries = readZip(fs.readFileSync(vsix));
    names = entries.map((e) => e.name);
  });

  it('contains the bundles, the five grammars, the docs, the icon and the config schema', () => {
    for (const name of [
      'extension/package.json', 'extension/dist/extension.js', 'extension/dist/server.js', 'extension/dist/scanWorker.js', 'extension/dist/estree.js',
      'extension/dist/web-tree-sitter.wasm', 'extension/dist/tree-sitter-c_sharp.wasm', 'extension/dist/tree-sitter-java.wasm',
      'extension/dist/tree-sitter-python.wasm', 'extension/dist/tree-sitter-powershell.wasm',
      'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt', 'extension/images/icon.png',
      'extension/schemas/partner-auth-lint.schema.json',
    ]) assert.ok(names.includes(name), `${name} is in the VSIX`);
    assert.equal(names.filter((n) => n.endsWith('.wasm')).length, 5);
  });

  it('contains no node_modules, sources, source maps, tests or fixtures', () => {
    const bad = names.filter((n) => /(^|\/)node_modules\/|\.ts$|\.map$|(^|\/)test\/|(^|\/)fixtures\/|(^|\/)rules\/|(^|\/)scratch\//.test(n));
    assert.deepEqual(bad, []);
    assert.ok(names.length <= 20, `a small VSIX: ${names.length} files`);
  });

  it('declares its activation, commands, settings and schema in the packaged manifest', () => {
    const pkg = JSON.parse(entries.find((e) => e.name === 'extension/package.json')!.data().toString('utf8'));
    assert.ok(!pkg.activationEvents.includes('*'));
    assert.deepEqual(pkg.contributes.commands.map((c: { title: string; category: string }) => `${c.category}: ${c.title}`), [
      'Partner Auth Lint: Restart Server', 'Partner Auth Lint: Show Output', 'Partner Auth Lint: Open Rule Documentation',
      'Partner Auth Lint: Decode Token', 'Partner Auth Lint: Verify Token Signature with JWKS File…', 'Partner Auth Lint: Scan Workspace',
      'Partner Auth Lint: Show Readiness Report',
    ]);
    assert.deepEqual(pkg.contributes.commands.map((c: { command: string }) => c.command).slice(3), ['partnerAuthLint.decodeToken', 'partnerAuthLint.verifyTokenSignature', 'partnerAuthLint.scanWorkspace', 'partnerAuthLint.showReadinessReport']);
    assert.deepEqual(pkg.contributes.configuration.properties['partnerAuthLint.scanOnStartup'].default, false);
    for (const [key, setting] of Object.entries(pkg.contributes.configuration.properties as Record<string, { description?: string }>)) assert.ok(setting.description, `${key} has a description`);
    assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: '.partner-auth-lint.json', url: './schemas/partner-auth-lint.schema.json' }]);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.equal(pkg.main, './dist/extension.js');
  });

  it('its server runs on its own, without the repository\'s node_modules', async () => {
    const dir = tempWorkspace();
    for (const e of entries.filter((x) => x.name.startsWith('extension/dist/'))) fs.writeFileSync(path.join(dir, path.basename(e.name)), e.data());
    const ws = tempWorkspace();
    const client = await TestClient.start({ workspace: ws, server: path.join(dir, 'server.js') });
    try {
      // JavaScript and TypeScript: typescript-estree is dist/estree.js, beside the server.
      for (const c of CASES.filter((x) => ['PowerShell', 'C#', 'Java', 'Python', 'JavaScript', 'TypeScript'].includes(x.name))) {
        const u = `file://${path.join(ws, c.file)}`;
        client.open(u, c.languageId, c.text);
        assert.deepEqual((await client.diagnosticsFor(u)).map((d) => [d.code, d.range]), [[c.ruleId, rangeOf(c.text, c.flagged, c.occurrence)]], c.name);
      }
    } finally {
      await client.stop();
    }
  });
});
