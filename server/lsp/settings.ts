// Effective options per document: client settings (pulled per resource) merged over the workspace's
// `.partner-auth-lint.json`, validated so a bad value warns once and falls back to defaults.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from './uri';
import { matchesGlobs, relativeTo } from '../common/files';
import { CONFIG_FILE, parseConfig, validateSecretStore, type ProjectConfig } from '../../rules/engine/config';
import type { LintOptions } from '../../rules/engine/lint';
import { ALL_RULES } from '../../rules/registry';
import { DEFAULT_SETTINGS, type RunMode, type Settings } from './protocol';

export interface Effective {
  enable: boolean;
  run: RunMode;
  excluded: boolean;
  options: LintOptions;
  /** Changes whenever anything that affects findings changes; part of the lint cache key. */
  key: string;
  /** The workspace folder of the file and the file's path relative to it (forward slashes), as baselines key it. */
  root?: string;
  rel?: string;
}

const RULE_IDS = ALL_RULES.map((r) => r.meta.id);
const SEVERITIES = ['error', 'warning', 'info', 'off'];

/** Validate raw client settings; invalid fields fall back to defaults and are reported. */
export function validateSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const s: Settings = { ...DEFAULT_SETTINGS, rules: {}, exclude: [] };
  if (raw === null || raw === undefined) return { settings: s, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { settings: s, problems: ['partnerAuthLint settings must be an object; using defaults'] };
  const o = raw as Record<string, unknown>;
  if (o.enable !== undefined) {
    if (typeof o.enable === 'boolean') s.enable = o.enable;
    else problems.push('partnerAuthLint.enable must be true or false');
  }
  if (o.partnerType !== undefined && o.partnerType !== null) {
    if (['auto', 'csp', 'cpv', 'unknown'].includes(o.partnerType as string)) s.partnerType = o.partnerType as Settings['partnerType'];
    else problems.push('partnerAuthLint.partnerType must be one of auto, csp, cpv, unknown');
  }
  if (o.rules !== undefined && o.rules !== null) {
    if (typeof o.rules !== 'object' || Array.isArray(o.rules)) problems.push('partnerAuthLint.rules must be an object of rule id -> severity');
    else
      for (const [id, sev] of Object.entries(o.rules as Record<string, unknown>)) {
        if (!RULE_IDS.includes(id)) problems.push(`partnerAuthLint.rules: unknown rule "${id}"`);
        else if (typeof sev !== 'string' || !SEVERITIES.includes(sev)) problems.push(`partnerAuthLint.rules: "${id}" must be one of ${SEVERITIES.join(', ')}`);
        else s.rules[id] = sev as Settings['rules'][string];
      }
  }
  if (o.exclude !== undefined && o.exclude !== null) {
    if (Array.isArray(o.exclude) && o.exclude.every((g) => typeof g === 'string')) s.exclude = o.exclude as string[];
    else problems.push('partnerAuthLint.exclude must be an array of glob strings');
  }
  if (o.requireSuppressionReason !== undefined && o.requireSuppressionReason !== null) {
    if (typeof o.requireSuppressionReason === 'boolean') s.requireSuppressionReason = o.requireSuppressionReason;
    else problems.push('partnerAuthLint.requireSuppressionReason must be true or false');
  }
  if (o.secretStore !== undefined && o.secretStore !== null) {
    const store = validateSecretStore(o.secretStore, 'partnerAuthLint.secretStore', problems);
    if (store) s.secretStore = store;
  }
  if (o.scanOnStartup !== undefined && o.scanOnStartup !== null) {
    if (typeof o.scanOnStartup === 'boolean') s.scanOnStartup = o.scanOnStartup;
    else problems.push('partnerAuthLint.scanOnStartup must be true or false');
  }
  if (o.run !== undefined) {
    if (o.run === 'onType' || o.run === 'onSave') s.run = o.run;
    else problems.push('partnerAuthLint.run must be "onType" or "onSave"');
  }
  return { settings: s, problems };
}

/** Reads and caches `.partner-auth-lint.json` per workspace folder; the watcher calls `invalidate`. */
export class ProjectConfigs {
  private readonly cache = new Map<string, { config: ProjectConfig; problems: string[] }>();

  invalidate(): void {
    this.cache.clear();
  }

  get(root: string): { config: ProjectConfig; problems: string[] } {
    let hit = this.cache.get(root);
    if (!hit) {
      let text: string | undefined;
      try {
        text = fs.readFileSync(path.join(root, CONFIG_FILE), 'utf8');
      } catch {
        text = undefined; // No config file is the normal case.
      }
      hit = text === undefined ? { config: {}, problems: [] } : parseConfig(text, RULE_IDS);
      this.cache.set(root, hit);
    }
    return hit;
  }
}

/** Merge: defaults < project file (only severities when untrusted) < client settings. */
export function effective(settings: Settings, project: ProjectConfig, trusted: boolean, filePath: string, root: string | undefined): Effective {
  const usable: ProjectConfig = trusted ? project : { ...(project.rules ? { rules: project.rules } : {}) };
  const partnerType = settings.partnerType !== 'auto' ? settings.partnerType : usable.partnerType ?? 'unknown';
  const rules = { ...(usable.rules ?? {}), ...settings.rules };
  const globs = excludeGlobs(settings, project, trusted);
  const rel = root ? relativeTo(root, filePath) : undefined;
  // Outside every workspace folder only the file name can match (`*.ps1`, `appsettings.json`).
  const excluded = matchesGlobs(globs, rel ?? path.basename(filePath));
  const requireSuppressionReason = settings.requireSuppressionReason || usable.requireSuppressionReason === true;
  const secretStore = settings.secretStore ?? usable.secretStore ?? { kind: 'environment' as const };
  const options: LintOptions = { partnerType, rules, requireSuppressionReason, secretStore };
  return {
    enable: settings.enable, run: settings.run, excluded, options, key: JSON.stringify([partnerType, rules, excluded, requireSuppressionReason, secretStore]),
    ...(root && rel ? { root, rel } : {}),
  };
}

/** The globs that exclude files: `partnerAuthLint.exclude` and, when trusted, the project file's `ignore` (gitignore semantics). */
export function excludeGlobs(settings: Settings, project: ProjectConfig, trusted: boolean): string[] {
  return [...settings.exclude, ...(trusted ? project.ignore ?? [] : [])];
}

/** The workspace folder that contains `filePath` (the deepest one), if any. */
export function rootOf(roots: readonly string[], filePath: string): string | undefined {
  let best: string | undefined;
  for (const r of roots) {
    const rel = path.relative(r, filePath);
    if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || r.length > best.length)) best = r;
  }
  return best;
}


