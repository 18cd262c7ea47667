// The CLI contract: flags, formats, exit statuses and error handling, run in-process on temp workspaces.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli as run, workspace as tempWorkspace, type CliRun as Run } from '../helpers/cli';

const workspace = (files: Record<string, string | Buffer>) => tempWorkspace(files, 'pal-cli-');

const ROPC_PS = "$cred = Get-Credential\nConnect-ExchangeOnline -Credential $cred\n";
const SECRET_PY = 'CLIENT_SECRET = "abc8Q~0123456789abcdefghijklmnopqrstuvwx"\n';

describe('CLI', () => {
  it('prints the JSON contract with 1-based positions and relative forward-slash paths', async () => {
    const dir = workspace({ 'scripts/sync.ps1': ROPC_PS, 'app/settings.py': SECRET_PY });
    const r = await run(dir, 'scan', '--format', 'json');
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout);
    assert.equal(out.version, 1);
    assert.equal(out.tool, 'partner-auth-lint');
    assert.equal(out.files, 2);
    assert.deepEqual(out.errors, []);
    assert.deepEqual(
      out.findings.map((f: Record<string, unknown>) => [f.ruleId, f.severity, f.file, f.line, f.column, f.endLine, f.endColumn]),
      [
        ['no-stored-credentials', 'error', 'app/settings.py', 1, 17, 1, 59],
        ['no-ropc', 'error', 'scripts/sync.ps1', 2, 24, 2, 41],
      ],
    );
    assert.deepEqual(Object.keys(out.findings[0]).sort(), ['column', 'endColumn', 'endLine', 'file', 'fixes', 'line', 'message', 'ruleId', 'severity']);
  });

  it('never echoes a secret in any format', async () => {
    const dir = workspace({ 'settings.py': SECRET_PY });
    for (const format of ['text', 'json', 'sarif']) {
      const r = await run(dir, 'scan', '--format', format);
      assert.ok(!r.stdout.includes('abc8Q~0123456789abcdefghijklmnopqrstuvwx'), format);
      assert.ok(!r.stdout.includes('0123456789abcdef'), format);
      assert.ok(r.stdout.includes("'ab…' (40 chars)"), format);
    }
  });

  it('exits 0 on a clean workspace and 2 on bad usage', async () => {
    const dir = workspace({ 'ok.ps1': "Connect-MgGraph -Scopes 'User.Read.All'\n" });
    const clean = await run(dir, 'scan');
    assert.equal(clean.code, 0);
    assert.match(clean.stdout, /✔ No problems found in 1 file/);
    assert.equal((await run(dir, 'scan', '--format', 'xml')).code, 2);
    assert.equal((await run(dir, 'scan', '--rule', 'no-such-rule')).code, 2);
    assert.equal((await run(dir, 'scan', '--bogus')).code, 2);
    assert.equal((await run(dir, 'scan', '--max-warnings', 'many')).code, 2);
    const missing = await run(dir, 'scan', 'nope');
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'partner-auth-lint: no such file or directory: nope\n');
  });

  it('--rule runs only the named rules; --partner-type is accepted', async () => {
    const dir = workspace({ 'a.ps1': ROPC_PS, 'b.py': SECRET_PY });
    const r = await run(dir, 'scan', '--format', 'json', '--rule', 'no-ropc', '--partner-type', 'csp');
    assert.deepEqual(JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId), ['no-ropc']);
    assert.equal((await run(dir, 'scan', '--partner-type', 'reseller')).code, 2);
  });

  it('--partner-type and the config partnerType decide no-cpv-app-only severity: cpv error, unknown warning, csp off', async () => {
    const dir = workspace({ 'pc.ps1': 'Connect-PartnerCenter -Credential $appCred -ServicePrincipal -Tenant $tenantId\n' });
    const scan = async (...flags: string[]) => {
      const r = await run(dir, 'scan', '--format', 'json', '--rule', 'no-cpv-app-only', ...flags);
      return [r.code, JSON.parse(r.stdout).findings.map((f: { severity: string; line: number; column: number }) => [f.severity, f.line, f.column])];
    };
    assert.deepEqual(await scan('--partner-type', 'cpv'), [1, [['error', 1, 44]]]);
    assert.deepEqual(await scan(), [0, [['warning', 1, 44]]]);
    assert.deepEqual(await scan('--partner-type', 'csp'), [0, []]);
    fs.writeFileSync(path.join(dir, '.partner-auth-lint.json'), JSON.stringify({ partnerType: 'csp' }));
    assert.deepEqual(await scan(), [0, []]);
    assert.deepEqual(await scan('--partner-type', 'cpv'), [1, [['error', 1, 44]]]);
    const text = await run(dir, 'scan', '--rule', 'no-cpv-app-only', '--partner-type', 'unknown');
    assert.equal(text.code, 0);
    assert.match(text.stdout, /1:44\s+warning\s+`Connect-PartnerCenter -ServicePrincipal` without `-RefreshToken` signs in to Partner Center app-only/);
  });

  it('--quiet keeps errors only and --max-warnings decides the exit status for warnings', async () => {
    const dir = workspace({ 'a.ps1': ROPC_PS, '.partner-auth-lint.json': JSON.stringify({ rules: { 'no-ropc': 'warning' } }) });
    const w = await run(dir, 'scan', '--format', 'json');
    assert.equal(w.code, 0);
    assert.deepEqual(JSON.parse(w.stdout).findings.map((f: { severity: string }) => f.severity), ['warning']);
    assert.equal((await run(dir, 'scan', '--max-warnings', '0')).code, 1);
    assert.equal((await run(dir, 'scan', '--max-warnings', '1')).code, 0);
    const q = await run(dir, 'scan', '--format', 'json', '--quiet');
    assert.deepEqual(JSON.parse(q.stdout).findings, []);
  });

  it('honours .gitignore and config ignore globs unless --no-ignore', async () => {
    const dir = workspace({
      '.gitignore': 'generated/\n',
      '.partner-auth-lint.json': JSON.stringify({ ignore: ['legacy/**'] }),
      'generated/a.ps1': ROPC_PS,
      'legacy/b.ps1': ROPC_PS,
      'live/c.ps1': ROPC_PS,
    });
    const files = (r: Run) => JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file);
    assert.deepEqual(files(await run(dir, 'scan', '--format', 'json')), ['live/c.ps1']);
    assert.deepEqual(files(await run(dir, 'scan', '--format', 'json', '--no-ignore')), ['generated/a.ps1', 'legacy/b.ps1', 'live/c.ps1']);
  });

  it('turns a rule off from the config file and warns about invalid config without failing', async () => {
    const dir = workspace({ 'a.ps1': ROPC_PS, '.partner-auth-lint.json': JSON.stringify({ rules: { 'no-ropc': 'off', 'made-up': 'error' }, partnerType: 'msp' }) });
    const r = await run(dir, 'scan', '--format', 'json');
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout).findings, []);
    assert.equal(
      r.stderr,
      'partner-auth-lint: warning: .partner-auth-lint.json: partnerType must be one of csp, cpv, unknown\npartner-auth-lint: warning: .partner-auth-lint.json: unknown rule "made-up"\n',
    );
    const broken = workspace({ 'a.ps1': ROPC_PS, '.partner-auth-lint.json': '{ not json' });
    const b = await run(broken, 'scan', '--format', 'json');
    assert.equal(b.code, 1);
    assert.match(b.stderr, /is not valid JSON .*using defaults/);
  });

  it('lists binary, oversized and unsupported files under errors instead of crashing', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024 + 10, 0x61);
    const dir = workspace({ 'bin.ps1': Buffer.from([0x4d, 0x5a, 0x00, 0x01, 0x02]), 'huge.js': big, 'notes.txt': 'hello', 'ok.py': 'x = 1\n' });
    const r = await run(dir, 'scan', 'bin.ps1', 'huge.js', 'notes.txt', 'ok.py', '--format', 'json');
    assert.equal(r.code, 0);
    const out = JSON.parse(r.stdout);
    assert.equal(out.files, 1);
    assert.deepEqual(out.errors, [
      { file: 'bin.ps1', message: 'skipped: binary file (contains NUL bytes)' },
      { file: 'huge.js', message: 'skipped: file is 2.0 MB, over the 2 MB limit' },
      { file: 'notes.txt', message: 'skipped: not a file type partner-auth-lint reads' },
    ]);
  });

  it('writes --output files and honours suppression comments', async () => {
    const dir = workspace({ 'a.ps1': `# partner-auth-lint-disable-next-line no-ropc -- legacy tenant, until 2099-01-01\n${ROPC_PS.split('\n')[1]}\n` });
    const r = await run(dir, 'scan', '--format', 'json', '--output', 'out.json');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '');
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, 'out.json'), 'utf8')).findings, []);
  });

  it('prints stylish text grouped by file with a summary', async () => {
    const dir = workspace({ 'a.ps1': ROPC_PS });
    const r = await run(dir, 'scan');
    const lines = r.stdout.split('\n');
    assert.equal(lines[1], 'a.ps1');
    assert.match(lines[2], /^ {2}2:24 {2}error {2}`Connect-ExchangeOnline -Credential` signs in with a user's password .* {2}no-ropc$/);
    assert.equal(lines.at(-2), '✖ 1 problem (1 error, 0 warnings) in 1 file');
  });

  it('writes SARIF 2.1.0 that the SARIF multitool validates with no errors', async function () {
    this.timeout(120000);
    const dir = workspace({ 'a.ps1': ROPC_PS, 'b.py': SECRET_PY, 'c.env': 'AZURE_PASSWORD=x\n' });
    const r = await run(dir, 'scan', '--format', 'sarif', '--output', 'out.sarif');
    assert.equal(r.code, 1);
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'out.sarif'), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].results.length, 3);
    const ps = sarif.runs[0].results.find((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri === 'a.ps1');
    assert.deepEqual(ps.locations[0].physicalLocation.region, { startLine: 2, startColumn: 24, endLine: 2, endColumn: 41 });
    const tool = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'sarif-multitool');
    const log = path.join(dir, 'validation.sarif');
    const v = spawnSync(tool, ['validate', 'out.sarif', '-o', log], { cwd: dir, encoding: 'utf8' });
    assert.equal(v.status, 0, v.stdout + v.stderr);
    const results = JSON.parse(fs.readFileSync(log, 'utf8')).runs[0].results;
    assert.deepEqual(results.filter((x: { level?: string }) => x.level === 'error'), []);
  });

  it('keeps SARIF fingerprints stable when unrelated lines are inserted above', async () => {
    const a = workspace({ 'a.ps1': ROPC_PS });
    const b = workspace({ 'a.ps1': `# a comment\n\n${ROPC_PS}` });
    const fp = async (d: string) => JSON.parse((await run(d, 'scan', '--format', 'sarif')).stdout).runs[0].results.map((x: { partialFingerprints: Record<string, string> }) => x.partialFingerprints['partnerAuthLint/v1']);
    assert.deepEqual(await fp(a), await fp(b));
  });

  it('the bundled CLI runs as a program (npm start path)', function () {
    const cli = path.join(__dirname, '..', '..', 'dist', 'cli.js');
    this.timeout(30000);
    const dir = workspace({ 'a.ps1': ROPC_PS });
    const r = spawnSync(process.execPath, [cli, 'scan', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(JSON.parse(r.stdout).findings[0].ruleId, 'no-ropc');
    assert.equal(execFileSync(process.execPath, [cli, '--version'], { encoding: 'utf8' }), '0.1.0\n');
  });
});
