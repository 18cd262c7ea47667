// C# string literals (regular, verbatim, raw, interpolated) as StringExpr / ConcatExpr with unescaped text.
import type { Expr } from '../../model/types';
import type { Node } from '../treesitter';
import { rangeOf } from '../common/walker';
import type { CsWalker } from './walker';

const ESCAPE = /\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{1,4}|[^])/g;
const SIMPLE: Record<string, string> = { "'": "'", '"': '"', '\\': '\\', '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
const DOUBLED_QUOTE = /""/g;
const DOUBLED_BRACE = /\{\{|\}\}/g;

function unescapeOne(m: string, e: string): string {
  if (e.length === 1) return SIMPLE[e] ?? e;
  const code = parseInt(e.slice(1), 16);
  return code <= 0x10ffff ? String.fromCodePoint(code) : m;
}

export function unescapeRegular(s: string): string {
  return s.includes('\\') ? s.replace(ESCAPE, unescapeOne) : s;
}

function unescapeVerbatim(s: string): string {
  return s.includes('""') ? s.replace(DOUBLED_QUOTE, '"') : s;
}

/** Raw string content: a multi-line raw string drops its first and last lines and the closing line's indentation. */
export function rawText(s: string): string {
  const first = s.indexOf('\n');
  if (first < 0 || s.slice(0, first).trim() !== '') return s;
  const last = s.lastIndexOf('\n');
  const indent = s.slice(last + 1);
  if (indent.trim() !== '') return s;
  const body = last > first ? s.slice(first + 1, s[last - 1] === '\r' ? last - 1 : last) : '';
  return body
    .split('\n')
    .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()))
    .join('\n');
}

/** Where the closing quote starts (before a `u8` suffix); the node's end when the literal is unterminated. */
/** For a multi-line raw string, the newline plus indentation each line starts with; else undefined. */
function rawIndent(s: string): string | undefined {
  const first = s.indexOf('\n');
  const last = s.lastIndexOf('\n');
  if (first < 0 || s.slice(0, first).trim() !== '' || s.slice(last + 1).trim() !== '') return undefined;
  return '\n' + s.slice(last + 1);
}

function closingQuoteStart(n: Node): number {
  // Children by index, not previousSibling: sibling lookups search from the root of the tree (deep trees overflow).
  const count = n.childCount;
  let last = count ? n.child(count - 1) : null;
  if (last?.type === 'string_literal_encoding') last = count > 1 ? n.child(count - 2) : null;
  return last && last.type === '"' && last.startIndex > n.startIndex ? last.startIndex : n.endIndex;
}

function stringLiteral(n: Node, w: CsWalker): Expr {
  const content = { start: n.startIndex + 1, end: closingQuoteStart(n) };
  return w.b.string(unescapeRegular(w.b.slice(content)), content, rangeOf(n));
}

function verbatimLiteral(n: Node, w: CsWalker): Expr {
  const text = n.text;
  const close = text.lastIndexOf('"');
  const content = { start: n.startIndex + 2, end: close > 1 ? n.startIndex + close : n.endIndex };
  return w.b.string(unescapeVerbatim(w.b.slice(content)), content, rangeOf(n));
}

function rawLiteral(n: Node, w: CsWalker): Expr {
  const start = n.namedChildren.find((c) => c.type === 'raw_string_start');
  const end = n.namedChildren.find((c) => c.type === 'raw_string_end');
  const content = { start: start ? start.endIndex : n.startIndex, end: end ? end.startIndex : n.endIndex };
  return w.b.string(rawText(w.b.slice(content)), content, rangeOf(n));
}

const HOLE_SKIP = new Set(['interpolation_brace', 'interpolation_alignment_clause', 'interpolation_format_clause', 'comment']);

/** `$"..{x}.."`, `$@".."`, `$"""..."""`: literal runs between holes become string parts, holes their expressions. */
function interpolated(n: Node, w: CsWalker): Expr {
  let contentStart = n.startIndex;
  let contentEnd = n.endIndex;
  let verbatim = false;
  let raw = false;
  const holes: Node[] = [];
  for (const c of n.children) {
    const t = c.type;
    if (t === 'interpolation_start') verbatim = c.text.includes('@');
    else if (t === '"' || t === 'interpolation_quote') {
      raw = t === 'interpolation_quote';
      if (contentStart === n.startIndex) contentStart = c.endIndex;
      else contentEnd = c.startIndex;
    } else if (t === 'interpolation') holes.push(c);
  }
  const piece = (s: string): string => {
    if (raw) return s;
    const t = verbatim ? unescapeVerbatim(s) : unescapeRegular(s);
    return t.includes('{{') || t.includes('}}') ? t.replace(DOUBLED_BRACE, (m) => m[0]) : t;
  };
  const b = w.b;
  if (!holes.length) {
    const content = { start: contentStart, end: contentEnd };
    return b.string(piece(b.slice(content)), content, rangeOf(n));
  }
  const parts: Expr[] = [];
  let at = contentStart;
  const strip = raw ? rawIndent(b.slice({ start: contentStart, end: contentEnd })) : undefined;
  const text = (end: number) => {
    if (end <= at) return;
    const r = { start: at, end };
    let s = b.slice(r);
    if (strip) {
      // Keep the opening newline until the indentation is stripped, so the first line loses it too.
      if (at === contentStart) s = s.slice(s.indexOf('\n'));
      if (end === contentEnd) s = s.slice(0, Math.max(0, s.lastIndexOf('\n')));
      s = s.split(strip).join('\n');
      if (at === contentStart) s = s.slice(1);
      if (end === contentEnd && s.endsWith('\r')) s = s.slice(0, -1);
    }
    if (s) parts.push(b.string(piece(s), r, r));
  };
  for (const h of holes) {
    text(h.startIndex);
    const e = h.namedChildren.find((c) => !HOLE_SKIP.has(c.type));
    if (e) parts.push(w.expr(e));
    at = h.endIndex;
  }
  text(contentEnd);
  return b.concat(parts, rangeOf(n));
}

export const stringHandlers = {
  string_literal: stringLiteral,
  verbatim_string_literal: verbatimLiteral,
  raw_string_literal: rawLiteral,
  interpolated_string_expression: interpolated,
};
