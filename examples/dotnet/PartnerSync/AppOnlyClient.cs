using System.Threading.Tasks;
using Microsoft.Identity.Client;

namespace Contoso.PartnerSync
{
    // A control panel's background job that calls Partner Center for its CSP partners.
    public class AppOnlyClient
    {
        private const string PartnerCenterScope = "https://api.partnercenter.microsoft.com/.default";
        private readonly IConfidentialClientApplication _app;

        public AppOnlyClient(IConfidentialClientApplication app) => _app = app;

        public async Task<string> GetPartnerCenterTokenAsync()
        {
            var result = await _app.AcquireTokenForClient(new[] { PartnerCenterScope }).ExecuteAsync();
            return result.AccessToken;
        }
    }
}
