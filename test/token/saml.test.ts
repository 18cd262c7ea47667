import assert from 'node:assert/strict';
import { inspectToken, tokenExitCode } from '../../rules/token/index';
import { MULTI, NOW, PASSWORD_URI, TID, b64, saml11, saml2 } from './fixtures';

const opts = { now: NOW };
const NO_CLAIM = 'the assertion carries no authnmethodsreferences claim; Entra ID cannot know MFA happened';
const FED_NOTE = 'Federated MFA: the identity provider must send http://schemas.microsoft.com/claims/multipleauthn (as AuthenticationMethod / AuthnContextClassRef or in the authnmethodsreferences claim), or Entra ID, and so Partner Center, cannot know MFA happened; Azure AD custom controls never convey it.';
const CONTEXT_NOTE = 'SAML assertions are not sent to Partner Center: Entra ID turns the federated sign-in into access tokens, whose amr carries mfa only when the assertion proves MFA.';

describe('token inspector: SAML', () => {
  it('SAML 1.1 (WS-Fed RSTR) with AuthenticationMethod multipleauthn: MFA present, accept', () => {
    const r = inspectToken(saml11({ method: MULTI }), opts);
    assert.equal(r.input, 'saml');
    assert.equal(r.form, 'saml-xml');
    assert.equal(r.saml?.version, '1.1');
    assert.equal(r.saml?.container, 'RequestSecurityTokenResponse');
    assert.equal(r.mfa, 'present');
    assert.equal(r.mfaDetail, 'the assertion carries http://schemas.microsoft.com/claims/multipleauthn');
    assert.equal(r.partnerCenter, 'accept');
    assert.deepEqual(r.notes, [CONTEXT_NOTE]);
    assert.equal(r.issuer, 'http://adfs.contoso.com/adfs/services/trust');
    assert.equal(r.saml?.subject, 'dGVzdA==');
    assert.deepEqual(r.saml?.audiences, ['urn:federation:MicrosoftOnline']);
    assert.equal(r.audience?.name, 'Microsoft Entra ID (federation with Microsoft Online)');
    assert.equal(r.saml?.signed, true);
    assert.equal(r.version, null);
    assert.equal(r.kind, null);
    assert.equal(tokenExitCode(r), 0);
  });

  it('SAML 1.1 with a password method only: absent, says what was found', () => {
    const r = inspectToken(saml11(), opts);
    assert.equal(r.mfa, 'absent');
    assert.equal(r.mfaDetail, 'authentication method is urn:oasis:names:tc:SAML:1.0:am:password (password); no multipleauthn value');
    assert.equal(r.partnerCenter, 'reject-mfa-required');
    assert.deepEqual(r.notes, [CONTEXT_NOTE, FED_NOTE]);
    assert.equal(tokenExitCode(r), 1);
    assert.deepEqual(r.saml?.attributes.map((a) => a.name), [
      'http://schemas.xmlsoap.org/claims/UPN',
      'http://schemas.microsoft.com/LiveID/Federation/2008/05/ImmutableID',
    ], 'the attribute inside the comment is ignored');
  });

  it('SAML 1.1 authenticationmethod attribute (namespace + name) carrying multipleauthn', () => {
    const r = inspectToken(saml11({ attrMethods: [PASSWORD_URI, MULTI] }), opts);
    assert.equal(r.mfa, 'present');
    assert.ok(r.authMethods.includes(MULTI));
    assert.ok(r.claims.some((c) => c.name === 'http://schemas.microsoft.com/ws/2008/06/identity/claims/authenticationmethod'));
  });

  it('wiaormultiauthn counts as present, with a note', () => {
    const r = inspectToken(saml11({ method: 'http://schemas.microsoft.com/claims/wiaormultiauthn' }), opts);
    assert.equal(r.mfa, 'present');
    assert.equal(r.partnerCenter, 'accept');
    assert.ok(r.notes.includes('The assertion carries wiaormultiauthn (Windows integrated authentication or MFA): Entra ID honours it, but it does not prove a second factor.'));
  });

  it('SAML 2.0 Response with authnmethodsreferences [password, multipleauthn]', () => {
    const r = inspectToken(saml2({ attrMethods: [PASSWORD_URI, MULTI] }), opts);
    assert.equal(r.saml?.version, '2.0');
    assert.equal(r.saml?.container, 'Response');
    assert.equal(r.mfa, 'present');
    assert.equal(r.partnerCenter, 'accept');
    assert.equal(r.tenant, TID);
    assert.equal(r.user, 'agent@contoso.com');
    assert.equal(r.issuer, `https://sts.windows.net/${TID}/`);
  });

  it('SAML 2.0 with only the password class ref and the password authnmethodsreferences value', () => {
    const r = inspectToken(saml2({ attrMethods: [PASSWORD_URI] }), opts);
    assert.equal(r.mfa, 'absent');
    assert.equal(r.mfaDetail, `authentication methods are urn:oasis:names:tc:SAML:2.0:ac:classes:Password (password), ${PASSWORD_URI} (password); no multipleauthn value`);
    assert.equal(r.partnerCenter, 'reject-mfa-required');
  });

  it('SAML 2.0 AuthnContextClassRef multipleauthn, with the saml2: prefix', () => {
    const r = inspectToken(saml2({ method: MULTI, prefix: 'saml2:' }), opts);
    assert.equal(r.mfa, 'present');
    assert.ok(r.claims.some((c) => c.name === 'AuthnContextClassRef' && c.value === MULTI));
  });

  it('no authentication method at all: the federated-MFA explanation', () => {
    const xml = saml2().replace(/<AuthnStatement[\s\S]*?<\/AuthnStatement>/, '');
    const r = inspectToken(xml, opts);
    assert.equal(r.mfa, 'absent');
    assert.equal(r.mfaDetail, NO_CLAIM);
    assert.equal(r.partnerCenter, 'reject-mfa-required');
    assert.ok(r.notes.includes(FED_NOTE));
  });

  it('entities and CDATA are decoded in values', () => {
    const r = inspectToken(saml2(), opts);
    const name = r.saml?.attributes.find((a) => a.name.endsWith('/claims/name'));
    assert.deepEqual(name?.values, ["O'Brien & Co <agent>"]);
    const dept = r.saml?.attributes.find((a) => a.name.endsWith('/department'));
    assert.deepEqual(dept?.values, ['R&D <lab>']);
    const c = r.claims.find((x) => x.name.endsWith('/department'));
    assert.equal(c?.explanation, 'not a documented Microsoft identity platform claim');
  });

  it('base64 XML and URL-encoded base64 (SAMLResponse form post)', () => {
    const xml = saml2({ method: MULTI });
    const r1 = inspectToken(b64(xml), opts);
    assert.equal(r1.form, 'saml-base64');
    assert.equal(r1.partnerCenter, 'accept');
    const r2 = inspectToken(encodeURIComponent(b64(xml)), opts);
    assert.equal(r2.partnerCenter, 'accept');
    const r3 = inspectToken(`SAMLResponse=${encodeURIComponent(b64(xml))}&RelayState=%2Fhome`, opts);
    assert.equal(r3.form, 'saml-form-post');
    assert.equal(r3.partnerCenter, 'accept');
    const wrapped = b64(xml).replace(/(.{76})/g, '$1\n');
    assert.equal(inspectToken(wrapped, opts).partnerCenter, 'accept');
  });

  it('expired SAML assertion', () => {
    const r = inspectToken(saml11({ method: MULTI, notOnOrAfter: -7200 }), opts);
    assert.equal(r.partnerCenter, 'expired');
    assert.equal(r.expired, true);
    assert.equal(r.mfa, 'present');
    assert.equal(r.verdictReason, 'the assertion expired 2 hours ago (NotOnOrAfter 2025-06-01T10:00:00Z)');
    assert.equal(r.times.find((t) => t.name === 'NotOnOrAfter')?.relative, 'expired 2 hours ago');
    assert.equal(tokenExitCode(r), 1);
  });

  it('unsigned assertion and failed status are noted', () => {
    const r = inspectToken(saml2({ method: MULTI, signed: false }).replace('status:Success', 'status:Responder'), opts);
    assert.ok(r.notes.includes('The document has no XML signature (ds:Signature): relying parties reject unsigned assertions.'));
    assert.ok(r.notes.includes('The SAML Response status is Responder: the sign-in did not succeed.'));
  });

  it('MFA names Entra ID does not document are pointed out', () => {
    const r = inspectToken(saml2({ method: 'https://refeds.org/profile/mfa' }), opts);
    assert.equal(r.mfa, 'absent');
    assert.ok(r.notes.includes('The assertion names MFA as https://refeds.org/profile/mfa, which is not one of the values Entra ID documents (multipleauthn, wiaormultiauthn).'));
  });

  it('encrypted assertions, requests, metadata and other XML are not tokens', () => {
    const enc = inspectToken('<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><saml:EncryptedAssertion><xenc:EncryptedData/></saml:EncryptedAssertion></samlp:Response>', opts);
    assert.equal(enc.error?.code, 'saml-encrypted');
    assert.equal(tokenExitCode(enc), 2);
    const req = inspectToken('<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_x"/>', opts);
    assert.equal(req.error?.message, 'not a token: this is a SAML AuthnRequest (a sign-in request), not an assertion');
    const other = inspectToken('<configuration><appSettings/></configuration>', opts);
    assert.equal(other.error?.message, 'an XML document (<configuration>) without a SAML assertion');
    assert.equal(other.partnerCenter, 'not-a-token');
  });
});
