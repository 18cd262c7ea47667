// Derives facts every language shares from the adapter's model: splatted named arguments,
// key/value pairs inside form bodies and query strings, and pairs built step by step
// (URLSearchParams.set/append, map.put, dict.Add, FormBody.Builder.add).
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

/** Pairs parsed out of a string value that looks like `a=b&c=d` or a URL with a query. */
export function formPairs(e: Expr, value: string | undefined, scope: number): Pair[] {
  if (!value || !value.includes('=')) return [];
  const q = value.indexOf('?');
  const body = q >= 0 && /^[a-z]+:\/\//i.test(value) ? value.slice(q + 1) : value;
  const bodyStart = value.length - body.length;
  if (!body.includes('&') && !/^[A-Za-z_][\w.-]*=/.test(body)) return [];
  // Map string offsets back to the file only for plain literals whose text equals the source.
  const exact = e.kind === 'string' && e.contentRange.end - e.contentRange.start === e.text.length;
  const at = (i: number, j: number): Range => (exact && e.kind === 'string' ? { start: e.contentRange.start + i, end: e.contentRange.start + j } : e.range);
  const out: Pair[] = [];
  let pos = bodyStart;
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0) {
      const key = safeDecode(part.slice(0, eq));
      if (FORM_KEY.test(key)) {
        const text = safeDecode(part.slice(eq + 1).replace(/\+/g, ' '));
        const vr = at(pos + eq + 1, pos + part.length);
        const value: Expr = text.includes(UNKNOWN)
          ? { kind: 'unknown', text: text.split(UNKNOWN).join('…'), range: vr }
          : { kind: 'string', text, contentRange: vr, range: vr, value: text };
        out.push({ key, keyRange: at(pos, pos + eq), value, range: at(pos, pos + part.length), container: 'form', path: [key], scope });
      }
    }
    pos += part.length + 1;
  }
  return out.length ? out : [];
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

/** All pairs: the adapter's plus the derived ones. */
export function derivePairs(model: FileModel, valueOf: (e: Expr) => string | undefined, approx: (e: Expr) => string): Pair[] {
  const out = [...model.pairs];
  for (const c of model.calls) {
    const p = callPairs(c, valueOf);
    if (p) out.push(p);
    // Python-style dict(k=v) / C# new { } are adapter pairs already; `new URLSearchParams('a=b')` is a string.
  }
  for (const s of model.strings) out.push(...formPairs(s, approx(s), 0));
  for (const a of model.assignments) {
    // data["grant_type"] = "password"  /  body.grant_type = 'password'
    if (a.target.length === 2) {
      const key = a.target[1];
      if (FORM_KEY.test(key)) out.push({ key, keyRange: a.targetRange, value: a.value, range: a.range, container: 'params', path: a.target, scope: a.scope });
    }
  }
  return out;
}
