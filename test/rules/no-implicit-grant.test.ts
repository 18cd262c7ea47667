// no-implicit-grant: exact messages (incl. where a value came from), severity, ranges inside escaped / block strings,
// one finding per problem.
import assert from 'node:assert/strict';
import { lint } from '../../rules/engine/lint';
import type { PartnerType } from '../../rules/engine/types';
import { flagged } from '../helpers/lint';

const LEAK = 'access tokens come back in the redirect URL (browser history, logs, Referer), and the Secure Application Model app must keep implicit grant off';
const FIX_FLOW = 'Use the authorization-code flow (`response_type=code`, or `code id_token` for a hybrid sign-in) and redeem the code on the server.';
const REGISTRATION = `enables implicit-grant access-token issuance on the app registration: ${LEAK}. Set it to false; ID-token issuance alone is enough for a hybrid \`code id_token\` sign-in.`;

const run = (text: string, file: string, partnerType: PartnerType = 'cpv') => flagged('no-implicit-grant', text, file, { partnerType }, ['text', 'line', 'severity', 'message']);

describe('no-implicit-grant', () => {
  it('says where a response_type held in a variable was set, and reports the use inside the authorize link', async () => {
    const ps = "$mode = 'id_token token'\n$url = \"https://login.microsoftonline.com/common/oauth2/authorize?client_id=$appId&response_type=$mode&nonce=1\"\n";
    assert.deepEqual(await run(ps, 'consent.ps1'), [
      { text: '$mode', line: 2, severity: 'warning', message: `\`response_type\` = \`id_token token\` (value from \`mode\`, line 1) uses the OAuth implicit grant: ${LEAK}. ${FIX_FLOW}` },
    ]);
  });

  it('is a warning for every partner type', async () => {
    const js = "const p = new URLSearchParams({ response_type: 'token' });\n";
    for (const partnerType of ['csp', 'cpv', 'unknown'] as const) {
      assert.deepEqual((await run(js, 'a.js', partnerType)).map((f) => [f.text, f.severity]), [["'token'", 'warning']]);
    }
  });

  it('reports app registrations with the exact message, the value or the switch as range', async () => {
    const ps = 'Set-AzureADApplication -ObjectId $id -Oauth2AllowImplicitFlow $true\nAssert-AzureAdApp -DisplayName x -EnableAccessTokenIssuance\nAssert-AzureAdApp -DisplayName y -EnableAccessTokenIssuance:$false\n';
    assert.deepEqual(await run(ps, 'setup.ps1'), [
      { text: '$true', line: 1, severity: 'warning', message: `\`Oauth2AllowImplicitFlow\` = true ${REGISTRATION}` },
      { text: '-EnableAccessTokenIssuance', line: 2, severity: 'warning', message: `\`EnableAccessTokenIssuance\` = true ${REGISTRATION}` },
    ]);
  });

  it('reports a response-type constant once, though it is both a pair value and a constant read', async () => {
    const cs = 'services.AddAuthentication().AddOpenIdConnect(o => o.ResponseType = OpenIdConnectResponseType.CodeIdTokenToken);\n';
    assert.deepEqual(await run(cs, 'Startup.cs'), [
      { text: 'OpenIdConnectResponseType.CodeIdTokenToken', line: 1, severity: 'warning', message: `\`ResponseType\` = \`code id_token token\` uses the OAuth implicit grant: ${LEAK}. ${FIX_FLOW}` },
    ]);
  });

  it('finds the exact value inside escaped JSON strings and YAML block scripts', async () => {
    const cs = 'var body = "{\\"web\\":{\\"implicitGrantSettings\\":{\\"enableIdTokenIssuance\\":true,\\"enableAccessTokenIssuance\\":true}}}";\n';
    const r = await lint(cs, 'Setup.cs', { only: ['no-implicit-grant'] });
    const expected = cs.indexOf('enableAccessTokenIssuance\\":true') + 'enableAccessTokenIssuance\\":'.length;
    assert.deepEqual(r!.findings.map((f) => f.range), [{ start: expected, end: expected + 4 }]);
    const yml = 'steps:\n  - script: |\n      az ad app create --display-name portal \\\n        --enable-access-token-issuance\n      az ad app update --id $(AppId) --enable-access-token-issuance false\n';
    assert.deepEqual((await run(yml, 'azure-pipelines.yml')).map((f) => [f.text, f.line, f.message]), [
      ['--enable-access-token-issuance', 4, `\`az ad app --enable-access-token-issuance\` = true ${REGISTRATION}`],
    ]);
  });

  it('leaves the authorization-code and hybrid flows, ID-token-only settings and non-OAuth response types alone', async () => {
    const py = [
      'a = {"response_type": "code id_token", "response_mode": "fragment"}',
      'b = cca.get_authorization_request_url(scopes, response_type="code")',
      'c = {"enableIdTokenIssuance": True, "oauth2AllowIdTokenImplicitFlow": True, "enableAccessTokenIssuance": False}',
      'd = requests.get("https://x.contoso.com/export?token=abc&type=token", stream=True)',
      'e = {"grant_type": "urn:ietf:params:oauth:grant-type:token-exchange", "responseType": "json"}',
      '',
    ].join('\n');
    assert.deepEqual(await run(py, 'ok.py'), []);
  });
});
