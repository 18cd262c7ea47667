// no-implicit-grant quick fixes: exact output per kind of finding, which fixes are safe (only the value in an
// authorize link), CRLF files, and `partner-auth-lint fix` applying the safe fix alone (dry run and write).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli as run, workspace } from '../helpers/cli';
import { fixesOf, onlyFix } from '../helpers/lint';

const RULE = 'no-implicit-grant';

/** Each finding's fixes: flagged text, title, flags and the whole text with the fix applied. */
const fixes = (text: string, file: string) => fixesOf(RULE, text, file);

const only = (text: string, file: string) => onlyFix(RULE, text, file);

describe('no-implicit-grant fixes', () => {
  it('puts response_type=code into an authorize link and marks only that fix safe', async () => {
    const ps = '$url = "https://login.microsoftonline.com/$tenant/oauth2/authorize?client_id=$AppId&response_type=id_token+token&nonce=1"\r\n';
    assert.deepEqual(await only(ps, 'consent.ps1'), {
      title: 'Use response_type=code',
      safe: true,
      preferred: true,
      text: '$url = "https://login.microsoftonline.com/$tenant/oauth2/authorize?client_id=$AppId&response_type=code&nonce=1"\r\n',
    });
    // The value through an interpolated constant: the hole is replaced, delimiters included.
    const ts = "const RT = 'token';\nexport const link = `https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=${id}&response_type=${RT}&state=${s}`;\n";
    const f = await only(ts, 'link.ts');
    assert.equal(f.safe, true);
    assert.equal(f.text, "const RT = 'token';\nexport const link = `https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=${id}&response_type=code&state=${s}`;\n");
    // A %20-encoded value in a -f format string.
    const fmt = "$u = 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id={0}&response_type=token%20id_token&scope=openid' -f $AppId\n";
    assert.equal((await only(fmt, 'f.ps1')).text, "$u = 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id={0}&response_type=code&scope=openid' -f $AppId\n");
  });

  it('finds the value in a link the finding could not narrow down (XML escapes), and never replaces a whole link', async () => {
    const xml = '<appSettings>\n  <add key="ConsentUrl" value="https://login.microsoftonline.com/common/oauth2/authorize?client_id=abc&amp;response_type=id_token+token&amp;nonce=1" />\n</appSettings>\n';
    const f = await only(xml, 'web.config');
    assert.deepEqual([f.safe, f.text], [true, xml.replace('response_type=id_token+token', 'response_type=code')]);
    const json = '{ "link": "https:\\/\\/login.microsoftonline.com\\/common\\/oauth2\\/authorize?client_id=abc&response_type=token" }\n';
    assert.deepEqual((await fixes(json, 'links.json')).map((x) => x.fixes.length), [0], 'an escaped URL it cannot read gets no fix');
  });

  it('offers code (not safe) in query builders and dicts, and keeps the ID token of a sign-in middleware setting', async () => {
    const py = 'params = {"client_id": CLIENT_ID, "response_type": "id_token token", "response_mode": "fragment"}\n';
    assert.deepEqual(await only(py, 'a.py'), {
      title: 'Use response_type=code',
      safe: false,
      preferred: true,
      text: 'params = {"client_id": CLIENT_ID, "response_type": "code", "response_mode": "fragment"}\n',
    });
    const js = "passport.use(new OIDCStrategy({ clientID, responseType: 'id_token token', responseMode: 'form_post' }, verify));\n";
    assert.deepEqual(await only(js, 'a.js'), {
      title: 'Use response_type=code id_token (keeps the sign-in ID token)',
      safe: false,
      preferred: true,
      text: "passport.use(new OIDCStrategy({ clientID, responseType: 'code id_token', responseMode: 'form_post' }, verify));\n",
    });
    const env = 'OIDC_RESPONSE_TYPE=token\n';
    assert.equal((await only(env, '.env')).text, 'OIDC_RESPONSE_TYPE=code\n');
  });

  it('maps response-type constants by meaning and keeps the file\'s style for constant reads', async () => {
    const cs = [
      'using Microsoft.IdentityModel.Protocols.OpenIdConnect;',
      'class Startup {',
      '    const string Implicit = "id_token token";',
      '    void A(OpenIdConnectAuthenticationOptions o) { o.ResponseType = OpenIdConnectResponseType.IdTokenToken; }',
      '    void B(OpenIdConnectAuthenticationOptions o) { o.ResponseType = OpenIdConnectResponseType.Token; }',
      '    void C(OpenIdConnectAuthenticationOptions o) { o.ResponseType = Implicit; }',
      '}',
      '',
    ].join('\n');
    const all = await fixes(cs, 'Startup.cs');
    assert.deepEqual(all.map((f) => [f.flagged, f.fixes[0].title, f.fixes[0].safe]), [
      ['OpenIdConnectResponseType.IdTokenToken', 'Use OpenIdConnectResponseType.CodeIdToken', false],
      ['OpenIdConnectResponseType.Token', 'Use OpenIdConnectResponseType.Code', false],
      ['Implicit', 'Use OpenIdConnectResponseType.CodeIdToken', false],
    ]);
    assert.match(all[2].fixes[0].text, /o\.ResponseType = OpenIdConnectResponseType\.CodeIdToken; \}/);
    const java = 'class A { Object b() { return new AuthenticationRequest.Builder(ResponseType.IDTOKEN_TOKEN, scope, id, cb); } Object c() { return new ResponseType(ResponseType.Value.TOKEN); } }\n';
    assert.deepEqual((await fixes(java, 'A.java')).map((f) => f.fixes[0].title), ['Use ResponseType.CODE_IDTOKEN', 'Use ResponseType.Value.CODE']);
    const spring = 'class S { Object r() { return ClientRegistration.withRegistrationId("a").authorizationGrantType(AuthorizationGrantType.IMPLICIT).build(); } }\n';
    assert.equal((await only(spring, 'S.java')).text, spring.replace('IMPLICIT', 'AUTHORIZATION_CODE'));
    assert.equal((await only('spring.security.oauth2.client.registration.azure.authorization-grant-type=implicit\n', 'application.properties')).text, 'spring.security.oauth2.client.registration.azure.authorization-grant-type=authorization_code\n');
  });

  it('turns implicit access-token issuance off in the value\'s own spelling', async () => {
    assert.equal((await only('New-AzureADApplication -DisplayName x -Oauth2AllowImplicitFlow:$true\n', 'a.ps1')).text, 'New-AzureADApplication -DisplayName x -Oauth2AllowImplicitFlow:$false\n');
    assert.equal((await only('settings = ImplicitGrantSettings(enable_access_token_issuance=True)\n', 'a.py')).text, 'settings = ImplicitGrantSettings(enable_access_token_issuance=False)\n');
    assert.equal((await only('<appSettings><add key="Registration:EnableAccessTokenIssuance" value="true" /></appSettings>\n', 'web.config')).text, '<appSettings><add key="Registration:EnableAccessTokenIssuance" value="false" /></appSettings>\n');
    const f = await only("$body = '{\"web\":{\"implicitGrantSettings\":{\"enableAccessTokenIssuance\":true}}}'\n", 'b.ps1');
    assert.deepEqual([f.title, f.safe, f.text], ['Set enableAccessTokenIssuance to false', false, "$body = '{\"web\":{\"implicitGrantSettings\":{\"enableAccessTokenIssuance\":false}}}'\n"]);
    assert.equal((await only('az ad app update --id $AppId --enable-access-token-issuance true\n', 'c.ps1')).title, 'Set --enable-access-token-issuance to false');
  });

  it('offers no fix for libraries whose only browser flow is the implicit grant', async () => {
    const ts = "import { UserAgentApplication } from 'msal';\nexport const app = new UserAgentApplication({ auth: { clientId } });\n";
    assert.deepEqual(await fixes(ts, 'spa.ts'), [{ flagged: 'UserAgentApplication', fixes: [] }]);
  });

  it('`fix` applies only the safe link fix: --dry-run prints the diff, then the file is written (CRLF kept)', async () => {
    const before = [
      "$link = 'https://login.microsoftonline.com/common/oauth2/authorize?client_id=abc&response_type=token&nonce=1'",
      "$query = @{ client_id = 'abc'; response_type = 'token' }",
      'Set-AzureADApplication -ObjectId $id -Oauth2AllowImplicitFlow $true',
      '',
    ].join('\r\n');
    const dir = workspace({ 'consent.ps1': before }, 'pal-ig-');
    const file = path.join(dir, 'consent.ps1');
    const dry = await run(dir, 'fix', '--dry-run', '--rule', RULE);
    assert.equal(dry.code, 0);
    assert.equal(
      dry.stdout,
      [
        '--- a/consent.ps1',
        '+++ b/consent.ps1',
        '@@ -1,3 +1,3 @@',
        "-$link = 'https://login.microsoftonline.com/common/oauth2/authorize?client_id=abc&response_type=token&nonce=1'\r",
        "+$link = 'https://login.microsoftonline.com/common/oauth2/authorize?client_id=abc&response_type=code&nonce=1'\r",
        " $query = @{ client_id = 'abc'; response_type = 'token' }\r",
        ' Set-AzureADApplication -ObjectId $id -Oauth2AllowImplicitFlow $true\r',
        '',
      ].join('\n'),
    );
    assert.equal(dry.stderr, 'Would fix 1 problem in 1 file.\n');
    assert.equal(fs.readFileSync(file, 'utf8'), before, '--dry-run writes nothing');
    const real = await run(dir, 'fix', '--rule', RULE);
    assert.deepEqual([real.code, real.stdout], [0, 'Fixed 1 problem in 1 file.\n']);
    assert.equal(fs.readFileSync(file, 'utf8'), before.replace('response_type=token&', 'response_type=code&'));
    const scan = await run(dir, 'scan', '--format', 'json', '--rule', RULE);
    assert.deepEqual(JSON.parse(scan.stdout).findings.map((f: { line: number }) => f.line), [2, 3], 'the non-safe findings stay for the editor');
  });
});
