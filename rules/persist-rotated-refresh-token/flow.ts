// Where a token response goes after the call that produced it: member and index reads, well-known
// deserialization and unwrapping steps, variables (through the resolver's `def`), and the places where
// the whole value escapes (passed on, returned, stored, output in PowerShell). Used by
// persist-rotated-refresh-token to decide whether a response's new refresh token is provably dropped.
import type { Assignment, Call, Expr, NameExpr, Pair, ScopeId } from '../model/types';
import type { RuleContext } from '../engine/types';
import { children } from '../engine/walk';

export type Parent =
  | { kind: 'expr'; expr: Expr } // e is a part of expr (object of a member/index, item, entry, operand)
  | { kind: 'key'; expr: Expr } // e is the key of an index expression
  | { kind: 'call'; call: Call; role: 'receiver' | 'arg' | 'input' }
  | { kind: 'assign'; assign: Assignment }
  | { kind: 'pair'; pair: Pair };

/** Parents of every expression the model holds, the CallExpr wrapping each call, and the reads of each definition. */
export class ExprGraph {
  private parents = new Map<Expr, Parent[]>();
  private wrappers = new Map<Call, Expr>();
  private reads = new Map<Expr, NameExpr[]>();
  private seen = new Set<Expr>();
  private seenCalls = new Set<Call>();

  constructor(ctx: RuleContext) {
    for (const c of ctx.calls) this.call(c);
    for (const a of ctx.assignments) this.expr(a.value, { kind: 'assign', assign: a });
    for (const p of ctx.model.pairs) this.expr(p.value, { kind: 'pair', pair: p });
    for (const s of ctx.strings) this.expr(s);
    // Reads that only the reference list holds (return values, conditions, statements): their inner parts.
    for (const r of ctx.references) this.expr(r);
    for (const r of ctx.references) {
      if (r.kind !== 'name' || !r.def) continue;
      let list = this.reads.get(r.def);
      if (!list) this.reads.set(r.def, (list = []));
      if (!list.includes(r)) list.push(r);
    }
  }

  parentsOf(e: Expr): Parent[] {
    return this.parents.get(e) ?? [];
  }

  /** The CallExpr that uses a call as a value, if any (a statement-level call has none). */
  wrapperOf(c: Call): Expr | undefined {
    return this.wrappers.get(c);
  }

  /** Names that read the value assigned as `def`, one per source position (preferring those whose context is known). */
  readsOf(def: Expr): NameExpr[] {
    const all = this.reads.get(def) ?? [];
    const byPos = new Map<string, NameExpr[]>();
    for (const n of all) {
      const k = `${n.range.start}:${n.range.end}`;
      byPos.set(k, [...(byPos.get(k) ?? []), n]);
    }
    const out: NameExpr[] = [];
    for (const group of byPos.values()) {
      const known = group.filter((n) => this.parentsOf(n).length > 0);
      out.push(...(known.length ? known : group.slice(0, 1)));
    }
    return out;
  }

  private add(e: Expr, p: Parent): void {
    const list = this.parents.get(e);
    if (!list) this.parents.set(e, [p]);
    else if (!list.some((q) => samePlace(q, p))) list.push(p);
  }

  private call(c: Call): void {
    if (this.seenCalls.has(c)) return;
    this.seenCalls.add(c);
    if (c.receiver) this.expr(c.receiver, { kind: 'call', call: c, role: 'receiver' });
    if (c.input) this.expr(c.input, { kind: 'call', call: c, role: 'input' });
    for (const a of c.args) this.expr(a, { kind: 'call', call: c, role: 'arg' });
    for (const n of c.named) if (n.value) this.expr(n.value, { kind: 'call', call: c, role: 'arg' });
  }

  private expr(e: Expr, p?: Parent): void {
    if (p) this.add(e, p);
    if (this.seen.has(e)) return;
    this.seen.add(e);
    switch (e.kind) {
      case 'call':
        if (!this.wrappers.has(e.call)) this.wrappers.set(e.call, e);
        this.call(e.call);
        return;
      case 'index':
        this.expr(e.object, { kind: 'expr', expr: e });
        this.expr(e.key, { kind: 'key', expr: e });
        return;
      default:
        for (const c of children(e)) this.expr(c, { kind: 'expr', expr: e });
    }
  }
}

function samePlace(a: Parent, b: Parent): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'expr':
    case 'key':
      return a.expr === (b as typeof a).expr;
    case 'call':
      return a.call === (b as typeof a).call && a.role === (b as typeof a).role;
    case 'assign':
      return a.assign === (b as typeof a).assign;
    case 'pair':
      return a.pair === (b as typeof a).pair;
  }
}

/** `refresh_token`, `RefreshToken`, `refreshToken`, `getRefreshToken`, `Refresh-Token` -> contains `refreshtoken`. */
export function norm(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}
export function isRefreshTokenName(s: string): boolean {
  return norm(s).includes('refreshtoken');
}

// Properties that hold the whole response (or its parsed body) rather than one field of it.
const CONTAINERS = new Set(['data', 'body', 'content', 'result', 'value', 'json', 'payload', 'text', 'rootelement', 'response', 'entity', 'tokens', 'token', 'tokenresponse', 'authresult', 'authenticationresult', 'responsebody', 'parsed', 'object']);
// Methods whose result is still the response (unwrapped, awaited, parsed or turned into text): `r.json()`, `.Result`, `.body().string()`.
const UNWRAP_METHODS = /^(json|body|getBody|GetBody|string|text|content|getContent|getEntity|entity|Result|GetAwaiter|GetResult|ConfigureAwait|ReadAsStringAsync|ReadAsAsync|ReadFromJsonAsync|ReceiveJson|ReceiveString|ReadAsStreamAsync|ReadAsByteArrayAsync|EnsureSuccessStatusCode|bodyToMono|toEntity|block|blockOptional|join|get|toString|ToString|decode|to_dict|dict|copy|model_dump|read|readAll|getvalue|getAsJsonObject|asJson|asObject|Value|ToObject|toObject|GetRawText|AsObject|ExecuteAsync|getValue|readEntity)$/;
// Functions and constructors whose result is their argument parsed or serialized: `json.loads(r.text)`, `ConvertFrom-Json`, `new JSONObject(s)`.
const CONVERTERS = /^(ConvertFrom-Json|ConvertTo-Json|Out-String|loads|load|dumps|parse|stringify|DeserializeObject|Deserialize|DeserializeAsync|SerializeObject|Serialize|Parse|ParseAsync|FromObject|readTree|readValue|fromJson|toJson|ToJson|parseString|parseReader|JSONObject|JsonObject|JObject|toString|GetString|str|String|repr|dict|await|Promise|resolve|toJSONString)$/;
// Calls that look at a value without keeping it: logging, exceptions, type and size checks, explicit discards.
const LOG_COMMANDS = /^(Write-Host|Write-Verbose|Write-Debug|Write-Warning|Write-Information|Write-Error|Write-Progress|Out-Host|Out-Null|Format-List|Format-Table|Format-Custom|Get-Member)$/i;
const LOG_FUNCTIONS = /^(print|pprint|println|printf|isinstance|len|bool|type|hasattr|callable|typeof|assert\w*|Assert\w*|require|requireNonNull|IsNullOrEmpty|IsNullOrWhiteSpace|isEmpty|isNull|nonNull)$/;
const LOG_METHODS = /^(log|debug|info|warn|warning|error|exception|critical|fatal|trace|verbose|severe|fine|Log\w*|Write|WriteLine|TraceInformation|TraceError|TraceWarning|dir|table)$/;
const LOGGER_RECEIVER = /(^|\.)(log|logger|logging|_log|_logger|console|Console|Debug|Trace|System\.out|System\.err|LOG|LOGGER|Log|Logger|log4j|slf4j|context\.log|ILogger)$/i;
const RETURNED = /(\breturn|\byield(\s+from)?|=>|\blambda\b[^:\n]*:)([\s(]|\bawait\b|<[\w.<>, ]+>)*$/;

export interface Usage {
  /** The new refresh token is read (a member, key or getter named like refresh_token). */
  rtRead: boolean;
  /** The whole response leaves where this file can see it (passed on, returned, stored, output). */
  escaped: boolean;
  /** Other fields read from it, in order (for the message). */
  fields: string[];
  /** The whole value is printed or logged (shown, not kept). */
  logged: boolean;
}

interface FollowOptions {
  /** PowerShell semantics: a bare expression statement is output (the function's result). */
  powershell: boolean;
  /** C#, Java, JS/TS: a plain `x = value` without a declaration may target a field. */
  declaredLanguage: boolean;
}

/** Follows a response value from `start` (a CallExpr, or a call used as a statement) to every use this file shows. */
export function followValue(ctx: RuleContext, graph: ExprGraph, start: Expr, opts: FollowOptions): Usage {
  const usage: Usage = { rtRead: false, escaped: false, fields: [], logged: false };
  const visited = new Set<Expr>();
  // Scopes of `.then(cb)` callbacks: a value returned there becomes the `.then(...)` call's result.
  const thenReturns = new Map<ScopeId, Expr | undefined>();
  const text = ctx.model.text;

  const field = (name: string) => {
    if (!usage.fields.includes(name)) usage.fields.push(name);
  };

  /** One key/property/getter read from the value: the refresh token, a container to keep following, or another field. */
  const keyed = (key: string, next: Expr | undefined) => {
    if (isRefreshTokenName(key)) usage.rtRead = true;
    else if (CONTAINERS.has(norm(key)) && next) visit(next);
    else field(key);
  };

  const contextual = (e: Expr) => {
    const lineStart = text.lastIndexOf('\n', e.range.start - 1) + 1;
    const before = text.slice(lineStart, e.range.start);
    if (RETURNED.test(before)) {
      const scope = scopeOf(e);
      if (scope !== undefined && thenReturns.has(scope)) {
        const target = thenReturns.get(scope);
        if (target) visit(target);
        else usage.escaped = true;
      } else usage.escaped = true;
      return;
    }
    if (opts.powershell) {
      // A bare value on its own line is written to the output stream: the caller receives it.
      let lineEnd = text.indexOf('\n', e.range.end);
      if (lineEnd < 0) lineEnd = text.length;
      const after = text.slice(e.range.end, lineEnd);
      // An unassigned exchange at the top of a script only prints its result; in a function it is the function's output.
      const statementStart = /^\s*$/.test(before.replace(/^.*[{;]/, ''));
      if (statementStart && /^\s*[;}]?\s*(#.*)?$/.test(after) && !(e.kind === 'call' && scriptLevel(e.call.scope))) usage.escaped = true;
    }
  };

  /** The script's own scope (a file, or an inline script of a pipeline), not a function or script block in it. */
  const scriptLevel = (scope: ScopeId): boolean => scope === 0 || (ctx.language === 'yaml' && ctx.model.scopes.find((x) => x.id === scope)?.parent === 0);

  const viaCall = (c: Call, role: 'receiver' | 'arg' | 'input') => {
    const out = graph.wrapperOf(c) ?? pseudo(c);
    if (role === 'receiver') {
      const name = c.name;
      const key = c.args.length ? ctx.value(c.args[0]) : undefined;
      if (isRefreshTokenName(name) || (key !== undefined && isRefreshTokenName(key))) {
        usage.rtRead = true;
        return;
      }
      if (name === 'then' || name === 'ContinueWith') return followThen(c, out);
      if (/^(items|values|iteritems|itervalues|entrySet|fields|EnumerateObject|Properties|Values|GetEnumerator|forEach|ForEach)$/.test(name)) {
        usage.escaped = true; // every field, the refresh token included, flows on
        return;
      }
      if (c.args.some((a) => isCallback(ctx, c, a))) {
        usage.escaped = true; // `.pipe(map(...))`, `.subscribe(t => ...)`, `.ifPresent(...)`: code this rule does not follow receives it
        return;
      }
      if (key !== undefined) {
        // `r.get("access_token")`, `json.getString("refresh_token")`, `doc.GetProperty("access_token")`.
        keyed(key, out);
        return;
      }
      if (UNWRAP_METHODS.test(name)) return visit(out); // also `bodyToMono(Token.class)`, `ConfigureAwait(false)`
      if (c.args.length === 0 && /^get[A-Z_]/.test(name)) return keyed(name.replace(/^get_?/, ''), out);
      return; // raise_for_status(), EnsureSuccessStatusCode() used as a statement, close(), ...
    }
    // The value is an argument (or PowerShell pipeline input).
    if (c.kind === 'command') {
      if (/^Select-Object$/i.test(c.name)) {
        const props = [...ctx.named(c).filter((n) => /^(ExpandProperty|Property|Exp|Prop)/i.test(n.name)).map((n) => n.value), ...c.args];
        const names = props.flatMap((p) => (p?.kind === 'array' ? p.items : [p])).map((p) => ctx.value(p));
        if (names.some((n) => n === undefined || n === '*')) usage.escaped = true;
        else for (const n of names) keyed(n!, out);
        return;
      }
      if (/^(Where-Object|Sort-Object|Tee-Object)$/i.test(c.name) && role === 'input') {
        if (/^Tee-Object$/i.test(c.name)) usage.escaped = true;
        return visit(out);
      }
      if (LOG_COMMANDS.test(c.name)) {
        if (!/^Out-Null$/i.test(c.name)) usage.logged = true;
        return;
      }
      if (CONVERTERS.test(c.name)) return visit(out);
      usage.escaped = true;
      return;
    }
    if (CONVERTERS.test(c.name) && !isLogger(c)) return visit(out);
    if (isLogger(c) || /^(print|pprint|println|printf)$/.test(c.name)) {
      usage.logged = true;
      return;
    }
    if (LOG_FUNCTIONS.test(c.name) || isExceptionType(c)) return;
    usage.escaped = true;
  };

  const followThen = (c: Call, out: Expr) => {
    // `.then(r => r.json())`: the callback's first parameter receives the value; what it returns is the `.then(...)` result.
    const cb = c.args[0];
    if (!cb) return;
    const scope = ctx.model.scopes.find((s) => s.parent === c.scope && s.range.start >= cb.range.start && s.range.end <= cb.range.end);
    const param = scope && ctx.model.parameters.filter((p) => p.scope === scope.id).sort((a, b) => a.range.start - b.range.start)[0];
    if (!scope || !param) {
      usage.escaped = true; // a named function: it may keep the value
      return;
    }
    thenReturns.set(scope.id, out);
    for (const r of ctx.references) {
      if (r.kind === 'name' && r.name === param.name && r.scope === scope.id && r.range.start > param.range.end) visit(r);
    }
  };

  const visit = (e: Expr) => {
    if (visited.has(e)) return;
    visited.add(e);
    const parents = graph.parentsOf(e);
    if (parents.length === 0) return contextual(e);
    for (const p of parents) {
      switch (p.kind) {
        case 'key':
          break;
        case 'call':
          viaCall(p.call, p.role);
          break;
        case 'assign':
          assigned(p.assign);
          break;
        case 'pair':
          usage.escaped = true;
          break;
        case 'expr': {
          const up = p.expr;
          if (up.kind === 'member') keyed(up.property, up);
          else if (up.kind === 'index') {
            const key = ctx.value(up.key);
            if (key === undefined) usage.escaped = true; // r[name]: any field, possibly the refresh token
            else keyed(key, up);
          } else if (up.kind === 'concat') {
            // Interpolated into a string: text, not a stored token.
          } else if (up.kind === 'unknown' && (up.children?.length ?? 0) === 1) visit(up); // await, cast, parentheses
          else usage.escaped = true; // stored in an object, array, collection or a compound expression
          break;
        }
      }
    }
  };

  const assigned = (a: Assignment) => {
    const targetText = ctx.text(a.targetRange).replace(/^(\[[^\]]*\]\s*)+/, '').replace(/^\$/, '');
    if (a.target.length !== 1 || /[:.[]/.test(targetText)) {
      usage.escaped = true; // a property, field or scope-qualified variable: it outlives the statement
      return;
    }
    if (ctx.language === 'python' && declaredGlobal(a)) {
      usage.escaped = true; // `global tokens` / `nonlocal tokens`: other functions read it
      return;
    }
    if (opts.declaredLanguage && !isDeclaration(a) && !declaredBefore(a)) {
      usage.escaped = true; // `token = response` with no local declaration in sight: possibly a field
      return;
    }
    for (const r of graph.readsOf(a.value)) visit(r);
    // Reads the resolver binds to a later assignment in another branch (`if (..) { $h = $r } else { $h = @{} }; return $h`).
    const name = a.target[0].toLowerCase();
    for (const r of ctx.references) {
      if (r.kind !== 'name' || r.name.toLowerCase() !== name || r.range.start <= a.range.end || r.def === a.value) continue;
      if (!inScope(ctx, r.scope, a.scope)) continue;
      const killer = ctx.assignments.find((b) => b !== a && b.scope === a.scope && b.target.length === 1 && b.target[0].toLowerCase() === name && b.range.start > a.range.end && b.range.end <= r.range.start && sameBlock(text, a.range.end, b.range.start, ctx.language === 'python'));
      if (!killer) visit(r);
    }
  };

  const declaredGlobal = (a: Assignment): boolean => {
    const scope = ctx.model.scopes.find((x) => x.id === a.scope);
    if (!scope) return false;
    const name = a.target[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`^[ \\t]*(global|nonlocal)\\s[^\\n]*\\b${name}\\b`, 'm').test(text.slice(scope.range.start, a.range.start));
  };

  /** `HttpResponseMessage response = null;` earlier in the same function makes `response = ...` a local. */
  const declaredBefore = (a: Assignment): boolean =>
    ctx.assignments.some((b) => b !== a && b.scope === a.scope && b.range.start < a.range.start && b.target.length === 1 && b.target[0] === a.target[0] && isDeclaration(b));

  const isDeclaration = (a: Assignment): boolean => {
    // A parameter bound to the value it receives (`p.then((r) => …)`): a local.
    if (ctx.model.parameters.some((p) => p.scope === a.scope && p.range.start === a.targetRange.start && p.range.end === a.targetRange.end)) return true;
    const lineStart = text.lastIndexOf('\n', a.targetRange.start - 1) + 1;
    const before = text.slice(lineStart, a.targetRange.start);
    if (/\b(const|let|var)\s*[{[][^=]*$/.test(before)) return true; // destructuring
    if (/(^|[\s(;{])(var|let|const|val|final|using|await using)\s+$/.test(before)) return true;
    if (/\bfor\s*\(\s*$/.test(before)) return false;
    return /[\w>\]?)]\s+$/.test(before) && !/\b(return|else|await|yield|throw|case|new|in|of)\s+$/.test(before);
  };

  visit(start);
  return usage;
}

/** True when `inner` is `outer` or nested in it. */
function inScope(ctx: RuleContext, inner: ScopeId, outer: ScopeId): boolean {
  for (let s: ScopeId | undefined = inner, i = 0; s !== undefined && i < 64; i++) {
    if (s === outer) return true;
    if (s === 0) return false;
    s = ctx.model.scopes.find((x) => x.id === s)?.parent;
  }
  return false;
}

/**
 * True when the code from `from` to `to` stays in one block, so an assignment at `to` always replaces one
 * ending at `from` (no `}` closing the first one's block, or for Python no line indented less than the first).
 */
function sameBlock(text: string, from: number, to: number, python: boolean): boolean {
  const between = text.slice(from, to);
  if (python) {
    const lineStart = text.lastIndexOf('\n', from - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0].length;
    return between.split('\n').slice(1).every((l) => l.trim() === '' || /^[ \t]*/.exec(l)![0].length >= indent);
  }
  let depth = 0;
  for (const ch of between) {
    if (ch === '{') depth++;
    else if (ch === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

/** A stand-in expression for a call that no expression wraps (a statement). */
export function pseudo(c: Call): Expr {
  return { kind: 'call', call: c, range: c.range };
}

function scopeOf(e: Expr): ScopeId | undefined {
  switch (e.kind) {
    case 'name':
      return e.scope;
    case 'call':
      return e.call.scope;
    case 'member':
    case 'index':
      return scopeOf(e.object);
    default:
      return undefined;
  }
}

/** A lambda or function expression passed to `c` (it has its own scope inside the argument). */
function isCallback(ctx: RuleContext, c: Call, a: Expr): boolean {
  return ctx.model.scopes.some((s) => s.range.start >= a.range.start && s.range.end <= a.range.end && s.parent !== undefined && s.range.start > c.nameRange.end - 1);
}

function isLogger(c: Call): boolean {
  if (!LOG_METHODS.test(c.name)) return false;
  const recv = c.callee.slice(0, -1).join('.');
  return recv !== '' && LOGGER_RECEIVER.test(recv);
}

function isExceptionType(c: Call): boolean {
  return /(Exception|Error)$/.test(c.name) && /^[A-Z]/.test(c.name);
}
