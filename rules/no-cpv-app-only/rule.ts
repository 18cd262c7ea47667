// no-cpv-app-only: app-only (client credentials) tokens for the Partner Center API. Control Panel Vendors
// may not use app-only authentication on behalf of a partner; their integrations must use the Secure
// Application Model's app + user flow. Severity follows partnerType: cpv error, unknown warning, csp off.
import type { Assignment, Call, Expr, LanguageId, NameExpr, NamedArg, ObjectExpr, Pair, Range, ScopeId } from '../model/types';
import type { Fix, Rule, RuleContext } from '../engine/types';
import { deref, UNKNOWN } from '../engine/resolve';
import { forEachExpr } from '../engine/walk';
import { ALL_LANGUAGES } from '../common/meta';
import { lineOf } from '../common/report';
import { audienceOfScope, audiencesIn } from '../common/audience';
import type { AudienceInfo } from '../token/types';
import { CpvAppOnlyFixes } from '../fixes/cpv-app-only';

const WHY = "A Control Panel Vendor may not use app-only authentication on behalf of a partner (partner security requirements), so use the Secure Application Model's app + user flow:";

const PC_USER_SCOPE = 'https://api.partnercenter.microsoft.com/user_impersonation';
const FIX_PS = `exchange the partner's consented refresh token, e.g. \`New-PartnerAccessToken -ApplicationId $appId -Credential $appCredential -RefreshToken $refreshToken -Scopes '${PC_USER_SCOPE}' -ServicePrincipal -Tenant $partnerTenantId\`.`;
const FIX_CONFIG = `configure a \`refresh_token\` grant that presents the partner's consented refresh token (read from Key Vault) with the scope \`${PC_USER_SCOPE}\`.`;
const FIX_RAW = `send \`grant_type=refresh_token\` with the partner's consented refresh token (read from Key Vault), the app's own credential and \`scope=${PC_USER_SCOPE}\`.`;
const FIX_JAVA_SDK = `exchange the partner's consented refresh token (msal4j \`RefreshTokenParameters\`) and pass the access token to \`PartnerCredentials.getInstance().generateByUserCredentials\`.`;
const FIX_CSHARP_SDK = `exchange the partner's consented refresh token (\`((IByRefreshToken)app).AcquireTokenByRefreshToken\`) and pass the access token to \`PartnerCredentials.Instance.GenerateByUserCredentials\`.`;
const FIX: Record<LanguageId, string> = {
  powershell: FIX_PS,
  csharp: `exchange the partner's consented refresh token, e.g. \`((IByRefreshToken)app).AcquireTokenByRefreshToken(new[] { "${PC_USER_SCOPE}" }, refreshToken)\`.`,
  python: `exchange the partner's consented refresh token, e.g. \`app.acquire_token_by_refresh_token(refresh_token, scopes=["${PC_USER_SCOPE}"])\`.`,
  javascript: `exchange the partner's consented refresh token, e.g. \`cca.acquireTokenByRefreshToken({ refreshToken, scopes: ['${PC_USER_SCOPE}'] })\`.`,
  typescript: `exchange the partner's consented refresh token, e.g. \`cca.acquireTokenByRefreshToken({ refreshToken, scopes: ['${PC_USER_SCOPE}'] })\`.`,
  java: `exchange the partner's consented refresh token, e.g. \`app.acquireToken(RefreshTokenParameters.builder(Set.of("${PC_USER_SCOPE}"), refreshToken).build())\`.`,
  json: FIX_CONFIG,
  yaml: FIX_PS, // code in pipeline YAML is inline PowerShell
  dotenv: FIX_CONFIG,
  xml: FIX_CONFIG,
  properties: FIX_CONFIG,
};

// Client-credentials calls whose first argument (or `scopes=`) holds the scopes: name -> label.
export const MSAL_CLIENT_CREDENTIALS: Record<string, string> = {
  AcquireTokenForClient: 'MSAL.NET `AcquireTokenForClient`',
  acquire_token_for_client: 'msal `acquire_token_for_client`',
  acquireTokenByClientCredential: 'msal-node `acquireTokenByClientCredential`',
  RequestClientCredentialsTokenAsync: 'IdentityModel `RequestClientCredentialsTokenAsync`',
};
// ADAL client-credential calls whose first argument is the v1 resource.
export const ADAL_CLIENT_CREDENTIALS: Record<string, string> = {
  acquire_token_with_client_credentials: 'ADAL `acquire_token_with_client_credentials`',
  acquire_token_with_client_certificate: 'ADAL `acquire_token_with_client_certificate`',
  acquireTokenWithClientCredentials: 'adal-node `acquireTokenWithClientCredentials`',
  acquireTokenWithClientCertificate: 'adal-node `acquireTokenWithClientCertificate`',
};
// ADAL credential types that make AcquireToken[Async](resource, credential) an app-only request.
const ADAL_APP_CREDENTIAL = /^(ClientCredential|ClientAssertionCertificate|ClientAssertion|AsymmetricKeyCredential)$/;
const ADAL_USER_CREDENTIAL = /^(UserAssertion|UserCredential|UserPasswordCredential|PlatformParameters|UserIdentifier)$/;
// Azure Identity credentials that always authenticate as an application (never a user).
// (`ClientCredentials` is simple-oauth2's client-credentials client: `new ClientCredentials(config).getToken({ scope })`.)
export const APP_IDENTITY_CREDENTIAL = /^(ClientSecretCredential|ClientCertificateCredential|CertificateCredential|ClientAssertionCredential|ManagedIdentityCredential|WorkloadIdentityCredential|ClientCredentials)$/;
const AUDIENCE_KEYS = new Set(['resource', 'resourceuri', 'resourceurl', 'scope', 'scopes', 'audience']);
export const GET_TOKEN = /^(get_token|get_token_info|getToken|getTokenSync|GetToken|GetTokenAsync)$/;
// Partner Center SDK (.NET, Java): application credentials = app-only.
const PC_SDK_APP_ONLY = /^(GenerateByApplicationCredentials|GenerateByApplicationCredentialsAsync|generateByApplicationCredentials)$/;
// Builder / collection steps whose pairs belong to the object they are called on.
const PARAM_SETTERS = new Set(['set', 'append', 'put', 'add', 'Add', 'TryAdd', 'setParameter', 'addParameter', 'param', 'field', 'formParam', 'addFormDataPart', 'queryParam', 'addQueryParameter']);
const URL_ENCODERS = /^(encodeURIComponent|encodeURI|EscapeDataString|EscapeUriString|UrlEncode|encode|quote|quote_plus|urlencode)$/;
const CONFIG_CONTAINERS = new Set(['json', 'yaml', 'env', 'xml', 'properties']);
const GRANT_SUFFIX = /(authorization[-_. ]?)?grant[-_. ]?type$/i;
const AUDIENCE_SUFFIX = /(resource([-_. ]?(uri|url))?|scopes?|audience)$/i;

interface Audience {
  info: AudienceInfo;
  /** The innermost name the value came through (for "scope from `X`, line N"). */
  via?: NameExpr;
}

/** One key/value of a token request (or client configuration), whatever container it came from. */
interface Entry {
  key: string;
  value?: Expr;
  /** Value text (unknown parts as U+FFFC). */
  text: string;
  /** Where to report the value. */
  range: Range;
  /** For values read out of a string: the variable the value came through. */
  via?: NameExpr;
  /** From a configuration file (JSON, YAML, .env, XML, properties) rather than code. */
  config?: boolean;
  /** For values read out of a string: that string expression (the quick fix edits inside it). */
  form?: Expr;
}

function norm(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}
function isGrantKey(key: string): boolean {
  return norm(key).endsWith('granttype');
}
/** `resource`, `scope`, `Scopes`; in configuration also with a prefix (`ida:Resource`, `PARTNER_CENTER_RESOURCE`), which groups it. */
function isAudienceKey(key: string, config = false): boolean {
  const k = norm(key);
  return AUDIENCE_KEYS.has(k) || (config && [...AUDIENCE_KEYS].some((a) => k.endsWith(a)));
}

/** `spring.security.oauth2.client.registration.pc.scope` -> `scope` (messages stay short). */
function shortKey(key: string): string {
  return key.split('.').pop() || key;
}

/** ` (scope from `PC_SCOPE`, line 4)` when the audience came through a variable or constant. */
function origin(ctx: RuleContext, aud: Audience, what: 'scope' | 'resource'): string {
  const n = aud.via;
  if (!n?.defRange) return '';
  return ` (${what} from \`${ctx.text(n.range)}\`, line ${lineOf(ctx, n.defRange.start)})`;
}

/** Does `e` (followed through names, arrays, collections, request objects, concatenations) name a Partner Center audience? */
function pcAudience(ctx: RuleContext, e: Expr | undefined, depth = 0, via?: NameExpr, seen = new Set<Expr>()): Audience | undefined {
  if (!e || depth > 10 || seen.has(e)) return undefined;
  seen.add(e);
  const fromText = (text: string): Audience | undefined => {
    const info = audiencesIn(text).find((a) => a.partnerCenter);
    return info ? { info, via } : undefined;
  };
  switch (e.kind) {
    case 'string':
    case 'concat':
    case 'literal':
      return fromText(ctx.value(e) ?? ctx.approx(e));
    case 'name':
      if (e.def) return pcAudience(ctx, e.def, depth + 1, e, seen);
      return undefined;
    case 'member':
    case 'index': {
      const v = ctx.value(e);
      if (v !== undefined) return fromText(v);
      // SCOPES[0] where SCOPES is an array literal.
      const arr = e.kind === 'index' ? deref(e.object) : undefined;
      if (e.kind === 'index' && arr?.kind === 'array' && e.key.kind === 'literal' && /^\d+$/.test(e.key.text)) {
        return pcAudience(ctx, arr.items[Number(e.key.text)], depth + 1, e.object.kind === 'name' ? e.object : via, seen);
      }
      return undefined;
    }
    case 'array':
      for (const item of e.items) {
        const a = pcAudience(ctx, item, depth + 1, via, seen);
        if (a) return a;
      }
      return undefined;
    case 'spread':
      return pcAudience(ctx, e.argument, depth + 1, via, seen);
    case 'object': {
      for (const p of entriesOf(e)) {
        if (!isAudienceKey(p.key)) continue;
        const a = pcAudience(ctx, p.value, depth + 1, via, seen);
        if (a) return a;
      }
      return undefined;
    }
    case 'call': {
      // new[] { s }, List.of(s), Set.of(s), Collections.singleton(s), new TokenRequestContext(scopes), ctx.addScopes(s), scopes.ToArray()
      const c = e.call;
      for (const x of [...c.args, ...c.named.map((n) => n.value), c.receiver]) {
        const a = pcAudience(ctx, x, depth + 1, via, seen);
        if (a) return a;
      }
      return undefined;
    }
    case 'unknown':
      for (const x of e.children ?? []) {
        const a = pcAudience(ctx, x, depth + 1, via, seen);
        if (a) return a;
      }
      return undefined;
  }
}

/** Entries of an object literal including those spread into it (`{ ...base }`, `@{}` splat). */
function entriesOf(o: ObjectExpr, seen = new Set<ObjectExpr>()): Pair[] {
  if (seen.has(o)) return [];
  seen.add(o);
  const out = [...o.entries];
  for (const s of o.spreads) {
    const inner = deref(s.kind === 'spread' ? s.argument : s);
    if (inner?.kind === 'object') out.push(...entriesOf(inner, seen));
  }
  return out;
}

/** A switch or parameter that is present and not turned off (`-Switch:$false`). */
function has(ctx: RuleContext, call: Call, ...names: string[]): NamedArg | undefined {
  const a = ctx.arg(call, ...names);
  if (!a) return undefined;
  if (a.value?.kind === 'literal' && /^\$?false$/i.test(a.value.text)) return undefined;
  return a;
}

// ---------------------------------------------------------------------------------------------
// Text of string expressions, followed through variables, with a way back to file ranges.

interface Piece {
  from: number;
  to: number;
  range: Range;
  exact: boolean;
  /** The outermost variable this piece was read through (the one named in the string). */
  via?: NameExpr;
}

interface Flat {
  text: string;
  pieces: Piece[];
}

function flatten(ctx: RuleContext, e: Expr): Flat {
  const flat: Flat = { text: '', pieces: [] };
  const seen = new Set<Expr>();
  const add = (x: Expr, depth: number, via?: NameExpr) => {
    const push = (text: string, range: Range, exact: boolean) => {
      flat.pieces.push({ from: flat.text.length, to: flat.text.length + text.length, range, exact, via: via ?? (x.kind === 'name' ? x : undefined) });
      flat.text += text;
    };
    if (depth > 12 || seen.has(x)) {
      push(ctx.value(x) ?? UNKNOWN, x.range, false);
      return;
    }
    seen.add(x);
    if (x.kind === 'string') {
      const exact = x.contentRange.end - x.contentRange.start === x.text.length;
      push(x.text, exact ? x.contentRange : x.range, exact);
    } else if (x.kind === 'concat') {
      for (const p of x.parts) add(p, depth + 1, via);
    } else if (x.kind === 'name' && x.def && (x.def.kind === 'string' || x.def.kind === 'concat' || x.def.kind === 'name')) {
      add(x.def, depth + 1, via ?? x);
    } else if (x.kind === 'call' && URL_ENCODERS.test(x.call.name) && x.call.args[0]) {
      add(x.call.args[0], depth + 1, via);
    } else {
      push(ctx.value(x) ?? UNKNOWN, x.range, false);
    }
    seen.delete(x);
  };
  add(e, 0);
  return flat;
}

/** File range of flat text [i, j): exact inside one literal, else the raw source of the covering part searched for `needle`. */
function rangeIn(ctx: RuleContext, flat: Flat, i: number, j: number, needle: string): Range | undefined {
  const p = flat.pieces.find((x) => i >= x.from && j <= x.to && x.to > x.from);
  if (p?.exact) return { start: p.range.start + (i - p.from), end: p.range.start + (j - p.from) };
  const cover = p ?? flat.pieces.find((x) => i >= x.from && i < x.to);
  if (!cover) return undefined;
  const raw = ctx.text(cover.range);
  // A block scalar or escaped string: find the value's whole line in the source (indentation differs).
  const own = flat.text.slice(cover.from, cover.to);
  const rel = i - cover.from;
  const ls = own.lastIndexOf('\n', rel - 1) + 1;
  const le = own.indexOf('\n', rel) < 0 ? own.length : own.indexOf('\n', rel);
  const line = own.slice(ls, le);
  const body = line.trim();
  const lineAt = body ? raw.indexOf(body) : -1;
  if (lineAt >= 0 && raw.indexOf(body, lineAt + 1) < 0) {
    const start = lineAt + (rel - ls - (line.length - line.trimStart().length));
    if (raw.slice(start, start + needle.length) === needle) return { start: cover.range.start + start, end: cover.range.start + start + needle.length };
  }
  const at = raw.indexOf(needle);
  if (at >= 0 && raw.indexOf(needle, at + 1) < 0) return { start: cover.range.start + at, end: cover.range.start + at + needle.length };
  return cover.range;
}

const FORM_PAIR = /(^|[?&\s"'`;,(|])([A-Za-z_][\w.:-]*)=([^&\s"'`;,)|]*)/g;

/** Key=value pairs in a form body, query string or a command line (`curl -d "grant_type=…&resource=…"`), one group per logical line. */
function formGroups(ctx: RuleContext, s: Expr): Entry[][] {
  const flat = flatten(ctx, s);
  if (!flat.text.includes('=')) return [];
  const groups: Entry[][] = [];
  // Logical lines: a line ending in `\` or a backtick continues on the next one.
  let start = 0;
  const lines: [number, number][] = [];
  const re = /\r\n|\r|\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(flat.text))) {
    const line = flat.text.slice(start, m.index);
    if (!/[\\`]\s*$/.test(line)) {
      lines.push([start, m.index]);
      start = m.index + m[0].length;
    }
  }
  lines.push([start, flat.text.length]);
  for (const [a, b] of lines) {
    const text = flat.text.slice(a, b);
    const group: Entry[] = [];
    FORM_PAIR.lastIndex = 0;
    let f: RegExpExecArray | null;
    while ((f = FORM_PAIR.exec(text))) {
      const key = f[2];
      let value = f[3];
      try {
        value = decodeURIComponent(value.replace(/\+/g, ' '));
      } catch {
        /* keep raw */
      }
      const vi = a + f.index + f[1].length + key.length + 1;
      const range = rangeIn(ctx, flat, vi, vi + f[3].length, f[3]);
      const via = flat.pieces.find((x) => vi >= x.from && vi < x.to)?.via;
      if (range) group.push({ key, text: value, range, via, form: s });
    }
    if (group.length) groups.push(group);
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------
// Grouping pairs by the request (object, form, builder, configuration section) they belong to.

class Groups {
  private readonly byKey = new Map<unknown, Entry[]>();
  private readonly assignmentByValue = new Map<Expr, Assignment>();
  /** Arguments of an assigned constructor/call (`d = new Dictionary<…> { … }`) -> that assignment. */
  private readonly assignmentByArgument = new Map<Expr, Assignment>();
  private readonly parent = new Map<ScopeId, ScopeId>();

  constructor(private readonly ctx: RuleContext) {
    for (const a of ctx.assignments) {
      if (a.target.length !== 1) continue;
      this.assignmentByValue.set(a.value, a);
      if (a.value.kind === 'call') for (const x of [...a.value.call.args, ...a.value.call.named.map((n) => n.value)]) if (x) this.assignmentByArgument.set(x, a);
    }
    for (const s of ctx.model.scopes) this.parent.set(s.id, s.parent);
  }

  add(key: unknown, e: Entry): void {
    let list = this.byKey.get(key);
    if (!list) this.byKey.set(key, (list = []));
    if (!list.some((x) => x.key === e.key && x.range.start === e.range.start && x.range.end === e.range.end)) list.push(e);
  }

  all(): Entry[][] {
    return [...this.byKey.values()];
  }

  /** The variable an expression was assigned to (so later `x.append()` / `x["k"] = v` join it), else the expression. */
  owner(e: Expr): unknown {
    return this.assignmentByValue.get(e) ?? this.assignmentByArgument.get(e) ?? e;
  }

  /** What a builder call's receiver stands for: the chain root (`new FormBody.Builder()`), or the variable. */
  receiver(r: Expr | undefined, fallback: unknown): unknown {
    let cur = r;
    while (cur?.kind === 'call' && cur.call.receiver && PARAM_SETTERS.has(cur.call.name)) cur = cur.call.receiver;
    if (!cur) return fallback;
    if (cur.kind === 'name') {
      if (cur.def) return this.owner(cur.def);
      return `${cur.name.toLowerCase()}@${cur.scope}`;
    }
    return this.owner(cur);
  }

  /** The assignment defining `name` as seen from `scope` at `offset` (for `data["k"] = v`). */
  variable(name: string, scope: ScopeId, offset: number): unknown {
    const lower = name.toLowerCase();
    let s: ScopeId | undefined = scope;
    while (s !== undefined) {
      let best: Assignment | undefined;
      for (const a of this.ctx.assignments) {
        if (a.scope === s && a.target.length === 1 && a.target[0].toLowerCase() === lower && a.range.start < offset) best = a;
      }
      if (best) return best;
      if (s === 0) break;
      s = this.parent.get(s) ?? 0;
    }
    return `${lower}@${scope}`;
  }
}

function entryOf(ctx: RuleContext, key: string, value: Expr): Entry {
  return { key, value, text: ctx.value(value) ?? ctx.approx(value), range: value.range };
}

/** `PARTNER_CENTER_GRANT_TYPE` / `PARTNER_CENTER_RESOURCE` -> `partner_center`: flat configuration keys pair up by prefix. */
function keyPrefix(key: string): string {
  const m = GRANT_SUFFIX.exec(key) ?? AUDIENCE_SUFFIX.exec(key);
  return (m ? key.slice(0, m.index) : key).replace(/[-_.:/ ]+$/, '').toLowerCase();
}

function configGroupKey(p: Pair): string {
  return `cfg|${p.container}|${p.path.slice(0, -1).join('/')}|${keyPrefix(p.key)}`;
}

function collectGroups(ctx: RuleContext, handled: ReadonlySet<Call>): { groups: Entry[][]; jwtBearerExchange: boolean } {
  const g = new Groups(ctx);
  const callAt = new Map<string, Call>();
  for (const c of ctx.calls) callAt.set(`${c.range.start}:${c.range.end}`, c);
  const assignmentAt = new Map<string, Assignment>();
  for (const a of ctx.assignments) assignmentAt.set(`${a.range.start}:${a.range.end}`, a);

  // Containers that may hold the pairs of one request: object/hashtable/dict literals, arrays of
  // KeyValuePair, and calls (dict(k=v), list.Add(new KeyValuePair(...))).
  const containers: { range: Range; expr?: Expr; call?: Call }[] = [];
  forEachExpr(ctx.model, (e) => {
    if (e.kind === 'object' || e.kind === 'array') containers.push({ range: e.range, expr: e });
  });
  for (const c of ctx.calls) containers.push({ range: c.range, call: c });
  // By start; on equal starts the larger first, so a backward scan meets the innermost container first.
  containers.sort((a, b) => a.range.start - b.range.start || b.range.end - a.range.end);
  const innermost = (r: Range) => {
    let lo = 0;
    let hi = containers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (containers[mid].range.start <= r.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0; i--) {
      const c = containers[i].range;
      if (r.end <= c.end && !(c.start === r.start && c.end === r.end)) return containers[i];
    }
    return undefined;
  };

  for (const p of ctx.pairs) {
    if (p.container === 'form') continue; // re-read below from the strings, following variables
    if (CONFIG_CONTAINERS.has(p.container)) {
      g.add(configGroupKey(p), { ...entryOf(ctx, p.key, p.value), config: true });
      continue;
    }
    const where = `${p.range.start}:${p.range.end}`;
    if (p.container === 'params') {
      const call = callAt.get(where);
      if (call) {
        g.add(g.receiver(call.receiver, call), entryOf(ctx, p.key, p.value));
        continue;
      }
      const a = assignmentAt.get(where);
      if (a && a.target.length === 2) {
        g.add(g.variable(a.target[0], a.scope, a.range.start), entryOf(ctx, p.key, p.value));
        continue;
      }
    }
    const box = innermost(p.range);
    let key: unknown = p;
    if (box?.expr) key = g.owner(box.expr);
    else if (box?.call) key = box.call.receiver && PARAM_SETTERS.has(box.call.name) ? g.receiver(box.call.receiver, box.call) : ownerOfCall(ctx, box.call);
    g.add(key, entryOf(ctx, p.key, p.value));
    // Entries spread into an object literal belong to the same request.
    if (box?.expr?.kind === 'object') for (const s of entriesOf(box.expr)) if (!box.expr.entries.includes(s)) g.add(key, entryOf(ctx, s.key, s.value));
  }

  // Named arguments of one call: `fetch_token(url, grant_type="client_credentials", scope=…)`, `Get-Token -GrantType … -Resource …`.
  for (const c of ctx.calls) {
    if (c.named.length < 2 || handled.has(c)) continue;
    for (const n of c.named) if (n.value) g.add(c.named, entryOf(ctx, n.name, n.value));
  }

  // Name/value item lists in JSON/YAML (Postman `urlencoded: [{ "key": "grant_type", "value": … }]`, pipeline `variables: - name: … value: …`).
  const items = new Map<string, { key?: string; value?: Pair }>();
  for (const p of ctx.pairs) {
    if ((p.container !== 'json' && p.container !== 'yaml') || p.path.length < 3 || !/^(key|name|value)$/i.test(p.key)) continue;
    const item = p.path.slice(0, -1).join('/');
    let it = items.get(item);
    if (!it) items.set(item, (it = {}));
    if (/^value$/i.test(p.key)) it.value = p;
    else it.key = ctx.value(p.value);
  }
  for (const [item, it] of items) {
    if (it.key === undefined || !it.value) continue;
    const list = item.split('/').slice(0, -1).join('/');
    g.add(`items|${list}|${keyPrefix(it.key)}`, { ...entryOf(ctx, it.key, it.value.value), config: true });
  }

  // Java Map.of("grant_type", "client_credentials", "scope", SCOPE).
  for (const c of ctx.calls) {
    if (c.name !== 'of' || !/^(Map|ImmutableMap)$/.test(c.callee.at(-2) ?? '') || c.args.length % 2) continue;
    for (let i = 0; i < c.args.length; i += 2) {
      const k = ctx.value(c.args[i]);
      if (k !== undefined) g.add(c, entryOf(ctx, k, c.args[i + 1]));
    }
  }

  // Form bodies, query strings and command lines inside strings.
  const groups = g.all();
  for (const s of ctx.strings) groups.push(...formGroups(ctx, s));
  const jwtBearerExchange = groups.some((group) => group.some((e) => isGrantKey(e.key) && e.text.trim().toLowerCase() === 'jwt_token'));
  return { groups, jwtBearerExchange };
}

/** A call that is itself assigned (`data = dict(grant_type=…)`) groups with later `data[...] = …`. */
function ownerOfCall(ctx: RuleContext, call: Call): unknown {
  for (const a of ctx.assignments) if (a.target.length === 1 && a.value.kind === 'call' && a.value.call === call) return a;
  return call;
}

// ---------------------------------------------------------------------------------------------

export const noCpvAppOnly: Rule = {
  meta: {
    id: 'no-cpv-app-only',
    title: 'Do not use app-only (client credentials) tokens for the Partner Center API as a Control Panel Vendor; use the Secure Application Model app + user flow',
    defaultSeverity: 'warning',
    languages: ALL_LANGUAGES,
    fixable: true,
    severityFor: ({ partnerType }) => (partnerType === 'cpv' ? 'error' : partnerType === 'csp' ? 'off' : 'warning'),
  },
  check(ctx) {
    const reported = new Set<string>();
    const handled = new Set<Call>(); // calls already reported as an API, so their named arguments are not a second finding
    const fixes = new CpvAppOnlyFixes(ctx);
    const report = (range: Range, message: string, fix?: () => Fix[]) => {
      const k = `${range.start}:${range.end}`;
      if (reported.has(k)) return;
      reported.add(k);
      ctx.report({ range, message, fixes: fix?.() ?? [] });
    };
    const fixFor = (call?: Call) => (call?.kind === 'command' ? FIX_PS : FIX[ctx.language]);
    const tokenFor = (aud: Audience, what: 'scope' | 'resource', kind = 'an app-only (client credentials) token') => `${kind} for the ${aud.info.name}${origin(ctx, aud, what)}`;

    for (const call of ctx.calls) {
      const before = reported.size;
      checkCall(call);
      if (reported.size > before) handled.add(call);
    }
    function msalFix(call: Call, resource: string): Fix[] {
      switch (call.name) {
        case 'AcquireTokenForClient':
          return fixes.msalNet(call, resource);
        case 'acquire_token_for_client':
          return fixes.msalPython(call, resource);
        case 'acquireTokenByClientCredential':
          return fixes.msalNode(call, resource);
        case 'RequestClientCredentialsTokenAsync':
          return fixes.identityModel(call, resource);
        default:
          return [];
      }
    }
    function checkCall(call: Call): void {
      if (call.kind === 'command') {
        checkCommand(ctx, call, report, fixes);
        return;
      }
      const name = call.name;
      // MSAL client credentials.
      const msal = MSAL_CLIENT_CREDENTIALS[name];
      if (msal) {
        const scopes = ctx.arg(call, 'scopes')?.value ?? call.args[0];
        const aud = pcAudience(ctx, scopes);
        if (aud) report(call.nameRange, `${msal} requests ${tokenFor(aud, 'scope')}. ${WHY} ${fixFor(call)}`, () => msalFix(call, aud.info.value));
        return;
      }
      if (name === 'builder' && call.callee.at(-2) === 'ClientCredentialParameters') {
        const aud = pcAudience(ctx, call.args[0]);
        if (aud) report(call.calleeRange, `msal4j \`ClientCredentialParameters\` requests ${tokenFor(aud, 'scope')}. ${WHY} ${fixFor(call)}`, () => fixes.msal4j(call, aud.info.value));
        return;
      }
      // ADAL client credentials (v1 resource).
      const adal = ADAL_CLIENT_CREDENTIALS[name];
      if (adal) {
        const aud = pcAudience(ctx, ctx.arg(call, 'resource')?.value ?? call.args[0]);
        if (aud) report(call.nameRange, `${adal} requests ${tokenFor(aud, 'resource')}. ${WHY} ${fixFor(call)}`);
        return;
      }
      if (/^(AcquireTokenAsync|AcquireToken|acquireToken)$/.test(name) && isAdalAppCredentialCall(ctx, call)) {
        const aud = pcAudience(ctx, call.args[0]);
        if (aud) report(call.nameRange, `ADAL \`${name}(resource, ${credentialLabel(ctx, call.args[1])})\` requests ${tokenFor(aud, 'resource')}. ${WHY} ${fixFor(call)}`);
        return;
      }
      // Azure Identity application credentials: credential.get_token(scope).
      if (GET_TOKEN.test(name)) {
        const cls = appIdentityCredential(call.receiver);
        if (!cls) return;
        for (const a of [...call.args, ...call.named.filter((n) => /^scopes?$/i.test(n.name)).map((n) => n.value)]) {
          const aud = pcAudience(ctx, a);
          if (aud) {
            report(call.nameRange, `\`${cls}.${name}\` requests ${tokenFor(aud, 'scope', 'an app-only token')}. ${WHY} ${fixFor(call)}`);
            break;
          }
        }
        return;
      }
      // requests-oauthlib / authlib: OAuth2Session(client=BackendApplicationClient(...)).fetch_token(..., scope=[...]).
      if (name === 'fetch_token' && oauthSessionClientCredentials(ctx, call)) {
        const session = deref(call.receiver);
        const scope = ctx.arg(call, 'scope', 'resource')?.value ?? (session?.kind === 'call' ? ctx.arg(session.call, 'scope')?.value : undefined);
        const aud = pcAudience(ctx, scope);
        if (aud) report(call.nameRange, `OAuth2Session \`fetch_token\` with a client-credentials client requests ${tokenFor(aud, 'scope')}. ${WHY} ${fixFor(call)}`);
        return;
      }
      // Partner Center SDK application credentials.
      if (PC_SDK_APP_ONLY.test(name)) {
        report(call.nameRange, `Partner Center SDK \`${name}\` signs in to Partner Center app-only (application id and secret, no user). ${WHY} ${ctx.language === 'java' ? FIX_JAVA_SDK : ctx.language === 'csharp' ? FIX_CSHARP_SDK : fixFor(call)}`);
      }
    }

    // Raw token requests and client configuration: grant_type=client_credentials with a Partner Center resource/scope.
    const { groups, jwtBearerExchange } = collectGroups(ctx, handled);
    for (const group of groups) {
      const grant = group.find((e) => isGrantKey(e.key) && e.text.trim().toLowerCase() === 'client_credentials');
      if (!grant) continue;
      let aud: Audience | undefined;
      let audKey = '';
      let audEntry: Entry | undefined;
      for (const e of group) {
        if (!isAudienceKey(e.key, e.config) || isGrantKey(e.key)) continue;
        aud = e.value ? pcAudience(ctx, e.value) : (() => {
          const info = audiencesIn(e.text).find((a) => a.partnerCenter);
          return info ? { info, via: e.via } : undefined;
        })();
        if (aud) {
          audKey = e.key;
          audEntry = e;
          break;
        }
      }
      if (!aud) continue;
      const what = /scope/i.test(audKey) ? 'scope' : 'resource';
      const isConfig = grant.config === true;
      report(
        grant.range,
        `${isConfig ? 'Client configuration' : 'Token request'} with \`${shortKey(grant.key)}=client_credentials\` and the ${aud.info.name} as \`${shortKey(audKey)}\`${origin(ctx, aud, what)} gets an app-only token. ${WHY} ${isConfig ? FIX_CONFIG : FIX_RAW}`,
        () => fixes.rawRequest(grant, audEntry!, aud!.info.value),
      );
    }

    checkAzCliStrings(ctx, report);

    // The retired exchange: app-only Azure AD token -> POST https://api.partnercenter.microsoft.com/generatetoken (grant_type=jwt_token).
    if (jwtBearerExchange) {
      for (const s of ctx.strings) {
        const text = ctx.value(s) ?? ctx.approx(s);
        const m = /^\s*([a-z]+:\/\/[^/\s\uFFFC?#]+)\/generatetoken\/?(\?[^\s]*)?\s*$/i.exec(text);
        const info = m ? audienceOfScope(m[1]) : undefined;
        if (!info?.partnerCenter) continue;
        report(s.range, `Partner Center's \`/generatetoken\` endpoint exchanges an app-only Azure AD token (\`grant_type=jwt_token\`) for an app-only Partner Center token. ${WHY} ${FIX_RAW}`);
      }
    }
  },
};

/** `fetch_token(grant_type="client_credentials")`, or a session built on oauthlib's `BackendApplicationClient`. */
function oauthSessionClientCredentials(ctx: RuleContext, call: Call): boolean {
  if (ctx.value(ctx.arg(call, 'grant_type')?.value)?.toLowerCase() === 'client_credentials') return true;
  const session = deref(call.receiver);
  if (session?.kind !== 'call' || session.call.name !== 'OAuth2Session') return false;
  const client = deref(ctx.arg(session.call, 'client')?.value);
  return client?.kind === 'call' && client.call.name === 'BackendApplicationClient';
}

/** ADAL `AcquireToken[Async](resource, ClientCredential | ClientAssertionCertificate | ClientAssertion)` (adal4j adds a callback). */
export function isAdalAppCredentialCall(ctx: RuleContext, call: Call): boolean {
  const n = call.args.length;
  if (!(n === 2 || (ctx.language === 'java' && n === 3))) return false;
  const cred = call.args[1];
  const d = deref(cred);
  if (d?.kind === 'call') {
    const cls = d.call.name === 'create' || d.call.name === 'new' ? d.call.callee.at(-2) ?? d.call.name : d.call.name;
    if (ADAL_APP_CREDENTIAL.test(cls)) return true;
    if (ADAL_USER_CREDENTIAL.test(cls)) return false;
  }
  if (ctx.value(cred) !== undefined) return false; // a client id string: not an ADAL credential overload
  // A credential object from elsewhere (parameter, field): judge by its name.
  const label = d?.kind === 'name' ? d.name : d?.kind === 'member' ? d.property : '';
  return /(client|app|application)(credential|cred|assertion|certificate)/i.test(label) && !/user/i.test(label);
}

function credentialLabel(ctx: RuleContext, e: Expr): string {
  const d = deref(e);
  if (d?.kind === 'call') return d.call.name === 'create' || d.call.name === 'new' ? d.call.callee.at(-2) ?? d.call.name : d.call.name;
  return ctx.text(e.range);
}

/** The Azure Identity class behind a credential (`new ClientSecretCredential(...)`, `ClientSecretCredentialBuilder()...build()`), when it is an application credential. */
export function appIdentityCredential(receiver: Expr | undefined): string | undefined {
  let cur = deref(receiver);
  for (let i = 0; cur && i < 12; i++) {
    if (cur.kind !== 'call') return undefined;
    const c = cur.call;
    const cls = (c.name === 'new' ? c.callee.at(-2) ?? '' : c.name).replace(/Builder$/, '');
    if (APP_IDENTITY_CREDENTIAL.test(cls)) return cls;
    cur = deref(c.receiver);
  }
  return undefined;
}

/** PowerShell: Connect-PartnerCenter / New-PartnerAccessToken service principal sets, MSAL.PS, legacy PartnerCenterModule, Az. */
function checkCommand(ctx: RuleContext, call: Call, report: (range: Range, message: string, fix?: () => Fix[]) => void, fixes: CpvAppOnlyFixes): void {
  const name = call.name;
  const userFlow = () => has(ctx, call, 'RefreshToken', 'AccessToken', 'UseAuthorizationCode', 'AuthCode', 'UseDeviceAuthentication', 'DeviceCode', 'DeviceAuth', 'Device', 'Consent', 'Module');
  if (/^Connect-PartnerCenter$/i.test(name)) {
    if (userFlow()) return;
    const sp = has(ctx, call, 'ServicePrincipal');
    const cert = has(ctx, call, 'CertificateThumbprint');
    const flagged = sp ?? (cert && has(ctx, call, 'ApplicationId') ? cert : undefined);
    if (!flagged) return;
    report(flagged.range, `\`Connect-PartnerCenter ${sp ? '-ServicePrincipal' : '-CertificateThumbprint'}\` without \`-RefreshToken\` signs in to Partner Center app-only (application credential, no user). ${WHY} ${FIX_PS}`, () => fixes.connectPartnerCenter(call));
    return;
  }
  if (/^New-PartnerAccessToken$/i.test(name)) {
    if (userFlow()) return;
    const sp = has(ctx, call, 'ServicePrincipal') ?? has(ctx, call, 'CertificateThumbprint');
    if (!sp) return;
    const scopes = has(ctx, call, 'Scopes', 'Resource');
    const aud = pcAudience(ctx, scopes?.value);
    if (!aud) return;
    report(sp.range, `\`New-PartnerAccessToken ${sp.name.startsWith('@') ? sp.name : '-' + sp.name}\` without \`-RefreshToken\` or \`-UseAuthorizationCode\` requests an app-only (client credentials) token for the ${aud.info.name}${origin(ctx, aud, /^scope/i.test(scopes!.name) ? 'scope' : 'resource')}. ${WHY} ${FIX_PS}`, () => fixes.newPartnerAccessToken(call, scopes!, aud.info.value));
    return;
  }
  if (/^Get-MsalToken$/i.test(name)) {
    if (has(ctx, call, 'AuthorizationCode', 'UserAssertion', 'Interactive', 'DeviceCode', 'UserCredential', 'Silent', 'IntegratedWindowsAuth', 'RefreshToken')) return;
    const secret = has(ctx, call, 'ClientSecret', 'ClientCertificate', 'ClientAssertion', 'ConfidentialClientApplication');
    const scopes = has(ctx, call, 'Scopes', 'Scope');
    const piped = !secret && call.input ? confidentialMsalApp(ctx, call.input) : false;
    if (!secret && !piped) return;
    const aud = pcAudience(ctx, scopes?.value); // default scope is https://graph.microsoft.com/.default
    if (!aud || !scopes) return;
    report((secret ?? scopes).range, `\`Get-MsalToken\` with a confidential client requests an app-only (client credentials) token for the ${aud.info.name}${origin(ctx, aud, 'scope')}. ${WHY} ${FIX_PS}`);
    return;
  }
  if (/^Add-PCAuthentication$/i.test(name)) {
    const secret = has(ctx, call, 'CspClientSecret');
    if (secret && !has(ctx, call, 'Credential')) {
      report(secret.range, `\`Add-PCAuthentication -cspClientSecret\` (legacy PartnerCenterModule) signs in to Partner Center app-only. ${WHY} ${FIX_PS}`);
    }
    return;
  }
  if (/^az$/i.test(name) && ctx.value(call.args[0]) === 'account' && ctx.value(call.args[1]) === 'get-access-token') {
    const res = has(ctx, call, 'resource', 'scope');
    const aud = pcAudience(ctx, res?.value);
    if (!aud || !res || !azAppSignIn(ctx, call)) return;
    report(res.range, `\`az account get-access-token\` signed in as a service principal or managed identity requests an app-only token for the ${aud.info.name}${origin(ctx, aud, 'resource')}. ${WHY} ${FIX_PS}`);
    return;
  }
  if (/^Get-AzAccessToken$/i.test(name)) {
    const res = has(ctx, call, 'ResourceUrl', 'Resource', 'ResourceUri');
    const aud = pcAudience(ctx, res?.value);
    if (!aud || !res || !azAppSignIn(ctx, call)) return;
    report(res.range, `\`Get-AzAccessToken\` after a service principal or managed identity sign-in requests an app-only token for the ${aud.info.name}${origin(ctx, aud, 'resource')}. ${WHY} ${FIX_PS}`);
  }
}

/** `Get-MsalClientApplication`/`New-MsalClientApplication -ClientSecret|-ClientCertificate` piped into Get-MsalToken. */
function confidentialMsalApp(ctx: RuleContext, input: Expr): boolean {
  const d = deref(input);
  if (d?.kind !== 'call' || !/^(Get|New)-MsalClientApplication$/i.test(d.call.name)) return false;
  return !!has(ctx, d.call, 'ClientSecret', 'ClientCertificate', 'ClientAssertion');
}

/**
 * Signed in to Azure as an application before `offset`: `Connect-AzAccount -ServicePrincipal|-Identity|-FederatedToken`
 * (or a certificate), `az login --service-principal|--identity`, or a pipeline task that signs in with its service
 * connection (AzurePowerShell@, AzureCLI@).
 */
function azAppSignIn(ctx: RuleContext, before: { range: Range }): boolean {
  if (ctx.pairs.some((p) => p.container === 'yaml' && p.key === 'task' && /^(AzurePowerShell|AzureCLI)@\d+$/i.test(ctx.value(p.value) ?? ''))) return true;
  const earlier = (r: Range) => r.start < before.range.start;
  if (ctx.strings.some((s) => earlier(s.range) && AZ_LOGIN_APP.test(ctx.value(s) ?? ''))) return true;
  return ctx.calls.some((c) => {
    if (c.kind !== 'command' || !earlier(c.range)) return false;
    if (/^az$/i.test(c.name)) return ctx.value(c.args[0]) === 'login' && !!has(ctx, c, 'service-principal', 'identity', 'federated-token');
    return (
      /^(Connect-AzAccount|Login-AzAccount|Add-AzAccount)$/i.test(c.name) &&
      !!(has(ctx, c, 'ServicePrincipal', 'Identity', 'FederatedToken') || (has(ctx, c, 'CertificateThumbprint') && has(ctx, c, 'ApplicationId')))
    );
  });
}

const AZ_LOGIN_APP = /\baz\s+login\b[^\n]*\s--(service-principal|identity|federated-token)\b/;
const AZ_GET_TOKEN = /\baz\s+account\s+get-access-token\b[^\n]*?\s--(resource|scope)[= ]+["']?([^\s"']+)/g;

/** `az account get-access-token --resource <Partner Center>` in a shell script string (pipeline `bash:` / AzureCLI@ steps). */
function checkAzCliStrings(ctx: RuleContext, report: (range: Range, message: string) => void): void {
  for (const s of ctx.strings) {
    const flat = flatten(ctx, s);
    if (!flat.text.includes('get-access-token')) continue;
    AZ_GET_TOKEN.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = AZ_GET_TOKEN.exec(flat.text))) {
      const info = audienceOfScope(m[2]);
      if (!info?.partnerCenter) continue;
      const at = m.index + m[0].length - m[2].length;
      const range = rangeIn(ctx, flat, at, at + m[2].length, m[2]);
      if (!range || !azAppSignIn(ctx, { range })) continue;
      report(range, `\`az account get-access-token\` signed in as a service principal or managed identity requests an app-only token for the ${info.name}. ${WHY} ${FIX_RAW}`);
    }
  }
}
