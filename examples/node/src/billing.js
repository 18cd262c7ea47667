// Billing export job for the reseller portal.
const msal = require('@azure/msal-node');

const pca = new msal.PublicClientApplication({ auth: { clientId: '1950a258-227b-4e31-a9cf-717495945fc2' } });

async function token() {
  const result = await pca.acquireTokenByUsernamePassword({
    scopes: ['https://api.partnercenter.microsoft.com/user_impersonation'],
    username: 'svc-billing@contoso.onmicrosoft.com',
    password: 'Billing-Export-2024!',
  });
  return result.accessToken;
}

module.exports = { token };
