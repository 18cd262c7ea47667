// no-global-admin-consent quick fixes: consent links become the SAM authorization-code link of the same endpoint
// version with a comment above (indentation and CRLF kept), admin-consent prompts become select_account, role
// grants get no fix, nothing is safe (so `partner-auth-lint fix` leaves the file alone).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli as run, workspace } from '../helpers/cli';
import { fixesOf, onlyFix } from '../helpers/lint';

const RULE = 'no-global-admin-consent';
const LINK = 'Use the SAM authorization-code consent link (consent with an Admin Agent account)';
const PROMPT = 'Use prompt=select_account (consent with an Admin Agent account)';
const NOTE = 'Consent must be given by an Admin Agent service account (least privilege), not a Global Administrator.';
const V1 = 'response_mode=form_post&response_type=code%20id_token&scope=openid%20profile&nonce=1';
const V2 = 'response_type=code&scope=https://api.partnercenter.microsoft.com/user_impersonation%20offline_access%20openid%20profile';

const fixes = (text: string, file: string) => fixesOf(RULE, text, file);

async function fixed(text: string, file: string, title = LINK): Promise<string> {
  const f = await onlyFix(RULE, text, file);
  assert.deepEqual([f.title, f.safe, f.preferred], [title, false, true]);
  return f.text;
}

describe('no-global-admin-consent fixes', () => {
  it('turns a v1 /adminconsent link into the documented consent link, comment above at the indentation, CRLF kept', async () => {
    const ps = [
      'function Get-ConsentLink {',
      "    param([string]$CustomerTenantId, [string]$AppId)",
      '    $url = "https://login.microsoftonline.com/$CustomerTenantId/adminconsent?client_id=$AppId&redirect_uri=https://portal.contoso.com/consent&state=$state"',
      '    return $url',
      '}',
      '',
    ].join('\r\n');
    assert.equal(
      await fixed(ps, 'consent.ps1'),
      [
        'function Get-ConsentLink {',
        "    param([string]$CustomerTenantId, [string]$AppId)",
        `    # ${NOTE}`,
        `    $url = "https://login.microsoftonline.com/$CustomerTenantId/oauth2/authorize?client_id=$AppId&${V1}&redirect_uri=https://portal.contoso.com/consent&state=$state"`,
        '    return $url',
        '}',
        '',
      ].join('\r\n'),
    );
  });

  it('keeps the endpoint version: a v2 link gets response_type=code and the Partner Center scope', async () => {
    const py = 'def link(tenant):\n\tif tenant:\n\t\treturn f"https://login.microsoftonline.com/{tenant}/v2.0/adminconsent?client_id={CLIENT_ID}&scope=https://graph.microsoft.com/.default&redirect_uri={REDIRECT}"\n';
    assert.equal(
      await fixed(py, 'a.py'),
      `def link(tenant):\n\tif tenant:\n\t\t# ${NOTE}\n\t\treturn f"https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize?client_id={CLIENT_ID}&${V2}&redirect_uri={REDIRECT}"\n`,
    );
  });

  it('rewrites prompt=admin_consent links, keeps concatenated values, escapes for XML and %-formats', async () => {
    const java = 'class A {\n  String link(String tenant, String id) {\n    return "https://login.microsoftonline.com/" + tenant + "/oauth2/authorize?client_id=" + id + "&response_type=code&prompt=admin_consent";\n  }\n}\n';
    assert.equal(await fixed(java, 'A.java'), `class A {\n  String link(String tenant, String id) {\n    // ${NOTE}\n    return "https://login.microsoftonline.com/" + tenant + "/oauth2/authorize?client_id=" + id + "&${V1}";\n  }\n}\n`);
    const concat = 'class A {\n  String link(String tenant, String id) {\n    return "https://login.microsoftonline.com/" + tenant + "/adminconsent?client_id=" + id;\n  }\n}\n';
    assert.equal(await fixed(concat, 'B.java'), `class A {\n  String link(String tenant, String id) {\n    // ${NOTE}\n    return "https://login.microsoftonline.com/" + tenant + "/oauth2/authorize?${V1}&client_id=" + id;\n  }\n}\n`);
    const fmt = 'class A {\n  String link(String tenant, String id) {\n    return String.format("https://login.microsoftonline.com/%s/adminconsent?client_id=%s", tenant, id);\n  }\n}\n';
    assert.equal(await fixed(fmt, 'C.java'), `class A {\n  String link(String tenant, String id) {\n    // ${NOTE}\n    return String.format("https://login.microsoftonline.com/%s/oauth2/authorize?client_id=%s&${V1.replace(/%/g, '%%')}", tenant, id);\n  }\n}\n`);
    const xml = '<configuration>\n  <appSettings>\n    <add key="ida:ConsentUrl" value="https://login.microsoftonline.com/{0}/adminconsent?client_id={1}&amp;redirect_uri={2}" />\n  </appSettings>\n</configuration>\n';
    assert.equal(
      await fixed(xml, 'web.config'),
      `<configuration>\n  <appSettings>\n    <!-- ${NOTE} -->\n    <add key="ida:ConsentUrl" value="https://login.microsoftonline.com/{0}/oauth2/authorize?client_id={1}&amp;${V1.replace(/&/g, '&amp;')}&amp;redirect_uri={2}" />\n  </appSettings>\n</configuration>\n`,
    );
  });

  it('sets other admin-consent prompts to select_account; strict JSON gets no comment', async () => {
    assert.equal(await fixed("  qs.set('prompt', 'admin_consent');\n", 'a.js', PROMPT), `  // ${NOTE}\n  qs.set('prompt', 'select_account');\n`);
    const java = 'class A {\n    Object p() {\n        return AuthorizationRequestUrlParameters.builder(r, s)\n            .prompt(Prompt.ADMIN_CONSENT)\n            .build();\n    }\n}\n';
    assert.equal(
      await fixed(java, 'A.java', 'Use Prompt.SELECT_ACCOUNT (consent with an Admin Agent account)'),
      `class A {\n    Object p() {\n        return AuthorizationRequestUrlParameters.builder(r, s)\n            // ${NOTE}\n            .prompt(Prompt.SELECT_ACCOUNT)\n            .build();\n    }\n}\n`,
    );
    assert.equal(await fixed('{\n  "AzureAd": { "Prompt": "admin_consent" }\n}\n', 'appsettings.json', PROMPT), '{\n  "AzureAd": { "Prompt": "select_account" }\n}\n');
    assert.equal(await fixed('{\n  // onboarding\n  "Prompt": "admin_consent"\n}\n', 'settings.jsonc', PROMPT), `{\n  // onboarding\n  // ${NOTE}\n  "Prompt": "select_account"\n}\n`);
  });

  it('offers no fix for Global Administrator role grants or prose', async () => {
    const ps = "New-MgRoleManagementDirectoryRoleAssignment -PrincipalId $spId -RoleDefinitionId '62e90394-69f5-4237-9190-012177145e10' -DirectoryScopeId '/'\n# Sign in as a Global Administrator first.\n";
    assert.deepEqual((await fixes(ps, 'a.ps1')).map((f) => f.fixes.length), [0, 0]);
  });

  it('`fix` applies nothing: consent fixes are never safe', async () => {
    const before = "$u = 'https://login.microsoftonline.com/common/adminconsent?client_id=abc'\n";
    const dir = workspace({ 'a.ps1': before }, 'pal-ga-');
    const r = await run(dir, 'fix', '--rule', RULE);
    assert.deepEqual([r.code, r.stdout], [0, 'Fixed 0 problems in 0 files.\n']);
    assert.equal(fs.readFileSync(path.join(dir, 'a.ps1'), 'utf8'), before);
  });
});
