// What a secret is: key names that hold one, values that look like one, and the look-alikes that
// are not (placeholders, references, labels, policies, public ids).

export type SecretKind = 'password' | 'client secret' | 'refresh token' | 'access token' | 'API key' | 'account key' | 'secret';

/** Normalised key: lower case, no separators (`Client_Secret`, `client-secret`, `ida:ClientSecret` -> `clientsecret` / `idaclientsecret`). */
export function normKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The last segment of a dotted / prefixed key, normalised: `grant_type`, `ida:GrantType`, `oauth.grant-type`, `auth/prompt` -> `granttype` / `prompt`. */
export function lastKey(key: string): string {
  return normKey(key.split(/[.:/]/).pop() ?? key);
}

// Secret words are matched at the end of a key, so what precedes them qualifies them: `keyvaultClientSecret`
// and `smtpPassword` hold secrets; `resetPassword`, `forceChangePassword`, `confirmPassword`, `isPassword` do not.
const NOT_A_SECRET_PREFIX = /(reset|change|force|forgot|forgotten|show|hide|require|required|enable|disable|prompt|label|placeholder|hint|field|input|type|policy|expire|expiry|validate|verify|check|confirm|allow|must|minimum|maximum|generate|random)$/;

const KINDS: [RegExp, SecretKind][] = [
  [/refreshtoken$|^rt$|refresh$/, 'refresh token'],
  [/accesstoken$|bearertoken$|authtoken$|^token$|idtoken$|sastoken$|pat$|personalaccesstoken$/, 'access token'],
  [/clientsecret$|appsecret$|applicationsecret$|cspapplicationsecret$|appkey$|applicationkey$|clientkey$|consumersecret$|secretvalue$|clientcredential$|secretkey$|secrettext$|^microsoftapppassword$/, 'client secret'],
  [/apikey$|subscriptionkey$/, 'API key'],
  [/accountkey$|sharedaccesskey$|storagekey$|primarykey$|secondarykey$|masterkey$|privatekey$/, 'account key'],
  [/password$|passwd$|^pwd$|pwd$|^pass$|(smtp|email|mail|db|database|user|admin|sql|mysql|pg|postgres|ftp|sftp|redis|root|ldap|imap|pop|proxy|service|svc|account|login)pass$|passphrase$|userpassword$|adminpassword$|^pw$|passwort$|contrasena$|motdepasse$/, 'password'],
  [/secret$|secrets$|^credentials?$/, 'secret'],
];

/** The kind of secret a key/variable/parameter name holds, or undefined. */
export function secretKindOfKey(key: string): SecretKind | undefined {
  const k = normKey(key);
  if (!k) return undefined;
  for (const [re, kind] of KINDS) {
    if (!re.test(k)) continue;
    const prefix = k.replace(re, '');
    const q = NOT_A_SECRET_PREFIX.exec(prefix);
    if (q && !insideLongerWord(key, prefix, q.index)) return undefined;
    return kind;
  }
  return undefined;
}

/**
 * The qualifier found at `at` in the normalised prefix ends a longer word rather than being one: `ExchangeRefreshToken`,
 * `exchange_password` ("change"), `WorkforcePassword` ("force"). Known from the key's own word breaks (camel case,
 * separators); a key written as one lower-case run has none, and only `exchange` is told apart there.
 */
function insideLongerWord(key: string, prefix: string, at: number): boolean {
  const words = key.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/).filter(Boolean);
  if (words.length < 2) return /exchange$/.test(prefix);
  let offset = 0;
  for (const w of words) {
    if (offset === at) return false;
    if (offset > at) return true;
    offset += normKey(w).length;
  }
  return true;
}

const PLACEHOLDER = [
  /^\s*$/,
  /^<[^>]*>$/, // <your-secret>
  /^\{\{[^}]*\}\}$/, // {{secret}}
  /^\$\{\{[^}]*\}\}$/, // ${{ secrets.X }}
  /^\$\{[^}]*\}$/, // ${SECRET}
  /^\$\([^)]*\)$/, // $(pipelineVariable)
  /^#\{[^}]*\}#?$/, // #{token}#
  /^%[^%]+%$/, // %ENV%
  /^\{[^}]*\}$/, // {secret}
  /^__[A-Za-z0-9_]+__$/, // __SECRET__
  /^@Microsoft\.KeyVault\(/i, // App Service Key Vault reference
  /^\$[A-Za-z_][\w:]*$/, // $variable left in config
  /^(x+|\*+|\.+|-+|_+|#+|0+|\?+|•+)$/i,
  /^(true|false|null|none|nil|undefined|yes|no|on|off|n\/a|na|tbd|todo|fixme|empty|default|required|optional|secret|password|passwd|pwd|token|changeme|change[-_ ]?me|replaceme|replace[-_ ]?me|dummy|example|sample|placeholder|redacted|hidden|masked|notset|not[-_ ]set|unset|test|testing)$/i,
  /\b(your|my|enter|insert|replace|put|add|paste|fill)[-_ ]?(the[-_ ]?|a[-_ ]?)?(your[-_ ]?)?(own[-_ ]?)?(app|client|application|user|admin|real|actual|partner|service|tenant|account)?[-_ ]?(secret|password|passwd|pwd|token|key|value|here)/i,
  // Microsoft identity samples: `Enter_the_Client_Secret_Here`, `Enter_Key_Store_Password_Here`.
  /^(enter|insert|put|add|paste|fill|type|replace)[-_ ](in[-_ ])?[A-Za-z0-9 _-]*[-_ ]here$/i,
  // `your-client-secret`, `your_api_key`, `your-super-secret-key-change-in-production`.
  /^your[-_ ]/i,
  /change[-_ ]?(it|me|this)?[-_ ]?(in|before|for)[-_ ]?prod(uction)?/i,
  // Another language's "example" (ejemplo, exemple, Beispiel, esempio, exemplo, voorbeeld) or "example" itself inside the value.
  /(^|[^a-z])(example|ejemplo|exemple|beispiel|esempio|exemplo|voorbeeld)/i,
  /^(secret|password|token|key|value)[-_ ]?(here|goes[-_ ]?here)$/i,
  /^(my|some|dummy|fake|sample|example|test)[-_]?(secret|password|token|key|value)s?\d*$/i,
  /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/, // PARTNER_CLIENT_SECRET: the name of a variable, not its value
  /^(Microsoft\.|System\.)/,
];

/** True when `value` is a placeholder or a reference to a secret held elsewhere. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return PLACEHOLDER.some((re) => re.test(v)) || namesASecret(v) || repeatsAWord(v);
}

/** One word written three times or more (`ejemplo156-ejemplo02a?.ejemplo*1234-ejemplo`): a template, not a secret. */
function repeatsAWord(v: string): boolean {
  const counts = new Map<string, number>();
  for (const w of v.toLowerCase().match(/[a-z]{4,}/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts.values()].some((n) => n >= 3);
}

/** A secret's name in another language (`claveCertificado`, `MotDePasse`, `Kennwort`): the value names what belongs there. */
const FOREIGN_SECRET_WORD = /^(clave|contrasena|contraseña|senha|segredo|secreto|passwort|kennwort|geheim|motdepasse|mdp|chiave|segreto|wachtwoord)$/i;

/**
 * A value that is the name of what belongs there, not the thing: `'RefreshToken'`, `'ExchangeRefreshToken'`,
 * `'VeryLongRefreshToken'`, `'a_very_long_refresh_token'`, `'the-client-secret'` (two or more words, letters only, read
 * as a secret's name). Real secrets, tokens and passwords carry digits or symbols, or are one word.
 */
function namesASecret(v: string): boolean {
  if (!/^[A-Za-z]+(?:[_-][A-Za-z]+)*$/.test(v)) return false;
  const words = v.split(/[_-]|(?<=[a-z])(?=[A-Z])/);
  return words.length >= 2 && (secretKindOfKey(v) !== undefined || words.some((w) => FOREIGN_SECRET_WORD.test(w)));
}

/** True for prose ("Reset your password", "Enter the client secret:") rather than a value. */
export function isLabel(value: string): boolean {
  const v = value.trim();
  if (/\s\S+\s/.test(v) && /[a-z]{3,}\s[a-z]{2,}/i.test(v)) return true;
  return /^[A-Z][a-z]+( [A-Za-z]+)+[.!:?…]?$/.test(v) || /[:?]\s*$/.test(v) && /\s/.test(v);
}

/** True when a literal assigned to a secret-named key is plausibly the secret itself. */
export function looksLikeSecretValue(value: string, kind: SecretKind): boolean {
  const v = value.trim();
  // A Google app password as shown and pasted: four groups of four letters (not prose).
  if (kind === 'password' && /^[a-z]{4}( [a-z]{4}){3}$/.test(v)) return true;
  if (isPlaceholder(v) || isLabel(v)) return false;
  if (/^https?:\/\//i.test(v) || /^(\.{0,2}[\\/]|[a-z]:\\|~\/)/i.test(v)) return false; // a URL or a path
  if (/^\d+$/.test(v) && v.length <= 6) return false; // a number such as a length or a PIN-length setting
  const min = kind === 'password' ? 4 : 8;
  if ([...v].length < min) return false;
  if (kind !== 'password' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)) return false; // an id, not a secret
  return true;
}

/** Live JWT (access or id token) anywhere in a string. */
export const JWT_IN_TEXT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{0,}/;
/** Microsoft identity platform refresh tokens are long opaque strings starting `0.A` or `1.A`. */
export const REFRESH_TOKEN_TEXT = /(?:^|[^A-Za-z0-9_.-])([01]\.A[A-Za-z0-9_-]{60,}[A-Za-z0-9_.-]*)/;
/** Credential parts of a connection string. */
export const CONNECTION_SECRET = /(?:^|;)\s*(password|pwd|accountkey|sharedaccesskey|clientsecret|client secret)\s*=\s*([^;]*)/gi;
/** user:password@ in a URL. */
export const URL_USERINFO = /\b[a-z][a-z0-9+.-]*:\/\/([^\s:/@]+):([^\s@/]+)@/i;
