// PowerShell: a user's `-Credential` sign-in replaced by the Secure Application Model exchange
// (`New-PartnerAccessToken -RefreshToken … -ServicePrincipal`) and the token form of the same connect
// cmdlet, with the scope each cmdlet needs (Partner Center PowerShell "Multi-Factor Authentication" samples).
import type { Call, NamedArg, ObjectExpr } from '../model/types';
import type { Fix, RuleContext, TextEdit } from '../engine/types';
import { deref } from '../engine/resolve';
import { fixWith } from './edits';
import { eolOf, indentAt, lineEnd, lineStart } from './text';
import { ACCOUNT_UPN, APP_ID, APP_SECRET, REFRESH_TOKEN, Snippets, TENANT_ID, linesBefore, scopeChain, startsLine, statementOf, type FixSession } from './sam';

const GRAPH = 'https://graph.microsoft.com/.default';
const AAD_GRAPH = 'https://graph.windows.net/.default';
// Written with the double slash of the v1 resource `https://management.azure.com/`, as the Partner Center samples do.
const ARM = 'https://management.azure.com//user_impersonation';
const EXCHANGE = 'https://outlook.office365.com/.default';

interface Ids {
  tenant: string;
  account: () => string;
  has: (...names: string[]) => boolean;
}

interface TokenForm {
  /** The access tokens to request, in order: variable name (without `$`) and scope. */
  tokens: [string, string][];
  /** The parameters that replace `-Credential`, as name/value pairs. */
  params(ids: Ids): [string, string][];
}

const TOKEN_FORMS: [RegExp, TokenForm][] = [
  [/^Connect-MsolService$/i, {
    tokens: [['aadGraphToken', AAD_GRAPH], ['graphToken', GRAPH]],
    params: () => [['AdGraphAccessToken', '$aadGraphToken.AccessToken'], ['MsGraphAccessToken', '$graphToken.AccessToken']],
  }],
  [/^Connect-AzureAD$/i, {
    tokens: [['aadGraphToken', AAD_GRAPH], ['graphToken', GRAPH]],
    params: (ids) => [['AadAccessToken', '$aadGraphToken.AccessToken'], ['MsAccessToken', '$graphToken.AccessToken'], ['AccountId', ids.account()]],
  }],
  [/^Connect-ExchangeOnline$/i, {
    tokens: [['exchangeToken', EXCHANGE]],
    params: (ids) => [['AccessToken', '$exchangeToken.AccessToken'], ...(ids.has('DelegatedOrganization', 'Organization') ? [] : [['DelegatedOrganization', ids.tenant] as [string, string]])],
  }],
  [/^(Connect|Login|Add)-Az(ureRm)?Account$/i, {
    tokens: [['azureToken', ARM]],
    params: (ids) => [['AccessToken', '$azureToken.AccessToken'], ['AccountId', ids.account()]],
  }],
  [/^Connect-MgGraph$/i, {
    tokens: [['graphToken', GRAPH]],
    // Microsoft Graph PowerShell v2 takes the token as a SecureString.
    params: () => [['AccessToken', '(ConvertTo-SecureString $graphToken.AccessToken -AsPlainText -Force)']],
  }],
];

const TENANT_NAMES = /^(customer|partner)?tenant(id|domain)?$/i;
const APP_CREDENTIAL_NAMES = /^(app|application|sp|serviceprincipal|partnerapp|partnerapplication|client|sam)\w*cred(ential)?s?$/i;

/** The fix for `Connect-X -Credential $userCredential` (or the same splatted), when X has a token form. */
export function connectWithTokenFix(session: FixSession, call: Call, cred: NamedArg): Fix | undefined {
  const { ctx } = session;
  const form = TOKEN_FORMS.find(([re]) => re.test(call.name))?.[1];
  if (!form) return undefined;
  const text = ctx.model.text;
  if (!startsLine(text, call.range.start, true)) return undefined;
  const s = new Snippets('powershell', ctx.options.secretStore);
  const eol = eolOf(text);
  const ids: Ids = {
    tenant: tenantOf(ctx, call, s),
    account: () => s.setting(ACCOUNT_UPN),
    has: (...names) => !!ctx.arg(call, ...names),
  };
  const params = form.params(ids);
  const edits: TextEdit[] = [];
  let insertAt = lineStart(text, call.range.start);
  const splat = cred.nameRange.start === cred.range.start && !text.slice(cred.range.start, cred.range.end).startsWith('-');
  if (splat) {
    // `Connect-AzureAD @params`: the hashtable's Credential entry becomes the token entries, and the exchange runs before the hashtable is built.
    const entry = splatEntry(call, cred);
    if (!entry) return undefined;
    const { obj, key } = entry;
    const entryEnd = key.value.range.end;
    const multiline = text.slice(obj.range.start, obj.range.end).includes('\n') && /^\s*$/.test(text.slice(lineStart(text, key.keyRange.start), key.keyRange.start));
    const sep = multiline ? eol + indentAt(text, key.keyRange.start) : '; ';
    edits.push({ range: { start: key.keyRange.start, end: entryEnd }, text: params.map(([n, v]) => `${n} = ${v}`).join(sep) });
    const assign = ctx.assignments.find((a) => a.value === obj);
    if (!assign || assign.range.start > call.range.start) return undefined;
    insertAt = lineStart(text, assign.range.start);
  } else {
    edits.push({ range: cred.range, text: params.map(([n, v]) => `-${n} ${v}`).join(' ') });
  }
  const lines = exchangeLines(ctx, call, s, form.tokens, ids.tenant);
  edits.push(linesBefore(insertAt, indentAt(text, insertAt), lines, eol));
  return fixWith(ctx.model, `Connect with an access token from the stored refresh token (New-PartnerAccessToken, Secure Application Model)`, edits, s.imports, { preferred: true });
}

/** MSAL.PS `$token = Get-MsalToken … -UserCredential $cred` becomes `$token = New-PartnerAccessToken … -RefreshToken …`. */
export function msalPsTokenFix(session: FixSession, call: Call): Fix | undefined {
  const { ctx } = session;
  const text = ctx.model.text;
  const stmt = statementOf(ctx, call);
  if (!stmt.target || !startsLine(text, call.range.start, true)) return undefined;
  const s = new Snippets('powershell', ctx.options.secretStore);
  const eol = eolOf(text);
  const scopesArg = ctx.arg(call, 'Scopes');
  const scopes = scopesArg?.value ? ctx.text(scopesArg.value.range) : `'${GRAPH}'`;
  const tenant = tenantOf(ctx, call, s);
  const { credential, setup } = appCredential(ctx, call, s);
  const exchange = `New-PartnerAccessToken -ApplicationId ${credential}.UserName -Credential ${credential} -RefreshToken ${s.secret(REFRESH_TOKEN)} -Scopes ${scopes} -ServicePrincipal -Tenant ${tenant}`;
  const callEnd = call.range.start + text.slice(call.range.start, call.range.end).trimEnd().length;
  const edits: TextEdit[] = [{ range: { start: call.range.start, end: callEnd }, text: exchange }];
  if (setup.length) edits.push(linesBefore(stmt.lineStart, stmt.indent, setup, eol));
  const end = lineEnd(text, callEnd);
  edits.push({ range: { start: end, end }, text: s.writeBack(`$${stmt.target}.RefreshToken`).map((l) => eol + stmt.indent + l).join('') });
  return fixWith(ctx.model, 'Exchange the stored refresh token with New-PartnerAccessToken instead (Secure Application Model)', edits, s.imports, { preferred: true });
}

/** The exchange: one `New-PartnerAccessToken` per audience (each passing on the rotated refresh token), then its write-back. */
function exchangeLines(ctx: RuleContext, call: Call, s: Snippets, tokens: [string, string][], tenant: string): string[] {
  const { credential, setup } = appCredential(ctx, call, s);
  const lines = [...setup];
  let refreshToken = s.secret(REFRESH_TOKEN);
  for (const [name, scope] of tokens) {
    lines.push(`$${name} = New-PartnerAccessToken -ApplicationId ${credential}.UserName -Credential ${credential} -RefreshToken ${refreshToken} -Scopes '${scope}' -ServicePrincipal -Tenant ${tenant}`);
    refreshToken = `$${name}.RefreshToken`;
  }
  return [...lines, ...s.writeBack(refreshToken)];
}

/** The app's credential (application id + secret) the script already has, or the line that builds it from the store. */
function appCredential(ctx: RuleContext, call: Call, s: Snippets): { credential: string; setup: string[] } {
  const existing = variableNamed(ctx, call, APP_CREDENTIAL_NAMES);
  if (existing) return { credential: `$${existing}`, setup: [] };
  return {
    credential: '$appCredential',
    setup: [`$appCredential = [pscredential]::new(${s.setting(APP_ID)}, (ConvertTo-SecureString ${s.secret(APP_SECRET)} -AsPlainText -Force))`],
  };
}

/** The tenant to exchange for: the call's own tenant argument, a tenant parameter or variable in scope, else a setting. */
function tenantOf(ctx: RuleContext, call: Call, s: Snippets): string {
  const own = ctx.arg(call, 'DelegatedOrganization', 'TenantId', 'Tenant', 'Organization');
  if (own?.value) return ctx.text(own.value.range);
  const name = variableNamed(ctx, call, TENANT_NAMES);
  return name ? `$${name}` : s.setting(TENANT_ID);
}

/** A parameter of an enclosing scope, or a variable assigned before the call in one, whose name matches. */
function variableNamed(ctx: RuleContext, call: Call, re: RegExp): string | undefined {
  const chain = scopeChain(ctx, call.scope);
  const param = ctx.model.parameters.find((p) => chain.includes(p.scope) && re.test(p.name));
  if (param) return param.name;
  const assigned = ctx.assignments.find((a) => a.target.length === 1 && chain.includes(a.scope) && a.range.end <= call.range.start && re.test(a.target[0]));
  return assigned?.target[0];
}

/** The `Credential = …` entry of the hashtable splatted into the call. */
function splatEntry(call: Call, cred: NamedArg): { obj: ObjectExpr; key: ObjectExpr['entries'][number] } | undefined {
  for (const a of call.args) {
    if (a.kind !== 'spread' || a.range.start !== cred.range.start) continue;
    const obj = deref(a.argument);
    if (obj?.kind !== 'object') return undefined;
    const key = obj.entries.find((p) => p.key.toLowerCase() === cred.name.toLowerCase());
    return key ? { obj, key } : undefined;
  }
  return undefined;
}
