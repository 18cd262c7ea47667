// Fixes that take a stored secret out of code or configuration (`no-stored-credentials`): code reads it
// at run time from the configured secret store; a config file gets the reference its format resolves
// (`${{ secrets.X }}`, `$(X)`, `${X}`) or, where it has none, an empty value plus a comment that says
// where the value comes from instead. Never safe: the secret must be provisioned where it is read from.
import type { Expr, LanguageId, Pair } from '../model/types';
import type { Fix, RuleContext, SecretStore, TextEdit } from '../engine/types';
import type { SecretKind } from '../common/secrets';
import { normKey } from '../common/secrets';
import { isCommand } from '../common/commands';
import { fixWith } from './edits';
import { envName, readSecret, vaultSecretName } from './store';
import { eolOf, indentAt, indentUnit, lineEnd, lineStart, replace } from './text';

export type StoredKind = SecretKind | 'connection string';

export interface StoredSecret {
  /** The literal that holds the secret (a whole string literal, or a config value). */
  literal: Expr;
  kind: StoredKind;
  /** The name the code gives the secret: the variable, field, property or key it is assigned to. */
  name?: string;
  /** The API parameter it is passed as (`-RefreshToken`, `client_credential=`), when it has no name of its own. */
  param?: string;
  /**
   * Names already given to other secrets of this file (environment name -> value), shared by one rule run: two
   * different secrets never end up read from one variable.
   */
  taken?: Map<string, string>;
}

/** Names used when the code gives the secret none (a positional argument, a generic API parameter). */
const KIND_NAMES: Record<StoredKind, string> = {
  'client secret': 'PARTNER_CLIENT_SECRET',
  'refresh token': 'PARTNER_REFRESH_TOKEN',
  'access token': 'PARTNER_ACCESS_TOKEN',
  password: 'SERVICE_ACCOUNT_PASSWORD',
  'API key': 'API_KEY',
  'account key': 'STORAGE_ACCOUNT_KEY',
  secret: 'PARTNER_SECRET',
  'connection string': 'CONNECTION_STRING',
};

/** The kind's name without the `PARTNER_` / `SERVICE_ACCOUNT_` qualifier, for qualifying it with the code's own context. */
const KIND_SHORT: Record<StoredKind, string> = {
  'client secret': 'CLIENT_SECRET',
  'refresh token': 'REFRESH_TOKEN',
  'access token': 'ACCESS_TOKEN',
  password: 'PASSWORD',
  'API key': 'API_KEY',
  'account key': 'ACCOUNT_KEY',
  secret: 'SECRET',
  'connection string': 'CONNECTION_STRING',
};

/** API parameter names that say only what kind of secret they take: the secret's own name is better derived from the kind. */
const GENERIC_PARAM = /^(password|passwd|pass|pwd|pw|secret|clientsecret|clientcredential|credential|credentials|refreshtoken|accesstoken|token|apikey|key|secretvalue|value)$/;

const PLAIN_STORE: SecretStore = { kind: 'environment' };

/** The quick fix for one stored secret, or none when no clean edit exists. Always a suggestion (not safe); preferred. */
export function storedSecretFixes(ctx: RuleContext, s: StoredSecret): Fix[] {
  const store = ctx.options.secretStore ?? PLAIN_STORE;
  let fix: Fix | undefined;
  switch (ctx.language) {
    case 'json':
      fix = jsonFix(ctx, s, store);
      break;
    case 'xml':
      fix = xmlFix(ctx, s, store);
      break;
    case 'yaml':
      fix = embeddedScript(ctx, s.literal) ? embeddedPowerShellFix(ctx, s, store) : yamlFix(ctx, s, store);
      break;
    case 'dotenv':
      fix = dotenvFix(ctx, s, store);
      break;
    case 'properties':
      fix = propertiesFix(ctx, s, store);
      break;
    default:
      fix = codeFix(ctx, ctx.language, s, store)?.fix;
  }
  return fix ? [fix] : [];
}

// ---------------------------------------------------------------------------------------------
// Names

/** The name the secret goes by: the code's own (`ida:CSPApplicationSecret` -> `CSP_ApplicationSecret`), else one for its kind. */
export function secretName(s: Pick<StoredSecret, 'kind' | 'name' | 'param'>): string {
  const own = s.name ?? (s.param && !GENERIC_PARAM.test(normKey(s.param)) ? s.param : undefined);
  if (!own) return KIND_NAMES[s.kind];
  const base = own
    .replace(/^[$@]/, '')
    .replace(/^[A-Za-z]+:(?=.)/, '') // `ida:`, `env:`
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2'); // `CSPApplication` -> `CSP_Application`
  if (/^(pass|pwd|passwd|pw)$/i.test(base)) return 'PASSWORD';
  if (s.kind === 'connection string' && /^(conn|connstr|connstring|cs|cstr)$/i.test(base)) return 'CONNECTION_STRING';
  return envName(base) ? base : KIND_NAMES[s.kind];
}

const LABEL: Record<StoredKind, string> = {
  'client secret': 'client secret',
  'refresh token': 'refresh token',
  'access token': 'access token',
  password: 'password',
  'API key': 'API key',
  'account key': 'account key',
  secret: 'secret',
  'connection string': 'connection string',
};

// ---------------------------------------------------------------------------------------------
// Code: replace the literal with a read from the secret store

interface CodeFix {
  fix: Fix;
  /** The environment variable the code now reads, when it reads one. */
  env?: string;
}

function codeFix(ctx: RuleContext, language: LanguageId, s: StoredSecret, configured: SecretStore): CodeFix | undefined {
  const text = ctx.model.text;
  const lit = s.literal;
  const src = text.slice(lit.range.start, lit.range.end);
  if (!isWholeLiteral(src)) return undefined; // a value inside a larger string (a form body): no clean edit
  const value = ctx.value(lit) ?? '';
  // An access token lives an hour: an earlier step mints it and hands it over in a (secret) variable, never Key Vault.
  let store = s.kind === 'access token' ? PLAIN_STORE : configured;
  // JS/TS read Key Vault with `await`: only inside an async function; elsewhere read the environment.
  if (store.kind === 'keyVault' && (language === 'javascript' || language === 'typescript') && !canAwait(ctx, lit.range.start)) store = PLAIN_STORE;
  // `$env:X = '…'` with the environment store: the variable is what must be provisioned; nothing to read it from.
  if (assignsTo(ctx, lit, readSecret(language, store, secretName(s))?.code)) return undefined;
  const name = uniqueName(ctx, language, store, s, value);
  const read = readSecret(language, store, name);
  if (!read) return undefined;
  s.taken?.set(envName(name), value);
  // TypeScript types both reads `string | undefined`: the fix states that the secret is provisioned.
  let code = language === 'typescript' ? `${read.code}!` : read.code;
  const bearer = s.kind === 'access token' && /^Bearer\s+\S+$/i.exec(value.trim()) ? /^Bearer\s+/i.exec(value.trim())![0] : undefined;
  if (bearer) {
    if (language === 'powershell') code = `"${bearer}${code}"`;
    else {
      const q = /^[@$a-zA-Z]{0,3}(["'`])/.exec(src)![1] === "'" && (language === 'javascript' || language === 'typescript' || language === 'python') ? "'" : '"';
      code = `${q}${bearer}${q} + ${code}`;
      if (/^\s*[.[(]/.test(text.slice(lit.range.end, lit.range.end + 20))) code = `(${code})`;
    }
  }
  const edits: TextEdit[] = [secureStringEdit(ctx, language, store, name, lit) ?? replace(lit.range, code), ...constEdits(ctx, language, lit)];
  const where = store.kind === 'keyVault' ? `Key Vault (secret ${vaultSecretName(name)})` : `the environment variable ${envName(name)}`;
  return {
    fix: fixWith(ctx.model, `Read the ${LABEL[s.kind]} from ${where}`, edits, read.imports, { preferred: true }),
    env: store.kind === 'environment' ? envName(name) : undefined,
  };
}

/**
 * The secret's name, made unique: a name is taken when another secret of the file was given it for a different
 * value, or when the file already reads it (so applying one fix never makes another read the same variable).
 * A taken name is qualified by its container (`auth.clientSecret` -> `auth_clientSecret`, `legacy = new
 * ClientCredential(…)` -> `legacy_CLIENT_SECRET`), then numbered.
 */
function uniqueName(ctx: RuleContext, language: LanguageId, store: SecretStore, s: StoredSecret, value: string): string {
  const text = ctx.model.text;
  const taken = (name: string) => {
    const other = s.taken?.get(envName(name));
    if (other !== undefined && other !== value) return true;
    const code = readSecret(language, store, name)?.code;
    return !!code && new RegExp(`${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(text);
  };
  const base = secretName(s);
  if (!taken(base)) return base;
  const owner = containerName(ctx, s.literal);
  const candidates: string[] = [];
  if (owner && !envName(base).startsWith(`${envName(owner)}_`)) candidates.push(`${owner}_${base === KIND_NAMES[s.kind] ? KIND_SHORT[s.kind] : base}`);
  for (let i = 2; i < 100; i++) candidates.push(`${base}_${i}`);
  return candidates.find((c) => !taken(c)) ?? base;
}

/** What contains the literal: the parent key of its pair (`auth` in `auth: { clientSecret }`), else the variable its expression is assigned to. */
function containerName(ctx: RuleContext, lit: Expr): string | undefined {
  const pair = pairOf(ctx, lit);
  if (pair && pair.path.length > 1) return pair.path[pair.path.length - 2];
  const holder = ctx.assignments
    .filter((a) => a.value.range.start <= lit.range.start && lit.range.end <= a.value.range.end && !(a.value.range.start === lit.range.start && a.value.range.end === lit.range.end))
    .sort((a, b) => a.value.range.end - a.value.range.start - (b.value.range.end - b.value.range.start))[0];
  return holder?.target[holder.target.length - 1];
}

/** A whole string literal in the source: quotes at both ends (after a prefix such as `@`, `$`, `f`, `r`), or a PowerShell here-string. */
function isWholeLiteral(src: string): boolean {
  const open = /^[@$a-zA-Z]{0,3}(["'`])/.exec(src);
  return !!open && src.length >= 2 && (/["'`]$/.test(src) || /^@["'][\s\S]*["']@$/.test(src));
}

/** True when the literal is assigned to exactly what `code` reads (`$env:X = '…'`, `os.environ["X"] = "…"`). */
function assignsTo(ctx: RuleContext, lit: Expr, code: string | undefined): boolean {
  if (!code) return false;
  const squash = (t: string) => t.replace(/\s+/g, '').replace(/'/g, '"');
  return ctx.assignments.some((a) => a.value.range.start === lit.range.start && a.value.range.end === lit.range.end && squash(ctx.text(a.targetRange)) === squash(code));
}

/**
 * PowerShell with Key Vault: `ConvertTo-SecureString '…' -AsPlainText -Force` becomes the vault's SecureString,
 * `(Get-AzKeyVaultSecret -VaultName … -Name …).SecretValue`, instead of a plain-text round trip.
 */
function secureStringEdit(ctx: RuleContext, language: LanguageId, store: SecretStore, name: string, lit: Expr): TextEdit | undefined {
  if (language !== 'powershell' || store.kind !== 'keyVault') return undefined;
  const same = (e: Expr | undefined) => !!e && e.range.start === lit.range.start && e.range.end === lit.range.end;
  const call = ctx.calls.find((c) => isCommand(c, 'ConvertTo-SecureString') && !c.input && (same(c.args[0]) || same(ctx.arg(c, 'String')?.value)));
  if (!call) return undefined;
  const end = call.range.start + ctx.text(call.range).trimEnd().length;
  return replace({ start: call.range.start, end }, `(Get-AzKeyVaultSecret -VaultName '${store.vaultName}' -Name '${vaultSecretName(name)}').SecretValue`);
}

/** C# `const` cannot hold a value read at run time: a const field becomes `static readonly`, a local const a plain local. */
function constEdits(ctx: RuleContext, language: LanguageId, lit: Expr): TextEdit[] {
  if (language !== 'csharp') return [];
  const a = ctx.assignments.find((x) => x.isConst && x.value.range.start <= lit.range.start && lit.range.end <= x.value.range.end);
  if (!a) return [];
  const text = ctx.model.text;
  const from = Math.max(text.lastIndexOf(';', a.range.start - 1), text.lastIndexOf('{', a.range.start - 1), text.lastIndexOf('}', a.range.start - 1)) + 1;
  const m = /\bconst\s+/.exec(text.slice(from, a.range.start));
  if (!m) return [];
  const at = from + m.index;
  const scope = innermostScope(ctx, a.range.start);
  const typeBody = scope !== undefined && text[scope.range.start] === '{';
  return [typeBody ? replace({ start: at, end: at + 'const'.length }, 'static readonly') : replace({ start: at, end: at + m[0].length }, '')];
}

function innermostScope(ctx: RuleContext, offset: number) {
  return ctx.model.scopes.filter((s) => s.range.start <= offset && offset < s.range.end).sort((a, b) => a.range.end - a.range.start - (b.range.end - b.range.start))[0];
}

/** Inside an async function (`await` allowed): the innermost function scope starts with `async` (after modifiers). */
function canAwait(ctx: RuleContext, offset: number): boolean {
  const scope = innermostScope(ctx, offset);
  if (!scope) return false;
  return /^(?:(?:export|default|public|private|protected|static|override)\s+)*async\b/.test(ctx.model.text.slice(scope.range.start, scope.range.start + 80));
}

// ---------------------------------------------------------------------------------------------
// Config files: shared helpers

/** The config pair whose value is the literal (for XML `<add key=… value=…>`, the entry named by its key). */
function pairOf(ctx: RuleContext, lit: Expr): Pair | undefined {
  return ctx.model.pairs
    .filter((p) => p.value === lit || (p.value.range.start === lit.range.start && p.value.range.end === lit.range.end))
    .sort((a, b) => b.range.end - b.range.start - (a.range.end - a.range.start))[0];
}

/** A comment line inserted before the line holding `offset`, at that line's indentation. */
function commentBefore(text: string, offset: number, comment: string): TextEdit {
  const at = lineStart(text, offset);
  return { range: { start: at, end: at }, text: indentAt(text, offset) + comment + eolOf(text) };
}

function sourceOf(ctx: RuleContext, e: Expr): string {
  return ctx.model.text.slice(e.range.start, e.range.end);
}

const kvUri = (vault: string, secret: string) => `https://${vault}.vault.azure.net/secrets/${secret}/`;

// ---------------------------------------------------------------------------------------------
// JSON (appsettings.json and friends)

/**
 * .NET configuration reads JSON with comments allowed, and environment variables override it (`AzureAd__ClientSecret`
 * for `AzureAd:ClientSecret`). A `@Microsoft.KeyVault(…)` reference is resolved only in App Service settings, not in
 * the file, so the file gets an empty value and a comment naming the setting (and its Key Vault reference).
 */
function jsonFix(ctx: RuleContext, s: StoredSecret, store: SecretStore): Fix | undefined {
  const pair = pairOf(ctx, s.literal);
  const src = sourceOf(ctx, s.literal);
  if (!pair || !src.startsWith('"')) return undefined;
  const text = ctx.model.text;
  const top = new Set(ctx.model.pairs.filter((p) => p.path.length === 1).map((p) => p.key));
  const functions = /(^|[\\/])local\.settings\.json$/i.test(ctx.fileName) || top.has('IsEncrypted');
  const dotnet = functions || /(^|[\\/])appsettings(\.[\w-]+)?\.json$/i.test(ctx.fileName) || ['ConnectionStrings', 'Logging', 'AllowedHosts', 'AzureAd', 'Kestrel'].some((k) => top.has(k));
  const comments = dotnet || ctx.comments.length > 0 || /\.jsonc$/i.test(ctx.fileName);
  const path = pair.path.length ? pair.path : [pair.key];
  // Azure Functions' `Values` become app settings under their own names.
  const setting = functions && path[0] === 'Values' && path.length > 1 ? path.slice(1) : path;
  const label = LABEL[s.kind];
  const edits: TextEdit[] = [replace(s.literal.range, '""')];
  let title: string;
  if (dotnet) {
    const key = setting.join(':');
    const envVar = setting.join('__');
    if (store.kind === 'keyVault') {
      const secret = setting.map((p) => p.replace(/[^A-Za-z0-9-]+/g, '-')).join('--');
      title = `Move the ${label} to Key Vault secret ${secret} (App Service Key Vault reference)`;
      edits.push(commentBefore(text, pair.range.start, `// ${key}: set the App Service setting ${envVar} to @Microsoft.KeyVault(SecretUri=${kvUri(store.vaultName, secret)})`));
    } else {
      title = `Move the ${label} to the environment variable ${envVar}`;
      edits.push(commentBefore(text, pair.range.start, `// ${key}: set from the environment variable ${envVar} (a pipeline secret or App Service setting); never commit its value.`));
    }
  } else {
    const name = secretName({ kind: s.kind, name: pair.key });
    title = `Remove the ${label} from the file (set ${pair.key} at deploy time)`;
    if (comments) edits.push(commentBefore(text, pair.range.start, `// ${pair.key}: ${deployNote(store, name)}`));
  }
  return fixWith(ctx.model, title, edits, [], { preferred: true });
}

/** Where a value left empty in a file comes from. */
function deployNote(store: SecretStore, name: string): string {
  return store.kind === 'keyVault'
    ? `set at deploy time from Key Vault ${store.vaultName}, secret ${vaultSecretName(name)}; never commit its value.`
    : `set at deploy time from a pipeline secret variable (${envName(name)}); never commit its value.`;
}

// ---------------------------------------------------------------------------------------------
// XML (web.config / app.config)

/**
 * App Service application settings and connection strings override `<appSettings>` and `<connectionStrings>`
 * entries of the same name, and may be Key Vault references; other attributes are set at deploy time.
 */
function xmlFix(ctx: RuleContext, s: StoredSecret, store: SecretStore): Fix | undefined {
  const pair = pairOf(ctx, s.literal);
  if (!pair) return undefined;
  const text = ctx.model.text;
  const src = sourceOf(ctx, s.literal);
  const quote = src[0] === '"' || src[0] === "'" ? src[0] : '';
  const edits: TextEdit[] = [replace(s.literal.range, quote + quote)];
  const section = pair.path[pair.path.length - 2];
  const label = LABEL[s.kind];
  const xmlSafe = (t: string) => t.replace(/-{2,}/g, '-');
  let title: string;
  let comment: string;
  if (section === 'appSettings' || section === 'connectionStrings') {
    const what = section === 'appSettings' ? 'application setting' : 'connection string';
    const secret = vaultSecretName(secretName({ kind: s.kind, name: pair.key }));
    if (store.kind === 'keyVault') {
      title = `Remove the ${label}; reference Key Vault from the App Service ${what} ${pair.key}`;
      comment = `${pair.key}: set the App Service ${what} ${pair.key} to @Microsoft.KeyVault(SecretUri=${kvUri(store.vaultName, secret)}); it overrides this value.`;
    } else {
      title = `Remove the ${label}; set ${pair.key} as an App Service ${what}`;
      comment = `${pair.key}: set at deploy time as an App Service ${what} of the same name (it overrides this value) or from a pipeline secret; never commit its value.`;
    }
  } else {
    const owner = pair.path[pair.path.length - 2];
    const name = secretName({ kind: s.kind, name: owner && quote ? `${owner}_${pair.key}` : pair.key });
    title = `Remove the ${label} from the file (set it at deploy time)`;
    comment = `${pair.key}: ${deployNote(store, name)}`;
  }
  // The comment goes before the element, when the element starts its line.
  const open = text.lastIndexOf('<', s.literal.range.start - (quote ? 0 : 1));
  if (open >= 0 && /^[ \t]*$/.test(text.slice(lineStart(text, open), open))) edits.push(commentBefore(text, open, `<!-- ${xmlSafe(comment)} -->`));
  return fixWith(ctx.model, title, edits, [], { preferred: true });
}

// ---------------------------------------------------------------------------------------------
// .env

function dotenvFix(ctx: RuleContext, s: StoredSecret, store: SecretStore): Fix | undefined {
  const pair = pairOf(ctx, s.literal);
  if (!pair) return undefined;
  const name = pair.key;
  const title = store.kind === 'keyVault'
    ? `Remove the ${LABEL[s.kind]}; set ${name} at deploy time from Key Vault secret ${vaultSecretName(secretName({ kind: s.kind, name }))}`
    : `Remove the ${LABEL[s.kind]}; set ${name} at deploy time from a pipeline secret`;
  const note = store.kind === 'keyVault'
    ? `set at deploy time from Key Vault ${store.vaultName}, secret ${vaultSecretName(secretName({ kind: s.kind, name }))}; never commit its value.`
    : 'set at deploy time from a pipeline secret variable; never commit its value.';
  return fixWith(ctx.model, title, [replace(s.literal.range, ''), commentBefore(ctx.model.text, pair.range.start, `# ${name}: ${note}`)], [], { preferred: true });
}

// ---------------------------------------------------------------------------------------------
// .properties / .ini

/** Spring resolves `${NAME}` from the environment (and from a Key Vault property source); plain Properties files do not. */
function propertiesFix(ctx: RuleContext, s: StoredSecret, store: SecretStore): Fix | undefined {
  const pair = pairOf(ctx, s.literal);
  if (!pair) return undefined;
  const label = LABEL[s.kind];
  const name = secretName({ kind: s.kind, name: pair.key });
  if (isSpring(ctx)) {
    const ref = store.kind === 'keyVault' ? vaultSecretName(name) : envName(name);
    const title = store.kind === 'keyVault'
      ? `Use the Key Vault placeholder \${${ref}} (Spring Cloud Azure Key Vault property source)`
      : `Use the environment placeholder \${${ref}}`;
    return fixWith(ctx.model, title, [replace(s.literal.range, `\${${ref}}`)], [], { preferred: true });
  }
  const marker = /\.ini$/i.test(ctx.fileName) ? ';' : '#';
  return fixWith(ctx.model, `Remove the ${label} from the file (set ${pair.key} at deploy time)`, [replace(s.literal.range, ''), commentBefore(ctx.model.text, pair.range.start, `${marker} ${pair.key}: ${deployNote(store, name)}`)], [], { preferred: true });
}

function isSpring(ctx: RuleContext): boolean {
  if (/(^|[\\/])(application|bootstrap)([-.][\w.-]*)?\.(properties|ya?ml)$/i.test(ctx.fileName)) return true;
  return ctx.model.pairs.some((p) => /^spring\./.test(p.key) || (p.path.length === 1 && p.key === 'spring'));
}

// ---------------------------------------------------------------------------------------------
// YAML: pipelines, Spring, compose, other

type Flavor = 'github' | 'azure' | 'spring' | 'compose' | 'other';

function yamlFlavor(ctx: RuleContext): Flavor {
  const pairs = ctx.model.pairs.filter((p) => p.container === 'yaml');
  const top = new Set(pairs.filter((p) => p.path.length === 1).map((p) => p.key));
  const keys = new Set(pairs.map((p) => p.key));
  if (/(^|[\\/])\.github[\\/]workflows[\\/]/.test(ctx.fileName) || (top.has('on') && top.has('jobs')) || keys.has('runs-on')) return 'github';
  if (/azure-pipelines/i.test(ctx.fileName) || ['trigger', 'pr', 'pool', 'stages', 'extends'].some((k) => top.has(k)) || ['task', 'pwsh', 'powershell', 'vmImage', 'displayName'].some((k) => keys.has(k))) return 'azure';
  if (isSpring(ctx)) return 'spring';
  if (top.has('services') && /(^|[\\/])(docker-)?compose[\w.-]*\.ya?ml$/i.test(ctx.fileName)) return 'compose';
  return 'other';
}

/** True when the pair sits in a flow collection (`{ a: b }`, `[…]`), where `{`/`}` in a plain scalar would break it. */
function inFlow(ctx: RuleContext, pair: Pair): boolean {
  if (pair.path.length < 2) return false;
  const parent = ctx.model.pairs.find((p) => p.container === 'yaml' && p.path.length === pair.path.length - 1 && p.path.every((seg, i) => seg === pair.path[i]));
  const src = parent ? sourceOf(ctx, parent.value).trimStart() : '';
  return src.startsWith('{') || src.startsWith('[');
}

function yamlFix(ctx: RuleContext, s: StoredSecret, store: SecretStore): Fix | undefined {
  const pair = pairOf(ctx, s.literal);
  if (!pair) return undefined;
  const flavor = yamlFlavor(ctx);
  const label = LABEL[s.kind];
  // Spring binds the whole property path (`spring.datasource.password`); pipelines and compose use the key itself.
  const name = secretName({ kind: s.kind, name: flavor === 'spring' ? pair.path.join('.') : pair.key });
  const flow = inFlow(ctx, pair);
  const plain = (v: string) => (flow && /[{}[\],]/.test(v) ? `'${v}'` : v);
  switch (flavor) {
    case 'github': {
      const ref = `\${{ secrets.${envName(name)} }}`;
      return fixWith(ctx.model, `Use the GitHub Actions secret ${ref}`, [replace(s.literal.range, plain(ref))], [], { preferred: true });
    }
    case 'azure': {
      // Under `variables:` the secret must be defined outside the file (pipeline settings, variable group): no in-file edit fits.
      if (pair.path[0] === 'variables' || pair.path.includes('variables')) return undefined;
      const variable = store.kind === 'keyVault' ? vaultSecretName(name) : envName(name);
      const from = store.kind === 'keyVault' ? ` (variable group linked to Key Vault ${store.vaultName})` : ' (secret pipeline variable)';
      return fixWith(ctx.model, `Use the secret variable $(${variable})${from}`, [replace(s.literal.range, `$(${variable})`)], [], { preferred: true });
    }
    case 'spring':
    case 'compose': {
      const ref = `\${${store.kind === 'keyVault' && flavor === 'spring' ? vaultSecretName(name) : envName(name)}}`;
      return fixWith(ctx.model, `Use the placeholder ${ref}`, [replace(s.literal.range, plain(ref))], [], { preferred: true });
    }
    default:
      return fixWith(ctx.model, `Remove the ${label} from the file (set ${pair.key} at deploy time)`, [replace(s.literal.range, '""'), commentBefore(ctx.model.text, pair.range.start, `# ${pair.key}: ${deployNote(store, name)}`)], [], { preferred: true });
  }
}

/** The pipeline script (a block scalar) holding the literal, when it is inside inline PowerShell. */
function embeddedScript(ctx: RuleContext, lit: Expr): Pair | undefined {
  return ctx.model.pairs.find((p) => p.container === 'yaml' && p.value.kind === 'string' && p.value !== lit && p.value.range.start < lit.range.start && lit.range.end <= p.value.range.end);
}

/**
 * Inline PowerShell in a pipeline: the script reads `$env:NAME`, and the step maps the pipeline secret into its
 * environment (`NAME: ${{ secrets.NAME }}` in GitHub Actions, `NAME: $(NAME)` in Azure Pipelines, where secret
 * variables never reach a script's environment unless mapped). With Key Vault the script reads the vault itself.
 */
function embeddedPowerShellFix(ctx: RuleContext, s: StoredSecret, store: SecretStore): Fix | undefined {
  const script = embeddedScript(ctx, s.literal)!;
  if (!/^[|>]/.test(sourceOf(ctx, script.value))) return undefined; // quoted scalars escape the script's text
  const code = codeFix(ctx, 'powershell', s, store);
  if (!code) return undefined;
  if (!code.env) return code.fix;
  const flavor = yamlFlavor(ctx);
  if (flavor !== 'github' && flavor !== 'azure') return undefined;
  const env = code.env;
  const ref = flavor === 'github' ? `\${{ secrets.${env} }}` : `$(${env})`;
  const mapping = stepEnvEdit(ctx, script, env, ref, flavor);
  if (mapping === undefined) return undefined;
  const title = `${code.fix.title}, mapped from ${flavor === 'github' ? 'the GitHub Actions secret' : 'the secret variable'} ${ref}`;
  return { ...code.fix, title, edits: mapping ? [...code.fix.edits, mapping] : code.fix.edits };
}

/** The edit adding `NAME: ref` to the step's `env:` (null when already mapped; undefined when no clean edit exists). */
function stepEnvEdit(ctx: RuleContext, script: Pair, name: string, ref: string, flavor: 'github' | 'azure'): TextEdit | null | undefined {
  const text = ctx.model.text;
  const eol = eolOf(text);
  const yaml = ctx.model.pairs.filter((p) => p.container === 'yaml');
  const step = script.path.slice(0, lastIndexWhere(script.path, (seg) => /^\d+$/.test(seg)) + 1);
  if (step.length === 0) return undefined;
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((seg, i) => seg === b[i]);
  const envOf = (at: string[]) => yaml.find((p) => same(p.path, [...at, 'env']));
  const entries = (env: Pair) => yaml.filter((p) => p.path.length === env.path.length + 1 && same(p.path.slice(0, -1), env.path));
  // GitHub Actions passes workflow- and job-level env to every step; Azure Pipelines maps secrets per step.
  const scopes = flavor === 'github' ? step.map((_, i) => step.slice(0, i)).concat([step]) : [step];
  for (const at of scopes) {
    const env = envOf(at);
    if (env && entries(env).some((p) => p.key === name)) return null;
  }
  const column = (offset: number) => ' '.repeat(offset - lineStart(text, offset));
  const env = envOf(step);
  if (env) {
    const list = entries(env);
    if (!list.length || /^\s*\{/.test(sourceOf(ctx, env.value))) return undefined;
    const last = list.reduce((a, b) => (b.range.end > a.range.end ? b : a));
    const at = lineEnd(text, Math.max(last.range.start, last.range.end - 1));
    return { range: { start: at, end: at }, text: `${eol}${column(list[0].keyRange.start)}${name}: ${ref}` };
  }
  // No env yet: a new `env:` key at the step's key indentation, after the step's last line.
  const keys = yaml.filter((p) => p.path.length === step.length + 1 && same(p.path.slice(0, -1), step));
  if (!keys.length) return undefined;
  const last = keys.reduce((a, b) => (b.range.end > a.range.end ? b : a));
  const at = lineEnd(text, Math.max(last.range.start, last.range.end - 1));
  const indent = column(script.keyRange.start);
  return { range: { start: at, end: at }, text: `${eol}${indent}env:${eol}${indent}${indentUnit(text).replace(/\t/g, '  ')}${name}: ${ref}` };
}

function lastIndexWhere<T>(items: T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return i;
  return -1;
}
