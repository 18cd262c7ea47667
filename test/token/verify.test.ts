import assert from 'node:assert/strict';
import { inspectToken, verifyTokenSignature } from '../../rules/token/index';
import { NOW_S, jwe, jwks, jwt, unsigned, v1 } from './fixtures';

describe('token inspector: signature verification (opt-in)', () => {
  it('valid signature with the right JWKS', async () => {
    const token = await jwt(v1());
    assert.deepEqual(await verifyTokenSignature(token, await jwks('right')), { valid: true, reason: 'signature valid (RS256, kid k1)' });
  });

  it('accepts the same input forms as inspectToken', async () => {
    const token = await jwt(v1());
    assert.equal((await verifyTokenSignature(`Authorization: Bearer ${token}`, await jwks('right'))).valid, true);
  });

  it('wrong key: signature does not match', async () => {
    const token = await jwt(v1());
    assert.deepEqual(await verifyTokenSignature(token, await jwks('wrong')), { valid: false, reason: 'signature does not match the key' });
  });

  it('a Graph-style nonce in the header is explained when verification fails', async () => {
    const token = await jwt(v1(), { alg: 'RS256', typ: 'JWT', kid: 'k1', nonce: 'abc' });
    const r = await verifyTokenSignature(token, await jwks('wrong'));
    assert.equal(r.valid, false);
    assert.match(r.reason, /nonce \(as Microsoft Graph tokens do\)/);
  });

  it('no time checks: an expired token with a good signature is valid', async () => {
    const token = await jwt(v1({ exp: NOW_S - 3600, iat: NOW_S - 7200, nbf: NOW_S - 7200 }));
    const r = await verifyTokenSignature(token, await jwks('right'));
    assert.equal(r.valid, true);
  });

  it('no matching kid, bad JWKS, alg none, JWE and garbage are reported, not thrown', async () => {
    const token = await jwt(v1());
    assert.deepEqual(await verifyTokenSignature(token, await jwks('right', 'other-kid')), { valid: false, reason: 'no key in the JWKS matches the token header (kid/alg)' });
    assert.deepEqual(await verifyTokenSignature(token, { nope: true }), { valid: false, reason: 'the JWKS must be a JSON object with a "keys" array' });
    assert.deepEqual(await verifyTokenSignature(token, null), { valid: false, reason: 'the JWKS must be a JSON object with a "keys" array' });
    assert.equal((await verifyTokenSignature(unsigned(v1()), await jwks('right'))).valid, false);
    assert.equal((await verifyTokenSignature(await jwe(), await jwks('right'))).valid, false);
    assert.equal((await verifyTokenSignature('garbage', await jwks('right'))).valid, false);
    assert.equal((await verifyTokenSignature(token, { keys: [{ kty: 'nonsense' }] })).valid, false);
  });

  it('inspectToken does not verify signatures: a token signed by another key still decodes', async () => {
    const r = inspectToken(await jwt(v1()), { now: new Date(NOW_S * 1000) });
    assert.equal(r.partnerCenter, 'accept');
  });
});
