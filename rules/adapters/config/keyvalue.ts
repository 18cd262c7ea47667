// Line-based key/value formats: Java .properties (escapes, continuations, `key value`) and .ini/.cfg/.toml-style files.
import type { FileModel, LanguageId } from '../../model/types';
import { ConfigModel, contentStart, lineEnd, rng, skipBlanks, str, trimEnd } from './build';

export type KeyValueDialect = 'properties' | 'ini';

const BASIC_ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f', b: '\b', '"': '"', '\\': '\\' };
const PROPERTIES_ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };
const HEX4 = /^[0-9a-fA-F]{4}$/;
const TABLE_BRACKETS = /^\[|\]$/g;

function nextLine(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl + 1;
}

/** `[section]` headers make the first path segment; `#`, `;` and `!` start comment lines in both dialects. */
export function parseKeyValues(text: string, language: LanguageId, dialect: KeyValueDialect): FileModel {
  const out = new ConfigModel(language, text, 'properties');
  let section: string | undefined;
  let pos = contentStart(text);
  while (pos < text.length) {
    const ls = pos;
    const le = lineEnd(text, ls);
    pos = nextLine(text, ls);
    const i = skipBlanks(text, ls, le);
    if (i === le) continue;
    const c = text[i];
    if (c === '#' || c === ';' || c === '!') {
      out.comment(text.slice(i + 1, le), i, le);
      continue;
    }
    if (c === '[') {
      const close = text.indexOf(']', i);
      if (close < 0 || close > le) {
        out.error(i, le);
        continue;
      }
      // TOML arrays of tables `[[name]]` name their table like `[name]`.
      const inner = text.slice(i + 1, close).replace(TABLE_BRACKETS, '').trim();
      section = inner;
      const after = skipBlanks(text, text[close + 1] === ']' ? close + 2 : close + 1, le);
      if (after < le && (text[after] === '#' || text[after] === ';')) out.comment(text.slice(after + 1, le), after, le);
      continue;
    }
    pos = dialect === 'properties' ? propertiesEntry(text, out, i, le, section) : (iniEntry(text, out, i, le, section, i > ls) ?? pos);
  }
  return out.finish();
}

function path(section: string | undefined, key: string): string[] {
  return section === undefined ? [key] : [section, key];
}

/** Java .properties: key ends at an unescaped `=`, `:` or blank; a trailing odd backslash continues the value. Returns the next line start. */
function propertiesEntry(text: string, out: ConfigModel, ks: number, le: number, section: string | undefined): number {
  let k = ks;
  while (k < le) {
    const ch = text[k];
    if (ch === '\\') k += 2;
    else if (ch === '=' || ch === ':' || ch === ' ' || ch === '\t' || ch === '\f') break;
    else k++;
  }
  const ke = Math.min(k, le);
  let vs = skipBlanks(text, ke, le);
  if (vs < le && (text[vs] === '=' || text[vs] === ':')) vs = skipBlanks(text, vs + 1, le);
  const pieces: string[] = [];
  let start = vs;
  let end = le;
  let lineStart = vs;
  let lineStop = le;
  let next = nextLine(text, le);
  for (;;) {
    const continued = endsWithOddBackslashes(text, lineStart, lineStop);
    pieces.push(text.slice(lineStart, continued ? lineStop - 1 : lineStop));
    end = continued ? lineStop - 1 : lineStop;
    if (!continued || next >= text.length) break;
    lineStop = lineEnd(text, next);
    lineStart = skipBlanks(text, next, lineStop);
    next = nextLine(text, lineStop);
  }
  if (start > end) start = end;
  const key = unescapeProperties(text.slice(ks, ke));
  const value = str(unescapeProperties(pieces.join('')), start, end);
  out.string(value);
  out.pair(key, rng(ks, ke), value, rng(ks, Math.max(ke, end)), path(section, key));
  return next;
}

function endsWithOddBackslashes(text: string, start: number, end: number): boolean {
  let n = 0;
  while (end - n - 1 >= start && text[end - n - 1] === '\\') n++;
  return n % 2 === 1;
}

function unescapeProperties(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let s = '';
  for (let j = 0; j < raw.length; j++) {
    if (raw[j] !== '\\' || j + 1 >= raw.length) {
      s += raw[j];
      continue;
    }
    const e = raw[++j];
    if (e === 'u' && HEX4.test(raw.slice(j + 1, j + 5))) {
      s += String.fromCharCode(parseInt(raw.slice(j + 1, j + 5), 16));
      j += 4;
    } else s += PROPERTIES_ESCAPES[e] ?? e;
  }
  return s;
}

/** .ini / .cfg / .toml lines: `key = value` or `key: value`; quoted values lose their quotes. Returns the next line start when a value spans lines. */
function iniEntry(text: string, out: ConfigModel, i: number, le: number, section: string | undefined, indented: boolean): number | undefined {
  let sep = i;
  if (text[i] === '"' || text[i] === "'") {
    const close = text.indexOf(text[i], i + 1);
    if (close > 0 && close < le) sep = close + 1;
  }
  while (sep < le && text[sep] !== '=' && text[sep] !== ':') sep++;
  if (sep >= le) {
    // An indented line without a separator continues a multi-line value (setup.cfg `install_requires =`).
    if (!indented) out.error(i, le);
    return undefined;
  }
  let ks = i;
  let ke = trimEnd(text, i, sep);
  if (ke - ks >= 2 && (text[ks] === '"' || text[ks] === "'") && text[ke - 1] === text[ks]) {
    ks++;
    ke--;
  }
  const key = text.slice(ks, ke);
  const vs = skipBlanks(text, sep + 1, le);
  const q = text[vs];
  let value;
  let next: number | undefined;
  let commentFrom = -1;
  if ((q === '"' || q === "'") && text.startsWith(q.repeat(3), vs)) {
    // TOML multi-line string.
    const close = text.indexOf(q.repeat(3), vs + 3);
    const cs = text[vs + 3] === '\n' ? vs + 4 : text.startsWith('\r\n', vs + 3) ? vs + 5 : vs + 3;
    const ce = close < 0 ? le : close;
    if (close < 0) out.error(vs, le);
    const raw = text.slice(cs, ce);
    value = str(q === '"' ? unescapeBasic(raw) : raw, cs, ce, vs, close < 0 ? le : close + 3);
    if (close >= 0) {
      const closeLe = lineEnd(text, close);
      commentFrom = skipBlanks(text, close + 3, closeLe);
      if (commentFrom < closeLe && (text[commentFrom] === '#' || text[commentFrom] === ';')) out.comment(text.slice(commentFrom + 1, closeLe), commentFrom, closeLe);
      next = nextLine(text, close);
    }
  } else {
    const close = q === '"' || q === "'" ? findQuote(text, vs + 1, le, q) : -1;
    if (close >= 0) {
      const raw = text.slice(vs + 1, close);
      value = str(q === '"' ? unescapeBasic(raw) : raw, vs + 1, close, vs, close + 1);
      commentFrom = skipBlanks(text, close + 1, le);
    } else {
      // Inline comments need a blank before them, so `p#ss` and `a;b` stay values.
      let ve = le;
      for (let j = vs + 1; j < le; j++) {
        if ((text[j] === '#' || text[j] === ';') && (text[j - 1] === ' ' || text[j - 1] === '\t')) {
          ve = j;
          break;
        }
      }
      commentFrom = ve;
      ve = trimEnd(text, vs, ve);
      value = str(text.slice(vs, ve), vs, ve);
    }
    if (commentFrom < le && (text[commentFrom] === '#' || text[commentFrom] === ';')) out.comment(text.slice(commentFrom + 1, le), commentFrom, le);
  }
  out.string(value);
  out.pair(key, rng(ks, ke), value, rng(i, Math.max(ke, value.range.end)), path(section, key));
  return next;
}

function findQuote(text: string, from: number, to: number, q: string): number {
  for (let j = from; j < to; j++) {
    if (text[j] === '\\' && q === '"') j++;
    else if (text[j] === q) return j;
  }
  return -1;
}

function unescapeBasic(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) => (e.length > 1 ? String.fromCharCode(parseInt(e.slice(1), 16)) : (BASIC_ESCAPES[e] ?? e)));
}
