// JS/TS comments found lexically: typescript-estree's own comment collection doubles the parse time.
// Strings and template literals are skipped here; regex literals and JSX text, which a lexer cannot tell
// apart from division or markup, are passed in as opaque ranges taken from the AST.
import type { Range } from '../../model/types';

/** Index after the quoted string opened at `i` (or the line end when it is unterminated). */
function skipQuoted(src: string, i: number): number {
  const q = src[i];
  for (let j = i + 1; j < src.length; j++) {
    const c = src[j];
    if (c === '\\') j++;
    else if (c === q) return j + 1;
    else if (c === '\n') return j;
  }
  return src.length;
}

/** Scans template text from `j`; returns the index after the closing backtick, or after `${` (hole: true). */
function templateText(src: string, j: number): { end: number; hole: boolean } {
  for (; j < src.length; j++) {
    const c = src[j];
    if (c === '\\') j++;
    else if (c === '`') return { end: j + 1, hole: false };
    else if (c === '$' && src[j + 1] === '{') return { end: j + 2, hole: true };
  }
  return { end: src.length, hole: false };
}

/** Comment ranges of `src`, in order. `opaque` must be sorted by start. */
export function scanComments(src: string, opaque: Range[]): Range[] {
  const out: Range[] = [];
  /** Brace depth inside each open `${` hole, innermost last. */
  const holes: number[] = [];
  let k = 0;
  let i = src.startsWith('#!') ? src.indexOf('\n') : 0;
  if (i < 0) return out;
  while (i < src.length) {
    while (k < opaque.length && opaque[k].end <= i) k++;
    if (k < opaque.length && opaque[k].start <= i) {
      i = opaque[k].end;
      continue;
    }
    const c = src[i];
    const n = src[i + 1];
    if (c === '/' && n === '/') {
      let end = src.indexOf('\n', i);
      if (end < 0) end = src.length;
      if (src[end - 1] === '\r') end--;
      out.push({ start: i, end });
      i = end;
    } else if (c === '/' && n === '*') {
      const close = src.indexOf('*/', i + 2);
      const end = close < 0 ? src.length : close + 2;
      out.push({ start: i, end });
      i = end;
    } else if (c === '"' || c === "'") {
      i = skipQuoted(src, i);
    } else if (c === '`' || (c === '}' && holes.length && holes[holes.length - 1] === 0)) {
      if (c === '}') holes.pop();
      const t = templateText(src, i + 1);
      if (t.hole) holes.push(0);
      i = t.end;
    } else {
      if (holes.length) {
        if (c === '{') holes[holes.length - 1]++;
        else if (c === '}') holes[holes.length - 1]--;
      }
      i++;
    }
  }
  return out;
}
