// Raw token requests: a `grant_type=password` body switched to the Secure Application Model exchange,
// `grant_type=refresh_token` with client_id, client_secret and refresh_token (username/password dropped,
// resource/scope kept), in the container the grant lives in: hashtable, dict, object literal, initializer,
// URLSearchParams/put/Add calls, form string. The request's response is then kept and its rotated
// refresh_token written back.
import type { Call, Expr, FileModel, ObjectExpr, Pair, Range } from '../model/types';
import type { Fix, RuleContext, TextEdit } from '../engine/types';
import { deref } from '../engine/resolve';
import { formPairs, textMap } from '../engine/derive';
import { forEachExpr } from '../engine/walk';
import { fixWith } from './edits';
import { eolOf, indentAt, indentUnit, lineEnd, lineStart } from './text';
import { APP_ID, APP_SECRET, REFRESH_TOKEN, Snippets, codeLanguage, deleteEntry, entryRange, linesAfter, statementOf, within, type CodeLanguage, type FixSession } from './sam';

const TITLE = 'Request grant_type=refresh_token with the stored refresh token instead (Secure Application Model)';

/** What a refresh-token request needs besides grant_type, in the order added, and where each value comes from. */
const NEEDED: { key: string; satisfiedBy: string[]; value: (s: Snippets) => string }[] = [
  { key: 'client_id', satisfiedBy: ['client_id'], value: (s) => s.setting(APP_ID) },
  { key: 'client_secret', satisfiedBy: ['client_secret', 'client_assertion'], value: (s) => s.secret(APP_SECRET) },
  { key: 'refresh_token', satisfiedBy: ['refresh_token'], value: (s) => s.secret(REFRESH_TOKEN) },
];
const USER = /^user_?name$/i;
const PASSWORD = /^password$/i;

interface Plan {
  /** Keys to add (or to put in place of username / password), with their value code. */
  missing: { key: string; value: string }[];
  users: Pair[];
  passwords: Pair[];
}

function plan(s: Snippets, siblings: readonly Pair[]): Plan {
  const keys = new Set(siblings.map((p) => p.key.toLowerCase()));
  return {
    missing: NEEDED.filter((n) => !n.satisfiedBy.some((k) => keys.has(k))).map((n) => ({ key: n.key, value: n.value(s) })),
    users: siblings.filter((p) => USER.test(p.key)),
    passwords: siblings.filter((p) => PASSWORD.test(p.key)),
  };
}

/** The fix for a `grant_type` pair whose value is `password`, in code (config files have no way to read a secret). */
export function tokenRequestFix(session: FixSession, grant: Pair): Fix | undefined {
  const { ctx } = session;
  const language = ctx.language === 'yaml' ? undefined : codeLanguage(ctx.language);
  if (!language) return undefined;
  const s = new Snippets(language, ctx.options.secretStore);
  let result: { edits: TextEdit[]; body?: BodyRef } | undefined;
  if (grant.container === 'form') result = formEdits(ctx, s, grant);
  else if (grant.container === 'params') result = paramsEdits(ctx, s, grant);
  else if (['object', 'hashtable', 'dict', 'initializer'].includes(grant.container)) result = containerEdits(ctx, s, grant);
  if (!result) return undefined;
  const send = result.body && sendCall(ctx, result.body);
  if (send) result.edits.push(...captureEdits(session, s, send));
  return fixWith(ctx.model, TITLE, result.edits, s.imports, { preferred: true });
}

// ---------------------------------------------------------------------------------------------
// Keys and values in place

/** The key's name inside its source (`"username"` -> the `username` characters). */
function keyNameRange(ctx: RuleContext, p: Pair): Range | undefined {
  const t = ctx.text(p.keyRange);
  const i = t.indexOf(p.key);
  return i < 0 ? undefined : { start: p.keyRange.start + i, end: p.keyRange.start + i + p.key.length };
}

/** `grant_type`'s value becomes `refresh_token`: a literal keeps its quotes, anything else (a constant) becomes a literal. */
function grantValueEdit(ctx: RuleContext, language: CodeLanguage, grant: Pair): TextEdit {
  const v = grant.value;
  if (v.kind === 'string' && v.contentRange.end > v.contentRange.start) return { range: v.contentRange, text: 'refresh_token' };
  const keyQuote = /^["']/.exec(ctx.text(grant.keyRange))?.[0];
  const q = keyQuote ?? (language === 'powershell' || language === 'javascript' || language === 'typescript' ? "'" : '"');
  return { range: v.range, text: `${q}refresh_token${q}` };
}

/** Rewrites a username / password entry in place as `key` = `value` (shorthand `{ username }` written out). */
function renameEntry(ctx: RuleContext, p: Pair, key: string, value: string): TextEdit[] {
  const name = keyNameRange(ctx, p);
  if (!name || (p.keyRange.start === p.value.range.start && p.keyRange.end === p.value.range.end)) return [{ range: entryRange(ctx.model.text, p), text: `${key}: ${value}` }];
  // `username   = $user` in an aligned hashtable: the padding shrinks so the `=` stays in its column where it can.
  const pad = /^ {2,}(?=[=:])/.exec(ctx.model.text.slice(name.end, p.value.range.start));
  if (pad) {
    const spaces = ' '.repeat(Math.max(1, pad[0].length - (key.length - p.key.length)));
    return [{ range: { start: name.start, end: name.end + pad[0].length }, text: key + spaces }, { range: p.value.range, text: value }];
  }
  return [{ range: name, text: key }, { range: p.value.range, text: value }];
}

/** A new entry shaped like `grant`'s own source (same quotes, separators, call or indexer form). */
function entryLike(ctx: RuleContext, grant: Pair, whole: Range, key: string, value: string): string {
  const text = ctx.model.text;
  const name = keyNameRange(ctx, grant);
  if (!name || (grant.keyRange.start === grant.value.range.start && grant.keyRange.end === grant.value.range.end)) return `${key}: ${value}`;
  const parts: [Range, string][] = [
    [name, key],
    [grant.value.range, value],
  ];
  parts.sort((a, b) => b[0].start - a[0].start);
  let out = text.slice(whole.start, whole.end);
  for (const [r, t] of parts) out = out.slice(0, r.start - whole.start) + t + out.slice(r.end - whole.start);
  return out;
}

/** Username -> refresh_token and password -> client_secret when those are missing; otherwise they go. */
function replaceCredentials(ctx: RuleContext, p: Plan, remove: (pair: Pair) => TextEdit): TextEdit[] {
  const edits: TextEdit[] = [];
  const take = (key: string) => {
    const i = p.missing.findIndex((m) => m.key === key);
    return i < 0 ? undefined : p.missing.splice(i, 1)[0];
  };
  for (const u of p.users) {
    const m = take('refresh_token');
    edits.push(...(m ? renameEntry(ctx, u, m.key, m.value) : [remove(u)]));
  }
  for (const w of p.passwords) {
    const m = take('client_secret');
    edits.push(...(m ? renameEntry(ctx, w, m.key, m.value) : [remove(w)]));
  }
  return edits;
}

// ---------------------------------------------------------------------------------------------
// Containers: hashtables, dicts, object literals, initializers, dict(k=v)

/** Where the request body is referenced from: the container's range, and the variable it is assigned to. */
interface BodyRef {
  range: Range;
  variable?: { name: string; after: number };
}

function containerEdits(ctx: RuleContext, s: Snippets, grant: Pair): { edits: TextEdit[]; body: BodyRef } | undefined {
  const text = ctx.model.text;
  const box = containerOf(ctx, grant);
  if (!box) return undefined;
  const p = plan(s, box.siblings);
  const edits: TextEdit[] = [grantValueEdit(ctx, s.language, grant)];
  edits.push(...replaceCredentials(ctx, p, (pair) => deleteEntry(text, entryRange(text, pair))));
  if (p.missing.length) {
    const grantEntry = entryRange(text, grant);
    const entries = p.missing.map((m) => entryLike(ctx, grant, grantEntry, m.key, m.value));
    edits.push(...insertEntries(ctx, s.language, grantEntry, entries));
  }
  return { edits, body: { range: box.range, variable: assignedTo(ctx, box.range) } };
}

/** Every object expression of a model, collected once per model (a file may hold thousands of grants). */
const objectsOf = new WeakMap<FileModel, ObjectExpr[]>();
function objects(model: FileModel): ObjectExpr[] {
  let list = objectsOf.get(model);
  if (!list) {
    const found: ObjectExpr[] = [];
    forEachExpr(model, (e) => {
      if (e.kind === 'object') found.push(e);
    });
    objectsOf.set(model, (list = found));
  }
  return list;
}

/** The container holding `grant` and every pair in it (spread-in objects included). */
function containerOf(ctx: RuleContext, grant: Pair): { range: Range; siblings: Pair[] } | undefined {
  let best: ObjectExpr | undefined;
  for (const e of objects(ctx.model)) {
    if (!within(grant.keyRange, e.range)) continue;
    if (!e.entries.some((q) => q.keyRange.start === grant.keyRange.start)) continue;
    if (!best || e.range.end - e.range.start < best.range.end - best.range.start) best = e;
  }
  if (best) {
    const obj: ObjectExpr = best;
    const siblings = [...obj.entries];
    for (const sp of obj.spreads) {
      const inner = deref(sp.kind === 'spread' ? sp.argument : sp);
      if (inner?.kind === 'object') siblings.push(...inner.entries);
    }
    return { range: obj.range, siblings };
  }
  // Python dict(k=v, …): keyword arguments of the call.
  const call = ctx.calls.filter((c) => c.name === 'dict' && c.named.some((n) => n.nameRange.start === grant.keyRange.start)).sort((a, b) => a.range.end - a.range.start - (b.range.end - b.range.start))[0];
  if (!call) return undefined;
  return { range: call.range, siblings: ctx.pairs.filter((q) => q.container === grant.container && within(q.keyRange, call.range)) };
}

/**
 * New entries after `grantEntry`: on lines of their own when the grant stands on its own line (with the
 * container's separator), else inline after it.
 */
function insertEntries(ctx: RuleContext, language: CodeLanguage, grantEntry: Range, entries: string[]): TextEdit[] {
  const text = ctx.model.text;
  const eol = eolOf(text);
  const sep = language === 'powershell' ? ';' : ',';
  const le = lineEnd(text, grantEntry.end);
  const after = text.slice(grantEntry.end, le);
  const alone = /^\s*$/.test(text.slice(lineStart(text, grantEntry.start), grantEntry.start)) && /^\s*[,;]?\s*((#|\/\/).*)?$/.test(after);
  if (!alone) return [{ range: { start: grantEntry.end, end: grantEntry.end }, text: entries.map((e) => `${sep} ${e}`).join('') }];
  if (language === 'powershell') return [linesAfter(le, indentAt(text, grantEntry.start), entries, eol)];
  // Comma-separated: the grant keeps its comma (or gets one when it was last), new lines follow the same style.
  const hadComma = /^\s*,/.test(after);
  const edits: TextEdit[] = [];
  if (!hadComma) edits.push({ range: { start: grantEntry.end, end: grantEntry.end }, text: ',' });
  const lines = entries.map((e, i) => (hadComma || i < entries.length - 1 ? `${e},` : e));
  edits.push(linesAfter(le, indentAt(text, grantEntry.start), lines, eol));
  return edits;
}

/** The variable a container (or an expression holding it) is assigned to. */
function assignedTo(ctx: RuleContext, r: Range): BodyRef['variable'] {
  const a = ctx.assignments
    .filter((x) => x.target.length === 1 && within(r, x.value.range))
    .sort((x, y) => x.value.range.end - x.value.range.start - (y.value.range.end - y.value.range.start))[0];
  return a ? { name: a.target[0], after: a.range.end } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Step-by-step bodies: params.set('k', v), form.put(k, v), data["k"] = v, builder.add(k, v)

function paramsEdits(ctx: RuleContext, s: Snippets, grant: Pair): { edits: TextEdit[]; body?: BodyRef } | undefined {
  const text = ctx.model.text;
  const eol = eolOf(text);
  const grantCall = ctx.calls.find((c) => c.range.start === grant.range.start && c.range.end === grant.range.end && c.args[0]?.range.start === grant.keyRange.start);
  const grantAssign = grantCall ? undefined : ctx.assignments.find((a) => a.range.start === grant.range.start && a.range.end === grant.range.end);
  const edits: TextEdit[] = [grantValueEdit(ctx, s.language, grant)];
  if (grantCall?.receiver?.kind === 'call') {
    // A builder chain `new FormBody.Builder().add(…).add(…)`: siblings are the chain's other setters.
    const chainStart = grantCall.range.start;
    const siblings = ctx.pairs.filter((q) => q.container === 'params' && q.range.start === chainStart);
    const p = plan(s, siblings);
    const link = (q: Pair): Range => {
      const c = ctx.calls.find((x) => x.range.start === q.range.start && x.range.end === q.range.end)!;
      return { start: c.nameRange.start - 1, end: c.range.end };
    };
    edits.push(...replaceCredentials(ctx, p, (q) => deleteEntry(text, link(q))));
    if (p.missing.length) {
      const whole = link(grant);
      const adds = p.missing.map((m) => entryLike(ctx, grant, whole, m.key, m.value));
      const le = lineEnd(text, whole.end);
      const ownLine = /^\s*((#|\/\/).*)?$/.test(text.slice(whole.end, le)) && /^\s*$/.test(text.slice(lineStart(text, whole.start), whole.start));
      edits.push(ownLine ? linesAfter(le, indentAt(text, whole.start), adds, eol) : { range: { start: whole.end, end: whole.end }, text: adds.join('') });
    }
    const top = ctx.calls.filter((c) => c.range.start === chainStart).sort((a, b) => b.range.end - a.range.end)[0];
    return { edits, body: { range: top.range, variable: assignedTo(ctx, top.range) } };
  }
  // Statements on one variable: `params.set(…);`, `data["k"] = v`.
  const receiver = grantCall ? (grantCall.receiver?.kind === 'name' ? grantCall.receiver.name : undefined) : grantAssign?.target[0];
  if (!receiver) return undefined;
  const same = (name: string | undefined) => !!name && (s.language === 'powershell' ? name.toLowerCase() === receiver.toLowerCase() : name === receiver);
  const siblings = ctx.pairs.filter((q) => {
    if (q.container !== 'params' || q.scope !== grant.scope) return false;
    const c = ctx.calls.find((x) => x.range.start === q.range.start && x.range.end === q.range.end);
    if (c) return c.receiver?.kind === 'name' && same(c.receiver.name);
    return same(q.path[0]);
  });
  // An object the variable was created with (`data = {"client_id": …}`) counts too.
  const init = ctx.assignments.find((a) => a.target.length === 1 && same(a.target[0]) && a.range.end <= grant.range.start && a.scope === grant.scope);
  const initObj = deref(init?.value);
  const p = plan(s, [...siblings, ...(initObj?.kind === 'object' ? initObj.entries : [])]);
  const statement = (q: Pair): Range => {
    const end = text[q.range.end] === ';' ? q.range.end + 1 : q.range.end;
    return { start: q.range.start, end };
  };
  edits.push(...replaceCredentials(ctx, p, (q) => deleteEntry(text, statement(q))));
  if (p.missing.length) {
    const whole = statement(grant);
    const adds = p.missing.map((m) => entryLike(ctx, grant, whole, m.key, m.value));
    edits.push(linesAfter(lineEnd(text, whole.end), indentAt(text, whole.start), adds, eol));
  }
  return { edits, body: { range: grant.range, variable: { name: receiver, after: grant.range.end } } };
}

// ---------------------------------------------------------------------------------------------
// Form strings: "grant_type=password&username=…" (literal, interpolated or concatenated)

function formEdits(ctx: RuleContext, s: Snippets, grant: Pair): { edits: TextEdit[]; body: BodyRef } | undefined {
  const text = ctx.model.text;
  const str = ctx.strings.filter((e) => within(grant.range, e.range)).sort((a, b) => b.range.end - b.range.start - (a.range.end - a.range.start))[0];
  if (!str) return undefined;
  const pieces = literalPieces(str);
  const pairs = formPairs(textMap(str, ctx.approx), 0);
  const me = pairs.find((q) => q.key === grant.key && q.value.range.start === grant.value.range.start);
  if (!me) return undefined;
  const interp = interpolating(ctx, s.language, str);
  const p = plan(s, pairs);
  const edits: TextEdit[] = [];
  // grant_type's value: literal text in place, an interpolated or concatenated value replaced by the text.
  const literal = pieces.find((x) => within(me.value.range, x.contentRange));
  if (literal) edits.push({ range: me.value.range, text: 'refresh_token' });
  else {
    const part = partAt(str, me.value.range);
    if (!part) return undefined;
    edits.push(isOperand(text, part.range) ? { range: part.range, text: `${quoteOf(ctx, s.language, pieces)}refresh_token${quoteOf(ctx, s.language, pieces)}` } : { range: wrapperRange(text, s.language, part.range), text: 'refresh_token' });
  }
  const valueEdit = (q: Pair, code: string): TextEdit | undefined => {
    const inPiece = pieces.find((x) => within(q.value.range, x.contentRange));
    const encoded = encode(s, code, interp && str.kind === 'concat' ? ctx.text(str.range) : undefined);
    if (inPiece) {
      if (interp) return { range: q.value.range, text: interpolation(s.language, encoded) };
      const quote = text[inPiece.range.start];
      const atEnd = q.value.range.end === inPiece.contentRange.end;
      return atEnd ? { range: { start: q.value.range.start, end: inPiece.range.end }, text: `${quote} + ${encoded}` } : { range: q.value.range, text: `${quote} + ${encoded} + ${quote}` };
    }
    const part = partAt(str, q.value.range);
    if (!part) return undefined;
    if (isOperand(text, part.range)) return { range: part.range, text: encoded };
    return s.language === 'powershell' ? { range: part.range, text: `$(${encoded})` } : { range: part.range, text: encoded };
  };
  const keyEdit = (q: Pair, key: string): TextEdit | undefined => (pieces.some((x) => within(q.keyRange, x.contentRange)) ? { range: q.keyRange, text: key } : undefined);
  const take = (key: string) => {
    const i = p.missing.findIndex((m) => m.key === key);
    return i < 0 ? undefined : p.missing.splice(i, 1)[0];
  };
  for (const q of [...p.users, ...p.passwords]) {
    const m = take(USER.test(q.key) ? 'refresh_token' : 'client_secret');
    if (m) {
      const k = keyEdit(q, m.key);
      const v = valueEdit(q, m.value);
      if (!k || !v) return undefined;
      edits.push(k, v);
    } else {
      // `&password=…` goes with the `&` before it (or after it when first).
      const start = text[q.keyRange.start - 1] === '&' ? q.keyRange.start - 1 : q.keyRange.start;
      const part = partAt(str, q.value.range);
      const end = part && !pieces.some((x) => within(q.value.range, x.contentRange)) ? wrapperRange(text, s.language, part.range).end : q.value.range.end;
      edits.push({ range: { start, end: start === q.keyRange.start && text[end] === '&' ? end + 1 : end }, text: '' });
    }
  }
  if (p.missing.length) {
    if (interp) {
      const close = str.range.end - 1;
      edits.push({ range: { start: close, end: close }, text: p.missing.map((m) => `&${m.key}=${interpolation(s.language, encode(s, m.value, ctx.text(str.range)))}`).join('') });
    } else {
      const q = quoteOf(ctx, s.language, pieces);
      edits.push({ range: { start: str.range.end, end: str.range.end }, text: p.missing.map((m) => ` + ${q}&${m.key}=${q} + ${encode(s, m.value)}`).join('') });
    }
  }
  return { edits, body: { range: str.range, variable: assignedTo(ctx, str.range) } };
}

function literalPieces(e: Expr): Extract<Expr, { kind: 'string' }>[] {
  if (e.kind === 'string') return [e];
  if (e.kind === 'concat') return e.parts.flatMap(literalPieces);
  return [];
}

/** The non-literal part of a string expression at `r`. */
function partAt(e: Expr, r: Range): Expr | undefined {
  if (e.kind !== 'concat') return undefined;
  for (const p of e.parts) {
    if (p.kind === 'concat') {
      const inner = partAt(p, r);
      if (inner) return inner;
    } else if (p.kind !== 'string' && within(r, p.range)) return p;
  }
  return undefined;
}

/** `a + b`: the part is an operand of `+`, not a hole in an interpolated string. */
function isOperand(text: string, r: Range): boolean {
  return /\+\s*$/.test(text.slice(Math.max(0, r.start - 40), r.start)) || /^\s*\+/.test(text.slice(r.end, r.end + 40));
}

/** The hole around an interpolated expression: `${x}`, `{x}`, `$(x)`; a PowerShell `$x` is its own hole. */
function wrapperRange(text: string, language: CodeLanguage, r: Range): Range {
  if (language === 'javascript' || language === 'typescript') {
    if (text.slice(r.start - 2, r.start) === '${' && text[r.end] === '}') return { start: r.start - 2, end: r.end + 1 };
  } else if (language === 'powershell') {
    if (text.slice(r.start - 2, r.start) === '$(' && text[r.end] === ')') return { start: r.start - 2, end: r.end + 1 };
  } else if (text[r.start - 1] === '{' && text[r.end] === '}') return { start: r.start - 1, end: r.end + 1 };
  return r;
}

/** Whether the string interpolates (PowerShell "…", JS template, Python f-string, C# $"…") rather than concatenating. */
function interpolating(ctx: RuleContext, language: CodeLanguage, e: Expr): boolean {
  const t = ctx.text(e.range);
  const open = { powershell: /^@?"/, javascript: /^`/, typescript: /^`/, python: /^[rRbBuU]?[fF][rRbB]?['"]/, csharp: /^(\$@?|@\$)+"/, java: /^$^/ }[language];
  if (!open.test(t)) return false;
  return !(e.kind === 'concat' && e.parts.some((p) => p.kind !== 'string' && isOperand(ctx.model.text, p.range)));
}

function quoteOf(ctx: RuleContext, language: CodeLanguage, pieces: Extract<Expr, { kind: 'string' }>[]): string {
  const first = pieces[0] ? ctx.model.text[pieces[0].range.start] : undefined;
  if (first === '"' || first === "'") return first;
  return language === 'powershell' || language === 'javascript' || language === 'typescript' ? "'" : '"';
}

/** A form value must be URL-encoded (client secrets may hold `+`, `/`, `=`). `inside`: the f-string the code goes into. */
function encode(s: Snippets, code: string, inside?: string): string {
  switch (s.language) {
    case 'powershell':
      return `[uri]::EscapeDataString(${code})`;
    case 'javascript':
    case 'typescript':
      return `encodeURIComponent(${code})`;
    case 'csharp':
      s.need({ module: 'System' });
      return `Uri.EscapeDataString(${code})`;
    case 'python': {
      s.need({ module: 'urllib.parse', names: ['quote'] });
      const out = `quote(${code}, safe="")`;
      // Inside an f-string delimited by double quotes the expression must use the other quote (before Python 3.12).
      return inside && /^[rRbBuU]?[fF][rRbB]?"/.test(inside) ? out.replace(/"/g, "'") : out;
    }
    case 'java':
      s.need({ module: 'java.net.URLEncoder' }, { module: 'java.nio.charset.StandardCharsets' });
      return `URLEncoder.encode(${code}, StandardCharsets.UTF_8)`;
  }
}

function interpolation(language: CodeLanguage, code: string): string {
  switch (language) {
    case 'powershell':
      return `$(${code})`;
    case 'javascript':
    case 'typescript':
      return `\${${code}}`;
    default:
      return `{${code}}`;
  }
}

// ---------------------------------------------------------------------------------------------
// The request and its response

const HTTP_COMMANDS = /^(Invoke-RestMethod|Invoke-WebRequest|irm|iwr)$/i;
const HTTP_CALLS = /^(post|request|fetch|axios|PostAsync|SendAsync)$/;

function isHttp(c: Call): boolean {
  return c.kind === 'command' ? HTTP_COMMANDS.test(c.name) : HTTP_CALLS.test(c.name);
}

/** The request that sends the body: the call holding it, or the first request after it that reads its variable. */
function sendCall(ctx: RuleContext, body: BodyRef): Call | undefined {
  const holding = ctx.calls.filter((c) => isHttp(c) && within(body.range, c.range)).sort((a, b) => a.range.end - a.range.start - (b.range.end - b.range.start))[0];
  if (holding) return holding;
  const v = body.variable;
  if (!v) return undefined;
  const same = (n: string) => (ctx.language === 'powershell' || ctx.language === 'yaml' ? n.toLowerCase() === v.name.toLowerCase() : n === v.name);
  return ctx.calls
    .filter((c) => isHttp(c) && c.range.start >= v.after)
    .sort((a, b) => a.range.start - b.range.start)
    .find((c) => ctx.references.some((r) => r.kind === 'name' && same(r.name) && within(r.range, c.range)));
}

/**
 * Keeps the response (`$tokenResponse = Invoke-RestMethod …`, `response = requests.post(…)`) and writes its
 * rotated refresh_token back. Nothing when the response cannot be read here (not awaited, used inline).
 */
function captureEdits(session: FixSession, s: Snippets, send: Call): TextEdit[] {
  const { ctx } = session;
  const text = ctx.model.text;
  const eol = eolOf(text);
  const stmt = statementOf(ctx, send);
  const lib = send.kind === 'command' ? (/^(Invoke-WebRequest|iwr)$/i.test(send.name) ? 'iwr' : 'irm') : send.name === 'fetch' ? 'fetch' : send.callee[0] === 'axios' ? 'axios' : s.language;
  const awaitedOnly = ['fetch', 'axios', 'csharp'].includes(lib);
  if (awaitedOnly && !stmt.awaited) return [];
  if (s.language === 'java' || (!stmt.target && !stmt.bare)) return [];
  const edits: TextEdit[] = [];
  let v = stmt.target;
  if (!v) {
    v = session.names.fresh(s.language === 'powershell' ? 'tokenResponse' : 'response');
    const declare = { powershell: `$${v} = `, python: `${v} = `, javascript: `const ${v} = `, typescript: `const ${v} = `, csharp: `var ${v} = `, java: '' }[s.language];
    edits.push({ range: { start: stmt.exprStart, end: stmt.exprStart }, text: declare });
  }
  const ref = s.language === 'powershell' ? `$${v}` : v;
  let lines: string[];
  switch (lib) {
    case 'irm':
      lines = s.writeBack(`${ref}.refresh_token`);
      break;
    case 'iwr':
      lines = s.writeBack(`(${ref}.Content | ConvertFrom-Json).refresh_token`);
      break;
    case 'fetch': {
      const tokens = session.names.fresh('tokens');
      lines = [`const ${tokens} = await ${ref}.json();`, ...s.writeBack(`${tokens}.refresh_token`)];
      break;
    }
    case 'axios':
      lines = s.writeBack(`${ref}.data.refresh_token`);
      break;
    case 'csharp': {
      const tokens = session.names.fresh('tokens');
      s.need({ module: 'System.Text.Json' });
      lines = [`using var ${tokens} = JsonDocument.Parse(await ${ref}.Content.ReadAsStringAsync());`, ...s.writeBack(`${tokens}.RootElement.GetProperty("refresh_token").GetString()`)];
      break;
    }
    case 'python': {
      const tokens = session.names.fresh('tokens');
      const unit = indentUnit(text);
      lines = [`${tokens} = ${ref}.json()`, `if "refresh_token" in ${tokens}:`, ...s.writeBack(`${tokens}["refresh_token"]`).map((l) => unit + l)];
      break;
    }
    default:
      return [];
  }
  edits.push(linesAfter(stmt.end, stmt.indent, lines, eol));
  return edits;
}
