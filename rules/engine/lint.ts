// The engine's entry point: text + file name -> findings. Parses once, resolves values, runs every
// enabled rule in isolation, applies suppression comments.
import { getAdapter } from '../adapters/index';
import { languageOf } from '../adapters/languages';
import type { FileModel, LanguageId, Range } from '../model/types';
import { ALL_RULES } from '../registry';
import { createContext } from './context';
import { LineIndex } from './lines';
import { resolveModel } from './resolve';
import { findSuppression, isExpired, parseSuppressions, type Suppression } from './suppress';
import type { Finding, PartnerType, Rule, RuleOptions, SecretStore, Severity, SeveritySetting } from './types';

export interface LintOptions {
  partnerType?: PartnerType;
  /** Severity overrides by rule id. */
  rules?: Record<string, SeveritySetting>;
  /** Run only these rules. */
  only?: readonly string[];
  /** Override detection (editors pass the document's language). */
  language?: LanguageId;
  /** Today's date (YYYY-MM-DD) for suppression expiry; defaults to the clock. */
  today?: string;
  /** The rules to run (defaults to the registry). */
  ruleSet?: readonly Rule[];
  /** Where fixes read and write secrets (default: environment variables). */
  secretStore?: SecretStore;
  /** A suppression comment without a reason still suppresses, but is itself reported as a warning. */
  requireSuppressionReason?: boolean;
}

export interface RuleError {
  ruleId: string;
  message: string;
}

export interface LintResult {
  fileName: string;
  language: LanguageId;
  findings: Finding[];
  /** Findings silenced by a (non-expired) suppression comment. */
  suppressed: Finding[];
  suppressions: Suppression[];
  ruleErrors: RuleError[];
  parseErrors: Range[];
  lines: LineIndex;
  model: FileModel;
}

/** The severity a rule runs at: an explicit override wins, else the rule's own (which may depend on partnerType). */
export function effectiveSeverity(rule: Rule, options: LintOptions): SeveritySetting {
  const override = options.rules?.[rule.meta.id];
  if (override !== undefined) return override;
  return rule.meta.severityFor ? rule.meta.severityFor(ruleOptionsOf(options)) : rule.meta.defaultSeverity;
}

function ruleOptionsOf(options: LintOptions): RuleOptions {
  return { partnerType: options.partnerType ?? 'unknown', secretStore: options.secretStore ?? { kind: 'environment' }, now: clockOf(options.today) };
}

/** The clock, or midnight UTC of `today` when it names another day (tests and replays get stable messages). */
function clockOf(today: string | undefined): Date {
  const now = new Date();
  if (!today || today === now.toISOString().slice(0, 10)) return now;
  const day = new Date(`${today}T00:00:00Z`);
  return Number.isFinite(day.getTime()) ? day : now;
}

/** Parse a file into the shared model (no rules). Undefined when the engine does not read such files. */
export async function parseFile(text: string, fileName: string, language?: LanguageId): Promise<FileModel | undefined> {
  const lang = language ?? languageOf(fileName);
  if (!lang) return undefined;
  const adapter = await getAdapter(lang);
  return adapter.parse(text, lang, fileName);
}

export async function lint(text: string, fileName: string, options: LintOptions = {}): Promise<LintResult | undefined> {
  const model = await parseFile(text, fileName, options.language);
  if (!model) return undefined;
  return lintModel(model, fileName, options);
}

export function lintModel(model: FileModel, fileName: string, options: LintOptions = {}): LintResult {
  const resolver = resolveModel(model);
  const base = createContext(model, fileName, ruleOptionsOf(options), resolver);
  const lines = new LineIndex(model.text);
  const suppressions = parseSuppressions(model.comments, lines);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  const ruleErrors: RuleError[] = [];
  const unexplained = new Set<string>();
  for (const rule of options.ruleSet ?? ALL_RULES) {
    if (options.only && !options.only.includes(rule.meta.id)) continue;
    if (!rule.meta.languages.includes(model.language)) continue;
    const severity = effectiveSeverity(rule, options);
    if (severity === 'off') continue;
    const own: Finding[] = [];
    try {
      rule.check({
        ...base,
        report: (f) => own.push({ ruleId: rule.meta.id, severity: severity as Severity, range: f.range, message: f.message, fixes: f.fixes ?? [], ...(rule.meta.tags ? { tags: rule.meta.tags } : {}) }),
      });
    } catch (e) {
      ruleErrors.push({ ruleId: rule.meta.id, message: e instanceof Error ? e.message : String(e) });
      continue;
    }
    for (const f of dedupe(own)) {
      const line = lines.position(f.range.start).line;
      const s = findSuppression(suppressions, f.ruleId, line);
      if (s && !isExpired(s, today)) {
        suppressed.push(f);
        const key = `${s.start}:${f.ruleId}`;
        if (options.requireSuppressionReason && !s.reason && !unexplained.has(key)) {
          unexplained.add(key);
          findings.push({ ruleId: f.ruleId, severity: 'warning', range: { start: s.start, end: s.end }, message: `This suppression of ${f.ruleId} gives no reason; the project requires one: add it after \` -- \` (for example \`-- test fixture, until 2027-03-31\`).`, fixes: [] });
        }
      } else {
        findings.push(f);
        if (s) findings.push({ ruleId: f.ruleId, severity: 'info', range: { start: s.start, end: s.end }, message: `This suppression of ${f.ruleId} expired on ${s.until} and no longer applies.`, fixes: [] });
      }
    }
  }
  findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.ruleId.localeCompare(b.ruleId));
  return { fileName, language: model.language, findings: dedupe(findings), suppressed, suppressions, ruleErrors, parseErrors: model.errors, lines, model };
}

/** One finding per rule and range (two detection paths may see the same thing). */
function dedupe(list: Finding[]): Finding[] {
  const seen = new Set<string>();
  return list.filter((f) => {
    const k = `${f.ruleId}:${f.range.start}:${f.range.end}:${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
