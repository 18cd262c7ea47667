// `partner-auth-lint decode`: verdicts, exit statuses, stdin, and no token echoed back.
import assert from 'node:assert/strict';
import { main } from '../../server/cli/main';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
function token(claims: object): string {
  return `${b64({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${b64(claims)}.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU`;
}
const now = Math.floor(Date.now() / 1000);
const base = { aud: 'https://api.partnercenter.microsoft.com', iss: 'https://sts.windows.net/t/', ver: '1.0', iat: now - 60, nbf: now - 60, exp: now + 3600, scp: 'user_impersonation', appidacr: '1', tid: '11111111-1111-1111-1111-111111111111', upn: 'svc@contoso.com' };

async function decode(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['decode', ...argv], { cwd: process.cwd(), stdout: (s) => (out += s), stderr: (s) => (err += s), stdin: async () => stdin, isTTY: false });
  return { code, out, err };
}

describe('CLI decode', () => {
  it('accepts a v1 Partner Center token whose amr contains mfa (exit 0)', async () => {
    const t = token({ ...base, amr: ['pwd', 'mfa'] });
    const r = await decode([t, '--format', 'json']);
    assert.equal(r.code, 0);
    const j = JSON.parse(r.out);
    assert.deepEqual([j.input, j.version, j.kind, j.mfa, j.partnerCenter], ['jwt', '1.0', 'app+user', 'present', 'accept']);
    assert.ok(!r.out.includes(t) && !r.out.includes(t.split('.')[2]));
  });

  it('says Partner Center answers 401 MFA required for a password-only token (exit 1), reading stdin', async () => {
    const r = await decode(['-', '--format', 'json'], `Bearer ${token({ ...base, amr: ['pwd'] })}\n`);
    assert.equal(r.code, 1);
    assert.deepEqual([JSON.parse(r.out).mfa, JSON.parse(r.out).partnerCenter], ['absent', 'reject-mfa-required']);
  });

  it('exits 2 with a reason for input that is not a token', async () => {
    const r = await decode(['not-a-token', '--format', 'json']);
    assert.equal(r.code, 2);
    const j = JSON.parse(r.out);
    assert.equal(j.input, 'invalid');
    assert.equal(j.partnerCenter, 'not-a-token');
    assert.equal(typeof j.error, 'string');
  });

  it('rejects SARIF and extra arguments as usage errors', async () => {
    assert.equal((await decode(['x', '--format', 'sarif'])).code, 2);
    assert.equal((await decode(['a', 'b'])).code, 2);
  });
});
