// The refresh-token side of the Secure Application Model shared by quick fixes: the delegated Partner
// Center scope an exchange asks for, and the statement that persists a rotated refresh token where the
// next run reads it from (Key Vault, or for PowerShell the Windows user environment).
import type { LanguageId } from '../model/types';
import type { SecretStore } from '../engine/types';
import { writeSecret, type Snippet } from './store';

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
 * reads the new token; undefined where code cannot persist to that store. Key Vault: the store's write
 * (`Set-AzKeyVaultSecret`, `SetSecret`, `set_secret`, `setSecret`). Environment variables: none. A process
 * environment variable dies with the process; the Windows user environment
 * (`[Environment]::SetEnvironmentVariable(…, 'User')`) keeps the token in clear in the registry, .NET ignores
 * that target on Linux and macOS (pwsh on a Linux runner, Azure Automation's Linux workers), and a pipeline
 * secret or app setting cannot be written this way: the caller says where to persist it instead.
 */
export function persistRefreshToken(language: LanguageId, store: SecretStore, name: string, valueCode: string): Snippet | undefined {
  if (store.kind === 'keyVault') return writeSecret(language === 'yaml' ? 'powershell' : language, store, name, valueCode);
  return undefined;
}
