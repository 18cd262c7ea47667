// persist-rotated-refresh-token quick fixes: the write-back goes where the code read the refresh token from (same
// vault and name, same SecretClient), else to the configured store; exact output for both stores, CRLF files,
// the hoisted `(New-PartnerAccessToken …).AccessToken`, and the shapes and stores that get no fix.
import assert from 'node:assert/strict';
import type { SecretStore } from '../../rules/engine/types';
import { applyEdits, combineFixes } from '../../rules/fixes/edits';
import { applyPreferred, assertSuggestions, lintRule } from '../helpers/lint';

const RULE = 'persist-rotated-refresh-token';
const KV: SecretStore = { kind: 'keyVault', vaultName: 'partner-kv' };
const PC = "'https://api.partnercenter.microsoft.com/user_impersonation'";

/** Titles of every finding's fixes, the text with all preferred fixes applied, and the findings left after that. */
const COMMENT = 'Add a comment saying where to persist the rotated refresh token';
const COMMENT_TITLE = `${COMMENT} (environment store; the finding returns on 2026-12-22)`;

/** The one fix of a finding, applied (the comment fix is not preferred, so applyPreferred leaves it out). */
async function applyOnly(text: string, file: string, secretStore?: SecretStore): Promise<{ text: string; left: number }> {
  const r = await lintRule(RULE, text, file, { secretStore, today: '2026-11-22' });
  const edits = combineFixes(r.findings.map((f) => f.fixes[0]).filter(Boolean)).edits;
  const fixed = applyEdits(text, edits);
  return { text: fixed, left: (await lintRule(RULE, fixed, file, { secretStore, today: '2026-11-22' })).findings.length };
}

async function fix(text: string, file: string, secretStore?: SecretStore) {
  const r = await applyPreferred(RULE, text, file, { secretStore, today: '2026-11-22' });
  // Write-backs are preferred suggestions; the environment store's comment is offered, never preferred.
  assertSuggestions(r.findings.map((f) => ({ ...f, fixes: f.fixes.filter((x) => !x.title.startsWith(COMMENT)) })));
  for (const f of r.findings) for (const x of f.fixes.filter((y) => y.title.startsWith(COMMENT))) assert.ok(!x.preferred && !x.safe, x.title);
  const after = await lintRule(RULE, r.text, file, { secretStore, today: '2026-11-22' });
  return { titles: r.titles, text: r.text, left: after.findings.length };
}

describe('persist-rotated-refresh-token fixes', () => {
  describe('PowerShell', () => {
    it('writes back to the vault and secret the refresh token was read from, whatever the configured store (CRLF kept)', async () => {
      const ps = [
        "$rt = Get-AzKeyVaultSecret -VaultName $VaultName -Name 'PartnerRefreshToken' -AsPlainText",
        'foreach ($c in $customers) {',
        `    $t = New-PartnerAccessToken -ApplicationId $AppId -Credential $cred -RefreshToken $rt -Scopes ${PC} -ServicePrincipal -Tenant $c.Id`,
        '    Connect-PartnerCenter -AccessToken $t.AccessToken',
        '}',
        '',
      ].join('\r\n');
      for (const store of [undefined, KV]) {
        const r = await fix(ps, 'sync.ps1', store);
        assert.deepEqual(r.titles, [["Write the rotated refresh token back to Key Vault secret 'PartnerRefreshToken' after the exchange"]]);
        assert.equal(
          r.text,
          [
            "$rt = Get-AzKeyVaultSecret -VaultName $VaultName -Name 'PartnerRefreshToken' -AsPlainText",
            'foreach ($c in $customers) {',
            `    $t = New-PartnerAccessToken -ApplicationId $AppId -Credential $cred -RefreshToken $rt -Scopes ${PC} -ServicePrincipal -Tenant $c.Id`,
            "    Set-AzKeyVaultSecret -VaultName $VaultName -Name 'PartnerRefreshToken' -SecretValue (ConvertTo-SecureString $t.RefreshToken -AsPlainText -Force) | Out-Null",
            '    Connect-PartnerCenter -AccessToken $t.AccessToken',
            '}',
            '',
          ].join('\r\n'),
        );
        assert.equal(r.left, 0, 'the write-back counts as persisting');
      }
    });

    it('(New-PartnerAccessToken …).AccessToken: the exchange moves to a variable on the line before, then its write-back', async () => {
      const ps = "    $exo = Get-AzKeyVaultSecret -VaultName $kv -Name 'ExoRefreshToken' -AsPlainText\n    Connect-ExchangeOnline -DelegatedOrganization $d -AccessToken (New-PartnerAccessToken -Module ExchangeOnline -RefreshToken $exo -Tenant $id).AccessToken\n";
      const r = await fix(ps, 'exo.ps1');
      assert.deepEqual(r.titles, [["Write the rotated refresh token back to Key Vault secret 'ExoRefreshToken' after the exchange"]]);
      assert.equal(
        r.text,
        [
          "    $exo = Get-AzKeyVaultSecret -VaultName $kv -Name 'ExoRefreshToken' -AsPlainText",
          '    $exchangeToken = New-PartnerAccessToken -Module ExchangeOnline -RefreshToken $exo -Tenant $id',
          "    Set-AzKeyVaultSecret -VaultName $kv -Name 'ExoRefreshToken' -SecretValue (ConvertTo-SecureString $exchangeToken.RefreshToken -AsPlainText -Force) | Out-Null",
          '    Connect-ExchangeOnline -DelegatedOrganization $d -AccessToken $exchangeToken.AccessToken',
          '',
        ].join('\n'),
      );
      assert.equal(r.left, 0);
      // Read from the environment: no code persists it for the next run; the comment says where it must go.
      const env = await fix(ps.replace(/^.*\n/, '').replace('$exo', '$env:EXO_REFRESH_TOKEN'), 'exo.ps1');
      assert.deepEqual(env.titles, [[COMMENT_TITLE]]);
    });

    it('a refresh token from a parameter: the configured store, environment or Key Vault, under a name from the code', async () => {
      const ps = ['param([string]$RefreshToken)', "$r = Invoke-RestMethod -Method Post -Uri $u -Body @{ grant_type = 'refresh_token'; refresh_token = $RefreshToken }", '$r.access_token', ''].join('\n');
      // The environment store (the default): no write-back from code persists an environment variable (a user
      // variable is kept in clear in the registry, and .NET ignores that target on Linux): the comment says where.
      const env = await fix(ps, 'raw.ps1');
      assert.deepEqual(env.titles, [[COMMENT_TITLE]]);
      const kv = await fix(ps, 'raw.ps1', KV);
      assert.deepEqual(kv.titles, [['Write the rotated refresh token back to Key Vault secret PartnerRefreshToken after the exchange']]);
      assert.equal(kv.text.split('\n')[2], "Set-AzKeyVaultSecret -VaultName 'partner-kv' -Name 'PartnerRefreshToken' -SecretValue (ConvertTo-SecureString $r.refresh_token -AsPlainText -Force) | Out-Null");
      assert.equal(kv.left, 0);
      const exo = await fix(ps.replace(/\$RefreshToken/g, '$ExoRefreshToken'), 'raw.ps1', KV);
      assert.match(exo.text, /-Name 'ExoRefreshToken'/);
    });

    it('`$null = Invoke-RestMethod …` keeps the response in a new variable', async () => {
      const ps = "$rt = Get-AutomationVariable -Name 'PartnerRefreshToken'\n$null = Invoke-RestMethod -Method Post -Uri $u -Body @{ grant_type = 'refresh_token'; refresh_token = $rt }\n";
      const r = await fix(ps, 'keepalive.ps1');
      // Read from an Azure Automation variable: written back there.
      assert.equal(
        r.text,
        "$rt = Get-AutomationVariable -Name 'PartnerRefreshToken'\n$tokenResponse = Invoke-RestMethod -Method Post -Uri $u -Body @{ grant_type = 'refresh_token'; refresh_token = $rt }\nSet-AutomationVariable -Name 'PartnerRefreshToken' -Value $tokenResponse.refresh_token\n",
      );
      assert.equal(r.left, 0);
    });

    it('a pipeline step reading an environment variable gets the comment; no fix for a piped or printed result or a script block on the line', async () => {
      const yml = [
        'steps:',
        '  - pwsh: |',
        `      $t = New-PartnerAccessToken -ApplicationId $env:APP_ID -Credential $c -RefreshToken $env:REFRESH_TOKEN -Scopes ${PC} -ServicePrincipal -Tenant $env:TENANT`,
        '      Connect-PartnerCenter -AccessToken $t.AccessToken',
        '',
      ].join('\n');
      assert.deepEqual((await fix(yml, 'azure-pipelines.yml')).titles, [[COMMENT_TITLE]]);
      assert.deepEqual((await fix(yml, 'azure-pipelines.yml', KV)).titles, [[COMMENT_TITLE]], 'the code reads an environment variable: Key Vault is not where the next run looks');
      const ps = [
        `$a = New-PartnerAccessToken -RefreshToken $rt -Scopes ${PC} | Select-Object -ExpandProperty AccessToken`,
        `New-PartnerAccessToken -RefreshToken $rt -Scopes ${PC} | Out-Null`,
        `$customers | ForEach-Object { Connect-PartnerCenter -AccessToken (New-PartnerAccessToken -RefreshToken $rt -Scopes ${PC}).AccessToken }`,
        '',
      ].join('\n');
      const r = await fix(ps, 'x.ps1');
      assert.deepEqual(r.titles, [[], [], []]);
    });

    it('Key Vault in a pipeline step: Set-AzKeyVaultSecret at the block scalar indentation', async () => {
      const yml = [
        'steps:',
        '  - task: AzurePowerShell@5',
        '    inputs:',
        '      Inline: |',
        "        $rt = Get-AzKeyVaultSecret -VaultName 'kv-partner' -Name 'PartnerRefreshToken' -AsPlainText",
        `        $pc = New-PartnerAccessToken -ApplicationId $env:APP_ID -Credential $c -RefreshToken $rt -Scopes ${PC} -ServicePrincipal -Tenant $env:TENANT`,
        '        Connect-PartnerCenter -AccessToken $pc.AccessToken',
        '',
      ].join('\n');
      const r = await fix(yml, 'azure-pipelines.yml');
      assert.equal(r.text.split('\n')[6], "        Set-AzKeyVaultSecret -VaultName 'kv-partner' -Name 'PartnerRefreshToken' -SecretValue (ConvertTo-SecureString $pc.RefreshToken -AsPlainText -Force) | Out-Null");
      assert.equal(r.left, 0);
    });
  });

  describe('Python, JavaScript, C#, Java', () => {
    it('msal for Python: the same SecretClient and name as the helper that read it, guarded', async () => {
      const py = [
        'VAULT = SecretClient(vault_url=URL, credential=DefaultAzureCredential())',
        '',
        'def stored_refresh_token():',
        '    return VAULT.get_secret("PartnerRefreshToken").value',
        '',
        'def token():',
        '    result = cca.acquire_token_by_refresh_token(stored_refresh_token(), scopes=[PC_SCOPE])',
        '    return result["access_token"]',
        '',
      ].join('\r\n');
      const r = await fix(py, 'pc.py');
      assert.equal(
        r.text,
        [
          'VAULT = SecretClient(vault_url=URL, credential=DefaultAzureCredential())',
          '',
          'def stored_refresh_token():',
          '    return VAULT.get_secret("PartnerRefreshToken").value',
          '',
          'def token():',
          '    result = cca.acquire_token_by_refresh_token(stored_refresh_token(), scopes=[PC_SCOPE])',
          '    if "refresh_token" in result:',
          '        VAULT.set_secret("PartnerRefreshToken", result["refresh_token"])',
          '    return result["access_token"]',
          '',
        ].join('\r\n'),
      );
      assert.equal(r.left, 0);
    });

    it('Python: an environment variable gets the comment saying where to persist; an unknown source a write-back only with the Key Vault store', async () => {
      const fromEnv = ['import os', 'def t():', '    result = cca.acquire_token_by_refresh_token(os.environ["PARTNER_REFRESH_TOKEN"], scopes=[S])', '    return result["access_token"]', ''].join('\n');
      // The code reads the environment: writing to Key Vault would not reach the next run, whatever the configured store.
      assert.deepEqual((await fix(fromEnv, 'a.py')).titles, [[COMMENT_TITLE]]);
      assert.deepEqual((await fix(fromEnv, 'a.py', KV)).titles, [[COMMENT_TITLE]]);
      const commented = await applyOnly(fromEnv, 'a.py');
      assert.equal(
        commented.text.split('\n')[2],
        '    # partner-auth-lint-disable-next-line persist-rotated-refresh-token -- TODO write result["refresh_token"] back to the secret store that sets PARTNER_REFRESH_TOKEN (a pipeline secret or app setting; an environment variable set by this process is lost when it ends), until 2026-12-22',
      );
      assert.equal(commented.left, 0);
      // 31 days later the suppression has expired: the finding is back, with the expiry noted.
      const later = await lintRule(RULE, commented.text, 'a.py', { today: '2026-12-23' });
      assert.deepEqual(later.findings.map((f) => f.severity), ['info', 'warning']);
      const param = ['def t(rt):', '    r = httpx.post(URL, content=f"grant_type=refresh_token&refresh_token={rt}")', '    payload = json.loads(r.text)', '    return payload["access_token"]', ''].join('\n');
      assert.deepEqual((await fix(param, 'b.py')).titles, [[COMMENT_TITLE]]);
      assert.match((await applyOnly(param, 'b.py')).text, /# partner-auth-lint-disable-next-line persist-rotated-refresh-token -- TODO write payload\["refresh_token"\] back to where the next run reads its refresh token /);
      const kv = await fix(param, 'b.py', KV);
      assert.equal(
        kv.text,
        [
          'from azure.identity import DefaultAzureCredential',
          'from azure.keyvault.secrets import SecretClient',
          '',
          'def t(rt):',
          '    r = httpx.post(URL, content=f"grant_type=refresh_token&refresh_token={rt}")',
          '    payload = json.loads(r.text)',
          '    if "refresh_token" in payload:',
          '        SecretClient(vault_url="https://partner-kv.vault.azure.net/", credential=DefaultAzureCredential()).set_secret("PartnerRefreshToken", payload["refresh_token"])',
          '    return payload["access_token"]',
          '',
        ].join('\n'),
      );
      assert.equal(kv.left, 0);
    });

    it('JavaScript: axios response.data and a parsed fetch body, written back through the same client; none outside async code', async () => {
      const js = [
        'const vault = new SecretClient(url, new DefaultAzureCredential());',
        'async function readSecret(name) {',
        '  return (await vault.getSecret(name)).value;',
        '}',
        'async function a() {',
        "  const response = await axios.post(URL, qs.stringify({ grant_type: 'refresh_token', refresh_token: await readSecret('PartnerRefreshToken') }));",
        '  return response.data.access_token;',
        '}',
        'async function b(rt) {',
        "  const res = await fetch(URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: rt }) });",
        '  const tokens = await res.json();',
        '  return tokens.access_token;',
        '}',
        'function c(rt) {',
        "  const res = axios.post(URL, qs.stringify({ grant_type: 'refresh_token', refresh_token: rt }));",
        '  return res.data.access_token;',
        '}',
        '',
      ].join('\n');
      const env = await fix(js, 'a.js');
      // Environment store: b and c (the refresh token passed in) get the comment saying where to persist it.
      assert.deepEqual(env.titles, [[env.titles[0][0]], [COMMENT_TITLE], [COMMENT_TITLE]]);
      assert.equal(env.text.split('\n')[6], "  if (response.data.refresh_token) await vault.setSecret('PartnerRefreshToken', response.data.refresh_token);");
      const kv = await fix(js, 'a.js', KV);
      assert.deepEqual(kv.titles.map((t) => t.length), [1, 1, 0]);
      assert.ok(
        kv.text.includes(['  const tokens = await res.json();', '  if (tokens.refresh_token) await new SecretClient("https://partner-kv.vault.azure.net/", new DefaultAzureCredential()).setSecret("PartnerRefreshToken", tokens.refresh_token);', ''].join('\n')),
        kv.text,
      );
      assert.ok(kv.text.startsWith("const { DefaultAzureCredential } = require('@azure/identity');\nconst { SecretClient } = require('@azure/keyvault-secrets');\n"), 'the Key Vault client is required once, at the top');
    });

    it('ADAL.NET 2.x and adal4j results: result.RefreshToken / result.getRefreshToken() with the Key Vault store; MSAL.NET gets none', async () => {
      const cs = [
        'using Microsoft.IdentityModel.Clients.ActiveDirectory;',
        'class P {',
        '    string T(string rt, ClientCredential cred) {',
        '        var result = ctx.AcquireTokenByRefreshToken(rt, cred, Resource);',
        '        return result.AccessToken;',
        '    }',
        '}',
        '',
      ].join('\n');
      assert.deepEqual((await fix(cs, 'P.cs')).titles, [[COMMENT_TITLE]], 'C# cannot persist an environment variable: the comment says where to');
      const kv = await fix(cs, 'P.cs', KV);
      assert.equal(kv.text.split('\n')[7], '        new SecretClient(new Uri("https://partner-kv.vault.azure.net/"), new DefaultAzureCredential()).SetSecret("PartnerRefreshToken", result.RefreshToken);');
      assert.equal(kv.left, 0);
      const java = [
        'class A {',
        '    private final SecretClient vault = new SecretClientBuilder().buildClient();',
        '    private String refreshToken() {',
        '        return vault.getSecret("PartnerRefreshToken").getValue();',
        '    }',
        '    String t() throws Exception {',
        '        AuthenticationResult result = context.acquireTokenByRefreshToken(refreshToken(), cred, resource, null).get();',
        '        return result.getAccessToken();',
        '    }',
        '}',
        '',
      ].join('\n');
      const j = await fix(java, 'A.java');
      assert.equal(j.text.split('\n')[7], '        vault.setSecret("PartnerRefreshToken", result.getRefreshToken());');
      assert.equal(j.left, 0);
      const msal = ['class P {', '  async Task T() {', '    var app = ConfidentialClientApplicationBuilder.Create(id).Build();', '    var r = await ((IByRefreshToken)app).AcquireTokenByRefreshToken(new[] { S }, rt).ExecuteAsync();', '  }', '}', ''].join('\n');
      const m = await fix(msal, 'M.cs', KV);
      assert.deepEqual(m.titles, [[]]);
    });
  });
});
