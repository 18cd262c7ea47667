// no-global-admin-consent: exact messages (where the role came from, service principal, GDAP), severity,
// ranges (splatted hashtable entry, phrase inside a comment), one finding per problem, negated advice.
import assert from 'node:assert/strict';
import type { PartnerType } from '../../rules/engine/types';
import { flagged } from '../helpers/lint';

const ROLE_TAIL = 'The partner security requirements call for a least-privileged service account (Admin Agent or Sales Agent role), not a Global Administrator, who controls the whole tenant: grant that CSP role or the narrowest Entra role the task needs.';
const GDAP_TAIL = 'GDAP is meant for least-privileged, time-bound access: request only the roles the work needs (for example User, License or Helpdesk Administrator), never Global Administrator.';
const CONSENT_TAIL = 'The partner security requirements call for SAM consent by a least-privileged Admin Agent / Sales Agent service account instead: use the authorization-code flow (`/oauth2/v2.0/authorize?response_type=code`, `New-PartnerAccessToken -UseAuthorizationCode`); CPVs get customer consent through Partner Center `applicationconsents`.';
const PROSE_TAIL = 'The partner security requirements call for consent and sign-in with a least-privileged Admin Agent / Sales Agent service account, not a Global Administrator: name that account instead.';
const GA = '62e90394-69f5-4237-9190-012177145e10';

const run = (text: string, file: string, partnerType: PartnerType = 'cpv') => flagged('no-global-admin-consent', text, file, { partnerType }, ['text', 'line', 'severity', 'message']);

describe('no-global-admin-consent', () => {
  it('follows the role object to its filtered lookup in another statement and names the service principal', async () => {
    const ps = [
      '$sp = Get-AzureADServicePrincipal -Filter "AppId eq \'$appId\'"',
      "$role = Get-AzureADDirectoryRole | Where-Object { $_.DisplayName -eq 'Company Administrator' }",
      'Add-AzureADDirectoryRoleMember -ObjectId $role.ObjectId -RefObjectId $sp.ObjectId',
      "$other = Get-AzureADDirectoryRole | Where-Object { $_.DisplayName -ne 'Company Administrator' }",
      'Add-AzureADDirectoryRoleMember -ObjectId $other.ObjectId -RefObjectId $sp.ObjectId',
      'Get-AzureADDirectoryRoleMember -ObjectId $role.ObjectId',
      '',
    ].join('\n');
    assert.deepEqual(await run(ps, 'grant.ps1'), [
      {
        text: '-ObjectId $role.ObjectId',
        line: 3,
        severity: 'warning',
        message: `\`Add-AzureADDirectoryRoleMember -ObjectId\` grants the Global Administrator role to a service principal (an app) (\`$role\` comes from a lookup of \`'Company Administrator'\`, line 2). ${ROLE_TAIL}`,
      },
    ]);
  });

  it('says which constant held the role id, and reports a splatted role on the hashtable entry', async () => {
    const ps = `$gaRoleId = '${GA}'\n$a = @{ PrincipalId = $user.Id; RoleDefinitionId = $gaRoleId; DirectoryScopeId = '/' }\nNew-MgRoleManagementDirectoryRoleAssignment @a\n`;
    assert.deepEqual(await run(ps, 'a.ps1'), [
      { text: '$gaRoleId', line: 2, severity: 'warning', message: `\`New-MgRoleManagementDirectoryRoleAssignment -RoleDefinitionId\` grants the Global Administrator role (role from \`$gaRoleId\`, line 1). ${ROLE_TAIL}` },
    ]);
  });

  it('reports a role-assignment body once, even when the same hashtable is passed to -BodyParameter', async () => {
    const ps = `$body = @{ principalId = $sp.Id; roleDefinitionId = '${GA}'; directoryScopeId = '/' }\nNew-MgRoleManagementDirectoryRoleAssignment -BodyParameter $body\nInvoke-MgGraphRequest -Method POST -Uri 'https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments' -Body $body\n`;
    const found = await run(ps, 'b.ps1');
    assert.deepEqual(found.map((f) => [f.line, f.text]), [[1, `'${GA}'`]]);
    assert.equal(found[0].message, `\`New-MgRoleManagementDirectoryRoleAssignment -BodyParameter\` grants the Global Administrator role to a service principal (an app). ${ROLE_TAIL}`);
  });

  it('uses the GDAP message for unifiedRoles, with the constant the id came from', async () => {
    const ts = `const ROLES = { globalAdministrator: '${GA}', helpdesk: '729827e3-9c14-49f7-bb1b-9608f156bbb8' };\nconst rel = { displayName: 'x', accessDetails: { unifiedRoles: [{ roleDefinitionId: ROLES.globalAdministrator }, { roleDefinitionId: ROLES.helpdesk }] } };\n`;
    assert.deepEqual(await run(ts, 'gdap.ts'), [
      { text: 'ROLES.globalAdministrator', line: 2, severity: 'warning', message: `\`roleDefinitionId\` requests the Global Administrator role (62e90394…) in a GDAP relationship (role from \`ROLES.globalAdministrator\`, line 1). ${GDAP_TAIL}` },
    ]);
  });

  it('reports the /adminconsent path itself, not the app callback route, with the consent message', async () => {
    const py = 'url = f"https://login.microsoftonline.com/{tenant}/v2.0/adminconsent?client_id={CLIENT_ID}"\ncallback = "https://portal.contoso.com/adminconsent"\nroute = "/adminconsent"\n';
    assert.deepEqual(await run(py, 'consent.py'), [
      { text: '/adminconsent', line: 1, severity: 'warning', message: `Tenant-wide admin consent link (\`/adminconsent\`): only a Global Administrator (or an equivalent admin role) can complete it, and it grants the app's permissions for every user of the tenant. ${CONSENT_TAIL}` },
    ]);
  });

  it('says where prompt=admin_consent came from', async () => {
    const js = "const PROMPT = 'admin_consent';\nconst url = await cca.getAuthCodeUrl({ scopes, redirectUri, prompt: PROMPT });\nconst again = await cca.getAuthCodeUrl({ scopes, redirectUri, prompt: 'consent' });\n";
    assert.deepEqual(await run(js, 'a.js'), [
      { text: 'PROMPT', line: 2, severity: 'warning', message: `\`prompt=admin_consent\` requests tenant-wide admin consent, which only a Global Administrator (or an equivalent admin role) can give (value from \`PROMPT\`, line 1). ${CONSENT_TAIL}` },
    ]);
  });

  it('reports the instruction phrase inside a comment or string, and not advice against Global Administrator', async () => {
    const cs = [
      '// Step 1: open the portal and sign in as a Global Administrator.',
      '// Do not sign in as a Global Administrator; use the AdminAgents account.',
      'Console.WriteLine("Use the Admin Agent service account, not a Global Admin account.");',
      'Console.WriteLine("Consent with your Global Admin account");',
      '',
    ].join('\n');
    assert.deepEqual(await run(cs, 'p.cs'), [
      { text: 'sign in as a Global Administrator', line: 1, severity: 'warning', message: `This comment asks the operator to sign in, consent or run as a Global Administrator. ${PROSE_TAIL}` },
      { text: 'Consent with your Global Admin account', line: 4, severity: 'warning', message: `This text asks the operator to sign in, consent or run as a Global Administrator. ${PROSE_TAIL}` },
    ]);
  });

  it('is a warning for every partner type', async () => {
    const ps = "Add-MsolRoleMember -RoleName 'Company Administrator' -RoleMemberEmailAddress svc@contoso.com\n";
    for (const partnerType of ['csp', 'cpv', 'unknown'] as const) {
      assert.deepEqual((await run(ps, 'a.ps1', partnerType)).map((f) => [f.text, f.severity]), [["-RoleName 'Company Administrator'", 'warning']]);
    }
  });
});
