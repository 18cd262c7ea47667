# Onboards a new customer tenant: grants the sync app a directory role and mails the report.
param(
    [Parameter(Mandatory)] [string]$CustomerTenantId,
    [Parameter(Mandatory)] [string]$SyncAppObjectId,
    [Parameter(Mandatory)] [pscredential]$AppCredential,
    [Parameter(Mandatory)] [pscredential]$MailCredential
)

$refreshToken = Get-AzKeyVaultSecret -VaultName 'contoso-partner-kv' -Name 'PartnerRefreshToken' -AsPlainText
$graphToken = New-PartnerAccessToken -ApplicationId $AppCredential.UserName -Credential $AppCredential -RefreshToken $refreshToken -Scopes 'https://graph.microsoft.com/.default' -ServicePrincipal -Tenant $CustomerTenantId
Write-Host "Graph token for ${CustomerTenantId}: $($graphToken.AccessToken)"
Connect-MgGraph -AccessToken (ConvertTo-SecureString $graphToken.AccessToken -AsPlainText -Force) -NoWelcome

$globalAdminRoleId = '62e90394-69f5-4237-9190-012177145e10'
New-MgRoleManagementDirectoryRoleAssignment -PrincipalId $SyncAppObjectId -RoleDefinitionId $globalAdminRoleId -DirectoryScopeId '/'

Send-MailMessage -SmtpServer 'smtp.office365.com' -Port 587 -UseSsl -Credential $MailCredential -From 'sync@contoso.com' -To 'ops@contoso.com' -Subject "Onboarded $CustomerTenantId"
