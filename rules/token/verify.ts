// Opt-in signature check of a JWT against a caller-supplied JWKS (jose); no issuer, audience or time checks.
import { createLocalJWKSet, jwtVerify } from 'jose';
import type { JSONWebKeySet } from 'jose';
import { recognise } from './input';

export interface SignatureResult {
  valid: boolean;
  reason: string;
}

function errorCode(err: unknown): string {
  return err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : '';
}

/**
 * Verify only the signature of `token` with the keys of a parsed JWKS document. Never fetches keys and never throws.
 * jwtVerify checks the signature before the time claims, so an expired or not-yet-valid token with a good
 * signature is reported as valid: time, issuer and audience are the business of inspectToken, not of this check.
 */
export async function verifyTokenSignature(token: string, jwks: unknown): Promise<SignatureResult> {
  const rec = recognise(token);
  if (rec.type !== 'compact') return { valid: false, reason: 'not a compact signed JWT (header.payload.signature)' };
  const keys = jwks && typeof jwks === 'object' ? (jwks as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(keys)) return { valid: false, reason: 'the JWKS must be a JSON object with a "keys" array' };
  let header: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(Buffer.from(rec.token.split('.')[0], 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object') header = parsed as Record<string, unknown>;
  } catch {
    /* jose reports the malformed header below */
  }
  const headerHasNonce = 'nonce' in header;
  const ok = { valid: true, reason: `signature valid (${String(header.alg)}${typeof header.kid === 'string' ? `, kid ${header.kid}` : ''})` };
  try {
    await jwtVerify(rec.token, createLocalJWKSet(jwks as JSONWebKeySet));
    return ok;
  } catch (err) {
    const code = errorCode(err);
    const nonce = headerHasNonce
      ? '; the header carries a nonce (as Microsoft Graph tokens do), and such tokens cannot be verified by third parties'
      : '';
    switch (code) {
      case 'ERR_JWT_EXPIRED':
      case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
        return ok;
      case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
        return { valid: false, reason: `signature does not match the key${nonce}` };
      case 'ERR_JWKS_NO_MATCHING_KEY':
        return { valid: false, reason: 'no key in the JWKS matches the token header (kid/alg)' };
      case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
        return { valid: false, reason: 'several keys in the JWKS match the token header; add a kid' };
      case 'ERR_JOSE_ALG_NOT_ALLOWED':
      case 'ERR_JOSE_NOT_SUPPORTED':
        return { valid: false, reason: 'the token algorithm is not supported for verification (alg: none is never valid)' };
      case 'ERR_JWKS_INVALID':
        return { valid: false, reason: 'the JWKS is not valid' };
      case 'ERR_JWS_INVALID':
      case 'ERR_JWT_INVALID':
        return { valid: false, reason: 'the token is not a well-formed signed JWT' };
      default:
        return { valid: false, reason: `verification failed${code ? ` (${code})` : ''}` };
    }
  }
}
