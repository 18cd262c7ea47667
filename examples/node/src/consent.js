// Builds the links the onboarding portal shows to a new customer, and reads the directory.
const APP_ID = process.env.PARTNER_APP_ID;
const REDIRECT = 'https://portal.contoso.com/signin';

function consentLink(tenant) {
  return `https://login.microsoftonline.com/${tenant}/adminconsent?client_id=${APP_ID}&redirect_uri=${encodeURIComponent(REDIRECT)}`;
}

function signInLink() {
  const params = new URLSearchParams({ client_id: APP_ID, redirect_uri: REDIRECT, scope: 'openid profile', nonce: '1' });
  params.set('response_type', 'id_token token');
  return `https://login.microsoftonline.com/common/oauth2/authorize?${params}`;
}

async function listUsers(tenant, accessToken) {
  const res = await fetch(`https://graph.windows.net/${tenant}/users?api-version=1.6`, { headers: { Authorization: `Bearer ${accessToken}` } });
  return (await res.json()).value;
}

module.exports = { consentLink, signInLink, listUsers };
