// Reading and writing a secret in each language, from the configured secret store
// (`partnerAuthLint.secretStore`: Azure Key Vault or environment variables).
import type { LanguageId } from '../model/types';
import type { SecretStore } from '../engine/types';
import type { ImportNeed } from './imports';
import { lineComment } from './text';

export interface Snippet {
  /** Code text (an expression for reads, a statement for writes). */
  code: string;
  imports: ImportNeed[];
}

/** `PartnerRefreshToken`, `partner_refresh_token`, `partner-refresh-token` -> `PARTNER_REFRESH_TOKEN`. */
export function envName(name: string): string {
  return name
    .replace(/^[$@]/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/** Key Vault secret names allow letters, digits and dashes: `PARTNER_REFRESH_TOKEN` -> `PartnerRefreshToken`. */
export function vaultSecretName(name: string): string {
  return envName(name)
    .toLowerCase()
    .split('_')
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

const vaultUri = (vault: string) => `https://${vault}.vault.azure.net/`;

/** Key Vault in one language: the read of secret `name` (an expression), its write (a statement) and the imports both need. */
function keyVault(language: LanguageId, vaultName: string, name: string): { read: string; write: (valueCode: string) => string; imports: ImportNeed[] } | undefined {
  const secret = vaultSecretName(name);
  const uri = vaultUri(vaultName);
  switch (language) {
    case 'powershell':
      return {
        read: `(Get-AzKeyVaultSecret -VaultName '${vaultName}' -Name '${secret}' -AsPlainText)`,
        write: (v) => `Set-AzKeyVaultSecret -VaultName '${vaultName}' -Name '${secret}' -SecretValue (ConvertTo-SecureString ${v} -AsPlainText -Force) | Out-Null`,
        imports: [],
      };
    case 'csharp': {
      const client = `new SecretClient(new Uri("${uri}"), new DefaultAzureCredential())`;
      return {
        read: `${client}.GetSecret("${secret}").Value.Value`,
        write: (v) => `${client}.SetSecret("${secret}", ${v});`,
        imports: [{ module: 'System' }, { module: 'Azure.Identity' }, { module: 'Azure.Security.KeyVault.Secrets' }],
      };
    }
    case 'python': {
      const client = `SecretClient(vault_url="${uri}", credential=DefaultAzureCredential())`;
      return {
        read: `${client}.get_secret("${secret}").value`,
        write: (v) => `${client}.set_secret("${secret}", ${v})`,
        imports: [{ module: 'azure.identity', names: ['DefaultAzureCredential'] }, { module: 'azure.keyvault.secrets', names: ['SecretClient'] }],
      };
    }
    case 'javascript':
    case 'typescript': {
      const client = `new SecretClient("${uri}", new DefaultAzureCredential())`;
      return {
        read: `(await ${client}.getSecret("${secret}")).value`,
        write: (v) => `await ${client}.setSecret("${secret}", ${v});`,
        imports: [{ module: '@azure/identity', names: ['DefaultAzureCredential'] }, { module: '@azure/keyvault-secrets', names: ['SecretClient'] }],
      };
    }
    case 'java': {
      const client = `new SecretClientBuilder().vaultUrl("${uri}").credential(new DefaultAzureCredentialBuilder().build()).buildClient()`;
      return {
        read: `${client}.getSecret("${secret}").getValue()`,
        write: (v) => `${client}.setSecret("${secret}", ${v});`,
        imports: [{ module: 'com.azure.identity.DefaultAzureCredentialBuilder' }, { module: 'com.azure.security.keyvault.secrets.SecretClientBuilder' }],
      };
    }
    default:
      return undefined;
  }
}

/** An expression that reads the secret `name` (a name derived from the code) at run time. */
export function readSecret(language: LanguageId, store: SecretStore, name: string): Snippet | undefined {
  if (store.kind === 'environment') {
    const env = envName(name);
    switch (language) {
      case 'powershell':
        return { code: `$env:${env}`, imports: [] };
      case 'csharp':
        return { code: `Environment.GetEnvironmentVariable("${env}")`, imports: [{ module: 'System' }] };
      case 'python':
        return { code: `os.environ["${env}"]`, imports: [{ module: 'os' }] };
      case 'javascript':
      case 'typescript':
        return { code: `process.env.${env}`, imports: [] };
      case 'java':
        return { code: `System.getenv("${env}")`, imports: [] };
      default:
        return undefined;
    }
  }
  const kv = keyVault(language, store.vaultName, name);
  return kv && { code: kv.read, imports: kv.imports };
}

/** A statement that stores `valueCode` as the secret `name` (the rotated refresh token's write-back). */
export function writeSecret(language: LanguageId, store: SecretStore, name: string, valueCode: string): Snippet | undefined {
  if (store.kind === 'environment') {
    const env = envName(name);
    const note = `Persist the rotated refresh token: store it where ${env} is read from (a pipeline secret variable or a secret store); it expires after 90 days unused.`;
    const mark = language === 'yaml' ? undefined : lineComment(language);
    return mark && { code: `${mark} TODO: ${note}`, imports: [] };
  }
  const kv = keyVault(language, store.vaultName, name);
  return kv && { code: kv.write(valueCode), imports: kv.imports };
}
