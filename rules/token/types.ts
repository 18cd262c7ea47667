// Data types of a token inspection report (JWT, SAML assertion or unreadable input).

export type InputKind = 'jwt' | 'saml' | 'invalid';
export type MfaStatus = 'present' | 'absent' | 'unverifiable';
export type TokenKind = 'app+user' | 'app-only';
export type PartnerCenterVerdict =
  | 'accept'
  | 'reject-mfa-required'
  | 'app-only'
  | 'wrong-audience'
  | 'expired'
  | 'not-yet-valid'
  | 'not-a-token';

/** Why an input could not be read as a token. */
export type TokenErrorCode =
  | 'empty'
  | 'not-a-token'
  | 'jwe'
  | 'opaque-msa'
  | 'refresh-token'
  | 'bad-base64'
  | 'bad-json'
  | 'truncated'
  | 'bad-token-response'
  | 'saml-encrypted'
  | 'saml-unreadable'
  | 'internal';

/** How the input was wrapped when it was pasted. */
export type InputForm =
  | 'compact'
  | 'bearer'
  | 'authorization-header'
  | 'token-response'
  | 'url-parameter'
  | 'saml-xml'
  | 'saml-base64'
  | 'saml-form-post'
  | 'unknown';

export interface TokenError {
  code: TokenErrorCode;
  message: string;
}

export interface ClaimInfo {
  name: string;
  value: unknown;
  explanation: string;
  /** false for claims that are not documented Microsoft identity platform claims. */
  known: boolean;
}

export interface TimeInfo {
  name: string;
  /** Unix seconds, or null when the value is not a usable time. */
  epoch: number | null;
  /** UTC ISO 8601 without milliseconds, e.g. 2025-01-01T10:00:00Z. */
  iso: string | null;
  /** Relative to `now`, e.g. "expired 3 hours ago", "expires in 52 minutes". */
  relative: string;
}

export interface AudienceInfo {
  value: string;
  /** Friendly name of a well-known Microsoft resource, or null. */
  name: string | null;
  partnerCenter: boolean;
  retired: boolean;
}

export interface DirectoryRole {
  id: string;
  name: string | null;
  privileged: boolean;
}

export interface ClientInfo {
  /** appid (v1) or azp (v2). */
  id: string | null;
  /** appidacr (v1) or azpacr (v2): '0' public, '1' secret, '2' certificate. */
  authClass: string | null;
  /** 'public client' | 'confidential client (secret)' | 'confidential client (certificate)' | null */
  type: string | null;
}

export interface SamlAttribute {
  name: string;
  values: string[];
}

export interface SamlInfo {
  version: '1.0' | '1.1' | '2.0' | null;
  /** Outermost element: Assertion, Response or RequestSecurityTokenResponse. */
  container: string;
  issuer: string | null;
  subject: string | null;
  audiences: string[];
  notBefore: string | null;
  notOnOrAfter: string | null;
  /** AuthenticationMethod (1.1) / AuthnContextClassRef (2.0) values. */
  statementMethods: string[];
  attributes: SamlAttribute[];
  signed: boolean;
}

export interface TokenReport {
  input: InputKind;
  form: InputForm;
  /** At most the first 8 characters of the token plus an ellipsis; never the whole token. */
  tokenId: string | null;
  error: TokenError | null;
  /** Decoded JOSE header (JWT or JWE); never the signature. */
  header: Record<string, unknown> | null;
  claims: ClaimInfo[];
  version: '1.0' | '2.0' | null;
  kind: TokenKind | null;
  client: ClientInfo | null;
  audience: AudienceInfo | null;
  issuer: string | null;
  tenant: string | null;
  user: string | null;
  scopes: string[];
  roles: string[];
  directoryRoles: DirectoryRole[];
  times: TimeInfo[];
  expired: boolean;
  notYetValid: boolean;
  mfa: MfaStatus;
  mfaDetail: string;
  /** amr values (JWT) or authentication method URIs (SAML). */
  authMethods: string[];
  partnerCenter: PartnerCenterVerdict;
  verdictReason: string;
  notes: string[];
  saml: SamlInfo | null;
}

export interface InspectOptions {
  now?: Date;
}
