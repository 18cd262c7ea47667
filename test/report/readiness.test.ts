// The readiness report: call-site classification, exact figures on a known workspace, and the Markdown,
// HTML (well-formed, self-contained) and JSON outputs of `partner-auth-lint report`.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SaxesParser } from 'saxes';
import { parseFile } from '../../rules/engine/lint';
import { classifyCallSites, type CallSiteKind } from '../../rules/report/classify';
import { buildReadinessReport, type ReadinessReport } from '../../rules/report/readiness';
import { runCli as run } from '../helpers/cli';
import { WORKSPACE, writeWorkspace } from './workspace';

async function sites(file: string, text: string): Promise<[CallSiteKind, string, string?][]> {
  const model = await parseFile(text, file);
  return classifyCallSites(model!, file).map((s) => (s.audience ? [s.kind, s.api, s.audience] : [s.kind, s.api]));
}

/** The secrets written into the workspace: none may appear in any output. */
const SECRETS = ['Winter2024!Pass', 'Summer2024!Sync', 'k9Q8~Zr3mT5vW7yB1dF4hJ6kL0nP2sU9xA'];

/** Well-formed XML after the doctype: every element closed, attributes quoted, entities known. */
function parseXhtml(html: string): { tags: { name: string; attributes: Record<string, string> }[]; text: string } {
  assert.ok(html.startsWith('<!DOCTYPE html>\n'), 'starts with the HTML5 doctype');
  const parser = new SaxesParser();
  const tags: { name: string; attributes: Record<string, string> }[] = [];
  let text = '';
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (t) => tags.push({ name: t.name, attributes: t.attributes as Record<string, string> }));
  parser.on('text', (t) => (text += t));
  parser.write(html.slice('<!DOCTYPE html>\n'.length)).close();
  return { tags, text };
}

describe('readiness report: call-site classification', () => {
  it('PowerShell: SAM exchange, consent, token injection, app-only by audience, default interactive sign-ins, password', async () => {
    assert.deepEqual(
      await sites('a.ps1', [
        "$pc = New-PartnerAccessToken -ApplicationId $a -Credential $c -RefreshToken $rt -Scopes 'https://api.partnercenter.microsoft.com/user_impersonation' -ServicePrincipal -Tenant $t",
        "Write-Output $pc.RefreshToken",
        'New-PartnerAccessToken -ApplicationId $a -Scopes $s -UseDeviceAuthentication',
        'Connect-MgGraph -AccessToken $tok',
        'Connect-AzAccount -ServicePrincipal -Credential $c -Tenant $t',
        'Connect-PartnerCenter -ServicePrincipal -Credential $c -Tenant $t',
        'Get-MsalToken -ClientId $a -ClientSecret $s -TenantId $t',
        'Connect-ExchangeOnline -UserPrincipalName admin@contoso.com',
        'Connect-MgGraph -Scopes User.Read',
        'Connect-MsolService -Credential $cred',
        'az login --use-device-code',
        'Get-MsalToken -ClientId $a -Silent',
      ].join('\n')),
      [
        ['sam-refresh-token', 'New-PartnerAccessToken -RefreshToken'],
        ['interactive', 'New-PartnerAccessToken -UseDeviceAuthentication'],
        ['token-injection', 'Connect-MgGraph -AccessToken'],
        ['app-only', 'Connect-AzAccount -ServicePrincipal', 'arm'],
        ['app-only', 'Connect-PartnerCenter -ServicePrincipal', 'partner-center'],
        ['app-only', 'Get-MsalToken -ClientSecret', 'graph'],
        ['interactive', 'Connect-ExchangeOnline -UserPrincipalName'],
        ['interactive', 'Connect-MgGraph'],
        ['password', 'Connect-MsolService -Credential'],
        ['interactive', 'az login --use-device-code'],
      ],
    );
  });

  it('MSAL, ADAL, Azure Identity and the Partner Center SDK in C#, Python, TypeScript and Java', async () => {
    assert.deepEqual(
      await sites('a.cs', `class A { async Task M() {
  var a = await pca.AcquireTokenWithDeviceCode(scopes, cb).ExecuteAsync();
  var b = await cca.AcquireTokenByAuthorizationCode(scopes, code).ExecuteAsync();
  var c = await cca.AcquireTokenOnBehalfOf(scopes, new UserAssertion(t)).ExecuteAsync();
  var d = await ctx.AcquireTokenAsync("https://graph.windows.net", new ClientCredential(id, secret));
  var e = PartnerCredentials.Instance.GenerateByApplicationCredentials(id, secret, domain);
  var f = new ClientCertificateCredential(tenant, id, cert);
}}`),
      [
        ['interactive', 'AcquireTokenWithDeviceCode'],
        ['interactive', 'AcquireTokenByAuthorizationCode'],
        ['token-injection', 'AcquireTokenOnBehalfOf'],
        ['app-only', 'AcquireTokenAsync', 'other'],
        ['app-only', 'GenerateByApplicationCredentials', 'partner-center'],
        ['app-only', 'ClientCertificateCredential', 'other'],
      ],
    );
    assert.deepEqual(
      await sites('a.py', `flow = app.initiate_device_flow(scopes=["User.Read"])
r = app.acquire_token_by_device_flow(flow)
cred = ClientSecretCredential(tenant, cid, secret)
tok = cred.get_token("https://graph.microsoft.com/.default")
ibc = InteractiveBrowserCredential()
r2 = ctx.acquire_token_with_client_credentials("https://management.core.windows.net/", cid, secret)
`),
      [
        ['interactive', 'initiate_device_flow'],
        ['app-only', 'ClientSecretCredential.get_token', 'graph'],
        ['interactive', 'InteractiveBrowserCredential'],
        ['app-only', 'acquire_token_with_client_credentials', 'arm'],
      ],
    );
    assert.deepEqual(
      await sites('a.ts', `const a = await pca.acquireTokenInteractive({ scopes });
const b = await cca.acquireTokenByCode({ code, scopes });
const c = await cca.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
const body = new URLSearchParams({ grant_type: 'client_credentials', scope: 'https://outlook.office365.com/.default' });
await fetch(url, { method: 'POST', body });
`),
      [
        ['interactive', 'acquireTokenInteractive'],
        ['interactive', 'acquireTokenByCode'],
        ['app-only', 'acquireTokenByClientCredential', 'graph'],
        ['app-only', 'grant_type=client_credentials', 'exchange'],
      ],
    );
    assert.deepEqual(
      await sites('A.java', `class A { void m() throws Exception {
  var a = pca.acquireToken(DeviceCodeFlowParameters.builder(scopes, cb).build()).get();
  var b = cca.acquireToken(RefreshTokenParameters.builder(scopes, rt).build()).get();
  var c = PartnerCredentials.getInstance().generateByUserCredentials(id, new AuthenticationToken(at, exp), handler);
  var d = new InteractiveBrowserCredentialBuilder().clientId(id).build();
}}`),
      [
        ['interactive', 'DeviceCodeFlowParameters.builder'],
        ['sam-refresh-token', 'acquireToken(RefreshTokenParameters…)'],
        ['token-injection', 'generateByUserCredentials'],
        ['interactive', 'InteractiveBrowserCredentialBuilder'],
      ],
    );
  });

  it('raw token requests and client configuration by grant type, never quoting a value that may be a secret', async () => {
    assert.deepEqual(
      await sites('a.ps1', `$body = @{ grant_type = 'refresh_token'; client_id = $id; refresh_token = $rt; scope = 'https://api.partnercenter.microsoft.com/.default' }
$r = Invoke-RestMethod -Method Post -Uri $tokenUrl -Body $body
Save-Token $r.refresh_token
Invoke-RestMethod -Method Post -Uri $tokenUrl -Body "grant_type=authorization_code&code=$code&client_id=$id"
`),
      [
        ['sam-refresh-token', 'Invoke-RestMethod (grant_type=refresh_token)'],
        ['interactive', 'grant_type=authorization_code'],
      ],
    );
    assert.deepEqual(await sites('application.properties', 'spring.security.oauth2.client.registration.pc.authorization-grant-type=client_credentials\nspring.security.oauth2.client.registration.pc.scope=https://api.partnercenter.microsoft.com/.default\n'), [
      ['app-only', 'authorization-grant-type=client_credentials', 'partner-center'],
    ]);
    const env = await sites('.env', 'AZURE_USERNAME=svc@contoso.com\nAZURE_PASSWORD=Summer2024!Sync\n');
    assert.deepEqual(env, [['password', 'AZURE_PASSWORD']]);
    assert.ok(!JSON.stringify(env).includes('Summer2024'));
  });

  it('a file without authentication code has no call sites', async () => {
    assert.deepEqual(await sites('util.py', WORKSPACE['src/python/util.py']), []);
    assert.deepEqual(await sites('appsettings.json', WORKSPACE['src/dotnet/appsettings.json']), []);
  });
});

describe('readiness report: figures', () => {
  let dir = '';
  let report: ReadinessReport;
  before(async () => {
    dir = writeWorkspace();
    const r = await run(dir, 'report', '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    report = JSON.parse(r.stdout);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('counts every call site of the known workspace, by kind and by app-only audience', () => {
    assert.equal(report.version, 1);
    assert.equal(report.files, 12);
    assert.equal(report.partnerType, 'unknown');
    assert.deepEqual(report.callSites.byKind, { total: 21, 'sam-refresh-token': 4, interactive: 4, 'token-injection': 3, 'app-only': 6, password: 4 });
    assert.deepEqual(report.callSites.appOnlyByAudience, { 'partner-center': 1, graph: 2, arm: 2, exchange: 1, other: 0 });
    assert.deepEqual(
      report.callSites.items.map((s) => `${s.file}:${s.line} ${s.kind} ${s.api}${s.audience ? ` (${s.audience})` : ''}`),
      [
        'config/.env:3 password AZURE_PASSWORD',
        'pipelines/deploy.yml:7 app-only Connect-AzAccount -Identity (arm)',
        'pipelines/deploy.yml:8 app-only Connect-MgGraph -Identity (graph)',
        'scripts/consent.ps1:3 interactive New-PartnerAccessToken -UseAuthorizationCode',
        'scripts/consent.ps1:6 sam-refresh-token New-PartnerAccessToken -RefreshToken',
        'scripts/consent.ps1:8 token-injection Connect-PartnerCenter -AccessToken',
        'scripts/customers.ps1:2 sam-refresh-token New-PartnerAccessToken -RefreshToken',
        'scripts/customers.ps1:3 token-injection Connect-MgGraph -AccessToken',
        'scripts/customers.ps1:4 token-injection Connect-ExchangeOnline -AccessToken',
        'scripts/legacy.ps1:3 password Connect-MsolService -Credential',
        'scripts/legacy.ps1:4 password Connect-AzureAD -Credential',
        'src/dotnet/PartnerClient.cs:7 app-only AcquireTokenForClient (partner-center)',
        'src/dotnet/PartnerClient.cs:13 app-only AcquireTokenForClient (graph)',
        'src/dotnet/PartnerClient.cs:19 interactive AcquireTokenInteractive',
        'src/java/PartnerAuth.java:7 interactive InteractiveRequestParameters.builder',
        'src/java/PartnerAuth.java:11 app-only ClientCredentialParameters.builder (exchange)',
        'src/node/signin.ts:6 interactive acquireTokenByDeviceCode',
        'src/node/signin.ts:11 sam-refresh-token acquireTokenByRefreshToken',
        'src/python/legacy_login.py:3 password grant_type=password',
        'src/python/sync.py:4 sam-refresh-token acquire_token_by_refresh_token',
        'src/python/sync.py:6 app-only acquire_token_for_client (arm)',
      ],
    );
  });

  it('counts call sites by folder and by language', () => {
    const k = (sam: number, interactive: number, injection: number, app: number, password: number) => ({
      total: sam + interactive + injection + app + password, 'sam-refresh-token': sam, interactive, 'token-injection': injection, 'app-only': app, password,
    });
    assert.deepEqual(report.callSites.byFolder, {
      config: k(0, 0, 0, 0, 1),
      pipelines: k(0, 0, 0, 2, 0),
      scripts: k(2, 1, 3, 0, 2),
      'src/dotnet': k(0, 1, 0, 2, 0),
      'src/java': k(0, 1, 0, 1, 0),
      'src/node': k(1, 1, 0, 0, 0),
      'src/python': k(1, 0, 0, 1, 1),
    });
    assert.deepEqual(report.callSites.byLanguage, {
      csharp: k(0, 1, 0, 2, 0),
      dotenv: k(0, 0, 0, 0, 1),
      java: k(0, 1, 0, 1, 0),
      powershell: k(2, 1, 3, 0, 2),
      python: k(1, 0, 0, 1, 1),
      typescript: k(1, 1, 0, 0, 0),
      yaml: k(0, 0, 0, 2, 0),
    });
  });

  it('gives the headline figures: MFA-capable share, stored credentials, app-only Partner Center calls, global-admin consent', () => {
    // (4 SAM + 4 interactive) / (8 + 4 password) = 66.7%; the 3 token injections reuse tokens those produced
    assert.deepEqual(report.headline, {
      mfa: { capable: 8, password: 4, total: 12, percent: 66.7 },
      storedCredentials: 3,
      partnerCenterAppOnly: { count: 1, verdict: 'check' },
      globalAdminConsent: 1,
    });
  });

  it('counts findings by rule, severity, language and folder', () => {
    assert.deepEqual(report.findings.byRule, {
      'no-ropc': 4, 'no-stored-credentials': 3, 'no-global-admin-consent': 1, 'no-cpv-app-only': 1, 'no-implicit-grant': 0,
      'no-azure-ad-graph': 0, 'no-legacy-auth-library': 2, 'persist-rotated-refresh-token': 2, 'no-token-logging': 0, 'no-basic-auth-protocol': 0,
    });
    assert.deepEqual(report.findings.bySeverity, { error: 7, warning: 6, info: 0 });
    assert.deepEqual(report.findings.byFolder, { config: 2, scripts: 7, 'src/dotnet': 2, 'src/node': 1, 'src/python': 1 });
    assert.deepEqual(report.findings.byLanguage, { csharp: 1, dotenv: 2, json: 1, powershell: 7, python: 1, typescript: 1 });
    assert.equal(report.findings.total, 13);
    assert.deepEqual(Object.keys(report.findings.items[0]).sort(), ['column', 'endColumn', 'endLine', 'file', 'language', 'line', 'message', 'ruleId', 'severity']);
  });

  it('never contains a stored secret', () => {
    const json = JSON.stringify(report);
    for (const s of SECRETS) assert.ok(!json.includes(s), `secret ${s.slice(0, 2)}… is not in the report`);
  });

  it('judges app-only Partner Center calls by partner type; the call sites do not depend on it', async () => {
    const cpv: ReadinessReport = JSON.parse((await run(dir, 'report', '--format', 'json', '--partner-type', 'cpv')).stdout);
    assert.deepEqual(cpv.headline.partnerCenterAppOnly, { count: 1, verdict: 'not-allowed' });
    assert.equal(cpv.findings.items.find((f) => f.ruleId === 'no-cpv-app-only')?.severity, 'error');
    const csp: ReadinessReport = JSON.parse((await run(dir, 'report', '--format', 'json', '--partner-type', 'csp')).stdout);
    assert.deepEqual(csp.headline.partnerCenterAppOnly, { count: 1, verdict: 'allowed' });
    assert.equal(csp.findings.byRule['no-cpv-app-only'], 0); // the rule is off for CSPs; the call site is still counted
    assert.deepEqual(csp.callSites.byKind, report.callSites.byKind);
  });

  it('leaves suppressed findings out and ignores the baseline (accepted debt still counts)', async () => {
    const ws = writeWorkspace({
      'a.ps1': '# partner-auth-lint-disable-next-line no-ropc -- migration ticket 42\nConnect-MsolService -Credential $cred\nConnect-AzureAD -Credential $cred\n',
    });
    assert.equal((await run(ws, 'baseline')).code, 0);
    const r: ReadinessReport = JSON.parse((await run(ws, 'report', '--format', 'json')).stdout);
    assert.equal(r.findings.byRule['no-ropc'], 1);
    assert.equal(r.headline.mfa.password, 2); // both sign-ins are still password sign-ins
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('rounds the MFA share to one decimal and has none without user sign-ins', () => {
    const f = (kinds: CallSiteKind[]) => ({ file: 'a.ps1', language: 'powershell' as const, callSites: kinds.map((kind, i) => ({ kind, api: 'x', line: i + 1, column: 1, endLine: i + 1, endColumn: 2 })) });
    assert.deepEqual(buildReadinessReport({ files: [f(['interactive', 'sam-refresh-token', 'password'])], findings: [], partnerType: 'unknown' }).headline.mfa, { capable: 2, password: 1, total: 3, percent: 66.7 });
    assert.deepEqual(buildReadinessReport({ files: [f(['app-only'])], findings: [], partnerType: 'unknown' }).headline.mfa, { capable: 0, password: 0, total: 0, percent: null });
    assert.deepEqual(buildReadinessReport({ files: [], findings: [], partnerType: 'unknown' }).callSites.byFolder, {});
  });
});

describe('readiness report: formats', () => {
  let dir = '';
  before(() => {
    dir = writeWorkspace({ ...WORKSPACE, 'odd <&> "dir"/x.ps1': 'Connect-MsolService -Credential $cred\n' });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('Markdown: headline table, call sites by kind and folder, findings with file:line links', async () => {
    const r = await run(dir, 'report');
    assert.equal(r.code, 0);
    const md = r.stdout;
    const headings = md.split('\n').filter((l) => l.startsWith('#'));
    assert.deepEqual(headings, [
      '# Partner Auth Lint: workspace readiness report', '## Headline', '## Authentication call sites by kind', '## Call sites by folder',
      '## Call sites by language', '## Call sites', '## Findings by rule', '## Findings',
    ]);
    assert.match(md, /\| User-context sign-ins that can satisfy MFA \(SAM, interactive vs password\) \| 61\.5% \(8 of 13; 5 password sign-ins\) \|/);
    assert.match(md, /\| Stored credentials found \| 3 \|/);
    assert.match(md, /\| App-only calls to Partner Center \| 1: to check: not allowed for a Control Panel Vendor \(set partnerType\) \|/);
    assert.match(md, /\| Global-admin consent sites \| 1 \|/);
    assert.match(md, /\| Password \(ROPC\) \| 5 \|/);
    assert.match(md, /\| scripts \| 2 \| 1 \| 3 \| 0 \| 2 \| 8 \|/);
    assert.match(md, /\| \[scripts\/legacy\.ps1:3\]\(scripts\/legacy\.ps1#L3\) \| error \| no-ropc \| `Connect-MsolService -Credential` signs in/);
    // Awkward names stay inside their cell and link.
    assert.ok(md.includes('| [odd &lt;&&gt; "dir"/x.ps1:1](odd%20%3C%26%3E%20%22dir%22/x.ps1#L1) |'));
    for (const line of md.split('\n').filter((l) => l.startsWith('| ['))) assert.equal(line.split(/(?<!\\)\|/).length, 6, line);
    for (const s of SECRETS) assert.ok(!md.includes(s));
  });

  it('links are relative to the output file', async () => {
    fs.mkdirSync(path.join(dir, 'out'));
    assert.equal((await run(dir, 'report', '--output', 'out/readiness.md')).code, 0);
    const md = fs.readFileSync(path.join(dir, 'out/readiness.md'), 'utf8');
    assert.ok(md.includes('[scripts/legacy.ps1:3](../scripts/legacy.ps1#L3)'));
  });

  it('HTML: one well-formed, self-contained file with inline SVG charts and every text escaped', async () => {
    const r = await run(dir, 'report', '--format', 'html');
    assert.equal(r.code, 0);
    const html = r.stdout;
    const { tags, text } = parseXhtml(html);
    const names = tags.map((t) => t.name);
    assert.equal(names.filter((n) => n === 'svg').length, 2, 'a chart by kind and a chart by folder');
    assert.equal(names.filter((n) => n === 'style').length, 1);
    assert.ok(!names.includes('script') && !names.includes('img') && !names.includes('link') && !names.includes('iframe'), 'no scripts, images, stylesheets or frames');
    // No network: no absolute URL in any src/href attribute or CSS url(), and a CSP that forbids loading anything.
    for (const t of tags) for (const [k, v] of Object.entries(t.attributes)) if (/^(src|href|xlink:href|action|data)$/i.test(k)) assert.ok(!/^[a-z][a-z0-9+.-]*:/i.test(v) && !v.startsWith('//'), `${t.name} ${k}=${v}`);
    assert.ok(!/url\(/i.test(html), 'no CSS url()');
    assert.ok(!/\b(src|href)\s*=\s*["']?(https?:)?\/\//i.test(html));
    const csp = tags.find((t) => t.attributes['http-equiv'] === 'Content-Security-Policy')?.attributes.content ?? '';
    assert.match(csp, /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'$/);
    // Charts: one bar per kind with call sites (the kind chart) plus the folder chart's segments.
    const rects = tags.filter((t) => t.name === 'rect').map((t) => t.attributes.class);
    assert.equal(rects.filter((c) => c === 'k-password').length, 1 + 4, 'password: its kind bar and 4 folders (config, scripts, src/python, odd…)');
    // The awkward folder name is escaped text, the finding link is a relative, encoded path.
    assert.ok(text.includes('odd <&> "dir"/x.ps1:1'));
    assert.ok(tags.some((t) => t.name === 'a' && t.attributes.href === 'odd%20%3C%26%3E%20%22dir%22/x.ps1#L1'));
    assert.ok(tags.some((t) => t.name === 'a' && t.attributes.href === 'scripts/legacy.ps1#L3'));
    assert.match(text, /61\.5%/);
    for (const s of SECRETS) assert.ok(!html.includes(s));
  });

  it('JSON: the report data', async () => {
    const r = JSON.parse((await run(dir, 'report', '--format', 'json')).stdout);
    assert.deepEqual(Object.keys(r), ['version', 'partnerType', 'files', 'headline', 'callSites', 'findings']);
    assert.deepEqual(Object.keys(r.callSites), ['total', 'byKind', 'appOnlyByAudience', 'byLanguage', 'byFolder', 'items']);
    assert.deepEqual(Object.keys(r.findings), ['total', 'byRule', 'bySeverity', 'byLanguage', 'byFolder', 'items']);
    assert.deepEqual(Object.keys(r.callSites.items[0]).sort(), ['api', 'column', 'endColumn', 'endLine', 'file', 'kind', 'language', 'line']);
  });

  it('rejects formats other than md, html and json (and report formats for scan)', async () => {
    const bad = await run(dir, 'report', '--format', 'sarif');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /report --format must be md, html or json \(got "sarif"\)/);
    assert.equal((await run(dir, 'scan', '--format', 'md')).code, 2);
    assert.equal((await run(dir, 'report', 'no-such-dir')).code, 2);
  });
});
