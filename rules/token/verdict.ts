// MFA status, Partner Center verdict and advice notes for a decoded JWT (decision table of sam-facts §5.4).
import { CLOCK_SKEW_SECONDS, span } from './time';
import { GLOBAL_ADMIN_ID, MSA_TENANT_ID } from './tables';
import type { AudienceInfo, ClientInfo, DirectoryRole, MfaStatus, PartnerCenterVerdict, TimeInfo, TokenKind } from './types';

export interface MfaResult {
  status: MfaStatus;
  detail: string;
  methods: string[];
}

export interface JwtFacts {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signaturePresent: boolean;
  version: '1.0' | '2.0' | null;
  kind: TokenKind;
  audience: AudienceInfo | null;
  client: ClientInfo | null;
  directoryRoles: DirectoryRole[];
  times: TimeInfo[];
  nowSeconds: number;
}

export interface Verdict {
  partnerCenter: PartnerCenterVerdict;
  reason: string;
  notes: string[];
  expired: boolean;
  notYetValid: boolean;
}

export const PC_RESOURCE = 'https://api.partnercenter.microsoft.com';
export const MFA_REQUIRED_401 = '401 Unauthorized - MFA required (WWW-Authenticate: Bearer error="invalid_token")';

const SHORT: Record<string, string> = {
  pwd: 'password', rsa: 'RSA key', otp: 'one-time passcode', fed: 'federated sign-in', wia: 'Windows integrated authentication',
  none: 'no authentication', sms: 'SMS', tel: 'phone call', pin: 'PIN', sc: 'smart card', hwk: 'hardware key', swk: 'software key',
};

function amrValues(payload: Record<string, unknown>): string[] | null {
  const amr = payload.amr;
  if (Array.isArray(amr)) return amr.map((v) => String(v));
  if (typeof amr === 'string') return amr.split(/[\s,]+/).filter(Boolean);
  return null;
}

export function jwtMfa(payload: Record<string, unknown>, version: '1.0' | '2.0' | null, kind: TokenKind): MfaResult {
  const amr = amrValues(payload);
  if (amr !== null) {
    const shown = `amr is [${amr.join(', ')}]`;
    if (amr.includes('mfa')) return { status: 'present', detail: `${shown}: multi-factor authentication`, methods: amr };
    if (amr.includes('ngcmfa')) return { status: 'present', detail: `${shown}: MFA-equivalent credential (ngcmfa)`, methods: amr };
    if (amr.includes('wiaormfa'))
      return { status: 'present', detail: `${shown}: Windows integrated authentication or MFA (counted as MFA, with a warning)`, methods: amr };
    if (amr.length === 0) return { status: 'absent', detail: 'amr is empty: no authentication method recorded', methods: amr };
    if (amr.every((v) => v === 'pwd')) return { status: 'absent', detail: `${shown}: password only`, methods: amr };
    const labels = amr.map((v) => SHORT[v] ?? v).join(', ');
    const fed = amr.includes('fed') ? ' (the federated identity provider did not pass the multipleauthn claim)' : '';
    return { status: 'absent', detail: `${shown}: ${labels}; no mfa value${fed}`, methods: amr };
  }
  if (kind === 'app-only') return { status: 'absent', detail: 'app-only token: no user signed in, so there is no amr and no MFA', methods: [] };
  if (version === '2.0') return { status: 'unverifiable', detail: 'v2.0 token: amr is not emitted in v2.0 tokens, so MFA cannot be verified', methods: [] };
  if (version === '1.0') return { status: 'absent', detail: 'the v1.0 token has no amr claim: no user authentication method is recorded', methods: [] };
  return { status: 'unverifiable', detail: 'no amr claim and no ver claim: MFA cannot be verified', methods: [] };
}

function time(f: JwtFacts, name: string): TimeInfo | undefined {
  return f.times.find((t) => t.name === name && t.epoch !== null);
}

function roleNotes(roles: DirectoryRole[]): string[] {
  const notes: string[] = [];
  if (roles.some((r) => r.id.toLowerCase() === GLOBAL_ADMIN_ID))
    notes.push('wids contains Global Administrator: give the SAM consent with a least-privileged service account holding the Admin Agent or Sales Agent role, not a Global Administrator (Global Admin grants more than Partner Center needs).');
  const others = roles.filter((r) => r.privileged && r.id.toLowerCase() !== GLOBAL_ADMIN_ID).map((r) => r.name);
  if (others.length)
    notes.push(`wids contains privileged Entra roles (${others.join(', ')}): the SAM service account should hold only the CSP role it needs (Admin Agent or Sales Agent).`);
  return notes;
}

/**
 * Partner Center verdict, decided in this order (first match wins):
 *   1. not readable                    -> 'not-a-token'   (handled by the caller, never reaches here)
 *   2. exp + 5 min skew < now          -> 'expired'
 *   2b. nbf - 5 min skew > now         -> 'not-yet-valid' (Partner Center, like every Entra ID resource, rejects it)
 *   3. aud is not Partner Center       -> 'wrong-audience' (MFA is still reported)
 *   4. app-only (idtyp=app, or roles without scp) -> 'app-only' (Partner Center does not MFA-check app-only)
 *   5. mfa 'present'                   -> 'accept'  (the only path to accept)
 *   6. mfa 'absent'                    -> 'reject-mfa-required' (401 Unauthorized - MFA required)
 *   7. mfa 'unverifiable' (v2.0, no amr) -> 'reject-mfa-required' as well: Partner Center accepts only tokens
 *      whose amr carries mfa, and its tokens are v1.0, so a v2.0 token for it is unexpected; a note says so.
 */
export function jwtVerdict(f: JwtFacts, mfa: MfaResult): Verdict {
  const notes: string[] = [];
  const p = f.payload;
  const exp = time(f, 'exp');
  const nbf = time(f, 'nbf');
  const iat = time(f, 'iat');
  const expired = exp !== undefined && f.nowSeconds > exp.epoch! + CLOCK_SKEW_SECONDS;
  const notYetValid = nbf !== undefined && nbf.epoch! > f.nowSeconds + CLOCK_SKEW_SECONDS;
  const pc = f.audience?.partnerCenter === true;

  if (String(f.header.alg).toLowerCase() === 'none')
    notes.push('Unsigned token (alg: none): anyone can create it, and Partner Center rejects it whatever its claims say.');
  else if (!f.signaturePresent) notes.push('The signature segment is empty: the token was cut off or stripped, and Partner Center rejects it.');
  if (expired) notes.push(`The token ${exp!.relative}: get a new access token with the refresh-token exchange (access tokens live 60-90 minutes).`);
  else if (exp && exp.epoch! < f.nowSeconds) notes.push(`exp passed ${span(f.nowSeconds - exp.epoch!)} ago, within the 5-minute clock skew: get a new access token now.`);
  if (exp === undefined) notes.push('The token has no exp claim; Entra ID access tokens always have one.');
  if (notYetValid) notes.push(`Not yet valid: nbf is ${nbf!.iso} (${nbf!.relative}); check the clock of the machine that requested it.`);
  if (exp && iat && exp.epoch! - iat.epoch! > 28 * 3600)
    notes.push(`Unusual lifetime of ${Math.round((exp.epoch! - iat.epoch!) / 3600)} hours (exp - iat > 28 hours): Entra ID access tokens normally live 60-90 minutes, CAE tokens up to 28 hours.`);

  if (f.audience?.retired) notes.push('The audience is Azure AD Graph, which is deprecated and retired: request a Microsoft Graph token (https://graph.microsoft.com) instead.');
  else if (!pc) {
    const what = f.audience ? (f.audience.name ?? f.audience.value) : 'no audience (aud is missing)';
    notes.push(`This token is for ${what}, not Partner Center: Partner Center needs a token whose aud is ${PC_RESOURCE} (one refresh-token exchange per audience).`);
  }
  if (f.kind === 'app-only' && pc)
    notes.push('App-only token: Partner Center does not check MFA on app-only requests, but a Control Panel Vendor may not use app-only tokens on behalf of a partner (use the Secure Application Model app + user flow), and not every Partner Center operation supports app-only.');

  if (f.kind === 'app+user') {
    if (mfa.status === 'absent' && pc) notes.push(`Partner Center answers ${MFA_REQUIRED_401} to app + user requests whose amr has no mfa value.`);
    if (mfa.status === 'absent' && mfa.methods.length > 0 && mfa.methods.every((m) => m === 'pwd'))
      notes.push('amr shows a password only: the token came from a password (ROPC) flow or a sign-in without MFA; use the Secure Application Model (one interactive consent with MFA, then the refresh-token exchange).');
    if (mfa.status === 'unverifiable' && f.version !== '2.0')
      notes.push('The token has neither a ver nor an amr claim, so MFA cannot be verified from it; Partner Center accepts only tokens whose amr carries mfa.');
    else if (mfa.status === 'unverifiable')
      notes.push(pc
        ? `v2.0 tokens do not carry amr or acr, so MFA cannot be verified from this token. Partner Center access tokens are v1.0, so a v2.0 token for Partner Center is unexpected: request a v1 Partner Center token (resource ${PC_RESOURCE}) or run Test-PartnerSecurityRequirement.`
        : 'v2.0 tokens do not carry amr or acr, so MFA cannot be verified from this token; a missing amr is not evidence that MFA was skipped.');
    if (mfa.methods.includes('wiaormfa') && !mfa.methods.includes('mfa') && !mfa.methods.includes('ngcmfa'))
      notes.push('amr contains wiaormfa (Windows integrated authentication or MFA): it does not prove a second factor; prefer a sign-in that yields mfa.');
  }

  notes.push(...roleNotes(f.directoryRoles));
  const acrClaim = p.appidacr !== undefined ? 'appidacr' : 'azpacr';
  if (pc && f.client?.authClass === '0')
    notes.push(`${acrClaim} is 0 (public client): the Secure Application Model expects a confidential web app that authenticates with a secret (1) or, better, a certificate (2).`);
  if (p.tid === MSA_TENANT_ID)
    notes.push('The tenant is the personal Microsoft account (consumer) tenant: Partner Center needs a work account of the partner tenant.');
  if (p.scp === undefined && p.roles === undefined && p.appid === undefined && p.azp === undefined)
    notes.push('This looks like an ID token (no scp, roles, appid or azp): ID tokens prove the sign-in to the client app; call APIs with an access token.');

  let partnerCenter: PartnerCenterVerdict;
  let reason: string;
  if (expired) {
    partnerCenter = 'expired';
    reason = `the token ${exp!.relative} (exp ${exp!.iso})`;
  } else if (notYetValid) {
    partnerCenter = 'not-yet-valid';
    reason = `the token is ${nbf!.relative} (nbf ${nbf!.iso}): rejected until then`;
  } else if (!pc) {
    partnerCenter = 'wrong-audience';
    const what = f.audience ? (f.audience.name ? `${f.audience.name} (${f.audience.value})` : f.audience.value) : 'no audience (aud is missing)';
    reason = `the token is for ${what}, not Partner Center (${PC_RESOURCE})`;
  } else if (f.kind === 'app-only') {
    partnerCenter = 'app-only';
    reason = 'app-only token: Partner Center does not check MFA on app-only requests';
  } else if (mfa.status === 'present') {
    partnerCenter = 'accept';
    reason = `${mfa.detail}: Partner Center accepts this app + user token`;
  } else {
    partnerCenter = 'reject-mfa-required';
    reason = mfa.status === 'absent'
      ? `401 Unauthorized - MFA required: ${mfa.detail}`
      : `${mfa.detail}; Partner Center accepts only app + user tokens whose amr carries mfa`;
  }
  return { partnerCenter, reason, notes, expired, notYetValid };
}
