// What must hold for every input, however hostile: no exception escapes decoding, parsing or linting; the engine
// finishes within its own time budget (a cut-short result is a failure here: the seeds are small files);
// every range lies inside the text; and every offered fix either applies cleanly (text outside its edits
// unchanged) or is refused, alone and combined as `partner-auth-lint fix` combines them.
import { lint, parseFile, type LintOptions } from '../../rules/engine/lint';
import { decodeSource } from '../../rules/engine/source';
import type { Fix, TextEdit } from '../../rules/engine/types';
import { applyEdits, combineFixes } from '../../rules/fixes/edits';
import type { FileModel, Range } from '../../rules/model/types';
import type { FuzzInput } from './mutate';

export interface Outcome {
  /** What went wrong, one line; undefined when every check held. */
  failure?: string;
  /** Not analysed, with the engine's reason (binary, undecodable): a valid outcome. */
  skipped?: string;
  findings: number;
  /** Fixes checked, and how many of them applyEdits refused (overlap, outside the text). */
  fixes: number;
  refused: number;
}

export interface CheckOptions {
  /** The engine's per-file budget for this input (a cut-short result fails the check). */
  budgetMs: number;
  /** Also parse alone and check every range in the model (slower). */
  model?: boolean;
  options?: LintOptions;
}

function describe(e: unknown): string {
  const err = e instanceof Error ? e : new Error(String(e));
  const frame = err.stack?.split('\n').find((l) => l.trim().startsWith('at ') && !l.includes('node_modules') && !l.includes('node:'))?.trim() ?? '';
  return `${err.name}: ${err.message.split('\n')[0].slice(0, 160)} ${frame}`.trim();
}

function inBounds(r: Range | undefined, length: number): boolean {
  return !!r && Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.start <= r.end && r.end <= length;
}

/** Every Range object reachable from the model (ranges, content ranges, key ranges...). */
export function modelRanges(m: FileModel): Range[] {
  const out: Range[] = [];
  const seen = new Set<object>();
  const stack: unknown[] = [{ ...m, text: undefined }];
  while (stack.length) {
    const v = stack.pop();
    if (!v || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    const o = v as Record<string, unknown>;
    if (typeof o.start === 'number' && typeof o.end === 'number') out.push(o as unknown as Range);
    for (const [k, x] of Object.entries(o)) if (k !== 'text' && x && typeof x === 'object') stack.push(x);
  }
  return out;
}

/**
 * The text with `edits` applied, computed independently of applyEdits from the documented semantics: edits in
 * text order, insertions at one point in the order given and before a replacement starting there, identical edits
 * once; undefined when two edits overlap or one lies outside the text (the edit must be refused).
 */
export function expectedEdit(text: string, edits: readonly TextEdit[]): string | undefined {
  const seen = new Set<string>();
  const list = edits
    .filter((e) => {
      const k = `${e.range.start}:${e.range.end}:${e.text}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.range.start - b.e.range.start || a.e.range.end - b.e.range.end || a.i - b.i);
  let out = '';
  let at = 0;
  for (const { e } of list) {
    if (!inBounds(e.range, text.length)) return undefined;
    if (e.range.start < at) return undefined;
    const last = list.find((x) => x.e !== e && x.e.range.start < e.range.end && e.range.start < x.e.range.end && !(x.e.range.start === x.e.range.end && e.range.start === e.range.end));
    if (last) return undefined;
    out += text.slice(at, e.range.start) + e.text;
    at = e.range.end;
  }
  return out + text.slice(at);
}

/** Applies `edits` as the engine does and compares with the independent result; a refusal is fine, a difference is not. */
function applyChecked(text: string, edits: readonly TextEdit[], what: string): { refused: boolean; failure?: string } {
  const expected = expectedEdit(text, edits);
  let got: string;
  try {
    got = applyEdits(text, edits);
  } catch {
    return expected === undefined ? { refused: true } : { refused: true, failure: `${what}: refused edits that do not overlap` };
  }
  if (expected === undefined) return { refused: false, failure: `${what}: applied overlapping or out-of-range edits instead of refusing them` };
  if (got !== expected) return { refused: false, failure: `${what}: the result differs from its edits (text outside them changed)` };
  return { refused: false };
}

export async function check(input: FuzzInput, o: CheckOptions): Promise<Outcome> {
  const out: Outcome = { findings: 0, fixes: 0, refused: 0 };
  let text: string;
  if (input.bytes) {
    try {
      const decoded = decodeSource(input.bytes);
      if (!decoded.ok) return { ...out, skipped: decoded.reason };
      text = decoded.text;
    } catch (e) {
      return { ...out, failure: `decodeSource threw ${describe(e)}` };
    }
  } else text = input.text ?? '';
  const options: LintOptions = { partnerType: 'cpv', today: '2026-11-22', ...o.options, budgetMs: o.budgetMs };
  let result;
  try {
    result = await lint(text, input.fileName, options);
  } catch (e) {
    return { ...out, failure: `lint threw ${describe(e)}` };
  }
  if (!result) return { ...out, failure: 'lint returned nothing for a file type it reads' };
  if (result.incomplete) return { ...out, failure: `${result.incomplete.kind}: ${result.incomplete.message}` };
  out.findings = result.findings.length;
  for (const f of result.findings) {
    if (!inBounds(f.range, text.length)) return { ...out, failure: `${f.ruleId}: finding range ${f.range.start}-${f.range.end} outside the text (${text.length})` };
    if (typeof f.message !== 'string' || !f.message) return { ...out, failure: `${f.ruleId}: empty message` };
  }
  if (o.model) {
    try {
      const model = await parseFile(text, input.fileName, undefined);
      if (!model) return { ...out, failure: 'parseFile returned nothing' };
      const bad = modelRanges(model).find((r) => !inBounds(r, text.length));
      if (bad) return { ...out, failure: `model range ${bad.start}-${bad.end} outside the text (${text.length})` };
    } catch (e) {
      return { ...out, failure: `parseFile threw ${describe(e)}` };
    }
  }
  const all: Fix[] = [];
  for (const f of result.findings) {
    for (const fix of f.fixes) {
      out.fixes++;
      all.push(fix);
      const r = applyChecked(text, fix.edits, `${f.ruleId} fix "${fix.title}"`);
      if (r.refused) out.refused++;
      if (r.failure) return { ...out, failure: r.failure };
    }
  }
  if (all.length) {
    // As `partner-auth-lint fix` does (safe fixes), and as an editor's "fix all" would (every fix): never overlapping.
    for (const set of [all.filter((x) => x.safe), all]) {
      if (!set.length) continue;
      const { edits } = combineFixes(set);
      if (expectedEdit(text, edits) === undefined && edits.every((e) => inBounds(e.range, text.length))) return { ...out, failure: 'combineFixes chose overlapping edits' };
      const r = applyChecked(text, edits, 'combined fixes');
      if (r.failure) return { ...out, failure: r.failure };
    }
  }
  return out;
}
