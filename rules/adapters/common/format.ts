// Format strings with a literal format (C# string.Format, Java String.format) turned into concatenations.
import type { ConcatExpr, Expr, StringExpr } from '../../model/types';
import type { ModelBuilder } from './scoped-builder';

/** A run of literal text (offsets into the unescaped format) or a reference to an argument. */
export type FormatPiece = { text: string; start: number; end: number } | { arg: number; start: number; end: number };

const COMPOSITE = /\{\{|\}\}|\{(\d+)\s*(?:,\s*-?\d+\s*)?(?::[^{}]*)?\}/g;
const PRINTF = /%(?:(\d+)\$|(<))?[-#+ 0,(]*\d*(?:\.\d+)?([a-zA-Z%])/g;

function pushText(out: FormatPiece[], text: string, start: number, end: number): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last && 'text' in last && last.end === start) {
    last.text += text;
    last.end = end;
  } else out.push({ text, start, end });
}

/** .NET composite format: `{0}`, `{1,-5:N2}`, `{{` and `}}`. */
export function splitComposite(fmt: string): FormatPiece[] {
  const out: FormatPiece[] = [];
  let at = 0;
  for (const m of fmt.matchAll(COMPOSITE)) {
    const i = m.index;
    pushText(out, fmt.slice(at, i), at, i);
    if (m[1] !== undefined) out.push({ arg: Number(m[1]), start: i, end: i + m[0].length });
    else pushText(out, m[0][0], i, i + 2);
    at = i + m[0].length;
  }
  pushText(out, fmt.slice(at), at, fmt.length);
  return out;
}

/** java.util.Formatter: `%s`, `%2$s`, `%<s`, `%-10d`; `%%` and `%n` are text. */
export function splitPrintf(fmt: string): FormatPiece[] {
  const out: FormatPiece[] = [];
  let at = 0;
  let next = 0;
  let prev = -1;
  for (const m of fmt.matchAll(PRINTF)) {
    const i = m.index;
    const end = i + m[0].length;
    pushText(out, fmt.slice(at, i), at, i);
    const conv = m[3];
    if (conv === '%') pushText(out, '%', i, end);
    else if (conv === 'n') pushText(out, '\n', i, end);
    else {
      prev = m[1] ? Number(m[1]) - 1 : m[2] ? prev : next++;
      out.push({ arg: prev, start: i, end });
    }
    at = end;
  }
  pushText(out, fmt.slice(at), at, fmt.length);
  return out;
}

/**
 * The concatenation a format call produces. Piece ranges are exact when the literal has no escapes, else
 * each piece spans the whole literal. The format literal itself is absorbed: the concat stands for it.
 */
export function formatConcat(b: ModelBuilder, format: StringExpr, args: Expr[], pieces: FormatPiece[], range: ConcatExpr['range']): ConcatExpr {
  const exact = b.slice(format.contentRange) === format.text;
  const base = format.contentRange.start;
  const parts: Expr[] = [];
  for (const p of pieces) {
    const r = exact ? { start: base + p.start, end: base + p.end } : format.contentRange;
    if ('text' in p) parts.push(b.string(p.text, r, r));
    else if (args[p.arg]) parts.push(args[p.arg]);
    else {
      const t = format.text.slice(p.start, p.end);
      parts.push(b.string(t, r, r));
    }
  }
  b.absorb(format);
  return b.concat(parts, range);
}
