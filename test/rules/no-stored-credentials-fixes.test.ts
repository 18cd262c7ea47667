// no-stored-credentials quick fixes: exact output for the Key Vault store (the fixture test covers the environment
// store), CRLF files, pipeline env mapping, names derived from the code, and the cases that get no fix.
import assert from 'node:assert/strict';
import type { SecretStore } from '../../rules/engine/types';
import { applyPreferred, assertSuggestions } from '../helpers/lint';

const KV: SecretStore = { kind: 'keyVault', vaultName: 'partner-kv' };
const VAULT = 'https://partner-kv.vault.azure.net/';

/** Every finding's fix titles, and the text with all preferred fixes applied. */
async function fix(text: string, file: string, secretStore?: SecretStore) {
  const r = await applyPreferred('no-stored-credentials', text, file, { secretStore });
  assertSuggestions(r.findings);
  return { titles: r.titles, text: r.text };
}

const SECRET = 'k8Q~abcdEFGHijklMNOPqrstUVWXyz0123456789';
const OTHER = 'zzz8Q~9876543210zyxwvutsrqponmlkjihgfedc';
const RT = '0.AXoAabcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_abcdefghij';
const JWT = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2FwaS5wYXJ0bmVyY2VudGVyLm1pY3Jvc29mdC5jb20ifQ.c2lnbmF0dXJl';

describe('no-stored-credentials fixes', () => {
  describe('Key Vault store', () => {
    it('PowerShell: Get-AzKeyVaultSecret -AsPlainText, and the vault SecureString instead of ConvertTo-SecureString', async () => {
      const ps = [`$appSecret = '${SECRET}'`, `$secure = ConvertTo-SecureString 'Sup3r$ecret!' -AsPlainText -Force`, `$t = New-PartnerAccessToken -RefreshToken '${RT}' -Scopes $s`, ''].join('\n');
      const r = await fix(ps, 'sync.ps1', KV);
      assert.deepEqual(r.titles, [['Read the client secret from Key Vault (secret AppSecret)'], ['Read the password from Key Vault (secret ServiceAccountPassword)'], ['Read the refresh token from Key Vault (secret PartnerRefreshToken)']]);
      assert.equal(
        r.text,
        [
          "$appSecret = (Get-AzKeyVaultSecret -VaultName 'partner-kv' -Name 'AppSecret' -AsPlainText)",
          "$secure = (Get-AzKeyVaultSecret -VaultName 'partner-kv' -Name 'ServiceAccountPassword').SecretValue",
          "$t = New-PartnerAccessToken -RefreshToken (Get-AzKeyVaultSecret -VaultName 'partner-kv' -Name 'PartnerRefreshToken' -AsPlainText) -Scopes $s",
          '',
        ].join('\n'),
      );
    });

    it('C#: SecretClient with the usings once; a const field becomes static readonly, a local const a local (CRLF kept)', async () => {
      const cs = ['using System.Net;', '', 'public class Settings', '{', `    private const string ClientSecret = "${SECRET}";`, '    void M()', '    {', '        const string Password = "Winter2026!";', '    }', '}', ''].join('\r\n');
      const r = await fix(cs, 'Settings.cs', KV);
      const read = (name: string) => `new SecretClient(new Uri("${VAULT}"), new DefaultAzureCredential()).GetSecret("${name}").Value.Value`;
      assert.equal(
        r.text,
        [
          'using System.Net;',
          'using System;',
          'using Azure.Identity;',
          'using Azure.Security.KeyVault.Secrets;',
          '',
          'public class Settings',
          '{',
          `    private static readonly string ClientSecret = ${read('ClientSecret')};`,
          '    void M()',
          '    {',
          `        string Password = ${read('Password')};`,
          '    }',
          '}',
          '',
        ].join('\r\n'),
      );
    });

    it('Python and Java: the Key Vault client, imports added once next to the existing ones', async () => {
      const py = ['import msal', 'from azure.keyvault.secrets import SecretClient', '', `CLIENT_SECRET = "${SECRET}"`, `REFRESH_TOKEN = "${RT}"`, ''].join('\n');
      const client = `SecretClient(vault_url="${VAULT}", credential=DefaultAzureCredential())`;
      assert.equal(
        (await fix(py, 'sync.py', KV)).text,
        ['import msal', 'from azure.keyvault.secrets import SecretClient', 'from azure.identity import DefaultAzureCredential', '', `CLIENT_SECRET = ${client}.get_secret("ClientSecret").value`, `REFRESH_TOKEN = ${client}.get_secret("RefreshToken").value`, ''].join('\n'),
      );
      const java = ['package com.contoso;', '', 'import com.microsoft.aad.msal4j.ClientCredentialFactory;', '', 'class C {', `    private static final String CLIENT_SECRET = "${SECRET}";`, '}', ''].join('\n');
      assert.equal(
        (await fix(java, 'C.java', KV)).text,
        [
          'package com.contoso;',
          '',
          'import com.microsoft.aad.msal4j.ClientCredentialFactory;',
          'import com.azure.identity.DefaultAzureCredentialBuilder;',
          'import com.azure.security.keyvault.secrets.SecretClientBuilder;',
          '',
          'class C {',
          `    private static final String CLIENT_SECRET = new SecretClientBuilder().vaultUrl("${VAULT}").credential(new DefaultAzureCredentialBuilder().build()).buildClient().getSecret("ClientSecret").getValue();`,
          '}',
          '',
        ].join('\n'),
      );
    });

    it('JavaScript/TypeScript: await the vault inside async functions, read the environment where await is not allowed', async () => {
      const ts = ['async function connect() {', `  const clientSecret = '${SECRET}';`, '}', `const apiKey = '${OTHER}';`, `const h = { Authorization: 'Bearer ${JWT}' };`, ''].join('\n');
      const r = await fix(ts, 'connect.ts', KV);
      assert.deepEqual(r.titles, [['Read the client secret from Key Vault (secret ClientSecret)'], ['Read the API key from the environment variable API_KEY'], ['Read the access token from the environment variable PARTNER_ACCESS_TOKEN']]);
      assert.equal(
        r.text,
        [
          "import { DefaultAzureCredential } from '@azure/identity';",
          "import { SecretClient } from '@azure/keyvault-secrets';",
          '',
          'async function connect() {',
          `  const clientSecret = (await new SecretClient("${VAULT}", new DefaultAzureCredential()).getSecret("ClientSecret")).value!;`,
          '}',
          'const apiKey = process.env.API_KEY!;',
          "const h = { Authorization: 'Bearer ' + process.env.PARTNER_ACCESS_TOKEN! };",
          '',
        ].join('\n'),
      );
    });

    it('appsettings.json: empty value and the App Service Key Vault reference to set (CRLF kept)', async () => {
      const json = ['{', '  "AzureAd": {', `    "ClientSecret": "${SECRET}"`, '  }', '}', ''].join('\r\n');
      const r = await fix(json, 'appsettings.json', KV);
      assert.deepEqual(r.titles, [['Move the client secret to Key Vault secret AzureAd--ClientSecret (App Service Key Vault reference)']]);
      assert.equal(
        r.text,
        ['{', '  "AzureAd": {', `    // AzureAd:ClientSecret: set the App Service setting AzureAd__ClientSecret to @Microsoft.KeyVault(SecretUri=${VAULT}secrets/AzureAd--ClientSecret/)`, '    "ClientSecret": ""', '  }', '}', ''].join('\r\n'),
      );
    });

    it('web.config: empty value and the App Service setting / connection string that references Key Vault', async () => {
      const xml = [
        '<configuration>',
        '  <appSettings>',
        `    <add key="ida:CSPApplicationSecret" value="${SECRET}" />`,
        '  </appSettings>',
        '  <connectionStrings>',
        '    <add name="Partners" connectionString="Server=tcp:sql;Database=p;User ID=app;Password=Db-Pa55word!;" />',
        '  </connectionStrings>',
        '</configuration>',
        '',
      ].join('\n');
      const r = await fix(xml, 'web.config', KV);
      assert.deepEqual(r.titles, [
        ['Remove the client secret; reference Key Vault from the App Service application setting ida:CSPApplicationSecret'],
        ['Remove the connection string; reference Key Vault from the App Service connection string Partners'],
      ]);
      assert.equal(
        r.text,
        [
          '<configuration>',
          '  <appSettings>',
          `    <!-- ida:CSPApplicationSecret: set the App Service application setting ida:CSPApplicationSecret to @Microsoft.KeyVault(SecretUri=${VAULT}secrets/CspApplicationSecret/); it overrides this value. -->`,
          '    <add key="ida:CSPApplicationSecret" value="" />',
          '  </appSettings>',
          '  <connectionStrings>',
          `    <!-- Partners: set the App Service connection string Partners to @Microsoft.KeyVault(SecretUri=${VAULT}secrets/Partners/); it overrides this value. -->`,
          '    <add name="Partners" connectionString="" />',
          '  </connectionStrings>',
          '</configuration>',
          '',
        ].join('\n'),
      );
    });

    it('.env, Spring properties and Spring YAML', async () => {
      assert.equal(
        (await fix(`PARTNER_APP_SECRET=${SECRET}\n`, '.env', KV)).text,
        '# PARTNER_APP_SECRET: set at deploy time from Key Vault partner-kv, secret PartnerAppSecret; never commit its value.\nPARTNER_APP_SECRET=\n',
      );
      const props = await fix(`partnercenter.clientSecret=${SECRET}\n`, 'application.properties', KV);
      assert.deepEqual(props.titles, [['Use the Key Vault placeholder ${PartnercenterClientSecret} (Spring Cloud Azure Key Vault property source)']]);
      assert.equal(props.text, 'partnercenter.clientSecret=${PartnercenterClientSecret}\n');
      assert.equal((await fix('spring:\n  datasource:\n    password: Winter2026!x\n', 'application.yml', KV)).text, 'spring:\n  datasource:\n    password: ${SpringDatasourcePassword}\n');
      // Not Spring: nothing resolves a placeholder, so the value goes and a comment says where it comes from.
      assert.equal(
        (await fix('db.password=Winter2026!x\n', 'config.properties', KV)).text,
        '# db.password: set at deploy time from Key Vault partner-kv, secret DbPassword; never commit its value.\ndb.password=\n',
      );
    });

    it('Azure Pipelines: a Key Vault-linked variable group variable; inline PowerShell reads the vault itself', async () => {
      const yml = ['trigger: none', 'steps:', '  - pwsh: |', `      $appSecret = '${OTHER}'`, '    displayName: Sync', '  - script: echo hi', '    env:', "      SMTP_PASSWORD: 'Mailb0x!2026'", ''].join('\n');
      const r = await fix(yml, 'azure-pipelines.yml', KV);
      assert.deepEqual(r.titles, [['Read the client secret from Key Vault (secret AppSecret)'], ['Use the secret variable $(SmtpPassword) (variable group linked to Key Vault partner-kv)']]);
      assert.equal(
        r.text,
        ['trigger: none', 'steps:', '  - pwsh: |', "      $appSecret = (Get-AzKeyVaultSecret -VaultName 'partner-kv' -Name 'AppSecret' -AsPlainText)", '    displayName: Sync', '  - script: echo hi', '    env:', '      SMTP_PASSWORD: $(SmtpPassword)', ''].join('\n'),
      );
    });
  });

  describe('pipelines (environment store)', () => {
    it('Azure Pipelines, CRLF: the script reads $env:NAME and the step maps the secret variable into its env (a new env: block)', async () => {
      const yml = ['trigger: none', 'steps:', '  - pwsh: |', `      $appSecret = '${OTHER}'`, '      Connect-Thing -Secret $appSecret', '    displayName: Sync', ''].join('\r\n');
      const r = await fix(yml, 'azure-pipelines.yml');
      assert.deepEqual(r.titles, [['Read the client secret from the environment variable APP_SECRET, mapped from the secret variable $(APP_SECRET)']]);
      assert.equal(
        r.text,
        ['trigger: none', 'steps:', '  - pwsh: |', '      $appSecret = $env:APP_SECRET', '      Connect-Thing -Secret $appSecret', '    displayName: Sync', '    env:', '      APP_SECRET: $(APP_SECRET)', ''].join('\r\n'),
      );
    });

    it('GitHub Actions: adds to the step env, or relies on a job-level env that already maps the secret', async () => {
      const yml = [
        'on: push',
        'jobs:',
        '  sync:',
        '    runs-on: ubuntu-latest',
        '    env:',
        '      APP_SECRET: ${{ secrets.APP_SECRET }}',
        '    steps:',
        '      - shell: pwsh',
        '        run: |',
        `          $appSecret = '${OTHER}'`,
        '      - shell: pwsh',
        '        env:',
        '          TENANT: contoso',
        '        run: |',
        "          $password = 'Winter2026!'",
        '',
      ].join('\n');
      const r = await fix(yml, 'sync.yml');
      assert.equal(
        r.text,
        [
          'on: push',
          'jobs:',
          '  sync:',
          '    runs-on: ubuntu-latest',
          '    env:',
          '      APP_SECRET: ${{ secrets.APP_SECRET }}',
          '    steps:',
          '      - shell: pwsh',
          '        run: |',
          '          $appSecret = $env:APP_SECRET',
          '      - shell: pwsh',
          '        env:',
          '          TENANT: contoso',
          '          PASSWORD: ${{ secrets.PASSWORD }}',
          '        run: |',
          '          $password = $env:PASSWORD',
          '',
        ].join('\n'),
      );
    });

    it('a secret under Azure Pipelines variables: gets no fix (it must be defined outside the file)', async () => {
      const r = await fix(`trigger: none\nvariables:\n  clientSecret: ${SECRET}\n`, 'azure-pipelines.yml');
      assert.deepEqual(r.titles, [[]]);
    });
  });

  describe('names and clean edits', () => {
    it('gives different secrets different names, qualified by what contains them', async () => {
      const js = [`const clientSecret = '${SECRET}';`, `const cca = new Cca({ auth: { clientSecret: '${OTHER}' } });`, `const legacy = new ClientSecretCredential(t, c, '${SECRET.replace('k8Q', 'q7Q')}');`, 'const fromEnv = process.env.PARTNER_CLIENT_SECRET;', ''].join('\n');
      const r = await fix(js, 'a.js');
      assert.equal(
        r.text,
        ['const clientSecret = process.env.CLIENT_SECRET;', 'const cca = new Cca({ auth: { clientSecret: process.env.AUTH_CLIENT_SECRET } });', 'const legacy = new ClientSecretCredential(t, c, process.env.LEGACY_CLIENT_SECRET);', 'const fromEnv = process.env.PARTNER_CLIENT_SECRET;', ''].join('\n'),
      );
    });

    it('keeps `Bearer ` around an access token read from the environment', async () => {
      assert.equal((await fix(`$h = @{ Authorization = 'Bearer ${JWT}' }\n`, 'a.ps1')).text, '$h = @{ Authorization = "Bearer $env:PARTNER_ACCESS_TOKEN" }\n');
      assert.equal((await fix(`headers = {"Authorization": "Bearer ${JWT}"}\n`, 'a.py')).text, 'import os\n\nheaders = {"Authorization": "Bearer " + os.environ["PARTNER_ACCESS_TOKEN"]}\n');
    });

    it('offers no fix for a token inside other text, or for an environment variable set to a literal', async () => {
      const ps = [`$body = "grant_type=refresh_token&refresh_token=${RT}"`, `Write-Host 'token ${JWT} expired'`, `$env:PARTNER_APP_SECRET = '${SECRET}'`, ''].join('\n');
      // The form body is reported twice (the string, and its derived `refresh_token` pair): neither has a clean edit.
      assert.deepEqual((await fix(ps, 'a.ps1')).titles, [[], [], [], []]);
      // With Key Vault, setting the variable from the vault is the fix.
      assert.equal((await fix(`$env:PARTNER_APP_SECRET = '${SECRET}'\n`, 'a.ps1', KV)).text, "$env:PARTNER_APP_SECRET = (Get-AzKeyVaultSecret -VaultName 'partner-kv' -Name 'PartnerAppSecret' -AsPlainText)\n");
    });

    it('strict JSON without comments gets the empty value only', async () => {
      const r = await fix(`{\n  "secret": "${SECRET}"\n}\n`, 'config.json');
      assert.equal(r.text, '{\n  "secret": ""\n}\n');
    });
  });
});
