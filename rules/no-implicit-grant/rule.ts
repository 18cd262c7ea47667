// no-implicit-grant: OAuth implicit-grant token requests (response_type containing `token`), the libraries built on
// the implicit grant (ADAL.js, MSAL.js 1.x) and app registrations that turn on implicit access-token issuance.
import type { Call, Expr, MemberExpr, Range } from '../model/types';
import type { Fix, Rule, RuleContext } from '../engine/types';
import { textMap, type TextMap } from '../engine/derive';
import { ALL_LANGUAGES } from '../common/meta';
import { lineOf, reportOnce } from '../common/report';
import { lastKey } from '../common/secrets';
import { fixWith } from '../fixes/edits';
import { falseLiteral, flatIndex, flatString, quoted, sourceRange, stringsAround } from '../fixes/strings';
import { urlAt } from '../fixes/urls';

const LEAK = 'access tokens come back in the redirect URL (browser history, logs, Referer), and the Secure Application Model app must keep implicit grant off';
const FIX_FLOW = 'Use the authorization-code flow (`response_type=code`, or `code id_token` for a hybrid sign-in) and redeem the code on the server.';
const REGISTRATION = `enables implicit-grant access-token issuance on the app registration: ${LEAK}. Set it to false; ID-token issuance alone is enough for a hybrid \`code id_token\` sign-in.`;
const FIX_SPA = 'Migrate to `@azure/msal-browser` `PublicClientApplication` (authorization code with PKCE) and turn implicit grant off.';

/** `response_type`, `ResponseType`, `ida:ResponseType`, `OIDC_RESPONSE_TYPE`, `response-type`: last segment `...responsetype`. */
const isResponseTypeKey = (key: string) => lastKey(key).endsWith('responsetype');
const isGrantTypeKey = (key: string) => /granttypes?$/.test(lastKey(key));
/**
 * Graph `web.implicitGrantSettings.enableAccessTokenIssuance`, AAD Graph manifest / AzureAD module `oauth2AllowImplicitFlow`,
 * az CLI `--enable-access-token-issuance` / `--oauth2-allow-implicit-flow`. (`enableIdTokenIssuance` and
 * `oauth2AllowIdTokenImplicitFlow` issue ID tokens only, which the hybrid `code id_token` sign-in needs.)
 */
// Also the Graph PowerShell SDK's flattened parameters: `New-MgApplication -ImplicitGrantSettingEnableAccessTokenIssuance`,
// `Update-MgApplication -WebImplicitGrantSettingEnableAccessTokenIssuance:$true` (not `…EnableIdTokenIssuance`).
const isRegistrationKey = (key: string) => /^((web)?implicitgrantsettings?)?enableaccesstokenissuance$|^oauth2allowimplicitflow$/.test(lastKey(key));

/** Classes whose constants are response types: Microsoft.IdentityModel / ASP.NET Core, IdentityModel, Nimbus, Spring. */
const RESPONSE_TYPE_CLASS = /^(OpenIdConnectResponseTypes?|ResponseTypes?|OAuth2AuthorizationResponseType)$/;
/** Calls whose first argument is the value itself (encoding). */
const ENCODERS = /^(encodeURIComponent|encodeURI|escape|quote|quote_plus|EscapeDataString|EscapeUriString|UrlEncode|encode)$/;
/** Packages that are ADAL.js (implicit grant only). */
const ADAL_JS = /(^|\/)(adal-angular[\w-]*|react-adal|adal-vanilla|adal-ts|adal-angular\d+)$/;

/** `OpenIdConnectResponseType.X`, `OidcConstants.ResponseTypes.X`, Nimbus `ResponseType.X` / `ResponseType.Value.X`. */
function isResponseTypeConstant(m: MemberExpr): boolean {
  const owner = m.path.at(-2) === 'Value' ? m.path.at(-3) : m.path.at(-2);
  return owner !== undefined && RESPONSE_TYPE_CLASS.test(owner);
}

/** `IdTokenToken` / `CODE_IDTOKEN_TOKEN` / `Token` -> `id_token token` etc.; undefined if the name is not made of response-type words. */
function constantWords(name: string): string | undefined {
  let rest = name.toLowerCase().replace(/_/g, '');
  const out: string[] = [];
  while (rest) {
    const w = ['code', 'idtoken', 'token', 'none'].find((x) => rest.startsWith(x));
    if (!w) return undefined;
    out.push(w === 'idtoken' ? 'id_token' : w);
    rest = rest.slice(w.length);
  }
  return out.length ? out.join(' ') : undefined;
}

/** Whether a response_type value names `token` as one of its space/`+`/`%20`-separated words. */
function hasTokenWord(value: string): boolean {
  return value.toLowerCase().split(/%20|[\s+,]+/).includes('token');
}

export const noImplicitGrant: Rule = {
  meta: {
    id: 'no-implicit-grant',
    title: 'Do not use the OAuth implicit grant (response_type token) or enable implicit access-token issuance; use the authorization-code flow',
    defaultSeverity: 'warning',
    languages: ALL_LANGUAGES,
    fixable: true,
  },
  check(ctx) {
    const report = reportOnce(ctx);

    /** ` (value from `NAME`, line N)` when the value came through a variable or constant. */
    const origin = (e: Expr): string => {
      let n: Expr | undefined = e;
      if (n.kind !== 'name') n = ctx.references.find((r) => r.kind === 'name' && r.range.start === e.range.start && r.range.end === e.range.end);
      if (n?.kind !== 'name' || !n.defRange) return '';
      return ` (value from \`${n.name}\`, line ${lineOf(ctx, n.defRange.start)})`;
    };

    /** The texts a value may take: literal / resolved strings, response-type constants, array items, both branches of a conditional. */
    const texts = (e: Expr | undefined, depth = 0): string[] => {
      if (!e || depth > 6) return [];
      switch (e.kind) {
        case 'string':
        case 'concat':
          return [ctx.approx(e)];
        case 'name': {
          const v = ctx.approx(e);
          return v !== '\uFFFC' ? [v] : texts(ctx.deref(e) === e ? undefined : ctx.deref(e), depth + 1);
        }
        case 'member': {
          const v = ctx.value(e);
          if (v !== undefined) return [v];
          const c = isResponseTypeConstant(e) ? constantWords(e.property) : undefined;
          return c ? [c] : [];
        }
        case 'array':
          return [e.items.flatMap((i) => texts(i, depth + 1)).join(' ')];
        case 'unknown':
          return (e.children ?? []).flatMap((c) => texts(c, depth + 1));
        case 'call':
          if (ENCODERS.test(e.call.name)) return texts(e.call.args[0], depth + 1);
          if (isResponseTypeCall(e.call)) return [e.call.args.flatMap((a) => texts(a, depth + 1)).join(' ')];
          return [];
        default:
          return [];
      }
    };

    const isTrue = (e: Expr | undefined): boolean => {
      const d = ctx.deref(e);
      if (!d) return false;
      if (d.kind === 'literal') return /^\$?true$|^1$/i.test(d.text);
      if (d.kind === 'name') return /^true$/i.test(d.name) && !d.def;
      const v = ctx.value(d);
      return v !== undefined && /^(true|1|yes|on)$/i.test(v.trim());
    };

    /** A form/query-string pair's value that is a substitution (`&response_type=$rt`) stands for the name read there. */
    const source = (e: Expr): Expr => {
      if (e.kind !== 'unknown' || e.children?.length) return e;
      return ctx.references.find((r) => r.range.start === e.range.start && r.range.end === e.range.end) ?? e;
    };

    const responseType = (key: string, value: Expr | undefined, range: Range | undefined) => {
      if (!value || !range) return;
      const all = texts(source(value));
      const hit = all.find(hasTokenWord);
      if (hit === undefined) return;
      report(range, `\`${key}\` = \`${hit.trim()}\`${origin(value)} uses the OAuth implicit grant: ${LEAK}. ${FIX_FLOW}`, () => responseTypeFix(ctx, key, value, range, hit));
    };

    const grantType = (key: string, value: Expr | undefined) => {
      if (!value) return;
      const words = texts(value).flatMap((t) => t.toLowerCase().split(/[\s,]+/));
      const member = ctx.deref(value);
      const implicit = words.includes('implicit') || (member?.kind === 'member' && /^implicit/i.test(member.property));
      if (!implicit) return;
      report(value.range, `\`${key}\` = implicit${origin(value)} uses the OAuth implicit grant: ${LEAK}. Use \`authorization_code\` and redeem the code on the server.`, () => grantTypeFix(ctx, value));
    };

    const registration = (key: string, value: Expr | undefined, range: Range) => {
      if (value !== undefined && !isTrue(value)) return;
      report(value?.range ?? range, `\`${key}\` = true${value ? origin(value) : ''} ${REGISTRATION}`, () => (value ? registrationFix(ctx, key, value.range) : undefined));
    };

    const pair = (key: string, value: Expr | undefined, keyRange: Range) => {
      if (isResponseTypeKey(key)) responseType(key, value, value?.range);
      else if (isGrantTypeKey(key)) grantType(key, value);
      else if (isRegistrationKey(key)) registration(key, value, keyRange);
    };

    // Key/value pairs: hashtables, dicts, object literals, initializers, config files, form bodies and query strings
    // (authorize links), URLSearchParams.set/append, map.put, property assignments `o.ResponseType = ...`.
    for (const p of ctx.pairs) {
      pair(p.key, p.value, p.keyRange);
    }
    for (const a of ctx.assignments) {
      if (a.target.length > 2) pair(a.target[a.target.length - 1], a.value, a.targetRange);
    }
    // Named arguments: msal `get_authorization_request_url(response_type="token")`, `-Oauth2AllowImplicitFlow $true`,
    // `az ad app update --enable-access-token-issuance true`, `ImplicitGrantSettings(enable_access_token_issuance=True)`.
    for (const call of ctx.calls) {
      for (const n of call.named) pair(n.name, n.value, n.nameRange);
      // Setters and builders: `igs.setEnableAccessTokenIssuance(true)`, `.responseType("token")`, `.WithResponseType(...)`.
      if (call.kind === 'call' && call.args.length === 1 && call.args[0].kind !== 'spread') {
        const key = call.name.replace(/^(set|with)(?=[A-Z_])/, '');
        pair(key, call.args[0], call.nameRange);
      }
    }
    // `[("response_type", "token"), ...]` / `new URLSearchParams([['response_type', 'token']])`.
    for (const call of ctx.calls) {
      for (const a of call.args) {
        const list = ctx.deref(a);
        if (list?.kind !== 'array') continue;
        for (const item of list.items) {
          if (item.kind !== 'array' || item.items.length !== 2) continue;
          const key = ctx.value(item.items[0]);
          if (key !== undefined) pair(key, item.items[1], item.items[0].range);
        }
      }
    }

    checkLibraries(ctx, report);
    checkConstants(ctx, report);
    checkEmbedded(ctx, report);
  },
};

/** Nimbus `new ResponseType("id_token", "token")` / `ResponseType.parse("id_token token")`. */
function isResponseTypeCall(call: Call): boolean {
  return (call.kind === 'new' && call.name === 'ResponseType') || (call.name === 'parse' && call.callee.at(-2) === 'ResponseType');
}

type Report = (range: Range, message: string, fix?: () => Fix | undefined) => void;

/** ADAL.js `new AuthenticationContext(config)` takes a config object; adal-node's takes an authority URL and runs on a server. */
function isAdalJsConfig(ctx: RuleContext, arg: Expr | undefined, adalImported: boolean): boolean {
  const a = ctx.deref(arg);
  if (a?.kind === 'object') return true;
  if (!adalImported || !a) return false;
  return !(a.kind === 'string' || a.kind === 'concat' || /^https?:/i.test(ctx.approx(a)));
}

/** Libraries whose only browser flow is the implicit grant, and implicit-grant clients of OAuth libraries. */
function checkLibraries(ctx: RuleContext, report: Report): void {
  const js = ctx.language === 'javascript' || ctx.language === 'typescript';
  const adalImported = ctx.imports.some((i) => ADAL_JS.test(i.module));
  for (const call of ctx.calls) {
    if (js && call.kind === 'new' && call.name === 'UserAgentApplication') {
      report(call.nameRange, `MSAL.js 1.x \`UserAgentApplication\` gets its tokens through the OAuth implicit grant: ${LEAK}. ${FIX_SPA}`);
    } else if (js && call.kind === 'new' && call.name === 'AuthenticationContext' && isAdalJsConfig(ctx, call.args[0], adalImported)) {
      report(call.nameRange, `ADAL.js \`AuthenticationContext\` (adal-angular, retired) signs in only through the OAuth implicit grant: ${LEAK}. ${FIX_SPA}`);
    } else if (js && call.name === 'init' && /^adal(AuthenticationService)?Provider$/.test(call.callee.at(-2) ?? '')) {
      report(call.calleeRange, `ADAL Angular \`adalAuthenticationServiceProvider.init\` (retired) signs in only through the OAuth implicit grant: ${LEAK}. Migrate to \`@azure/msal-angular\` 2+ on \`@azure/msal-browser\` (authorization code with PKCE) and turn implicit grant off.`);
    } else if (call.name === 'MobileApplicationClient') {
      report(call.nameRange, `oauthlib \`MobileApplicationClient\` implements the OAuth implicit grant: ${LEAK}. Use \`WebApplicationClient\` (authorization code) and exchange the code on the server, or msal \`initiate_auth_code_flow\` / \`acquire_token_by_auth_code_flow\`.`);
    } else if (call.name === 'implicit' && call.callee.at(-2) === 'OAuth2AuthorizationRequest') {
      report(call.nameRange, `Spring \`OAuth2AuthorizationRequest.implicit()\` builds an implicit-grant request (deprecated): ${LEAK}. Use \`OAuth2AuthorizationRequest.authorizationCode()\`.`, () =>
        fixWith(ctx.model, 'Use OAuth2AuthorizationRequest.authorizationCode()', [{ range: call.nameRange, text: 'authorizationCode' }], [], { preferred: true }),
      );
    } else if (call.kind === 'new' && call.name === 'AuthorizationGrantType' && ctx.value(call.args[0])?.toLowerCase() === 'implicit') {
      report(call.args[0].range, `\`AuthorizationGrantType("implicit")\` uses the OAuth implicit grant: ${LEAK}. Use \`AuthorizationGrantType.AUTHORIZATION_CODE\`.`, () => grantTypeFix(ctx, call.args[0]));
    } else if (isResponseTypeCall(call)) {
      const arg = call.args.find((a) => {
        const v = ctx.value(a);
        return v !== undefined && hasTokenWord(v);
      });
      if (arg) report(arg.range, `Response type \`${ctx.value(arg)}\` uses the OAuth implicit grant: ${LEAK}. ${FIX_FLOW}`, () => responseTypeArgFix(ctx, call, arg));
    }
  }
}

/** Response-type and grant-type constants wherever they are read: `OpenIdConnectResponseType.IdTokenToken`, `ResponseType.Value.TOKEN`, `AuthorizationGrantType.IMPLICIT`. */
function checkConstants(ctx: RuleContext, report: Report): void {
  for (const r of ctx.references) {
    if (r.kind !== 'member') continue;
    const m = r as MemberExpr;
    const owner = m.path.at(-2) === 'Value' ? m.path.at(-3) : m.path.at(-2);
    if (owner === 'AuthorizationGrantType' && /^implicit$/i.test(m.property)) {
      report(m.range, `\`AuthorizationGrantType.IMPLICIT\` uses the OAuth implicit grant (deprecated in Spring Security): ${LEAK}. Use \`AuthorizationGrantType.AUTHORIZATION_CODE\`.`, () => grantTypeFix(ctx, m));
      continue;
    }
    if (!isResponseTypeConstant(m)) continue;
    const words = constantWords(m.property);
    if (words && hasTokenWord(words)) {
      report(m.range, `\`${m.path.slice(m.path.at(-2) === 'Value' ? -3 : -2).join('.')}\` (\`${words}\`) uses the OAuth implicit grant: ${LEAK}. ${FIX_FLOW}`, () => constantFix(ctx, m, words));
    }
  }
}

// Inside string values the model does not split: Graph REST bodies (`az rest --body '{"web":{...}}'`, StringContent JSON)
// and az CLI command lines in scripts the engine does not parse (bash `script:` steps, AzureCLI@2 `inlineScript`).
const JSON_REGISTRATION = /\\?["'](enableAccessTokenIssuance|oauth2AllowImplicitFlow)\\?["']\s*:\s*(true)\b/gi;
const AZ_SET = /[\s.'"](enableAccessTokenIssuance|oauth2AllowImplicitFlow)=["']?(true)\b/gi;
const JSON_RESPONSE_TYPE = /\\?["'](response_type|responseType)\\?["']\s*:\s*\\?["']([^"'\\]*)/g;
const AZ_FLAG = /--(enable-access-token-issuance|oauth2-allow-implicit-flow)(?:[ \t=]+["']?(true|false|yes|no|on|off|1|0)\b)?/gi;
const AZ_AD_APP = /\baz\s+ad\s+app\b/;

/**
 * File range of `map.text[at, at + len)`. Literal pieces map exactly; where the source is not the text verbatim (escaped
 * quotes, YAML block scalars), the same occurrence of `anchor` (the key, found at `anchorAt`) is found in the source and
 * the value looked up from there (escapes and indentation only make the source longer).
 */
function rangeIn(ctx: RuleContext, s: Expr, map: TextMap, anchor: string, anchorAt: number, at: number, len: number): Range {
  const r = map.range(at, at + len);
  if (r.end - r.start === len) return r;
  const nth = map.text.slice(0, anchorAt).split(anchor).length - 1;
  const src = ctx.text(s.range);
  let pos = -1;
  for (let i = 0; i <= nth; i++) {
    pos = src.indexOf(anchor, pos + 1);
    if (pos < 0) return r;
  }
  const v = src.indexOf(map.text.slice(at, at + len), pos + Math.max(0, at - anchorAt));
  return v < 0 ? r : { start: s.range.start + v, end: s.range.start + v + len };
}

/** Text offset of capture group `g` (the key is matched literally, so its first occurrence inside the match). */
function keyAt(m: RegExpMatchArray, g: number): number {
  return (m.index ?? 0) + m[0].indexOf(m[g]);
}

function checkEmbedded(ctx: RuleContext, report: Report): void {
  for (const s of ctx.strings) {
    const text = ctx.approx(s);
    if (!/implicitflow|accesstokenissuance|access-token-issuance|response_?type/i.test(text)) continue;
    const map = textMap(s, (e) => ctx.approx(e));
    for (const m of map.text.matchAll(JSON_REGISTRATION)) {
      const at = (m.index ?? 0) + m[0].length - m[2].length;
      const r = rangeIn(ctx, s, map, m[1], keyAt(m, 1), at, m[2].length);
      report(r, `\`${m[1]}\` = true ${REGISTRATION}`, () => registrationFix(ctx, m[1], r));
    }
    for (const m of map.text.matchAll(JSON_RESPONSE_TYPE)) {
      if (!hasTokenWord(m[2])) continue;
      const at = (m.index ?? 0) + m[0].length - m[2].length;
      const r = rangeIn(ctx, s, map, m[1], keyAt(m, 1), at, m[2].length);
      report(r, `\`${m[1]}\` = \`${m[2]}\` uses the OAuth implicit grant: ${LEAK}. ${FIX_FLOW}`, () => embeddedResponseTypeFix(ctx, m[1], m[2], r));
    }
    if (!AZ_AD_APP.test(map.text)) continue;
    for (const m of map.text.matchAll(AZ_SET)) {
      const at = (m.index ?? 0) + m[0].length - m[2].length;
      const r = rangeIn(ctx, s, map, m[1], keyAt(m, 1), at, m[2].length);
      report(r, `\`az ad app --set ${m[1]}\` = true ${REGISTRATION}`, () => registrationFix(ctx, m[1], r));
    }
    for (const m of map.text.matchAll(AZ_FLAG)) {
      if (m[2] && !/^(true|yes|on|1)$/i.test(m[2])) continue;
      const at = m[2] ? (m.index ?? 0) + m[0].length - m[2].length : m.index ?? 0;
      const len = m[2] ? m[2].length : m[1].length + 2;
      const r = rangeIn(ctx, s, map, `--${m[1]}`, m.index ?? 0, at, len);
      report(r, `\`az ad app --${m[1]}\` = true ${REGISTRATION}`, () => (m[2] ? registrationFix(ctx, `--${m[1]}`, r) : azFlagOffFix(ctx, m[1], r)));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Quick fixes: the authorization-code flow in place of the implicit grant. Only the edit in an authorize
// link is `safe` (the link now asks for a code); every other one changes what the app must handle.

/** The OAuth wire name (links, query builders, msal's keyword argument) takes `code`; middleware settings keep the sign-in's ID token. */
function isWireKey(key: string): boolean {
  return (key.split(/[.:/]|__/).pop() ?? key) === 'response_type';
}

/** `code`, or `code id_token` where a sign-in middleware setting had an ID-token part (`id_token token` -> `code id_token`). */
function codeValue(key: string, value: string): string {
  if (isWireKey(key)) return 'code';
  return value.toLowerCase().split(/%20|[\s+,]+/).includes('id_token') ? 'code id_token' : 'code';
}

function codeTitle(value: string): string {
  return value === 'code' ? 'Use response_type=code' : 'Use response_type=code id_token (keeps the sign-in ID token)';
}

/**
 * When `range` is (or holds) a `response_type` value in a URL to an `/authorize` endpoint: the file range of that
 * value, to put `code` in. The URL is read from the source as written (`&amp;` in XML, holes for interpolations).
 */
function linkValueRange(ctx: RuleContext, range: Range): Range | undefined {
  for (const s of stringsAround(ctx.model, range)) {
    const f = flatString(ctx.model.text, s);
    const whole = range.start <= (f.pieces[0]?.src.start ?? s.range.start) && range.end >= (f.pieces[f.pieces.length - 1]?.src.end ?? s.range.end);
    const fi = whole ? 0 : flatIndex(f, range.start);
    const fj = whole ? f.text.length : flatIndex(f, range.end);
    if (fi < 0) continue;
    for (let at = f.text.indexOf('://'); at >= 0; at = f.text.indexOf('://', at + 3)) {
      const url = urlAt(f, at + 3, ctx.language);
      if (!url || !url.segments.some((g) => /^authorize$/i.test(g.text))) continue;
      for (const p of url.params) {
        if (p.key !== 'response_type') continue;
        const vs = p.start + p.text.indexOf('=') + 1;
        // The finding's value: it lies in this parameter's value, or the finding covers the whole string.
        if (!(whole ? hasTokenWord(f.text.slice(vs, p.end)) : fi >= vs && (fj < 0 ? fi : fj) <= p.end)) continue;
        return sourceRange(f, vs, p.end);
      }
    }
    if (!whole) return undefined;
  }
  return undefined;
}

/** A hole inside a (non-link) string that can take literal text: its span. */
function holeSpan(ctx: RuleContext, range: Range): Range | undefined {
  for (const s of stringsAround(ctx.model, range)) {
    if (s.kind !== 'concat') continue;
    const f = flatString(ctx.model.text, s);
    const piece = f.pieces.find((p) => !p.literal && p.expr.range.start === range.start && p.expr.range.end === range.end);
    if (piece) return piece.replaceable ? piece.src : undefined;
  }
  return undefined;
}

function responseTypeFix(ctx: RuleContext, key: string, value: Expr, range: Range, hit: string): Fix | undefined {
  const link = linkValueRange(ctx, range);
  if (link) return fixWith(ctx.model, 'Use response_type=code', [{ range: link, text: 'code' }], [], { preferred: true, safe: true });
  const target = codeValue(key, hit);
  const title = codeTitle(target);
  if (value.kind === 'string') {
    // Only a range that holds the value alone (not a whole URL or body the finding could not narrow down).
    const c = value.contentRange;
    if (c.start < range.start || c.end > range.end || !/^[\w\s+%,]+$/.test(ctx.text(c))) return undefined;
    return fixWith(ctx.model, title, [{ range: c, text: target }], [], { preferred: true });
  }
  const hole = holeSpan(ctx, range);
  if (hole) return fixWith(ctx.model, title, [{ range: hole, text: target }], [], { preferred: true });
  if (value.kind !== 'name' && value.kind !== 'member' && value.kind !== 'unknown') return undefined;
  const used = value.kind === 'unknown' ? ctx.references.find((r) => r.range.start === range.start && r.range.end === range.end) : value;
  if (!used) return undefined;
  // ASP.NET / OWIN options in a file that already uses the constants take the constant.
  if (ctx.language === 'csharp' && /\bOpenIdConnectResponseType\./.test(ctx.model.text) && /responsetype$/i.test(key)) {
    return fixWith(ctx.model, `Use OpenIdConnectResponseType.${target === 'code' ? 'Code' : 'CodeIdToken'}`, [{ range: used.range, text: `OpenIdConnectResponseType.${target === 'code' ? 'Code' : 'CodeIdToken'}` }], [], { preferred: true });
  }
  return fixWith(ctx.model, title, [{ range: used.range, text: quoted(ctx.model, target) }], [], { preferred: true });
}

/** Nimbus `new ResponseType("id_token", "token")` / `ResponseType.parse("id_token token")`: the flagged argument loses `token`. */
function responseTypeArgFix(ctx: RuleContext, call: Call, arg: Expr): Fix | undefined {
  if (arg.kind !== 'string') return undefined;
  const all = call.args.flatMap((a) => (ctx.value(a) ?? '').toLowerCase().split(/[\s+]+/)).filter(Boolean);
  const own = arg.text.toLowerCase().split(/[\s+]+/).filter((w) => w && w !== 'token');
  if (!all.includes('code')) own.unshift('code');
  if (!own.length) {
    const i = call.args.indexOf(arg);
    const r = i > 0 ? { start: call.args[i - 1].range.end, end: arg.range.end } : call.args[1] ? { start: arg.range.start, end: call.args[1].range.start } : undefined;
    return r ? fixWith(ctx.model, 'Remove the token response type', [{ range: r, text: '' }], [], { preferred: true }) : undefined;
  }
  return fixWith(ctx.model, codeTitle(all.includes('id_token') ? 'code id_token' : 'code'), [{ range: arg.contentRange, text: own.join(' ') }], [], { preferred: true });
}

/** `OpenIdConnectResponseType.IdTokenToken` -> `.CodeIdToken`, `ResponseType.IDTOKEN_TOKEN` -> `.CODE_IDTOKEN`, `ResponseType.Value.TOKEN` -> `.CODE`. */
function constantFix(ctx: RuleContext, m: MemberExpr, words: string): Fix | undefined {
  const src = ctx.text(m.range);
  if (!src.endsWith(m.property)) return undefined;
  const owner = m.path.at(-2);
  const keep = words.split(' ').includes('id_token') && owner !== 'Value' && owner !== 'OAuth2AuthorizationResponseType';
  const upper = m.property === m.property.toUpperCase();
  const name = upper ? (keep ? 'CODE_IDTOKEN' : 'CODE') : keep ? 'CodeIdToken' : 'Code';
  const range = { start: m.range.end - m.property.length, end: m.range.end };
  const shown = m.path.slice(owner === 'Value' ? -3 : -2, -1).join('.');
  return fixWith(ctx.model, `Use ${shown}.${name}`, [{ range, text: name }], [], { preferred: true });
}

/** Spring `AuthorizationGrantType.IMPLICIT`, `authorization-grant-type: implicit`, `new AuthorizationGrantType("implicit")`. */
function grantTypeFix(ctx: RuleContext, value: Expr): Fix | undefined {
  if (value.kind === 'member' && /^implicit$/i.test(value.property) && ctx.text(value.range).endsWith(value.property)) {
    const name = value.property === 'IMPLICIT' ? 'AUTHORIZATION_CODE' : 'AuthorizationCode';
    return fixWith(ctx.model, `Use ${value.path.slice(-2, -1).join('.')}.${name}`, [{ range: { start: value.range.end - value.property.length, end: value.range.end }, text: name }], [], { preferred: true });
  }
  if (value.kind === 'string' && /^implicit$/i.test(ctx.text(value.contentRange))) {
    return fixWith(ctx.model, 'Use authorization_code', [{ range: value.contentRange, text: 'authorization_code' }], [], { preferred: true });
  }
  return undefined;
}

const TRUE_WORDS: Record<string, string> = { true: 'false', True: 'False', TRUE: 'FALSE', '1': '0', yes: 'no', Yes: 'No', on: 'off', On: 'Off' };

/** An app-registration switch set to false, in the value's own spelling (`$true` -> `$false`, `True` -> `False`, `"true"` -> `"false"`). */
function registrationFix(ctx: RuleContext, key: string, range: Range): Fix | undefined {
  const src = ctx.text(range);
  const m = /^(["']?)(\$?)(\w+)\1$/.exec(src);
  // An az CLI flag (`--enable-access-token-issuance true`, also when the script is parsed as PowerShell) is named as written.
  const flag = /(--[a-z][\w-]*)[ \t=]+["']?$/.exec(ctx.model.text.slice(Math.max(0, range.start - 80), range.start));
  const title = `Set ${flag ? flag[1] : key.split(/[.:/]/).pop()} to false`;
  if (m && TRUE_WORDS[m[3]] !== undefined) {
    const at = range.start + m[1].length + m[2].length;
    return fixWith(ctx.model, title, [{ range: { start: at, end: at + m[3].length }, text: TRUE_WORDS[m[3]] }], [], { preferred: true });
  }
  if (!/^\$?[A-Za-z_][\w.]*$/.test(src)) return undefined;
  return fixWith(ctx.model, title, [{ range, text: falseLiteral(ctx.language) }], [], { preferred: true });
}

/** `az ad app update --enable-access-token-issuance` written without a value: add ` false`. */
function azFlagOffFix(ctx: RuleContext, flag: string, range: Range): Fix | undefined {
  if (ctx.text(range) !== `--${flag}`) return undefined;
  return fixWith(ctx.model, `Set --${flag} to false`, [{ range: { start: range.end, end: range.end }, text: ' false' }], [], { preferred: true });
}

/** `"response_type": "token"` inside JSON text held in a string. */
function embeddedResponseTypeFix(ctx: RuleContext, key: string, value: string, range: Range): Fix | undefined {
  if (ctx.text(range) !== value) return undefined;
  const target = codeValue(key, value);
  return fixWith(ctx.model, codeTitle(target), [{ range, text: target }], [], { preferred: true });
}
