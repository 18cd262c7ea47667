// The rule catalog. Rule ids are permanent: settings and suppression comments name them.
import type { Rule } from './engine/types';
import { noRopc } from './no-ropc/rule';
import { noStoredCredentials } from './no-stored-credentials/rule';

export const ALL_RULES: readonly Rule[] = [noRopc, noStoredCredentials];

export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.meta.id === id);
}
