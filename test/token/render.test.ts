import assert from 'node:assert/strict';
import { explainClaim } from '../../rules/token/claims';
import { inspectToken, renderTokenMarkdown, renderTokenText, tokenExitCode, tokenReportJson } from '../../rules/token/index';
import { NOW, NOW_S, jwt, samples, v1 } from './fixtures';

const opts = { now: NOW };

describe('token inspector: rendering, JSON contract and secret hygiene', () => {
  it('JSON contract fields for a readable JWT', async () => {
    const j = tokenReportJson(inspectToken(await jwt(v1({ amr: ['pwd'] })), opts));
    for (const k of ['input', 'version', 'kind', 'mfa', 'partnerCenter', 'claims', 'notes', 'error', 'header', 'audience', 'audienceName', 'times'])
      assert.ok(k in j, `missing ${k}`);
    assert.equal(j.input, 'jwt');
    assert.equal(j.version, '1.0');
    assert.equal(j.kind, 'app+user');
    assert.equal(j.mfa, 'absent');
    assert.equal(j.partnerCenter, 'reject-mfa-required');
    assert.equal(j.error, null);
    assert.equal(j.audienceName, 'Partner Center API');
    assert.deepEqual((j.times as Record<string, unknown>).exp, { epoch: NOW_S + 3120, iso: '2025-06-01T12:52:00Z', relative: 'expires in 52 minutes' });
    const claims = j.claims as Array<Record<string, unknown>>;
    assert.deepEqual(Object.keys(claims[0]).slice(0, 3), ['name', 'value', 'explanation']);
    assert.deepEqual(JSON.parse(JSON.stringify(j)), j, 'plain JSON-serialisable data');
  });

  it('JSON contract for unreadable input', () => {
    const j = tokenReportJson(inspectToken('not a token', opts));
    assert.equal(j.input, 'invalid');
    assert.equal(j.version, null);
    assert.equal(j.kind, null);
    assert.equal(j.mfa, 'unverifiable');
    assert.equal(j.partnerCenter, 'not-a-token');
    assert.equal(typeof j.error, 'string');
    assert.equal(j.errorCode, 'not-a-token');
  });

  it('exit codes: 0 accept, 1 other verdicts, 2 unreadable', async () => {
    const code = async (claims: Record<string, unknown>) => tokenExitCode(inspectToken(await jwt(claims), opts));
    assert.equal(await code(v1()), 0);
    assert.equal(await code(v1({ amr: ['pwd'] })), 1);
    assert.equal(await code(v1({ aud: 'https://graph.microsoft.com' })), 1);
    assert.equal(await code(v1({ exp: NOW_S - 3600 })), 1);
    assert.equal(await code(v1({ idtyp: 'app', scp: undefined })), 1);
    assert.equal(tokenExitCode(inspectToken('EwB' + 'a'.repeat(60), opts)), 2);
  });

  it('Markdown puts the verdict first, then a claims table', async () => {
    const md = renderTokenMarkdown(inspectToken(await jwt(v1({ amr: ['pwd'], note: 'a|b' })), opts));
    const lines = md.split('\n');
    assert.equal(lines[0], '**Partner Center: REJECT (MFA required)** (`reject-mfa-required`) - 401 Unauthorized - MFA required: amr is \\[pwd\\]: password only');
    const table = lines.indexOf('| Claim | Value | Explanation |');
    assert.ok(table > lines.indexOf('**Notes**') && lines.indexOf('**Notes**') > 0);
    assert.ok(lines.includes('| `note` | a\\|b | not a documented Microsoft identity platform claim |'), 'pipes are escaped');
  });

  it('text rendering starts with the verdict and lists notes and claims', async () => {
    const text = renderTokenText(inspectToken(await jwt(v1()), opts));
    assert.match(text, /^Partner Center: ACCEPT - amr is \[pwd, mfa\]/);
    assert.match(text, /\nClaims:\n {2}aud /);
    assert.match(text, /exp: +2025-06-01T12:52:00Z \(expires in 52 minutes\)/);
    const bad = renderTokenText(inspectToken('garbage', opts));
    assert.match(bad, /^Partner Center: NOT A TOKEN - not a JWT/);
  });

  it('no report output contains a whole token, its signature or other secrets', async function () {
    this.timeout(20000);
    for (const s of await samples()) {
      const r = inspectToken(s.input, opts);
      const outputs = [JSON.stringify(tokenReportJson(r)), JSON.stringify(r), renderTokenText(r), renderTokenMarkdown(r)];
      for (const out of outputs) {
        for (const secret of s.secrets) assert.ok(!out.includes(secret), `${s.label}: output contains a secret`);
        if (s.input.length > 20) assert.ok(!out.includes(s.input), `${s.label}: output contains the input`);
      }
      if (r.tokenId) assert.ok(r.tokenId.length <= 9 && r.tokenId.endsWith('…'), `${s.label}: token id ${r.tokenId}`);
    }
  });

  it('every claim the brief lists has a documented explanation', () => {
    const names = ['aud', 'iss', 'iat', 'nbf', 'exp', 'aio', 'acr', 'amr', 'appid', 'appidacr', 'azp', 'azpacr', 'idp', 'idtyp', 'ipaddr', 'name', 'oid',
      'puid', 'rh', 'scp', 'roles', 'sub', 'tid', 'unique_name', 'upn', 'preferred_username', 'uti', 'ver', 'wids', 'xms_cc', 'xms_tcdt',
      'family_name', 'given_name', 'onprem_sid', 'deviceid', 'auth_time', 'nonce', 'email', 'groups', 'hasgroups', 'sid', 'ctry', 'acrs'];
    for (const n of names) {
      const c = explainClaim(n, 'x', NOW_S);
      assert.equal(c.known, true, n);
      assert.ok(!c.explanation.includes('\n'), `${n} explanation is one line`);
    }
  });

  it('never throws, whatever the input', () => {
    const weird = ['.', '..', '...', '....', 'eyJ', 'eyJ.', 'eyJ..', '<', '<<<', '{', '"', '""', 'Bearer', 'Authorization:', '%', 'SAMLResponse=', '0.A', 'Ew',
      `${'a'.repeat(200000)}.${'b'.repeat(10)}`, '<a>'.repeat(20000), `eyJ${'A'.repeat(100001)}`];
    for (const w of weird) {
      const r = inspectToken(w, opts);
      assert.ok(['jwt', 'saml', 'invalid'].includes(r.input));
      renderTokenText(r);
      renderTokenMarkdown(r);
    }
  });
});
