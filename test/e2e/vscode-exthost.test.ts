// Extension-host integration tests, the @vscode/test-electron model inside code-server: the workbench loads this
// repository as the extension under development and exthost/index.js as extensionTestsPath (a built VS Code
// honours both in the URL's payload when the server runs with enable-smoke-test-driver), runs run() in the Node
// extension host with the real `vscode` API, and reports its outcome through window.codeAutomationExit.
// Afterwards every log file of the session (at trace level) is searched for the token the token suite used.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureTools } from './tools';
import { cleanup, DOCS, EXPECTED, ROOT, RULES, sandbox, SETUP_TIMEOUT } from './harness';
import { openSession, type Session } from './vscode';

describe('e2e: extension-host integration tests (real vscode API in code-server)', function () {
  this.timeout(240_000);
  let sb: { root: string; ws: string };
  let s: Session | undefined;
  let code: unknown;
  const output: string[] = [];
  let statusBar: Promise<void> | undefined;

  before(async function () {
    this.timeout(SETUP_TIMEOUT);
    const tools = await ensureTools();
    sb = sandbox('exthost');
    const handshake = path.join(sb.root, 'status-bar-check');
    let exit: (c: unknown) => void = () => undefined;
    const exited = new Promise((r) => (exit = r));
    s = await openSession(tools, {
      ...sb,
      smokeTestDriver: true,
      logLevel: 'trace',
      noWait: true,
      env: { PAL_E2E_CONTEXT: JSON.stringify({ expected: EXPECTED, rules: RULES, docs: DOCS, handshake }) },
      beforeGoto: async (page) => {
        await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
          const line = (args ?? []).map(String).join(' ');
          // the workbench's own errors about the closed network (gallery, GitHub sign-in) are noise here
          if (/\[itest\]/.test(line) || (type === 'error' && !/ENOTFOUND|authentication provider/.test(line))) output.push(`[exthost:${type}] ${line}`);
          const m = /\[itest\] status-bar (Partner Auth \d+)/.exec(line);
          if (m) {
            // The suite waits for this answer: is the count it computed what the status bar item shows?
            statusBar = page.locator('.statusbar-item', { hasText: m[1] }).first().waitFor({ timeout: 10_000 }).then(
              () => fs.writeFileSync(handshake, 'ok'),
              async () => fs.writeFileSync(handshake, `the status bar shows ${JSON.stringify(await page.locator('.statusbar-item').allInnerTexts())}, not "${m[1]}"`),
            );
          }
        });
        await page.exposeFunction('codeAutomationExit', (c: unknown) => exit(c));
      },
      query: (port) => {
        const auth = `127.0.0.1:${port}`;
        return `&payload=${encodeURIComponent(JSON.stringify([
          ['extensionDevelopmentPath', `vscode-remote://${auth}${ROOT}`],
          ['extensionTestsPath', `vscode-remote://${auth}${path.join(__dirname, 'exthost', 'index.js')}`],
        ]))}`;
      },
    });
    let timer: NodeJS.Timeout | undefined;
    code = await Promise.race([exited, new Promise((r) => (timer = setTimeout(() => r('timeout after 180 s'), 180_000)))]);
    clearTimeout(timer);
    await statusBar;
  });

  after(async function () {
    if (process.env.PAL_E2E_VERBOSE === '1') console.log(output.join('\n'));
    await s?.close();
    if (code !== 0) console.log(`    (logs in ${sb.root})`);
    else cleanup(sb?.root);
  });

  it('run() passes: activation, commands, settings schema, diagnostics, code actions, settings, restart, status bar, workspace scan, token commands', () => {
    assert.equal(code, 0, `extension tests exit code ${String(code)}:\n${output.join('\n')}`);
    for (const step of ['api: activated', 'api: commands and settings schema', 'api: code actions', 'api: status bar: Partner Auth', 'api: all passed', 'scan: all passed', 'token: all passed']) {
      assert.ok(output.some((l) => l.includes(`[itest] ${step}`)), `${step} in:\n${output.join('\n')}`);
    }
  });

  it('no log file of the session holds 9 characters of the decoded token in a row, protocol trace at verbose included', () => {
    assert.equal(code, 0, 'the suite ran');
    const text = fs.readFileSync(path.join(sb.ws, 'token.js'), 'utf8');
    const token = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]*/.exec(text)?.[0];
    assert.ok(token, 'the token suite wrote token.js');
    const windows = new Set<string>();
    for (let i = 0; i + 9 <= token.length; i++) windows.add(token.slice(i, i + 9));
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) (e.isDirectory() ? walk(path.join(d, e.name)) : files.push(path.join(d, e.name)));
    };
    walk(path.join(sb.root, 'data', 'logs'));
    const leaks: string[] = [];
    let ours = 0;
    let traced = 0;
    for (const f of files) {
      // Built-in extensions' own logs aside: the TypeScript server logs file contents at trace level.
      if (/[\\/]vscode\.[\w-]+[\\/]/.test(path.relative(sb.root, f))) continue;
      const lines = fs.readFileSync(f, 'utf8').split('\n');
      if (/Partner Auth Lint/.test(path.basename(f))) {
        ours++;
        traced += lines.filter((l) => /\[trace\] (Sending|Received) request 'partnerAuthLint\/decodeToken/.test(l)).length;
      }
      for (const line of lines) if ([...windows].some((w) => line.includes(w))) leaks.push(`${path.relative(sb.root, f)}: ${line.slice(0, 160)}`);
    }
    assert.ok(ours > 0, `our output channel's log is among ${files.length} log files`);
    assert.ok(traced > 0, 'the decode requests were traced');
    assert.deepEqual(leaks, []);
  });
});
