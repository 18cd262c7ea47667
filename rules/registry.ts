// The rule catalog. Rule ids are permanent: settings and suppression comments name them.
import type { Rule } from './engine/types';
import { noRopc } from './no-ropc/rule';
import { noStoredCredentials } from './no-stored-credentials/rule';
import { noGlobalAdminConsent } from './no-global-admin-consent/rule';
import { noCpvAppOnly } from './no-cpv-app-only/rule';
import { noImplicitGrant } from './no-implicit-grant/rule';
import { noAzureAdGraph } from './no-azure-ad-graph/rule';
import { noLegacyAuthLibrary } from './no-legacy-auth-library/rule';
import { persistRotatedRefreshToken } from './persist-rotated-refresh-token/rule';
import { noTokenLogging } from './no-token-logging/rule';
import { noBasicAuthProtocol } from './no-basic-auth-protocol/rule';

export const ALL_RULES: readonly Rule[] = [
  noRopc,
  noStoredCredentials,
  noGlobalAdminConsent,
  noCpvAppOnly,
  noImplicitGrant,
  noAzureAdGraph,
  noLegacyAuthLibrary,
  persistRotatedRefreshToken,
  noTokenLogging,
  noBasicAuthProtocol,
];

export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.meta.id === id);
}
