// A real VS Code for the end-to-end tests: code-server (VS Code 1.139 in the browser, extensions with a `main`
// in its Node extension host) driven in Debian Chromium by playwright-core. Every session gets fresh
// user-data, extensions and browser-profile folders in its sandbox, a free port, and is stopped by process group.
// The DOM selectors below are VS Code internals, checked against CODE_SERVER_VERSION (tools.ts).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import type { Tools } from './tools';
import { ROOT } from './harness';

// Page functions (page.evaluate) run in the browser; this file is type-checked without the DOM library.
interface DomElement {
  textContent: string | null;
  classList: { contains(c: string): boolean };
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  closest(selector: string): DomElement | null;
}
declare const document: { querySelectorAll(selector: string): Iterable<DomElement>; body: { innerText: string } | null };

export interface Session {
  page: Page;
  ctx: BrowserContext;
  port: number;
  root: string;
  /** code-server's own output so far. */
  log(): string;
  close(): Promise<void>;
}

export interface SessionOptions {
  root: string;
  ws: string;
  /** Installed with --install-extension before the server starts. */
  vsix?: string;
  /** false: the workspace opens in Restricted Mode (no --disable-workspace-trust, trust enabled, no startup prompt). */
  trusted?: boolean;
  /** For extension-host tests: the workbench honours extensionDevelopmentPath/extensionTestsPath in its URL payload. */
  smokeTestDriver?: boolean;
  logLevel?: 'trace' | 'info';
  settings?: Record<string, unknown>;
  /** Runs before the workbench page is opened (e.g. exposeFunction). */
  beforeGoto?: (page: Page) => Promise<void>;
  /** Extra query of the workbench URL after ?folder= (given the server's port). */
  query?: (port: number) => string;
  /** Skip waiting for the explorer (extension-host runs may close the window themselves). */
  noWait?: boolean;
  /** Added to code-server's environment, which its extension host inherits. */
  env?: Record<string, string>;
}

let packaged: string | undefined;

/**
 * `npm run package` (vsce, after a build) with its output in a temporary folder, once per test process; the
 * repository's own partner-auth-lint.vsix is left alone.
 */
export function packageVsix(): string {
  if (packaged && fs.existsSync(packaged)) return packaged;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pal-e2e-vsix-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const out = path.join(dir, 'partner-auth-lint.vsix');
  // A second try: a build running at the same time in this working tree can rewrite dist/ under vsce's feet.
  for (let attempt = 1; ; attempt++) {
    try {
      execFileSync('npm', ['run', 'package', '--', '-o', out], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
      packaged = out;
      return out;
    } catch (e) {
      if (attempt === 2) throw e;
    }
  }
}

export async function openSession(tools: Tools, o: SessionOptions): Promise<Session> {
  const trusted = o.trusted ?? true;
  const data = path.join(o.root, 'data');
  fs.writeFileSync(path.join(o.root, 'config.yaml'), 'auth: none\n');
  fs.mkdirSync(path.join(data, 'User'), { recursive: true });
  fs.writeFileSync(path.join(data, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'editor.minimap.enabled': false,
    'files.autoSave': 'off',
    'window.commandCenter': false,
    ...(trusted ? { 'security.workspace.trust.enabled': false } : { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false }),
    ...o.settings,
  }, null, 2));
  // --config: any code-server run without it writes ~/.config/code-server/config.yaml.
  const common = ['--config', path.join(o.root, 'config.yaml'), '--user-data-dir', data, '--extensions-dir', path.join(o.root, 'exts')];
  const env = { ...process.env, ...o.env, XDG_CONFIG_HOME: path.join(o.root, 'xdg-config'), XDG_DATA_HOME: path.join(o.root, 'xdg-data') };
  if (o.vsix) execFileSync(tools.csNode, [tools.csEntry, ...common, '--install-extension', o.vsix], { env, stdio: 'pipe', timeout: 120_000 });

  const args = [tools.csEntry, ...common, '--bind-addr', '127.0.0.1:0', '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-getting-started-override', '--ignore-last-opened', '--log', o.logLevel ?? 'info',
    ...(trusted ? ['--disable-workspace-trust'] : []), ...(o.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : [])];
  const proc = spawn(tools.csNode, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env });
  let log = '';
  const stopServer = (): void => {
    try {
      if (proc.pid) process.kill(-proc.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start:\n${log}`)), 60_000);
    const onData = (b: Buffer): void => {
      log += b.toString();
      const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', (c) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited ${c}:\n${log}`));
    });
  }).catch((e: Error) => {
    stopServer();
    throw e;
  });

  let ctx: BrowserContext | undefined;
  try {
    // The background-networking flags matter here: without them Chromium floods the closed network.
    ctx = await chromium.launchPersistentContext(path.join(o.root, 'chromium-profile'), {
      executablePath: tools.chromium,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 800 },
      env,
    });
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `http://127.0.0.1:${port}` });
    await o.beforeGoto?.(page);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(o.ws)}${o.query?.(port) ?? ''}`);
    if (!o.noWait) await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });
    const c = ctx;
    return {
      page, ctx: c, port, root: o.root, log: () => log,
      close: async () => {
        await c.close().catch(() => undefined);
        stopServer();
      },
    };
  } catch (e) {
    await ctx?.close().catch(() => undefined);
    stopServer();
    throw e;
  }
}

export interface ProblemRow {
  /** `rule@line severity`, as in harness.expectedKeys. */
  key: string;
  /** Relative to the workspace folder. */
  file: string;
  /** The link of the rule id. */
  href: string | null;
  text: string;
}

/** Workbench actions through the keyboard, as a person does them. */
export class Workbench {
  constructor(readonly page: Page) {}

  /** Opens a quick input, types, and presses Enter once the *focused* row is the wanted one (rows settle asynchronously). */
  async quickInput(key: string, text: string, row: string | RegExp): Promise<void> {
    // A quick input still closing from the previous step would swallow the key (it is inert while it fades).
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
    await this.page.keyboard.press(key);
    const input = this.page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill(text);
    await this.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: row }).first().waitFor({ timeout: 20_000 });
    await this.page.keyboard.press('Enter');
  }

  /** Runs a command by its palette title ("Partner Auth Lint: Scan Workspace"). */
  async command(title: string): Promise<void> {
    await this.quickInput('F1', `>${title}`, new RegExp(`^${escape(title)}`));
  }

  /** Opens a workspace file with Quick Open and waits for its tab to be the active one. */
  async open(file: string): Promise<void> {
    const base = path.basename(file);
    await this.quickInput('Control+P', file, new RegExp(`^${escape(base)}`));
    await this.page.locator(`.tabs-container .tab.active[aria-label^="${base}"]`).waitFor({ timeout: 20_000 });
    await this.page.locator('.editor-group-container.active .monaco-editor.focused').waitFor({ timeout: 10_000 });
  }

  /** Puts the cursor at a 1-based line and column (Go to Line). */
  async goTo(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await this.page.locator('.quick-input-widget', { hasText: `line ${line}` }).first().waitFor({ timeout: 10_000 });
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Opens the quick-fix menu (Ctrl+.) at the cursor and returns its row labels once `wanted` is among them. */
  async quickFixMenu(wanted: string): Promise<string[]> {
    // The menu lists the code actions known when Ctrl+. is pressed and does not refresh: pressed while the server
    // is still linting the document it has just been told about, it can open with the fix rows missing (seen once
    // in CI on a loaded machine). A person would press Escape and Ctrl+. again; so do we, a bounded number of times.
    const row = this.page.locator('.action-widget .monaco-list-row', { hasText: wanted }).first();
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+.');
      try {
        await row.waitFor({ timeout: 8_000 });
        return this.page.locator('.action-widget .monaco-list-row').allInnerTexts();
      } catch (e) {
        if (attempt === 4) throw e;
        await this.page.keyboard.press('Escape');
        await this.page.locator('.action-widget .monaco-list-row').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
      }
    }
  }

  /** Picks a row of the open quick-fix menu: arrow keys until it is focused, then Enter (what the keyboard user does). */
  async pickQuickFix(title: string): Promise<void> {
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    for (let i = 0; i < 30; i++) {
      if ((await this.page.locator('.action-widget .monaco-list-row.action.focused', { hasText: title }).count()) > 0) {
        await this.page.keyboard.press('Enter');
        await this.page.locator('.action-widget .monaco-list-row').first().waitFor({ state: 'hidden' });
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`"${title}" is not in the quick-fix menu: ${(await rows.allInnerTexts()).join(' | ')}`);
  }

  /** Clears notifications and hides the panel (before a screenshot of an editor). */
  async tidy(): Promise<void> {
    await this.command('Notifications: Clear All Notifications');
    await this.page.locator('.notification-toast').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    if (await this.page.locator('.part.panel').isVisible()) await this.page.keyboard.press('Control+J'); // View: Toggle Panel
    await this.page.locator('.part.panel').waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /** Saves the active editor after the edit just made: a code action's edit arrives after its menu closes (the server resolves it), so the tab is awaited dirty first. */
  async save(): Promise<void> {
    await this.page.locator('.tabs-container .tab.active.dirty').waitFor({ timeout: 10_000 });
    await this.page.keyboard.press('Control+S');
    await this.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 10_000 });
  }

  /** Shows the Problems panel (Ctrl+Shift+M). */
  async problems(): Promise<void> {
    if (!(await this.page.locator('.markers-panel').isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await this.page.locator('.markers-panel').waitFor({ state: 'visible' });
  }

  /**
   * Our rows of the Problems panel as `rule@line severity` with the file (relative to `ws`) and the docs link
   * of the code. Rows are virtualized: call `maximizePanel()` first when many files have findings.
   */
  async problemRows(ws: string): Promise<ProblemRow[]> {
    return this.page.evaluate((wsPath) => {
      const out: { key: string; file: string; href: string | null; text: string }[] = [];
      let file = '';
      const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')];
      rows.sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')));
      for (const row of rows) {
        if (row.getAttribute('aria-level') === '1') {
          // a file row: its icon label's aria-label is the absolute path
          const abs = row.querySelector('.monaco-icon-label')?.getAttribute('aria-label') ?? '';
          file = abs.startsWith(`${wsPath}/`) ? abs.slice(wsPath.length + 1) : abs;
          continue;
        }
        if (!(row.querySelector('.marker-source')?.textContent ?? '').includes('partner-auth-lint')) continue;
        const code = row.querySelector('.marker-code');
        const line = /\[Ln (\d+), Col \d+\]/.exec(row.querySelector('.marker-line')?.textContent ?? '')?.[1];
        const icon = row.querySelector('.marker-icon')?.classList;
        const severity = icon?.contains('error') ? 'error' : icon?.contains('warning') ? 'warning' : icon?.contains('info') ? 'info' : '?';
        out.push({ key: `${code?.textContent ?? ''}@${line} ${severity}`, file, href: code?.closest('a')?.getAttribute('href') ?? null, text: row.textContent ?? '' });
      }
      return out;
    }, ws);
  }

  /** The panel (Problems) over the whole window, so that its virtualized list renders every row. */
  async maximizePanel(on: boolean): Promise<void> {
    // The panel's title bar has a "Maximize Panel" toggle, checked (and labelled "Restore Panel") when maximized.
    const maximized = async (): Promise<boolean> => (await this.page.locator('.part.panel .action-label.codicon-panel-maximize.checked').count()) > 0;
    if ((await maximized()) === on) return;
    await this.command('View: Toggle Maximized Panel');
    const end = Date.now() + 10_000;
    while ((await maximized()) !== on) {
      if (Date.now() > end) throw new Error(`the panel did not ${on ? 'maximize' : 'restore'}`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Waits until `check` passes on the Problems rows; fails with the rows seen last. */
  async untilProblems<T>(ws: string, what: string, check: (rows: ProblemRow[]) => T | undefined | false, ms = 30_000): Promise<T> {
    const end = Date.now() + ms;
    let rows: ProblemRow[] = [];
    for (;;) {
      rows = await this.problemRows(ws);
      const v = check(rows);
      if (v !== undefined && v !== false) return v;
      if (Date.now() > end) assert.fail(`timed out waiting for ${what}; Problems rows:\n${rows.map((r) => `${r.file} ${r.key}`).join('\n')}`);
      await this.page.waitForTimeout(250);
    }
  }

  /** A frame (webview content) whose body text matches, e.g. the Markdown preview or our report. */
  async frameWithText(re: RegExp, ms = 30_000): Promise<{ frame: Frame; text: string }> {
    const end = Date.now() + ms;
    for (;;) {
      for (const frame of this.page.frames().filter((f) => f !== this.page.mainFrame())) {
        const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
        if (re.test(text)) return { frame, text };
      }
      if (Date.now() > end) throw new Error(`no webview shows ${re}`);
      await this.page.waitForTimeout(250);
    }
  }

  async notification(re: RegExp, ms = 30_000): Promise<string> {
    const toast = this.page.locator('.notification-toast', { hasText: re }).first();
    await toast.waitFor({ timeout: ms });
    return toast.innerText();
  }

  async screenshot(dir: string | undefined, name: string): Promise<void> {
    if (!dir) return;
    fs.mkdirSync(dir, { recursive: true });
    await this.page.waitForTimeout(300); // let animations (menu fade-in, squiggles) finish
    await this.page.screenshot({ path: path.join(dir, name) });
  }
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
