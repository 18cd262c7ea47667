// Java string literals and text blocks as StringExpr with unescaped text.
import type { Expr } from '../../model/types';
import type { Node } from '../treesitter';
import { rangeOf } from '../common/walker';
import type { JavaWalker } from './walker';

const ESCAPE = /\\(u+[0-9a-fA-F]{4}|[0-3][0-7]{0,2}|[4-7][0-7]?|\r\n|[^])/g;
const SIMPLE: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', s: ' ', '"': '"', "'": "'", '\\': '\\', '\n': '', '\r': '', '\r\n': '' };
const TRAILING_SPACE = /[ \t\f]+$/;
const LEADING_SPACE = /^[ \t\f]*/;

function unescapeOne(m: string, e: string): string {
  if (e in SIMPLE) return SIMPLE[e];
  if (e[0] === 'u') return String.fromCharCode(parseInt(e.slice(e.lastIndexOf('u') + 1), 16));
  if (e[0] >= '0' && e[0] <= '7') return String.fromCharCode(parseInt(e, 8));
  return e;
}

export function unescapeJava(s: string): string {
  return s.includes('\\') ? s.replace(ESCAPE, unescapeOne) : s;
}

/** JLS 3.10.6: drop the opening line, strip the common indentation (closing line included) and trailing spaces. */
export function textBlock(raw: string): string {
  const nl = raw.indexOf('\n');
  if (nl < 0) return unescapeJava(raw);
  const lines = raw.slice(nl + 1).split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const last = lines.length - 1;
  let indent = Infinity;
  lines.forEach((l, i) => {
    if (i === last || l.trim() !== '') indent = Math.min(indent, LEADING_SPACE.exec(l)![0].length);
  });
  if (indent === Infinity) indent = 0;
  const out = lines.map((l, i) => (i === last && l.trim() === '' ? '' : l.slice(indent).replace(TRAILING_SPACE, '')));
  return unescapeJava(out.join('\n'));
}

function stringLiteral(n: Node, w: JavaWalker): Expr {
  const text = n.text;
  const block = text.startsWith('"""');
  const q = block ? 3 : 1;
  const closed = text.length >= 2 * q && text.endsWith(block ? '"""' : '"');
  const content = { start: n.startIndex + q, end: closed ? n.endIndex - q : n.endIndex };
  const raw = w.b.slice(content);
  return w.b.string(block ? textBlock(raw) : unescapeJava(raw), content, rangeOf(n));
}

export const stringHandlers = { string_literal: stringLiteral };
