// One-line explanations of JWT claims and SAML attributes, with value-aware details.
import { AMR_VALUES, CLIENT_TYPES, MSA_TENANT_ID, audienceInfo, directoryRole } from './tables';
import { timeInfo } from './time';
import type { ClaimInfo } from './types';

export const UNKNOWN_CLAIM = 'not a documented Microsoft identity platform claim';

const CLAIMS: Record<string, string> = {
  aud: 'Audience: the API (resource) the token is for',
  iss: 'Issuer: the token service that minted the token, and its tenant',
  iat: 'Issued at',
  nbf: 'Not valid before',
  exp: 'Expires at',
  aio: 'Internal Entra ID claim used to reuse tokens; ignore it',
  acr: 'Authentication context class (v1 only): 0 = did not meet ISO/IEC 29115, 1 = met it',
  acrs: 'Conditional Access authentication context ids the user satisfied',
  amr: 'Authentication methods of the sign-in (v1 only); Partner Center looks for mfa here',
  appid: 'Client (application) id of the app that requested the token (v1)',
  appidacr: 'How the client app authenticated (v1): 0 public client, 1 client secret, 2 certificate',
  azp: 'Client (application) id of the app that requested the token (v2)',
  azpacr: 'How the client app authenticated (v2): 0 public client, 1 client secret, 2 certificate',
  idp: 'Identity provider that authenticated the subject (differs from the issuer for guests)',
  idtyp: 'Token type (optional claim): app = app-only, user = app + user',
  ipaddr: 'IP address the user signed in from',
  name: 'Display name of the user',
  oid: 'Object id of the user or service principal in the tenant',
  puid: 'Legacy internal Microsoft user id',
  rh: 'Internal Entra ID claim used to revalidate tokens; ignore it',
  scp: 'Delegated permissions (scopes) granted to the app for the user; app + user tokens only',
  roles: 'App roles: application permissions (app-only) or app roles assigned to the user',
  sub: 'Subject: the principal, pairwise per application',
  tid: 'Tenant the user or app signed in to',
  unique_name: 'Human-readable user name (v1)',
  upn: 'User principal name (v1)',
  preferred_username: 'Preferred user name (v2; needs the profile scope)',
  uti: 'Token identifier (internal, used for revocation)',
  ver: 'Token version, chosen by the resource (not by the endpoint used)',
  wids: 'Tenant-wide Entra directory roles of the user (role template ids)',
  xms_cc: 'Client capabilities: cp1 = the client handles claims challenges (CAE)',
  xms_tcdt: 'Tenant creation time (Unix seconds)',
  xms_pdl: 'Preferred data location of the user (multi-geo)',
  xms_pl: 'Preferred language of the user',
  xms_tpl: 'Preferred language of the tenant',
  family_name: 'Last name of the user',
  given_name: 'First name of the user',
  onprem_sid: 'On-premises security identifier of a synchronised user',
  deviceid: 'Id of the device the user signed in from',
  auth_time: 'Last authentication of the user',
  nonce: 'Nonce from the sign-in request (ID tokens; replay protection)',
  email: 'Email address of the user, when it has one',
  groups: 'Object ids of the groups the user belongs to',
  hasgroups: 'The user is in too many groups to list them; query Microsoft Graph',
  _claim_names: 'Group overage: the groups claim is too large and must be read from Microsoft Graph',
  _claim_sources: 'Group overage: where to fetch the groups claim',
  sid: 'Session id of the sign-in',
  ctry: 'Country or region of the user (two-letter code)',
  tenant_ctry: 'Country or region of the tenant',
  tenant_region_scope: 'Region of the tenant',
  pwd_exp: 'Seconds until the user password expires (v1)',
  pwd_url: 'URL where the user can reset the password (v1)',
  in_corp: 'The client signed in from the corporate network',
  login_hint: 'Login hint for silent sign-in',
  verified_primary_email: 'Verified primary email address of the user',
  verified_secondary_email: 'Verified secondary email addresses of the user',
  signin_state: 'Sign-in state (e.g. device managed, in corporate network)',
  altsecid: 'Alternate security id (guests and external accounts)',
  fwd: 'IP address the request was forwarded from',
  cnf: 'Confirmation key: a proof-of-possession (PoP) token',
  at_hash: 'Access token hash (ID tokens)',
  c_hash: 'Authorization code hash (ID tokens)',
  xms_idrel: 'Relationship of the user to the tenant (member or guest)',
  xms_ftd: 'Internal Entra ID claim (front-door routing); ignore it',
  xms_mirid: 'Resource id of the managed identity that requested the token',
  xms_act_fct: 'Actor facets (internal)',
  xms_sub_fct: 'Subject facets (internal)',
  xms_st: 'Subject type (internal)',
  xms_az_rid: 'Azure resource id of the managed identity',
  xms_az_nwperimid: 'Network perimeter id (Azure)',
  wsl: 'Internal Entra ID claim',
};

const SAML_CLAIMS: Record<string, string> = {
  'http://schemas.microsoft.com/claims/authnmethodsreferences': 'Authentication methods of the sign-in (the SAML form of amr); MFA shows as multipleauthn',
  'http://schemas.microsoft.com/ws/2008/06/identity/claims/authenticationmethod': 'Authentication method the identity provider used',
  'http://schemas.microsoft.com/ws/2008/06/identity/claims/authenticationinstant': 'Time of the first-factor authentication',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn': 'User principal name',
  'http://schemas.xmlsoap.org/claims/upn': 'User principal name (AD FS)',
  'http://schemas.microsoft.com/ws/2012/01/insidecorporatenetwork': 'The user signed in from inside the corporate network',
  'http://schemas.microsoft.com/2012/01/requestcontext/claims/x-ms-client-ip': 'IP address of the client (AD FS)',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name': 'User name',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': 'Email address of the user',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname': 'First name of the user',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname': 'Last name of the user',
  'http://schemas.microsoft.com/identity/claims/tenantid': 'Tenant id',
  'http://schemas.microsoft.com/identity/claims/objectidentifier': 'Object id of the user',
  'http://schemas.microsoft.com/identity/claims/displayname': 'Display name of the user',
  'http://schemas.microsoft.com/identity/claims/identityprovider': 'Identity provider that authenticated the user',
  'http://schemas.microsoft.com/liveid/federation/2008/05/immutableid': 'Immutable id (source anchor) of a federated user',
  'http://schemas.microsoft.com/ws/2008/06/identity/claims/role': 'Role of the user',
  'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups': 'Groups of the user',
};

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => String(v));
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  return [];
}

export function describeAmrValue(v: string): string {
  return AMR_VALUES[v] ?? 'not a documented amr value';
}

function detail(name: string, value: unknown, nowSeconds: number): string | null {
  switch (name) {
    case 'aud': {
      const auds = list(value).map((a) => audienceInfo(a).name).filter((n): n is string => n !== null);
      return auds.length ? auds.join(', ') : 'not a well-known Microsoft API';
    }
    case 'iat': case 'nbf': case 'exp': case 'auth_time': case 'xms_tcdt': {
      const t = timeInfo(name, value, nowSeconds);
      return t.iso ? `${t.iso}, ${t.relative}` : t.relative;
    }
    case 'amr':
      return list(value).map((v) => `${v} = ${describeAmrValue(v)}`).join('; ') || 'empty';
    case 'appidacr': case 'azpacr':
      return CLIENT_TYPES[String(value)] ?? 'unknown value';
    case 'ver':
      return String(value) === '2.0' ? 'v2.0 (no amr/acr claims)' : String(value) === '1.0' ? 'v1.0' : 'unknown version';
    case 'idtyp':
      return value === 'app' ? 'app-only token' : value === 'user' ? 'app + user token' : null;
    case 'tid':
      return value === MSA_TENANT_ID ? 'the personal Microsoft account (consumer) tenant' : null;
    case 'acr':
      return String(value) === '0' ? 'did not meet ISO/IEC 29115' : String(value) === '1' ? 'met ISO/IEC 29115' : null;
    case 'wids':
      return list(value).map((id) => directoryRole(id).name ?? 'unknown role').join(', ') || null;
    default:
      return null;
  }
}

export function explainClaim(name: string, value: unknown, nowSeconds: number): ClaimInfo {
  const base = CLAIMS[name];
  if (base === undefined) return { name, value, explanation: UNKNOWN_CLAIM, known: false };
  const extra = detail(name, value, nowSeconds);
  return { name, value, explanation: extra ? `${base}: ${extra}` : base, known: true };
}

export function explainSamlAttribute(name: string, values: string[]): ClaimInfo {
  const base = SAML_CLAIMS[name.toLowerCase()];
  const value = values.length === 1 ? values[0] : values;
  return base === undefined
    ? { name, value, explanation: UNKNOWN_CLAIM, known: false }
    : { name, value, explanation: base, known: true };
}

export function claimList(payload: Record<string, unknown>, nowSeconds: number): ClaimInfo[] {
  return Object.keys(payload).map((k) => explainClaim(k, payload[k], nowSeconds));
}
