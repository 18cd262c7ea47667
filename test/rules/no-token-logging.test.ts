// no-token-logging: exact messages (incl. where the value came from), severity, masking of literal values,
// one finding per secret per call, pipeline masking commands, Write-Output scope and serialized template holes.
import assert from 'node:assert/strict';
import type { PartnerType } from '../../rules/engine/types';
import { flagged } from '../helpers/lint';

const STORED = "logs are stored, shipped and read by more people than the credential's owner";
const RT = 'a logged refresh token is a stored credential that grants up to 90 days of access to every audience the consented partner account can reach';
const AT = 'anyone who reads the log can call the API as the partner until the token expires';
const FIX = 'Log a prefix, the length or a hash instead, or nothing.';

const run = (text: string, file: string, partnerType: PartnerType = 'cpv') => flagged('no-token-logging', text, file, { partnerType }, ['text', 'line', 'severity', 'message']);

describe('no-token-logging', () => {
  it('says where a logged refresh token came from, as an error for every partner type', async () => {
    const ps = "$rt = Get-AzKeyVaultSecret -VaultName kv -Name 'PartnerRefreshToken' -AsPlainText\nWrite-Host \"RT: $rt\"\n";
    for (const partnerType of ['csp', 'cpv', 'unknown'] as const) {
      assert.deepEqual(await run(ps, 'sync.ps1', partnerType), [
        { text: '$rt', line: 2, severity: 'error', message: `Refresh token \`$rt\` (from \`Get-AzKeyVaultSecret\`, line 1) is written to \`Write-Host\`; ${STORED}, and ${RT}. ${FIX}` },
      ]);
    }
  });

  it('names the member a token was read from and the sink it reaches', async () => {
    const py = "import logging\nlogger = logging.getLogger(__name__)\ntoken = result['access_token']\nlogger.info('token %s', token)\n";
    assert.deepEqual(await run(py, 'sync.py'), [
      { text: 'token', line: 4, severity: 'error', message: `Access token \`token\` (from \`result['access_token']\`, line 3) is written to \`logger.info\`; ${STORED}, and ${AT}. ${FIX}` },
    ]);
  });

  it('words app-only (client-credentials) results as the application\'s, with no refresh token in them', async () => {
    const py = 'import logging\nlog = logging.getLogger(__name__)\nresult = app.acquire_token_for_client(scopes=[S])\nlog.info("%s", result)\nlog.info("%s", result["access_token"])\n';
    assert.deepEqual((await run(py, 'app.py')).map((f) => f.message.split('; ')[1]), [
      "logs are stored, shipped and read by more people than the credential's owner, and a token response holds the access token (an app-only response has no refresh token), which anyone who reads the log can use as the application until it expires. Log only its non-secret fields (expiry, scopes) or nothing.",
      "logs are stored, shipped and read by more people than the credential's owner, and anyone who reads the log can call the API as the application until the token expires. Log a prefix, the length or a hash instead, or nothing.",
    ]);
    const ps = "$r = Invoke-RestMethod -Method Post -Uri \"https://login.microsoftonline.com/$t/oauth2/v2.0/token\" -Body @{ grant_type = 'client_credentials'; client_id = $id; client_secret = $s; scope = $scope }\nWrite-Host $r.access_token\n";
    assert.match((await run(ps, 'a.ps1'))[0].message, /call the API as the application/);
  });

  it('never puts a hard-coded value into the message', async () => {
    const jwt = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20ifQ.c2lnbmF0dXJl';
    const js = `const accessToken = '${jwt}';\nconsole.log('token', accessToken);\nconsole.log(String('${jwt}'));\n`;
    const found = await run(js, 'a.js');
    assert.deepEqual(found.map((f) => [f.line, f.text]), [[2, 'accessToken']]);
    assert.ok(!found[0].message.includes('eyJ'), found[0].message);
    assert.ok(found[0].message.includes('(the value assigned on line 1)'), found[0].message);
  });

  it('reports a secret once per call even when it appears twice, and each different secret', async () => {
    const py = 'print(f"{token!r} and again {token}", refresh_token, client_secret[:4])\n';
    assert.deepEqual((await run(py, 'a.py')).map((f) => f.text), ['token', 'refresh_token']);
  });

  it('describes an object that holds a secret as its holder', async () => {
    const ps = "$body = @{ grant_type = 'refresh_token'; refresh_token = $rt; client_id = $appId }\nWrite-Verbose ($body | ConvertTo-Json)\n";
    assert.deepEqual(await run(ps, 'a.ps1'), [
      { text: '$body', line: 2, severity: 'error', message: `\`$body\` (the object assigned on line 1), which holds a refresh token, is written to \`Write-Verbose\`; ${STORED}, and ${RT}. ${FIX}` },
    ]);
  });

  it('asks for issecret=true on pipeline variables and accepts the masking commands', async () => {
    const ps = [
      'Write-Host "##vso[task.setvariable variable=pcToken]$($pc.AccessToken)"',
      'Write-Host "##vso[task.setvariable variable=pcToken;isOutput=true;issecret=true]$($pc.AccessToken)"',
      'Write-Host "##vso[task.setsecret]$($pc.RefreshToken)"',
      'Write-Host "::add-mask::$($pc.AccessToken)"',
      '',
    ].join('\n');
    assert.deepEqual(await run(ps, 'a.ps1'), [
      {
        text: '$pc.AccessToken',
        line: 1,
        severity: 'error',
        message: `Access token \`$pc.AccessToken\` is set as a pipeline variable by \`Write-Host\` without \`issecret=true\`, so it is not masked in the run's logs; ${AT}. Add \`issecret=true\` (or register it with \`##vso[task.setsecret]\` / \`::add-mask::\`).`,
      },
    ]);
  });

  it('treats Write-Output of a bare value inside a function as a return value, not at script level', async () => {
    const ps = [
      'function Get-GraphToken {',
      '    Write-Output $resp.access_token',
      '    Write-Output "Token: $($resp.access_token)"',
      '}',
      'Write-Output $resp.refresh_token',
      '',
    ].join('\n');
    assert.deepEqual((await run(ps, 'a.ps1')).map((f) => [f.line, f.text]), [
      [3, '$resp.access_token'],
      [5, '$resp.refresh_token'],
    ]);
  });

  it('reports a token result bound to a destructuring {@Hole} but not to a {Hole} that prints its type name', async () => {
    const cs = [
      'class A { async Task F() {',
      '  var result = await app.AcquireTokenByRefreshToken(scopes, rt).ExecuteAsync();',
      '  _logger.LogInformation("Token {Result} for {Tenant}", result, tenant);',
      '  _logger.LogInformation("Token {@Result} for {Tenant}", result, tenant);',
      '}}',
      '',
    ].join('\n');
    const found = await run(cs, 'A.cs');
    assert.deepEqual(found.map((f) => [f.line, f.text]), [[4, 'result']]);
    assert.equal(
      found[0].message,
      `Token response \`result\` (from \`app.AcquireTokenByRefreshToken(…).ExecuteAsync()\`, line 2) is written to \`_logger.LogInformation\`; ${STORED}, and a token response holds the access token and usually the refresh token, a credential that grants up to 90 days of access. Log only its non-secret fields (expiry, scopes) or nothing.`,
    );
  });

  it('does not report derived values: prefixes, lengths, hashes, presence and metadata', async () => {
    const py = [
      'token = result["access_token"]',
      'print(token[:8], len(token), token is not None, bool(token), result["expires_in"])',
      'print(hashlib.sha256(token.encode()).hexdigest(), "token" if token else "none")',
      '',
    ].join('\n');
    assert.deepEqual(await run(py, 'a.py'), []);
  });
});
