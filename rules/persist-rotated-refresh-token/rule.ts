// persist-rotated-refresh-token: a refresh-token exchange whose response's new refresh token is never written back.
import type { Call, Expr, LanguageId, NameExpr, Pair, Range } from '../model/types';
import type { Rule, RuleContext } from '../engine/types';
import { CODE_LANGUAGES } from '../common/meta';
import { lineOf } from '../common/report';
import { ExprGraph, followValue, norm, pseudo, type Usage } from './flow';
import { RefreshTokenWriteBacks } from '../fixes/persist-refresh-token';

const WHY = 'Refresh tokens expire after 90 days of inactivity (AADSTS700082), so the stored one eventually lapses and the SAM consent has to be redone interactively';

// Where each language writes a secret back (Key Vault).
const SET_SECRET: Partial<Record<LanguageId, string>> = {
  powershell: '`Set-AzKeyVaultSecret`',
  yaml: '`Set-AzKeyVaultSecret`',
  csharp: '`SecretClient.SetSecretAsync`',
  python: '`SecretClient.set_secret`',
  javascript: '`SecretClient.setSecret`',
  typescript: '`SecretClient.setSecret`',
  java: '`SecretClient.setSecret`',
};

// Calls that send an HTTP request; one counts as a token exchange only when its body carries grant_type=refresh_token.
const HTTP_COMMANDS = /^(Invoke-RestMethod|Invoke-WebRequest|irm|iwr)$/i;
const HTTP_CALLS = new Set([
  'post', 'Post', 'request', 'urlopen', 'fetch', 'axios', 'got', 'ajax', // Python requests/httpx/aiohttp/urllib, JS fetch/axios/got/jQuery
  'PostAsync', 'SendAsync', 'Send', 'UploadValues', 'UploadValuesAsync', 'UploadString', 'UploadStringAsync', // HttpClient, WebClient
  'Execute', 'ExecuteAsync', 'ExecutePost', 'ExecutePostAsync', 'PostUrlEncodedAsync', // RestSharp, Flurl
  'execute', 'send', 'sendAsync', 'postForEntity', 'postForObject', 'exchange', 'retrieve', 'asString', 'asJson', 'asObject', // OkHttp, Apache, java.net.http, Spring, Unirest
]);

// MSAL clients whose refresh-token call keeps the new refresh token in the client's token cache instead of returning it.
type CacheLibrary = 'MSAL.NET' | 'msal-node' | 'msal4j';
const CACHE_FIX: Record<CacheLibrary, string> = {
  'MSAL.NET': 'persist the token cache (`UserTokenCache.SetBeforeAccess`/`SetAfterAccess`) and write the new refresh token back',
  'msal-node': 'persist the token cache (a `cache.cachePlugin`, or `getTokenCache().serialize()`) and write the new refresh token back',
  'msal4j': 'persist the token cache (`setTokenCacheAccessAspect`) and write the new refresh token back',
};
// Evidence in a file that an MSAL token cache is persisted.
const PERSISTENT_CACHE_CALLS = /^(SetBeforeAccess|SetAfterAccess|SetBeforeAccessAsync|SetAfterAccessAsync|SetBeforeWrite|RegisterCache|EnableSerialization|AddDistributedTokenCache|AddSessionTokenCache|SerializeMsalV3|SerializeMsalV2|setTokenCacheAccessAspect|PersistedTokenCache|build_encrypted_persistence|FilePersistence|FilePersistenceWithDataProtection|KeychainPersistence|LibsecretPersistence|PersistenceCachePlugin|DistributedCachePlugin|PersistenceCreator)$/;
const PERSISTENT_CACHE_IMPORTS = /msal_extensions|msal-node-extensions|Identity\.Client\.Extensions\.Msal|TokenCacheProviders|msal4jextensions/i;
const MSAL_APP = /^(ConfidentialClientApplication|PublicClientApplication)(Builder)?$/;

export interface Exchange {
  /** The call reported (its name). */
  call: Call;
  /** How the message names the exchange. */
  api: string;
  /** Library keeping the new refresh token in its cache (the result does not carry it). */
  cache?: CacheLibrary;
  /** msal for Python: the result carries `refresh_token`, and a persisted cache also keeps it. */
  msalPython?: boolean;
  /** Raw HTTP: where grant_type=refresh_token was set, when outside the call itself. */
  grant?: Pair;
  /** How a field is spelled in the message (`.AccessToken` for PowerShell objects). */
  dotted?: boolean;
  /** A raw HTTP request (the message says what it posts). */
  raw?: boolean;
  /** How the rotated refresh token is read from this result (default `refresh_token`). */
  rtName?: string;
  /** The call that returns the response when the request call does not (`conn.request(...)` then `conn.getresponse()`). */
  responseCall?: Call;
  /**
   * A function of the project, defined elsewhere, that looks like an exchange: named for one (`GetAADTokenFromRefreshToken`)
   * or handed the stored refresh token. Reported only when its result is read for the access token and nothing else.
   */
  helper?: 'named' | 'fed';
}

export const persistRotatedRefreshToken: Rule = {
  meta: {
    id: 'persist-rotated-refresh-token',
    title: 'Write the rotated refresh token of a refresh-token exchange back to the secret store',
    defaultSeverity: 'warning',
    languages: [...CODE_LANGUAGES, 'yaml'],
    fixable: true,
  },
  check(ctx) {
    const exchanges = findExchanges(ctx);
    if (exchanges.length === 0) return;
    const graph = new ExprGraph(ctx);
    const powershell = ctx.language === 'powershell' || ctx.language === 'yaml';
    const declaredLanguage = ['csharp', 'java', 'javascript', 'typescript'].includes(ctx.language);
    const persisted = persistentCache(ctx);
    const writeBacks = new RefreshTokenWriteBacks(ctx);
    const appBuilt = ctx.calls.some((c) => c.callee.some((s) => MSAL_APP.test(s)));
    const reported = new Set<Call>();
    const usages = exchanges.map((x) => followValue(ctx, graph, graph.wrapperOf(x.responseCall ?? x.call) ?? pseudo(x.responseCall ?? x.call), { powershell, declaredLanguage }));
    // One write-back per run keeps the token family alive: when a function (or script) stores the rotated
    // token of one exchange, its further exchanges (one per audience or customer) need not.
    const writtenBackIn = new Set(exchanges.filter((x, i) => !x.cache && usages[i].rtRead).map((x) => x.call.scope));
    exchanges.forEach((x, i) => {
      const usage = usages[i];
      if (reported.has(x.call) || usage.rtRead) return;
      if (x.cache) {
        // The new refresh token is in the client's cache: fine when that cache is persisted, unknown when the client is built elsewhere.
        if (persisted || !appBuilt) return;
        reported.add(x.call);
        ctx.report({ range: x.call.nameRange, message: `${x.api} keeps the new refresh token only in ${x.cache}'s in-memory token cache (no cache serialization is configured in this file), so it is lost when the process ends. ${WHY}; ${CACHE_FIX[x.cache]} (${SET_SECRET[ctx.language] ?? 'Key Vault'}).` });
        return;
      }
      if (usage.escaped || writtenBackIn.has(x.call.scope)) return;
      if (x.helper && (!usage.fields.length || !usage.fields.every((f) => ACCESS_FIELD.test(f)) || writesSecretIn(ctx, x.call.scope))) return;
      if (x.msalPython && persisted) return;
      reported.add(x.call);
      ctx.report({ range: x.call.nameRange, message: responseMessage(ctx, x, usage), fixes: x.helper ? [] : writeBacks.fixesFor(x) });
    });
  },
};

function responseMessage(ctx: RuleContext, x: Exchange, usage: Usage): string {
  const rt = `\`${x.rtName ?? 'refresh_token'}\``;
  const tokenFields = usage.fields.filter((f) => /token/i.test(f));
  const fields = (tokenFields.length ? tokenFields : usage.fields).slice(0, 3).map((f) => (x.dotted ? `\`.${f}\`` : `\`${f}\``));
  const where = x.grant ? grantSource(ctx, x.grant) : '';
  const lead = x.raw
    ? `${x.api} exchanges a refresh token (grant_type=refresh_token${where})`
    : `${x.api} returns a new refresh token`;
  const use = fields.length ? `only reads ${fields.join(', ')}` : usage.logged ? 'only prints or logs the response' : 'never uses the response';
  if (x.helper) {
    const why = x.helper === 'named' ? 'is named for a refresh-token exchange' : 'is given the stored refresh token';
    return `${x.api} ${why} and its result is read only for ${fields.join(', ')}: if it returns the token response, the rotated ${rt} is dropped here. ${WHY}; return and save ${rt} to the secret store (${SET_SECRET[ctx.language] ?? 'Key Vault'}) after each exchange.`;
  }
  return `${lead} but ${use}: the rotated ${rt} is never written back. ${WHY}; save ${rt} to the secret store (${SET_SECRET[ctx.language] ?? 'Key Vault'}) after each exchange.`;
}

/** `, line 12`, or ` from `$grantType`, line 4` when the value came through a variable. */
function grantSource(ctx: RuleContext, p: Pair): string {
  const v = p.value;
  const n = v.kind === 'name' ? v : ctx.references.find((r): r is NameExpr => r.kind === 'name' && r.range.start === v.range.start && r.range.end === v.range.end);
  if (n?.defRange) return ` from \`${ctx.text(n.range)}\`, line ${lineOf(ctx, n.defRange.start)}`;
  return `, line ${lineOf(ctx, p.range.start)}`;
}

export function findExchanges(ctx: RuleContext): Exchange[] {
  const out: Exchange[] = [];
  for (const call of ctx.calls) {
    if (call.kind === 'command') {
      // PartnerCenter module: the AuthResult's .RefreshToken is the rotated token.
      if (/^New-PartnerAccessToken$/i.test(call.name) && ctx.arg(call, 'RefreshToken')) {
        out.push({ call, api: '`New-PartnerAccessToken -RefreshToken`', dotted: true, rtName: '.RefreshToken' });
      }
      continue;
    }
    switch (call.name) {
      case 'acquire_token_by_refresh_token': // msal (Python): the result dict keeps refresh_token
        out.push({ call, api: '`acquire_token_by_refresh_token`', msalPython: true, rtName: 'result["refresh_token"]' });
        break;
      case 'acquire_token_with_refresh_token': // ADAL (Python): the result dict carries refreshToken
        out.push({ call, api: '`acquire_token_with_refresh_token`', rtName: 'refreshToken' });
        break;
      case 'AcquireTokenByRefreshToken':
      case 'AcquireTokenByRefreshTokenAsync':
        // MSAL.NET builds a request that ExecuteAsync() runs (result without the refresh token); ADAL.NET 2.x returns it in .RefreshToken.
        if (call.name === 'AcquireTokenByRefreshToken' && isMsalNetBuilder(ctx, call)) out.push({ call, api: '`AcquireTokenByRefreshToken`', cache: 'MSAL.NET' });
        else out.push({ call, api: `\`${call.name}\``, dotted: true, rtName: '.RefreshToken' });
        break;
      case 'acquireTokenByRefreshToken':
        if (ctx.language === 'java') out.push({ call, api: '`acquireTokenByRefreshToken`', rtName: 'getRefreshToken()' }); // adal4j: AuthenticationResult.getRefreshToken()
        else if (!hasCallback(ctx, call)) out.push({ call, api: '`acquireTokenByRefreshToken`', cache: 'msal-node' });
        break;
      case 'acquireToken':
        if (ctx.language === 'java' && call.args.some((a) => mentions(ctx, a, /^RefreshTokenParameters$/))) {
          out.push({ call, api: '`acquireToken(RefreshTokenParameters…)`', cache: 'msal4j' });
        }
        break;
    }
  }
  out.push(...rawExchanges(ctx));
  out.push(...helperExchanges(ctx, out));
  return out;
}

// Project helpers that wrap an exchange: named for it, or handed the stored refresh token.
const HELPER_NAME = /(from|by|with|using|for)[-_]?refresh[-_]?token$/i;
const KNOWN_EXCHANGE = /^(acquire_token_by_refresh_token|acquire_token_with_refresh_token|AcquireTokenByRefreshToken(Async)?|acquireTokenByRefreshToken|acquireTokenWithRefreshToken|New-PartnerAccessToken)$/;
const SECRET_READ = /^(GetSecret|GetSecretAsync|get_secret|getSecret|GetSecretValue|GetSecretValueAsync|get_secret_value|getSecretValue|Get-AzKeyVaultSecret|Get-Secret)$/;
/** Fields of a token response other than the refresh token: read alone, they show the response came back and was used for its access token. */
const ACCESS_FIELD = /^(access_?token|AccessToken|accessToken|getAccessToken|expires_?(in|on)|ExpiresOn|expiresOn|ext_expires_in|token_?type|TokenType|tokenType|getExpiresOn)$/;

function helperExchanges(ctx: RuleContext, known: Exchange[]): Exchange[] {
  const taken = new Set(known.map((x) => x.call));
  const out: Exchange[] = [];
  for (const call of ctx.calls) {
    if (taken.has(call) || KNOWN_EXCHANGE.test(call.name)) continue;
    const named = HELPER_NAME.test(call.name);
    const fed = !named && call.args.some((a) => storedRefreshToken(ctx, a));
    if (!named && !fed) continue;
    if (definedHere(ctx, call.name)) continue; // its own body is checked where it is written
    out.push({ call, api: `\`${ctx.text(call.nameRange)}\``, helper: named ? 'named' : 'fed', rtName: 'refresh_token' });
  }
  return out;
}

/** A variable named for a refresh token whose value was read from a secret store (`refreshToken = await kv.GetSecretAsync(…)`). */
function storedRefreshToken(ctx: RuleContext, a: Expr): boolean {
  if (a.kind !== 'name' || !/refresh_?token|^rt$/i.test(a.name.replace(/^\$/, ''))) return false;
  let d = ctx.deref(a);
  for (let i = 0; i < 4 && d && (d.kind === 'unknown' || d.kind === 'member'); i++) d = d.kind === 'member' ? d.object : d.children?.length === 1 ? d.children[0] : undefined;
  return d?.kind === 'call' && SECRET_READ.test(d.call.name);
}

/** The file defines a function of that name (then the exchange inside it is followed there). */
function definedHere(ctx: RuleContext, name: string): boolean {
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\b(def|function|func|sub)\\s+${n}\\b|\\b${n}\\s*\\([^()]*\\)\\s*(\\{|=>|:|throws\\b)|\\b${n}\\s*=\\s*(async\\s+)?(function\\b|\\([^()]*\\)\\s*=>)`, 'i').test(ctx.model.text);
}

/** The scope writes a secret (Key Vault or a secret store): it may be saving the rotated token. */
function writesSecretIn(ctx: RuleContext, scope: number): boolean {
  return ctx.calls.some((c) => c.scope === scope && /^(SetSecret|SetSecretAsync|set_secret|setSecret|Set-AzKeyVaultSecret|Set-Secret|beginSetSecret|UpdateSecret\w*)$/.test(c.name));
}

/** MSAL.NET's `AcquireTokenByRefreshToken(scopes, refreshToken)` builds a request that `.ExecuteAsync()` runs; ADAL 2.x's takes the refresh token first. */
function isMsalNetBuilder(ctx: RuleContext, call: Call): boolean {
  if (ctx.calls.some((c) => /^(ExecuteAsync|WithForceRefresh|WithClaims|WithTenantId|WithAuthority|WithSendX5C)$/.test(c.name) && c.receiver?.kind === 'call' && chainHas(c.receiver.call, call))) return true;
  const first = call.args[0];
  if (first && (ctx.deref(first)?.kind === 'array' || /scope/i.test(ctx.text(first.range)))) return true;
  const msal = ctx.imports.some((i) => /^Microsoft\.Identity\.Client\b/.test(i.module));
  const adal = ctx.imports.some((i) => /ActiveDirectory/.test(i.module)) || /ActiveDirectory|AuthenticationContext/.test(ctx.text(call.range));
  return msal && !adal;
}

function chainHas(c: Call, target: Call): boolean {
  for (let cur: Call | undefined = c; cur; cur = cur.receiver?.kind === 'call' ? cur.receiver.call : undefined) if (cur === target) return true;
  return false;
}

/** True when some call inside `e` (following names and builder chains) is named like `re`. */
function mentions(ctx: RuleContext, e: Expr | undefined, re: RegExp, depth = 0): boolean {
  if (!e || depth > 8) return false;
  const d = ctx.deref(e);
  if (!d) return false;
  if (d.kind === 'call') {
    if (d.call.callee.some((s) => re.test(s))) return true;
    return mentions(ctx, d.call.receiver, re, depth + 1) || d.call.args.some((a) => mentions(ctx, a, re, depth + 1));
  }
  if (d.kind === 'name') return re.test(d.name);
  if (d.kind === 'member') return d.path.some((s) => re.test(s));
  return false;
}

/** A callback argument (lambda or function) receives the response instead of the call's value. */
function hasCallback(ctx: RuleContext, call: Call): boolean {
  return call.args.some((a) => ctx.model.scopes.some((s) => s.parent === call.scope && s.range.start >= a.range.start && s.range.end <= a.range.end));
}

function persistentCache(ctx: RuleContext): boolean {
  for (const c of ctx.calls) {
    if (PERSISTENT_CACHE_CALLS.test(c.name)) return true;
    if (/^(serialize|Serialize)$/.test(c.name) && /cache/i.test(c.callee.join('.') + (c.receiver ? ctx.text(c.receiver.range) : ''))) return true;
  }
  if (ctx.pairs.some((p) => norm(p.key) === 'cacheplugin')) return true;
  return ctx.imports.some((i) => PERSISTENT_CACHE_IMPORTS.test(i.module));
}

// ---------------------------------------------------------------------------------------------
// Raw HTTP: a request whose body (followed through variables and builders) carries grant_type=refresh_token.

/** grant_type=refresh_token anywhere: form bodies, hashtables, dicts, object literals, initializers, params.set, name/value pair objects. */
function refreshGrants(ctx: RuleContext): Pair[] {
  const out = ctx.pairs.filter((p) => /granttype$/.test(norm(p.key.split(/[.:/]/).pop() ?? p.key)) && ctx.value(p.value)?.trim().toLowerCase() === 'refresh_token');
  for (const c of ctx.calls) {
    // new BasicNameValuePair("grant_type", "refresh_token"), new KeyValuePair<string, string>(...) in a list; RestSharp AddParameter(name, value[, type]).
    const nvp = c.kind === 'new' && c.args.length === 2 && /(NameValuePair|KeyValuePair|Pair)$/.test(c.name);
    if (!nvp && !(/^(AddParameter|AddOrUpdateParameter)$/.test(c.name) && c.args.length >= 2)) continue;
    const k = ctx.value(c.args[0]);
    if (k && norm(k) === 'granttype' && ctx.value(c.args[1])?.trim().toLowerCase() === 'refresh_token') {
      out.push({ key: k, keyRange: c.args[0].range, value: c.args[1], range: c.range, container: 'params', path: [k], scope: c.scope });
    }
  }
  return out;
}

// Methods that add to a body, form, parameter list or request before it is sent.
const MUTATORS = /^(set|append|put|putAll|add|Add|TryAdd|addAll|AddRange|AddParameter|AddOrUpdateParameter|setParameter|addParameter|param|field|formParam|addFormDataPart|addQueryParameter|setEntity|setBody|body|setContent|update|extend|setdefault|Set|Append|Insert)$/;

interface Body {
  ranges: Range[];
  calls: Set<Call>;
}

/** Everything that flows into a request call: arguments, splats, names (with what was added to them before the call), builder chains. */
function bodyOf(ctx: RuleContext, call: Call): Body {
  const ranges: Range[] = [];
  const calls = new Set<Call>();
  const seen = new Set<Expr>();
  const walk = (e: Expr | undefined, asValue: boolean, depth: number) => {
    if (!e || seen.has(e) || depth > 24) return;
    seen.add(e);
    ranges.push(e.range);
    switch (e.kind) {
      case 'name':
        if (asValue) mutations(e, depth);
        if (e.def) walk(e.def, asValue, depth + 1);
        return;
      case 'member':
      case 'index':
        // A field of something else (`$token.access_token` in a header) is not where a request body is built.
        return;
      case 'call':
        walkCall(e.call, depth + 1);
        return;
      case 'object':
        for (const p of e.entries) walk(p.value, true, depth + 1);
        for (const s of e.spreads) walk(s, true, depth + 1);
        return;
      case 'concat':
        for (const p of e.parts) walk(p, true, depth + 1);
        return;
      case 'array':
        for (const p of e.items) walk(p, true, depth + 1);
        return;
      case 'spread':
        walk(e.argument, true, depth + 1);
        return;
      case 'unknown':
        for (const p of e.children ?? []) walk(p, true, depth + 1);
        return;
      default:
        return;
    }
  };
  const walkCall = (c: Call, depth: number) => {
    if (calls.has(c)) return;
    calls.add(c);
    // The client a request is sent with (`session`, `$client`) is not part of its body; a builder or collection a body is made from is.
    walk(c.receiver, c !== call, depth);
    walk(c.input, true, depth);
    for (const a of c.args) walk(a, true, depth);
    for (const n of ctx.named(c)) walk(n.value, true, depth);
  };
  // `params.append(...)`, `request.AddParameter(...)`, `post.setEntity(...)`, `data["grant_type"] = ...` before the request.
  const mutations = (n: NameExpr, depth: number) => {
    const same = (r: Expr | undefined) => r?.kind === 'name' && r.name.toLowerCase() === n.name.toLowerCase() && (n.def ? r.def === n.def : r.scope === n.scope);
    for (const c of ctx.calls) {
      if (MUTATORS.test(c.name) && c.range.start < call.range.start && same(c.receiver)) {
        ranges.push(c.range);
        for (const a of c.args) walk(a, true, depth + 1);
      }
    }
    for (const a of ctx.assignments) {
      if (a.target.length >= 2 && a.target[0].toLowerCase() === n.name.toLowerCase() && a.scope === n.scope && a.range.start < call.range.start) {
        ranges.push(a.range);
        walk(a.value, true, depth + 1);
      }
    }
  };
  walkCall(call, 0);
  return { ranges, calls };
}

/** Python http.client and friends: `conn.request("POST", path, body)` returns nothing; `conn.getresponse()` does. */
function laterResponse(ctx: RuleContext, call: Call): Call | undefined {
  const recv = call.receiver;
  if (recv?.kind !== 'name') return undefined;
  return ctx.calls.find((c) => /^(getresponse|getResponse|GetResponse|GetResponseAsync)$/.test(c.name) && c.range.start > call.range.end && c.receiver?.kind === 'name' && c.receiver.name === recv.name && c.receiver.def === recv.def && c.scope === call.scope);
}

function contains(outer: Range, inner: Range): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

function rawExchanges(ctx: RuleContext): Exchange[] {
  const grants = refreshGrants(ctx);
  if (grants.length === 0) return [];
  const candidates: { call: Call; grant: Pair; body: Body }[] = [];
  for (const call of ctx.calls) {
    if (call.kind === 'command' ? !HTTP_COMMANDS.test(call.name) : !HTTP_CALLS.has(call.name)) continue;
    const body = bodyOf(ctx, call);
    const grant = grants.find((g) => body.ranges.some((r) => contains(r, g.range)));
    if (grant) candidates.push({ call, grant, body });
  }
  const out: Exchange[] = [];
  for (const c of candidates) {
    // The request builder (`new Request.Builder().post(body)`) is part of the request that `execute()` sends: keep the outermost.
    if (candidates.some((o) => o !== c && o.body.calls.has(c.call))) continue;
    if (hasCallback(ctx, c.call)) continue; // request(options, (err, res, body) => ...): the response goes to the callback
    const g = c.grant;
    const viaName = g.value.kind === 'name' || ctx.references.some((r) => r.kind === 'name' && r.range.start === g.value.range.start && r.range.end === g.value.range.end);
    const receiver = c.call.receiver?.kind === 'name' ? `${ctx.text(c.call.receiver.range)}.` : '';
    // As written: a function imported under an alias (`http_post`) is named so, although its callee is the imported name.
    out.push({ call: c.call, api: `\`${receiver}${ctx.text(c.call.nameRange)}\``, grant: contains(c.call.range, g.range) && !viaName ? undefined : g, raw: true, responseCall: laterResponse(ctx, c.call) });
  }
  return out;
}
