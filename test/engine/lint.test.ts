// Engine behaviour every rule relies on: isolation of a failing rule, suppressions with expiry, value resolution.
import assert from 'node:assert/strict';
import { lint, parseFile } from '../../rules/engine/lint';
import { createContext } from '../../rules/engine/context';
import { resolveModel } from '../../rules/engine/resolve';
import type { Rule } from '../../rules/engine/types';
import { noRopc } from '../../rules/no-ropc/rule';
import { mask } from '../../rules/engine/mask';

const PS = "$cred = Get-Credential\nConnect-MsolService -Credential $cred\n";

const throwing: Rule = {
  meta: { id: 'no-implicit-grant', title: 'test rule that fails', defaultSeverity: 'error', languages: ['powershell'], fixable: false },
  check() {
    throw new Error('boom');
  },
};

describe('engine', () => {
  it('isolates a rule that throws: other findings still come out and the error is reported', async () => {
    const r = await lint(PS, 'a.ps1', { ruleSet: [throwing, noRopc] });
    assert.deepEqual(r!.ruleErrors, [{ ruleId: 'no-implicit-grant', message: 'boom' }]);
    assert.deepEqual(r!.findings.map((f) => f.ruleId), ['no-ropc']);
  });

  it('honours disable-next-line, disable-line and file-level suppressions, with reasons', async () => {
    const next = await lint(`$cred = Get-Credential\n# partner-auth-lint-disable-next-line no-ropc -- migration ticket 42\nConnect-MsolService -Credential $cred\n`, 'a.ps1', { only: ['no-ropc'] });
    assert.deepEqual(next!.findings, []);
    assert.equal(next!.suppressed.length, 1);
    assert.equal(next!.suppressions[0].reason, 'migration ticket 42');
    const same = await lint(`Connect-MsolService -Credential $cred # partner-auth-lint-disable-line no-ropc\n`, 'a.ps1', { only: ['no-ropc'] });
    assert.deepEqual(same!.findings, []);
    const other = await lint(`Connect-MsolService -Credential $cred # partner-auth-lint-disable-line no-stored-credentials\n`, 'a.ps1', { only: ['no-ropc'] });
    assert.equal(other!.findings.length, 1);
    const file = await lint(`// partner-auth-lint-disable no-ropc\nvar r = app.AcquireTokenByUsernamePassword(s, u, p);\n`, 'a.cs', { only: ['no-ropc'] });
    assert.deepEqual(file!.findings, []);
  });

  it('lets an expired suppression lapse and says so in an info finding', async () => {
    const text = `# partner-auth-lint-disable-next-line no-ropc -- pilot tenant, until 2026-01-31\nConnect-MsolService -Credential $cred\n`;
    const before = await lint(text, 'a.ps1', { only: ['no-ropc'], today: '2026-01-31' });
    assert.deepEqual(before!.findings, []);
    const after = await lint(text, 'a.ps1', { only: ['no-ropc'], today: '2026-02-01' });
    assert.deepEqual(
      after!.findings.map((f) => [f.severity, f.message.slice(0, 60)]),
      [
        ['info', 'This suppression of no-ropc expired on 2026-01-31 and no lon'],
        ['error', '`Connect-MsolService -Credential` signs in with a user\'s pas'],
      ],
    );
  });

  it('follows values through variables, template strings and string building', async () => {
    const js = "const g = 'pass' + 'word';\nconst body = `grant_type=${g}&client_id=x`;\n";
    const r = await lint(js, 'a.js', { only: ['no-ropc'] });
    assert.deepEqual(r!.findings.map((f) => js.slice(f.range.start, f.range.end)), ['g']);
  });

  it('derives pairs from Java Map.of(k, v, ...) and Map.entry(k, v)', async () => {
    const java = 'class A { void f() { var m = Map.of("grant_type", "password", "client_id", id); var e = Map.entry("response_type", "token"); var odd = Map.of("a"); } }\n';
    const model = (await parseFile(java, 'A.java'))!;
    const ctx = createContext(model, 'A.java', { partnerType: 'unknown' }, resolveModel(model));
    assert.deepEqual(
      ctx.pairs.map((p) => [p.key, java.slice(p.value.range.start, p.value.range.end), p.container, java.slice(p.range.start, p.range.end)]),
      [
        ['grant_type', '"password"', 'initializer', '"grant_type", "password"'],
        ['client_id', 'id', 'initializer', '"client_id", id'],
        ['response_type', '"token"', 'initializer', '"response_type", "token"'],
      ],
    );
  });

  it('masks secrets to two characters and a length, and hides short ones entirely', () => {
    assert.equal(mask('abc8Q~0123456789abcdefghijklmnopqrstuvwx'), "'ab…' (40 chars)");
    assert.equal(mask('hunter'), "'…' (6 chars)");
  });

  it('returns undefined for files it does not read', async () => {
    assert.equal(await lint('hello', 'notes.txt'), undefined);
  });
});
