// Editing inside string expressions as they are written: a string (plain, interpolated, concatenated or
// a format string) is flattened into its literal pieces' source text, with each interpolation hole or
// concatenated operand as one U+FFFC character that stands for its whole source span (`{tenant}`,
// `${tenant}`, `$Tenant`, `" + tenant + "`). Offsets in the flattened text map back to file offsets, so
// a fix can rewrite a URL's host, path and query without touching the code around it. Also: a string
// value, a `false` literal and a comment line in each language's own syntax.
import type { Expr, FileModel, LanguageId, Range, StringExpr } from '../model/types';
import type { TextEdit } from '../engine/types';

export const HOLE = '\uFFFC';

export interface FlatPiece {
  /** [from, to) in the flattened text. */
  from: number;
  to: number;
  /** Source range: a literal's content, or a hole's whole span (delimiters / ` + x + ` included when known). */
  src: Range;
  literal: boolean;
  expr: Expr;
  /**
   * For a hole: its span can be replaced by literal text (an interpolation `{x}` `${x}` `$x` `$(x)`, a format
   * placeholder `{0}`, or an operand between two literals with the same quotes `" + x + "`).
   */
  replaceable: boolean;
  /** A Python `%s` placeholder: the `% arg` after the literal must go when it is replaced. */
  percent?: boolean;
}

export interface FlatString {
  /** The string expression. */
  expr: Expr;
  /** Literal pieces as written in the source (escapes kept), holes as U+FFFC. */
  text: string;
  pieces: FlatPiece[];
}

/** The pieces of a string expression, in order (nested concatenations flattened). */
export function stringParts(e: Expr, out: Expr[] = []): Expr[] {
  if (e.kind === 'concat') for (const p of e.parts) stringParts(p, out);
  else out.push(e);
  return out;
}

export function flatString(text: string, e: Expr): FlatString {
  const list = stringParts(e);
  const pieces: FlatPiece[] = [];
  let flat = '';
  list.forEach((p, i) => {
    if (p.kind === 'string') {
      const src = (p as StringExpr).contentRange;
      const t = text.slice(src.start, src.end);
      pieces.push({ from: flat.length, to: flat.length + t.length, src: { ...src }, literal: true, expr: p, replaceable: true });
      flat += t;
      return;
    }
    const prev = list[i - 1];
    const next = list[i + 1];
    let src: Range = { ...p.range };
    let replaceable = false;
    let percent = false;
    if (prev?.kind === 'string' && next?.kind === 'string') {
      const span = { start: prev.contentRange.end, end: next.contentRange.start };
      const s = text.slice(span.start, span.end);
      const own = text.slice(p.range.start, p.range.end);
      const esc = own.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const inside = span.start <= p.range.start && p.range.end <= span.end;
      const interpolation = inside && (/^\$?\{[^{}]*\}$/.test(s) || /^\$(?:[\w:]+|\([^]*\))$/.test(s));
      const concat = inside && new RegExp(`^(["'])\\s*\\+\\s*${esc}\\s*\\+\\s*\\1$`).test(s);
      // Format placeholders stand between the literals while the argument is elsewhere (`{0}`, `%s`).
      const placeholder = !inside && /^(?:\{\d+(?:[,:][^{}]*)?\}|%s|%\([\w]+\)s)$/.test(s);
      if (interpolation || concat || placeholder) {
        src = span;
        replaceable = true;
        percent = placeholder && s.startsWith('%') && text.slice(e.range.start, e.range.end).includes('%') && !/String\.format|formatted/.test(text.slice(e.range.start, e.range.end));
      }
    } else if (prev?.kind === 'string' && !next) {
      // The last piece, right before the closing quote: `…{id}"`, `…${id}\``, `…$Id"`, `…%s", id)`.
      const after = text.slice(prev.contentRange.end, prev.contentRange.end + 200);
      const m = /^(\$?\{[^{}]*\}|\$(?:[\w:]+|\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\))|%s)(?=["'`])/.exec(after);
      const span = m ? { start: prev.contentRange.end, end: prev.contentRange.end + m[1].length } : undefined;
      if (span && ((span.start <= p.range.start && p.range.end <= span.end) || /^(\{\d+[^{}]*\}|%s)$/.test(m![1]))) {
        src = span;
        replaceable = !m![1].startsWith('%') || /String\.format|formatted/.test(text.slice(e.range.start, e.range.end));
      }
    }
    pieces.push({ from: flat.length, to: flat.length + 1, src, literal: false, expr: p, replaceable, percent });
    flat += HOLE;
  });
  // A `%s` can go only with its `% arg` (one placeholder, one plain argument): otherwise the arguments would not match.
  const percents = pieces.filter((p) => p.percent);
  const lastLit = [...pieces].reverse().find((p) => p.literal);
  const tail = lastLit ? text.slice(lastLit.src.end, e.range.end) : '';
  if (percents.length !== 1 || !/^["']{1,3}\s*%\s*[\w.]+$/.test(tail)) for (const p of percents) p.replaceable = false;
  return { expr: e, text: flat, pieces };
}

/** The flattened offset of file offset `at` (inside a literal, or the start of a hole), or -1. */
export function flatIndex(f: FlatString, at: number): number {
  for (const p of f.pieces) {
    if (p.literal && at >= p.src.start && at <= p.src.end) return p.from + (at - p.src.start);
    if (!p.literal && at >= p.src.start && at < p.src.end) return p.from;
    if (!p.literal && at >= p.expr.range.start && at < p.expr.range.end) return p.from;
  }
  return -1;
}

/**
 * The file range of flattened [i, j): exact inside literals; a hole counts whole and only when its span is
 * replaceable. Undefined when the range cannot be edited as written.
 */
export function sourceRange(f: FlatString, i: number, j: number): Range | undefined {
  const at = (k: number, end: boolean): number | undefined => {
    // Prefer the piece that holds the character next to the boundary (before it for an end, after it for a start).
    const p = end ? f.pieces.find((x) => k > x.from && k <= x.to) ?? f.pieces.find((x) => k === x.from) : f.pieces.find((x) => k >= x.from && k < x.to) ?? f.pieces.find((x) => k === x.to);
    if (!p) return undefined;
    if (p.literal) return p.src.start + (k - p.from);
    if (!p.replaceable) return undefined;
    return k === p.from ? p.src.start : p.src.end;
  };
  for (const p of f.pieces) if (!p.literal && !p.replaceable && p.from >= i && p.to <= j && j > i) return undefined;
  const s = at(i, false);
  const e = at(j, true);
  if (s === undefined || e === undefined || e < s) return undefined;
  return { start: s, end: e };
}

/** Extra edits a replacement of flattened ranges `removed` needs: the `% arg` of a Python %-format whose one placeholder is gone. */
export function percentEdits(text: string, f: FlatString, removed: readonly [number, number][]): TextEdit[] {
  const gone = f.pieces.filter((p) => p.percent && p.replaceable && removed.some(([i, j]) => p.from >= i && p.to <= j));
  if (!gone.length) return [];
  const lastLit = [...f.pieces].reverse().find((p) => p.literal);
  if (!lastLit) return [];
  // From the closing quote of the last literal to the end of the expression: `" % tenant_id`.
  const tail = text.slice(lastLit.src.end, f.expr.range.end);
  const m = /^(["']{1,3})(\s*%\s*[\w.]+)$/.exec(tail);
  if (!m) return [];
  const start = lastLit.src.end + m[1].length;
  return [{ range: { start, end: f.expr.range.end }, text: '' }];
}

/** True when placeholders of `%`-formatting apply to the string (a literal `%` must then be written `%%`). */
export function isPercentFormat(language: LanguageId, text: string, e: Expr): boolean {
  const src = text.slice(e.range.start, e.range.end);
  if (language === 'python') return /^[rRuUbB]*(["']{1,3})[\s\S]*\1\s*%\s*[\w.(]/.test(src);
  if (language === 'java') return /^String\s*\.\s*format\s*\(|\.formatted\s*\(/.test(src);
  return false;
}

/** Strings that contain `range`, smallest first. */
export function stringsAround(model: FileModel, range: Range): Expr[] {
  return model.strings.filter((s) => s.range.start <= range.start && range.end <= s.range.end).sort((a, b) => a.range.end - a.range.start - (b.range.end - b.range.start));
}

/** The quote the file's string literals use most (`"` on a tie): for languages that have both. */
export function usualQuote(model: FileModel): string {
  let single = 0;
  let double = 0;
  for (const s of model.strings) {
    const c = model.text[s.range.start];
    if (c === "'") single++;
    else if (c === '"') double++;
  }
  return single > double ? "'" : '"';
}

/** The quote a new string literal takes: the file's usual one for languages with two, else the only one. */
export function quoteOf(model: FileModel): string {
  switch (model.language) {
    case 'powershell':
      return "'";
    case 'python':
    case 'javascript':
    case 'typescript':
      return usualQuote(model);
    default:
      return '"';
  }
}

/** `value` as a string literal in the file's language (values here never need escaping). */
export function quoted(model: FileModel, value: string): string {
  const q = quoteOf(model);
  return q + value + q;
}

/** The language's `false`. */
export function falseLiteral(language: LanguageId): string {
  if (language === 'powershell') return '$false';
  if (language === 'python') return 'False';
  return 'false';
}

/** A one-line comment in the language's syntax, or undefined where the format has none (strict JSON). */
export function commentLine(model: FileModel, text: string): string | undefined {
  switch (model.language) {
    case 'powershell':
    case 'python':
    case 'yaml':
    case 'dotenv':
    case 'properties':
      return `# ${text}`;
    case 'csharp':
    case 'java':
    case 'javascript':
    case 'typescript':
      return `// ${text}`;
    case 'xml':
      return `<!-- ${text.replace(/--/g, '-')} -->`;
    case 'json':
      // JSONC only: a file that already has comments (settings, tsconfig-style files) takes `//` comments.
      return model.comments.length ? `// ${text}` : undefined;
    default:
      return undefined;
  }
}

/** True when the line holding `offset` starts inside a multi-line string (a comment line inserted there would become text). */
export function lineStartInString(model: FileModel, offset: number): boolean {
  const ls = model.text.lastIndexOf('\n', offset - 1) + 1;
  return model.strings.some((s) => s.range.start < ls && ls < s.range.end && !(model.language === 'yaml' && /^\|/.test(model.text.slice(s.range.start, s.range.start + 1))));
}
