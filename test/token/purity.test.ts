import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

describe('token inspector: purity (no network, no file writes, no logging)', () => {
  it('decoding and rendering every sample (core, server request and hover, client command) reaches no patched network, DNS, file-write, process or console API', function () {
    this.timeout(60000);
    // A fresh process, so that the patches are in place before the inspector module is first imported.
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'purity-child.ts')], {
      cwd: path.join(__dirname, '..', '..'),
      encoding: 'utf8',
      timeout: 55000,
    });
    const line = child.stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop();
    assert.ok(line, `no result from the child process: ${child.stderr}`);
    const result = JSON.parse(line) as { calls: string[]; verdicts?: string[]; editorVerdicts?: string[]; fatal?: string };
    assert.equal(result.fatal, undefined);
    assert.deepEqual(result.calls, []);
    assert.ok((result.verdicts?.length ?? 0) >= 25, 'all samples were inspected');
    assert.ok(result.verdicts?.includes('v1 mfa: accept'));
    assert.ok(result.verdicts?.includes('saml 1.1 xml: accept'));
    // The editor paths (decode request with a JWKS, the client command, hover, decode by document range) as well.
    assert.equal(result.editorVerdicts?.length, (result.verdicts?.length ?? 0) + 2);
    assert.ok(result.editorVerdicts?.includes('v1 mfa: accept/accept'));
    assert.ok(result.editorVerdicts?.includes('saml 1.1 xml: accept/accept'));
    assert.deepEqual(result.editorVerdicts?.slice(-2), ['hover: yes', 'by range: accept']);
  });
});
