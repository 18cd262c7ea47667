// Adopting the linter on existing code: the baseline (content-keyed, stable under edits above findings)
// and governed suppressions (reasons, expiry, the `suppressions` listing, requireSuppressionReason).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from '../../rules/engine/lint';
import { parseBaseline } from '../../rules/engine/baseline';
import { runCli as run, workspace as tempWorkspace } from '../helpers/cli';

const workspace = (files: Record<string, string>) => tempWorkspace(files, 'pal-gov-');

const LEGACY = '$cred = Get-Credential\nConnect-MsolService -Credential $cred\nConnect-AzureAD -Credential $cred\n';
const SECRET = 'SECRET = "abc8Q~0123456789abcdefghijklmnopqrstuvwx"\n';
const lines = (out: string) => JSON.parse(out).findings.map((f: { file: string; line: number; ruleId: string }) => `${f.file}:${f.line} ${f.ruleId}`);

describe('baseline', () => {
  it('accepts today\'s findings, reports only new ones, and survives lines inserted above', async () => {
    const dir = workspace({ 'sync.ps1': LEGACY, 'app/settings.py': SECRET });
    const b = await run(dir, 'baseline', '--rule', 'no-ropc', '--rule', 'no-stored-credentials');
    assert.equal(b.code, 0);
    assert.equal(b.stdout, 'Wrote .partner-auth-lint-baseline.json: 3 findings baselined (0 before, 0 no longer found).\n');
    const file = fs.readFileSync(path.join(dir, '.partner-auth-lint-baseline.json'), 'utf8');
    const { baseline, problems } = parseBaseline(file);
    assert.deepEqual(problems, []);
    assert.deepEqual(baseline.entries.map((e) => `${e.file} ${e.ruleId}`), ['app/settings.py no-stored-credentials', 'sync.ps1 no-ropc', 'sync.ps1 no-ropc']);
    assert.ok(!file.includes('abc8Q~') && !file.includes('0123456789'), 'the baseline never stores the secret');
    assert.doesNotMatch(file, /"line"/, 'entries are not keyed on line numbers');

    const clean = await run(dir, 'scan', '--format', 'json', '--rule', 'no-ropc', '--rule', 'no-stored-credentials');
    assert.equal(clean.code, 0);
    assert.deepEqual(JSON.parse(clean.stdout).findings, []);
    assert.equal(JSON.parse(clean.stdout).baselined, 3);

    // Unrelated edits above the findings and a new finding below them.
    fs.writeFileSync(path.join(dir, 'sync.ps1'), `# header\n# added later\n\n${LEGACY}Connect-MgGraph -Credential $cred\n`);
    const after = await run(dir, 'scan', '--format', 'json', '--rule', 'no-ropc', '--rule', 'no-stored-credentials');
    assert.equal(after.code, 1);
    assert.deepEqual(lines(after.stdout), ['sync.ps1:7 no-ropc']);
    assert.equal(JSON.parse(after.stdout).baselined, 3);
    const text = await run(dir, 'scan', '--rule', 'no-ropc', '--rule', 'no-stored-credentials');
    assert.match(text.stdout, /3 baselined findings not shown \(--no-baseline shows them\)/);
    const all = await run(dir, 'scan', '--format', 'json', '--no-baseline', '--rule', 'no-ropc', '--rule', 'no-stored-credentials');
    assert.deepEqual(lines(all.stdout), ['app/settings.py:1 no-stored-credentials', 'sync.ps1:5 no-ropc', 'sync.ps1:6 no-ropc', 'sync.ps1:7 no-ropc']);
  });

  it('--prune drops fixed findings without accepting new ones; --update accepts the new state', async () => {
    const dir = workspace({ 'sync.ps1': LEGACY });
    await run(dir, 'baseline', '--rule', 'no-ropc');
    fs.writeFileSync(path.join(dir, 'sync.ps1'), '$cred = Get-Credential\nConnect-AzureAD -Credential $cred\nConnect-MgGraph -Credential $cred\n');
    const pruned = await run(dir, 'baseline', '--prune', '--rule', 'no-ropc');
    assert.equal(pruned.stdout, 'Wrote .partner-auth-lint-baseline.json: 1 finding baselined (2 before, 1 no longer found).\n');
    const scan = await run(dir, 'scan', '--format', 'json', '--rule', 'no-ropc');
    assert.deepEqual(lines(scan.stdout), ['sync.ps1:3 no-ropc']);
    const updated = await run(dir, 'baseline', '--update', '--rule', 'no-ropc');
    assert.equal(updated.stdout, 'Wrote .partner-auth-lint-baseline.json: 2 findings baselined (1 before, 0 no longer found).\n');
    assert.deepEqual(JSON.parse((await run(dir, 'scan', '--format', 'json', '--rule', 'no-ropc')).stdout).findings, []);
  });

  it('reports a broken or missing baseline instead of failing the scan', async () => {
    const dir = workspace({ 'sync.ps1': LEGACY, '.partner-auth-lint-baseline.json': '{ nope' });
    const r = await run(dir, 'scan', '--format', 'json', '--rule', 'no-ropc');
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.stdout).findings.length, 2);
    assert.match(r.stderr, /\.partner-auth-lint-baseline\.json is not valid JSON .*no findings are baselined/);
    const missing = await run(dir, 'scan', '--baseline', 'other.json');
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'partner-auth-lint: no such baseline file: other.json\n');
  });
});

describe('governed suppressions', () => {
  const SUPPRESSED = [
    '$cred = Get-Credential',
    '# partner-auth-lint-disable-next-line no-ropc -- pilot tenant, until 2099-03-31',
    'Connect-MsolService -Credential $cred',
    '# partner-auth-lint-disable-next-line no-ropc',
    'Connect-AzureAD -Credential $cred',
    '# partner-auth-lint-disable-next-line no-ropc -- until 2020-01-01',
    'Connect-AzAccount -Credential $cred',
    '',
  ].join('\n');

  it('separates the reason from the expiry, in every comment syntax (XML uses ": reason")', async () => {
    const ps = await lint(SUPPRESSED, 'a.ps1', { only: ['no-ropc'], today: '2026-11-22' });
    assert.deepEqual(ps!.suppressions.map((s) => [s.line, s.rules, s.reason, s.until]), [
      [1, ['no-ropc'], 'pilot tenant', '2099-03-31'],
      [3, ['no-ropc'], undefined, undefined],
      [5, ['no-ropc'], undefined, '2020-01-01'],
    ]);
    const xml = '<configuration>\n  <appSettings>\n    <!-- partner-auth-lint-disable-next-line no-stored-credentials: sample app, until 2099-01-01 -->\n    <add key="ClientSecret" value="abc8Q~0123456789abcdefghijklmnopqrstuvwx" />\n  </appSettings>\n</configuration>\n';
    const x = await lint(xml, 'web.config', { only: ['no-stored-credentials'] });
    assert.deepEqual(x!.findings, []);
    assert.deepEqual(x!.suppressions.map((s) => [s.rules, s.reason, s.until]), [[['no-stored-credentials'], 'sample app', '2099-01-01']]);
  });

  it('an expired suppression over a line with nothing flagged says so too, once per rule it names', async () => {
    const text = '# partner-auth-lint-disable-next-line no-ropc, no-stored-credentials -- pilot, until 2026-01-31\nConnect-AzAccount -Identity\n';
    const r = await lint(text, 'a.ps1', { only: ['no-ropc'], today: '2026-11-22' });
    assert.deepEqual(r!.findings.map((f) => [f.ruleId, f.severity, f.message]), [
      ['no-ropc', 'info', 'This suppression of no-ropc expired on 2026-01-31; nothing it covers is flagged now, so it can be removed.'],
    ]);
    const live = await lint(text, 'a.ps1', { only: ['no-ropc'], today: '2026-01-31' });
    assert.deepEqual(live!.findings, []);
  });

  it('requireSuppressionReason reports reason-less suppressions as warnings, which still suppress', async () => {
    const r = await lint(SUPPRESSED, 'a.ps1', { only: ['no-ropc'], today: '2026-11-22', requireSuppressionReason: true });
    assert.deepEqual(
      r!.findings.map((f) => [r!.lines.position(f.range.start).line + 1, f.severity, f.message.slice(0, 50)]),
      [
        [4, 'warning', 'This suppression of no-ropc gives no reason; the p'],
        [6, 'info', 'This suppression of no-ropc expired on 2020-01-01 '],
        [7, 'error', '`Connect-AzAccount -Credential` signs in with a us'],
      ],
    );
    assert.equal(r!.suppressed.length, 2);
    const off = await lint(SUPPRESSED, 'a.ps1', { only: ['no-ropc'], today: '2026-11-22' });
    assert.deepEqual(off!.findings.map((f) => f.severity), ['info', 'error']);
  });

  it('`suppressions` lists each comment with rules, reason, expiry and effect; the config file turns the requirement on', async () => {
    const dir = workspace({ 'scripts/a.ps1': SUPPRESSED, '.partner-auth-lint.json': '{ "requireSuppressionReason": true }' });
    const text = await run(dir, 'suppressions', '--rule', 'no-ropc');
    assert.equal(text.code, 0);
    const today = new Date().toISOString().slice(0, 10);
    assert.ok(today < '2099-03-31');
    assert.equal(
      text.stdout,
      [
        '',
        'scripts/a.ps1',
        '  2  no-ropc  (next line, until 2099-03-31, 1 silenced)  reason: pilot tenant',
        '  4  no-ropc  (next line, no expiry, 1 silenced)  no reason given',
        '  6  no-ropc  (next line, expired 2020-01-01, 0 silenced)  no reason given',
        '',
        '3 suppressions: 1 expired, 2 without a reason.',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await run(dir, 'suppressions', '--format', 'json', '--rule', 'no-ropc')).stdout);
    assert.deepEqual(json.suppressions[0], { file: 'scripts/a.ps1', line: 2, kind: 'next-line', rules: ['no-ropc'], reason: 'pilot tenant', until: '2099-03-31', expired: false, suppressed: 1 });
    const scan = await run(dir, 'scan', '--format', 'json', '--rule', 'no-ropc');
    assert.deepEqual(JSON.parse(scan.stdout).findings.map((f: { line: number; severity: string }) => `${f.line} ${f.severity}`), ['4 warning', '6 info', '7 error']);
    assert.equal((await run(dir, 'suppressions', '--format', 'sarif')).code, 2);
  });
});
