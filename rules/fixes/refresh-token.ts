// The refresh-token side of the Secure Application Model shared by quick fixes: the delegated Partner
// Center scope an exchange asks for, and the statement that persists a rotated refresh token where the
// next run reads it from (Key Vault, or for PowerShell the Windows user environment).
import type { LanguageId } from '../model/types';
import type { SecretStore } from '../engine/types';
import { envName, writeSecret, type Snippet } from './store';

export const PC_USER_SCOPE = 'https://api.partnercenter.microsoft.com/user_impersonation';

/** The default name of the stored refresh token (`PARTNER_REFRESH_TOKEN`, Key Vault `PartnerRefreshToken`). */
export const REFRESH_TOKEN_NAME = 'PARTNER_REFRESH_TOKEN';

const APP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The delegated (app + user) scope of the resource an app-only request named: `<resource>/user_impersonation`.
 * The Partner Center application id becomes the public resource URI; other hosts (China, PPE) keep theirs.
 */
export function userImpersonationScope(resource: string): string {
  const r = resource.trim().replace(/\/+$/, '');
  if (!r || APP_ID.test(r)) return PC_USER_SCOPE;
  return `${r}/user_impersonation`;
}

/**
 * A statement that persists the rotated refresh token `valueCode` as `name` in `store`, so the next run
 * reads the new token; undefined where the language cannot persist to that store from code. Key Vault:
 * the store's write (`Set-AzKeyVaultSecret`, `SetSecret`, `set_secret`, `setSecret`). Environment
 * variables: only PowerShell persists one, in the Windows user environment
 * (`[Environment]::SetEnvironmentVariable(…, 'User')`, which the next PowerShell session reads as
 * `$env:NAME`); a process environment variable set by Python, Node.js, Java or C# dies with the process,
 * and .NET ignores the User target on Linux and macOS, so a C# service would silently lose the token.
 */
export function persistRefreshToken(language: LanguageId, store: SecretStore, name: string, valueCode: string): Snippet | undefined {
  if (store.kind === 'keyVault') return writeSecret(language === 'yaml' ? 'powershell' : language, store, name, valueCode);
  if (language === 'powershell') return { code: `[Environment]::SetEnvironmentVariable('${envName(name)}', ${valueCode}, 'User')`, imports: [] };
  return undefined;
}
