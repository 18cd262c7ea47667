import assert from 'node:assert/strict';
import { inspectToken, tokenExitCode } from '../../rules/token/index';
import { CLIENT_SECRET, MSA_TOKEN, NOW, REFRESH_TOKEN, jwe, jwt, raw, v1 } from './fixtures';

const opts = { now: NOW };

describe('token inspector: input forms', () => {
  let token = '';
  before(async () => {
    token = await jwt(v1());
  });

  it('plain compact JWT', () => {
    const r = inspectToken(token, opts);
    assert.equal(r.form, 'compact');
    assert.equal(r.partnerCenter, 'accept');
    assert.equal(r.tokenId, `${token.slice(0, 8)}…`);
  });

  it('Bearer prefix (any case)', () => {
    for (const input of [`Bearer ${token}`, `bearer   ${token}`, `BEARER ${token}\n`]) {
      const r = inspectToken(input, opts);
      assert.equal(r.form, 'bearer');
      assert.equal(r.partnerCenter, 'accept');
    }
  });

  it('whole Authorization header line', () => {
    const r = inspectToken(`Authorization: Bearer ${token}`, opts);
    assert.equal(r.form, 'authorization-header');
    assert.equal(r.partnerCenter, 'accept');
  });

  it('quoted, with whitespace and line breaks inside', () => {
    const input = `  "${token.slice(0, 30)}\n    ${token.slice(30, 300)}\r\n\t${token.slice(300)}" ,`;
    const r = inspectToken(input, opts);
    assert.equal(r.input, 'jwt');
    assert.equal(r.partnerCenter, 'accept');
    assert.equal(inspectToken(`'${token}'`, opts).partnerCenter, 'accept');
  });

  it('JSON token response: inspects access_token, notes the refresh token, never shows it', () => {
    const input = JSON.stringify({ token_type: 'Bearer', scope: 'user_impersonation', expires_in: 3599, access_token: token, refresh_token: REFRESH_TOKEN }, null, 2);
    const r = inspectToken(input, opts);
    assert.equal(r.form, 'token-response');
    assert.equal(r.partnerCenter, 'accept');
    assert.deepEqual(r.notes, ['The response also contains a refresh token: it is opaque, must never be decoded or shared, and belongs in a secret store such as Azure Key Vault.']);
    assert.ok(!JSON.stringify(r).includes(REFRESH_TOKEN));
  });

  it('PowerShell AuthResult JSON (AccessToken / RefreshToken) and id_token-only responses', () => {
    const r = inspectToken(JSON.stringify({ AccessToken: token, RefreshToken: REFRESH_TOKEN, ExpiresOn: 'x' }), opts);
    assert.equal(r.partnerCenter, 'accept');
    assert.equal(r.notes.length, 1);
    const idOnly = inspectToken(JSON.stringify({ id_token: token }), opts);
    assert.equal(idOnly.input, 'jwt');
    assert.ok(idOnly.notes.some((n) => n.startsWith('The response has no access_token; this is the id_token')));
  });

  it('JSON without a token, error responses and broken JSON', () => {
    const e = inspectToken('{"error":"invalid_grant","error_description":"AADSTS700082"}', opts);
    assert.equal(e.error?.code, 'bad-token-response');
    assert.equal(e.error?.message, 'the JSON has no access_token or id_token to inspect (it is an error response: invalid_grant)');
    assert.equal(inspectToken('{"access_token": "eyJ', opts).error?.code, 'bad-token-response');
  });

  it('access_token in a URL fragment', () => {
    const r = inspectToken(`https://localhost:44395/#access_token=${token}&token_type=Bearer&expires_in=3599`, opts);
    assert.equal(r.form, 'url-parameter');
    assert.equal(r.partnerCenter, 'accept');
  });

  it('JWE (5 segments): cannot evaluate, not non-compliant', async () => {
    const r = inspectToken(await jwe(), opts);
    assert.equal(r.input, 'invalid');
    assert.equal(r.error?.code, 'jwe');
    assert.equal(r.error?.message, "this is an encrypted token (JWE, 5 segments, alg RSA-OAEP-256, enc A256GCM): its claims cannot be read without the recipient's private key, so MFA cannot be evaluated; this is not a compliance failure");
    assert.equal(r.mfa, 'unverifiable');
    assert.equal(r.partnerCenter, 'not-a-token');
    assert.equal(r.header?.enc, 'A256GCM');
    assert.equal(tokenExitCode(r), 2);
  });

  it('opaque Microsoft account token (Ew..., no dots)', () => {
    const r = inspectToken(MSA_TOKEN, opts);
    assert.equal(r.error?.code, 'opaque-msa');
    assert.match(r.error!.message, /opaque Microsoft account \(MSA\) token/);
    assert.equal(tokenExitCode(r), 2);
  });

  it('refresh-token-looking strings are never decoded', () => {
    for (const rt of [REFRESH_TOKEN, `1.AQcA${REFRESH_TOKEN.slice(6)}`]) {
      const r = inspectToken(rt, opts);
      assert.equal(r.error?.code, 'refresh-token');
      assert.equal(r.error?.message, 'this looks like an Entra ID refresh token: refresh tokens are opaque (only Microsoft can read them), must never be decoded or shared, and belong in a secret store such as Azure Key Vault');
      assert.equal(r.tokenId, null);
      assert.equal(tokenExitCode(r), 2);
    }
  });

  it('garbage says what it looks like, without echoing it', () => {
    const cases: Array<[string, RegExp]> = [
      ['hello world, not a token', /^not a JWT: a JWT is three base64url segments/],
      ['72f988bf-86f1-41af-91ab-2d7cd011db47', /GUID/],
      [CLIENT_SECRET, /client secret/],
      ['https://api.partnercenter.microsoft.com/v1/customers', /URL/],
      ['agent@contoso.com', /user name or email/],
      ['-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----', /PEM/],
      ['Basic YWdlbnQ6cGFzc3dvcmQ=', /HTTP Basic authentication/],
      ['', /empty/],
      ['1.2.3', /not a JWT/],
      ['Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFy', /^not a JWT: an opaque string of 56 characters without dots/],
    ];
    for (const [input, re] of cases) {
      const r = inspectToken(input, opts);
      assert.equal(r.input, 'invalid', input);
      assert.match(r.error!.message, re, input);
      if (input.length > 8) assert.ok(!JSON.stringify(r).includes(input), `echoes ${input}`);
      assert.equal(tokenExitCode(r), 2);
    }
    assert.equal(inspectToken(CLIENT_SECRET, opts).tokenId, null);
  });

  it('non-string input never throws', () => {
    for (const bad of [undefined, null, 42, {}] as unknown[]) {
      const r = inspectToken(bad as string, opts);
      assert.equal(r.input, 'invalid');
    }
  });

  it('bad base64 in a segment', () => {
    const [h, , s] = token.split('.');
    const r = inspectToken(`${h}.eyJhdWQi*Oi.${s}`, opts);
    assert.equal(r.error?.code, 'bad-base64');
    assert.equal(r.error?.message, 'the payload segment is not valid base64url: unexpected character "*" at position 9');
    assert.equal(inspectToken(`${h}.eyJhdWQiOi+a/b.${s}`, opts).error?.message.endsWith('(standard base64 instead of base64url?)'), true);
    assert.equal(inspectToken(`eyJhbGciOi%%.${token.split('.')[1]}.${s}`, opts).error?.code, 'bad-base64');
  });

  it('bad JSON in a segment', () => {
    const r = inspectToken(raw('{"alg":"RS256"}', 'not json at all, just text'), opts);
    assert.equal(r.error?.code, 'bad-json');
    assert.equal(r.error?.message, 'the payload is valid base64url but does not decode to JSON');
    assert.equal(inspectToken(raw('{"alg":"RS256"}', '[1,2,3]'), opts).error?.message, 'the payload decodes to JSON that is not an object');
  });

  it('truncated: two segments, a cut payload, or a header alone', () => {
    const two = inspectToken(token.split('.').slice(0, 2).join('.'), opts);
    assert.equal(two.error?.code, 'truncated');
    assert.equal(two.error?.message, 'truncated token: 2 segments (header.payload), the signature segment is missing; copy the whole token (header.payload.signature)');
    assert.equal(two.header?.alg, 'RS256', 'the header is still shown');
    const cut = inspectToken(token.slice(0, token.indexOf('.') + 41), opts);
    assert.equal(cut.error?.code, 'truncated');
    assert.match(cut.error!.message, /incomplete JSON: the token was cut off/);
    const cut3 = inspectToken(raw('{"alg":"RS256"}', '{"aud":"https://api.partnercenter.microsoft.com","amr":["pw'), opts);
    assert.equal(cut3.error?.code, 'truncated');
    assert.equal(inspectToken(token.split('.')[0], opts).error?.code, 'truncated');
  });

  it('too many segments', () => {
    const r = inspectToken(`${token}.abc`, opts);
    assert.equal(r.error?.code, 'not-a-token');
    assert.match(r.error!.message, /4 dot-separated segments/);
  });
});
