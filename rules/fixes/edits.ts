// Applying fixes: edits as plain data, applied right to left; overlapping edits are refused, never merged.
// Insertions at one point do not overlap: they appear in the order given (as LSP specifies for a WorkspaceEdit).
import type { Fix, TextEdit } from '../engine/types';
import type { FileModel } from '../model/types';
import { importEdits, type ImportNeed } from './imports';

/** A fix whose edits come with the imports they need (added once, next to the file's own). */
export function fixWith(model: FileModel, title: string, edits: TextEdit[], imports: readonly ImportNeed[] = [], flags: { preferred?: boolean; safe?: boolean } = {}): Fix {
  return { title, edits: [...edits, ...importEdits(model, imports)], ...(flags.preferred ? { preferred: true } : {}), ...(flags.safe ? { safe: true } : {}) };
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at one point keep the order in which they are given (import lines from two fixes, lines before one statement).
  if (a.range.start === a.range.end && b.range.start === b.range.end) return false;
  return a.range.start < b.range.end && b.range.start < a.range.end;
}

/** The text with `edits` applied. Throws on overlapping edits (a fix must never be applied half). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  // Right to left; insertions at one point last-given first, so that they read in the order given.
  const sorted = dedupeEdits(edits)
    .map((e, i) => ({ e, i }))
    .sort((a, b) => b.e.range.start - a.e.range.start || b.e.range.end - a.e.range.end || b.i - a.i)
    .map((x) => x.e);
  for (let i = 1; i < sorted.length; i++) if (overlaps(sorted[i - 1], sorted[i])) throw new Error('overlapping edits');
  let out = text;
  for (const e of sorted) {
    if (e.range.start < 0 || e.range.end > text.length || e.range.start > e.range.end) throw new Error('edit outside the text');
    out = out.slice(0, e.range.start) + e.text + out.slice(e.range.end);
  }
  return out;
}

/** Identical edits (the same import asked for by two fixes) count once. */
function dedupeEdits(edits: readonly TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const k = `${e.range.start}:${e.range.end}:${e.text}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Chooses fixes that can be applied together: in order, each fix whose edits do not overlap those
 * already chosen (identical import insertions are shared). Returns the chosen fixes and their edits.
 */
export function combineFixes(fixes: readonly Fix[]): { chosen: Fix[]; edits: TextEdit[] } {
  const chosen: Fix[] = [];
  const edits: TextEdit[] = [];
  for (const f of fixes) {
    const mine = dedupeEdits(f.edits);
    const clash = mine.some((e) => edits.some((o) => !(o.range.start === e.range.start && o.range.end === e.range.end && o.text === e.text) && overlaps(o, e)));
    const selfClash = mine.some((e, i) => mine.some((o, j) => j !== i && overlaps(o, e)));
    if (clash || selfClash) continue;
    chosen.push(f);
    for (const e of mine) if (!edits.some((o) => o.range.start === e.range.start && o.range.end === e.range.end && o.text === e.text)) edits.push(e);
  }
  return { chosen, edits };
}
