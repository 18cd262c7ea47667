// no-legacy-auth-library beyond the fixtures: manifests that need their real file names, implicit imports (autoloading,
// module-qualified calls, fully qualified types), exact messages, severity and tags.
import assert from 'node:assert/strict';
import { lint } from '../../rules/engine/lint';
import { noLegacyAuthLibrary } from '../../rules/no-legacy-auth-library/rule';
import { flagged as flaggedBy } from '../helpers/lint';

const ID = 'no-legacy-auth-library';

/** `line "flagged text"` per finding of this rule, in order. */
async function flagged(text: string, fileName: string): Promise<string[]> {
  return (await flaggedBy(noLegacyAuthLibrary, text, fileName, {}, ['line', 'text'])).map((f) => `${f.line} ${JSON.stringify(f.text)}`);
}

async function messages(text: string, fileName: string): Promise<string[]> {
  return (await flaggedBy(noLegacyAuthLibrary, text, fileName, { partnerType: 'csp' }, ['message'])).map((f) => f.message);
}

const ADAL_NET = 'ADAL.NET lost all Microsoft support, security fixes included, on June 30, 2023. Use MSAL.NET (`Microsoft.Identity.Client`); for partner automation a confidential client (`ConfidentialClientApplicationBuilder`) that exchanges the SAM refresh token with `AcquireTokenByRefreshToken`.';
const PS_TAIL = 'PowerShell module is deprecated since March 30, 2024, and Microsoft only committed to it working until March 30, 2025. Use the Microsoft Graph PowerShell SDK (`Connect-MgGraph -AccessToken`) or Microsoft Entra PowerShell, with a token from the Secure Application Model refresh-token exchange (`New-PartnerAccessToken -RefreshToken`).';

describe('no-legacy-auth-library', () => {
  it('is a deprecated-tagged warning whatever the partner type', async () => {
    for (const partnerType of ['csp', 'cpv', 'unknown'] as const) {
      const r = await lint('import adal\n', 'job.py', { ruleSet: [noLegacyAuthLibrary], partnerType });
      assert.deepEqual(
        r!.findings.map((f) => [f.ruleId, f.severity, f.tags]),
        [[ID, 'warning', ['deprecated']]],
      );
    }
  });

  it('says what is imported, why it must go and what replaces it', async () => {
    assert.deepEqual(await messages('using Microsoft.IdentityModel.Clients.ActiveDirectory;\n', 'Token.cs'), [`Imports \`Microsoft.IdentityModel.Clients.ActiveDirectory\`: ${ADAL_NET}`]);
    assert.deepEqual(await messages("$mods = @('PartnerCenter', 'MSOnline')\nImport-Module -Name $mods\n", 'setup.ps1'), [
      `\`Import-Module\` imports \`MSOnline\` (module name from \`$mods\`, line 1): the MSOnline ${PS_TAIL}`,
    ]);
    assert.deepEqual(await messages("$adal = Join-Path $m.ModuleBase 'Microsoft.IdentityModel.Clients.ActiveDirectory.dll'\n\nAdd-Type -Path $adal\n", 'token.ps1'), [
      `\`Add-Type\` loads \`Microsoft.IdentityModel.Clients.ActiveDirectory\` (path from \`$adal\`, line 1): ${ADAL_NET}`,
    ]);
    assert.deepEqual(await messages('Get-MsolUser -All\nGet-MsolAccountSku\n', 'report.ps1'), [
      `\`Get-MsolUser\` relies on PowerShell autoloading the MSOnline module (this file never imports it by name): the MSOnline ${PS_TAIL}`,
    ]);
    assert.deepEqual(await messages('"dependencies": {"@azure/graph": "5.0.3"}'.replace(/^/, '{') + '}', 'package.json'), [
      'Depends on `@azure/graph`: the Azure AD Graph client (`GraphRbacManagementClient`) calls Azure AD Graph, deprecated since June 30, 2023 and being retired. Use `@microsoft/microsoft-graph-client` with a token from `@azure/msal-node`.',
    ]);
  });

  it('reads requirements.txt, package.json, .csproj, .nuspec and pom.xml by their real names, once per package', async () => {
    assert.deepEqual(await flagged('msal>=1.28\nadal==1.2.7 ; python_version >= "3.8"\nAzure-GraphRBAC==0.61.1\n-r base.txt\nadalflow\n', 'requirements-legacy.txt'), ['2 "adal"', '3 "Azure-GraphRBAC"']);
    assert.deepEqual(
      await flagged('{\n  "dependencies": {\n    "adal-node": "^0.2.4",\n    "@azure/msal-node": "^2.9.2"\n  },\n  "devDependencies": { "react-adal": "0.5.0" }\n}\n', 'package.json'),
      ['3 "adal-node"', '6 "react-adal"'],
    );
    assert.deepEqual(
      await flagged(
        [
          '<Project Sdk="Microsoft.NET.Sdk">',
          '  <ItemGroup>',
          '    <PackageReference Include="Microsoft.IdentityModel.Clients.ActiveDirectory" Version="5.3.0" />',
          '    <PackageReference Include="Microsoft.Identity.Client" Version="4.61.3" />',
          '    <Reference Include="Microsoft.Azure.ActiveDirectory.GraphClient, Version=2.1.10.0, Culture=neutral">',
          '      <HintPath>..\\packages\\Microsoft.Azure.ActiveDirectory.GraphClient.2.1.1\\lib\\Microsoft.Azure.ActiveDirectory.GraphClient.dll</HintPath>',
          '    </Reference>',
          '  </ItemGroup>',
          '</Project>',
        ].join('\n'),
        'Sync.csproj',
      ),
      ['3 "Microsoft.IdentityModel.Clients.ActiveDirectory"', '5 "Microsoft.Azure.ActiveDirectory.GraphClient"'],
    );
    assert.deepEqual(
      await flagged('<package><metadata><dependencies>\n<dependency id="Microsoft.IdentityModel.Clients.ActiveDirectory" version="3.19.8" />\n<dependency id="Microsoft.Identity.Client" version="4.61.3" />\n</dependencies></metadata></package>\n', 'Contoso.Sync.nuspec'),
      ['2 "Microsoft.IdentityModel.Clients.ActiveDirectory"'],
    );
    const pom = [
      '<project><dependencies>',
      '  <dependency><groupId>com.microsoft.azure</groupId><artifactId>adal4j</artifactId><version>1.6.7</version></dependency>',
      '  <dependency><groupId>com.microsoft.azure</groupId><artifactId>msal4j</artifactId><version>1.15.1</version>',
      '    <exclusions><exclusion><groupId>com.microsoft.azure</groupId><artifactId>adal4j</artifactId></exclusion></exclusions></dependency>',
      '  <dependency><groupId>org.example</groupId><artifactId>adal4j</artifactId><version>1.0</version></dependency>',
      '</dependencies></project>',
    ].join('\n');
    assert.deepEqual(await flagged(pom, 'pom.xml'), ['2 "adal4j"']);
  });

  it('app.config / web.config binding redirects are not dependencies (they outlive the package; the package reference is reported)', async () => {
    const config = [
      '<configuration>',
      '  <runtime>',
      '    <assemblyBinding xmlns="urn:schemas-microsoft-com:asm.v1">',
      '      <dependentAssembly>',
      '        <assemblyIdentity name="Microsoft.IdentityModel.Clients.ActiveDirectory" publicKeyToken="31bf3856ad364e35" culture="neutral" />',
      '        <bindingRedirect oldVersion="0.0.0.0-5.2.0.0" newVersion="5.2.0.0" />',
      '      </dependentAssembly>',
      '      <dependentAssembly>',
      '        <assemblyIdentity name="Microsoft.Identity.Client" publicKeyToken="0a613f4dd989e8ae" culture="neutral" />',
      '        <bindingRedirect oldVersion="0.0.0.0-4.61.3.0" newVersion="4.61.3.0" />',
      '      </dependentAssembly>',
      '    </assemblyBinding>',
      '  </runtime>',
      '  <appSettings><add key="assemblyIdentity" value="Microsoft.IdentityModel.Clients.ActiveDirectory" /></appSettings>',
      '</configuration>',
    ].join('\n');
    assert.deepEqual(await flagged(config, 'App.config'), []);
  });

  it('setup.py requirements, also through a constant', async () => {
    const setup = 'from setuptools import setup\nLEGACY = ["adal>=1.2.7", "requests"]\nsetup(\n    name="csp-report",\n    install_requires=["msal>=1.28", "azure-graphrbac==0.61.1"],\n    extras_require={"legacy": LEGACY, "dev": ["pytest", "adalflow"]},\n)\n';
    assert.deepEqual(await flagged(setup, 'setup.py'), ['2 "adal"', '5 "azure-graphrbac"']);
  });

  it('leaves lock files alone: they list transitive packages, not the code\'s own dependencies', async () => {
    assert.deepEqual(await flagged('{"lockfileVersion": 1, "dependencies": {"adal-node": {"version": "0.2.4"}}}\n', 'package-lock.json'), []);
    assert.deepEqual(await flagged('{"version": 1, "dependencies": {"net472": {"Microsoft.IdentityModel.Clients.ActiveDirectory": {"type": "Direct"}}}}\n', 'packages.lock.json'), []);
    assert.deepEqual(await flagged('{"dependencies": {"adal-angular": "1.0.18"}}\n', 'bower.json'), ['1 "adal-angular"']);
  });

  it('PowerShell module manifests: RequiredModules strings and module specifications', async () => {
    const psd1 = "@{\n  ModuleVersion = '1.0.0'\n  RequiredModules = @('PartnerCenter', @{ ModuleName = 'AzureAD'; ModuleVersion = '2.0.2.140' }, 'MSOnline')\n}\n";
    assert.deepEqual(await flagged(psd1, 'PartnerTools.psd1'), ['3 "AzureAD"', '3 "MSOnline"']);
  });

  it('autoloading: one finding on the first MSOnline / AzureAD cmdlet of a file that never imports the module', async () => {
    const text = [
      'function Get-MsolLicenseReport { param($TenantId) $TenantId }',
      'Get-MsolLicenseReport -TenantId $t',
      'Connect-MsolService -AdGraphAccessToken $aad -MsGraphAccessToken $graph',
      'Get-MsolPartnerContract -All',
      'Connect-AzureAD -AadAccessToken $aad -MsAccessToken $graph -AccountId $upn',
      'Get-AzureADUser -All $true',
      'Get-AzADUser -First 5',
    ].join('\n');
    assert.deepEqual(await flagged(text, 'report.ps1'), ['3 "Connect-MsolService"', '5 "Connect-AzureAD"']);
    // An explicit import (or install) anywhere in the file is the file's finding instead.
    assert.deepEqual(await flagged(`Import-Module AzureADPreview\n${text}`, 'report.ps1'), ['1 "AzureADPreview"', '4 "Connect-MsolService"']);
    // Microsoft Entra PowerShell's AzureAD aliases are not the AzureAD module.
    assert.deepEqual(await flagged('Import-Module Microsoft.Entra\nEnable-EntraAzureADAlias\nGet-AzureADUser -Top 5\n', 'entra.ps1'), []);
  });

  it('module-qualified calls load the module: the qualifier is flagged once, unless the module is imported', async () => {
    assert.deepEqual(await flagged('MSOnline\\Connect-MsolService\nMSOnline\\Get-MsolUser -All\n& AzureADPreview\\Get-AzureADMSPrivilegedRoleAssignment\n', 'pim.ps1'), ['1 "MSOnline"', '3 "AzureADPreview"']);
    assert.deepEqual(await flagged('#Requires -Modules MSOnline\nMSOnline\\Connect-MsolService\n', 'pim.ps1'), ['1 "MSOnline"']);
  });

  it('fully qualified ADAL types without an import: the namespace, once per file', async () => {
    const cs = 'class A {\n  void F() {\n    var c = new Microsoft.IdentityModel.Clients.ActiveDirectory.AuthenticationContext(authority);\n    var k = new Microsoft.IdentityModel.Clients.ActiveDirectory.ClientCredential(id, s);\n  }\n}\n';
    assert.deepEqual(await flagged(cs, 'Legacy.cs'), ['3 "Microsoft.IdentityModel.Clients.ActiveDirectory"']);
    assert.deepEqual(await flagged(`using Microsoft.IdentityModel.Clients.ActiveDirectory;\n${cs}`, 'Legacy.cs'), ['1 "Microsoft.IdentityModel.Clients.ActiveDirectory"']);
    const java = 'class A { void f() throws Exception { var c = new com.microsoft.aad.adal4j.AuthenticationContext(authority, false, pool); } }\n';
    assert.deepEqual(await flagged(java, 'A.java'), ['1 "com.microsoft.aad.adal4j"']);
    assert.deepEqual(await flagged("$ctx = New-Object 'Microsoft.IdentityModel.Clients.ActiveDirectory.AuthenticationContext' -ArgumentList $authority\n", 'token.ps1'), ['1 "Microsoft.IdentityModel.Clients.ActiveDirectory"']);
  });

  it('package managers run from PowerShell install the package: pip, npm, dotnet, Install-Package', async () => {
    const text = [
      'pip install --upgrade adal==1.2.7 msal',
      'python -m pip install azure-graphrbac',
      'npm install --save adal-node@0.2.4 @azure/msal-node',
      'dotnet add package Microsoft.IdentityModel.Clients.ActiveDirectory --version 5.3.0',
      'Install-Package Microsoft.Azure.ActiveDirectory.GraphClient -Version 2.1.1',
      'pip uninstall -y adal',
      'npm ls adal-node',
    ].join('\n');
    assert.deepEqual(await flagged(text, 'bootstrap.ps1'), ['1 "adal"', '2 "azure-graphrbac"', '3 "adal-node"', '4 "Microsoft.IdentityModel.Clients.ActiveDirectory"', '5 "Microsoft.Azure.ActiveDirectory.GraphClient"']);
  });

  it('Import-Module lists with blanks after the commas are read whole, and the script after them too', async () => {
    assert.deepEqual(await flagged('Import-Module -Name MSOnline, AzureAD -Force\nGet-MgUser | Select-Object DisplayName, Id\nInstall-Module AzureADPreview\n', 'setup.ps1'), [
      '1 "MSOnline"',
      '1 "AzureAD"',
      '3 "AzureADPreview"',
    ]);
  });
});
