// no-ropc: password (resource owner password credentials) sign-ins, which cannot satisfy MFA.
import type { Call, Expr, ObjectExpr, Pair } from '../model/types';
import { forEachExpr } from '../engine/walk';
import type { Fix, Rule, RuleContext } from '../engine/types';
import { ALL_LANGUAGES } from '../common/meta';
import { lastKey } from '../common/secrets';
import { newSession, type FixSession } from '../fixes/sam';
import { connectWithTokenFix, msalPsTokenFix } from '../fixes/sam-powershell';
import { msal4jFix, msalNetFix, msalNodeFix, msalPythonFix } from '../fixes/sam-msal';
import { tokenRequestFix } from '../fixes/token-request';

const WHY = 'A password sign-in cannot answer an MFA challenge: once MFA is enforced for every partner user it fails with AADSTS50076. Use the Secure Application Model: consent once interactively, then exchange the stored refresh token.';

// MSAL / ADAL / Azure.Identity members whose only purpose is a username + password sign-in.
const ROPC_METHODS = new Map<string, string>([
  ['AcquireTokenByUsernamePassword', 'MSAL.NET AcquireTokenByUsernamePassword'],
  ['acquire_token_by_username_password', 'msal acquire_token_by_username_password'],
  ['acquireTokenByUsernamePassword', 'msal-node acquireTokenByUsernamePassword'],
  ['acquire_token_with_username_password', 'ADAL acquire_token_with_username_password'],
  ['acquireTokenWithUsernamePassword', 'adal-node acquireTokenWithUsernamePassword'],
  ['UserNamePasswordParameters', 'msal4j UserNamePasswordParameters'],
  ['UserPasswordCredential', 'ADAL UserPasswordCredential'],
  ['UsernamePasswordCredential', 'Azure.Identity UsernamePasswordCredential'],
  ['UsernamePasswordCredentialBuilder', 'Azure Identity UsernamePasswordCredentialBuilder'],
]);

/** Token endpoints of identity providers other than Microsoft's. */
const OTHER_IDP = /okta\.com|oktapreview\.com|auth0\.com|accounts\.google\.com|oauth2\.googleapis\.com|googleapis\.com\/oauth2|amazoncognito\.com|\/realms\/[^/\s"']+\/protocol\/openid-connect|login\.salesforce\.com|github\.com\/login\/oauth|onelogin\.com|pingidentity\.com|pingone\.com|fusionauth|identityserver|\/connect\/token\b/i;
/** Microsoft identity platform hosts (public, government and national clouds, B2C). */
const MICROSOFT_IDP = /login\.microsoftonline\.(com|us|de)|login\.windows\.net|login\.chinacloudapi\.cn|login\.partner\.microsoftonline\.cn|b2clogin\.com|sts\.windows\.net|microsoftonline|login\.live\.com/i;

// PowerShell commands whose -Credential is a user's credential (ROPC under the hood).
export const USER_CREDENTIAL_COMMANDS = /^(Connect-MsolService|Connect-AzureAD|Connect-ExchangeOnline|Connect-IPPSSession|Connect-MicrosoftTeams|Connect-SPOService|Connect-PnPOnline|Connect-AzAccount|Login-AzAccount|Add-AzAccount|Connect-AzureRmAccount|Login-AzureRmAccount|Add-AzureRmAccount|Add-AzureAccount|Connect-AIPService|Connect-AadrmService|Connect-SCC|Connect-Entra|Connect-MgGraph|Add-PCAuthentication|Get-MsalToken|Connect-CsOnline|New-CsOnlineSession)$/i;
// Commands whose -Credential carries an application id + secret, never a user.
export const APP_CREDENTIAL_COMMANDS = /^(Connect-PartnerCenter|New-PartnerAccessToken)$/i;

function checkCommand(ctx: RuleContext, session: FixSession, call: Call): void {
  const name = call.name;
  if (APP_CREDENTIAL_COMMANDS.test(name)) return;
  if (/^az$/i.test(name) && ctx.value(call.args[0]) === 'login') {
    const pw = ctx.named(call).find((a) => /^(p|password)$/i.test(a.name));
    if (pw && !ctx.named(call).some((a) => /^-*service-principal$/i.test(a.name))) {
      ctx.report({ range: pw.range, message: `\`az login --password\` signs in with a user's password. ${WHY}` });
    }
    return;
  }
  // Only Microsoft sign-in commands: Connect-VIServer -Credential (VMware) is not an Entra ID sign-in.
  if (!USER_CREDENTIAL_COMMANDS.test(name)) return;
  const cred = ctx.arg(call, 'Credential', 'Credentials', 'UserCredential', 'Cred');
  if (!cred) return;
  // -ServicePrincipal (Az) or an application identity makes -Credential an app id + secret.
  if (ctx.arg(call, 'ServicePrincipal', 'CertificateThumbprint', 'CspClientSecret', 'ClientSecretCredential', 'Identity', 'ManagedIdentity')) return;
  const fixes = offer(() => (/^Get-MsalToken$/i.test(name) ? msalPsTokenFix(session, call) : connectWithTokenFix(session, call, cred)));
  ctx.report({ range: cred.range, message: `\`${name} -${cred.name}\` signs in with a user's password (no MFA possible). ${WHY}`, fixes });
}

/**
 * The user-credential argument of an ADAL.NET `AcquireToken*` call, when it is a user name + password credential whose
 * construction this file does not show: named `userCredential:`, or a parameter or variable declared as `UserCredential` /
 * `UserPasswordCredential`. Undefined when it is built here (`new UserPasswordCredential(…)` is reported itself, and
 * `new UserCredential(user)` alone is Windows integrated authentication).
 */
function userCredentialArg(ctx: RuleContext, call: Call): Expr | undefined {
  const named = ctx.named(call).find((n) => /^user(Password)?Credential$/i.test(n.name))?.value;
  const typed = (e: Expr) => e.kind === 'name' && ctx.model.parameters.some((p) => p.name === e.name && /^(UserCredential|UserPasswordCredential)$/.test(p.type ?? '')) || declaredAs(ctx, e);
  const cred = named ?? call.args.find((a) => typed(a));
  if (!cred) return undefined;
  const d = ctx.deref(cred);
  if (d?.kind === 'call' && /^(UserCredential|UserPasswordCredential)$/.test(d.call.name)) return undefined;
  return cred;
}

/** `UserCredential uc = …;` / `UserPasswordCredential uc = …;` declares the variable `e` names. */
function declaredAs(ctx: RuleContext, e: Expr): boolean {
  if (e.kind !== 'name' || !e.defRange) return false;
  const lineStart = ctx.model.text.lastIndexOf('\n', e.defRange.start - 1) + 1;
  return /\b(UserCredential|UserPasswordCredential)\s+$/.test(ctx.model.text.slice(lineStart, e.defRange.start));
}

/** A grant type written as a constant named for the password grant: `GrantType.PASSWORD.asString()`, `OidcConstants.GrantTypes.Password`. */
function namesPassword(ctx: RuleContext, e: Expr): boolean {
  const text = ctx.text(e.range);
  return /(^|[.\s])(PASSWORD|Password|password)(\s*\(\s*\)|\b)/.test(text) && /^[\w.\s()]+$/.test(text) && /[.]/.test(text);
}

/**
 * The form a grant type is set in (its object, or the same receiver's `set`/`put`/item assignments in that scope)
 * also sends `username` and `password`, with a `client_id`, `resource` or `scope`: a password token request.
 */
function ropcForm(ctx: RuleContext, p: Pair, parentOf: Map<Pair, ObjectExpr>): boolean {
  const keys = new Set<string>();
  const parent = parentOf.get(p);
  if (parent) for (const q of parent.entries) keys.add(lastKey(q.key));
  const holder = parent ? ctx.assignments.find((a) => a.value === parent && a.target.length === 1)?.target[0] : formHolder(ctx, p);
  if (holder !== undefined) {
    for (const q of ctx.pairs) {
      if (q.container !== 'params' || q.scope !== p.scope) continue;
      if ((q.path.length === 2 && q.path[0] === holder) || formHolder(ctx, q) === holder) keys.add(lastKey(q.key));
    }
  }
  return keys.has('username') && keys.has('password') && (keys.has('clientid') || keys.has('resource') || keys.has('scope'));
}

/** The receiver a `params.set(k, v)` pair was added to, or the dict a `data[k] = v` pair was assigned into. */
function formHolder(ctx: RuleContext, p: Pair): string | undefined {
  if (p.container !== 'params') return undefined;
  if (p.path.length === 2) return p.path[0];
  const call = ctx.calls.find((c) => c.range.start === p.range.start && c.range.end === p.range.end);
  return call?.receiver ? ctx.text(call.receiver.range) : undefined;
}

/** The fix a builder makes, if any. A builder that fails on unusual code costs the fix, never the finding. */
function offer(build: () => Fix | undefined): Fix[] {
  try {
    const fix = build();
    return fix ? [fix] : [];
  } catch {
    return [];
  }
}

/** The MSAL refresh-token rewrite for a password call (ADAL and Azure Identity have no SAM-compatible replacement). */
function msalFix(ctx: RuleContext, session: FixSession, call: Call): Fix | undefined {
  if (call.kind !== 'call') return undefined;
  if (call.name === 'AcquireTokenByUsernamePassword' && ctx.language === 'csharp') return msalNetFix(session, call);
  if (call.name === 'acquire_token_by_username_password' && ctx.language === 'python') return msalPythonFix(session, call);
  if (call.name === 'acquireTokenByUsernamePassword' && (ctx.language === 'javascript' || ctx.language === 'typescript')) return msalNodeFix(session, call);
  return undefined;
}

export const noRopc: Rule = {
  meta: {
    id: 'no-ropc',
    title: 'Do not sign in with a username and password (ROPC); use the Secure Application Model refresh-token exchange',
    defaultSeverity: 'error',
    languages: ALL_LANGUAGES,
    fixable: true,
  },
  check(ctx) {
    const session = newSession(ctx);
    const parentOf = new Map<Pair, ObjectExpr>();
    forEachExpr(ctx.model, (e) => {
      if (e.kind === 'object') for (const q of e.entries) parentOf.set(q, e);
    });
    // Raw token requests: grant_type=password in a form body, dict, hashtable, initializer or config.
    // In source order, so that names the fixes introduce (`response`, `response2`) follow the file.
    const grantRanges = new Set<string>();
    // A file that talks to another identity provider's token endpoint (Okta, Auth0, Google, Keycloak…) and to no
    // Microsoft one: its password grants are not Entra ID sign-ins, and the SAM is not their remedy.
    const otherProvider = OTHER_IDP.test(ctx.model.text) && !MICROSOFT_IDP.test(ctx.model.text);
    for (const p of [...ctx.pairs].sort((a, b) => a.range.start - b.range.start)) {
      if (otherProvider) break;
      if (!lastKey(p.key).endsWith('granttype')) continue;
      const grant = ctx.value(p.value);
      grantRanges.add(`${p.value.range.start}:${p.value.range.end}`);
      if (grant?.trim().toLowerCase() === 'password') {
        ctx.report({ range: p.value.range, message: `Token request with \`grant_type=password\` (ROPC). ${WHY}`, fixes: offer(() => tokenRequestFix(session, p)) });
      } else if (grant === undefined && p.value.kind !== 'string' && (namesPassword(ctx, p.value) || ropcForm(ctx, p, parentOf))) {
        // The grant type comes from elsewhere (an enum or constant of another file), but the form says what it is.
        ctx.report({ range: p.value.range, message: `Token request whose \`grant_type\` (\`${ctx.text(p.value.range).replace(/\s+/g, ' ').slice(0, 60)}\`) is sent with the user's \`username\` and \`password\`: a password sign-in (ROPC). ${WHY}` });
      }
    }
    // A helper that builds the token request from its arguments: `Invoke-TokenRequest -GrantType 'password' …`,
    // `get_token(grant_type="password", …)`, `RequestToken(grantType: "password")`.
    for (const call of otherProvider ? [] : ctx.calls) {
      for (const n of ctx.named(call)) {
        if (!n.value || lastKey(n.name) !== 'granttype' || grantRanges.has(`${n.value.range.start}:${n.value.range.end}`)) continue;
        if (ctx.value(n.value)?.trim().toLowerCase() !== 'password') continue;
        const dash = call.kind === 'command' ? '-' : '';
        ctx.report({ range: n.value.range, message: `Token request with the password grant (\`${dash}${n.name}\` of \`${call.name}\` is \`password\`): a password sign-in (ROPC). ${WHY}` });
      }
    }
    // Azure SDK environment credentials: AZURE_USERNAME/AZURE_PASSWORD make EnvironmentCredential sign in with a password.
    for (const p of ctx.pairs) {
      if (p.key === 'AZURE_PASSWORD' && ['env', 'yaml', 'json', 'properties', 'xml'].includes(p.container)) {
        ctx.report({ range: p.keyRange, message: `\`AZURE_PASSWORD\` makes EnvironmentCredential/DefaultAzureCredential sign in with a user's password. ${WHY}` });
      }
    }
    for (const call of ctx.calls) {
      if (call.kind === 'command') {
        checkCommand(ctx, session, call);
        continue;
      }
      const api = ROPC_METHODS.get(call.name);
      // ADAL's UserPasswordCredential is a .NET type (C#, or PowerShell loading ADAL): other SDKs have classes of that
      // name for their own services (MongoDB Stitch's `new UserPasswordCredential(user, pw)` in JavaScript).
      if (api && call.name === 'UserPasswordCredential' && !['csharp', 'powershell', 'yaml'].includes(ctx.language)) continue;
      if (api) {
        // `UserNamePasswordParameters.builder(...)` names the type in the receiver; the bare type name is a `new`.
        ctx.report({ range: call.nameRange, message: `${api} is a password sign-in (ROPC). ${WHY}`, fixes: offer(() => msalFix(ctx, session, call)) });
        continue;
      }
      if (call.name === 'builder' && call.callee.at(-2) === 'UserNamePasswordParameters') {
        ctx.report({ range: call.calleeRange, message: `msal4j UserNamePasswordParameters is a password sign-in (ROPC). ${WHY}`, fixes: offer(() => msal4jFix(session, call)) });
        continue;
      }
      // ADAL v2 `new UserCredential(user, password)` (one argument is Windows integrated auth, not ROPC).
      if (call.kind === 'new' && call.name === 'UserCredential' && call.args.length === 2) {
        ctx.report({ range: call.nameRange, message: `ADAL UserCredential(user, password) is a password sign-in (ROPC). ${WHY}` });
        continue;
      }
      // ADAL.NET AcquireToken[Async](resource, clientId, userCredential) with a user credential built in another file
      // (`CredentialManager.GetCredential(…)`, a parameter): a password sign-in; one built here is reported where it is built.
      if (ctx.language === 'csharp' && /^AcquireToken(Async)?$/.test(call.name)) {
        const cred = userCredentialArg(ctx, call);
        if (cred) {
          ctx.report({ range: call.nameRange, message: `ADAL ${call.name} with the user credential \`${ctx.text(cred.range)}\` (a UserCredential / UserPasswordCredential made elsewhere) is a password sign-in (ROPC). ${WHY}` });
          continue;
        }
      }
      // adal4j AuthenticationContext.acquireToken(resource, clientId, username, password, callback).
      if (ctx.language === 'java' && call.name === 'acquireToken' && call.args.length >= 4) {
        ctx.report({ range: call.nameRange, message: `adal4j acquireToken(resource, clientId, username, password, …) is a password sign-in (ROPC). ${WHY}` });
      }
    }
  },
};
