// Neovim 0.7 (Debian, headless) as a second real LSP client over stdio: diagnostics for every language
// (Neovim's own languageIds: ps1, cs, sh for .env, xml for web.config...), a code action applied to the
// buffer, and a configuration change (partnerType) honoured.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ensureTools } from './tools';
import { cleanup, DOCS, EXPECTED, expectedKeys, FILES, ROOT, sandbox, SETUP_TIMEOUT } from './harness';

describe('e2e: Neovim as an LSP client (stdio)', function () {
  this.timeout(90_000);
  let out = '';
  let root: string | undefined;

  before(async function () {
    this.timeout(SETUP_TIMEOUT);
    const tools = await ensureTools();
    const sb = sandbox('nvim');
    root = sb.root;
    const script = path.join(__dirname, 'nvim', 'client.lua');
    // pcall + cquit: a Lua error under --headless would otherwise leave nvim waiting for input forever.
    const lua = `lua local ok, err = pcall(dofile, ${JSON.stringify(script)}) ` +
      'if not ok then io.stderr:write("LUA ERROR: " .. tostring(err) .. "\\n") vim.cmd("cquit 3") end';
    const t0 = Date.now();
    const r = spawnSync(tools.nvim, ['--headless', '--clean', '-u', 'NONE', '-i', 'NONE', '-n', '-c', lua], {
      cwd: sb.ws,
      encoding: 'utf8',
      timeout: 60_000,
      killSignal: 'SIGKILL',
      env: { ...process.env, PAL_WS: sb.ws, PAL_FILES: FILES.join(','), PAL_SERVER: path.join(ROOT, 'dist', 'server.js'), PAL_NODE: process.execPath, XDG_STATE_HOME: sb.root, XDG_DATA_HOME: sb.root },
    });
    out = r.stdout ?? '';
    assert.equal(r.status, 0, `nvim exited ${r.status ?? r.signal} after ${Date.now() - t0} ms${r.error ? ` (${r.error.message})` : ''}\n${out}\n${r.stderr}`);
    assert.match(out, /^DONE$/m);
  });

  let failed = false;
  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });
  after(() => (failed ? console.log(`    (sandbox kept: ${root})`) : cleanup(root)));

  const lines = (tag: string): string[][] => out.split('\n').filter((l) => l.startsWith(`${tag} `)).map((l) => l.split(' ').slice(1));

  it('gets the expected diagnostics, with rule id, severity and docs link, for every language and config format', () => {
    const diags = lines('DIAG');
    const severity: Record<string, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };
    for (const file of FILES) {
      const mine = diags.filter((d) => d[0] === file && (EXPECTED as { rule: string }[]).some((e) => e.rule === d[6]));
      assert.deepEqual(mine.map((d) => `${d[6]}@${d[2]} ${severity[d[4]]}`).sort(), expectedKeys(file), file);
      for (const d of mine) {
        assert.equal(d[5], 'partner-auth-lint');
        assert.equal(d[7], `${DOCS}${d[6]}/README.md`);
      }
    }
    const languageIds = Object.fromEntries(diags.map((d) => [d[0], d[1]]));
    // Neovim's filetypes, not VS Code's ids: the server falls back to the file name for generic or unknown ones.
    assert.equal(languageIds['.env'], 'sh');
    assert.equal(languageIds['web.config'], 'xml');
    assert.equal(languageIds['signin.ps1'], 'ps1');
  });

  it('applies "Disable no-ropc for this line" and the finding goes away', () => {
    assert.ok(lines('OFFERED').some((l) => l.join(' ') === 'Show documentation for no-ropc'));
    assert.deepEqual(lines('ACTION').map((l) => l.join(' ')), ['Disable no-ropc for this line']);
    const text = out.split('\n').filter((l) => l.startsWith('TEXT ')).map((l) => l.slice(5)).join('\n');
    assert.equal(text.split('\n').slice(5, 8).join('\n'), [
      '    {',
      '        // partner-auth-lint-disable-next-line no-ropc -- reason',
      '        var credential = new UsernamePasswordCredential(user, pwd, TenantId, ClientId);',
    ].join('\n'));
    assert.match(out, /^SILENCED no-ropc$/m);
  });

  it('honours a partnerType change sent with workspace/didChangeConfiguration', () => {
    assert.deepEqual(lines('CONFIG'), [['default', '2'], ['cpv', '1'], ['csp', 'none']]);
  });
});
