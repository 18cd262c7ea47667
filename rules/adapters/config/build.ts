// Shared model-building helpers for the config-format adapters (JSON, YAML, .env, XML, properties).
import type { Expr, FileModel, Import, LanguageId, LiteralExpr, Pair, PairContainer, Range, StringExpr } from '../../model/types';
import { emptyModel } from '../../model/types';

export function rng(start: number, end: number): Range {
  return { start, end };
}

export function str(text: string, contentStart: number, contentEnd: number, start = contentStart, end = contentEnd): StringExpr {
  return { kind: 'string', text, contentRange: rng(contentStart, contentEnd), range: rng(start, end) };
}

export function lit(text: string, start: number, end: number): LiteralExpr {
  return { kind: 'literal', text, range: rng(start, end) };
}

const byStart = (a: { range: Range }, b: { range: Range }) => a.range.start - b.range.start;

/**
 * Accumulates one config file's model. Config formats have no scopes, so everything is scope 0.
 * `finish` restores source order where a format emits facts out of order (XML idioms, merged embeds).
 */
export class ConfigModel {
  readonly model: FileModel;

  constructor(language: LanguageId, text: string, readonly container: PairContainer) {
    this.model = emptyModel(language, text);
  }

  pair(key: string, keyRange: Range, value: Expr, range: Range, path: string[]): Pair {
    const p: Pair = { key, keyRange, value, range, container: this.container, path, scope: 0 };
    this.model.pairs.push(p);
    return p;
  }

  /** Records a value in `strings` when it is a string (the caller decides which values are top-level). */
  string(e: Expr): void {
    if (e.kind === 'string' || e.kind === 'concat') this.model.strings.push(e);
  }

  comment(text: string, start: number, end: number): void {
    this.model.comments.push({ text, range: rng(start, end) });
  }

  /** Error ranges are at least one character wide when the text allows, so editors can show them. */
  error(start: number, end: number): void {
    const len = this.model.text.length;
    let s = Math.max(0, Math.min(start, len));
    let e = Math.max(s, Math.min(end, len));
    if (e === s) {
      if (e < len) e++;
      else if (s > 0) s--;
    }
    this.model.errors.push(rng(s, e));
  }

  packageImport(module: string, range: Range): void {
    const imp: Import = { module, range, kind: 'package' };
    this.model.imports.push(imp);
  }

  finish(): FileModel {
    const m = this.model;
    m.strings.sort(byStart);
    m.comments.sort(byStart);
    m.pairs.sort(byStart);
    m.imports.sort(byStart);
    m.errors.sort((a, b) => a.start - b.start || a.end - b.end);
    // Parsers often report several errors at one spot (e.g. every unclosed bracket at end of file).
    m.errors = m.errors.filter((e, i, all) => i === 0 || e.start !== all[i - 1].start || e.end !== all[i - 1].end);
    return m;
  }
}

/** Index of the first character at or after `i` that is not a space or tab. */
export function skipBlanks(text: string, i: number, end: number): number {
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i;
}

/** Index just past the last character before `end` (and at or after `start`) that is not whitespace. */
export function trimEnd(text: string, start: number, end: number): number {
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return end;
}

/** Index of the first non-whitespace character in [start, end), or `end`. */
export function trimStart(text: string, start: number, end: number): number {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  return start;
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0xfeff;
}

/** End of the line that starts at `start` (excluding \r\n or \n). */
export function lineEnd(text: string, start: number): number {
  let e = text.indexOf('\n', start);
  if (e < 0) e = text.length;
  if (e > start && text.charCodeAt(e - 1) === 13) e--;
  return e;
}

/** Where content starts: after a byte-order mark, which editors keep but no format treats as text. */
export function contentStart(text: string): number {
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}
