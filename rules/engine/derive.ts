// Derives facts every language shares from the adapter's model: splatted named arguments,
// key/value pairs inside form bodies and query strings, and pairs built step by step
// (URLSearchParams.set/append, map.put, dict.Add, FormBody.Builder.add, Java Map.of / Map.entry).
import type { Call, Expr, FileModel, NamedArg, Pair, Range } from '../model/types';
import { deref, UNKNOWN } from './resolve';

const PARAM_SETTERS = new Set(['set', 'append', 'put', 'add', 'Add', 'TryAdd', 'setParameter', 'addParameter', 'param', 'field', 'formParam', 'addFormDataPart', 'addQueryParameter', 'queryParam']);
const FORM_KEY = /^[A-Za-z_][\w.:-]*$/;

/** Named arguments of a call including those splatted in from a hashtable/dict (`@params`, `**kwargs`). */
export function expandSplats(call: Call): NamedArg[] {
  const out = [...call.named];
  for (const a of call.args) {
    if (a.kind !== 'spread') continue;
    const obj = deref(a.argument);
    if (obj?.kind !== 'object') continue;
    for (const p of obj.entries) {
      if (!out.some((n) => n.name.toLowerCase() === p.key.toLowerCase())) {
        out.push({ name: p.key, nameRange: a.range, value: p.value, range: a.range });
      }
    }
  }
  return out;
}

/** A string's approximate text with a way to map text offsets back to file ranges. */
export interface TextMap {
  text: string;
  /** File range for text offsets [i, j): exact inside one literal piece, else the covering part's range. */
  range(i: number, j: number): Range;
}

interface Piece {
  from: number; // text offset
  to: number;
  range: Range; // file range of the part
  exact: boolean; // text offsets map 1:1 onto file offsets from range.start
}

/** Build the text map of a string expression: literal pieces map exactly, other parts map to their own range. */
export function textMap(e: Expr, approx: (e: Expr) => string): TextMap {
  const pieces: Piece[] = [];
  let text = '';
  const add = (part: Expr) => {
    if (part.kind === 'string') {
      const exact = part.contentRange.end - part.contentRange.start === part.text.length;
      pieces.push({ from: text.length, to: text.length + part.text.length, range: exact ? part.contentRange : part.range, exact });
      text += part.text;
    } else if (part.kind === 'concat') {
      for (const p of part.parts) add(p);
    } else {
      const t = approx(part);
      pieces.push({ from: text.length, to: text.length + t.length, range: part.range, exact: false });
      text += t;
    }
  };
  add(e);
  const range = (i: number, j: number): Range => {
    const a = pieces.find((p) => i >= p.from && i < p.to) ?? pieces[pieces.length - 1];
    const b = pieces.find((p) => j > p.from && j <= p.to) ?? a;
    if (!a) return e.range;
    const start = a.exact ? a.range.start + (i - a.from) : a.range.start;
    const end = b.exact ? b.range.start + (j - b.from) : b.range.end;
    return start <= end ? { start, end } : e.range;
  };
  return { text, range };
}

/** Pairs parsed out of a string value that looks like `a=b&c=d` or a URL with a query. */
export function formPairs(map: TextMap, scope: number): Pair[] {
  const value = map.text;
  if (!value.includes('=')) return [];
  const q = value.indexOf('?');
  const body = q >= 0 && /^[a-z]+:\/\//i.test(value) ? value.slice(q + 1) : value;
  const bodyStart = value.length - body.length;
  if (!body.includes('&') && !/^[A-Za-z_][\w.-]*=/.test(body)) return [];
  const out: Pair[] = [];
  let pos = bodyStart;
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0) {
      const key = safeDecode(part.slice(0, eq));
      if (FORM_KEY.test(key)) {
        const text = safeDecode(part.slice(eq + 1).replace(/\+/g, ' '));
        const vr = map.range(pos + eq + 1, pos + part.length);
        const value: Expr = text.includes(UNKNOWN)
          ? { kind: 'unknown', text: text.split(UNKNOWN).join('…'), range: vr }
          : { kind: 'string', text, contentRange: vr, range: vr, value: text };
        out.push({ key, keyRange: map.range(pos, pos + eq), value, range: map.range(pos, pos + part.length), container: 'form', path: [key], scope });
      }
    }
    pos += part.length + 1;
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** `params.set('grant_type', 'password')` and friends as pairs. */
export function callPairs(call: Call, valueOf: (e: Expr) => string | undefined): Pair | undefined {
  if (!PARAM_SETTERS.has(call.name) || call.args.length !== 2) return undefined;
  const key = valueOf(call.args[0]);
  if (key === undefined || !FORM_KEY.test(key)) return undefined;
  return { key, keyRange: call.args[0].range, value: call.args[1], range: call.range, container: 'params', path: [key], scope: call.scope };
}

/** Java `Map.of(k1, v1, k2, v2, ...)` / `ImmutableMap.of(...)` and `Map.entry(k, v)` as pairs. */
export function mapOfPairs(call: Call, valueOf: (e: Expr) => string | undefined): Pair[] {
  const owner = call.callee[call.callee.length - 2];
  const isOf = call.name === 'of' && (owner === 'Map' || owner === 'ImmutableMap') && call.args.length % 2 === 0;
  const isEntry = call.name === 'entry' && owner === 'Map' && call.args.length === 2;
  if (!isOf && !isEntry) return [];
  const out: Pair[] = [];
  for (let i = 0; i + 1 < call.args.length; i += 2) {
    const [k, v] = [call.args[i], call.args[i + 1]];
    const key = valueOf(k);
    if (key === undefined || !FORM_KEY.test(key)) continue;
    out.push({ key, keyRange: k.range, value: v, range: { start: k.range.start, end: v.range.end }, container: 'initializer', path: [key], scope: call.scope });
  }
  return out;
}

/** All pairs: the adapter's plus the derived ones. */
export function derivePairs(model: FileModel, valueOf: (e: Expr) => string | undefined, approx: (e: Expr) => string): Pair[] {
  const out = [...model.pairs];
  for (const c of model.calls) {
    const p = callPairs(c, valueOf);
    if (p) out.push(p);
    out.push(...mapOfPairs(c, valueOf));
    // Python-style dict(k=v) / C# new { } are adapter pairs already; `new URLSearchParams('a=b')` is a string.
  }
  for (const s of model.strings) out.push(...formPairs(textMap(s, approx), 0));
  for (const a of model.assignments) {
    // data["grant_type"] = "password"  /  body.grant_type = 'password'
    if (a.target.length === 2) {
      const key = a.target[1];
      if (FORM_KEY.test(key)) out.push({ key, keyRange: a.targetRange, value: a.value, range: a.range, container: 'params', path: a.target, scope: a.scope });
    }
  }
  return out;
}
