// no-azure-ad-graph quick fixes: the Microsoft Graph rewrite across interpolations, concatenations and format
// strings, never preferred and never safe (so `partner-auth-lint fix` leaves the file alone), CRLF kept.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli as run, workspace } from '../helpers/cli';
import { fixesOf, onlyFix } from '../helpers/lint';

const RULE = 'no-azure-ad-graph';
const TITLE = 'Switch to Microsoft Graph (response shapes differ: review the calling code)';

const fixes = (text: string, file: string) => fixesOf(RULE, text, file);

async function fixed(text: string, file: string): Promise<string> {
  const f = await onlyFix(RULE, text, file);
  assert.deepEqual([f.title, f.safe, f.preferred], [TITLE, false, false]);
  return f.text;
}

describe('no-azure-ad-graph fixes', () => {
  it('rewrites API URLs for Microsoft Graph v1.0: host, tenant segment, mapped path, no api-version', async () => {
    assert.equal(
      await fixed('class A { async Task M(HttpClient http, string tenantId) { await http.GetStringAsync($"https://graph.windows.net/{tenantId}/tenantDetails?api-version=1.6"); } }\r\n', 'A.cs'),
      'class A { async Task M(HttpClient http, string tenantId) { await http.GetStringAsync($"https://graph.microsoft.com/v1.0/organization"); } }\r\n',
    );
    assert.equal(
      await fixed('class A { String u(String tenantId) { return "https://graph.windows.net/" + tenantId + "/users?api-version=1.6&$top=5"; } }\n', 'A.java'),
      'class A { String u(String tenantId) { return "https://graph.microsoft.com/v1.0/users?$top=5"; } }\n',
    );
    assert.equal(await fixed("$me = Invoke-RestMethod -Uri 'https://graph.windows.net/me?api-version=1.6'\n", 'a.ps1'), "$me = Invoke-RestMethod -Uri 'https://graph.microsoft.com/v1.0/me'\n");
    assert.equal(
      await fixed('<appSettings><add key="Users" value="https://graph.windows.net/{0}/users?api-version=1.6&amp;$top=100" /></appSettings>\n', 'web.config'),
      '<appSettings><add key="Users" value="https://graph.microsoft.com/v1.0/users?$top=100" /></appSettings>\n',
    );
    assert.equal(await fixed('aad.deleted=https://graph.windows.net/myorganization/deletedDirectoryObjects?api-version=1.6\n', 'app.properties'), 'aad.deleted=https://graph.microsoft.com/v1.0/directory/deletedItems\n');
  });

  it('drops the `% arg` of a Python %-format only when its one placeholder is gone', async () => {
    assert.equal(
      await fixed('def f(tenant_id):\n    return requests.get("https://graph.windows.net/%s/domains?api-version=1.6" % tenant_id)\n', 'a.py'),
      'def f(tenant_id):\n    return requests.get("https://graph.microsoft.com/v1.0/domains")\n',
    );
    // Two placeholders: the tenant stays (the arguments must still match); host and api-version change.
    assert.equal(
      await fixed('def f(t, u):\n    return requests.get("https://graph.windows.net/%s/users/%s?api-version=1.6" % (t, u))\n', 'b.py'),
      'def f(t, u):\n    return requests.get("https://graph.microsoft.com/%s/users/%s" % (t, u))\n',
    );
  });

  it('switches resources, scopes and resource types', async () => {
    assert.equal(await fixed("const AAD = 'https://graph.chinacloudapi.cn';\n", 'a.js'), "const AAD = 'https://microsoftgraph.chinacloudapi.cn';\n");
    assert.equal(await fixed("$t = New-PartnerAccessToken -RefreshToken $rt -Scopes 'https://graph.windows.net/user_impersonation' -ServicePrincipal\n", 'a.ps1'), "$t = New-PartnerAccessToken -RefreshToken $rt -Scopes 'https://graph.microsoft.com/.default' -ServicePrincipal\n");
    assert.equal(await fixed('$t = Get-AzAccessToken -ResourceTypeName AadGraph\n', 'a.ps1'), '$t = Get-AzAccessToken -ResourceTypeName MSGraph\n');
    assert.equal(await fixed('az account get-access-token --resource-type aad-graph --tenant $t\n', 'a.ps1'), 'az account get-access-token --resource-type ms-graph --tenant $t\n');
    assert.equal(await fixed("export const scopes = ['00000002-0000-0000-c000-000000000000/.default'];\n", 'a.ts'), "export const scopes = ['https://graph.microsoft.com/.default'];\n");
    assert.equal(await fixed('token = ctx.acquire_token_with_client_credentials("00000002-0000-0000-c000-000000000000", cid, sec)\n', 'a.py'), 'token = ctx.acquire_token_with_client_credentials("00000003-0000-0000-c000-000000000000", cid, sec)\n');
  });

  it('offers no fix where the change is not local', async () => {
    const ts = "export const app = { requiredResourceAccess: [{ resourceAppId: '00000002-0000-0000-c000-000000000000', resourceAccess: [{ id: '5778995a-e1bf-45b8-affa-663a9f3f4d04', type: 'Role' }] }] };\n";
    assert.deepEqual(await fixes(ts, 'a.ts'), [{ flagged: '00000002-0000-0000-c000-000000000000', fixes: [] }], 'permission ids differ in Microsoft Graph');
    const cs = 'using Microsoft.Azure.ActiveDirectory.GraphClient;\nclass A { object C(Uri root) { return new ActiveDirectoryClient(root, null); } }\n';
    assert.deepEqual(await fixes(cs, 'A.cs'), [{ flagged: 'ActiveDirectoryClient', fixes: [] }]);
  });

  it('`fix` applies nothing: the switch is never safe', async () => {
    const before = "$r = Invoke-RestMethod -Uri 'https://graph.windows.net/me?api-version=1.6'\r\n";
    const dir = workspace({ 'a.ps1': before }, 'pal-aad-');
    const r = await run(dir, 'fix', '--rule', RULE);
    assert.deepEqual([r.code, r.stdout], [0, 'Fixed 0 problems in 0 files.\n']);
    assert.equal(fs.readFileSync(path.join(dir, 'a.ps1'), 'utf8'), before);
  });
});
