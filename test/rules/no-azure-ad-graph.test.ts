// no-azure-ad-graph: exact messages (Microsoft Graph equivalents, where a constant is used), ranges inside
// escaped strings, severity and tag, one finding per literal, and the look-alikes that stay silent.
import assert from 'node:assert/strict';
import { lint } from '../../rules/engine/lint';
import type { PartnerType } from '../../rules/engine/types';
import { flagged } from '../helpers/lint';

const WHY = 'Azure AD Graph is retired in favour of Microsoft Graph (no support since June 30, 2023; its calls are being blocked).';

const run = (text: string, file: string, partnerType: PartnerType = 'cpv') => flagged('no-azure-ad-graph', text, file, { partnerType }, ['text', 'line', 'message']);

describe('no-azure-ad-graph', () => {
  it('is a deprecated-tagged warning for every partner type', async () => {
    const ps = "$scope = 'https://graph.windows.net/.default'\n";
    for (const partnerType of ['csp', 'cpv', 'unknown'] as const) {
      const r = await lint(ps, 'a.ps1', { only: ['no-azure-ad-graph'], partnerType });
      assert.deepEqual(r!.findings.map((f) => [f.severity, f.tags]), [['warning', ['deprecated']]]);
    }
  });

  it('flags a base URL constant once, at its definition, naming its first use and the Microsoft Graph equivalent', async () => {
    const ps = [
      "$AadGraph = 'https://graph.windows.net'",
      '$u = Invoke-RestMethod -Uri "$AadGraph/$tenantId/tenantDetails?api-version=1.6" -Headers $h',
      '$g = Invoke-RestMethod -Uri "$AadGraph/$tenantId/groups?api-version=1.6" -Headers $h',
      '',
    ].join('\n');
    assert.deepEqual(await run(ps, 'report.ps1'), [
      {
        text: 'https://graph.windows.net',
        line: 1,
        message: `Azure AD Graph base URL \`https://graph.windows.net\` (used on line 2 for \`https://graph.windows.net/{tenant}/tenantDetails\` and in 1 more place) is retired and its calls fail: call Microsoft Graph \`https://graph.microsoft.com/v1.0/organization\` instead (no \`api-version\`), with a token for \`https://graph.microsoft.com\`. ${WHY}`,
      },
    ]);
  });

  it('maps paths through the one table and keeps the rest of the path', async () => {
    const js = [
      "fetch(`https://graph.windows.net/${tenant}/deletedDirectoryObjects?api-version=1.6`);",
      "fetch('https://graph.windows.net/myorganization/getObjectsByObjectIds?api-version=1.6', { method: 'POST' });",
      "fetch(`https://graph.windows.net/${tenant}/users/${id}/invalidateAllRefreshTokens?api-version=1.6`, { method: 'POST' });",
      "fetch('https://graph.windows.net/contoso.onmicrosoft.com/policies?api-version=1.6');",
      '',
    ].join('\n');
    const graph = (await run(js, 'a.js')).map((f) => /call Microsoft Graph `([^`]*)`/.exec(f.message)?.[1]);
    assert.deepEqual(graph, [
      'https://graph.microsoft.com/v1.0/directory/deletedItems',
      'https://graph.microsoft.com/v1.0/directoryObjects/getByIds',
      'https://graph.microsoft.com/v1.0/users/{…}/revokeSignInSessions',
      'https://graph.microsoft.com/v1.0/policies',
    ]);
  });

  it('describes scopes, resources and sovereign hosts', async () => {
    const py = [
      'SCOPES = ["https://graph.windows.net/Directory.Read.All"]',
      'RESOURCE = "https://graph.windows.net/"',
      'CHINA = "https://graph.chinacloudapi.cn"',
      'GERMANY = "https://graph.cloudapi.de/me?api-version=1.6"',
      '',
    ].join('\n');
    assert.deepEqual(await run(py, 'cfg.py'), [
      { text: 'https://graph.windows.net/Directory.Read.All', line: 1, message: `Azure AD Graph scope \`https://graph.windows.net/Directory.Read.All\` requests a token for the retired Azure AD Graph: request \`https://graph.microsoft.com/Directory.Read.All\` and call Microsoft Graph instead. ${WHY}` },
      { text: 'https://graph.windows.net/', line: 2, message: `Azure AD Graph resource \`https://graph.windows.net\` is retired: request tokens for Microsoft Graph \`https://graph.microsoft.com\` and call its v1.0 endpoints. ${WHY}` },
      { text: 'https://graph.chinacloudapi.cn', line: 3, message: `Azure AD Graph resource \`https://graph.chinacloudapi.cn\` (Azure AD Graph operated by 21Vianet) is retired: request tokens for Microsoft Graph \`https://microsoftgraph.chinacloudapi.cn\` and call its v1.0 endpoints. ${WHY}` },
      { text: 'https://graph.cloudapi.de/me?api-version=1.6', line: 4, message: `Azure AD Graph endpoint \`https://graph.cloudapi.de/me\` (Microsoft Cloud Deutschland, which has closed; move to the global cloud) is retired and its calls fail: call Microsoft Graph \`https://graph.microsoft.com/v1.0/me\` instead (no \`api-version\`), with a token for \`https://graph.microsoft.com\`. ${WHY}` },
    ]);
  });

  it('reports one finding per literal that holds several Azure AD Graph scopes', async () => {
    const ts = "const scope = 'https://graph.windows.net/User.Read https://graph.windows.net/Directory.Read.All offline_access';\n";
    assert.deepEqual(await run(ts, 'a.ts'), [
      {
        text: 'https://graph.windows.net/User.Read https://graph.windows.net/Directory.Read.All',
        line: 1,
        message: `Azure AD Graph scope \`https://graph.windows.net/User.Read\` requests a token for the retired Azure AD Graph: request \`https://graph.microsoft.com/User.Read\` and call Microsoft Graph instead; likewise \`https://graph.windows.net/Directory.Read.All\` -> \`https://graph.microsoft.com/Directory.Read.All\`. ${WHY}`,
      },
    ]);
  });

  it('follows the application id to its definition and says where it is used as a resource', async () => {
    const py = ['AAD_GRAPH_APP_ID = "00000002-0000-0000-c000-000000000000"', 'body = {"grant_type": "refresh_token", "resource": AAD_GRAPH_APP_ID}', ''].join('\n');
    assert.deepEqual(await run(py, 'token.py'), [
      {
        text: '00000002-0000-0000-c000-000000000000',
        line: 1,
        message: `\`00000002-0000-0000-c000-000000000000\` is the Azure AD Graph application id, used on line 2 as \`resource\`: it asks for the retired Azure AD Graph. Use Microsoft Graph \`00000003-0000-0000-c000-000000000000\` (\`https://graph.microsoft.com\`) and its own permission ids. ${WHY}`,
      },
    ]);
  });

  it('finds the exact URL inside escaped JSON and XML strings', async () => {
    const cs = 'var manifest = "{\\"resource\\":\\"https:\\/\\/graph.windows.net\\/\\",\\"x\\":1}";\n';
    const r = await lint(cs, 'Setup.cs', { only: ['no-azure-ad-graph'] });
    const start = cs.indexOf('https:');
    assert.deepEqual(r!.findings.map((f) => cs.slice(f.range.start, f.range.end)), ['https:\\/\\/graph.windows.net\\/']);
    assert.equal(r!.findings[0].range.start, start);
    const xml = '<configuration><appSettings><add key="ida:GraphUrl" value="https://graph.windows.net/{0}/users?api-version=1.6&amp;$top=5" /></appSettings></configuration>\n';
    assert.deepEqual((await run(xml, 'web.config')).map((f) => f.text), ['https://graph.windows.net/{0}/users?api-version=1.6&amp;$top=5']);
  });

  it('reports token requests by resource type with the Microsoft Graph value to use', async () => {
    const ps = "$name = 'AadGraph'\n$t = Get-AzAccessToken -ResourceTypeName $name\naz account get-access-token --resource-type aad-graph\n";
    assert.deepEqual(await run(ps, 'tokens.ps1'), [
      { text: 'AadGraph', line: 1, message: `\`Get-AzAccessToken -ResourceTypeName AadGraph\` (used on line 2) requests a token for the retired Azure AD Graph: use \`MSGraph\` (Microsoft Graph, \`https://graph.microsoft.com\`) instead. ${WHY}` },
      { text: 'aad-graph', line: 3, message: `\`az … --resource-type aad-graph\` requests a token for the retired Azure AD Graph: use \`ms-graph\` (Microsoft Graph, \`https://graph.microsoft.com\`) instead. ${WHY}` },
    ]);
  });

  it('reports an Azure AD Graph client constructor once, not the endpoint passed to it', async () => {
    const py = 'from azure.graphrbac import GraphRbacManagementClient\nclient = GraphRbacManagementClient(creds, tenant_id, base_url="https://graph.windows.net")\n';
    assert.deepEqual(await run(py, 'rbac.py'), [
      { text: 'GraphRbacManagementClient', line: 2, message: `\`azure-graphrbac\` \`GraphRbacManagementClient\` is an Azure AD Graph client: every call it makes goes to the retired Azure AD Graph. Use the Microsoft Graph SDK (\`msgraph-sdk\` \`GraphServiceClient\`) with a token for \`https://graph.microsoft.com\`. ${WHY}` },
    ]);
  });

  it('needs the GraphClient namespace before flagging ActiveDirectoryClient', async () => {
    const cs = 'class A { void F() { var c = new ActiveDirectoryClient(ldapPath, creds); } }\n';
    assert.deepEqual(await run(cs, 'Ldap.cs'), []);
    assert.deepEqual((await run(`using Microsoft.Azure.ActiveDirectory.GraphClient;\n${cs}`, 'Aad.cs')).map((f) => [f.text, f.line]), [['ActiveDirectoryClient', 2]]);
  });

  it('stays silent on look-alike hosts, prose, comments, docstrings, logs, comparisons and audits', async () => {
    const py = [
      '"""Replaces the https://graph.windows.net calls of v1."""',
      '# https://graph.windows.net/{tenant}/users was used before',
      'AUTHORITY = "https://login.windows.net/common"',
      'BLOB = "https://x.blob.core.windows.net/c"',
      'MOCK = "https://mygraph.windows.net/api"',
      'NET = "https://graph.windows.network/api"',
      'CN = "https://microsoftgraph.chinacloudapi.cn/v1.0/users"',
      'NOTE = "We moved off graph.windows.net in 2024"',
      'print("calling https://graph.windows.net/me")',
      'logging.getLogger(__name__).warning("https://graph.windows.net is retired")',
      'legacy = claims["aud"] == "https://graph.windows.net" or url.startswith("https://graph.windows.net/")',
      'flt = "appId eq \'00000002-0000-0000-c000-000000000000\'"',
      'EXO = {"resourceAppId": "00000002-0000-0ff1-ce00-000000000000"}',
      '',
    ].join('\n');
    assert.deepEqual(await run(py, 'lookalikes.py'), []);
    const cs = [
      'class A { void F() {',
      '  throw new InvalidOperationException("Azure AD Graph (https://graph.windows.net) is retired; use Microsoft Graph.");',
      '  var sub = "https://x.graph.windows.net/users";',
      '  var scopes = "https://graph.windows.net/.default openid profile offline_access";',
      '  var port = "https://graph.windows.net:443/contoso.onmicrosoft.com/users?api-version=1.6";',
      '} }',
      '',
    ].join('\n');
    assert.deepEqual((await run(cs, 'Errors.cs')).map((f) => [f.line, f.text]), [
      [4, 'https://graph.windows.net/.default'],
      [5, 'https://graph.windows.net:443/contoso.onmicrosoft.com/users?api-version=1.6'],
    ]);
    const ps = "Connect-MsolService -AdGraphAccessToken $aad -MsGraphAccessToken $graph\nConnect-AzAccount -AccessToken $arm -GraphAccessToken $aad -AccountId $id\nWrite-Host \"Calling https://graph.windows.net/$tenant/users\"\n";
    assert.deepEqual(await run(ps, 'connect.ps1'), []);
  });
});
