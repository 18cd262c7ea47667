#Requires -Modules MSOnline, PartnerCenter
# Nightly customer sync, written before MFA was enforced for the partner tenant.
param(
    [string]$TenantDomain = 'contoso.onmicrosoft.com'
)

$serviceUser = 'svc-sync@contoso.onmicrosoft.com'
$servicePassword = 'Nightly-Sync-2024!'
$securePassword = ConvertTo-SecureString $servicePassword -AsPlainText -Force
$credential = New-Object System.Management.Automation.PSCredential($serviceUser, $securePassword)

Connect-MsolService -Credential $credential
$customers = Get-MsolPartnerContract -All

$tokenBody = @{
    grant_type = 'password'
    client_id  = '1950a258-227b-4e31-a9cf-717495945fc2'
    username   = $serviceUser
    password   = $servicePassword
    resource   = 'https://api.partnercenter.microsoft.com'
}
$token = Invoke-RestMethod -Method Post -Uri "https://login.microsoftonline.com/$TenantDomain/oauth2/token" -Body $tokenBody
foreach ($customer in $customers) {
    Write-Verbose "Syncing $($customer.DefaultDomainName)"
}
