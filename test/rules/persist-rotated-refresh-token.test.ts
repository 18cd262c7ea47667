// persist-rotated-refresh-token beyond its fixtures: exact messages (where the grant came from, what was read),
// severity, and the file-level facts fixtures cannot vary (a persisted MSAL token cache, a client built elsewhere).
import assert from 'node:assert/strict';
import { flagged } from '../helpers/lint';

const ID = 'persist-rotated-refresh-token';
const WHY = 'Refresh tokens expire after 90 days of inactivity (AADSTS700082), so the stored one eventually lapses and the SAM consent has to be redone interactively';

const findings = (text: string, file: string) => flagged(ID, text, file, {}, ['line', 'text', 'severity', 'message']);

describe(ID, () => {
  it('names the request, where grant_type came from and what was read instead, as a warning', async () => {
    const ps = [
      "$grantType = 'refresh_token'",
      '$resp = Invoke-RestMethod -Method Post -Uri $tokenUrl -Body "grant_type=$grantType&refresh_token=$rt"',
      'Connect-MgGraph -AccessToken ($resp.access_token | ConvertTo-SecureString -AsPlainText -Force)',
    ].join('\n');
    assert.deepEqual(await findings(ps, 'sync.ps1'), [
      {
        line: 2,
        text: 'Invoke-RestMethod',
        severity: 'warning',
        message: `\`Invoke-RestMethod\` exchanges a refresh token (grant_type=refresh_token from \`$grantType\`, line 1) but only reads \`access_token\`: the rotated \`refresh_token\` is never written back. ${WHY}; save \`refresh_token\` to the secret store (\`Set-AzKeyVaultSecret\`) after each exchange.`,
      },
    ]);
  });

  it('says when the response is not used at all, and spells PartnerCenter fields as properties', async () => {
    const py = 'import requests\ndata = {"grant_type": "refresh_token", "refresh_token": rt}\nrequests.post(TOKEN_URL, data=data)\n';
    assert.deepEqual((await findings(py, 'keepalive.py')).map((f) => f.message.split(': the rotated')[0]), [
      '`requests.post` exchanges a refresh token (grant_type=refresh_token, line 2) but never uses the response',
    ]);
    const ps = '$t = New-PartnerAccessToken -ApplicationId $id -Credential $c -RefreshToken $rt -Scopes $s -ServicePrincipal -Tenant $tid\nConnect-PartnerCenter -AccessToken $t.AccessToken\n';
    assert.deepEqual((await findings(ps, 'pc.ps1')).map((f) => f.message.split(`. ${WHY}`)[0]), [
      '`New-PartnerAccessToken -RefreshToken` returns a new refresh token but only reads `.AccessToken`: the rotated `.RefreshToken` is never written back',
    ]);
  });

  it('reports MSAL.NET only when this file builds the client and persists no token cache', async () => {
    const built = 'var app = ConfidentialClientApplicationBuilder.Create(id).WithClientSecret(s).Build();\n';
    const exchange = 'var result = await ((IByRefreshToken)app).AcquireTokenByRefreshToken(scopes, rt).ExecuteAsync();\nreturn result.AccessToken;\n';
    assert.deepEqual(await findings(built + exchange, 'a.cs'), [
      {
        line: 2,
        text: 'AcquireTokenByRefreshToken',
        severity: 'warning',
        message: `\`AcquireTokenByRefreshToken\` keeps the new refresh token only in MSAL.NET's in-memory token cache (no cache serialization is configured in this file), so it is lost when the process ends. ${WHY}; persist the token cache (\`UserTokenCache.SetBeforeAccess\`/\`SetAfterAccess\`) and write the new refresh token back (\`SecretClient.SetSecretAsync\`).`,
      },
    ]);
    assert.deepEqual(await findings(built + 'app.UserTokenCache.SetAfterAccess(OnAfterAccess);\n' + exchange, 'a.cs'), []);
    assert.deepEqual(await findings(exchange, 'a.cs'), [], 'a client built in another file is not judged');
  });

  it('accepts a persisted msal-node, msal4j or msal (Python) cache', async () => {
    const node = (cache: string) => `const cca = new ConfidentialClientApplication({ auth: { clientId, authority }${cache} });\nconst r = await cca.acquireTokenByRefreshToken({ refreshToken: rt, scopes });\nuse(r.accessToken);\n`;
    assert.deepEqual((await findings(node(''), 'a.js')).map((f) => f.text), ['acquireTokenByRefreshToken']);
    assert.deepEqual(await findings(node(', cache: { cachePlugin }'), 'a.js'), []);

    const java = (aspect: string) =>
      `class T { String t() throws Exception {\n  ConfidentialClientApplication app = ConfidentialClientApplication.builder(id, cred)${aspect}.build();\n  return app.acquireToken(RefreshTokenParameters.builder(scopes, rt).build()).get().accessToken();\n} }\n`;
    assert.deepEqual((await findings(java(''), 'T.java')).map((f) => `${f.line} ${f.text}`), ['3 acquireToken']);
    assert.deepEqual(await findings(java('.setTokenCacheAccessAspect(new KeyVaultCacheAspect())'), 'T.java'), []);

    const py = (cache: string) => `import msal\napp = msal.ConfidentialClientApplication(cid, client_credential=s${cache})\nresult = app.acquire_token_by_refresh_token(rt, scopes=SCOPES)\nprint(result["access_token"])\n`;
    assert.deepEqual((await findings(py(''), 'a.py')).map((f) => `${f.line} ${f.text}`), ['3 acquire_token_by_refresh_token']);
    const persisted = py(', token_cache=cache') + 'if cache.has_state_changed:\n    open(CACHE_FILE, "w").write(cache.serialize())\n';
    assert.deepEqual(await findings(persisted, 'a.py'), []);
  });

  it('follows aliases through branches, but not past a reassignment in the same block', async () => {
    const body = "$body = @{ grant_type = 'refresh_token'; refresh_token = $rt }\n";
    const branch = body + 'function Get-H {\n  $r = Invoke-RestMethod -Method Post -Uri $u -Body $body\n  if ($Raw) { $h = $r } else { $h = @{ Authorization = "Bearer $($r.access_token)" } }\n  return $h\n}\n';
    assert.deepEqual(await findings(branch, 'a.ps1'), []);
    const killed = body + 'function Get-H {\n  $r = Invoke-RestMethod -Method Post -Uri $u -Body $body\n  $h = $r\n  $h = @{ Authorization = "Bearer $($r.access_token)" }\n  return $h\n}\n';
    assert.deepEqual((await findings(killed, 'a.ps1')).map((f) => `${f.line} ${f.text}`), ['3 Invoke-RestMethod']);
  });

  it('follows http.client: the response comes from getresponse(), not request()', async () => {
    const py = (use: string) =>
      `def t(rt):\n    conn = http.client.HTTPSConnection(HOST)\n    conn.request("POST", PATH, urlencode({"grant_type": "refresh_token", "refresh_token": rt}))\n    data = json.loads(conn.getresponse().read())\n    ${use}\n`;
    assert.deepEqual((await findings(py('return data["access_token"]'), 'a.py')).map((f) => `${f.line} ${f.text}`), ['3 request']);
    assert.deepEqual(await findings(py('vault.set_secret("rt", data["refresh_token"])'), 'a.py'), []);
  });
});
