// MFA status, verdict and notes for a SAML assertion (federated MFA: multipleauthn / wiaormultiauthn).
import { CLOCK_SKEW_SECONDS } from './time';
import type { PartnerCenterVerdict, SamlInfo, TimeInfo } from './types';
import type { MfaResult, Verdict } from './verdict';

export const MULTIPLEAUTHN = 'http://schemas.microsoft.com/claims/multipleauthn';
export const NO_AUTHN_CLAIM = 'the assertion carries no authnmethodsreferences claim; Entra ID cannot know MFA happened';
export const FEDERATED_MFA_NOTE =
  `Federated MFA: the identity provider must send ${MULTIPLEAUTHN} (as AuthenticationMethod / AuthnContextClassRef or in the authnmethodsreferences claim), or Entra ID, and so Partner Center, cannot know MFA happened; Azure AD custom controls never convey it.`;
export const SAML_CONTEXT_NOTE =
  'SAML assertions are not sent to Partner Center: Entra ID turns the federated sign-in into access tokens, whose amr carries mfa only when the assertion proves MFA.';

const isMulti = (v: string) => /(^|[/:])multipleauthn$/i.test(v.trim());
const isWiaOr = (v: string) => /(^|[/:])wiaormultiauthn$/i.test(v.trim());
const looksMfa = (v: string) => /refeds\.org\/profile\/mfa|classes:MultiFactor|mfa/i.test(v);

/** Attribute names that carry authentication methods (SAML 2.0 full URIs or SAML 1.1 namespace/name). */
export function isMethodAttribute(name: string): boolean {
  const n = name.trim().toLowerCase();
  return /(^|\/)(authnmethodsreferences|authenticationmethodsreferences|authenticationmethod)$/.test(n);
}

export function methodLabel(uri: string): string {
  const u = uri.trim();
  if (isMulti(u)) return 'multi-factor authentication';
  if (isWiaOr(u)) return 'Windows integrated authentication or MFA';
  if (/password/i.test(u)) return /ProtectedTransport/i.test(u) ? 'password over TLS' : 'password';
  if (/windows|kerberos/i.test(u)) return 'Windows integrated authentication';
  if (/x509|tlsclient|smartcard|certificate/i.test(u)) return 'certificate';
  if (/unspecified/i.test(u)) return 'unspecified';
  if (looksMfa(u)) return 'MFA (not a value Entra ID documents)';
  return 'other method';
}

export function samlMfa(info: SamlInfo): MfaResult & { wiaOnly: boolean; otherMfa: string[] } {
  const values = [
    ...info.statementMethods,
    ...info.attributes.filter((a) => isMethodAttribute(a.name)).flatMap((a) => a.values),
  ].filter((v) => v.trim() !== '');
  const methods = [...new Set(values.map((v) => v.trim()))];
  const otherMfa = methods.filter((m) => !isMulti(m) && !isWiaOr(m) && looksMfa(m));
  if (methods.some(isMulti))
    return { status: 'present', detail: `the assertion carries ${MULTIPLEAUTHN}`, methods, wiaOnly: false, otherMfa };
  if (methods.some(isWiaOr))
    return { status: 'present', detail: 'the assertion carries http://schemas.microsoft.com/claims/wiaormultiauthn (Windows integrated authentication or MFA)', methods, wiaOnly: true, otherMfa };
  if (methods.length === 0) return { status: 'absent', detail: NO_AUTHN_CLAIM, methods, wiaOnly: false, otherMfa };
  const shown = methods.map((m) => `${m} (${methodLabel(m)})`).join(', ');
  const verb = methods.length === 1 ? 'authentication method is' : 'authentication methods are';
  return { status: 'absent', detail: `${verb} ${shown}; no multipleauthn value`, methods, wiaOnly: false, otherMfa };
}

export function samlVerdict(info: SamlInfo, mfa: ReturnType<typeof samlMfa>, times: TimeInfo[], nowSeconds: number, status: string | null): Verdict {
  const notes: string[] = [SAML_CONTEXT_NOTE];
  const end = times.find((t) => t.name === 'NotOnOrAfter' && t.epoch !== null);
  const start = times.find((t) => t.name === 'NotBefore' && t.epoch !== null);
  const expired = end !== undefined && nowSeconds >= end.epoch! + CLOCK_SKEW_SECONDS;
  const notYetValid = start !== undefined && start.epoch! > nowSeconds + CLOCK_SKEW_SECONDS;

  if (status && status !== 'Success') notes.push(`The SAML Response status is ${status}: the sign-in did not succeed.`);
  if (expired) notes.push(`The assertion ${end!.relative} (NotOnOrAfter ${end!.iso}); assertions are short-lived and cannot be reused.`);
  if (notYetValid) notes.push(`Not yet valid: NotBefore is ${start!.iso} (${start!.relative}); check the identity provider's clock.`);
  if (!info.notOnOrAfter) notes.push('The assertion has no Conditions/@NotOnOrAfter, so its validity window cannot be checked.');
  if (mfa.status === 'absent') notes.push(FEDERATED_MFA_NOTE);
  if (mfa.wiaOnly)
    notes.push('The assertion carries wiaormultiauthn (Windows integrated authentication or MFA): Entra ID honours it, but it does not prove a second factor.');
  if (mfa.status === 'absent' && mfa.otherMfa.length)
    notes.push(`The assertion names MFA as ${mfa.otherMfa.join(', ')}, which is not one of the values Entra ID documents (multipleauthn, wiaormultiauthn).`);
  if (!info.signed) notes.push('The document has no XML signature (ds:Signature): relying parties reject unsigned assertions.');

  let partnerCenter: PartnerCenterVerdict;
  let reason: string;
  if (expired) {
    partnerCenter = 'expired';
    reason = `the assertion ${end!.relative} (NotOnOrAfter ${end!.iso})`;
  } else if (notYetValid) {
    partnerCenter = 'not-yet-valid';
    reason = `the assertion is ${start!.relative} (NotBefore ${start!.iso}): rejected until then`;
  } else if (mfa.status === 'present') {
    partnerCenter = 'accept';
    reason = `${mfa.detail}: Entra ID can carry MFA into the access tokens it issues for this sign-in`;
  } else {
    partnerCenter = 'reject-mfa-required';
    reason = `${mfa.detail}: access tokens issued from this sign-in will lack mfa, and Partner Center answers 401 Unauthorized - MFA required`;
  }
  return { partnerCenter, reason, notes, expired, notYetValid };
}
