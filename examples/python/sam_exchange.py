"""Secure Application Model exchange: refresh token and app secret from Key Vault, rotated token written back."""
import msal
from azure.identity import DefaultAzureCredential
from azure.keyvault.secrets import SecretClient

PC_SCOPES = ["https://api.partnercenter.microsoft.com/user_impersonation"]


def partner_center_token(vault_url: str, app_id: str, tenant_id: str) -> str:
    vault = SecretClient(vault_url=vault_url, credential=DefaultAzureCredential())
    app = msal.ConfidentialClientApplication(
        app_id,
        client_credential=vault.get_secret("PartnerAppSecret").value,
        authority=f"https://login.microsoftonline.com/{tenant_id}",
    )
    result = app.acquire_token_by_refresh_token(vault.get_secret("PartnerRefreshToken").value, scopes=PC_SCOPES)
    if "error" in result:
        raise RuntimeError(result.get("error_description"))
    vault.set_secret("PartnerRefreshToken", result["refresh_token"])
    return result["access_token"]
