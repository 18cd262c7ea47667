// no-cpv-app-only quick fixes: exact output for the Key Vault store (the fixture test covers the environment store),
// CRLF files, the write-back that keeps persist-rotated-refresh-token quiet, flags and titles, and the shapes that get no fix.
import assert from 'node:assert/strict';
import type { SecretStore } from '../../rules/engine/types';
import { applyPreferred, assertSuggestions, lintRule } from '../helpers/lint';

const KV: SecretStore = { kind: 'keyVault', vaultName: 'cpv-kv' };
const SCOPE = 'https://api.partnercenter.microsoft.com/user_impersonation';
const PS_READ = "(Get-AzKeyVaultSecret -VaultName 'cpv-kv' -Name 'PartnerRefreshToken' -AsPlainText)";
const PS_WRITE = (v: string) => `Set-AzKeyVaultSecret -VaultName 'cpv-kv' -Name 'PartnerRefreshToken' -SecretValue (ConvertTo-SecureString ${v} -AsPlainText -Force) | Out-Null`;

/** Titles of every finding's fixes, and the text with all preferred fixes applied. */
async function fix(text: string, file: string, secretStore?: SecretStore, rule = 'no-cpv-app-only') {
  const r = await applyPreferred(rule, text, file, { secretStore });
  assertSuggestions(r.findings);
  return { findings: r.findings.length, titles: r.titles, text: r.text };
}

async function findings(text: string, file: string, rule: string, secretStore?: SecretStore): Promise<number> {
  return (await lintRule(rule, text, file, { secretStore })).findings.length;
}

describe('no-cpv-app-only fixes', () => {
  describe('PowerShell', () => {
    it('Connect-PartnerCenter -ServicePrincipal: the exchange and the token sign-in (environment store: no write-back from code, CRLF kept)', async () => {
      const ps = ['if ($sync) {', '    Connect-PartnerCenter -Credential $appCred -ServicePrincipal -Tenant $tenantId', '}', ''].join('\r\n');
      const r = await fix(ps, 'sync.ps1');
      assert.deepEqual(r.titles, [['Connect with an access token from the stored refresh token (New-PartnerAccessToken, Secure Application Model)']]);
      assert.equal(
        r.text,
        [
          'if ($sync) {',
          `    $pcToken = New-PartnerAccessToken -ApplicationId $appCred.UserName -Credential $appCred -RefreshToken $env:PARTNER_REFRESH_TOKEN -Scopes '${SCOPE}' -ServicePrincipal -Tenant $tenantId`,
          '    Connect-PartnerCenter -AccessToken $pcToken.AccessToken',
          '}',
          '',
        ].join('\r\n'),
      );
      // Where the refresh token must be written back is the environment's owner's business: persist-rotated-refresh-token
      // says so, and offers its comment.
      assert.equal(await findings(r.text, 'sync.ps1', 'persist-rotated-refresh-token'), 1);
      assert.equal(await findings(r.text, 'sync.ps1', 'no-cpv-app-only'), 0);
    });

    it('Connect-PartnerCenter with a certificate, Key Vault store: -CertificateThumbprint kept, -Environment carried over', async () => {
      const ps = "Connect-PartnerCenter -ApplicationId $appId -CertificateThumbprint $thumb -Tenant 'contoso.onmicrosoft.com' -Environment AzureCloud\n";
      const r = await fix(ps, 'sync.ps1', KV);
      assert.equal(
        r.text,
        [
          `$pcToken = New-PartnerAccessToken -ApplicationId $appId -CertificateThumbprint $thumb -RefreshToken ${PS_READ} -Scopes '${SCOPE}' -ServicePrincipal -Tenant 'contoso.onmicrosoft.com' -Environment AzureCloud`,
          PS_WRITE('$pcToken.RefreshToken'),
          'Connect-PartnerCenter -AccessToken $pcToken.AccessToken -Environment AzureCloud',
          '',
        ].join('\n'),
      );
      assert.equal(await findings(r.text, 'sync.ps1', 'persist-rotated-refresh-token', KV), 0);
    });

    it('New-PartnerAccessToken -ServicePrincipal: -RefreshToken added, the scope made delegated, the write-back after the assignment', async () => {
      const ps = "$token = New-PartnerAccessToken -ApplicationId $appId -Credential $cred -Scopes 'https://api.partnercenter.microsoft.com/.default' -ServicePrincipal -Tenant $t\r\nGet-PartnerCustomer\r\n";
      const r = await fix(ps, 'sync.ps1', KV);
      assert.deepEqual(r.titles, [['Exchange the stored refresh token instead (New-PartnerAccessToken -RefreshToken, Secure Application Model)']]);
      assert.equal(
        r.text,
        `$token = New-PartnerAccessToken -ApplicationId $appId -Credential $cred -RefreshToken ${PS_READ} -Scopes '${SCOPE}' -ServicePrincipal -Tenant $t\r\n${PS_WRITE('$token.RefreshToken')}\r\nGet-PartnerCustomer\r\n`,
      );
    });

    it('a fresh variable name when $pcToken is taken; a splatted Connect-PartnerCenter gets no fix', async () => {
      const ps = ['$pcToken = 1', 'Connect-PartnerCenter -Credential $c -ServicePrincipal -Tenant $t', '$p = @{ Credential = $c; ServicePrincipal = $true; Tenant = $t }', 'Connect-PartnerCenter @p', ''].join('\n');
      const r = await fix(ps, 'sync.ps1');
      assert.deepEqual(r.titles.map((t) => t.length), [1, 0]);
      assert.match(r.text, /^\$pcToken2 = New-PartnerAccessToken /m);
      assert.match(r.text, /^Connect-PartnerCenter -AccessToken \$pcToken2\.AccessToken$/m);
    });

    it('raw hashtable body: grant and refresh_token aligned; a one-line hashtable gets `; refresh_token = …`', async () => {
      const ps = [
        '$body = @{',
        "    grant_type    = 'client_credentials'",
        '    client_id     = $appId',
        "    scope         = 'https://api.partnercenter.microsoft.com/.default'",
        '}',
        "$b2 = @{ grant_type = 'client_credentials'; resource = 'https://api.partnercenter.microsoft.com' }",
        '',
      ].join('\r\n');
      const r = await fix(ps, 'raw.ps1', KV);
      assert.equal(
        r.text,
        [
          '$body = @{',
          "    grant_type    = 'refresh_token'",
          `    refresh_token = ${PS_READ}`,
          '    client_id     = $appId',
          `    scope         = '${SCOPE}'`,
          '}',
          `$b2 = @{ grant_type = 'refresh_token'; refresh_token = ${PS_READ}; resource = 'https://api.partnercenter.microsoft.com' }`,
          '',
        ].join('\r\n'),
      );
    });
  });

  describe('C#', () => {
    it('AcquireTokenForClient -> IByRefreshToken.AcquireTokenByRefreshToken with a Key Vault read; WithForceRefresh dropped; usings once', async () => {
      const cs = [
        'using Microsoft.Identity.Client;',
        '',
        'class P',
        '{',
        '    async Task<string> T(IConfidentialClientApplication app)',
        '    {',
        '        var r = await app.AcquireTokenForClient(new[] { "https://api.partnercenter.microsoft.com/.default" }).WithForceRefresh(true).ExecuteAsync();',
        '        var c = await app.AcquireTokenForClient(new[] { "https://partner.partnercenterapi.microsoftonline.cn/.default" }).ExecuteAsync();',
        '        return r.AccessToken + c.AccessToken;',
        '    }',
        '}',
        '',
      ].join('\r\n');
      const r = await fix(cs, 'P.cs', KV);
      const read = 'new SecretClient(new Uri("https://cpv-kv.vault.azure.net/"), new DefaultAzureCredential()).GetSecret("PartnerRefreshToken").Value.Value';
      assert.deepEqual(r.titles, [['Exchange the stored refresh token with AcquireTokenByRefreshToken (Secure Application Model)'], ['Exchange the stored refresh token with AcquireTokenByRefreshToken (Secure Application Model)']]);
      assert.equal(
        r.text,
        [
          'using Microsoft.Identity.Client;',
          'using System;',
          'using Azure.Identity;',
          'using Azure.Security.KeyVault.Secrets;',
          '',
          'class P',
          '{',
          '    async Task<string> T(IConfidentialClientApplication app)',
          '    {',
          `        var r = await ((IByRefreshToken)app).AcquireTokenByRefreshToken(new[] { "${SCOPE}" }, ${read}).ExecuteAsync();`,
          `        var c = await ((IByRefreshToken)app).AcquireTokenByRefreshToken(new[] { "https://partner.partnercenterapi.microsoftonline.cn/user_impersonation" }, ${read}).ExecuteAsync();`,
          '        return r.AccessToken + c.AccessToken;',
          '    }',
          '}',
          '',
        ].join('\r\n'),
      );
    });

    it('a builder step the refresh-token request lacks, and GenerateByApplicationCredentials, get no fix', async () => {
      const cs = [
        'class P {',
        '  async Task T(IConfidentialClientApplication app) {',
        '    var r = await app.AcquireTokenForClient(new[] { "https://api.partnercenter.microsoft.com/.default" }).WithAzureRegion("westeurope").ExecuteAsync();',
        '    var c = PartnerCredentials.Instance.GenerateByApplicationCredentials(appId, secret, "contoso.onmicrosoft.com");',
        '  }',
        '}',
      ].join('\n');
      const r = await fix(cs, 'P.cs');
      assert.equal(r.findings, 2);
      assert.deepEqual(r.titles, [[], []]);
    });
  });

  describe('Python, JavaScript, Java', () => {
    it('msal acquire_token_for_client -> acquire_token_by_refresh_token with the guarded Key Vault write-back', async () => {
      const py = ['import msal', '', 'def token(app):', '    result = app.acquire_token_for_client(scopes=["https://api.partnercenter.microsoft.com/.default"])', '    return result["access_token"]', ''].join('\n');
      const r = await fix(py, 'pc.py', KV);
      const client = 'SecretClient(vault_url="https://cpv-kv.vault.azure.net/", credential=DefaultAzureCredential())';
      assert.equal(
        r.text,
        [
          'import msal',
          'from azure.identity import DefaultAzureCredential',
          'from azure.keyvault.secrets import SecretClient',
          '',
          'def token(app):',
          `    result = app.acquire_token_by_refresh_token(${client}.get_secret("PartnerRefreshToken").value, scopes=["${SCOPE}"])`,
          '    if "refresh_token" in result:',
          `        ${client}.set_secret("PartnerRefreshToken", result["refresh_token"])`,
          '    return result["access_token"]',
          '',
        ].join('\n'),
      );
      assert.equal(await findings(r.text, 'pc.py', 'persist-rotated-refresh-token', KV), 0);
    });

    it('Python f-string form body: the stored token URL-encoded in the string, the constant scope replaced in place (environment store)', async () => {
      const py = ['import os', 'import requests', 'PC_SCOPE = "https://api.partnercenter.microsoft.com/.default"', 'body = f"grant_type=client_credentials&client_id={CLIENT_ID}&scope={PC_SCOPE}"', 'requests.post(URL, data=body)', ''].join('\n');
      const r = await fix(py, 'raw.py');
      assert.equal(
        r.text,
        [
          'import os',
          'import requests',
          'from urllib.parse import quote',
          'PC_SCOPE = "https://api.partnercenter.microsoft.com/.default"',
          `body = f"grant_type=refresh_token&refresh_token={quote(os.environ['PARTNER_REFRESH_TOKEN'], safe='')}&client_id={CLIENT_ID}&scope=${SCOPE}"`,
          'requests.post(URL, data=body)',
          '',
        ].join('\n'),
      );
    });

    it('msal-node: a Key Vault read needs an async context (none offered outside one); URLSearchParams.append gets its sibling', async () => {
      const js = [
        "const msal = require('@azure/msal-node');",
        'function sync(cca) {',
        "  return cca.acquireTokenByClientCredential({ scopes: ['https://api.partnercenter.microsoft.com/.default'] });",
        '}',
        'async function later(cca) {',
        "  const r = await cca.acquireTokenByClientCredential({ scopes: ['https://api.partnercenter.microsoft.com/.default'] });",
        '  const params = new URLSearchParams();',
        "  params.append('grant_type', 'client_credentials');",
        "  params.append('scope', 'https://api.partnercenter.microsoft.com/.default');",
        '  return fetch(URL, { method: "POST", body: params });',
        '}',
        '',
      ].join('\n');
      const r = await fix(js, 'pc.js', KV);
      assert.deepEqual(r.titles.map((t) => t.length), [0, 1, 1]);
      const read = '(await new SecretClient("https://cpv-kv.vault.azure.net/", new DefaultAzureCredential()).getSecret("PartnerRefreshToken")).value';
      assert.equal(
        r.text,
        [
          "const msal = require('@azure/msal-node');",
          "const { DefaultAzureCredential } = require('@azure/identity');",
          "const { SecretClient } = require('@azure/keyvault-secrets');",
          'function sync(cca) {',
          "  return cca.acquireTokenByClientCredential({ scopes: ['https://api.partnercenter.microsoft.com/.default'] });",
          '}',
          'async function later(cca) {',
          `  const r = await cca.acquireTokenByRefreshToken({ refreshToken: ${read}, scopes: ['${SCOPE}'] });`,
          '  const params = new URLSearchParams();',
          "  params.append('grant_type', 'refresh_token');",
          `  params.append('refresh_token', ${read});`,
          `  params.append('scope', '${SCOPE}');`,
          '  return fetch(URL, { method: "POST", body: params });',
          '}',
          '',
        ].join('\n'),
      );
    });

    it('msal4j: RefreshTokenParameters, the declared type follows, imports added once', async () => {
      const java = [
        'package p;',
        '',
        'import com.microsoft.aad.msal4j.ClientCredentialParameters;',
        '',
        'class A {',
        '    String t() throws Exception {',
        '        ClientCredentialParameters p = ClientCredentialParameters.builder(Set.of("https://api.partnercenter.microsoft.com/.default")).build();',
        '        return app.acquireToken(p).get().accessToken();',
        '    }',
        '}',
        '',
      ].join('\r\n');
      const r = await fix(java, 'A.java');
      assert.equal(
        r.text,
        [
          'package p;',
          '',
          'import com.microsoft.aad.msal4j.ClientCredentialParameters;',
          'import com.microsoft.aad.msal4j.RefreshTokenParameters;',
          'import java.util.Collections;',
          '',
          'class A {',
          '    String t() throws Exception {',
          `        RefreshTokenParameters p = RefreshTokenParameters.builder(Collections.singleton("${SCOPE}"), System.getenv("PARTNER_REFRESH_TOKEN")).build();`,
          '        return app.acquireToken(p).get().accessToken();',
          '    }',
          '}',
          '',
        ].join('\r\n'),
      );
    });
  });

  describe('no fix', () => {
    it('configuration files and pipeline bash steps keep their finding without a fix', async () => {
      const env = 'PARTNER_CENTER_GRANT_TYPE=client_credentials\nPARTNER_CENTER_RESOURCE=https://api.partnercenter.microsoft.com\n';
      const r = await fix(env, '.env');
      assert.equal(r.findings, 1);
      assert.deepEqual(r.titles, [[]]);
      const yml = ['steps:', '  - bash: |', '      curl -d "grant_type=client_credentials&resource=https://api.partnercenter.microsoft.com" "$URL"', ''].join('\n');
      const y = await fix(yml, 'azure-pipelines.yml');
      assert.equal(y.findings, 1);
      assert.deepEqual(y.titles, [[]]);
    });
  });
});
