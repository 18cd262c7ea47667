// Text helpers for fixes: line boundaries, indentation and line endings taken from the file itself,
// so a multi-line fix reads as if the file's author had written it (CRLF files stay CRLF).
import type { LanguageId, Range } from '../model/types';
import type { TextEdit } from '../engine/types';

/** The line-comment marker of a code language (PowerShell also inside pipeline YAML), or undefined. */
export function lineComment(language: LanguageId): '#' | '//' | undefined {
  switch (language) {
    case 'powershell':
    case 'python':
    case 'yaml':
      return '#';
    case 'csharp':
    case 'javascript':
    case 'typescript':
    case 'java':
      return '//';
    default:
      return undefined;
  }
}

/** The file's line ending: CRLF when the first line break is one, else LF. */
export function eolOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the line break ending the line that holds `offset` (or the end of the text); a CR before LF counts as the break. */
export function lineEnd(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  if (i < 0) return text.length;
  return i > 0 && text[i - 1] === '\r' ? i - 1 : i;
}

/** Leading whitespace of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const s = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(s, s + 200))![0];
}

/** One indentation step as the file uses it (a tab, or the smallest run of leading spaces; 4 by default). */
export function indentUnit(text: string): string {
  if (/^\t/m.test(text)) return '\t';
  let min = 0;
  for (const m of text.matchAll(/^( +)\S/gm)) if (min === 0 || m[1].length < min) min = m[1].length;
  return ' '.repeat(min >= 2 && min <= 8 ? min : 4);
}

export function replace(range: Range, text: string): TextEdit {
  return { range: { start: range.start, end: range.end }, text };
}

/** Whole lines inserted before the line holding `offset`, each at that line's indentation. */
export function insertLinesBefore(text: string, offset: number, lines: readonly string[]): TextEdit {
  const at = lineStart(text, offset);
  const indent = indentAt(text, offset);
  const eol = eolOf(text);
  return { range: { start: at, end: at }, text: lines.map((l) => (l ? indent + l : l) + eol).join('') };
}

/** Whole lines inserted after the line holding `offset` (pass a statement's end), at that line's indentation. */
export function insertLinesAfter(text: string, offset: number, lines: readonly string[], indent = indentAt(text, offset)): TextEdit {
  const at = lineEnd(text, offset);
  const eol = eolOf(text);
  return { range: { start: at, end: at }, text: lines.map((l) => eol + (l ? indent + l : l)).join('') };
}
