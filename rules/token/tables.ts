// Reference tables: well-known audiences, Entra directory role template ids, amr values, client types.
import type { AudienceInfo, DirectoryRole } from './types';

interface AudienceEntry {
  name: string;
  partnerCenter?: boolean;
  retired?: boolean;
}

/** Keys are lower-case with trailing slashes removed (see normaliseAudience). */
const AUDIENCES: Record<string, AudienceEntry> = {
  'https://api.partnercenter.microsoft.com': { name: 'Partner Center API', partnerCenter: true },
  'fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd': { name: 'Partner Center API', partnerCenter: true },
  'https://partner.partnercenterapi.microsoftonline.cn': { name: 'Partner Center API (China)', partnerCenter: true },
  'https://api.partnercenter.microsoft-ppe.com': { name: 'Partner Center API (PPE)', partnerCenter: true },
  // Partner API: price sheets, billing reconciliation and other newer Partner Center APIs (app + user only).
  'https://api.partner.microsoft.com': { name: 'Partner API', partnerCenter: true },
  'https://graph.microsoft.com': { name: 'Microsoft Graph' },
  '00000003-0000-0000-c000-000000000000': { name: 'Microsoft Graph' },
  'https://graph.microsoft.us': { name: 'Microsoft Graph (US Government)' },
  'https://microsoftgraph.chinacloudapi.cn': { name: 'Microsoft Graph (China)' },
  'https://management.azure.com': { name: 'Azure Resource Manager' },
  'https://management.core.windows.net': { name: 'Azure Resource Manager (Service Management)' },
  '797f4846-ba00-4fd7-ba43-dac1f8f63013': { name: 'Azure Resource Manager (Service Management)' },
  'https://outlook.office365.com': { name: 'Exchange Online' },
  'https://outlook.office.com': { name: 'Exchange Online' },
  '00000002-0000-0ff1-ce00-000000000000': { name: 'Exchange Online' },
  'https://graph.windows.net': { name: 'Azure AD Graph (deprecated, retired)', retired: true },
  '00000002-0000-0000-c000-000000000000': { name: 'Azure AD Graph (deprecated, retired)', retired: true },
  'urn:federation:microsoftonline': { name: 'Microsoft Entra ID (federation with Microsoft Online)' },
};

export function normaliseAudience(aud: string): string {
  return aud.trim().toLowerCase().replace(/\/+$/, '');
}

export function audienceInfo(aud: string): AudienceInfo {
  const entry = AUDIENCES[normaliseAudience(aud)];
  return {
    value: aud,
    name: entry?.name ?? null,
    partnerCenter: entry?.partnerCenter === true,
    retired: entry?.retired === true,
  };
}

export const GLOBAL_ADMIN_ID = '62e90394-69f5-4237-9190-012177145e10';

/** Entra built-in role template ids (permissions reference); true = labelled privileged. */
const ROLES: Record<string, [string, boolean]> = {
  [GLOBAL_ADMIN_ID]: ['Global Administrator', true],
  'e8611ab8-c189-46e8-94e1-60213ab1f814': ['Privileged Role Administrator', true],
  '7be44c8a-adaf-4e2a-84d6-ab2649e08a13': ['Privileged Authentication Administrator', true],
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3': ['Application Administrator', true],
  'cf1c38e5-3621-4004-a7cb-879624dced7c': ['Application Developer', true],
  '158c047a-c907-4556-b7ef-446551a6b5f7': ['Cloud Application Administrator', true],
  'fe930be7-5e62-47db-91af-98c3a49a38b1': ['User Administrator', true],
  'c4e39bd9-1100-46d3-8c65-fb160da0071f': ['Authentication Administrator', true],
  'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9': ['Conditional Access Administrator', true],
  '194ae4cb-b126-40b2-bd5b-6091b380977d': ['Security Administrator', true],
  '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f': ['Security Operator', true],
  '5d6b6bb7-de71-4623-b4af-96380a352509': ['Security Reader', true],
  '3a2c62db-5318-420d-8d74-23affee5d9d5': ['Intune Administrator', true],
  '7698a772-787b-4ac8-901f-60d6b08affd2': ['Cloud Device Administrator', true],
  '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2': ['Hybrid Identity Administrator', true],
  '729827e3-9c14-49f7-bb1b-9608f156bbb8': ['Helpdesk Administrator', true],
  '966707d0-3269-4727-9be2-8c3a10f19b9d': ['Password Administrator', true],
  '9360feb5-f418-4baa-8175-e2a00bac4301': ['Directory Writers', true],
  '8329153b-31d0-4727-b945-745eb3bc5f31': ['Domain Name Administrator', true],
  'be2f45a1-457d-42af-a067-6ec1fa63bc45': ['External Identity Provider Administrator', true],
  'f2ef992c-3afb-46b9-b7cf-a126ee74c451': ['Global Reader', true],
  '4ba39ca4-527c-499a-b93d-d9b492c50246': ['Partner Tier1 Support', true],
  'e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8': ['Partner Tier2 Support', true],
  '29232cdf-9323-42fd-ade2-1d097af3e4de': ['Exchange Administrator', false],
  'f28a1f50-f6e7-4571-818b-6a12f2af6b6c': ['SharePoint Administrator', false],
  '69091246-20e8-4a56-aa4d-066075b2a7a8': ['Teams Administrator', false],
  'b0f54661-2d74-4c50-afa3-1ec803f12efe': ['Billing Administrator', false],
  '4d6ac14f-3453-41d0-bef9-a3e0c569773a': ['License Administrator', false],
  'fdd7a751-b60b-444a-984c-02652fe8fa1c': ['Groups Administrator', false],
  'f023fd81-a637-4b56-95fd-791ac0226033': ['Service Support Administrator', false],
  '4a5d8f65-41da-4de4-8968-e035b65339cf': ['Reports Reader', false],
  '88d8e3e3-8f55-4a1e-953a-9b9898b8876b': ['Directory Readers', false],
  'd29b2b05-8046-44ba-8758-1e26182fcf32': ['Directory Synchronization Accounts', false],
  '10dae51f-b6af-4016-8d66-8c2a99b929b3': ['Guest User', false],
  'b79fbf4d-3ef9-4689-8143-76b194e85509': ['Default member (User)', false],
};

export function directoryRole(id: string): DirectoryRole {
  const entry = ROLES[id.trim().toLowerCase()];
  return { id, name: entry ? entry[0] : null, privileged: entry ? entry[1] : false };
}

/** amr values: Microsoft's documented list plus the RFC 8176 / IANA registry. */
export const AMR_VALUES: Record<string, string> = {
  pwd: 'password (a user password, or a client secret for an app)',
  rsa: 'RSA key proof (e.g. Microsoft Authenticator, Windows Hello, certificate)',
  otp: 'one-time passcode (email or text message)',
  fed: 'federated identity provider assertion',
  wia: 'Windows integrated authentication',
  mfa: 'multi-factor authentication',
  ngcmfa: 'MFA-equivalent credential (advanced credential provisioning)',
  wiaormfa: 'Windows integrated authentication or MFA',
  none: 'no completed authentication',
  face: 'facial biometrics',
  fpt: 'fingerprint biometrics',
  geo: 'geolocation',
  hwk: 'hardware-secured key',
  iris: 'iris scan',
  kba: 'knowledge-based authentication',
  mca: 'multiple-channel authentication',
  pin: 'PIN',
  rba: 'risk-based authentication',
  retina: 'retina scan',
  sc: 'smart card',
  sms: 'SMS confirmation',
  swk: 'software-secured key',
  tel: 'telephone call confirmation',
  user: 'user presence test',
  vbm: 'voice biometrics',
  pop: 'proof of possession of a key',
};

export const CLIENT_TYPES: Record<string, string> = {
  '0': 'public client',
  '1': 'confidential client (secret)',
  '2': 'confidential client (certificate)',
};

export const MSA_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';
