// no-ropc beyond the fixtures: password grants sent to another identity provider, other SDKs' classes named like
// ADAL's, and a password grant handed to a helper as an argument.
import assert from 'node:assert/strict';
import { flagged } from '../helpers/lint';

const run = async (text: string, file: string) => (await flagged('no-ropc', text, file, {}, ['line', 'text'])).map((f) => `${f.line} ${f.text}`);

describe('no-ropc', () => {
  it('a password grant to another identity provider (Okta, Google, Keycloak) is not an Entra sign-in; to Microsoft it is', async () => {
    const okta = 'import requests\nr = requests.post("https://dev-123.okta.com/oauth2/default/v1/token", data={"grant_type": "password", "username": u, "password": p})\n';
    assert.deepEqual(await run(okta, 'okta.py'), []);
    const keycloak = "const body = new URLSearchParams({ grant_type: 'password', username, password });\nawait fetch(`${base}/realms/app/protocol/openid-connect/token`, { method: 'POST', body });\n";
    assert.deepEqual(await run(keycloak, 'kc.js'), []);
    const both = okta.replace('import requests\n', 'import requests\nAUTHORITY = "https://login.microsoftonline.com/contoso.onmicrosoft.com"\n');
    assert.deepEqual(await run(both, 'both.py'), ['3 "password"']);
    const unknown = 'r = requests.post(TOKEN_URL, data={"grant_type": "password", "username": u, "password": p})\n';
    assert.deepEqual(await run(unknown, 'cfg.py'), ['1 "password"']);
  });

  it('UserPasswordCredential is ADAL\'s only in .NET: MongoDB Stitch\'s class of that name in JavaScript is not', async () => {
    assert.deepEqual(await run('const c = new UserPasswordCredential(user, pw);\n', 'stitch.js'), []);
    assert.deepEqual(await run('class A { void F() { var c = new UserPasswordCredential(user, pw); } }\n', 'A.cs'), ['1 UserPasswordCredential']);
  });

  it('a password grant passed to a helper as its grant-type argument', async () => {
    const ps = "$t = Invoke-Token -Uri \"https://login.microsoftonline.com/$tid/oauth2/token\" -GrantType 'password' -Username $u -Password $p\n";
    assert.deepEqual(await run(ps, 'a.ps1'), ["1 'password'"]);
    assert.deepEqual(await run(ps.replace("'password'", "'refresh_token'"), 'b.ps1'), []);
  });
});
