// The workspace configuration file `.partner-auth-lint.json`: parse, validate, explain problems.
import type { PartnerType, SecretStore, SeveritySetting } from './types';

export const CONFIG_FILE = '.partner-auth-lint.json';

export interface ProjectConfig {
  partnerType?: PartnerType;
  rules?: Record<string, SeveritySetting>;
  ignore?: string[];
  requireSuppressionReason?: boolean;
  secretStore?: SecretStore;
}

const PARTNER_TYPES = ['csp', 'cpv', 'unknown'];
const SEVERITIES = ['off', 'info', 'warning', 'error'];

/** Parse and validate; problems are returned, never thrown, and invalid parts are dropped. */
export function parseConfig(text: string, knownRules: readonly string[]): { config: ProjectConfig; problems: string[] } {
  const problems: string[] = [];
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { config: {}, problems: [`${CONFIG_FILE} is not valid JSON (${e instanceof Error ? e.message : String(e)}); using defaults`] };
  }
  return validateConfig(raw, knownRules, problems);
}

export function validateConfig(raw: unknown, knownRules: readonly string[], problems: string[] = []): { config: ProjectConfig; problems: string[] } {
  const config: ProjectConfig = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push(`${CONFIG_FILE} must contain a JSON object; using defaults`);
    return { config, problems };
  }
  const o = raw as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!['partnerType', 'rules', 'ignore', 'requireSuppressionReason', 'secretStore', '$schema'].includes(key)) problems.push(`${CONFIG_FILE}: unknown setting "${key}" ignored`);
  }
  if (o.partnerType !== undefined) {
    if (typeof o.partnerType === 'string' && PARTNER_TYPES.includes(o.partnerType)) config.partnerType = o.partnerType as PartnerType;
    else problems.push(`${CONFIG_FILE}: partnerType must be one of ${PARTNER_TYPES.join(', ')}`);
  }
  if (o.rules !== undefined) {
    if (typeof o.rules !== 'object' || o.rules === null || Array.isArray(o.rules)) problems.push(`${CONFIG_FILE}: rules must be an object of rule id -> severity`);
    else {
      config.rules = {};
      for (const [id, sev] of Object.entries(o.rules as Record<string, unknown>)) {
        if (!knownRules.includes(id)) problems.push(`${CONFIG_FILE}: unknown rule "${id}"`);
        else if (typeof sev !== 'string' || !SEVERITIES.includes(sev)) problems.push(`${CONFIG_FILE}: rule "${id}" severity must be one of ${SEVERITIES.join(', ')}`);
        else config.rules[id] = sev as SeveritySetting;
      }
    }
  }
  if (o.ignore !== undefined) {
    if (Array.isArray(o.ignore) && o.ignore.every((g) => typeof g === 'string')) config.ignore = o.ignore as string[];
    else problems.push(`${CONFIG_FILE}: ignore must be an array of glob strings`);
  }
  if (o.requireSuppressionReason !== undefined) {
    if (typeof o.requireSuppressionReason === 'boolean') config.requireSuppressionReason = o.requireSuppressionReason;
    else problems.push(`${CONFIG_FILE}: requireSuppressionReason must be true or false`);
  }
  if (o.secretStore !== undefined) {
    const store = validateSecretStore(o.secretStore, `${CONFIG_FILE}: secretStore`, problems);
    if (store) config.secretStore = store;
  }
  return { config, problems };
}

/** `{ "kind": "environment" }` or `{ "kind": "keyVault", "vaultName": "…" }` (a valid Key Vault name); problems are pushed with `label`. */
export function validateSecretStore(raw: unknown, label: string, problems: string[]): SecretStore | undefined {
  const o = raw as { kind?: unknown; vaultName?: unknown } | null;
  if (typeof raw !== 'object' || !o || Array.isArray(raw)) problems.push(`${label} must be an object with "kind": "environment" or "keyVault"`);
  else if (o.kind === 'environment') return { kind: 'environment' };
  else if (o.kind === 'keyVault') {
    if (typeof o.vaultName === 'string' && /^[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/.test(o.vaultName) && !o.vaultName.includes('--')) return { kind: 'keyVault', vaultName: o.vaultName };
    problems.push(`${label}.vaultName must be a Key Vault name (3-24 letters, digits and single dashes, starting with a letter)`);
  } else problems.push(`${label}.kind must be "environment" or "keyVault"`);
  return undefined;
}
