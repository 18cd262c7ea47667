// Where a value comes from: a literal in the file, the environment, a secret store, a prompt, a parameter.
// Shared by the rules that must tell a hard-coded secret from one read at run time.
import type { Call, Expr, StringExpr } from '../model/types';
import type { RuleContext } from '../engine/types';

export type Source = 'literal' | 'environment' | 'secret-store' | 'prompt' | 'parameter' | 'configuration' | 'unknown';

const ENV_CALLS = /^(GetEnvironmentVariable|getenv|Getenv|getEnv|get_env|env|Get-ChildItem)$/;
const STORE_CALLS = /^(Get-AzKeyVaultSecret|Get-AzureKeyVaultSecret|Get-Secret|Get-StoredCredential|Get-AutomationVariable|Get-AutomationPSCredential|GetSecret|GetSecretAsync|get_secret|getSecret|GetSecretValue|get_secret_value|getSecretValue|GetValue|Unprotect|Decrypt|ConvertFrom-SecureString|Get-PnPStoredCredential|getPassword)$/;
const PROMPT_CALLS = /^(Read-Host|Get-Credential|getpass|input|prompt|ReadLine|readLine|readPassword|question)$/;
const CONFIG_CALLS = /^(GetValue|GetSection|GetConnectionString|getProperty|get|Get|require|getString|getValue|read_config|config)$/;

/** Classify the origin of `e` (following variables within the file). */
export function sourceOf(ctx: RuleContext, e: Expr | undefined, depth = 0): Source {
  if (!e || depth > 8) return 'unknown';
  switch (e.kind) {
    case 'string':
      return 'literal';
    case 'concat': {
      const parts = e.parts.map((p) => sourceOf(ctx, p, depth + 1));
      if (parts.every((p) => p === 'literal')) return 'literal';
      return parts.find((p) => p !== 'literal') ?? 'unknown';
    }
    case 'name':
      if (/^env:/i.test(e.name)) return 'environment';
      if (e.def) return sourceOf(ctx, e.def, depth + 1);
      return e.isParameter ? 'parameter' : 'unknown';
    case 'member':
    case 'index': {
      const path = e.path.map((s) => s.toLowerCase());
      if (isEnvPath(path)) return 'environment';
      if (/^(configuration|config|settings|appsettings|_configuration|_config|options)$/.test(path[0] ?? '')) return 'configuration';
      const inner = ctx.deref(e.object);
      if (inner?.kind === 'call') return sourceOf(ctx, inner, depth + 1);
      return 'unknown';
    }
    case 'call':
      return callSource(ctx, e.call, depth);
    default:
      return 'unknown';
  }
}

function isEnvPath(path: string[]): boolean {
  const s = path.join('.');
  return /^(process\.env|os\.environ|environ|env|\$env|system\.getenv|environment)\b/.test(s) || path[0]?.startsWith('env:') === true;
}

function callSource(ctx: RuleContext, call: Call, depth: number): Source {
  const name = call.name;
  if (ENV_CALLS.test(name) || (name === 'get' && isEnvPath(call.callee.slice(0, -1).map((s) => s.toLowerCase())))) return 'environment';
  if (STORE_CALLS.test(name)) return 'secret-store';
  if (PROMPT_CALLS.test(name)) return 'prompt';
  // Wrappers that keep the origin of their argument: ConvertTo-SecureString 'x', 'x'.toCharArray(), SecureString conversions.
  if (/^(ConvertTo-SecureString|toCharArray|getBytes|ToCharArray|encode|strip|trim|Trim|ToString|toString|String|str|AsSecureString|ToSecureString)$/.test(name)) {
    const inner = call.input ?? call.args[0] ?? ctx.arg(call, 'String')?.value ?? call.receiver;
    const viaReceiver = call.args.length === 0 && !call.input && call.receiver ? call.receiver : inner;
    return sourceOf(ctx, viaReceiver, depth + 1);
  }
  if (CONFIG_CALLS.test(name)) return 'configuration';
  return 'unknown';
}

/** The literal string a value comes from (through variables and wrappers such as ConvertTo-SecureString), if any. */
export function literalOf(ctx: RuleContext, e: Expr | undefined, depth = 0): StringExpr | Expr | undefined {
  if (!e || depth > 8) return undefined;
  switch (e.kind) {
    case 'string':
      return e;
    case 'concat':
      return sourceOf(ctx, e) === 'literal' ? e : undefined;
    case 'name':
      return e.def ? literalOf(ctx, e.def, depth + 1) : undefined;
    case 'call': {
      const c = e.call;
      if (/^(ConvertTo-SecureString|toCharArray|getBytes|ToCharArray|encode|AsSecureString|ToSecureString)$/.test(c.name)) {
        if (c.name === 'ConvertTo-SecureString' && !ctx.arg(c, 'AsPlainText')) return undefined;
        const inner = c.input ?? c.args[0] ?? ctx.arg(c, 'String')?.value ?? c.receiver;
        return literalOf(ctx, c.args.length === 0 && !c.input && !ctx.arg(c, 'String') ? c.receiver : inner, depth + 1);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
