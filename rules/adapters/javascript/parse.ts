// typescript-estree parsing that survives syntax errors: blank the broken lines (offsets kept) and parse again.
import * as path from 'node:path';
import { parse, TSError, type TSESTree } from '@typescript-eslint/typescript-estree';
import type { LanguageId, Range } from '../../model/types';
import { blank, isBlank, lineRegion } from '../common/blanking';
import { innermostOpener } from './brackets';

/** Enough for a few broken spots in a file being edited; each attempt is one full parse. */
const MAX_ATTEMPTS = 20;
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

/**
 * Parses `text`; on a syntax error blanks the offending line, records it, and retries. When that line is already
 * blank the region widens (1, 2, 4... lines each side); an unclosed bracket at the end is closed instead.
 */
export function parseRecovering(text: string, language: LanguageId, fileName: string): Parsed {
  const filePath = parserFileName(language, fileName);
  const errors: Range[] = [];
  let src = text;
  let widen = 0;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    try {
      const ast = parse(src, { range: true, loc: false, comment: false, tokens: false, jsx: true, filePath, loggerFn: false, suppressDeprecatedPropertyWarnings: true });
      return { ast, source: src, errors };
    } catch (e) {
      const offset = errorOffset(e);
      if (offset === undefined) break;
      const closer = CLOSER_EXPECTED.exec((e as Error).message);
      if (closer && src.slice(offset).trim() === '') {
        // Report the line of the bracket left open, not the end of the file.
        const open = innermostOpener(src, offset);
        errors.push(lineRegion(text, open ? open.index : Math.max(0, text.trimEnd().length - 1)));
        src += closer[1];
        continue;
      }
      let region = lineRegion(src, culprit(src, offset, (e as Error).message));
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
