// typescript-estree parsing that survives syntax errors: blank the broken lines (offsets kept) and parse again.
import * as path from 'node:path';
import { parse, TSError, type TSESTree } from '@typescript-eslint/typescript-estree';
import type { LanguageId, Range } from '../../model/types';
import type { Budget } from '../budget';
import { blank, isBlank, lineRegion } from '../common/blanking';
import { deepRegions, innermostOpener, unterminatedLiteral } from './brackets';

/** Enough for a few broken spots in a file being edited; each attempt is one full parse. */
const MAX_ATTEMPTS = 20;
/**
 * TypeScript's parser recurses once per nesting level and overflows the stack a few hundred levels deep (nested
 * functions: ~330, arrays: ~600). On a stack overflow, whatever is nested deeper than this is blanked and the
 * parse retried (then deeper than half of it...), so the rest of the file is still read.
 */
const DEEP_NESTING = 128;
/** TypeScript's "'}' expected." at end of input: an unclosed bracket, closed by appending instead of blanking. */
const CLOSER_EXPECTED = /^'([)}\]])' expected/;
/** Errors that, at the first token of a line, mean the previous line is unfinished (`foo({ a,` then a new statement). */
const PREVIOUS_LINE_ERROR = /^('[^']+' expected|Identifier expected|Expression expected)/;
const JS_EXT = new Set(['.js', '.mjs', '.cjs', '.jsx']);
const TS_EXT = new Set(['.ts', '.mts', '.cts', '.tsx']);

export interface Parsed {
  ast?: TSESTree.Program;
  /** The text that parsed: broken lines blanked, maybe closing brackets appended. */
  source: string;
  errors: Range[];
}

/** The file name typescript-estree sees: its extension decides TS vs JS and JSX. */
function parserFileName(language: LanguageId, fileName: string): string {
  const ext = path.extname(fileName).toLowerCase();
  if (language === 'typescript') return TS_EXT.has(ext) ? `file${ext}` : 'file.ts';
  return JS_EXT.has(ext) ? `file${ext}` : 'file.js';
}

function errorOffset(e: unknown): number | undefined {
  if (e instanceof TSError) return e.location.start.offset;
  return undefined;
}

/**
 * Where to blank for an error at `offset`. At the first token of a line the fault is usually above: an expression
 * left open (`foo({ a,` then a new statement) is blanked at its opening line, else the previous line is.
 */
function culprit(src: string, offset: number, message: string): number {
  const start = src.lastIndexOf('\n', offset - 1) + 1;
  if (src.slice(start, offset).trim() !== '') return offset;
  const open = innermostOpener(src, offset);
  if (open?.expression && open.index < start) return open.index;
  if (!PREVIOUS_LINE_ERROR.test(message)) return offset;
  const prev = src.slice(0, start).trimEnd().length;
  return prev > 0 ? prev - 1 : offset;
}

/** The longest line that is not blank yet, or undefined. */
function longestLine(src: string): Range | undefined {
  let best: Range | undefined;
  for (let start = 0; start <= src.length; ) {
    const nl = src.indexOf('\n', start);
    const end = nl < 0 ? src.length : nl;
    if ((!best || end - start > best.end - best.start) && !isBlank(src, { start, end })) best = { start, end };
    start = end + 1;
  }
  return best;
}

/**
 * Parses `text`; on a syntax error blanks the offending line, records it, and retries. When that line is already
 * blank the region widens (1, 2, 4... lines each side); an unclosed bracket at the end is closed instead. No retry
 * starts once `budget` has run out.
 */
export function parseRecovering(text: string, language: LanguageId, fileName: string, budget?: Budget): Parsed {
  const filePath = parserFileName(language, fileName);
  const errors: Range[] = [];
  let src = text;
  let widen = 0;
  let depth = DEEP_NESTING;
  for (let attempt = 0; attempt < MAX_ATTEMPTS && !(attempt > 0 && budget?.expired()); attempt++) {
    try {
      const ast = parse(src, { range: true, loc: false, comment: false, tokens: false, jsx: true, filePath, loggerFn: false, suppressDeprecatedPropertyWarnings: true });
      return { ast, source: src, errors };
    } catch (e) {
      if (e instanceof RangeError) {
        // Stack overflow: blank what is nested too deeply and try again; with no deep brackets (a chain of a
        // thousand `+` or `.f()`, which the converter also recurses into), blank the longest line.
        const deep = depth >= 8 ? deepRegions(src, depth) : [];
        depth >>= 1;
        if (!deep.length) {
          const line = longestLine(src);
          if (line) deep.push(line);
        }
        for (const r of deep) {
          errors.push({ start: Math.min(r.start, text.length), end: Math.min(r.end, text.length) });
          src = blank(src, r);
        }
        if (deep.length) continue;
      }
      const offset = errorOffset(e);
      if (offset === undefined) break;
      if (src.slice(offset).trim() === '' || offset >= src.length) {
        // The text ends inside a string, template or comment: blank from its line on (appended closers would land in it).
        const literal = unterminatedLiteral(src);
        if (literal !== undefined) {
          const region = { start: lineRegion(src, literal).start, end: src.length };
          errors.push({ start: Math.min(region.start, text.length), end: text.length });
          src = blank(src, region);
          continue;
        }
      }
      const closer = CLOSER_EXPECTED.exec((e as Error).message);
      if (closer && src.slice(offset).trim() === '') {
        // Report the line of the bracket left open, not the end of the file.
        const open = innermostOpener(src, offset);
        errors.push(lineRegion(text, open ? open.index : Math.max(0, text.trimEnd().length - 1)));
        // On a line of its own: the text may end in a line comment, which would swallow it.
        src += `\n${closer[1]}`;
        continue;
      }
      let region = lineRegion(src, culprit(src, offset, (e as Error).message));
      if (region.start >= text.length && src.length > text.length && text.trim()) {
        // The error is in the closers appended above: they cannot finish the statement the text ends in
        // (`import { A` cut off). Drop them and blank that last line instead.
        src = src.slice(0, text.length);
        region = lineRegion(src, src.trimEnd().length - 1);
      }
      if (isBlank(src, region)) {
        // Blanking there changed nothing: take more lines around the error each time.
        widen = Math.max(1, widen * 2);
        region = lineRegion(src, offset, widen);
      } else widen = 0;
      errors.push({ start: Math.min(region.start, text.length), end: Math.min(region.end, text.length) });
      src = blank(src, region);
    }
  }
  errors.push({ start: 0, end: text.length });
  return { source: src, errors };
}
