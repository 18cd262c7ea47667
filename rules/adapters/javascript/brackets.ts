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

/**
 * The spans of brackets opened more than `limit` deep, outermost only (from the opener to its closer, or to the
 * end of the text when unclosed): what error recovery blanks when the parser's recursion overflows.
 */
export function deepRegions(src: string, limit: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const stack: string[] = [];
  let openedAt = -1;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') {
      const nl = src.indexOf('\n', i);
      i = nl < 0 ? src.length : nl;
    } else if (c === '/' && src[i + 1] === '*') {
      const close = src.indexOf('*/', i + 2);
      i = close < 0 ? src.length : close + 1;
    } else if (c === '"' || c === "'" || c === '`') {
      i = skipString(src, i, src.length) - 1;
    } else if (c === '(' || c === '[' || c === '{') {
      stack.push(c);
      if (stack.length === limit + 1) openedAt = i;
    } else if (c === ')' || c === ']' || c === '}') {
      if (!stack.length || stack[stack.length - 1] !== CLOSE_OF[c]) continue;
      if (stack.length === limit + 1 && openedAt >= 0) {
        out.push({ start: openedAt, end: i + 1 });
        openedAt = -1;
      }
      stack.pop();
    }
  }
  if (openedAt >= 0) out.push({ start: openedAt, end: src.length });
  return out;
}

/**
 * Where a string, template literal or block comment that the text ends inside begins (a file cut off while typing),
 * or undefined. Closing brackets appended after it would only extend it.
 */
export function unterminatedLiteral(src: string): number | undefined {
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') {
      const nl = src.indexOf('\n', i);
      i = nl < 0 ? src.length : nl;
    } else if (c === '/' && src[i + 1] === '*') {
      const close = src.indexOf('*/', i + 2);
      if (close < 0) return i;
      i = close + 1;
    } else if (c === '"' || c === "'" || c === '`') {
      const after = skipString(src, i, src.length);
      const closed = after > i + 1 && src[after - 1] === c && src[after - 2] !== '\\';
      if (after >= src.length && !closed) return i;
      i = after - 1;
    }
  }
  return undefined;
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
