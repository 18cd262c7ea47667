# Nightly customer sync with the Secure Application Model: the refresh token and app secret live in Key Vault.
param(
    [Parameter(Mandatory)] [string]$VaultName,
    [Parameter(Mandatory)] [string]$PartnerTenantId
)

$appId = Get-AzKeyVaultSecret -VaultName $VaultName -Name 'PartnerAppId' -AsPlainText
$appSecret = Get-AzKeyVaultSecret -VaultName $VaultName -Name 'PartnerAppSecret' -AsPlainText
$refreshToken = Get-AzKeyVaultSecret -VaultName $VaultName -Name 'PartnerRefreshToken' -AsPlainText
$appCredential = [pscredential]::new($appId, (ConvertTo-SecureString $appSecret -AsPlainText -Force))

$pcToken = New-PartnerAccessToken -ApplicationId $appId -Credential $appCredential -RefreshToken $refreshToken -Scopes 'https://api.partnercenter.microsoft.com/user_impersonation' -ServicePrincipal -Tenant $PartnerTenantId
Set-AzKeyVaultSecret -VaultName $VaultName -Name 'PartnerRefreshToken' -SecretValue (ConvertTo-SecureString $pcToken.RefreshToken -AsPlainText -Force) | Out-Null
Connect-PartnerCenter -AccessToken $pcToken.AccessToken

foreach ($customer in Get-PartnerCustomer) {
    $graphToken = New-PartnerAccessToken -ApplicationId $appId -Credential $appCredential -RefreshToken $refreshToken -Scopes 'https://graph.microsoft.com/.default' -ServicePrincipal -Tenant $customer.CustomerId
    Connect-MgGraph -AccessToken (ConvertTo-SecureString $graphToken.AccessToken -AsPlainText -Force) -NoWelcome
}
