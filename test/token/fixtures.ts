// Test fixtures for the token inspector: signed/encrypted JWTs built with jose, SAML documents, odd inputs.
import { CompactEncrypt, SignJWT, exportJWK, generateKeyPair } from 'jose';

export const NOW = new Date('2025-06-01T12:00:00Z');
export const NOW_S = Math.floor(NOW.getTime() / 1000);
export const TID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const PC = 'https://api.partnercenter.microsoft.com';
export const GA = '62e90394-69f5-4237-9190-012177145e10';

type Claims = Record<string, unknown>;
type Pair = Awaited<ReturnType<typeof generateKeyPair>>;

let pair: Promise<Pair> | undefined;
let otherPair: Promise<Pair> | undefined;
export const keys = () => (pair ??= generateKeyPair('RS256', { extractable: true }));
export const otherKeys = () => (otherPair ??= generateKeyPair('RS256', { extractable: true }));

export async function jwks(which: 'right' | 'wrong' = 'right', kid = 'k1') {
  const { publicKey } = await (which === 'right' ? keys() : otherKeys());
  return { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] };
}

function merge(base: Claims, over: Claims): Claims {
  const out: Claims = { ...base, ...over };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

/** A v1.0 app + user Partner Center token with MFA, valid at NOW; override or drop (undefined) claims. */
export function v1(over: Claims = {}): Claims {
  return merge({
    aud: PC, iss: `https://sts.windows.net/${TID}/`, iat: NOW_S - 600, nbf: NOW_S - 600, exp: NOW_S + 52 * 60,
    acr: '1', aio: 'AVQAq/8TAAAA', amr: ['pwd', 'mfa'], appid: '0b9f6d0b-2c1f-4bb1-9a7c-0f1c2e2a6b11', appidacr: '1',
    family_name: 'Agent', given_name: 'Admin', ipaddr: '203.0.113.7', name: 'Admin Agent', oid: 'a1b2c3d4-0000-4000-8000-000000000001',
    puid: '10037FFE8F8B1234', rh: '0.AXoA', scp: 'user_impersonation', sub: 'pairwise-subject', tid: TID,
    unique_name: 'agent@contoso.onmicrosoft.com', upn: 'agent@contoso.onmicrosoft.com', uti: 'AbCdEf', ver: '1.0',
  }, over);
}

/** A v2.0 app + user token (no amr/acr), valid at NOW. */
export function v2(over: Claims = {}): Claims {
  return merge({
    aud: 'fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd', iss: `https://login.microsoftonline.com/${TID}/v2.0`, iat: NOW_S - 600,
    nbf: NOW_S - 600, exp: NOW_S + 3600, azp: '0b9f6d0b-2c1f-4bb1-9a7c-0f1c2e2a6b11', azpacr: '1', name: 'Admin Agent',
    oid: 'a1b2c3d4-0000-4000-8000-000000000001', preferred_username: 'agent@contoso.onmicrosoft.com', scp: 'user_impersonation',
    sub: 'pairwise-subject', tid: TID, ver: '2.0',
  }, over);
}

export async function jwt(claims: Claims, header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT', kid: 'k1' }): Promise<string> {
  const { privateKey } = await keys();
  return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(privateKey);
}

const b64u = (o: unknown) => Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64url');

export function unsigned(claims: Claims): string {
  return `${b64u({ alg: 'none', typ: 'JWT' })}.${b64u(claims)}.`;
}

/** header.payload.signature from raw segment texts (for malformed tokens). */
export function raw(header: string, payload: string, signature = 'c2lnbmF0dXJlc2lnbmF0dXJl'): string {
  return `${b64u(header)}.${b64u(payload)}.${signature}`;
}

let encPair: Promise<Pair> | undefined;

export async function jwe(): Promise<string> {
  const { publicKey } = await (encPair ??= generateKeyPair('RSA-OAEP-256'));
  return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(v1())))
    .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'enc1' })
    .encrypt(publicKey);
}

export const MSA_TOKEN = `EwBwA8l6BAAU${'x7Yk2Qm9Lp4Rt8Vw1Zc3Nb6Hj5Gf0Ds'.repeat(6)}AAA=`;
export const REFRESH_TOKEN = `0.AXoAv4j5cvGGr0GRqy180BHbR${'Qm9Lp4Rt8Vw1Zc3Nb6Hj5Gf0Ds_x7Yk2-'.repeat(8)}.AgABAAEAAAD--DLA3VO7QrddgJg7WevrAgDs_wQA9P8`;
export const CLIENT_SECRET = 'Abc8Q~dEfGhIjKlMnOpQrStUvWxYz0123456789ab';
export const SIGNATURE_VALUE = `SIGVALUE${'q1w2e3r4t5y6u7i8o9p0'.repeat(8)}`;
export const CERT_VALUE = `MIIC8DCCAdigAwIBAgIQ${'Zm9vYmFyYmF6cXV4'.repeat(10)}`;

const iso = (offsetSeconds: number) => new Date((NOW_S + offsetSeconds) * 1000).toISOString();
const signature = (p: string) =>
  `<${p}Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><${p}SignatureValue>${SIGNATURE_VALUE}</${p}SignatureValue>` +
  `<${p}KeyInfo><${p}X509Data><${p}X509Certificate>${CERT_VALUE}</${p}X509Certificate></${p}X509Data></${p}KeyInfo></${p}Signature>`;

export interface SamlOptions {
  method?: string;
  attrMethods?: string[];
  attrName?: string;
  notOnOrAfter?: number;
  prefix?: string;
  signed?: boolean;
}

/** A WS-Fed RSTR with a SAML 1.1 assertion, as an ADFS-style IdP sends to Entra ID. */
export function saml11(o: SamlOptions = {}): string {
  const p = o.prefix ?? 'saml:';
  const attr = o.attrMethods
    ? `<${p}Attribute AttributeName="authenticationmethod" AttributeNamespace="http://schemas.microsoft.com/ws/2008/06/identity/claims">` +
      o.attrMethods.map((m) => `<${p}AttributeValue>${m}</${p}AttributeValue>`).join('') + `</${p}Attribute>`
    : '';
  return `<?xml version="1.0" encoding="utf-8"?>
<t:RequestSecurityTokenResponse xmlns:t="http://schemas.xmlsoap.org/ws/2005/02/trust">
  <t:RequestedSecurityToken>
    <${p}Assertion MajorVersion="1" MinorVersion="1" AssertionID="_a1" Issuer="http://adfs.contoso.com/adfs/services/trust" IssueInstant="${iso(-60)}" xmlns:saml="urn:oasis:names:tc:SAML:1.0:assertion">
      <!-- a comment with <saml:Attribute AttributeName="fake"> inside -->
      <${p}Conditions NotBefore="${iso(-60)}" NotOnOrAfter="${iso(o.notOnOrAfter ?? 3600)}">
        <${p}AudienceRestrictionCondition><${p}Audience>urn:federation:MicrosoftOnline</${p}Audience></${p}AudienceRestrictionCondition>
      </${p}Conditions>
      <${p}AttributeStatement>
        <${p}Subject><${p}NameIdentifier Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">dGVzdA==</${p}NameIdentifier></${p}Subject>
        <${p}Attribute AttributeName="UPN" AttributeNamespace="http://schemas.xmlsoap.org/claims"><${p}AttributeValue>agent@contoso.com</${p}AttributeValue></${p}Attribute>
        <${p}Attribute AttributeName="ImmutableID" AttributeNamespace="http://schemas.microsoft.com/LiveID/Federation/2008/05"><${p}AttributeValue>dGVzdA==</${p}AttributeValue></${p}Attribute>
        ${attr}
      </${p}AttributeStatement>
      <${p}AuthenticationStatement AuthenticationMethod="${o.method ?? 'urn:oasis:names:tc:SAML:1.0:am:password'}" AuthenticationInstant="${iso(-60)}">
        <${p}Subject><${p}NameIdentifier>dGVzdA==</${p}NameIdentifier></${p}Subject>
      </${p}AuthenticationStatement>
      ${o.signed === false ? '' : signature('ds:')}
    </${p}Assertion>
  </t:RequestedSecurityToken>
</t:RequestSecurityTokenResponse>`;
}

/** A SAML 2.0 Response as Entra ID issues it (default namespace unless a prefix is given). */
export function saml2(o: SamlOptions = {}): string {
  const p = o.prefix ?? '';
  const ns = p ? `xmlns:${p.slice(0, -1)}="urn:oasis:names:tc:SAML:2.0:assertion"` : 'xmlns="urn:oasis:names:tc:SAML:2.0:assertion"';
  const attr = o.attrMethods
    ? `<${p}Attribute Name="${o.attrName ?? 'http://schemas.microsoft.com/claims/authnmethodsreferences'}">` +
      o.attrMethods.map((m) => `<${p}AttributeValue>${m}</${p}AttributeValue>`).join('') + `</${p}Attribute>`
    : '';
  return `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r1" Version="2.0" IssueInstant="${iso(-60)}" Destination="https://sp.contoso.com/acs">
  <Issuer xmlns="urn:oasis:names:tc:SAML:2.0:assertion">https://sts.windows.net/${TID}/</Issuer>
  <samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>
  <${p}Assertion ${ns} ID="_a2" IssueInstant="${iso(-60)}" Version="2.0">
    <${p}Issuer>https://sts.windows.net/${TID}/</${p}Issuer>
    ${o.signed === false ? '' : signature('')}
    <${p}Subject><${p}NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">agent@contoso.com</${p}NameID></${p}Subject>
    <${p}Conditions NotBefore="${iso(-60)}" NotOnOrAfter="${iso(o.notOnOrAfter ?? 3600)}">
      <${p}AudienceRestriction><${p}Audience>https://sp.contoso.com/</${p}Audience></${p}AudienceRestriction>
    </${p}Conditions>
    <${p}AttributeStatement>
      <${p}Attribute Name="http://schemas.microsoft.com/identity/claims/tenantid"><${p}AttributeValue>${TID}</${p}AttributeValue></${p}Attribute>
      <${p}Attribute Name="http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"><${p}AttributeValue>O&apos;Brien &amp; Co &lt;agent&gt;</${p}AttributeValue></${p}Attribute>
      <${p}Attribute Name="http://schemas.contoso.com/claims/department"><${p}AttributeValue><![CDATA[R&D <lab>]]></${p}AttributeValue></${p}Attribute>
      ${attr}
    </${p}AttributeStatement>
    <${p}AuthnStatement AuthnInstant="${iso(-60)}" SessionIndex="_s1">
      <${p}AuthnContext><${p}AuthnContextClassRef>${o.method ?? 'urn:oasis:names:tc:SAML:2.0:ac:classes:Password'}</${p}AuthnContextClassRef></${p}AuthnContext>
    </${p}AuthnStatement>
  </${p}Assertion>
</samlp:Response>`;
}

export const MULTI = 'http://schemas.microsoft.com/claims/multipleauthn';
export const PASSWORD_URI = 'http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/password';
export const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** Every kind of input the tests use, with the secret strings that must never appear in a report. */
export async function samples(): Promise<Array<{ label: string; input: string; secrets: string[] }>> {
  const out: Array<{ label: string; input: string; secrets: string[] }> = [];
  const add = (label: string, input: string, secrets: string[] = []) => out.push({ label, input, secrets });
  const tok = async (label: string, claims: Claims) => {
    const t = await jwt(claims);
    add(label, t, [t, t.split('.')[2]]);
    return t;
  };
  const mfa = await tok('v1 mfa', v1());
  await tok('v1 pwd', v1({ amr: ['pwd'] }));
  await tok('v1 ngcmfa', v1({ amr: ['ngcmfa'] }));
  await tok('v1 wiaormfa', v1({ amr: ['wiaormfa'] }));
  await tok('v2', v2());
  await tok('app-only idtyp', v1({ idtyp: 'app', amr: undefined, scp: undefined, upn: undefined }));
  await tok('app-only roles', v1({ roles: ['Partner.Read'], amr: undefined, scp: undefined }));
  await tok('expired', v1({ exp: NOW_S - 3 * 3600, iat: NOW_S - 4 * 3600, nbf: NOW_S - 4 * 3600 }));
  await tok('not yet valid', v1({ nbf: NOW_S + 3600 }));
  await tok('global admin', v1({ wids: [GA] }));
  await tok('graph', v1({ aud: 'https://graph.microsoft.com' }));
  const sig = mfa.split('.')[2];
  add('bearer', `Bearer ${mfa}`, [mfa, sig]);
  add('authorization header', `Authorization: Bearer ${mfa}`, [mfa, sig]);
  add('quoted with line breaks', `"${mfa.slice(0, 40)}\n  ${mfa.slice(40, 200)}\r\n${mfa.slice(200)}"`, [mfa, sig]);
  add('token response', JSON.stringify({ token_type: 'Bearer', expires_in: 3599, access_token: mfa, refresh_token: REFRESH_TOKEN }), [mfa, sig, REFRESH_TOKEN]);
  const enc = await jwe();
  add('jwe', enc, [enc, ...enc.split('.').slice(1).filter((s) => s.length > 8)]);
  add('unsigned', unsigned(v1()), [unsigned(v1())]);
  add('msa', MSA_TOKEN, [MSA_TOKEN]);
  add('refresh token', REFRESH_TOKEN, [REFRESH_TOKEN]);
  add('client secret', CLIENT_SECRET, [CLIENT_SECRET]);
  add('garbage', 'this is not a token at all', []);
  add('bad base64', `${mfa.split('.')[0]}.eyJhdWQi*Oi.${sig}`, [sig]);
  add('truncated', mfa.split('.').slice(0, 2).join('.'), []);
  add('truncated payload', mfa.slice(0, 60), []);
  const x11 = saml11({ method: MULTI });
  add('saml 1.1 xml', x11, [SIGNATURE_VALUE, CERT_VALUE]);
  add('saml 2.0 base64', b64(saml2()), [b64(saml2()), SIGNATURE_VALUE, CERT_VALUE]);
  add('saml 2.0 form post', `SAMLResponse=${encodeURIComponent(b64(saml2({ method: MULTI })))}&RelayState=abc`, [b64(saml2({ method: MULTI })), SIGNATURE_VALUE]);
  add('saml expired', saml11({ notOnOrAfter: -7200 }), [SIGNATURE_VALUE]);
  return out;
}
