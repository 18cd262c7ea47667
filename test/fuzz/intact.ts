// Findings on the intact part of a truncated file. A cut inside a statement leaves a broken tail; whatever was
// found before it must still be found. "Before it" is the last clean prefix (one that parses without errors), and
// a finding counts only when the next clean prefix (the broken statement completed) keeps it too: findings that
// later code legitimately removes (a refresh token written back further down) are not the adapter's loss. A finding
// whose text the broken prefix still models (a call, string, pair, import... covers it) is not lost either: the
// rule saw it and weighed the half-written code after it differently (a write-back inside a function left open).
import { lint } from '../../rules/engine/lint';
import type { FileModel, Range } from '../../rules/model/types';
import type { Seed } from './corpus';

export interface IntactLoss {
  seed: string;
  cut: number;
  cleanBefore: number;
  cleanAfter: number;
  lost: string[];
}

type Key = string;
const OPTIONS = { partnerType: 'cpv' as const, today: '2026-11-22', budgetMs: 10_000 };

/** True when some fact of the model spans `r`: the adapter read that part. */
function modelled(m: FileModel, r: Range): boolean {
  const covers = (x: Range | undefined) => !!x && x.start <= r.start && r.end <= x.end;
  return (
    m.calls.some((c) => covers(c.range)) ||
    m.strings.some((s) => covers(s.range)) ||
    m.pairs.some((p) => covers(p.range) || covers(p.keyRange)) ||
    m.assignments.some((a) => covers(a.range)) ||
    m.imports.some((i) => covers(i.range)) ||
    m.comments.some((c) => covers(c.range))
  );
}

async function findingsOf(seed: Seed, text: string): Promise<{ clean: boolean; keys: Set<Key>; labels: Map<Key, string>; model: FileModel }> {
  const r = (await lint(text, seed.fileName, OPTIONS))!;
  const keys = new Set<Key>();
  const labels = new Map<Key, string>();
  for (const f of r.findings) {
    const k = `${f.ruleId}:${f.range.start}:${f.range.end}`;
    keys.add(k);
    labels.set(k, `${f.ruleId} at line ${r.lines.position(f.range.start).line + 1} \`${text.slice(f.range.start, f.range.end).slice(0, 60)}\``);
  }
  return { clean: r.parseErrors.length === 0 && !r.incomplete, keys, labels, model: r.model };
}

function lineEnds(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  if (!text.endsWith('\n')) out.push(text.length);
  return out;
}

/**
 * Cuts `seed` at `cut` (a broken tail, when the prefix has parse errors) and compares with the nearest clean
 * line-end prefixes before and after. Undefined when there is nothing to compare (the cut is clean, or no clean
 * prefix surrounds it).
 */
export async function intactAt(seed: Seed, cut: number, maxSteps = 40): Promise<IntactLoss | 'nothing-to-compare' | 'kept'> {
  const text = seed.text;
  const at = await findingsOf(seed, text.slice(0, cut));
  if (at.clean) return 'nothing-to-compare';
  const ends = lineEnds(text);
  const before = ends.filter((e) => e <= cut).reverse().slice(0, maxSteps);
  const after = ends.filter((e) => e > cut).slice(0, maxSteps);
  let clean1: { end: number; keys: Set<Key>; labels: Map<Key, string> } | undefined;
  for (const e of before) {
    const f = await findingsOf(seed, text.slice(0, e));
    if (f.clean) {
      clean1 = { end: e, ...f };
      break;
    }
  }
  if (!clean1 || clean1.keys.size === 0) return 'nothing-to-compare';
  let clean2: { end: number; keys: Set<Key> } | undefined;
  for (const e of after) {
    const f = await findingsOf(seed, text.slice(0, e));
    if (f.clean) {
      clean2 = { end: e, ...f };
      break;
    }
  }
  if (!clean2) return 'nothing-to-compare';
  const range = (k: Key): Range => {
    const [, start, end] = k.split(':');
    return { start: Number(start), end: Number(end) };
  };
  const lost = [...clean1.keys].filter((k) => clean2!.keys.has(k) && !at.keys.has(k) && !modelled(at.model, range(k)));
  return lost.length ? { seed: seed.path, cut, cleanBefore: clean1.end, cleanAfter: clean2.end, lost: lost.map((k) => clean1!.labels.get(k)!) } : 'kept';
}
