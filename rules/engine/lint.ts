// The engine's entry point: text + file name -> findings. Parses once, resolves values, runs every
// enabled rule in isolation, applies suppression comments.
import { Budget, DEFAULT_BUDGET_MS } from '../adapters/budget';
import { getAdapter } from '../adapters/index';
import { languageOf } from '../adapters/languages';
import { forgetTrees, GrammarUnavailable } from '../adapters/treesitter';
import { emptyModel, type FileModel, type LanguageId, type Range } from '../model/types';
import { ALL_RULES } from '../registry';
import { createContext } from './context';
import { rulesFor, worthParsing } from './prefilter';
import { LineIndex } from './lines';
import { resolveModel } from './resolve';
import { findSuppression, isExpired, parseSuppressions, type Suppression } from './suppress';
import type { Finding, PartnerType, Rule, RuleContext, RuleOptions, SecretStore, Severity, SeveritySetting } from './types';

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
  /** Skip the rules whose vocabulary the text lacks (engine/prefilter.ts); default true. False: run every rule. */
  prefilter?: boolean;
  /**
   * A file holding no rule's vocabulary (and no suppression comment) is not parsed at all: its result has an
   * empty model and `unparsed` set. Batch scans use it; the editor too, parsing the model later if a hover asks.
   */
  skipWithoutVocabulary?: boolean;
  /**
   * Time budget for the file in milliseconds (default 10 s; 0 or Infinity: none). Parsing gets most of it, the
   * rules the rest; past it the analysis stops, reports what it found and says so in `LintResult.incomplete`.
   */
  budgetMs?: number;
  /**
   * The editor document this text is a version of (its URI). Tree-sitter languages then parse incrementally
   * against the previous version; results are the same. Call `forgetDocument` when it closes.
   */
  document?: string;
}

/** Why a file was analysed only in part, or not at all although the engine reads its type. */
export interface Incomplete {
  /** `cut-short`: over the time budget. `language-unavailable`: the grammar for the language failed to load. */
  kind: 'cut-short' | 'language-unavailable';
  /** One line for people (CLI "Files not analysed", an editor diagnostic, a log line); never quotes the file. */
  message: string;
  /** cut-short: where the time ran out. */
  phase?: 'parse' | 'rules';
  /** cut-short: the rules that did not run or did not finish. */
  rules?: string[];
}

/** Share of the budget parsing may use: what is left (at least this much) goes to the rules over the part read. */
const PARSE_SHARE = 0.7;

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
  /** Set when the file was analysed in part only (time budget) or not at all (grammar unavailable). */
  incomplete?: Incomplete;
  /** `skipWithoutVocabulary` left the file unparsed (no rule's words in it): `model` is empty. */
  unparsed?: boolean;
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

/** Releases what the engine keeps for an editor document (`LintOptions.document`): call when it closes. */
export function forgetDocument(document: string): void {
  forgetTrees(document);
}

/** Parse a file into the shared model (no rules). Undefined when the engine does not read such files. */
export async function parseFile(text: string, fileName: string, language?: LanguageId, budget?: Budget): Promise<FileModel | undefined> {
  const lang = language ?? languageOf(fileName);
  if (!lang) return undefined;
  return (await parseAs(text, lang, fileName, budget)).model;
}

/** A language whose grammar failed to load gets an empty model (the whole text an error) and the reason. */
async function parseAs(text: string, lang: LanguageId, fileName: string, budget?: Budget, document?: string): Promise<{ model: FileModel; unavailable?: string }> {
  const adapter = await getAdapter(lang);
  try {
    return { model: await adapter.parse(text, lang, fileName, budget, document === undefined ? undefined : { document }) };
  } catch (e) {
    if (!(e instanceof GrammarUnavailable)) throw e;
    const model = emptyModel(lang, text);
    if (text.length) model.errors.push({ start: 0, end: text.length });
    return { model, unavailable: e.message };
  }
}

export async function lint(text: string, fileName: string, options: LintOptions = {}): Promise<LintResult | undefined> {
  const lang = options.language ?? languageOf(fileName);
  if (!lang) return undefined;
  if (options.skipWithoutVocabulary && options.prefilter !== false && !worthParsing(text, lang, options.ruleSet ?? ALL_RULES)) return unparsed(text, fileName, lang);
  // Loading a grammar (once per process) is not the file's analysis: it stays outside the file's budget.
  await getAdapter(lang);
  const budget = Budget.of(options.budgetMs ?? DEFAULT_BUDGET_MS);
  const parsing = budget.part(PARSE_SHARE);
  const { model, unavailable } = await parseAs(text, lang, fileName, parsing, options.document);
  const result = lintModel(model, fileName, options, budget);
  if (unavailable) result.incomplete = { kind: 'language-unavailable', message: unavailable };
  else if (parsing.cut) {
    const rules = result.incomplete?.rules;
    result.incomplete = { kind: 'cut-short', phase: 'parse', message: cutShortMessage(options, 'parse', rules), ...(rules ? { rules } : {}) };
  }
  return result;
}

function cutShortMessage(options: LintOptions, phase: 'parse' | 'rules', rules: string[] | undefined): string {
  const ms = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const budget = ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
  const where = phase === 'parse' ? 'while parsing: findings in the part read before that are reported' : 'while running the rules: the findings made by then are reported';
  return `analysis cut short: over the ${budget} time budget ${where}${rules?.length ? `; rules not run or not finished: ${rules.join(', ')}` : ''}`;
}

/** Thrown from a rule's context accessors once the budget has run out: the rule stops, its findings so far stay. */
class OutOfBudget extends Error {}

/** `base` whose accessors (and `report`, after recording) stop the rule once the budget has run out. */
function budgeted(base: Omit<RuleContext, 'report'>, budget: Budget): Omit<RuleContext, 'report'> {
  const check = <A extends unknown[], R>(f: (...a: A) => R) => (...a: A): R => {
    if (budget.tick()) throw new OutOfBudget();
    return f(...a);
  };
  return { ...base, value: check(base.value), approx: check(base.approx), deref: check(base.deref), named: check(base.named), arg: check(base.arg), text: check(base.text) };
}

/** The result for a file no rule can report anything in, without parsing it. */
function unparsed(text: string, fileName: string, language: LanguageId): LintResult {
  return { fileName, language, findings: [], suppressed: [], suppressions: [], ruleErrors: [], parseErrors: [], lines: new LineIndex(text), model: emptyModel(language, text), unparsed: true };
}

export function lintModel(model: FileModel, fileName: string, options: LintOptions = {}, budget = Budget.of(options.budgetMs ?? DEFAULT_BUDGET_MS)): LintResult {
  const candidates = options.prefilter === false ? options.ruleSet ?? ALL_RULES : rulesFor(model.text, model.language, options.ruleSet ?? ALL_RULES);
  const active = candidates.filter((rule) => (!options.only || options.only.includes(rule.meta.id)) && rule.meta.languages.includes(model.language) && effectiveSeverity(rule, options) !== 'off');
  // Values are resolved into the model (hovers read them); batch scans skip that, and deriving pairs, when no rule runs.
  const resolver = active.length || !options.skipWithoutVocabulary ? resolveModel(model) : undefined;
  const unbounded = active.length ? createContext(model, fileName, ruleOptionsOf(options), resolver!) : undefined;
  const base = !unbounded || budget.deadline === Infinity ? unbounded : budgeted(unbounded, budget);
  const notFinished: string[] = [];
  const lines = new LineIndex(model.text);
  const suppressions = parseSuppressions(model.comments, lines);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  const ruleErrors: RuleError[] = [];
  const unexplained = new Set<string>();
  for (const rule of active) {
    const severity = effectiveSeverity(rule, options);
    if (budget.expired()) {
      notFinished.push(rule.meta.id);
      continue;
    }
    const own: Finding[] = [];
    try {
      rule.check({
        ...base!,
        report: (f) => {
          own.push({ ruleId: rule.meta.id, severity: severity as Severity, range: f.range, message: f.message, fixes: f.fixes ?? [], ...(rule.meta.tags ? { tags: rule.meta.tags } : {}) });
          if (budget.tick()) throw new OutOfBudget();
        },
      });
    } catch (e) {
      // Out of time: the rule's findings so far are kept. Anything else: the rule failed, its findings are dropped.
      if (e instanceof OutOfBudget || budget.cut) notFinished.push(rule.meta.id);
      else {
        ruleErrors.push({ ruleId: rule.meta.id, message: e instanceof Error ? e.message : String(e) });
        continue;
      }
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
  // An expired suppression says so even when nothing it covers is flagged today (then it can simply go).
  const ran = new Set(active.map((r) => r.meta.id));
  for (const s of suppressions) {
    if (!isExpired(s, today)) continue;
    for (const id of s.rules.filter((r) => ran.has(r))) {
      if (findings.some((f) => f.ruleId === id && f.range.start === s.start && f.severity === 'info')) continue;
      findings.push({ ruleId: id, severity: 'info', range: { start: s.start, end: s.end }, message: `This suppression of ${id} expired on ${s.until}; nothing it covers is flagged now, so it can be removed.`, fixes: [] });
    }
  }
  findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.ruleId.localeCompare(b.ruleId));
  const result: LintResult = { fileName, language: model.language, findings: dedupe(findings), suppressed, suppressions, ruleErrors, parseErrors: model.errors, lines, model };
  if (notFinished.length) result.incomplete = { kind: 'cut-short', phase: 'rules', rules: notFinished, message: cutShortMessage(options, 'rules', notFinished) };
  return result;
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
