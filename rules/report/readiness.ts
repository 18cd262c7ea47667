// The workspace readiness report: the source-code counterpart of Partner Center's security requirements
// status report. Pure aggregation over lint results (findings) and classified authentication call sites;
// the CLI and the language server feed it the same data, and its JSON is what both hand out.
// Secrets never appear: finding messages are masked by the rules, and call sites carry API names only.
import type { LanguageId } from '../model/types';
import type { PartnerType, Severity } from '../engine/types';
import { ALL_RULES } from '../registry';
import { APP_ONLY_AUDIENCES, CALL_SITE_KINDS, type AppOnlyAudience, type CallSiteKind } from './classify';
import type { CpvVerdict, KindCounts } from './html';

/** 1-based positions (columns in UTF-16 code units), as in the CLI's JSON. */
export interface ReportPosition {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ReportCallSiteInput extends ReportPosition {
  kind: CallSiteKind;
  api: string;
  audience?: AppOnlyAudience;
}

/** One analysed file: where it is (display path, `/`-separated), its language and its call sites. */
export interface ReportFileInput {
  file: string;
  language: LanguageId;
  callSites: ReportCallSiteInput[];
}

export interface ReportFindingInput extends ReportPosition {
  file: string;
  ruleId: string;
  severity: Severity;
  message: string;
}

export interface ReadinessInput {
  files: readonly ReportFileInput[];
  /** Findings after suppressions (the baseline is not applied: accepted debt is still debt). */
  findings: readonly ReportFindingInput[];
  partnerType: PartnerType;
}

export type { CpvVerdict, KindCounts } from './html';

export interface ReportCallSite extends ReportCallSiteInput {
  file: string;
  language: LanguageId;
}

export interface ReportFinding extends ReportFindingInput {
  language: LanguageId;
}

export interface ReadinessReport {
  version: 1;
  partnerType: PartnerType;
  /** Files analysed. */
  files: number;
  headline: {
    /** User-context sign-ins that can satisfy MFA: SAM exchanges, interactive sign-ins and injected tokens, against password flows. */
    mfa: { capable: number; password: number; total: number; percent: number | null };
    /** no-stored-credentials findings. */
    storedCredentials: number;
    /** App-only token requests for the Partner Center API and whether this partner may make them (no-cpv-app-only). */
    partnerCenterAppOnly: { count: number; verdict: CpvVerdict };
    /** no-global-admin-consent findings. */
    globalAdminConsent: number;
  };
  callSites: {
    total: number;
    byKind: KindCounts;
    appOnlyByAudience: Record<AppOnlyAudience, number>;
    byLanguage: Record<string, KindCounts>;
    byFolder: Record<string, KindCounts>;
    items: ReportCallSite[];
  };
  findings: {
    total: number;
    /** Every rule of the catalog, in catalog order (0 when clean). */
    byRule: Record<string, number>;
    bySeverity: Record<Severity, number>;
    byLanguage: Record<string, number>;
    byFolder: Record<string, number>;
    items: ReportFinding[];
  };
}

export { CPV_VERDICT_TEXT } from './html';

/** `scripts/sync` for `scripts/sync/run.ps1`; `.` for a file at the root. */
export function folderOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i > 0 ? file.slice(0, i) : i === 0 ? '/' : '.';
}

function kindCounts(): KindCounts {
  const k = { total: 0 } as KindCounts;
  for (const kind of CALL_SITE_KINDS) k[kind] = 0;
  return k;
}

function byPosition<T extends ReportPosition & { file: string }>(a: T, b: T): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || a.endLine - b.endLine || a.endColumn - b.endColumn;
}

/** Keys sorted, so the JSON is stable. */
function sortedRecord<V>(m: Map<string, V>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const k of [...m.keys()].sort()) out[k] = m.get(k)!;
  return out;
}

export function verdictFor(partnerType: PartnerType): CpvVerdict {
  return partnerType === 'cpv' ? 'not-allowed' : partnerType === 'csp' ? 'allowed' : 'check';
}

export function buildReadinessReport(input: ReadinessInput): ReadinessReport {
  const languageOfFile = new Map(input.files.map((f) => [f.file, f.language]));

  const sites: ReportCallSite[] = input.files.flatMap((f) => f.callSites.map((s) => ({ ...s, file: f.file, language: f.language }))).sort(byPosition);
  const byKind = kindCounts();
  const appOnlyByAudience = Object.fromEntries(APP_ONLY_AUDIENCES.map((a) => [a, 0])) as Record<AppOnlyAudience, number>;
  const siteLanguages = new Map<string, KindCounts>();
  const siteFolders = new Map<string, KindCounts>();
  for (const s of sites) {
    for (const [map, key] of [[siteLanguages, s.language], [siteFolders, folderOf(s.file)]] as const) {
      let k = map.get(key);
      if (!k) map.set(key, (k = kindCounts()));
      k[s.kind]++;
      k.total++;
    }
    byKind[s.kind]++;
    byKind.total++;
    if (s.kind === 'app-only') appOnlyByAudience[s.audience ?? 'other']++;
  }

  const findings: ReportFinding[] = input.findings
    .map((f) => ({ file: f.file, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, ruleId: f.ruleId, severity: f.severity, message: f.message, language: languageOfFile.get(f.file) ?? ('unknown' as LanguageId) }))
    .sort((a, b) => byPosition(a, b) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  const byRule: Record<string, number> = {};
  for (const r of ALL_RULES) byRule[r.meta.id] = 0;
  const extraRules = new Map<string, number>();
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const findingLanguages = new Map<string, number>();
  const findingFolders = new Map<string, number>();
  for (const f of findings) {
    if (f.ruleId in byRule) byRule[f.ruleId]++;
    else extraRules.set(f.ruleId, (extraRules.get(f.ruleId) ?? 0) + 1);
    bySeverity[f.severity]++;
    findingLanguages.set(f.language, (findingLanguages.get(f.language) ?? 0) + 1);
    const folder = folderOf(f.file);
    findingFolders.set(folder, (findingFolders.get(folder) ?? 0) + 1);
  }
  Object.assign(byRule, sortedRecord(extraRules));

  // Sign-ins only: a token injected into a cmdlet (`Connect-* -AccessToken`) uses a token some sign-in
  // already produced, so counting it would count that sign-in twice.
  const capable = byKind['sam-refresh-token'] + byKind.interactive;
  const password = byKind.password;
  const total = capable + password;
  return {
    version: 1,
    partnerType: input.partnerType,
    files: input.files.length,
    headline: {
      mfa: { capable, password, total, percent: total === 0 ? null : Math.round((capable / total) * 1000) / 10 },
      storedCredentials: byRule['no-stored-credentials'] ?? 0,
      partnerCenterAppOnly: { count: appOnlyByAudience['partner-center'], verdict: verdictFor(input.partnerType) },
      globalAdminConsent: byRule['no-global-admin-consent'] ?? 0,
    },
    callSites: { total: byKind.total, byKind, appOnlyByAudience, byLanguage: sortedRecord(siteLanguages), byFolder: sortedRecord(siteFolders), items: sites },
    findings: { total: findings.length, byRule, bySeverity, byLanguage: sortedRecord(findingLanguages), byFolder: sortedRecord(findingFolders), items: findings },
  };
}
