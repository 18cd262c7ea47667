// Python `#` comments found lexically: one scan of the text instead of a tree walk through wasm (several times faster).
import type { Comment } from '../../model/types';

const PREFIX_CHARS = new Set(['r', 'R', 'b', 'B', 'u', 'U', 'f', 'F', 't', 'T']);

function isIdentChar(c: string | undefined): boolean {
  return !!c && (c === '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c > '\x7f');
}

/** Whether the quote at `i` opens an f-string (or t-string): its 1-2 letter prefix holds f or t. */
function isFormatted(src: string, i: number): boolean {
  let k = i;
  while (k > i - 2 && PREFIX_CHARS.has(src[k - 1])) k--;
  if (isIdentChar(src[k - 1])) return false;
  const prefix = src.slice(k, i).toLowerCase();
  return prefix.includes('f') || prefix.includes('t');
}

/** Index after the string literal whose opening quote is at `i` (or the line end when it is unterminated). */
function skipString(src: string, i: number, formatted: boolean): number {
  const q = src[i];
  const triple = src[i + 1] === q && src[i + 2] === q;
  let j = i + (triple ? 3 : 1);
  let depth = 0;
  while (j < src.length) {
    const c = src[j];
    if (c === '\\') {
      j += 2;
    } else if (c === '\n' && !triple) {
      return j;
    } else if (depth === 0) {
      if (c === q && (!triple || (src[j + 1] === q && src[j + 2] === q))) return j + (triple ? 3 : 1);
      if (formatted && c === '{') {
        if (src[j + 1] === '{') j++;
        else depth = 1;
      }
      j++;
    } else if (c === '"' || c === "'") {
      // Python 3.12 lets replacement fields hold strings, even with the same quote.
      j = skipString(src, j, isFormatted(src, j));
    } else {
      if (c === '{') depth++;
      else if (c === '}') depth--;
      j++;
    }
  }
  return j;
}

export function scanComments(src: string): Comment[] {
  const out: Comment[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '#') {
      let end = src.indexOf('\n', i);
      if (end < 0) end = src.length;
      if (src[end - 1] === '\r') end--;
      out.push({ text: src.slice(i + 1, end), range: { start: i, end } });
      i = end;
    } else if (c === '"' || c === "'") {
      i = skipString(src, i, isFormatted(src, i));
    } else i++;
  }
  return out;
}
