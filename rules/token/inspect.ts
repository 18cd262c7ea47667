// Build a TokenReport from any pasted input; pure (no network, files or logging) and never throws.
import { claimList, explainSamlAttribute } from './claims';
import { decodeCompact } from './jwt';
import { recognise, tokenIdOf } from './input';
import { parseSaml } from './saml';
import { methodLabel, samlMfa, samlVerdict } from './saml-verdict';
import { CLIENT_TYPES, audienceInfo, directoryRole } from './tables';
import { isoTimeInfo, timeInfo } from './time';
import type { ClaimInfo, InputForm, InspectOptions, TokenError, TokenKind, TokenReport } from './types';
import { jwtMfa, jwtVerdict } from './verdict';

type Json = Record<string, unknown>;

function blank(form: InputForm, tokenId: string | null): TokenReport {
  return {
    input: 'invalid', form, tokenId, error: null, header: null, claims: [], version: null, kind: null, client: null,
    audience: null, issuer: null, tenant: null, user: null, scopes: [], roles: [], directoryRoles: [], times: [],
    expired: false, notYetValid: false, mfa: 'unverifiable', mfaDetail: 'the input is not a readable token',
    authMethods: [], partnerCenter: 'not-a-token', verdictReason: '', notes: [], saml: null,
  };
}

function invalidReport(form: InputForm, tokenId: string | null, error: TokenError, notes: string[], header: Json | null = null): TokenReport {
  const r = blank(form, tokenId);
  r.error = error;
  r.header = header;
  r.verdictReason = error.message;
  r.mfaDetail = error.code === 'jwe' || error.code === 'saml-encrypted' ? 'encrypted: MFA cannot be evaluated' : r.mfaDetail;
  r.notes = notes;
  return r;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);
const TIME_CLAIMS = ['iat', 'nbf', 'exp'];

function versionOf(p: Json): '1.0' | '2.0' | null {
  const ver = String(p.ver ?? '');
  if (ver === '1.0' || ver === '1') return '1.0';
  if (ver === '2.0' || ver === '2') return '2.0';
  const iss = str(p.iss) ?? '';
  if (/\/v2\.0\/?$/.test(iss)) return '2.0';
  if (/^https:\/\/sts\.windows\.net\//i.test(iss)) return '1.0';
  return null;
}

function fromJwt(header: Json, p: Json, signaturePresent: boolean, base: TokenReport, nowSeconds: number): TokenReport {
  const version = versionOf(p);
  const scopes = typeof p.scp === 'string' ? p.scp.split(/\s+/).filter(Boolean) : strings(p.scp);
  const roles = strings(p.roles);
  const kind: TokenKind = p.idtyp === 'app' || (p.roles !== undefined && p.scp === undefined) ? 'app-only' : 'app+user';
  const auds = typeof p.aud === 'string' ? [p.aud] : strings(p.aud);
  const audInfos = auds.map(audienceInfo);
  const audience = audInfos.find((a) => a.partnerCenter) ?? audInfos[0] ?? null;
  const clientId = str(p.appid) ?? str(p.azp);
  const acr = p.appidacr ?? p.azpacr;
  const authClass = acr === undefined || acr === null ? null : String(acr);
  const client = clientId || authClass ? { id: clientId, authClass, type: authClass ? CLIENT_TYPES[authClass] ?? null : null } : null;
  const directoryRoles = strings(p.wids).map(directoryRole);
  const times = TIME_CLAIMS.filter((k) => p[k] !== undefined).map((k) => timeInfo(k, p[k], nowSeconds));
  const iss = str(p.iss);
  const tenant = str(p.tid) ?? (iss ? /([0-9a-f]{8}-[0-9a-f-]{27})/i.exec(iss)?.[1] ?? null : null);
  const mfa = jwtMfa(p, version, kind);
  const verdict = jwtVerdict({ header, payload: p, signaturePresent, version, kind, audience, client, directoryRoles, times, nowSeconds }, mfa);
  return {
    ...base, input: 'jwt', header, claims: claimList(p, nowSeconds), version, kind, client, audience, issuer: iss, tenant,
    user: str(p.upn) ?? str(p.unique_name) ?? str(p.preferred_username), scopes, roles, directoryRoles, times,
    expired: verdict.expired, notYetValid: verdict.notYetValid, mfa: mfa.status, mfaDetail: mfa.detail, authMethods: mfa.methods,
    partnerCenter: verdict.partnerCenter, verdictReason: verdict.reason, notes: [...verdict.notes, ...base.notes],
  };
}

function fromSaml(xml: string, base: TokenReport, nowSeconds: number): TokenReport {
  const parsed = parseSaml(xml);
  if (!parsed.ok) return invalidReport(base.form, base.tokenId, { code: parsed.code, message: parsed.message }, base.notes);
  const info = parsed.info;
  const times = [
    ...(info.notBefore ? [isoTimeInfo('NotBefore', info.notBefore, nowSeconds)] : []),
    ...(info.notOnOrAfter ? [isoTimeInfo('NotOnOrAfter', info.notOnOrAfter, nowSeconds)] : []),
  ];
  const mfa = samlMfa(info);
  const verdict = samlVerdict(info, mfa, times, nowSeconds, parsed.status);
  const claims: ClaimInfo[] = [];
  const core = (name: string, value: string | null, explanation: string) => {
    if (value !== null) claims.push({ name, value, explanation, known: true });
  };
  core('Issuer', info.issuer, 'Issuer: the identity provider (or Entra ID) that issued the assertion');
  core(info.version === '2.0' ? 'NameID' : 'NameIdentifier', info.subject, 'Subject: the user the assertion is about');
  for (const aud of info.audiences) core('Audience', aud, `Audience: the relying party the assertion is for${audienceInfo(aud).name ? `: ${audienceInfo(aud).name}` : ''}`);
  for (const t of times) core(t.name, t.name === 'NotBefore' ? info.notBefore : info.notOnOrAfter, `${t.name === 'NotBefore' ? 'Not valid before' : 'Not valid on or after'}: ${t.iso ?? 'invalid'}, ${t.relative}`);
  const methodClaim = info.version === '2.0' ? 'AuthnContextClassRef' : 'AuthenticationMethod';
  for (const m of info.statementMethods) core(methodClaim, m, `How the identity provider authenticated the user: ${methodLabel(m)}`);
  for (const a of info.attributes) claims.push(explainSamlAttribute(a.name, a.values));

  const attr = (suffix: string) => info.attributes.find((a) => a.name.toLowerCase().endsWith(suffix))?.values[0] ?? null;
  const tenant = attr('/identity/claims/tenantid') ?? (info.issuer ? /sts\.windows\.net\/([0-9a-f-]{36})/i.exec(info.issuer)?.[1] ?? null : null);
  return {
    ...base, input: 'saml', claims, audience: info.audiences.length ? audienceInfo(info.audiences[0]) : null,
    issuer: info.issuer, tenant, user: attr('/claims/upn') ?? info.subject ?? attr('/claims/name'), times,
    expired: verdict.expired, notYetValid: verdict.notYetValid, mfa: mfa.status, mfaDetail: mfa.detail, authMethods: mfa.methods,
    partnerCenter: verdict.partnerCenter, verdictReason: verdict.reason, notes: [...verdict.notes, ...base.notes], saml: info,
  };
}

function inspect(input: string, options?: InspectOptions): TokenReport {
  const now = options?.now instanceof Date && Number.isFinite(options.now.getTime()) ? options.now : new Date();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const rec = recognise(input);
  if (rec.type === 'invalid') return invalidReport(rec.form, rec.tokenId, { code: rec.code, message: rec.message }, rec.notes);
  if (rec.type === 'xml') {
    const base = blank(rec.form, rec.tokenId);
    base.notes = rec.notes;
    return fromSaml(rec.xml, base, nowSeconds);
  }
  const tokenId = tokenIdOf(rec.token);
  const decoded = decodeCompact(rec.token);
  if (!decoded.ok) return invalidReport(rec.form, tokenId, { code: decoded.code, message: decoded.message }, rec.notes, decoded.header);
  const base = blank(rec.form, tokenId);
  base.notes = rec.notes;
  return fromJwt(decoded.header, decoded.payload, decoded.signaturePresent, base, nowSeconds);
}

/** Inspect a pasted token (JWT, Authorization header, token response JSON, SAML XML or base64). Never throws. */
export function inspectToken(input: string, options?: InspectOptions): TokenReport {
  try {
    return inspect(input, options);
  } catch {
    return invalidReport('unknown', null, { code: 'internal', message: 'the input could not be inspected (internal error in the token inspector)' }, []);
  }
}
