// Classifies every authentication call site the engine recognises in one file, for the readiness report:
// SAM refresh-token exchange, interactive sign-in (browser, device code, authorization code), app-only
// (with its audience), password (ROPC) and token injection (a token obtained elsewhere is passed in).
// Where a rule already defines a kind, its detection is reused: password sites are no-ropc's findings,
// app-only Partner Center sites are no-cpv-app-only's, refresh-token exchanges are the exchanges
// persist-rotated-refresh-token follows. The rules run here with their own reporter, so the sites do not
// depend on severities, suppressions or partnerType.
import type { Call, Expr, FileModel, Pair, Range } from '../model/types';
import type { ReportInput, Rule, RuleContext } from '../engine/types';
import { createContext } from '../engine/context';
import { deref, resolveModel } from '../engine/resolve';
import { audiencesIn } from '../common/audience';
import { lastKey } from '../common/secrets';
import type { AudienceInfo } from '../token/types';
import { APP_CREDENTIAL_COMMANDS, noRopc, USER_CREDENTIAL_COMMANDS } from '../no-ropc/rule';
import { ADAL_CLIENT_CREDENTIALS, APP_IDENTITY_CREDENTIAL, appIdentityCredential, GET_TOKEN, isAdalAppCredentialCall, MSAL_CLIENT_CREDENTIALS, noCpvAppOnly } from '../no-cpv-app-only/rule';
import { findExchanges } from '../persist-rotated-refresh-token/rule';
import type { AppOnlyAudience, CallSiteKind } from './html';

// Kinds, audiences and their labels live with the report's display pieces (the editor's webview shares them).
export { APP_ONLY_AUDIENCES, AUDIENCE_LABELS, CALL_SITE_KINDS, CALL_SITE_LABELS, type AppOnlyAudience, type CallSiteKind } from './html';

export interface CallSite {
  kind: CallSiteKind;
  range: Range;
  /** The API as written, e.g. `New-PartnerAccessToken -RefreshToken`, `AcquireTokenInteractive`, `grant_type=refresh_token`. */
  api: string;
  /** App-only sites: whose token it is. */
  audience?: AppOnlyAudience;
}

// ---------------------------------------------------------------------------------------------
// API tables that no rule holds (the rules flag the other kinds). Verified against the MSAL, ADAL,
// Azure Identity and PowerShell module references (see docs/sam-facts §3).

/** Interactive, device-code and authorization-code sign-ins: one step per flow (the redeem step, or the start of a device flow). */
const INTERACTIVE_METHODS = new Set([
  // MSAL.NET
  'AcquireTokenInteractive', 'AcquireTokenWithDeviceCode', 'AcquireTokenByAuthorizationCode',
  // ADAL.NET
  'AcquireTokenByAuthorizationCodeAsync', 'AcquireTokenByDeviceCodeAsync',
  // msal (Python)
  'acquire_token_interactive', 'initiate_device_flow', 'acquire_token_by_authorization_code', 'acquire_token_by_auth_code_flow',
  // adal (Python)
  'acquire_token_with_authorization_code', 'acquire_token_with_device_code',
  // msal-node, msal-browser
  'acquireTokenInteractive', 'acquireTokenByCode', 'acquireTokenByDeviceCode', 'acquireTokenPopup', 'acquireTokenRedirect', 'loginPopup', 'loginRedirect',
  // adal-node, adal4j
  'acquireTokenWithAuthorizationCode', 'acquireTokenWithDeviceCode', 'acquireTokenByAuthorizationCode',
]);
/** msal4j request parameter builders (`X.builder(...)`) by kind. */
const MSAL4J_BUILDERS: Record<string, CallSiteKind> = {
  InteractiveRequestParameters: 'interactive',
  DeviceCodeFlowParameters: 'interactive',
  AuthorizationCodeParameters: 'interactive',
  OnBehalfOfParameters: 'token-injection',
};
/** Azure Identity credentials that sign a user in interactively (Java spells them `…Builder`). */
const INTERACTIVE_CREDENTIAL = /^(InteractiveBrowserCredential|DeviceCodeCredential|AuthorizationCodeCredential)(Builder)?$/;
/** A token obtained elsewhere is handed in: the Partner Center SDK's user credentials, on-behalf-of flows. */
const TOKEN_INJECTION_METHODS = new Set([
  'GenerateByUserCredentials', 'GenerateByUserCredentialsAsync', 'generateByUserCredentials',
  'AcquireTokenOnBehalfOf', 'acquire_token_on_behalf_of', 'acquireTokenOnBehalfOf',
]);
const ON_BEHALF_OF_CREDENTIAL = /^OnBehalfOfCredential(Builder)?$/;
/** Refresh-token calls persist-rotated-refresh-token does not follow (adal-node, callbacks, unknown receivers). */
const REFRESH_TOKEN_METHODS = new Set([
  'AcquireTokenByRefreshToken', 'AcquireTokenByRefreshTokenAsync', 'acquire_token_by_refresh_token', 'acquire_token_with_refresh_token',
  'acquireTokenByRefreshToken', 'acquireTokenWithRefreshToken',
]);

// PowerShell parameters that decide a sign-in command's kind.
const PS_TOKEN_PARAMS = ['AccessToken', 'AccessTokens', 'AadAccessToken', 'MsAccessToken', 'AdGraphAccessToken', 'MsGraphAccessToken'];
const PS_APP_PARAMS = ['ServicePrincipal', 'CertificateThumbprint', 'Certificate', 'CertificateFilePath', 'CertificateSubjectName', 'ClientSecretCredential', 'Identity', 'ManagedIdentity', 'CspClientSecret', 'ClientSecret', 'ClientCertificate', 'ClientAssertion', 'FederatedToken'];
const PS_INTERACTIVE_PARAMS = ['UseAuthorizationCode', 'AuthCode', 'UseDeviceAuthentication', 'UseDeviceCode', 'DeviceCode', 'DeviceAuth', 'Device', 'Interactive', 'AuthorizationCode', 'UserPrincipalName'];
const PS_USER_CREDENTIAL = ['Credential', 'Credentials', 'UserCredential', 'Cred'];
// Token-cache reads and environment sign-ins whose kind the code does not show.
const PS_NOT_A_SIGN_IN = ['Silent', 'EnvironmentVariable'];

const GRANT_KINDS: Record<string, CallSiteKind> = {
  refresh_token: 'sam-refresh-token',
  client_credentials: 'app-only',
  authorization_code: 'interactive',
  device_code: 'interactive',
  'urn:ietf:params:oauth:grant-type:device_code': 'interactive',
  'urn:ietf:params:oauth:grant-type:jwt-bearer': 'token-injection', // on-behalf-of: a user's token comes in
};
const AUDIENCE_KEY = /(resource([-_. ]?(uri|url|id))?|scopes?|audience)$/i;

/** The audience bucket of a well-known resource. */
export function audienceBucket(info: AudienceInfo | undefined): AppOnlyAudience {
  if (!info || info.name === null) return 'other';
  if (info.partnerCenter) return 'partner-center';
  if (info.name.startsWith('Microsoft Graph')) return 'graph';
  if (info.name.startsWith('Azure Resource Manager')) return 'arm';
  if (info.name.startsWith('Exchange Online')) return 'exchange';
  return 'other';
}

/** The audience a PowerShell sign-in command connects to when it names none. */
function commandAudience(name: string): AppOnlyAudience {
  if (/AzAccount|AzureRm|AzureAccount|^az$/i.test(name)) return 'arm';
  if (/MgGraph|Entra/i.test(name)) return 'graph';
  if (/ExchangeOnline|IPPSSession/i.test(name)) return 'exchange';
  if (/PartnerCenter|PartnerAccessToken|PCAuthentication/i.test(name)) return 'partner-center';
  return 'other';
}

function grantKey(key: string): boolean {
  return lastKey(key).endsWith('granttype');
}

function within(inner: Range, outer: Range): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Classify the authentication call sites of a parsed file. Never throws: a failing detector contributes nothing. */
export function classifyCallSites(model: FileModel, fileName: string): CallSite[] {
  const base = createContext(model, fileName, { partnerType: 'cpv', secretStore: { kind: 'environment' } }, resolveModel(model));
  const ctx: RuleContext = { ...base, report: () => undefined };
  const sites: CallSite[] = [];
  const seen = new Set<string>();
  const add = (s: CallSite) => {
    const k = `${s.kind}:${s.range.start}:${s.range.end}`;
    if (seen.has(k)) return;
    seen.add(k);
    sites.push(s);
  };
  // Calls by start, so the innermost call holding a range is found by a backward scan.
  const calls = [...ctx.calls].sort((a, b) => a.range.start - b.range.start || b.range.end - a.range.end);
  const innermost = (r: Range): Call | undefined => {
    let best: Call | undefined;
    for (const c of calls) {
      if (c.range.start > r.start) break;
      if (within(r, c.range) && (!best || within(c.range, best.range))) best = c;
    }
    return best;
  };
  /** Calls already classified (through a rule's finding or an exchange): not classified again. */
  const claimed = new Set<Call>();
  /** Grant pairs a refresh-token exchange was traced to. */
  const consumedGrants: Range[] = [];

  // 1. Password sign-ins: exactly what no-ropc reports.
  for (const f of runRule(noRopc, base)) {
    const call = innermost(f.range);
    if (call) claimed.add(call);
    add({ kind: 'password', range: f.range, api: labelAt(ctx, f.range, call) });
  }
  // 2. App-only tokens for the Partner Center API: exactly what no-cpv-app-only reports.
  for (const f of runRule(noCpvAppOnly, base)) {
    const call = innermost(f.range);
    if (call) claimed.add(call);
    add({ kind: 'app-only', range: f.range, api: labelAt(ctx, f.range, call), audience: 'partner-center' });
  }
  // 3. Refresh-token exchanges: the ones persist-rotated-refresh-token follows (SDK calls and raw HTTP).
  let exchanges: ReturnType<typeof findExchanges> = [];
  try {
    exchanges = findExchanges(ctx);
  } catch {
    exchanges = [];
  }
  for (const x of exchanges) {
    claimed.add(x.call);
    if (x.grant) consumedGrants.push(x.grant.range);
    add({ kind: 'sam-refresh-token', range: x.call.nameRange, api: x.raw ? `${x.api.replace(/`/g, '')} (grant_type=refresh_token)` : x.api.replace(/`/g, '') });
  }

  // 4. Every other call, by API.
  const credentialsWithGetToken = new Set<Call>();
  for (const c of ctx.calls) {
    if (!GET_TOKEN.test(c.name)) continue;
    const cred = credentialConstruction(c.receiver);
    if (cred) credentialsWithGetToken.add(cred);
  }
  for (const call of ctx.calls) {
    if (claimed.has(call)) continue;
    const site = call.kind === 'command' ? classifyCommand(ctx, call) : classifyCall(ctx, call, credentialsWithGetToken);
    if (site) add(site);
  }

  // 5. Raw token requests and client configuration: grant_type pairs nothing above accounted for.
  const claimedRanges = [...claimed].map((c) => c.range);
  for (const p of ctx.pairs) {
    if (!grantKey(p.key)) continue;
    const grant = ctx.value(p.value)?.trim().toLowerCase();
    const kind = grant !== undefined ? GRANT_KINDS[grant] : undefined;
    if (!kind) continue;
    if (claimedRanges.some((r) => within(p.range, r))) continue;
    if (consumedGrants.some((r) => r.start === p.range.start && r.end === p.range.end)) continue;
    if (sites.some((s) => within(s.range, p.range) || within(p.value.range, s.range))) continue;
    const shortKey = p.key.split(/[.:]/).pop() || p.key;
    add({ kind, range: p.value.range, api: `${shortKey}=${grant}`, ...(kind === 'app-only' ? { audience: pairAudience(ctx, p) } : {}) });
  }
  return sites.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}

/** Run a rule's detection with its own reporter (its severity, options and suppressions do not matter here). */
function runRule(rule: Rule, base: Omit<RuleContext, 'report'>): ReportInput[] {
  const out: ReportInput[] = [];
  try {
    rule.check({ ...base, report: (f) => out.push(f) });
  } catch {
    return [];
  }
  return out;
}

/** How a site reads: `Connect-MsolService -Credential`, `AcquireTokenByUsernamePassword`, `grant_type=password`. */
function labelAt(ctx: RuleContext, range: Range, call: Call | undefined): string {
  if (call) {
    if (call.kind === 'command') {
      const arg = ctx.named(call).find((n) => within(range, n.range) || within(n.range, range));
      const sub = call.args[0] && /^az$/i.test(call.name) ? ` ${ctx.value(call.args[0]) ?? ''}`.trimEnd() : '';
      return arg && !arg.name.startsWith('@') ? `${call.name}${sub} -${arg.name}` : `${call.name}${sub}`;
    }
    if (within(range, call.nameRange) || within(range, call.calleeRange) || within(call.nameRange, range)) return call.name === 'builder' ? call.callee.slice(-2).join('.') : call.name;
    const pair = ctx.pairs.find((p) => within(range, p.range));
    return pair ? pairLabel(ctx, pair) : call.name;
  }
  const pair = ctx.pairs.find((p) => within(range, p.range));
  return pair ? pairLabel(ctx, pair) : 'token request';
}

/** `grant_type=password` for a grant; otherwise only the key (`AZURE_PASSWORD`): a value may be a secret. */
function pairLabel(ctx: RuleContext, pair: Pair): string {
  const key = pair.key.split(/[.:]/).pop() || pair.key;
  if (!grantKey(pair.key)) return key;
  const grant = ctx.value(pair.value)?.trim().toLowerCase();
  return grant && /^[a-z_:.-]+$/.test(grant) ? `${key}=${grant}` : key;
}

/** A switch or parameter that is present and not turned off (`-Switch:$false`). */
function has(ctx: RuleContext, call: Call, ...names: string[]): string | undefined {
  const a = ctx.arg(call, ...names);
  if (!a) return undefined;
  if (a.value?.kind === 'literal' && /^\$?false$/i.test(a.value.text)) return undefined;
  return a.name;
}

function classifyCommand(ctx: RuleContext, call: Call): CallSite | undefined {
  const name = call.name;
  const site = (kind: CallSiteKind, param?: string, audience?: AppOnlyAudience): CallSite => ({
    kind,
    range: call.nameRange,
    api: param ? `${name} -${param}` : name,
    ...(kind === 'app-only' ? { audience: audience ?? commandAudience(name) } : {}),
  });
  if (/^az$/i.test(name)) {
    if (ctx.value(call.args[0]) !== 'login') return undefined;
    const app = has(ctx, call, 'service-principal', 'identity', 'federated-token');
    if (app) return { kind: 'app-only', range: call.nameRange, api: `az login --${app}`, audience: 'arm' };
    if (ctx.named(call).some((a) => /^(p|password)$/i.test(a.name))) return undefined; // no-ropc's
    const device = has(ctx, call, 'use-device-code');
    return { kind: 'interactive', range: call.nameRange, api: device ? 'az login --use-device-code' : 'az login' };
  }
  const partnerCenter = APP_CREDENTIAL_COMMANDS.test(name);
  if (!partnerCenter && !USER_CREDENTIAL_COMMANDS.test(name)) return undefined;
  if (has(ctx, call, ...PS_NOT_A_SIGN_IN)) return undefined;
  const refresh = has(ctx, call, 'RefreshToken');
  if (refresh) return site('sam-refresh-token', refresh);
  const token = has(ctx, call, ...PS_TOKEN_PARAMS);
  if (token) return site('token-injection', token);
  const interactive = has(ctx, call, ...PS_INTERACTIVE_PARAMS);
  if (interactive) return site('interactive', interactive);
  const app = has(ctx, call, ...PS_APP_PARAMS);
  if (app) {
    const scopes = ctx.arg(call, 'Scopes', 'Scope', 'Resource');
    const named = scopes?.value ? audiencesIn(ctx.value(scopes.value) ?? ctx.approx(scopes.value))[0] : undefined;
    return site('app-only', app, named ? audienceBucket(named) : /^Get-MsalToken$/i.test(name) ? 'graph' : commandAudience(name));
  }
  // A user credential is a password sign-in (no-ropc reports it; an app id + secret for Partner Center commands is app-only).
  if (has(ctx, call, ...PS_USER_CREDENTIAL)) return partnerCenter ? site('app-only', 'Credential') : undefined;
  if (/^Add-PCAuthentication$/i.test(name)) return undefined;
  // No credential at all: the command's default user sign-in is interactive (browser or WAM prompt).
  return site('interactive');
}

function classifyCall(ctx: RuleContext, call: Call, credentialsWithGetToken: ReadonlySet<Call>): CallSite | undefined {
  const name = call.name;
  const at = (kind: CallSiteKind, api = name, audience?: AppOnlyAudience, range = call.nameRange): CallSite => ({ kind, range, api, ...(kind === 'app-only' ? { audience: audience ?? 'other' } : {}) });
  if (name === 'builder') {
    const owner = call.callee.at(-2) ?? '';
    const kind = MSAL4J_BUILDERS[owner];
    if (kind) return at(kind, `${owner}.builder`, undefined, call.calleeRange);
    if (owner === 'ClientCredentialParameters') return at('app-only', `${owner}.builder`, scopeAudience(ctx, call.args[0]), call.calleeRange);
    return undefined;
  }
  if (INTERACTIVE_METHODS.has(name)) return at('interactive');
  if (TOKEN_INJECTION_METHODS.has(name)) return at('token-injection');
  if (REFRESH_TOKEN_METHODS.has(name)) return at('sam-refresh-token');
  const cls = credentialClass(call);
  if (cls && INTERACTIVE_CREDENTIAL.test(cls)) return at('interactive', cls);
  if (cls && ON_BEHALF_OF_CREDENTIAL.test(cls)) return at('token-injection', cls);
  if (cls && APP_IDENTITY_CREDENTIAL.test(cls.replace(/Builder$/, '')) && !credentialsWithGetToken.has(call)) return at('app-only', cls);
  if (MSAL_CLIENT_CREDENTIALS[name]) return at('app-only', name, scopeAudience(ctx, ctx.arg(call, 'scopes')?.value ?? call.args[0]));
  if (ADAL_CLIENT_CREDENTIALS[name]) return at('app-only', name, scopeAudience(ctx, ctx.arg(call, 'resource')?.value ?? call.args[0]));
  if (/^(AcquireTokenAsync|AcquireToken|acquireToken)$/.test(name) && isAdalAppCredentialCall(ctx, call)) return at('app-only', name, scopeAudience(ctx, call.args[0]));
  if (GET_TOKEN.test(name)) {
    const credential = appIdentityCredential(call.receiver);
    if (!credential) return undefined;
    const scopes = [...call.args, ...call.named.filter((n) => /^scopes?$/i.test(n.name)).map((n) => n.value)];
    const audience = scopes.map((s) => scopeAudience(ctx, s)).find((a) => a !== 'other') ?? 'other';
    return at('app-only', `${credential}.${name}`, audience);
  }
  return undefined;
}

/** `new X(...)`, `X(...)` (Python), `new XBuilder()` (Java): the class constructed, for credential classes. */
function credentialClass(call: Call): string | undefined {
  if (call.kind !== 'new' && call.kind !== 'call') return undefined;
  if (call.receiver && call.kind === 'call') return undefined; // a method, not a constructor
  return /Credential(Builder)?$/.test(call.name) ? call.name : undefined;
}

/** The credential construction a `get_token` receiver comes from (through names and builder chains). */
function credentialConstruction(receiver: Expr | undefined): Call | undefined {
  let cur = deref(receiver);
  for (let i = 0; cur && i < 12; i++) {
    if (cur.kind !== 'call') return undefined;
    const cls = credentialClass(cur.call);
    if (cls && APP_IDENTITY_CREDENTIAL.test(cls.replace(/Builder$/, ''))) return cur.call;
    cur = deref(cur.call.receiver);
  }
  return undefined;
}

/** The audience a scope list / resource expression names (through variables, arrays and collections). */
function scopeAudience(ctx: RuleContext, e: Expr | undefined, depth = 0): AppOnlyAudience {
  if (!e || depth > 8) return 'other';
  const text = ctx.value(e) ?? (e.kind === 'string' || e.kind === 'concat' ? ctx.approx(e) : undefined);
  if (text !== undefined) return audienceBucket(audiencesIn(text)[0]);
  const d = deref(e);
  const children: (Expr | undefined)[] =
    d?.kind === 'array' ? d.items : d?.kind === 'call' ? [...d.call.args, ...d.call.named.map((n) => n.value), d.call.receiver] : d?.kind === 'object' ? d.entries.filter((p) => AUDIENCE_KEY.test(p.key)).map((p) => p.value) : d && d !== e ? [d] : [];
  for (const c of children) {
    const a = scopeAudience(ctx, c, depth + 1);
    if (a !== 'other') return a;
  }
  return 'other';
}

/** The audience of a raw client-credentials request: the nearest scope/resource pair of the same request or configuration section. */
function pairAudience(ctx: RuleContext, grant: Pair): AppOnlyAudience {
  const parent = grant.path.slice(0, -1).join('/');
  let best: Pair | undefined;
  for (const p of ctx.pairs) {
    if (p === grant || p.container !== grant.container || p.scope !== grant.scope || p.path.slice(0, -1).join('/') !== parent) continue;
    if (!AUDIENCE_KEY.test(p.key) || grantKey(p.key)) continue;
    if (!best || Math.abs(p.range.start - grant.range.start) < Math.abs(best.range.start - grant.range.start)) best = p;
  }
  return best ? scopeAudience(ctx, best.value) : 'other';
}
