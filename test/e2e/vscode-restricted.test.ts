// Restricted Mode (an untrusted workspace) in real VS Code: the extension declares limited support, so it
// still runs, with default settings: the workspace's partnerAuthLint.* settings that would turn it off,
// exclude files or change partnerType are ignored, and of .partner-auth-lint.json only the rule severities apply.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureTools } from './tools';
import { cleanup, RULES, sandbox, SETUP_TIMEOUT } from './harness';
import { openSession, packageVsix, Workbench, type Session } from './vscode';

describe('e2e: VS Code in Restricted Mode (untrusted workspace)', function () {
  this.timeout(120_000);
  let sb: { root: string; ws: string };
  let s: Session | undefined;
  let failed = false;

  before(async function () {
    this.timeout(SETUP_TIMEOUT);
    const tools = await ensureTools();
    sb = sandbox('restricted');
    // What a hostile repository could commit to silence the linter; none of it may work before trust is granted.
    fs.mkdirSync(path.join(sb.ws, '.vscode'));
    fs.writeFileSync(path.join(sb.ws, '.vscode', 'settings.json'), JSON.stringify({
      'partnerAuthLint.enable': false, 'partnerAuthLint.exclude': ['signin.ps1'], 'partnerAuthLint.partnerType': 'csp',
    }, null, 2));
    fs.writeFileSync(path.join(sb.ws, '.partner-auth-lint.json'), JSON.stringify({
      partnerType: 'csp', ignore: ['signin.ps1'], rules: { 'no-ropc': 'warning' },
    }, null, 2));
    s = await openSession(tools, { ...sb, vsix: packageVsix(), trusted: false });
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });

  after(async () => {
    if (failed) await s?.page.screenshot({ path: path.join(sb.root, 'failed.png') }).catch(() => undefined);
    await s?.close();
    if (failed) console.log(`    (screenshot and logs in ${sb.root})`);
    else cleanup(sb?.root);
  });

  it('opens the folder in Restricted Mode', async () => {
    await s!.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30_000 });
  });

  it('still lints, with defaults: enable/exclude/partnerType ignored, the config file\'s severities applied', async () => {
    const wb = new Workbench(s!.page);
    await wb.open('signin.ps1');
    await wb.problems();
    // no-ropc: warning from .partner-auth-lint.json's rules; no-cpv-app-only: warning, partnerType "csp" (off) not read.
    await wb.untilProblems(sb.ws, 'signin.ps1 findings with default settings', (rows) => {
      const keys = rows.filter((r) => r.file === 'signin.ps1' && (RULES as readonly string[]).includes(r.key.split('@')[0])).map((r) => r.key).sort();
      return keys.join() === ['no-cpv-app-only@6 warning', 'no-ropc@5 warning'].join();
    });
  });
});
