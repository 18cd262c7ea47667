// no-ropc: password (resource owner password credentials) sign-ins, which cannot satisfy MFA.
import type { Call } from '../model/types';
import type { Fix, Rule, RuleContext } from '../engine/types';
import { ALL_LANGUAGES } from '../common/meta';
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

/** `grant_type`, `GrantType`, `ida:GrantType`, `oauth.grant-type` -> `granttype`. */
function lastSegment(key: string): string {
  return (key.split(/[.:/]/).pop() ?? key).toLowerCase().replace(/[^a-z0-9]/g, '');
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
    // Raw token requests: grant_type=password in a form body, dict, hashtable, initializer or config.
    // In source order, so that names the fixes introduce (`response`, `response2`) follow the file.
    for (const p of [...ctx.pairs].sort((a, b) => a.range.start - b.range.start)) {
      if (!lastSegment(p.key).endsWith('granttype')) continue;
      if (ctx.value(p.value)?.trim().toLowerCase() === 'password') {
        ctx.report({ range: p.value.range, message: `Token request with \`grant_type=password\` (ROPC). ${WHY}`, fixes: offer(() => tokenRequestFix(session, p)) });
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
      // adal4j AuthenticationContext.acquireToken(resource, clientId, username, password, callback).
      if (ctx.language === 'java' && call.name === 'acquireToken' && call.args.length >= 4) {
        ctx.report({ range: call.nameRange, message: `adal4j acquireToken(resource, clientId, username, password, …) is a password sign-in (ROPC). ${WHY}` });
      }
    }
  },
};
