// Python string literals: prefixes, escapes, f-string holes and implicit concatenation of adjacent literals.
import type { Node } from 'web-tree-sitter';
import type { Expr, Range } from '../../model/types';
import type { PyContext } from './context';
import { expr } from './exprs';

/** Raw source of one literal's content, kept so `%` and `.format` can split it at exact offsets. */
export interface RawSegment {
  raw: string;
  start: number;
  isRaw: boolean;
  isBytes: boolean;
}

type Piece = { text: string; range: Range } | { hole: Expr };

interface LiteralParts {
  /** Literals read so far (adjacent literals share one LiteralParts). */
  count: number;
  pieces: Piece[];
  segments: RawSegment[];
  hasHoles: boolean;
  contentRange: Range;
}

const ESCAPE = /\\(N\{[^}]*\}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|[0-7]{1,3}|\r\n|[\s\S])/g;
const DOUBLE_OPEN = /\{\{/g;
const DOUBLE_CLOSE = /\}\}/g;
const QUOTES = /["']/g;
const SIMPLE: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '\n': '', '\r\n': '' };

/** Python escape processing; unknown escapes keep their backslash, as Python does. */
export function unescapePython(raw: string, isRaw: boolean, isBytes: boolean): string {
  if (isRaw || raw.indexOf('\\') < 0) return raw;
  return raw.replace(ESCAPE, (all, esc: string) => {
    const simple = SIMPLE[esc];
    if (simple !== undefined) return simple;
    const c = esc[0];
    if (c === 'x') return String.fromCharCode(parseInt(esc.slice(1), 16));
    if (c >= '0' && c <= '7') return String.fromCharCode(parseInt(esc, 8));
    if (isBytes) return all;
    if (c === 'u' || c === 'U') return String.fromCodePoint(Math.min(parseInt(esc.slice(1), 16), 0x10ffff));
    return all; // \N{NAME}: no name table here; keep the source form
  });
}

function prefixOf(startTok: Node | null): { isRaw: boolean; isBytes: boolean; isF: boolean } {
  const p = (startTok?.text ?? '').replace(QUOTES, '').toLowerCase();
  return { isRaw: p.includes('r'), isBytes: p.includes('b'), isF: p.includes('f') || p.includes('t') };
}

/** Reads one `string` node into pieces; f-string holes are converted in `scope`. */
function readLiteral(ctx: PyContext, node: Node, scope: number, out: LiteralParts): void {
  const kids = node.children;
  const startTok = kids[0]?.type === 'string_start' ? kids[0] : null;
  const endTok = kids.length > 1 && kids[kids.length - 1].type === 'string_end' && !kids[kids.length - 1].isMissing ? kids[kids.length - 1] : null;
  const { isRaw, isBytes, isF } = prefixOf(startTok);
  const cStart = startTok ? startTok.endIndex : node.startIndex;
  const cEnd = endTok ? endTok.startIndex : node.endIndex;
  out.contentRange = { start: out.count++ === 0 ? cStart : out.contentRange.start, end: cEnd };
  for (const k of kids) {
    const t = k.type;
    if (t === 'string_content') {
      let raw = k.text;
      out.segments.push({ raw, start: k.startIndex, isRaw, isBytes });
      if (isF) raw = raw.replace(DOUBLE_OPEN, '{').replace(DOUBLE_CLOSE, '}');
      out.pieces.push({ text: unescapePython(raw, isRaw, isBytes), range: { start: k.startIndex, end: k.endIndex } });
    } else if (t === 'interpolation') {
      out.hasHoles = true;
      const e = k.childForFieldName('expression');
      out.pieces.push({ hole: e ? expr(ctx, e, scope) : ctx.unknown(k) });
    }
  }
}

function build(ctx: PyContext, node: Node, parts: LiteralParts): Expr {
  const range = { start: node.startIndex, end: node.endIndex };
  if (!parts.hasHoles) {
    let text = '';
    for (const p of parts.pieces) if ('text' in p) text += p.text;
    const s = ctx.b.str(text, range, parts.contentRange);
    ctx.rawOf.set(s, parts.segments);
    return s;
  }
  const items: Expr[] = parts.pieces.map((p) => ('hole' in p ? p.hole : ctx.piece(p.text, p.range)));
  return ctx.b.concat(items, range);
}

/** A `string` node: StringExpr, or ConcatExpr when it is an f-string with holes. */
export function stringExpr(ctx: PyContext, node: Node, scope: number): Expr {
  const parts: LiteralParts = { count: 0, pieces: [], segments: [], hasHoles: false, contentRange: { start: node.startIndex, end: node.startIndex } };
  readLiteral(ctx, node, scope, parts);
  return build(ctx, node, parts);
}

/** `"a" "b"`: one StringExpr when every literal is plain, else one ConcatExpr of all pieces. */
export function concatenatedString(ctx: PyContext, node: Node, scope: number): Expr {
  const parts: LiteralParts = { count: 0, pieces: [], segments: [], hasHoles: false, contentRange: { start: node.startIndex, end: node.startIndex } };
  for (const k of node.namedChildren) if (k.type === 'string') readLiteral(ctx, k, scope, parts);
  return build(ctx, node, parts);
}

/** The unescaped text of a plain literal used as a dict key, without registering it as a string. */
export function keyText(node: Node): string | undefined {
  if (node.type === 'string') {
    const kids = node.children;
    if (kids.some((k) => k.type === 'interpolation')) return undefined;
    const { isRaw, isBytes } = prefixOf(kids[0]?.type === 'string_start' ? kids[0] : null);
    let s = '';
    for (const k of kids) if (k.type === 'string_content') s += unescapePython(k.text, isRaw, isBytes);
    return s;
  }
  if (node.type === 'integer' || node.type === 'float' || node.type === 'true' || node.type === 'false' || node.type === 'none') return node.text;
  return undefined;
}
