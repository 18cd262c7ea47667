// Runs suite.js inside code-server's Node extension host (the @vscode/test-electron model without Electron).
// Needs CS_NODE, CS_ENTRY and PLAYWRIGHT_DIR (see README.md beside this file); prints the exit code of run().
// SUITE=token-suite.js runs the token suite instead, at log level trace, then scans every log file for the token.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const here = path.dirname(new URL(import.meta.url).pathname);
const suite = process.env.SUITE ?? 'suite.js';
const repo = path.resolve(here, '../../..');
const { chromium } = createRequire(path.join(process.env.PLAYWRIGHT_DIR, 'x.js'))('playwright-core');

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pal-e2e-'));
const ws = path.join(root, 'ws');
fs.cpSync(path.join(here, 'ws'), ws, { recursive: true });
fs.writeFileSync(path.join(root, 'config.yaml'), 'auth: none\n');
fs.mkdirSync(path.join(root, 'data', 'User'), { recursive: true });
fs.writeFileSync(path.join(root, 'data', 'User', 'settings.json'), JSON.stringify({
  'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'telemetry.telemetryLevel': 'off',
  'update.mode': 'none', 'extensions.autoCheckUpdates': false, 'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden', 'git.enabled': false,
}));
const args = [process.env.CS_ENTRY, '--config', path.join(root, 'config.yaml'), '--user-data-dir', path.join(root, 'data'),
  '--extensions-dir', path.join(root, 'exts'), '--bind-addr', '127.0.0.1:0', '--auth', 'none', '--disable-telemetry',
  '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened',
  '--vscode-option', 'enable-smoke-test-driver', ...(suite === 'token-suite.js' ? ['--log', 'trace'] : [])];
const cs = spawn(process.env.CS_NODE, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
const stop = () => { try { process.kill(-cs.pid, 'SIGTERM'); } catch { /* gone */ } };
let csLog = '';
const port = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`code-server did not start:\n${csLog}`)), 60000);
  const onData = (b) => {
    csLog += b;
    const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(csLog);
    if (m) { clearTimeout(timer); resolve(Number(m[1])); }
  };
  cs.stdout.on('data', onData);
  cs.stderr.on('data', onData);
});
const ctx = await chromium.launchPersistentContext(path.join(root, 'chromium'), {
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let code = 'timeout';
try {
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  let exit;
  const exited = new Promise((r) => { exit = r; });
  await page.exposeFunction('codeAutomationLog', (type, a) => { const s = (a ?? []).map(String).join(' '); if (/itest|Error|error/.test(s)) console.log(`[exthost:${type}] ${s}`);
    if (s.includes('[itest] screenshot') && process.env.SCREENSHOT) void page.screenshot({ path: process.env.SCREENSHOT }).catch(() => undefined);
  });
  await page.exposeFunction('codeAutomationExit', (c) => exit(c));
  const auth = `127.0.0.1:${port}`;
  const payload = [['extensionDevelopmentPath', `vscode-remote://${auth}${repo}`], ['extensionTestsPath', `vscode-remote://${auth}${path.join(here, suite)}`]];
  await page.goto(`http://${auth}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  let timer;
  code = await Promise.race([exited, new Promise((r) => { timer = setTimeout(() => r('timeout'), 150000); })]);
  clearTimeout(timer);
} finally {
  await ctx.close().catch(() => undefined);
  stop();
}
if (suite === 'token-suite.js' && code === 0) code = scanLogsForToken();
console.log(`extension-host suite exit code: ${code}`);
process.exit(code === 0 ? 0 : 1);

/**
 * The token suite wrote its token into ws/token.js: no log file of the session (built-in extensions' own logs
 * aside: the TypeScript server logs file contents at trace level) may hold 9 characters of it in a row.
 */
function scanLogsForToken() {
  const token = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]*/.exec(fs.readFileSync(path.join(ws, 'token.js'), 'utf8'))?.[0];
  if (!token) return 'no token file';
  const windows = new Set();
  for (let i = 0; i + 9 <= token.length; i++) windows.add(token.slice(i, i + 9));
  const files = [];
  const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(path.join(d, e.name)) : files.push(path.join(d, e.name)); };
  walk(path.join(root, 'data', 'logs'));
  let leaks = 0;
  let ours = 0;
  for (const f of files) {
    if (/[\\/]vscode\.[\w-]+[\\/]/.test(path.relative(root, f))) continue;
    const text = fs.readFileSync(f, 'utf8');
    if (/Partner Auth Lint/.test(path.basename(f))) {
      ours++;
      const lines = text.split('\n');
      console.log(`[log] ${path.basename(f)}: ${lines.filter((l) => l.includes('Decode Token')).join(' / ')}`);
      console.log(`[log] protocol trace: ${lines.filter((l) => /\[trace\] (Sending|Received) request 'partnerAuthLint\/decodeToken/.test(l)).length} decode request lines, ${lines.filter((l) => /Params: /.test(l)).length} with parameters`);
    }
    for (const line of text.split('\n')) if ([...windows].some((w) => line.includes(w))) { leaks++; console.log(`[leak] ${path.relative(root, f)}: ${line.slice(0, 160)}`); }
  }
  console.log(`[log] scanned ${files.length} log files (${ours} of Partner Auth Lint) for the token: ${leaks} leaking lines`);
  return leaks === 0 && ours > 0 ? 0 : 1;
}
