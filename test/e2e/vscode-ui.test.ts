// VS Code as a person uses it: the packaged VSIX installed with --install-extension into code-server, the
// workbench in headless Chromium, driven with the keyboard (Quick Open, the command palette, Ctrl+.,
// Ctrl+Shift+M) and read from the DOM (Problems panel, quick-fix menu, webviews, status bar).
// PAL_SCREENSHOTS=<dir> saves the README's screenshots there (`npm run screenshots`).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { ensureTools } from './tools';
import { CLOSED, cleanup, DOCS, EXPECTED, expectedKeys, FILES, ROOT, RULES, sandbox, SETUP_TIMEOUT } from './harness';
import { openSession, packageVsix, Workbench, type ProblemRow, type Session } from './vscode';
import { TestClient } from '../lsp/client';

const SHOTS = process.env.PAL_SCREENSHOTS ? path.resolve(ROOT, process.env.PAL_SCREENSHOTS) : undefined;
const SECRET = 'abc8Q~0123456789abcdefghijklmnopqrstuvwx';

/** A JWT that Partner Center would accept (app + user, MFA, its audience, valid for another hour); never signed. */
function partnerCenterJwt(): string {
  const now = Math.floor(Date.now() / 1000);
  const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const tid = '72f988bf-86f1-41af-91ab-2d7cd011db47';
  return [
    b64({ alg: 'RS256', typ: 'JWT', kid: 'k1' }),
    b64({ aud: 'https://api.partnercenter.microsoft.com', iss: `https://sts.windows.net/${tid}/`, iat: now - 900, nbf: now - 900, exp: now + 3600,
      amr: ['pwd', 'mfa'], appid: '0b9f6d0b-2c1f-4bb1-9a7c-0f1c2e2a6b11', appidacr: '1', scp: 'user_impersonation', tid, upn: 'agent@contoso.onmicrosoft.com', ver: '1.0' }),
    Buffer.from('not-a-real-signature-'.repeat(8)).toString('base64url'),
  ].join('.');
}

/**
 * The rule fix the language server prefers for a file's one finding, and the text it makes of the file: what the
 * editor must end up with when a person picks it (robust to the fix's wording changing).
 */
async function preferredFix(ws: string, file: string, languageId: string): Promise<{ title: string; text: string }> {
  const client = await TestClient.start({ workspace: ws });
  try {
    const uri = `file://${path.join(ws, file)}`;
    client.open(uri, languageId, fs.readFileSync(path.join(ws, file), 'utf8'));
    const actions: CodeAction[] = await client.codeActions(uri, await client.diagnosticsFor(uri));
    const fix = actions.find((a) => a.isPreferred && a.edit) ?? actions.find((a) => a.edit && !/^(Disable|Ignore|Show documentation)/.test(a.title));
    assert.ok(fix?.edit, `the server offers a fix for ${file}: ${actions.map((a) => a.title).join(' | ')}`);
    return { title: fix.title, text: client.applyEdit(uri, fix.edit).getText() };
  } finally {
    await client.stop();
  }
}

describe('e2e: VS Code (code-server in Chromium) with the packaged VSIX', function () {
  this.timeout(120_000);
  let sb: { root: string; ws: string };
  let s: Session | undefined;
  let wb: Workbench;
  const ours = (rows: ProblemRow[], file: string): string[] => rows.filter((r) => r.file === file && (RULES as readonly string[]).includes(r.key.split('@')[0])).map((r) => r.key).sort();

  before(async function () {
    this.timeout(SETUP_TIMEOUT);
    const tools = await ensureTools();
    sb = sandbox('ui');
    fs.writeFileSync(path.join(sb.ws, 'token.txt'), `${partnerCenterJwt()}\n`);
    const vsix = packageVsix();
    s = await openSession(tools, { ...sb, vsix });
    wb = new Workbench(s.page);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && s) await s.page.screenshot({ path: path.join(sb.root, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
  });

  after(async function () {
    await s?.close();
    if (this.currentTest?.state === 'failed' || this.test?.parent?.tests.some((t) => t.state === 'failed')) console.log(`    (screenshots and logs in ${sb.root})`);
    else cleanup(sb?.root);
  });

  it('installed the extension from the VSIX and shows every expected finding in the Problems panel, with source, rule id and docs link', async () => {
    for (const file of FILES) await wb.open(file);
    await wb.problems();
    await wb.maximizePanel(true);
    const rows = await wb.untilProblems(sb.ws, 'the findings of every file', (r) => FILES.every((f) => ours(r, f).join() === expectedKeys(f).join()) && r);
    for (const r of rows) assert.equal(r.href, `${DOCS}${r.key.split('@')[0]}/README.md`, `docs link of ${r.file} ${r.key}`);
    assert.ok(rows.every((r) => r.text.includes('partner-auth-lint')));
    await wb.maximizePanel(false);
    // The status bar item counts our findings in open files.
    await s!.page.locator('.statusbar-item', { hasText: `Partner Auth ${rows.length}` }).waitFor({ timeout: 10_000 });

    await wb.command('View: Close All Editors');
    await wb.open('signin.ps1');
    await wb.untilProblems(sb.ws, 'signin.ps1 in Problems', (r) => ours(r, 'signin.ps1').length === 2);
    await wb.screenshot(SHOTS, 'problems.png');
  });

  it('applies a quick fix chosen with Ctrl+. and the saved file has the server\'s edit', async () => {
    const file = 'PartnerConfig.java';
    // Today: "Read the client secret from the environment variable CLIENT_SECRET" (System.getenv).
    const { title, text: expected } = await preferredFix(sb.ws, file, 'java');
    assert.ok(!expected.includes(SECRET), expected);
    await wb.command('View: Close All Editors');
    await wb.open(file);
    const e = EXPECTED.find((x) => x.file === file)!;
    await wb.goTo(e.line, 49);
    const offered = await wb.quickFixMenu(title);
    assert.ok(offered.some((t) => t.includes('Disable no-stored-credentials for this line')), offered.join(' | '));
    await wb.screenshot(SHOTS, 'quick-fix.png');
    await wb.pickQuickFix(title);
    await wb.save();
    assert.equal(fs.readFileSync(path.join(sb.ws, file), 'utf8'), expected);
    await wb.problems();
    await wb.untilProblems(sb.ws, `no finding left in ${file}`, (r) => ours(r, file).length === 0);
  });

  it('applies "Disable no-ropc for this line" and the finding goes away', async () => {
    const file = 'PartnerAuth.cs';
    await wb.open(file);
    await wb.problems();
    await wb.untilProblems(sb.ws, `no-ropc in ${file} before Ctrl+.`, (r) => ours(r, file).some((k) => k.startsWith('no-ropc@7 ')));
    await wb.goTo(7, 30);
    await wb.quickFixMenu('Disable no-ropc for this line');
    await wb.pickQuickFix('Disable no-ropc for this line');
    await wb.save();
    const lines = fs.readFileSync(path.join(sb.ws, file), 'utf8').split('\n');
    assert.deepEqual(lines.slice(5, 8), [
      '    {',
      '        // partner-auth-lint-disable-next-line no-ropc -- reason',
      '        var credential = new UsernamePasswordCredential(user, pwd, TenantId, ClientId);',
    ]);
    await wb.untilProblems(sb.ws, `no no-ropc left in ${file}`, (r) => ours(r, file).length === 0);
  });

  it('changes no-cpv-app-only\'s severity with partnerAuthLint.partnerType (unknown: warning, cpv: error, csp: off)', async () => {
    await wb.open('signin.ps1');
    const settings = path.join(sb.ws, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    const cpv = (r: ProblemRow[]): string | undefined => ours(r, 'signin.ps1').find((k) => k.startsWith('no-cpv-app-only@'));
    assert.equal(cpv(await wb.problemRows(sb.ws)), 'no-cpv-app-only@6 warning');
    for (const [partnerType, expected] of [['cpv', 'no-cpv-app-only@6 error'], ['csp', undefined]] as const) {
      fs.writeFileSync(settings, JSON.stringify({ 'partnerAuthLint.partnerType': partnerType }, null, 2));
      await wb.untilProblems(sb.ws, `partnerType ${partnerType}`, (r) => cpv(r) === expected && ours(r, 'signin.ps1').includes('no-ropc@5 error'));
    }
    fs.rmSync(settings);
    await wb.untilProblems(sb.ws, 'partnerType back to auto', (r) => cpv(r) === 'no-cpv-app-only@6 warning');
  });

  it('"Partner Auth Lint: Decode Token" on a selected token shows the Partner Center verdict', async () => {
    await wb.command('View: Close All Editors');
    await wb.open('token.txt');
    await s!.page.keyboard.press('Control+A');
    await wb.command('Partner Auth Lint: Decode Token');
    await s!.page.locator('.tabs-container .tab.active', { hasText: 'Token report 1' }).waitFor({ timeout: 30_000 });
    const { text } = await wb.frameWithText(/Partner Center: ACCEPT/);
    assert.match(text, /Partner Center: ACCEPT/);
    assert.match(text, /amr\s+pwd, mfa/);
    await wb.tidy();
    await wb.screenshot(SHOTS, 'token-report.png');
  });

  it('"Scan Workspace" reports the findings of a file that was never opened', async () => {
    await wb.command('View: Close All Editors');
    await wb.command('Partner Auth Lint: Scan Workspace');
    const note = await wb.notification(/Partner Auth Lint: scanned \d+ files?/);
    assert.match(note, /scanned \d+ files: \d+ findings?/);
    await wb.problems();
    await wb.maximizePanel(true);
    await wb.untilProblems(sb.ws, `${CLOSED.file} after the scan`, (r) => ours(r, CLOSED.file).join() === expectedKeys(CLOSED.file, [CLOSED]).join());
    await wb.maximizePanel(false);
    assert.equal(await s!.page.locator('.tabs-container .tab', { hasText: path.basename(CLOSED.file) }).count(), 0, 'the file stays closed');
  });

  it('"Show Readiness Report" shows the same figures as the CLI\'s report', async () => {
    const cli = JSON.parse(execFileSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'report', sb.ws, '--format', 'json'], { encoding: 'utf8' })) as {
      partnerType: string; files: number; callSites: { total: number }; findings: { total: number };
    };
    await wb.command('View: Close All Editors');
    await wb.command('Partner Auth Lint: Show Readiness Report');
    const { text } = await wb.frameWithText(/Readiness report[\s\S]*Findings by rule/, 60_000);
    const m = /Partner type: (\w+) · (\d+) files? analysed · (\d+) authentication call sites? · (\d+) findings?/.exec(text);
    assert.ok(m, text.slice(0, 300));
    assert.deepEqual(m.slice(1).map(String), [cli.partnerType, cli.files, cli.callSites.total, cli.findings.total].map(String));
    assert.match(text, /no-ropc/);
    await s!.page.locator('.notification-toast', { hasText: 'building the readiness report' }).waitFor({ state: 'detached', timeout: 30_000 });
    await wb.tidy();
    await wb.screenshot(SHOTS, 'readiness-report.png');
  });
});
