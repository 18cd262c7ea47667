using System.Net.Http;
using System.Security;
using Microsoft.Identity.Client;

namespace Contoso.PartnerSync;

public sealed class PartnerClient
{
    private const string ClientId = "1950a258-227b-4e31-a9cf-717495945fc2";
    private const string ServiceAccountPassword = "Nightly-Sync-2024!";
    private static readonly string[] Scopes = { "https://api.partnercenter.microsoft.com/user_impersonation" };

    public async Task<string> GetTokenAsync(string user, SecureString password)
    {
        var app = PublicClientApplicationBuilder.Create(ClientId)
            .WithAuthority("https://login.microsoftonline.com/contoso.onmicrosoft.com")
            .Build();
        var result = await app.AcquireTokenByUsernamePassword(Scopes, user, password).ExecuteAsync();
        return result.AccessToken;
    }
}
