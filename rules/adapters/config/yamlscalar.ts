// YAML scalars as model expressions, and their decoded content with a per-character map back into the file (for embedded scripts).
import { Scalar } from 'yaml';
import type { Expr } from '../../model/types';
import { lineEnd, lit, str } from './build';

/**
 * Decoded scalar content plus, for each content character, where its source starts (`offsets`, with
 * `offsets[content.length]` = end of content) and ends (`ends`): an escape like `''` spans two.
 */
export interface MappedContent {
  content: string;
  offsets: number[];
  ends: number[];
}

interface BlockToken {
  type: 'block-scalar';
  offset: number;
  indent: number;
  props: { source: string; offset: number; type: string }[];
  source: string;
}

/** StringExpr for string scalars (plain, quoted, block), LiteralExpr for numbers, booleans and null. */
export function scalarExpr(node: Scalar, text: string): Expr {
  const [start, valueEnd] = node.range ?? [0, 0, 0];
  if (typeof node.value !== 'string') return lit(text.slice(start, valueEnd), start, valueEnd);
  switch (node.type) {
    case Scalar.QUOTE_DOUBLE:
    case Scalar.QUOTE_SINGLE: {
      const closed = valueEnd - start >= 2 && text[valueEnd - 1] === text[start];
      return str(node.value, start + 1, closed ? valueEnd - 1 : valueEnd, start, valueEnd);
    }
    case Scalar.BLOCK_FOLDED:
    case Scalar.BLOCK_LITERAL: {
      const lines = blockLines(node, text);
      const nonEmpty = lines.filter((l) => l.end > l.start);
      const cStart = nonEmpty.length ? nonEmpty[0].start : (lines[0]?.start ?? valueEnd);
      const cEnd = nonEmpty.length ? nonEmpty[nonEmpty.length - 1].end : cStart;
      return str(node.value, cStart, cEnd, start, valueEnd);
    }
    default:
      return str(node.value, start, valueEnd);
  }
}

/** The content lines of a block scalar with indentation removed: [start, end) file offsets per line. */
function blockLines(node: Scalar, text: string): { start: number; end: number }[] {
  const tok = node.srcToken as unknown as BlockToken | undefined;
  if (!tok || tok.type !== 'block-scalar') return [];
  const lastProp = tok.props[tok.props.length - 1];
  const bodyStart = lastProp ? lastProp.offset + lastProp.source.length : tok.offset;
  const bodyEnd = bodyStart + tok.source.length;
  const header = tok.props.find((p) => p.type === 'block-scalar-header')?.source ?? '';
  const indicator = /[1-9]/.exec(header);
  let indent = indicator ? tok.indent + Number(indicator[0]) : -1;
  const lines: { start: number; end: number }[] = [];
  for (let ls = bodyStart; ls < bodyEnd; ) {
    const le = Math.min(lineEnd(text, ls), bodyEnd);
    if (indent < 0) {
      let i = ls;
      while (i < le && text.charCodeAt(i) === 32) i++;
      // The first line with content fixes the indentation (YAML 1.2 8.1.1.1); blank lines before it are empty.
      if (i < le) indent = i - ls;
    }
    const s = indent < 0 ? le : Math.min(ls + indent, le);
    lines.push({ start: s, end: le });
    const nl = text.indexOf('\n', le);
    ls = nl < 0 ? bodyEnd : nl + 1;
  }
  return lines;
}

/**
 * The scalar's content as a script would see it, with each character's file offset.
 * Block scalars keep their line structure (folded ones too: a script reads better line by line);
 * line breaks inside plain and quoted scalars fold to spaces as YAML does.
 */
export function mappedContent(node: Scalar, text: string): MappedContent | undefined {
  if (typeof node.value !== 'string' || !node.range) return undefined;
  const [start, valueEnd] = node.range;
  const chars: string[] = [];
  const offsets: number[] = [];
  const ends: number[] = [];
  const push = (ch: string, at: number, end = at + 1) => {
    chars.push(ch);
    offsets.push(at);
    ends.push(end);
  };
  switch (node.type) {
    case Scalar.BLOCK_LITERAL:
    case Scalar.BLOCK_FOLDED: {
      const lines = blockLines(node, text);
      for (const line of lines) {
        for (let i = line.start; i < line.end; i++) push(text[i], i);
        push('\n', line.end, line.end);
      }
      offsets.push(lines.length ? lines[lines.length - 1].end : valueEnd);
      break;
    }
    case Scalar.QUOTE_SINGLE:
      for (let i = start + 1; i < valueEnd - 1; i++) {
        const ch = text[i];
        const at = i;
        if (ch === "'" && text[i + 1] === "'") i++;
        push(ch === '\n' || ch === '\r' ? ' ' : ch, at, i + 1);
      }
      offsets.push(valueEnd - 1);
      break;
    case Scalar.QUOTE_DOUBLE:
      decodeDoubleQuoted(text, start + 1, valueEnd - 1, push);
      offsets.push(valueEnd - 1);
      break;
    default:
      for (let i = start; i < valueEnd; i++) push(text[i] === '\n' || text[i] === '\r' ? ' ' : text[i], i);
      offsets.push(valueEnd);
  }
  return { content: chars.join(''), offsets, ends };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/** Best-effort decoding of a double-quoted scalar's escapes, each decoded character tied to where its escape starts. */
function decodeDoubleQuoted(text: string, from: number, to: number, push: (ch: string, at: number, end?: number) => void): void {
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (ch === '\r' || ch === '\n') {
      const at = i;
      if (ch === '\r' && text[i + 1] === '\n') i++;
      push(' ', at, i + 1);
      continue;
    }
    if (ch !== '\\' || i + 1 >= to) {
      push(ch, i);
      continue;
    }
    const esc = text[i + 1];
    if (esc === '\r' || esc === '\n') {
      // An escaped line break joins the lines with nothing in between.
      i += esc === '\r' && text[i + 2] === '\n' ? 2 : 1;
      while (i + 1 < to && (text[i + 1] === ' ' || text[i + 1] === '\t')) i++;
      continue;
    }
    const hex = HEX_LENGTH[esc];
    if (hex) {
      const code = parseInt(text.slice(i + 2, i + 2 + hex), 16);
      const decoded = code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : esc;
      for (const unit of decoded.split('')) push(unit, i, i + 2 + hex);
      i += 1 + hex;
      continue;
    }
    push(SIMPLE_ESCAPES[esc] ?? esc, i, i + 2);
    i++;
  }
}
