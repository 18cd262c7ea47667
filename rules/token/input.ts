// Recognise and normalise pasted input: compact JWT, Bearer/Authorization header, token response JSON, SAML XML or base64.
import type { InputForm, TokenErrorCode } from './types';

export type Recognised =
  | { type: 'compact'; token: string; form: InputForm; notes: string[] }
  | { type: 'xml'; xml: string; form: InputForm; tokenId: string | null; notes: string[] }
  | { type: 'invalid'; code: TokenErrorCode; message: string; form: InputForm; tokenId: string | null; notes: string[] };

export const REFRESH_TOKEN_NOTE =
  'The response also contains a refresh token: it is opaque, must never be decoded or shared, and belongs in a secret store such as Azure Key Vault.';

/** Larger inputs are refused: real tokens and SAML responses are far smaller. */
export const MAX_INPUT = 2_000_000;

/** At most the first 8 characters, as an identifier that is useless as a credential. */
export function tokenIdOf(token: string): string {
  return `${token.slice(0, 8)}…`;
}

function unquote(s: string): string {
  let t = s.trim().replace(/[,;]+$/, '').trim();
  while (t.length >= 2 && /^["'`]/.test(t) && t[t.length - 1] === t[0]) t = t.slice(1, -1).trim();
  return t;
}

function percentDecode(s: string): string {
  return s.replace(/%([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function base64Text(s: string): string | null {
  if (!/^[A-Za-z0-9+/_-]+=*$/.test(s) || s.replace(/=+$/, '').length % 4 === 1) return null;
  const std = s.replace(/-/g, '+').replace(/_/g, '/');
  return Buffer.from(std, 'base64').toString('utf8').replace(/^\uFEFF/, '').trim();
}

function param(s: string, name: string): string | null {
  const m = new RegExp(`(?:^|[?&#\\s])${name}=([^&#\\s]*)`, 'i').exec(s);
  return m ? m[1] : null;
}

function invalid(code: TokenErrorCode, message: string, form: InputForm, tokenId: string | null = null, notes: string[] = []): Recognised {
  return { type: 'invalid', code, message, form, tokenId, notes };
}

/** Says what a non-token looks like, without echoing it. */
export function describeNonToken(t: string): string {
  const segs = t.split('.').length;
  if (/^-----BEGIN /.test(t)) return 'not a token: this is a PEM key or certificate';
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(t))
    return 'not a token: this is a GUID (an application, tenant or object id)';
  if (/^[A-Za-z0-9_.-]{3}\dQ~[A-Za-z0-9_~.-]{28,}$/.test(t))
    return 'not a token: this looks like an Entra ID client secret (a credential); do not paste or share it, and rotate it if it was exposed';
  if (/^https?:\/\//i.test(t)) return 'not a token: this is a URL';
  if (/^[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+$/.test(t)) return 'not a token: this looks like a user name or email address';
  if (/^[0-9a-f]{32,}$/i.test(t)) return 'not a token: this is a hexadecimal string (a hash or certificate thumbprint?)';
  if (segs === 1 && t.length >= 40 && /^[A-Za-z0-9+/=_-]+$/.test(t))
    return `not a JWT: an opaque string of ${t.length} characters without dots; opaque tokens (Microsoft account tokens, refresh tokens, other services' tokens) can only be read by their issuer`;
  return `not a JWT: a JWT is three base64url segments separated by dots (header.payload.signature) and starts with "eyJ"; the input has ${segs} segment${segs === 1 ? '' : 's'} and ${t.length} characters`;
}

function fromJson(s: string): Recognised {
  let parsed: unknown;
  try {
    parsed = JSON.parse(s);
  } catch {
    return invalid('bad-token-response', 'the input starts like JSON but is not valid JSON', 'token-response');
  }
  if (typeof parsed === 'string') return recognise(parsed);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    return invalid('bad-token-response', 'the input is JSON but not a token response object', 'token-response');
  const o = parsed as Record<string, unknown>;
  const pick = (...keys: string[]) => keys.map((k) => o[k]).find((v): v is string => typeof v === 'string' && v.length > 0);
  const notes: string[] = [];
  if (pick('refresh_token', 'refreshToken', 'RefreshToken')) notes.push(REFRESH_TOKEN_NOTE);
  let token = pick('access_token', 'accessToken', 'AccessToken');
  if (!token) {
    token = pick('id_token', 'idToken', 'IdToken');
    if (token) notes.push('The response has no access_token; this is the id_token, which proves the sign-in to the client app and is never sent to Partner Center.');
  }
  if (!token) {
    const err = typeof o.error === 'string' ? ` (it is an error response: ${o.error})` : '';
    return invalid('bad-token-response', `the JSON has no access_token or id_token to inspect${err}`, 'token-response', null, notes);
  }
  const inner = recognise(token);
  return { ...inner, form: 'token-response', notes: [...notes, ...inner.notes] } as Recognised;
}

export function recognise(input: unknown): Recognised {
  if (typeof input !== 'string') return invalid('empty', 'the input is not text', 'unknown');
  if (input.length > MAX_INPUT) return invalid('not-a-token', `the input is too large to be a token (${input.length} characters)`, 'unknown');
  let s = unquote(input.replace(/^\uFEFF/, ''));
  if (s === '') return invalid('empty', 'the input is empty', 'unknown');
  if (s.startsWith('<')) return { type: 'xml', xml: s, form: 'saml-xml', tokenId: null, notes: [] };
  if (s.startsWith('{')) return fromJson(s);

  let form: InputForm = 'compact';
  if (/^authorization\s*:/i.test(s)) {
    s = s.replace(/^authorization\s*:\s*/i, '');
    form = 'authorization-header';
  }
  if (/^-----BEGIN /.test(s)) return invalid('not-a-token', describeNonToken(s), form);
  if (/^basic\s+/i.test(s))
    return invalid('not-a-token', 'not a token: this is HTTP Basic authentication (a user name and password in base64), a legacy sign-in that cannot do MFA', form);
  if (/^bearer(\s+|%20)/i.test(s)) {
    s = unquote(s.replace(/^bearer(\s+|%20)/i, ''));
    if (form === 'compact') form = 'bearer';
  }

  const samlResponse = param(s, 'SAMLResponse');
  const wresult = param(s, 'wresult');
  if (samlResponse !== null || wresult !== null) {
    const raw = percentDecode((samlResponse ?? wresult ?? '').replace(/\s+/g, ''));
    const xml = raw.trim().startsWith('<') ? raw.trim() : base64Text(raw);
    if (xml && xml.startsWith('<')) return { type: 'xml', xml, form: 'saml-form-post', tokenId: tokenIdOf(raw), notes: [] };
    return invalid('bad-base64', 'the SAMLResponse / wresult value is not base64 of an XML document', 'saml-form-post');
  }
  const urlToken = param(s, 'access_token') ?? param(s, 'id_token');
  if (urlToken !== null && /[?&#=]/.test(s)) {
    s = percentDecode(urlToken);
    form = 'url-parameter';
  }

  let t = s.replace(/\s+/g, '');
  if (/%[0-9A-Fa-f]{2}/.test(t)) t = percentDecode(t);
  if (t.startsWith('<')) return { type: 'xml', xml: t, form: 'saml-xml', tokenId: null, notes: [] };
  if (/^[01]\.A[A-Za-z0-9_-]/.test(t))
    return invalid('refresh-token', 'this looks like an Entra ID refresh token: refresh tokens are opaque (only Microsoft can read them), must never be decoded or shared, and belong in a secret store such as Azure Key Vault', form);
  if (t.includes('.')) {
    if (t.startsWith('eyJ')) return { type: 'compact', token: t, form, notes: [] };
    return invalid('not-a-token', describeNonToken(t), form);
  }
  if (/^Ew[A-Za-z0-9+/=_-]{20,}$/.test(t))
    return invalid('opaque-msa', 'this is an opaque Microsoft account (MSA) token ("Ew…", no dots), not a JWT: its contents cannot be read, only the service it was issued for can', form, tokenIdOf(t));
  if (t.startsWith('eyJ')) return { type: 'compact', token: t, form, notes: [] };
  if (t.length >= 16) {
    const text = base64Text(t);
    if (text && text.startsWith('<')) return { type: 'xml', xml: text, form: 'saml-base64', tokenId: tokenIdOf(t), notes: [] };
  }
  return invalid('not-a-token', describeNonToken(t), form);
}
