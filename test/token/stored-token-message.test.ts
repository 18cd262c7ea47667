// no-stored-credentials on a live token committed to source: the message carries the token's kind, audience and
// expiry relative to LintOptions.today (or the clock), and never the token.
import assert from 'node:assert/strict';
import { lint } from '../../rules/engine/lint';
import { liveTokenFacts } from '../../rules/common/livetoken';
import { jwt, unsigned, v1, v2 } from './fixtures';

const TODAY = '2026-11-22';
const DAY0 = Date.parse(`${TODAY}T00:00:00Z`) / 1000;
const WHY = 'Partner credentials must never be stored in code, config or plain files: read it at run time from Key Vault (or a pipeline secret / environment variable).';
const at = (exp: number) => ({ iat: exp - 3600, nbf: exp - 3600, exp });

async function findings(text: string, file: string, today: string | undefined = TODAY) {
  const r = await lint(text, file, { only: ['no-stored-credentials'], ...(today ? { today } : {}) });
  return r!.findings.map((f) => [text.slice(f.range.start, f.range.end), f.message]);
}

describe('no-stored-credentials: live tokens in the message', () => {
  it('names kind, audience and "expires in 3 days" in a string literal (relative to today)', async () => {
    const t = await jwt(v1(at(DAY0 + 3 * 86400)));
    const ps = `$headers = @{ Authorization = "Bearer ${t}" }\n`;
    assert.deepEqual(await findings(ps, 'a.ps1'), [
      [`"Bearer ${t}"`, `Access token (JWT: app+user, audience Partner Center API, expires in 3 days) stored in a string literal. Tokens are credentials: anyone holding it can call the API until it expires. ${WHY}`],
    ]);
  });

  it('says "expired … ago" for an app-only token assigned to a token variable, next to the masked value', async () => {
    const t = await jwt(v1({ ...at(DAY0 - 61 * 86400), aud: 'https://graph.microsoft.com', idtyp: 'app', roles: ['User.Read.All'], scp: undefined, amr: undefined }));
    const py = `ACCESS_TOKEN = "${t}"\n`;
    assert.deepEqual(await findings(py, 'a.py'), [
      [`"${t}"`, `Hard-coded access token 'ey…' (${t.length} chars) (JWT: app-only, audience Microsoft Graph, expired 61 days ago) in \`ACCESS_TOKEN\`. ${WHY}`],
    ]);
  });

  it('keeps the message plain for a JWT that cannot be read, and names v2 GUID audiences', async () => {
    const broken = `eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2FwaS5wYXJ0bmVyY2VudGVyLm1pY3Jvc29mdC5jb20i.c2lnbmF0dXJl`;
    const js = `const header = 'Bearer ${broken}';\n`;
    assert.deepEqual(await findings(js, 'a.js'), [
      [`'Bearer ${broken}'`, `Access token (JWT) stored in a string literal. Tokens are credentials: anyone holding it can call the API until it expires. ${WHY}`],
    ]);
    assert.equal(liveTokenFacts(`Bearer ${unsigned(v2(at(DAY0 + 7200)))}`, new Date(DAY0 * 1000)), 'app+user, audience Partner Center API, expires in 2 hours');
    assert.equal(liveTokenFacts('no token here'), undefined);
  });

  it('uses the clock when today is not given', async () => {
    const now = Math.floor(Date.now() / 1000);
    const t = await jwt(v1(at(now + 3 * 86400)));
    const [[, message]] = await findings(`x = "${t}"\n`, 'a.py', undefined);
    assert.match(message, /^Access token \(JWT: app\+user, audience Partner Center API, expires in 3 days\)/);
  });

  it('never puts the token in the message', async () => {
    const t = await jwt(v1(at(DAY0 + 3600)));
    for (const [, message] of [...(await findings(`$t = "${t}"\n`, 'a.ps1')), ...(await findings(`{"accessToken": "${t}"}`, 'appsettings.json'))]) {
      assert.ok(!message.includes(t.slice(0, 9)) && !message.includes(t.split('.')[1].slice(0, 9)) && !message.includes(t.split('.')[2].slice(0, 9)), message);
    }
  });
});
