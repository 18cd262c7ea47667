$cred = Get-Credential
Connect-MsolService -Credential $cred
