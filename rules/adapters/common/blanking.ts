// Error recovery by blanking: broken lines are overwritten with spaces (newlines kept) so offsets stay valid.
import type { Range } from '../../model/types';

const NOT_NEWLINE = /[^\r\n]/g;

function lineStart(text: string, i: number): number {
  return text.lastIndexOf('\n', i - 1) + 1;
}

function lineEnd(text: string, i: number): number {
  const e = text.indexOf('\n', i);
  return e < 0 ? text.length : e;
}

/** The line holding offset `i`, plus `extra` lines on each side; the range excludes the final newline. */
export function lineRegion(text: string, i: number, extra = 0): Range {
  const at = Math.max(0, Math.min(i, text.length));
  let start = lineStart(text, at);
  let end = lineEnd(text, at);
  for (let k = 0; k < extra; k++) {
    if (start > 0) start = lineStart(text, start - 1);
    if (end < text.length) end = lineEnd(text, end + 1);
  }
  return { start, end };
}

/** `text` with `r` replaced by spaces, line breaks kept. */
export function blank(text: string, r: Range): string {
  return text.slice(0, r.start) + text.slice(r.start, r.end).replace(NOT_NEWLINE, ' ') + text.slice(r.end);
}

/** True when `r` holds only whitespace: blanking it again would change nothing. */
export function isBlank(text: string, r: Range): boolean {
  return text.slice(r.start, r.end).trim() === '';
}
