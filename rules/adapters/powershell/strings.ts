// PowerShell string literals: verbatim and expandable strings, here-strings, backtick escapes and the -f format operator.
import type { Expr, Range, StringExpr } from '../../model/types';
import { splitComposite } from '../common/format';
import type { Node } from '../treesitter';
import type { Ctx } from './context';

const DOUBLED_SINGLE = /''/g;

/** Converts a `string_literal` node. `part` converts a `$(...)` or `$var` hole inside an expandable string. */
export function stringLiteral(ctx: Ctx, node: Node, part: (n: Node) => Expr): Expr {
  const n = node.type === 'string_literal' ? (node.namedChild(0) ?? node) : node;
  const text = n.text;
  const range = ctx.range(n);
  switch (n.type) {
    case 'verbatim_string_characters':
    case 'verbatim_here_string_characters': {
      if (text.startsWith('@')) {
        const c = hereContent(text, n.startIndex);
        return ctx.string(text.slice(c.start - n.startIndex, c.end - n.startIndex), range, c);
      }
      const c = { start: n.startIndex + 1, end: Math.max(n.startIndex + 1, n.endIndex - 1) };
      return ctx.string(text.slice(1, -1).replace(DOUBLED_SINGLE, "'"), range, c);
    }
    case 'expandable_string_literal':
      return expandable(ctx, n, { start: n.startIndex + 1, end: Math.max(n.startIndex + 1, n.endIndex - 1) }, true, part);
    case 'expandable_here_string_literal':
      return expandable(ctx, n, hereContent(text, n.startIndex), false, part);
    default:
      return ctx.unknown(n);
  }
}

/** Content of a here-string: after the line break that follows `@"`, before the line break that precedes `"@`. */
function hereContent(text: string, offset: number): Range {
  const nl = text.indexOf('\n');
  const start = nl < 0 ? 2 : nl + 1;
  let end = text.length - 2;
  if (text[end - 1] === '\n') end--;
  if (text[end - 1] === '\r') end--;
  return { start: offset + start, end: offset + Math.max(start, end) };
}

/** An expandable string: a plain StringExpr without holes, else a ConcatExpr of text pieces and holes. */
function expandable(ctx: Ctx, n: Node, content: Range, quoteDoubling: boolean, part: (n: Node) => Expr): Expr {
  const src = n.text;
  const base = n.startIndex;
  const holes = n.namedChildren.filter((c) => (c.type === 'variable' || c.type === 'sub_expression') && c.startIndex >= content.start && c.endIndex <= content.end);
  if (holes.length === 0) {
    return ctx.string(unescape(src.slice(content.start - base, content.end - base), quoteDoubling), ctx.range(n), content);
  }
  const parts: Expr[] = [];
  let at = content.start;
  const piece = (end: number) => {
    if (end <= at) return;
    const r = { start: at, end };
    parts.push(ctx.string(unescape(src.slice(at - base, end - base), quoteDoubling), r, r));
  };
  for (const h of holes) {
    piece(h.startIndex);
    parts.push(part(h));
    at = h.endIndex;
  }
  piece(content.end);
  return ctx.concat(parts, ctx.range(n));
}

const ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** Resolves backtick escapes (`n, `t, `u{263A}, `$ ...) and, in "..." strings, doubled quotes. */
export function unescape(s: string, quoteDoubling: boolean): string {
  if (s.indexOf('`') < 0 && !(quoteDoubling && s.indexOf('""') >= 0)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '`' && i + 1 < s.length) {
      const d = s[++i];
      if (d === 'u' && s[i + 1] === '{') {
        const close = s.indexOf('}', i + 2);
        const cp = close > 0 ? parseInt(s.slice(i + 2, close), 16) : NaN;
        if (!Number.isNaN(cp) && cp <= 0x10ffff) {
          out += String.fromCodePoint(cp);
          i = close;
          continue;
        }
      }
      out += ESCAPES[d] ?? d;
    } else if (quoteDoubling && c === '"' && s[i + 1] === '"') {
      out += '"';
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * The parts of `fmt -f args`: literal pieces of the .NET composite format and the arguments in between. Piece
 * ranges are exact when the literal had no escapes, else each piece spans the whole literal.
 */
export function formatParts(ctx: Ctx, fmt: StringExpr, args: Expr[]): Expr[] {
  const cr = fmt.contentRange;
  const exact = ctx.model.text.slice(cr.start, cr.end) === fmt.text;
  return splitComposite(fmt.text).map((p) => {
    const r = exact ? { start: cr.start + p.start, end: cr.start + p.end } : { ...cr };
    if ('text' in p) return ctx.string(p.text, r, r);
    return args[p.arg] ?? ctx.string(fmt.text.slice(p.start, p.end), r, r);
  });
}
