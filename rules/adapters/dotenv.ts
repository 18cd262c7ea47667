// .env adapter: KEY=value lines (export prefix, quotes, multi-line double quotes, # comments) become 'env' Pairs.
import type { FileModel, LanguageId } from '../model/types';
import type { Adapter } from './adapter';
import { ConfigModel, contentStart, lineEnd, rng, skipBlanks, str, trimEnd } from './config/build';

export const dotenvAdapter: Adapter = {
  languages: ['dotenv'],
  async parse(text: string, language: LanguageId): Promise<FileModel> {
    return parseDotenv(text, language);
  },
};

const DOUBLE_QUOTE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', $: '$' };

function isKeyChar(c: number, first: boolean): boolean {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  return letter || (!first && ((c >= 48 && c <= 57) || c === 46 || c === 45));
}

/** Start of the line after the one containing `i`. */
function nextLine(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl + 1;
}

export function parseDotenv(text: string, language: LanguageId = 'dotenv'): FileModel {
  const out = new ConfigModel(language, text, 'env');
  // Where a search for each closing quote already ran off the end: later searches would too (no quadratic rescans).
  const unclosedFrom: Record<string, number> = {};
  let pos = contentStart(text);
  while (pos < text.length) {
    const ls = pos;
    const le = lineEnd(text, ls);
    pos = nextLine(text, ls);
    let i = skipBlanks(text, ls, le);
    if (i === le) continue;
    if (text[i] === '#') {
      out.comment(text.slice(i + 1, le), i, le);
      continue;
    }
    if (text.startsWith('export', i) && (text[i + 6] === ' ' || text[i + 6] === '\t')) i = skipBlanks(text, i + 6, le);
    const keyStart = i;
    while (i < le && isKeyChar(text.charCodeAt(i), i === keyStart)) i++;
    const keyEnd = i;
    i = skipBlanks(text, i, le);
    if (keyEnd === keyStart || (text[i] !== '=' && text[i] !== ':')) {
      out.error(ls + (keyEnd === keyStart ? i - ls : 0), le);
      continue;
    }
    const key = text.slice(keyStart, keyEnd);
    const vs = skipBlanks(text, i + 1, le);
    const q = text[vs];
    if (q === '"' || q === "'" || q === '`') {
      const close = vs + 1 >= (unclosedFrom[q] ?? Infinity) ? -1 : findClose(text, vs + 1, q);
      if (close < 0) unclosedFrom[q] = Math.min(unclosedFrom[q] ?? Infinity, vs + 1);
      if (close < 0) {
        // Unterminated: report it and read the rest of the line, so the key is still visible.
        out.error(vs, le);
        const value = str(text.slice(vs + 1, le), vs + 1, le, vs, le);
        out.string(value);
        out.pair(key, rng(keyStart, keyEnd), value, rng(keyStart, le), [key]);
        continue;
      }
      const raw = text.slice(vs + 1, close);
      const value = str(q === '"' ? unescapeDouble(raw) : raw, vs + 1, close, vs, close + 1);
      out.string(value);
      out.pair(key, rng(keyStart, keyEnd), value, rng(keyStart, close + 1), [key]);
      const closeLineEnd = lineEnd(text, close);
      const after = skipBlanks(text, close + 1, closeLineEnd);
      if (text[after] === '#') out.comment(text.slice(after + 1, closeLineEnd), after, closeLineEnd);
      pos = nextLine(text, close);
      continue;
    }
    let ve = le;
    for (let j = vs; j < le; j++) {
      // `#` starts a comment only at the value's start or after a blank, so `p@ss#word` stays whole.
      if (text[j] === '#' && (j === vs ? vs > i + 1 : text[j - 1] === ' ' || text[j - 1] === '\t')) {
        out.comment(text.slice(j + 1, le), j, le);
        ve = j;
        break;
      }
    }
    ve = trimEnd(text, vs, ve);
    const value = str(text.slice(vs, ve), vs, ve);
    out.string(value);
    out.pair(key, rng(keyStart, keyEnd), value, rng(keyStart, ve), [key]);
  }
  return out.finish();
}

/** Offset of the closing quote (double quotes honour backslash escapes), or -1. Values may span lines. */
function findClose(text: string, from: number, q: string): number {
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === '\\' && q === '"') j++;
    else if (c === q) return j;
  }
  return -1;
}

function unescapeDouble(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let s = '';
  for (let j = 0; j < raw.length; j++) {
    if (raw[j] === '\\' && j + 1 < raw.length) {
      const esc = DOUBLE_QUOTE_ESCAPES[raw[j + 1]];
      s += esc ?? raw[j] + raw[j + 1];
      j++;
    } else s += raw[j];
  }
  return s;
}
