// `npm start` scans examples/: every rule fires at least once, the SAM-correct files stay clean, and
// no-cpv-app-only follows partnerType.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { main } from '../../server/cli/main';
import { ALL_RULES } from '../../rules/registry';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

async function scan(...flags: string[]): Promise<{ file: string; line: number; ruleId: string; severity: string }[]> {
  let stdout = '';
  await main(['scan', '--format', 'json', ...flags], { cwd: EXAMPLES, stdout: (s) => (stdout += s), stderr: () => undefined, stdin: async () => '', isTTY: false });
  return JSON.parse(stdout).findings;
}

describe('examples workspace', () => {
  it('shows exactly the expected findings, every rule at least once', async () => {
    const findings = await scan();
    assert.deepEqual(
      findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`),
      [
        '.env:5 no-ropc',
        '.env:5 no-stored-credentials',
        'dotnet/PartnerSync/AppOnlyClient.cs:16 no-cpv-app-only',
        'dotnet/PartnerSync/PartnerClient.cs:10 no-stored-credentials',
        'dotnet/PartnerSync/PartnerClient.cs:18 no-ropc',
        'dotnet/PartnerSync/appsettings.json:5 no-stored-credentials',
        'dotnet/PartnerSync/appsettings.json:9 no-ropc',
        'dotnet/PartnerSync/web.config:5 no-stored-credentials',
        'dotnet/PartnerSync/web.config:6 no-ropc',
        'java/src/main/java/com/contoso/partner/PartnerAuth.java:9 no-stored-credentials',
        'java/src/main/java/com/contoso/partner/PartnerAuth.java:12 no-ropc',
        'java/src/main/resources/application.properties:2 no-stored-credentials',
        'java/src/main/resources/application.properties:3 no-ropc',
        'node/src/billing.js:7 no-ropc',
        'node/src/billing.js:10 no-stored-credentials',
        'node/src/consent.js:6 no-global-admin-consent',
        'node/src/consent.js:11 no-implicit-grant',
        'node/src/consent.js:16 no-azure-ad-graph',
        'node/src/invoices.ts:4 no-stored-credentials',
        'node/src/invoices.ts:7 no-ropc',
        'pipelines/azure-pipelines.yml:6 no-stored-credentials',
        'pipelines/azure-pipelines.yml:16 no-legacy-auth-library',
        'pipelines/azure-pipelines.yml:16 no-ropc',
        'python/legacy_report.py:7 no-stored-credentials',
        'python/legacy_report.py:12 no-ropc',
        'scripts/Onboard-Customer.ps1:10 persist-rotated-refresh-token',
        'scripts/Onboard-Customer.ps1:11 no-token-logging',
        'scripts/Onboard-Customer.ps1:15 no-global-admin-consent',
        'scripts/Onboard-Customer.ps1:17 no-basic-auth-protocol',
        'scripts/Sync-Customers.Legacy.ps1:1 no-legacy-auth-library',
        'scripts/Sync-Customers.Legacy.ps1:8 no-stored-credentials',
        'scripts/Sync-Customers.Legacy.ps1:12 no-ropc',
        'scripts/Sync-Customers.Legacy.ps1:16 no-ropc',
      ],
    );
    assert.deepEqual(ALL_RULES.map((r) => r.meta.id).filter((id) => !findings.some((f) => f.ruleId === id)), []);
    assert.deepEqual(findings.filter((f) => /Sync-Customers\.Sam\.ps1|sam_exchange\.py/.test(f.file)), []);
  });

  it('rates the CPV app-only token by partner type: cpv error, unknown warning, csp not reported', async () => {
    const appOnly = async (...flags: string[]) => (await scan(...flags)).filter((f) => f.ruleId === 'no-cpv-app-only').map((f) => f.severity);
    assert.deepEqual(await appOnly('--partner-type', 'cpv'), ['error']);
    assert.deepEqual(await appOnly(), ['warning']);
    assert.deepEqual(await appOnly('--partner-type', 'csp'), []);
  });
});
