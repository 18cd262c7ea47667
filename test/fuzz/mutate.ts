// Mutation operators: each derives a hostile input from a seed text. All randomness comes from the Rng, so an
// input is reproduced by (seed, iteration) and kept as a regression fixture when it ever fails.
import type { Rng } from './prng';

export interface FuzzInput {
  fileName: string;
  /** The input as text (what an editor hands the server)... */
  text?: string;
  /** ...or as bytes (what the CLI and the workspace scan read from disk). */
  bytes?: Uint8Array;
  /** Where it came from and what was done to it, for the report and the regression fixture. */
  origin: string;
  ops: string[];
}

const UNICODE = [
  '\u{1F600}', '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}', '\u0301', '\u0336', '\u202E', '\u202D', '\u200B', '\u200D', '\uFEFF', '\u2028', '\u2029',
  '\u0085', '\u00A0', '\uD800', '\uDC00', '\uDBFF\uDFFF', '\uFFFD', '\uFFFF', '\u0430', '\u0440', '\u0435', '\u0410', 'ß', 'İ', 'ﬁ', '\u{10FFFF}',
  '\u0000', '\u001B[31m', '\t', '\r', '\v', '\f',
];
const UNMATCHED = ['"', "'", '`', '(', ')', '[', ']', '{', '}', '/*', '*/', '<#', '#>', '@"', '"@', "@'", "'@", '"""', "'''", '<!--', '-->', '<![CDATA[', ']]>', '${', '$(', '\\', '<', '>', '#', '//', ':', '- ', '|', '=', ',', ';', '\n  - ', '\n\t'];

function lines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

function randomText(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    if (r < 0.6) s += String.fromCharCode(rng.range(0x20, 0x7e));
    else if (r < 0.75) s += rng.pick(['\n', '\r\n', ' ', '\t']);
    else if (r < 0.9) s += rng.pick(UNMATCHED);
    else s += rng.pick(UNICODE);
  }
  return s;
}

/** Text mutations: each returns the mutated text and its name. */
const TEXT_OPS: Record<string, (rng: Rng, text: string, donor: () => string) => string> = {
  truncate: (rng, t) => t.slice(0, rng.int(t.length + 1)),
  'delete-lines': (rng, t) => {
    const ls = lines(t);
    for (let k = rng.range(1, 3); k > 0 && ls.length; k--) ls.splice(rng.int(ls.length), rng.range(1, 2));
    return ls.join('');
  },
  'double-lines': (rng, t) => {
    const ls = lines(t);
    if (!ls.length) return t;
    for (let k = rng.range(1, 3); k > 0; k--) {
      const i = rng.int(ls.length);
      ls.splice(i, 0, ...ls.slice(i, i + rng.range(1, 3)));
    }
    return ls.join('');
  },
  'swap-lines': (rng, t) => {
    const ls = lines(t);
    if (ls.length < 2) return t;
    const i = rng.int(ls.length);
    const j = rng.int(ls.length);
    [ls[i], ls[j]] = [ls[j], ls[i]];
    return ls.join('');
  },
  unicode: (rng, t) => insertAt(rng, t, () => rng.pick(UNICODE), rng.range(1, 6)),
  nul: (rng, t) => insertAt(rng, t, () => '\u0000', rng.range(1, 3)),
  unmatched: (rng, t) => insertAt(rng, t, () => rng.pick(UNMATCHED), rng.range(1, 4)),
  'delete-chars': (rng, t) => {
    let out = t;
    for (let k = rng.range(1, 6); k > 0 && out.length; k--) {
      const at = rng.int(out.length);
      out = out.slice(0, at) + out.slice(at + rng.range(1, 3));
    }
    return out;
  },
  splice: (rng, t, donor) => {
    const d = donor();
    const from = rng.int(d.length + 1);
    return insertAt(rng, t, () => d.slice(from, from + rng.range(1, 400)), 1);
  },
  repeat: (rng, t) => {
    if (!t.length) return t;
    const at = rng.int(t.length);
    const chunk = t.slice(at, at + rng.range(1, 40));
    return t.slice(0, at) + chunk.repeat(rng.range(2, 60)) + t.slice(at);
  },
  'line-endings': (rng, t) => {
    const mode = rng.int(3);
    const body = t.replace(/\r\n?/g, '\n');
    if (mode === 0) return body.replace(/\n/g, '\r\n');
    if (mode === 1) return body.replace(/\n/g, '\r');
    return body.replace(/\n/g, () => rng.pick(['\n', '\r\n', '\r']));
  },
  'random-text': (rng, t) => insertAt(rng, t, () => randomText(rng, rng.range(1, 80)), 1),
  // Deep nesting around a random spot: brackets, blocks, here-strings... up to a few thousand levels.
  nest: (rng, t) => {
    const [open, close] = rng.pick([['(', ')'], ['[', ']'], ['{', '}'], ['@(', ')'], ['if ($a) {', '}'], ['{"a":', '}'], ['<a>', '</a>'], ['f(', ')'], ['- ', '']]);
    const n = rng.chance(0.2) ? rng.range(500, 3000) : rng.range(2, 80);
    const at = rng.int(t.length + 1);
    const to = Math.min(t.length, at + rng.int(60));
    return t.slice(0, at) + open.repeat(n) + t.slice(at, to) + close.repeat(rng.chance(0.7) ? n : rng.int(n)) + t.slice(to);
  },
};

function insertAt(rng: Rng, t: string, piece: () => string, count: number): string {
  let out = t;
  for (let k = 0; k < count; k++) {
    const at = rng.int(out.length + 1);
    out = out.slice(0, at) + piece() + out.slice(at);
  }
  return out;
}

export const TEXT_OP_NAMES = Object.keys(TEXT_OPS);

/**
 * One input from `seed`: 1-3 text mutations, then sometimes a byte-level one (bit flips, or the text in UTF-16
 * with a byte order mark), or, one time in twelve, random bytes or random text with the seed's file name.
 */
export function mutate(rng: Rng, seed: { fileName: string; path: string; text: string }, donor: () => string): FuzzInput {
  const r = rng.next();
  if (r < 1 / 24) {
    const bytes = new Uint8Array(rng.int(2048));
    for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(256);
    return { fileName: seed.fileName, bytes, origin: seed.path, ops: ['random-bytes'] };
  }
  if (r < 1 / 12) return { fileName: seed.fileName, text: randomText(rng, rng.int(3000)), origin: seed.path, ops: ['random-text-file'] };
  let text = seed.text;
  const ops: string[] = [];
  for (let k = rng.range(1, 3); k > 0; k--) {
    const op = rng.pick(TEXT_OP_NAMES);
    text = TEXT_OPS[op](rng, text, donor);
    ops.push(op);
  }
  const b = rng.next();
  if (b < 0.12) {
    const bytes = new Uint8Array(Buffer.from(text, 'utf8'));
    for (let k = rng.range(1, 8); k > 0 && bytes.length; k--) bytes[rng.int(bytes.length)] ^= 1 << rng.int(8);
    return { fileName: seed.fileName, bytes, origin: seed.path, ops: [...ops, 'bit-flips'] };
  }
  if (b < 0.16) {
    const le = rng.chance(0.5);
    const body = Buffer.from(text, 'utf16le');
    if (!le) body.swap16();
    return { fileName: seed.fileName, bytes: new Uint8Array(Buffer.concat([Buffer.from(le ? [0xff, 0xfe] : [0xfe, 0xff]), body])), origin: seed.path, ops: [...ops, le ? 'utf16le-bom' : 'utf16be-bom'] };
  }
  return { fileName: seed.fileName, text, origin: seed.path, ops };
}
