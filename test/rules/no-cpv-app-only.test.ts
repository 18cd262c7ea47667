// no-cpv-app-only: severity follows partnerType (cpv error, unknown warning, csp off), exact messages
// naming where the scope came from, and no secret in any message.
import assert from 'node:assert/strict';
import { effectiveSeverity } from '../../rules/engine/lint';
import type { PartnerType } from '../../rules/engine/types';
import { noCpvAppOnly } from '../../rules/no-cpv-app-only/rule';
import { audienceOfScope, audiencesIn } from '../../rules/common/audience';
import { flagged } from '../helpers/lint';

const PY = [
  'PC_SCOPE = "https://api.partnercenter.microsoft.com/.default"',
  'result = app.acquire_token_for_client(scopes=[PC_SCOPE])',
  'graph = app.acquire_token_for_client(scopes=["https://graph.microsoft.com/.default"])',
  '',
].join('\n');

const SECRET = 'Xy8Q~abcdefghijklmnopqrstuvwxyz0123456';
const PS = [
  'Connect-PartnerCenter -Credential $appCred -ServicePrincipal -Tenant $tenantId',
  `Add-PCAuthentication -cspappID $appId -cspDomain 'contoso.onmicrosoft.com' -cspClientSecret '${SECRET}'`,
  'Connect-PartnerCenter -ApplicationId $appId -Credential $appCred -RefreshToken $refreshToken',
  '',
].join('\n');

const WHY =
  "A Control Panel Vendor may not use app-only authentication on behalf of a partner (partner security requirements), so use the Secure Application Model's app + user flow:";
const FIX_PS =
  "exchange the partner's consented refresh token, e.g. `New-PartnerAccessToken -ApplicationId $appId -Credential $appCredential -RefreshToken $refreshToken -Scopes 'https://api.partnercenter.microsoft.com/user_impersonation' -ServicePrincipal -Tenant $partnerTenantId`.";

/** Without a partnerType the engine's own default (unknown) applies. */
const findings = (text: string, file: string, partnerType?: PartnerType) => flagged('no-cpv-app-only', text, file, { partnerType, today: '2026-11-22' }, ['line', 'text', 'severity', 'message']);

describe('no-cpv-app-only', () => {
  it('declares its severity by partner type: cpv error, unknown warning, csp off', () => {
    assert.equal(noCpvAppOnly.meta.defaultSeverity, 'warning');
    assert.equal(effectiveSeverity(noCpvAppOnly, { partnerType: 'cpv' }), 'error');
    assert.equal(effectiveSeverity(noCpvAppOnly, { partnerType: 'unknown' }), 'warning');
    assert.equal(effectiveSeverity(noCpvAppOnly, {}), 'warning');
    assert.equal(effectiveSeverity(noCpvAppOnly, { partnerType: 'csp' }), 'off');
    // An explicit override in the configuration wins over the partner type.
    assert.equal(effectiveSeverity(noCpvAppOnly, { partnerType: 'csp', rules: { 'no-cpv-app-only': 'info' } }), 'info');
  });

  it('reports errors for a CPV, with the exact message naming where the scope came from', async () => {
    assert.deepEqual(await findings(PY, 'token.py', 'cpv'), [
      {
        line: 2,
        text: 'acquire_token_for_client',
        severity: 'error',
        message: `msal \`acquire_token_for_client\` requests an app-only (client credentials) token for the Partner Center API (scope from \`PC_SCOPE\`, line 1). ${WHY} exchange the partner's consented refresh token, e.g. \`app.acquire_token_by_refresh_token(refresh_token, scopes=["https://api.partnercenter.microsoft.com/user_impersonation"])\`.`,
      },
    ]);
  });

  it('reports the same findings as warnings when the partner type is unknown (the default)', async () => {
    const unknown = await findings(PS, 'sync.ps1');
    assert.deepEqual(unknown, [
      {
        line: 1,
        text: '-ServicePrincipal',
        severity: 'warning',
        message: `\`Connect-PartnerCenter -ServicePrincipal\` without \`-RefreshToken\` signs in to Partner Center app-only (application credential, no user). ${WHY} ${FIX_PS}`,
      },
      {
        line: 2,
        text: `-cspClientSecret '${SECRET}'`,
        severity: 'warning',
        message: `\`Add-PCAuthentication -cspClientSecret\` (legacy PartnerCenterModule) signs in to Partner Center app-only. ${WHY} ${FIX_PS}`,
      },
    ]);
    assert.deepEqual(await findings(PS, 'sync.ps1', 'unknown'), unknown);
    // The message never carries the secret, not even a part of it.
    for (const f of unknown) assert.ok(!f.message.includes(SECRET.slice(0, 8)));
  });

  it('reports nothing at all for a CSP partner (its own app-only automation is allowed)', async () => {
    assert.deepEqual(await findings(PY, 'token.py', 'csp'), []);
    assert.deepEqual(await findings(PS, 'sync.ps1', 'csp'), []);
  });

  it('combines only the pairs of one request: a Graph client-credentials body next to a Partner Center URL is not a finding', async () => {
    const js = [
      "const PC = 'https://api.partnercenter.microsoft.com';",
      "const graph = new URLSearchParams({ grant_type: 'client_credentials', scope: 'https://graph.microsoft.com/.default' });",
      "const sam = new URLSearchParams({ grant_type: 'refresh_token', resource: PC });",
      "const app = new URLSearchParams({ grant_type: 'client_credentials', resource: PC });",
      '',
    ].join('\n');
    assert.deepEqual(
      (await findings(js, 'token.js', 'cpv')).map((f) => [f.line, f.text, f.severity]),
      [[4, "'client_credentials'", 'error']],
    );
    assert.match((await findings(js, 'token.js', 'cpv'))[0].message, /^Token request with `grant_type=client_credentials` and the Partner Center API as `resource` \(resource from `PC`, line 1\) gets an app-only token\. /);
  });

  it('reads the audience of a scope or resource (rules/common/audience.ts)', () => {
    const name = (scope: string) => audienceOfScope(scope)?.name ?? null;
    assert.equal(name('https://api.partnercenter.microsoft.com/.default'), 'Partner Center API');
    assert.equal(name('https://api.partnercenter.microsoft.com/user_impersonation'), 'Partner Center API');
    assert.equal(name('https://api.partnercenter.microsoft.com/'), 'Partner Center API');
    assert.equal(name('fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd/.default'), 'Partner Center API');
    assert.equal(name('https://partner.partnercenterapi.microsoftonline.cn/.default'), 'Partner Center API (China)');
    assert.equal(name('https://api.partnercenter.microsoft.com/\uFFFC'), 'Partner Center API');
    assert.equal(name('https://api.partner\uFFFC/.default'), null);
    assert.equal(name('https://graph.microsoft.com/.default'), 'Microsoft Graph');
    assert.equal(name('https://management.azure.com//user_impersonation'), 'Azure Resource Manager');
    assert.equal(name('https://example.com/.default'), null);
    assert.equal(name('User.Read'), null);
    assert.deepEqual(
      audiencesIn('openid offline_access https://api.partnercenter.microsoft.com/user_impersonation, https://graph.microsoft.com/.default').map((a) => [a.name, a.partnerCenter]),
      [
        ['Partner Center API', true],
        ['Microsoft Graph', false],
      ],
    );
  });
});
