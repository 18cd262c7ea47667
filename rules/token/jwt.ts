// Decode a compact JWS/JWE without verifying it: header and payload JSON, or a precise reason it cannot be read.
import type { TokenErrorCode } from './types';

type Json = Record<string, unknown>;

export type DecodedJwt =
  | { ok: true; header: Json; payload: Json; signaturePresent: boolean }
  | { ok: false; code: TokenErrorCode; message: string; header: Json | null };

type Segment = { ok: true; json: Json } | { ok: false; code: TokenErrorCode; message: string };

function jsonError(text: string, what: string, err: unknown): Segment {
  const msg = err instanceof Error ? err.message : '';
  const pos = /position (\d+)/.exec(msg);
  const atEnd = /end of JSON|Unterminated/i.test(msg) || (pos !== null && Number(pos[1]) >= text.length - 1);
  return atEnd
    ? { ok: false, code: 'truncated', message: `the ${what} decodes to incomplete JSON: the token was cut off (copy it again, completely)` }
    : { ok: false, code: 'bad-json', message: `the ${what} is valid base64url but does not decode to JSON` };
}

/** Decode one base64url segment into a JSON object. */
export function decodeSegment(seg: string, what: string): Segment {
  if (seg === '') return { ok: false, code: 'truncated', message: `the ${what} segment is empty` };
  const body = seg.replace(/=+$/, '');
  const bad = /[^A-Za-z0-9_-]/.exec(body);
  if (bad) {
    const hint = bad[0] === '+' || bad[0] === '/' ? ' (standard base64 instead of base64url?)' : '';
    return { ok: false, code: 'bad-base64', message: `the ${what} segment is not valid base64url: unexpected character "${bad[0]}" at position ${bad.index + 1}${hint}` };
  }
  if (body.length % 4 === 1)
    return { ok: false, code: 'bad-base64', message: `the ${what} segment has an impossible base64url length (${body.length} characters): it was cut or edited` };
  const text = Buffer.from(body, 'base64url').toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return jsonError(text, what, err);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    return { ok: false, code: 'bad-json', message: `the ${what} decodes to JSON that is not an object` };
  return { ok: true, json: parsed as Json };
}

function fail(code: TokenErrorCode, message: string, header: Json | null = null): DecodedJwt {
  return { ok: false, code, message, header };
}

export function decodeCompact(token: string): DecodedJwt {
  const parts = token.split('.');
  const head = decodeSegment(parts[0], 'header');
  const header = head.ok ? head.json : null;

  if (parts.length === 5) {
    const alg = header && typeof header.alg === 'string' ? header.alg : '?';
    const enc = header && typeof header.enc === 'string' ? header.enc : '?';
    return fail('jwe', `this is an encrypted token (JWE, 5 segments, alg ${alg}, enc ${enc}): its claims cannot be read without the recipient's private key, so MFA cannot be evaluated; this is not a compliance failure`, header);
  }
  if (parts.length !== 3 && parts.length > 2)
    return fail('not-a-token', `not a JWT: ${parts.length} dot-separated segments; a signed JWT has 3 (header.payload.signature) and an encrypted one 5`, header);
  if (!head.ok) return fail(head.code, head.message);
  if (parts.length === 1)
    return fail('truncated', 'truncated token: only the header segment is present; a JWT has three segments (header.payload.signature)', header);

  const body = decodeSegment(parts[1], 'payload');
  if (parts.length === 2) {
    const why = body.ok ? 'the signature segment is missing' : body.message;
    return fail('truncated', `truncated token: 2 segments (header.payload), ${why}; copy the whole token (header.payload.signature)`, header);
  }
  if (!body.ok) return fail(body.code, body.message, header);
  return { ok: true, header: head.json, payload: body.json, signaturePresent: parts[2].length > 0 };
}
