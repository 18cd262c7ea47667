import assert from 'node:assert/strict';
import { inspectToken, tokenExitCode } from '../../rules/token/index';
import { GA, NOW, NOW_S, PC, TID, jwt, unsigned, v1, v2 } from './fixtures';

const opts = { now: NOW };
const inspect = async (claims: Record<string, unknown>) => inspectToken(await jwt(claims), opts);

describe('token inspector: JWT verdicts', () => {
  it('v1 Partner Center token with amr [pwd, mfa] is accepted', async () => {
    const r = await inspect(v1());
    assert.equal(r.input, 'jwt');
    assert.equal(r.version, '1.0');
    assert.equal(r.kind, 'app+user');
    assert.equal(r.mfa, 'present');
    assert.equal(r.mfaDetail, 'amr is [pwd, mfa]: multi-factor authentication');
    assert.equal(r.partnerCenter, 'accept');
    assert.equal(r.verdictReason, 'amr is [pwd, mfa]: multi-factor authentication: Partner Center accepts this app + user token');
    assert.deepEqual(r.notes, []);
    assert.equal(tokenExitCode(r), 0);
    assert.deepEqual(r.header, { alg: 'RS256', typ: 'JWT', kid: 'k1' });
    assert.equal(r.tenant, TID);
    assert.equal(r.user, 'agent@contoso.onmicrosoft.com');
    assert.deepEqual(r.scopes, ['user_impersonation']);
    assert.equal(r.audience?.name, 'Partner Center API');
    assert.equal(r.tokenId?.length, 9);
  });

  it('v1 token with amr [pwd] is rejected with the 401 note and the password note', async () => {
    const r = await inspect(v1({ amr: ['pwd'] }));
    assert.equal(r.mfa, 'absent');
    assert.equal(r.mfaDetail, 'amr is [pwd]: password only');
    assert.equal(r.partnerCenter, 'reject-mfa-required');
    assert.equal(r.verdictReason, '401 Unauthorized - MFA required: amr is [pwd]: password only');
    assert.deepEqual(r.notes, [
      'Partner Center answers 401 Unauthorized - MFA required (WWW-Authenticate: Bearer error="invalid_token") to app + user requests whose amr has no mfa value.',
      'amr shows a password only: the token came from a password (ROPC) flow or a sign-in without MFA; use the Secure Application Model (one interactive consent with MFA, then the refresh-token exchange).',
    ]);
    assert.equal(tokenExitCode(r), 1);
  });

  it('amr without mfa says what it shows instead', async () => {
    const r = await inspect(v1({ amr: ['fed', 'rsa'] }));
    assert.equal(r.mfa, 'absent');
    assert.equal(r.mfaDetail, 'amr is [fed, rsa]: federated sign-in, RSA key; no mfa value (the federated identity provider did not pass the multipleauthn claim)');
  });

  it('ngcmfa counts as MFA', async () => {
    const r = await inspect(v1({ amr: ['ngcmfa'] }));
    assert.equal(r.mfa, 'present');
    assert.equal(r.partnerCenter, 'accept');
  });

  it('wiaormfa counts as MFA with a warning note', async () => {
    const r = await inspect(v1({ amr: ['wiaormfa'] }));
    assert.equal(r.mfa, 'present');
    assert.equal(r.partnerCenter, 'accept');
    assert.deepEqual(r.notes, ['amr contains wiaormfa (Windows integrated authentication or MFA): it does not prove a second factor; prefer a sign-in that yields mfa.']);
  });

  it('v2 token for Partner Center: MFA unverifiable, reject with the v1 advice', async () => {
    const r = await inspect(v2());
    assert.equal(r.version, '2.0');
    assert.equal(r.mfa, 'unverifiable');
    assert.equal(r.partnerCenter, 'reject-mfa-required');
    assert.equal(r.audience?.partnerCenter, true);
    assert.deepEqual(r.notes, [
      'v2.0 tokens do not carry amr or acr, so MFA cannot be verified from this token. Partner Center access tokens are v1.0, so a v2.0 token for Partner Center is unexpected: request a v1 Partner Center token (resource https://api.partnercenter.microsoft.com) or run Test-PartnerSecurityRequirement.',
    ]);
    assert.equal(r.client?.type, 'confidential client (secret)');
  });

  it('version is taken from iss when ver is missing', async () => {
    assert.equal((await inspect(v2({ ver: undefined }))).version, '2.0');
    assert.equal((await inspect(v1({ ver: undefined }))).version, '1.0');
  });

  it('app-only via idtyp=app', async () => {
    const r = await inspect(v1({ idtyp: 'app', amr: undefined, scp: undefined, upn: undefined, unique_name: undefined }));
    assert.equal(r.kind, 'app-only');
    assert.equal(r.partnerCenter, 'app-only');
    assert.equal(r.mfa, 'absent');
    assert.ok(r.notes.includes('App-only token: Partner Center does not check MFA on app-only requests, but a Control Panel Vendor may not use app-only tokens on behalf of a partner (use the Secure Application Model app + user flow), and not every Partner Center operation supports app-only.'));
    assert.equal(tokenExitCode(r), 1);
  });

  it('app-only via roles without scp; roles with scp is app + user', async () => {
    const r = await inspect(v1({ roles: ['Application.ReadWrite'], amr: undefined, scp: undefined }));
    assert.equal(r.kind, 'app-only');
    assert.deepEqual(r.roles, ['Application.ReadWrite']);
    const both = await inspect(v1({ roles: ['Reader'] }));
    assert.equal(both.kind, 'app+user');
    assert.equal(both.partnerCenter, 'accept');
  });

  for (const [acr, type] of [['0', 'public client'], ['1', 'confidential client (secret)'], ['2', 'confidential client (certificate)']]) {
    it(`appidacr ${acr} is a ${type}`, async () => {
      const r = await inspect(v1({ appidacr: acr }));
      assert.equal(r.client?.authClass, acr);
      assert.equal(r.client?.type, type);
      const note = 'appidacr is 0 (public client): the Secure Application Model expects a confidential web app that authenticates with a secret (1) or, better, a certificate (2).';
      assert.equal(r.notes.includes(note), acr === '0');
    });
  }

  it('azpacr 0 on a v2 token names the v2 claim', async () => {
    const r = await inspect(v2({ azpacr: '0' }));
    assert.ok(r.notes.some((n) => n.startsWith('azpacr is 0 (public client)')));
  });

  it('expired token: verdict expired, relative text and ISO time', async () => {
    const r = await inspect(v1({ amr: ['pwd'], iat: NOW_S - 4 * 3600, nbf: NOW_S - 4 * 3600, exp: NOW_S - 3 * 3600 }));
    assert.equal(r.partnerCenter, 'expired');
    assert.equal(r.expired, true);
    assert.equal(r.mfa, 'absent');
    const exp = r.times.find((t) => t.name === 'exp');
    assert.deepEqual(exp, { name: 'exp', epoch: NOW_S - 3 * 3600, iso: '2025-06-01T09:00:00Z', relative: 'expired 3 hours ago' });
    assert.equal(r.verdictReason, 'the token expired 3 hours ago (exp 2025-06-01T09:00:00Z)');
    assert.equal(r.notes[0], 'The token expired 3 hours ago: get a new access token with the refresh-token exchange (access tokens live 60-90 minutes).');
    assert.equal(tokenExitCode(r), 1);
  });

  it('valid token says "expires in 52 minutes"; exp within the clock skew is not expired', async () => {
    const r = await inspect(v1());
    assert.equal(r.times.find((t) => t.name === 'exp')?.relative, 'expires in 52 minutes');
    const skew = await inspect(v1({ exp: NOW_S - 120 }));
    assert.equal(skew.partnerCenter, 'accept');
    assert.ok(skew.notes.includes('exp passed 2 minutes ago, within the 5-minute clock skew: get a new access token now.'));
  });

  it('a not-yet-valid token is rejected until its nbf, with a note; within the 5-minute skew it is accepted', async () => {
    const r = await inspect(v1({ nbf: NOW_S + 3600 }));
    assert.equal(r.notYetValid, true);
    assert.equal(r.partnerCenter, 'not-yet-valid');
    assert.equal(r.verdictReason, 'the token is not valid for another 60 minutes (nbf 2025-06-01T13:00:00Z): rejected until then');
    const skew = await inspect(v1({ nbf: NOW_S + 240 }));
    assert.equal(skew.notYetValid, false);
    assert.equal(skew.partnerCenter, 'accept');
    assert.ok(r.notes.includes('Not yet valid: nbf is 2025-06-01T13:00:00Z (not valid for another 60 minutes); check the clock of the machine that requested it.'));
  });

  it('unusual lifetime over 28 hours', async () => {
    const r = await inspect(v1({ iat: NOW_S - 3600, exp: NOW_S + 47 * 3600 }));
    assert.ok(r.notes.includes('Unusual lifetime of 48 hours (exp - iat > 28 hours): Entra ID access tokens normally live 60-90 minutes, CAE tokens up to 28 hours.'));
  });

  it('Global Administrator in wids is called out; other privileged roles too', async () => {
    const r = await inspect(v1({ wids: [GA, 'e8611ab8-c189-46e8-94e1-60213ab1f814', 'b79fbf4d-3ef9-4689-8143-76b194e85509'] }));
    assert.deepEqual(r.directoryRoles.map((d) => [d.name, d.privileged]), [
      ['Global Administrator', true], ['Privileged Role Administrator', true], ['Default member (User)', false],
    ]);
    assert.ok(r.notes.includes('wids contains Global Administrator: give the SAM consent with a least-privileged service account holding the Admin Agent or Sales Agent role, not a Global Administrator (Global Admin grants more than Partner Center needs).'));
    assert.ok(r.notes.includes('wids contains privileged Entra roles (Privileged Role Administrator): the SAM service account should hold only the CSP role it needs (Admin Agent or Sales Agent).'));
    assert.equal(r.partnerCenter, 'accept');
  });

  const audiences: Array<[string, string, boolean]> = [
    [PC, 'Partner Center API', true],
    [`${PC}/`, 'Partner Center API', true],
    ['fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd', 'Partner Center API', true],
    ['https://graph.microsoft.com', 'Microsoft Graph', false],
    ['https://graph.microsoft.com/', 'Microsoft Graph', false],
    ['00000003-0000-0000-c000-000000000000', 'Microsoft Graph', false],
    ['https://management.azure.com/', 'Azure Resource Manager', false],
    ['https://management.azure.com', 'Azure Resource Manager', false],
    ['https://management.core.windows.net/', 'Azure Resource Manager (Service Management)', false],
    ['797f4846-ba00-4fd7-ba43-dac1f8f63013', 'Azure Resource Manager (Service Management)', false],
    ['https://outlook.office365.com', 'Exchange Online', false],
    ['https://outlook.office365.com/', 'Exchange Online', false],
    ['00000002-0000-0ff1-ce00-000000000000', 'Exchange Online', false],
    ['https://graph.windows.net', 'Azure AD Graph (deprecated, retired)', false],
    ['https://graph.windows.net/', 'Azure AD Graph (deprecated, retired)', false],
    ['00000002-0000-0000-c000-000000000000', 'Azure AD Graph (deprecated, retired)', false],
  ];
  for (const [aud, name, pc] of audiences) {
    it(`audience ${aud} is ${name}`, async () => {
      const r = await inspect(v1({ aud }));
      assert.equal(r.audience?.name, name);
      assert.equal(r.audience?.partnerCenter, pc);
      assert.equal(r.partnerCenter, pc ? 'accept' : 'wrong-audience');
      assert.equal(r.mfa, 'present', 'mfa is still reported for other audiences');
    });
  }

  it('wrong audience: exact reason and note; Azure AD Graph is called retired', async () => {
    const g = await inspect(v1({ aud: 'https://graph.microsoft.com' }));
    assert.equal(g.verdictReason, 'the token is for Microsoft Graph (https://graph.microsoft.com), not Partner Center (https://api.partnercenter.microsoft.com)');
    assert.ok(g.notes.includes('This token is for Microsoft Graph, not Partner Center: Partner Center needs a token whose aud is https://api.partnercenter.microsoft.com (one refresh-token exchange per audience).'));
    const aad = await inspect(v1({ aud: 'https://graph.windows.net/' }));
    assert.equal(aad.audience?.retired, true);
    assert.ok(aad.notes.includes('The audience is Azure AD Graph, which is deprecated and retired: request a Microsoft Graph token (https://graph.microsoft.com) instead.'));
    const unknown = await inspect(v1({ aud: 'api://contoso-app' }));
    assert.equal(unknown.partnerCenter, 'wrong-audience');
    assert.equal(unknown.audience?.name, null);
  });

  it('expired wins over wrong audience, wrong audience over app-only', async () => {
    assert.equal((await inspect(v1({ aud: 'https://graph.microsoft.com', exp: NOW_S - 3600 }))).partnerCenter, 'expired');
    assert.equal((await inspect(v1({ aud: 'https://graph.microsoft.com', idtyp: 'app', scp: undefined }))).partnerCenter, 'wrong-audience');
  });

  it('every claim has a value and an explanation; unknown claims say so', async () => {
    const r = await inspect(v1({ xms_cc: ['cp1'], wids: [GA], contoso_custom: 'x' }));
    const byName = Object.fromEntries(r.claims.map((c) => [c.name, c]));
    assert.equal(byName.contoso_custom.explanation, 'not a documented Microsoft identity platform claim');
    assert.equal(byName.contoso_custom.known, false);
    assert.equal(byName.amr.explanation, 'Authentication methods of the sign-in (v1 only); Partner Center looks for mfa here: pwd = password (a user password, or a client secret for an app); mfa = multi-factor authentication');
    assert.equal(byName.appidacr.explanation, 'How the client app authenticated (v1): 0 public client, 1 client secret, 2 certificate: confidential client (secret)');
    assert.match(byName.wids.explanation, /Global Administrator$/);
    assert.equal(byName.exp.explanation, 'Expires at: 2025-06-01T12:52:00Z, expires in 52 minutes');
    for (const c of r.claims.filter((x) => x.name !== 'contoso_custom')) assert.ok(c.explanation.length > 0 && c.known, `${c.name} is known`);
  });

  it('alg none is decodable and noted', () => {
    const r = inspectToken(unsigned(v1()), opts);
    assert.equal(r.input, 'jwt');
    assert.equal(r.header?.alg, 'none');
    assert.ok(r.notes.includes('Unsigned token (alg: none): anyone can create it, and Partner Center rejects it whatever its claims say.'));
  });

  it('an ID token is recognised by the absence of scp, roles and client claims', async () => {
    const r = await inspect(v2({ aud: '0b9f6d0b-2c1f-4bb1-9a7c-0f1c2e2a6b11', azp: undefined, azpacr: undefined, scp: undefined, nonce: 'n-0S6' }));
    assert.ok(r.notes.includes('This looks like an ID token (no scp, roles, appid or azp): ID tokens prove the sign-in to the client app; call APIs with an access token.'));
  });

  it('uses the real clock when no now is given', async () => {
    const r = inspectToken(await jwt(v1()));
    assert.equal(r.partnerCenter, 'expired'); // NOW is in the past
  });
});
