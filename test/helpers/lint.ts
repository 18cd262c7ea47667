// One rule over one snippet, for the per-rule tests: the exact findings (line, flagged text, message, …) and the
// text its fixes give.
import assert from 'node:assert/strict';
import { lint, type LintOptions, type LintResult } from '../../rules/engine/lint';
import type { Finding, Fix, Rule, Severity } from '../../rules/engine/types';
import { applyEdits, combineFixes } from '../../rules/fixes/edits';

/** Options besides the rule; partnerType is `cpv` unless given (an explicit `undefined` lets the engine default it). */
export type RunOptions = Omit<LintOptions, 'only' | 'ruleSet'>;

/** Lints `text` as `file` with only `rule` (an id, or a rule run as the whole rule set): the engine reads it and the rule throws nothing. */
export async function lintRule(rule: string | Rule, text: string, file: string, options: RunOptions = {}): Promise<LintResult> {
  const r = await lint(text, file, { partnerType: 'cpv', ...options, ...(typeof rule === 'string' ? { only: [rule] } : { ruleSet: [rule] }) });
  assert.ok(r, `the engine reads ${file}`);
  assert.deepEqual(r.ruleErrors, []);
  return r;
}

export interface Flagged {
  /** 1-based. */
  line: number;
  /** The exact source text of the finding's range. */
  text: string;
  message: string;
  severity: Severity;
  tags: string[] | undefined;
}

/** Each finding of `rule` in `text`, as the `fields` asked for (every one of them present, `undefined` included). */
export async function flagged<K extends keyof Flagged>(rule: string | Rule, text: string, file: string, options: RunOptions, fields: readonly K[]): Promise<Pick<Flagged, K>[]> {
  const r = await lintRule(rule, text, file, options);
  return r.findings.map((f) => {
    const all: Flagged = { line: r.lines.position(f.range.start).line + 1, text: text.slice(f.range.start, f.range.end), message: f.message, severity: f.severity, tags: f.tags };
    const out = {} as Pick<Flagged, K>;
    for (const k of fields) out[k] = all[k];
    return out;
  });
}

export interface OfferedFix {
  title: string;
  safe: boolean;
  preferred: boolean;
  /** The whole text with this fix alone applied. */
  text: string;
}

/** Each finding's flagged text and fixes: title, flags and the text with the fix applied. */
export async function fixesOf(rule: string | Rule, text: string, file: string, options: RunOptions = {}): Promise<{ flagged: string; fixes: OfferedFix[] }[]> {
  const r = await lintRule(rule, text, file, options);
  return r.findings.map((f) => ({
    flagged: text.slice(f.range.start, f.range.end),
    fixes: f.fixes.map((x) => ({ title: x.title, safe: !!x.safe, preferred: !!x.preferred, text: applyEdits(text, x.edits) })),
  }));
}

/** The one finding's one fix (there must be exactly one of each). */
export async function onlyFix(rule: string | Rule, text: string, file: string, options: RunOptions = {}): Promise<OfferedFix> {
  const all = await fixesOf(rule, text, file, options);
  assert.equal(all.length, 1, `one finding in ${JSON.stringify(text)}`);
  assert.equal(all[0].fixes.length, 1, 'one fix');
  return all[0].fixes[0];
}

/** The findings, their fix titles, and the text with every finding's preferred fix applied together. */
export async function applyPreferred(rule: string | Rule, text: string, file: string, options: RunOptions = {}): Promise<{ findings: Finding[]; titles: string[][]; text: string }> {
  const r = await lintRule(rule, text, file, options);
  const preferred = r.findings.map((f) => f.fixes.find((x) => x.preferred)).filter((x): x is Fix => !!x);
  return { findings: r.findings, titles: r.findings.map((f) => f.fixes.map((x) => x.title)), text: applyEdits(text, combineFixes(preferred).edits) };
}

/** Every fix offered is a preferred suggestion, never safe (so `partner-auth-lint fix` leaves it to the user). */
export function assertSuggestions(findings: readonly Finding[]): void {
  for (const f of findings) for (const x of f.fixes) assert.ok(x.preferred && !x.safe, `${x.title}: a preferred suggestion, never safe`);
}
