// A rough bracket scanner for error recovery: which bracket is still open at a given offset.
// Strings, template literals and comments are skipped; regex literals are not recognised (rarely matters here).

const CLOSE_OF: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
/** A `{` after one of these opens an object literal (an expression), not a block. */
const EXPRESSION_BEFORE = new Set(['(', ',', '=', ':', '[', '?', '>', '|', '&', '!']);

export interface Opener {
  index: number;
  char: string;
  /** True for `(`, `[` and object-literal `{`: an unfinished expression rather than a block. */
  expression: boolean;
}

function previousSignificant(src: string, i: number): string {
  for (let k = i - 1; k >= 0; k--) {
    const c = src[k];
    if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\n') return c;
  }
  return '';
}

/** Skips a quoted string starting at `i` (the quote); returns the index after it. */
function skipString(src: string, i: number, end: number): number {
  const q = src[i];
  for (let k = i + 1; k < end; k++) {
    const c = src[k];
    if (c === '\\') k++;
    else if (c === q || (c === '\n' && q !== '`')) return k + 1;
  }
  return end;
}

/** The innermost bracket opened before `end` and not closed by then. */
export function innermostOpener(src: string, end: number): Opener | undefined {
  const stack: Opener[] = [];
  for (let i = 0; i < end; i++) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') {
      const nl = src.indexOf('\n', i);
      i = nl < 0 ? end : nl;
    } else if (c === '/' && src[i + 1] === '*') {
      const close = src.indexOf('*/', i + 2);
      i = close < 0 ? end : close + 1;
    } else if (c === '"' || c === "'" || c === '`') {
      i = skipString(src, i, end) - 1;
    } else if (c === '(' || c === '[' || c === '{') {
      stack.push({ index: i, char: c, expression: c !== '{' || EXPRESSION_BEFORE.has(previousSignificant(src, i)) });
    } else if (c === ')' || c === ']' || c === '}') {
      if (stack.length && stack[stack.length - 1].char === CLOSE_OF[c]) stack.pop();
    }
  }
  return stack[stack.length - 1];
}
