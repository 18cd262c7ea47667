"""Monthly usage report (legacy: signs in as the service account)."""
import msal
import requests

CLIENT_ID = "1950a258-227b-4e31-a9cf-717495945fc2"
SERVICE_USER = "svc-report@contoso.onmicrosoft.com"
SERVICE_PASSWORD = "Monthly-Report-2024!"


def get_token():
    app = msal.PublicClientApplication(CLIENT_ID, authority="https://login.microsoftonline.com/contoso.onmicrosoft.com")
    return app.acquire_token_by_username_password(SERVICE_USER, SERVICE_PASSWORD, scopes=["https://api.partnercenter.microsoft.com/user_impersonation"])


def customers(token):
    return requests.get("https://api.partnercenter.microsoft.com/v1/customers", headers={"Authorization": f"Bearer {token['access_token']}"}).json()
