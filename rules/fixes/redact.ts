// A logged secret replaced by a redacted form: the text `<redacted, N chars>`, where N is the length of the
// value's text, computed by one idiom per language that accepts any type, never throws on null and evaluates
// the expression once (so calls it makes still happen):
//   PowerShell `$($x.Length)`, C# `Convert.ToString(x)?.Length ?? 0`, Python `len(x or '')`,
//   JavaScript / TypeScript `String(x ?? '').length` (`String(expr).length` for a compound expression),
//   Java `Objects.toString(x, "").length()`.
// Inside an interpolation hole the hole itself is replaced (`"RT: $rt"` -> `"RT: <redacted, $($rt.Length) chars>"`);
// elsewhere the expression becomes a string expression of the language.
import type { Expr, FileModel, Range } from '../model/types';
import type { Fix, TextEdit } from '../engine/types';
import { fixWith } from './edits';
import type { ImportNeed } from './imports';
import { flatString, quoteOf, stringsAround } from './strings';

/** Source text simple enough to stand without parentheses (a name, member chain, index or call chain). */
const SIMPLE = /^[$@]?[\w:]+(?:(?:\?\.|\.|::)\w+|\[[^\]\[]*\]|\((?:[^()]|\([^()]*\))*\))*$/;

/** The length expression for source `x`, for a string delimited by `quote` (Python needs the other quote inside). */
function lengthOf(model: FileModel, x: string, quote: string): { code: string; imports: ImportNeed[] } | undefined {
  const simple = SIMPLE.test(x);
  switch (model.language) {
    case 'powershell':
    case 'yaml':
      return { code: x.startsWith('$') && simple ? `${x}.Length` : `(${x}).Length`, imports: [] };
    case 'csharp':
      return { code: `Convert.ToString(${x})?.Length ?? 0`, imports: [{ module: 'System' }] };
    case 'python': {
      const q = quote === '"' ? "'" : '"';
      return { code: `len(${simple ? x : `(${x})`} or ${q}${q})`, imports: [] };
    }
    case 'javascript':
    case 'typescript': {
      const q = quote === '"' ? '"' : "'";
      // `?? ''` only after a plain name or member (TypeScript rejects `??` after an expression that is never nullish).
      return { code: simple ? `String(${x} ?? ${q}${q}).length` : `String(${x}).length`, imports: [] };
    }
    case 'java':
      return { code: `Objects.toString(${x}, "").length()`, imports: [{ module: 'java.util.Objects' }] };
    default:
      return undefined;
  }
}

/** The language's interpolation of `code` inside a string. */
function hole(model: FileModel, code: string): string | undefined {
  switch (model.language) {
    case 'powershell':
    case 'yaml':
      return `$(${code})`;
    case 'csharp':
    case 'python':
      return `{${code}}`;
    case 'javascript':
    case 'typescript':
      return `\${${code}}`;
    default:
      return undefined;
  }
}

const text = (n: string) => `<redacted, ${n} chars>`;

/** The expression inside a hole's source (`$(x)`, `${x}`, `{x}`, `$x`), without a C# alignment / format or a Python conversion / format spec. */
function holeExpression(model: FileModel, span: string): string | undefined {
  const body = /^\$\((.*)\)$/s.exec(span)?.[1] ?? /^\$?\{(.*)\}$/s.exec(span)?.[1] ?? (/^\$[\w:]+$/.test(span) ? span : undefined);
  if (body === undefined) return undefined;
  if (model.language !== 'csharp' && model.language !== 'python') return body.trim();
  // Cut at the first top-level `:` / `,` (C#) or `!` / `:` (Python) outside brackets and quotes.
  let depth = 0;
  let quote = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quote) {
      if (c === quote && body[i - 1] !== '\\') quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 0 && (model.language === 'csharp' ? c === ':' || c === ',' : (c === '!' && body[i + 1] !== '=') || c === ':')) {
      if (model.language === 'csharp' && c === ':' && body[i - 1] === ':') continue; // `global::`
      return body.slice(0, i).trim();
    }
  }
  return body.trim();
}

/** The quote an enclosing string literal opens with (after any prefix letters), or undefined. */
function openingQuote(model: FileModel, s: Expr): string | undefined {
  const m = /^[A-Za-z$@]*(["'`])/.exec(model.text.slice(s.range.start, s.range.start + 4));
  return m?.[1];
}

/** One redaction edit for the logged expression `e`, or undefined where it cannot be written safely. */
function redactEdit(model: FileModel, e: Expr): { edit: TextEdit; imports: ImportNeed[] } | undefined {
  const src = model.text.slice(e.range.start, e.range.end);
  // An interpolation hole: replace the hole, delimiters included.
  for (const s of stringsAround(model, e.range)) {
    if (s.kind !== 'concat') continue;
    const f = flatString(model.text, s);
    // The interpolation hole that holds this expression: `$x`, `$(x)`, `${x}`, `{x}` (not a `" + x + "` operand).
    // When the expression is only part of the hole (`${apiKey ?? 'missing'}`), the whole hole's value is measured.
    let inner: string | undefined;
    const piece = f.pieces.find((p) => {
      if (p.literal || !p.replaceable || p.src.start > e.range.start || e.range.end > p.src.end) return false;
      const span = model.text.slice(p.src.start, p.src.end);
      if (/^["']|["']$/.test(span)) return false;
      inner = holeExpression(model, span);
      return inner !== undefined;
    });
    if (!piece || !inner) continue;
    const len = lengthOf(model, inner, openingQuote(model, s) ?? '"');
    const h = len && hole(model, len.code);
    if (!len || !h) return undefined;
    return { edit: { range: piece.src, text: text(h) }, imports: len.imports };
  }
  // Inside a string but not a whole hole (a call inside a hole): only where the replacement needs no quotes of its own.
  const inString = model.strings.some((s) => s.range.start < e.range.start && e.range.end < s.range.end && s.kind === 'concat');
  const q = quoteOf(model);
  switch (model.language) {
    case 'powershell':
    case 'yaml': {
      const len = lengthOf(model, src, '"')!;
      return { edit: { range: e.range, text: `"${text(`$(${len.code})`)}"` }, imports: [] };
    }
    case 'csharp': {
      const len = lengthOf(model, src, '"')!;
      return { edit: { range: e.range, text: `$"${text(`{${len.code}}`)}"` }, imports: len.imports };
    }
    case 'python': {
      // The f-string's quote may not appear inside its expression (before Python 3.12).
      const outer = !src.includes(q) ? q : !src.includes(q === '"' ? "'" : '"') ? (q === '"' ? "'" : '"') : undefined;
      if (inString || !outer) return undefined;
      const len = lengthOf(model, src, outer)!;
      return { edit: { range: e.range, text: `f${outer}${text(`{${len.code}}`)}${outer}` }, imports: [] };
    }
    case 'javascript':
    case 'typescript': {
      const len = lengthOf(model, src, q)!;
      return { edit: { range: e.range, text: `\`${text(`\${${len.code}}`)}\`` }, imports: [] };
    }
    case 'java': {
      const len = lengthOf(model, src, '"')!;
      return { edit: { range: e.range, text: `String.format("${text('%d')}", ${len.code})` }, imports: len.imports };
    }
    default:
      return undefined;
  }
}

/**
 * The fix for logged secret expressions `exprs` (one finding: the flagged expression and the other places
 * the same value is written in the same call). `shorthand` gives the key of a `{ token }` shorthand property.
 */
export function redactFix(model: FileModel, exprs: readonly Expr[], title: string, safe: boolean, shorthand: (e: Expr) => string | undefined): Fix | undefined {
  const edits: TextEdit[] = [];
  const imports: ImportNeed[] = [];
  for (const e of exprs) {
    const r = redactEdit(model, e);
    if (!r) return undefined;
    const key = shorthand(e);
    edits.push(key ? { range: r.edit.range, text: `${key}: ${r.edit.text}` } : r.edit);
    imports.push(...r.imports);
  }
  if (!edits.length || overlapping(edits.map((x) => x.range))) return undefined;
  return fixWith(model, title, edits, imports, { preferred: true, safe });
}

function overlapping(rs: Range[]): boolean {
  return rs.some((a, i) => rs.some((b, j) => j !== i && a.start < b.end && b.start < a.end));
}
