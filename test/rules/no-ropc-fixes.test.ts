// no-ropc quick fixes: exact output for CRLF files and for the Key Vault secret store (the fixture test covers
// the environment store), which findings get no fix, and that the rewritten fixtures do not trip the
// rules the rewrite must satisfy (persist-rotated-refresh-token, no-stored-credentials).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from '../../rules/engine/lint';
import type { SecretStore } from '../../rules/engine/types';
import { fixedFileOf, fixtureFiles } from '../helpers/fixtures';
import { applyPreferred } from '../helpers/lint';

const VAULT: SecretStore = { kind: 'keyVault', vaultName: 'contoso-sam' };
const TODO = '# TODO: Persist the rotated refresh token: store it where PARTNER_REFRESH_TOKEN is read from (a pipeline secret variable or a secret store); it expires after 90 days unused.';

/** Every preferred no-ropc fix applied; also the titles offered per finding. */
async function fix(text: string, file: string, secretStore?: SecretStore) {
  const r = await applyPreferred('no-ropc', text, file, { secretStore });
  for (const f of r.findings) for (const x of f.fixes) assert.ok(!x.safe, `${x.title} must not be safe`);
  return {
    offered: r.findings.map((f, i) => [text.slice(f.range.start, f.range.end), r.titles[i]]),
    text: r.text,
  };
}

describe('no-ropc fixes', () => {
  it('keeps CRLF line endings and the indentation of a multi-line PowerShell rewrite', async () => {
    const text = 'param($TenantId)\r\nfunction Connect-Tenant {\r\n    Connect-MsolService -Credential $cred\r\n}\r\n';
    const { text: out } = await fix(text, 'connect.ps1');
    assert.equal(
      out,
      [
        'param($TenantId)',
        'function Connect-Tenant {',
        '    $appCredential = [pscredential]::new($env:PARTNER_APP_ID, (ConvertTo-SecureString $env:PARTNER_APP_SECRET -AsPlainText -Force))',
        "    $aadGraphToken = New-PartnerAccessToken -ApplicationId $appCredential.UserName -Credential $appCredential -RefreshToken $env:PARTNER_REFRESH_TOKEN -Scopes 'https://graph.windows.net/.default' -ServicePrincipal -Tenant $TenantId",
        "    $graphToken = New-PartnerAccessToken -ApplicationId $appCredential.UserName -Credential $appCredential -RefreshToken $aadGraphToken.RefreshToken -Scopes 'https://graph.microsoft.com/.default' -ServicePrincipal -Tenant $TenantId",
        '    # TODO: Persist the rotated refresh token: store it where PARTNER_REFRESH_TOKEN is read from (a pipeline secret variable or a secret store); it expires after 90 days unused.',
        '    $env:PARTNER_REFRESH_TOKEN = $graphToken.RefreshToken',
        '    Connect-MsolService -AdGraphAccessToken $aadGraphToken.AccessToken -MsGraphAccessToken $graphToken.AccessToken',
        '}',
        '',
      ].join('\r\n'),
    );
  });

  it('keeps CRLF in a multi-line body rewrite and its response write-back (Python)', async () => {
    const text = 'import requests\r\n\r\ndef token(user, pwd):\r\n    body = {\r\n        "client_id": CLIENT_ID,\r\n        "username": user,\r\n        "grant_type": "password"\r\n    }\r\n    requests.post(URL, data=body)\r\n';
    const { text: out } = await fix(text, 'token.py');
    assert.equal(
      out,
      [
        'import requests',
        'import os',
        '',
        'def token(user, pwd):',
        '    body = {',
        '        "client_id": CLIENT_ID,',
        '        "refresh_token": os.environ["PARTNER_REFRESH_TOKEN"],',
        '        "grant_type": "refresh_token",',
        '        "client_secret": os.environ["PARTNER_APP_SECRET"]',
        '    }',
        '    response = requests.post(URL, data=body)',
        '    tokens = response.json()',
        '    if "refresh_token" in tokens:',
        `        ${TODO}`,
        '        os.environ["PARTNER_REFRESH_TOKEN"] = tokens["refresh_token"]',
        '',
      ].join('\r\n'),
    );
  });

  it('reads from and writes back to Key Vault in PowerShell, with the script\'s own app credential and tenant', async () => {
    const text = "param([string]$TenantId, [pscredential]$AppCredential)\n$token = Get-MsalToken -ClientId $appId -TenantId $TenantId -UserCredential $cred -Scopes 'https://api.partnercenter.microsoft.com/user_impersonation'\nConnect-AzAccount -Credential $cred\n";
    const { text: out } = await fix(text, 'run.ps1', VAULT);
    const read = "(Get-AzKeyVaultSecret -VaultName 'contoso-sam' -Name 'PartnerRefreshToken' -AsPlainText)";
    const write = (v: string) => `Set-AzKeyVaultSecret -VaultName 'contoso-sam' -Name 'PartnerRefreshToken' -SecretValue (ConvertTo-SecureString ${v} -AsPlainText -Force) | Out-Null`;
    assert.equal(
      out,
      [
        'param([string]$TenantId, [pscredential]$AppCredential)',
        `$token = New-PartnerAccessToken -ApplicationId $AppCredential.UserName -Credential $AppCredential -RefreshToken ${read} -Scopes 'https://api.partnercenter.microsoft.com/user_impersonation' -ServicePrincipal -Tenant $TenantId`,
        write('$token.RefreshToken'),
        `$azureToken = New-PartnerAccessToken -ApplicationId $AppCredential.UserName -Credential $AppCredential -RefreshToken ${read} -Scopes 'https://management.azure.com//user_impersonation' -ServicePrincipal -Tenant $TenantId`,
        write('$azureToken.RefreshToken'),
        'Connect-AzAccount -AccessToken $azureToken.AccessToken -AccountId $env:PARTNER_ACCOUNT_UPN',
        '',
      ].join('\n'),
    );
  });

  it('builds the app credential from Key Vault and rewrites a splatted Credential entry', async () => {
    const text = "$p = @{ Credential = $cred }\nConnect-ExchangeOnline @p\n";
    const { text: out } = await fix(text, 'exo.ps1', VAULT);
    assert.equal(
      out,
      [
        "$appCredential = [pscredential]::new($env:PARTNER_APP_ID, (ConvertTo-SecureString (Get-AzKeyVaultSecret -VaultName 'contoso-sam' -Name 'PartnerAppSecret' -AsPlainText) -AsPlainText -Force))",
        "$exchangeToken = New-PartnerAccessToken -ApplicationId $appCredential.UserName -Credential $appCredential -RefreshToken (Get-AzKeyVaultSecret -VaultName 'contoso-sam' -Name 'PartnerRefreshToken' -AsPlainText) -Scopes 'https://outlook.office365.com/.default' -ServicePrincipal -Tenant $env:PARTNER_TENANT_ID",
        "Set-AzKeyVaultSecret -VaultName 'contoso-sam' -Name 'PartnerRefreshToken' -SecretValue (ConvertTo-SecureString $exchangeToken.RefreshToken -AsPlainText -Force) | Out-Null",
        '$p = @{ AccessToken = $exchangeToken.AccessToken; DelegatedOrganization = $env:PARTNER_TENANT_ID }',
        'Connect-ExchangeOnline @p',
        '',
      ].join('\n'),
    );
  });

  it('reads from and writes back to Key Vault in C#: MSAL.NET and a raw request, imports added once', async () => {
    const text = [
      'using Microsoft.Identity.Client;',
      '',
      'class A',
      '{',
      '    async Task F(HttpClient http, string[] scopes, string user, string pwd)',
      '    {',
      '        var pca = PublicClientApplicationBuilder.Create(ClientId).WithTenantId(Tenant).Build();',
      '        var result = await pca.AcquireTokenByUsernamePassword(scopes, user, pwd).ExecuteAsync();',
      '        await http.PostAsync(Url, new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = user, ["password"] = pwd }));',
      '    }',
      '}',
      '',
    ].join('\n');
    const { text: out } = await fix(text, 'A.cs', VAULT);
    const kv = 'new SecretClient(new Uri("https://contoso-sam.vault.azure.net/"), new DefaultAzureCredential())';
    assert.equal(
      out,
      [
        'using Microsoft.Identity.Client;',
        'using System;',
        'using Azure.Identity;',
        'using Azure.Security.KeyVault.Secrets;',
        'using Microsoft.Identity.Client.Extensibility;',
        'using System.Text.Json;',
        '',
        'class A',
        '{',
        '    async Task F(HttpClient http, string[] scopes, string user, string pwd)',
        '    {',
        '        var pca = PublicClientApplicationBuilder.Create(ClientId).WithTenantId(Tenant).Build();',
        `        var samApp = ConfidentialClientApplicationBuilder.Create(ClientId).WithTenantId(Tenant).WithClientSecret(${kv}.GetSecret("PartnerAppSecret").Value.Value).Build();`,
        `        var result = await ((IByRefreshToken)samApp).AcquireTokenByRefreshToken(scopes, ${kv}.GetSecret("PartnerRefreshToken").Value.Value).ExecuteAsync();`,
        `        ${kv}.SetSecret("PartnerRefreshToken", result.GetRefreshToken());`,
        `        var response = await http.PostAsync(Url, new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["client_id"] = Environment.GetEnvironmentVariable("PARTNER_APP_ID"), ["refresh_token"] = ${kv}.GetSecret("PartnerRefreshToken").Value.Value, ["client_secret"] = ${kv}.GetSecret("PartnerAppSecret").Value.Value }));`,
        '        using var tokens = JsonDocument.Parse(await response.Content.ReadAsStringAsync());',
        `        ${kv}.SetSecret("PartnerRefreshToken", tokens.RootElement.GetProperty("refresh_token").GetString());`,
        '    }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('reads from and writes back to Key Vault in Python (msal) and TypeScript (msal-node)', async () => {
    const py = 'import msal\n\ndef f(app, user, pwd):\n    result = app.acquire_token_by_username_password(user, pwd, scopes=SCOPES)\n    return result\n';
    const kvPy = 'SecretClient(vault_url="https://contoso-sam.vault.azure.net/", credential=DefaultAzureCredential())';
    assert.equal(
      (await fix(py, 'f.py', VAULT)).text,
      [
        'import msal',
        'import os',
        'from azure.identity import DefaultAzureCredential',
        'from azure.keyvault.secrets import SecretClient',
        '',
        'def f(app, user, pwd):',
        `    sam_app = msal.ConfidentialClientApplication(os.environ["PARTNER_APP_ID"], client_credential=${kvPy}.get_secret("PartnerAppSecret").value, authority="https://login.microsoftonline.com/" + os.environ["PARTNER_TENANT_ID"])`,
        `    result = sam_app.acquire_token_by_refresh_token(${kvPy}.get_secret("PartnerRefreshToken").value, scopes=SCOPES)`,
        '    if "refresh_token" in result:',
        `        ${kvPy}.set_secret("PartnerRefreshToken", result["refresh_token"])`,
        '    return result',
        '',
      ].join('\n'),
    );
    const ts = "import { PublicClientApplication } from '@azure/msal-node';\n\nexport async function f(u: string, p: string) {\n  const pca = new PublicClientApplication({ auth: { clientId: ID, authority: AUTHORITY } });\n  const r = await pca.acquireTokenByUsernamePassword({ scopes: SCOPES, username: u, password: p });\n  return r;\n}\n";
    const kvTs = '(await new SecretClient("https://contoso-sam.vault.azure.net/", new DefaultAzureCredential())';
    assert.equal(
      (await fix(ts, 'f.ts', VAULT)).text,
      [
        "import { PublicClientApplication, ConfidentialClientApplication } from '@azure/msal-node';",
        "import { DefaultAzureCredential } from '@azure/identity';",
        "import { SecretClient } from '@azure/keyvault-secrets';",
        '',
        'export async function f(u: string, p: string) {',
        '  const pca = new PublicClientApplication({ auth: { clientId: ID, authority: AUTHORITY } });',
        `  const samApp = new ConfidentialClientApplication({ auth: { clientId: ID, authority: AUTHORITY, clientSecret: ${kvTs}.getSecret("PartnerAppSecret")).value! } });`,
        `  const r = await samApp.acquireTokenByRefreshToken({ scopes: SCOPES, refreshToken: ${kvTs}.getSecret("PartnerRefreshToken")).value! });`,
        '  // msal-node keeps the rotated refresh token in its token cache, not in the result: take it from the serialized cache.',
        '  const cachedRefreshToken = Object.values(JSON.parse(samApp.getTokenCache().serialize()).RefreshToken)[0];',
        '  await new SecretClient("https://contoso-sam.vault.azure.net/", new DefaultAzureCredential()).setSecret("PartnerRefreshToken", cachedRefreshToken.secret);',
        '  return r;',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('reads from Key Vault in Java: msal4j parameters and a map body, the cache note above a return', async () => {
    const text = [
      'import com.microsoft.aad.msal4j.UserNamePasswordParameters;',
      '',
      'class K {',
      '    IAuthenticationResult f(IPublicClientApplication app, Set<String> scopes, String u, char[] p) throws Exception {',
      '        Map<String, String> form = new HashMap<>();',
      '        form.put("grant_type", "password");',
      '        form.put("username", u);',
      '        return app.acquireToken(UserNamePasswordParameters.builder(scopes, u, p).build()).get();',
      '    }',
      '}',
      '',
    ].join('\n');
    const kv = (name: string) => `new SecretClientBuilder().vaultUrl("https://contoso-sam.vault.azure.net/").credential(new DefaultAzureCredentialBuilder().build()).buildClient().getSecret("${name}").getValue()`;
    assert.equal(
      (await fix(text, 'K.java', VAULT)).text,
      [
        'import com.microsoft.aad.msal4j.UserNamePasswordParameters;',
        'import com.azure.identity.DefaultAzureCredentialBuilder;',
        'import com.azure.security.keyvault.secrets.SecretClientBuilder;',
        'import com.microsoft.aad.msal4j.RefreshTokenParameters;',
        '',
        'class K {',
        '    IAuthenticationResult f(IPublicClientApplication app, Set<String> scopes, String u, char[] p) throws Exception {',
        '        Map<String, String> form = new HashMap<>();',
        '        form.put("grant_type", "refresh_token");',
        '        form.put("client_id", System.getenv("PARTNER_APP_ID"));',
        `        form.put("client_secret", ${kv('PartnerAppSecret')});`,
        `        form.put("refresh_token", ${kv('PartnerRefreshToken')});`,
        '        // msal4j keeps the rotated refresh token in its token cache: persist the cache (setTokenCacheAccessAspect) and write it back to Key Vault secret PartnerRefreshToken.',
        '        // The refresh token from the SAM consent belongs to the confidential app: acquire it with a ConfidentialClientApplication.',
        `        return app.acquireToken(RefreshTokenParameters.builder(scopes, ${kv('PartnerRefreshToken')}).build()).get();`,
        '    }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('rewrites form strings by how they are built: splicing a literal value, encoding every value', async () => {
    const js = "const response = 1;\nasync function f(pwd) {\n  await fetch(url, { method: 'POST', body: 'grant_type=password&username=bob&password=' + pwd });\n}\n";
    assert.equal(
      (await fix(js, 'f.js')).text,
      [
        'const response = 1;',
        'async function f(pwd) {',
        "  const response2 = await fetch(url, { method: 'POST', body: 'grant_type=refresh_token&refresh_token=' + encodeURIComponent(process.env.PARTNER_REFRESH_TOKEN) + '&client_secret=' + encodeURIComponent(process.env.PARTNER_APP_SECRET) + '&client_id=' + encodeURIComponent(process.env.PARTNER_APP_ID) });",
        '  const tokens = await response2.json();',
        `  ${TODO.replace('#', '//')}`,
        '  process.env.PARTNER_REFRESH_TOKEN = tokens.refresh_token;',
        '}',
        '',
      ].join('\n'),
    );
    const py = 'import requests\ndef f(user, pwd):\n    requests.post(URL, data=f"grant_type=password&client_id={CLIENT_ID}&username={user}&password={pwd}")\n';
    const out = (await fix(py, 'f.py')).text;
    assert.match(out, /data=f"grant_type=refresh_token&client_id=\{CLIENT_ID\}&refresh_token=\{quote\(os\.environ\['PARTNER_REFRESH_TOKEN'\], safe=''\)\}&client_secret=\{quote\(os\.environ\['PARTNER_APP_SECRET'\], safe=''\)\}"\)/);
    assert.match(out, /^from urllib\.parse import quote$/m);
  });

  it('offers no fix where no SAM rewrite is equivalent', async () => {
    const ps = 'az login -u $user -p $plain\nConnect-MicrosoftTeams -Credential $cred\nif ($x) { Connect-MsolService -Credential $cred }\n';
    assert.deepEqual((await fix(ps, 'a.ps1')).offered, [
      ['-p $plain', []],
      ['-Credential $cred', []],
      ['-Credential $cred', []],
    ]);
    const cs = 'class A { void F() { var c = new UsernamePasswordCredential(u, p, t, c); var t = ctx.AcquireTokenAsync(R, C, new UserPasswordCredential(u, p)); } }\n';
    assert.deepEqual((await fix(cs, 'A.cs')).offered.map(([, titles]) => titles), [[], []]);
    assert.deepEqual((await fix('AZURE_PASSWORD=x\ngrant_type=password\n', '.env')).offered.map(([, titles]) => titles), [[], []]);
  });

  it('the rewritten fixtures trip neither persist-rotated-refresh-token nor no-stored-credentials, in both stores', async () => {
    const dir = path.join(__dirname, '..', '..', 'rules', 'no-ropc');
    const others = ['persist-rotated-refresh-token', 'no-stored-credentials'];
    for (const file of fixtureFiles(dir)) {
      if (!fs.existsSync(fixedFileOf(file))) continue;
      const text = fs.readFileSync(file, 'utf8');
      const flagged = async (t: string) => (await lint(t, file, { only: others, partnerType: 'cpv' }))!.findings.map((f) => `${f.ruleId} ${t.slice(f.range.start, f.range.end)}`);
      const before = await flagged(text);
      for (const store of [undefined, VAULT]) {
        const after = await flagged((await fix(text, file, store)).text);
        const extra = after.filter((f) => !before.includes(f));
        assert.deepEqual(extra, [], `${path.basename(file)} (${store?.kind ?? 'environment'})`);
      }
    }
  });
});
