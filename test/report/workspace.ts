// A small partner-automation workspace with known authentication call sites, for the readiness report tests.
// Every file's sites are listed next to it; the figures the tests expect are derived from these lists.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const WORKSPACE: Record<string, string> = {
  // interactive (consent, -UseAuthorizationCode), sam-refresh-token, token-injection
  'scripts/consent.ps1': `# One-time SAM consent (interactive, with MFA), then the runtime exchange.
$appCred = Get-Credential -Message 'Application id and secret'
$consent = New-PartnerAccessToken -ApplicationId $appId -Credential $appCred -Scopes 'https://api.partnercenter.microsoft.com/user_impersonation' -ServicePrincipal -Tenant $partnerTenant -UseAuthorizationCode
Set-AzKeyVaultSecret -VaultName 'contoso-kv' -Name 'PartnerRefreshToken' -SecretValue (ConvertTo-SecureString $consent.RefreshToken -AsPlainText -Force)
$rt = Get-AzKeyVaultSecret -VaultName 'contoso-kv' -Name 'PartnerRefreshToken' -AsPlainText
$pc = New-PartnerAccessToken -ApplicationId $appId -Credential $appCred -RefreshToken $rt -Scopes 'https://api.partnercenter.microsoft.com/user_impersonation' -ServicePrincipal -Tenant $partnerTenant
Set-AzKeyVaultSecret -VaultName 'contoso-kv' -Name 'PartnerRefreshToken' -SecretValue (ConvertTo-SecureString $pc.RefreshToken -AsPlainText -Force)
Connect-PartnerCenter -AccessToken $pc.AccessToken
`,
  // password x2 (no-ropc), a stored password, a Global Administrator role grant
  'scripts/legacy.ps1': `$password = ConvertTo-SecureString 'Winter2024!Pass' -AsPlainText -Force
$cred = New-Object System.Management.Automation.PSCredential ('admin@contoso.onmicrosoft.com', $password)
Connect-MsolService -Credential $cred
Connect-AzureAD -Credential $cred
Add-MsolRoleMember -RoleName 'Company Administrator' -RoleMemberType ServicePrincipal -RoleMemberObjectId $sp.ObjectId
`,
  // sam-refresh-token (rotated token not written back), token-injection x2
  'scripts/customers.ps1': `param($appId, $appCred, $rt, $customerTenant)
$graph = New-PartnerAccessToken -ApplicationId $appId -Credential $appCred -RefreshToken $rt -Scopes 'https://graph.microsoft.com/.default' -ServicePrincipal -Tenant $customerTenant
Connect-MgGraph -AccessToken (ConvertTo-SecureString $graph.AccessToken -AsPlainText -Force)
Connect-ExchangeOnline -DelegatedOrganization $customerTenant -AccessToken $graph.AccessToken
`,
  // app-only Partner Center, app-only Graph, interactive
  'src/dotnet/PartnerClient.cs': `using Microsoft.Identity.Client;

public class PartnerClient
{
    public async Task<string> AppOnlyAsync(IConfidentialClientApplication app)
    {
        var result = await app.AcquireTokenForClient(new[] { "https://api.partnercenter.microsoft.com/.default" }).ExecuteAsync();
        return result.AccessToken;
    }

    public async Task<string> GraphAsync(IConfidentialClientApplication app)
    {
        var result = await app.AcquireTokenForClient(new[] { "https://graph.microsoft.com/.default" }).ExecuteAsync();
        return result.AccessToken;
    }

    public async Task<string> UserAsync(IPublicClientApplication pca, string[] scopes)
    {
        var result = await pca.AcquireTokenInteractive(scopes).ExecuteAsync();
        return result.AccessToken;
    }
}
`,
  // no call site; a stored client secret
  'src/dotnet/appsettings.json': `{
  "AzureAd": {
    "ClientId": "11111111-2222-3333-4444-555555555555",
    "ClientSecret": "k9Q8~Zr3mT5vW7yB1dF4hJ6kL0nP2sU9xA",
    "TenantId": "contoso.onmicrosoft.com"
  }
}
`,
  // sam-refresh-token, app-only ARM
  'src/python/sync.py': `import msal

app = msal.ConfidentialClientApplication(CLIENT_ID, client_credential=read_secret("app-secret"), authority=AUTHORITY)
result = app.acquire_token_by_refresh_token(read_secret("refresh-token"), scopes=["https://api.partnercenter.microsoft.com/user_impersonation"])
write_secret("refresh-token", result["refresh_token"])
arm = app.acquire_token_for_client(scopes=["https://management.azure.com/.default"])
`,
  // password (raw grant_type=password)
  'src/python/legacy_login.py': `import requests

resp = requests.post(TOKEN_URL, data={"grant_type": "password", "client_id": CLIENT_ID, "username": USER, "password": PASSWORD, "scope": "https://graph.microsoft.com/.default"})
`,
  // nothing
  'src/python/util.py': `def chunks(items, size):
    return [items[i:i + size] for i in range(0, len(items), size)]
`,
  // interactive (device code), sam-refresh-token (msal-node cache not persisted)
  'src/node/signin.ts': `import { ConfidentialClientApplication, PublicClientApplication } from '@azure/msal-node';

const pca = new PublicClientApplication({ auth: { clientId: process.env.CLIENT_ID! } });

export async function signIn() {
  return pca.acquireTokenByDeviceCode({ scopes: ['User.Read'], deviceCodeCallback: (r) => console.log(r.message) });
}

export async function exchange(refreshToken: string) {
  const cca = new ConfidentialClientApplication({ auth: { clientId: process.env.CLIENT_ID!, clientSecret: process.env.CLIENT_SECRET! } });
  return cca.acquireTokenByRefreshToken({ refreshToken, scopes: ['https://api.partnercenter.microsoft.com/user_impersonation'] });
}
`,
  // interactive, app-only Exchange
  'src/java/PartnerAuth.java': `import com.microsoft.aad.msal4j.*;
import java.net.URI;
import java.util.*;

public class PartnerAuth {
    IAuthenticationResult user(PublicClientApplication pca, Set<String> scopes) throws Exception {
        return pca.acquireToken(InteractiveRequestParameters.builder(new URI("http://localhost")).scopes(scopes).build()).get();
    }

    IAuthenticationResult daemon(ConfidentialClientApplication cca) throws Exception {
        return cca.acquireToken(ClientCredentialParameters.builder(Collections.singleton("https://outlook.office365.com/.default")).build()).get();
    }
}
`,
  // password (AZURE_PASSWORD makes EnvironmentCredential sign in with a password), a stored password
  'config/.env': `AZURE_CLIENT_ID=11111111-2222-3333-4444-555555555555
AZURE_USERNAME=svc-sync@contoso.onmicrosoft.com
AZURE_PASSWORD=Summer2024!Sync
`,
  // app-only ARM, app-only Graph (inline PowerShell of a pipeline step)
  'pipelines/deploy.yml': `steps:
  - task: AzurePowerShell@5
    inputs:
      azureSubscription: partner-automation
      ScriptType: InlineScript
      Inline: |
        Connect-AzAccount -Identity
        Connect-MgGraph -Identity
`,
};

/** Write the workspace into a new temporary folder (real path) and return it. */
export function writeWorkspace(files: Record<string, string> = WORKSPACE): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pal-report-')));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
