// What a value is, as far as secrets go: the analysis that follows a value through names, members, index keys,
// getters, definitions, token responses, Key Vault reads and serializers to the secret it carries (a refresh token,
// a token response, a password...), while derived values (prefix, length, hash, boolean, mask) carry none; and the
// collector that finds the secret-carrying parts of an argument. Shared by the rules that look at where secrets go:
// no-token-logging (logs and the console) and no-stored-credentials (plain files).
import type { Call, Expr, LanguageId, MemberExpr, NameExpr } from '../model/types';
import type { RuleContext } from '../engine/types';
import { lineOf } from './report';
import { isCommand, nameMatches } from './commands';
import { looksLikeSecretValue, normKey, secretKindOfKey, type SecretKind } from './secrets';

// ---------------------------------------------------------------------------------------------
// What a value is

/** How a secret-carrying value prints: a plain string, a structure that shows its fields when printed, or one that only does when serialized. */
export type Shape = 'plain' | 'dict' | 'opaque' | 'kv' | 'kvresponse' | 'http';

export interface Secret {
  kind: string;
  shape: Shape;
  /** The secret is one field of an object, list or request body (`$body`, `headers`). */
  contained?: boolean;
  /** The name whose definition made the value a secret (for "where it came from"). */
  via?: NameExpr;
  /** From a client-credentials (app-only) token request: no refresh token, and the token acts as the application. */
  appOnly?: boolean;
  /** The whole environment: the secret-named variable this file reads from it. */
  env?: string;
}
export type Verdict = Secret | 'safe' | undefined;

export const isSecret = (v: Verdict): v is Secret => typeof v === 'object';

// A first word that says the value is not the secret itself: `maskedToken`, `hashed_password`, `securePassword`
// (a SecureString), `hasRefreshToken`, `usePassword` (a flag). `tokenPrefix` is not a secret name anyway.
export const DERIVED_WORD = /^(masked|redacted|hashed|hash|truncated|short|partial|safe|obfuscated|sanitized|hidden|encrypted|protected|secure|ss|has|is|no|missing|valid|invalid|use|uses|skip|ask|should|can|need|needs|log|print|show|with|without|enable|enabled|require|required)$/;

export function startsWithDerivedWord(key: string): boolean {
  const words = key.replace(/^env:/i, '').split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).filter(Boolean);
  return words.length > 1 && DERIVED_WORD.test(words[0].toLowerCase());
}

/** The secret a key/name/property denotes, or undefined. Reuses the shared classification; adds the Authorization header. */
export function kindOfKey(key: string | undefined): string | undefined {
  if (!key) return undefined;
  const k = normKey(key.replace(/^env:/i, ''));
  if (k === 'authorization' || k === 'authorizationheader' || k === 'authheader' || k === 'bearer' || k === 'bearerheader') return 'bearer token';
  if (/^(credentials?|secretvalue|secrets)$/.test(k)) return undefined; // credential objects and SecureStrings print as their type name
  if (startsWithDerivedWord(key)) return undefined;
  const kind = secretKindOfKey(key);
  if (!kind) return undefined;
  if (/idtoken$/.test(k)) return 'ID token';
  return kind;
}

export const PASS_METHOD = /^(ToString|toString|Trim|trim|TrimEnd|TrimStart|strip|rstrip|lstrip|trimEnd|trimStart|encode|decode|ToCharArray|toCharArray|getBytes|GetBytes|ExecuteAsync|Execute|execute|GetAwaiter|GetResult|ConfigureAwait|json|Json|text|ReadAsStringAsync|ReadAsString|body|string|getBody)$/;
/** Futures and tasks: `.get()`, `.join()`, `.Result`, `.block()` hand back what they wrap. */
export const AWAIT_METHOD = /^(get|join|Result|result|GetResult|block|blockingGet|Wait)$/;
export const PASS_FUNCTION = /^(str|String|repr|valueOf|ToString|toString|format|b64encode|urlsafe_b64encode|btoa|ToBase64String|encodeToString|from|quote|escape|encodeURIComponent|unquote)$/;
export const SERIALIZER = /^(ConvertTo-Json|ConvertTo-Xml|ConvertTo-Csv|Format-List|Format-Table|Format-Custom|Format-Wide|Out-String|dumps|dump|pformat|stringify|SerializeObject|Serialize|toJson|writeValueAsString|inspect|format_exc|asdict|vars|model_dump|model_dump_json|dict|to_dict|toJSON)$/;
/** Declared types that may hold a secret's text (or anything): a parameter of another type cannot print one. */
export const TEXT_TYPES = /^(string\??|String|char\[\]|CharSequence|StringBuilder|StringBuffer|ReadOnlySpan<char>|ReadOnlyMemory<char>|var|dynamic|object\??|Object|JsonElement|JsonNode|JsonObject|JObject|JToken|IDictionary<.*|Dictionary<.*|IReadOnlyDictionary<.*|Map<.*|HashMap<.*|(?:[\w.]+\.)?(?:Token|Secret|Credential)Response\b.*|T)$/;

/** Per model: scope -> parent, and `scope name` -> the parameter's declared type (a rule runs over many names). */
export const PARAMETER_TYPES = new WeakMap<object, { parents: Map<number, number>; types: Map<string, string | undefined> }>();

/** The declared type of the parameter `e` names (the nearest enclosing declaration), where the language has one. */
export function declaredType(ctx: RuleContext, e: NameExpr): string | undefined {
  let index = PARAMETER_TYPES.get(ctx.model);
  if (!index) {
    const types = new Map<string, string | undefined>();
    for (const p of ctx.model.parameters) if (!types.has(`${p.scope} ${p.name}`)) types.set(`${p.scope} ${p.name}`, p.type);
    index = { parents: new Map(ctx.model.scopes.map((s) => [s.id, s.parent])), types };
    PARAMETER_TYPES.set(ctx.model, index);
  }
  for (let scope: number | undefined = e.scope; scope !== undefined; scope = scope === 0 ? undefined : index.parents.get(scope)) {
    const key = `${scope} ${e.name}`;
    if (index.types.has(key)) return index.types.get(key);
  }
  return undefined;
}

/** Values derived from a secret that do not disclose it: prefixes, lengths, hashes, masks, booleans. */
export const DERIVED_CALL = /^(Substring|substring|substr|slice|Take|take|Left|Right|Truncate|truncate|Remove|PadRight|Split|split|mask\w*|Mask\w*|redact\w*|Redact\w*|obfuscate\w*|Obfuscate\w*|hash\w*|Hash\w*|GetHashCode|ComputeHash|HashData|hexdigest|digest|sha\d+|md5|createHash|update|len|Length|length|Count|count|size|StartsWith|startsWith|startswith|EndsWith|endsWith|endswith|Contains|contains|includes|Equals|equals|IsNullOrEmpty|IsNullOrWhiteSpace|isEmpty|isBlank|isNotEmpty|bool|Boolean|isinstance|type|Get-FileHash|Measure-Object|ConvertFrom-SecureString|Protect-\w+|decode_jwt|jwt_decode|jwtDecode|ReadJwtToken|getClaims|claims)$/;
/** Token acquisition calls: their result is a token response (access token, usually a refresh token). */
export const ACQUIRE = /^(acquire_?token\w*|acquireToken\w*|AcquireToken\w*|New-PartnerAccessToken|Get-MsalToken|Get-AzAccessToken|Get-AzureADToken|Get-PartnerAccessToken|get_token|getToken|GetToken|GetTokenAsync|getTokenSync|acquire_token_for_client|requestAccessToken|exchangeRefreshToken|redeem\w*Code\w*|loginPopup|ssoSilent|handleRedirectPromise)$/;
export const KV_READ = /^(Get-AzKeyVaultSecret|Get-AzureKeyVaultSecret|Get-Secret|get_secret|GetSecret|GetSecretAsync|getSecret|GetSecretValue|getSecretValue|GetSecretValueAsync|get_secret_value)$/;
export const NOT_SECRET_KEY = /(id|ids|url|uri|endpoint|name|domain|tenant|username|user|upn|email|thumbprint|scope|scopes|resource|audience)$/;
export const KV_VALUE = /^(Value|value|SecretValueText|SecretString|secret_string|getValue|GetValue|SecretBinary)$/;
export const CONFIG_GET = /^(get|Get|getenv|getHeader|GetHeader|get_header|GetEnvironmentVariable|getProperty|GetProperty|GetValue|getValue|getString|GetString|getOrDefault|GetConnectionString|get_env|env|environ\.get|getConfig|GetConfig|readSecret|read_secret)$/;
export const HTTP_CALL = /^(Invoke-RestMethod|Invoke-WebRequest|irm|iwr|post|Post|PostAsync|request|Request|SendAsync|send|fetch|urlopen|execute)$/;
export const SECURE_OBJECT = /^(ConvertTo-SecureString|Get-Credential|Import-Clixml|Import-CliXml|SecureString|PSCredential|pscredential|PsCredential|NetworkCredential|DefaultAzureCredential|ClientSecretCredential|CertificateCredential)$/;
/** Commands that create and return a new client secret (its `.Value` / `.SecretText`). */
export const NEW_CLIENT_SECRET = /^(New-AzureAD(Application|ServicePrincipal)PasswordCredential|Add-Mg(Beta)?(Application|ServicePrincipal)Password|New-AzAD(App|Sp|Application|ServicePrincipal)Credential|New-Entra(Beta)?(Application|ServicePrincipal)Password(Credential)?)$/;
/** A PowerShell command named for the token it gets (`Get-GraphToken`, `Get-AccessToken`, `Request-PartnerToken`): its noun. */
export const TOKEN_COMMAND = /^(?:[\w.]+\\)?(?:Get|New|Request|Invoke|Update|Refresh|Renew|Receive)-(\w*Tokens?)$/i;
/** Token nouns that are no credential: anti-forgery, paging, cancellation, parser tokens. */
export const NOT_AUTH_TOKEN = /(csrf|xsrf|antiforgery|verification|page|paging|cancellation|continuation|parser|psparser|lexer|sync|delta|skip|resume|change|next|registration)tokens?$/i;
export const TOKEN_URL = /\/oauth2\/(v2\.0\/)?token\b|\/token\/?(\?|$)|\/connect\/token\b/i;
/** Generic token names that are as often a lexer, parser or NLP token as an access token. */
export const WEAK_NAME = /^(token|tok)$/;
/** Calls that produce lexer and parser tokens. */
export const LEXER_CALL = /^(tokens?|tokenize\w*|Tokenize\w*|tokenizer|Tokenizer|\w*[Ll]exer\w*|next_?token|nextToken|NextToken|peek_?token|peekToken|PeekToken|current_?token|currentToken|CurrentToken|get_?next_?token|getNextToken|GetNextToken|read_?token|readToken|ReadToken|consume_?token|consumeToken|expect_?token|expectToken|scan_?token|scanToken|lex_?token|lexToken)$/i;
/** Libraries and namespaces that obtain or use OAuth tokens. */
export const AUTH_MODULE = /msal|adal|azure[./-]identity|Azure\.Identity|Microsoft\.Identity|IdentityModel|keyvault|oauth|google\.auth|jwt|jose|passport|PartnerCenter/i;

export interface Where {
  /** Inside a string (interpolation hole or concatenation operand): objects print as their ToString there. */
  inString: boolean;
  /** Serialized or formatted (ConvertTo-Json, JSON.stringify, `{@X}`): objects print their fields. */
  serialized: boolean;
  /** PowerShell's output stream (implicit output, script-level Write-Output): formats an object by its properties, unlike a string hole or Write-Host. */
  formatted?: boolean;
}

export class Analysis {
  private memo = new Map<Expr, Verdict>();
  constructor(private readonly ctx: RuleContext) {}

  get lang(): LanguageId {
    return this.ctx.language === 'yaml' ? 'powershell' : this.ctx.language;
  }

  /** What `e` evaluates to, as far as secrets go. */
  value(e: Expr | undefined, depth = 0): Verdict {
    if (!e || depth > 14) return undefined;
    if (this.memo.has(e)) return this.memo.get(e);
    this.memo.set(e, undefined); // cycle guard
    const v = this.compute(e, depth + 1);
    this.memo.set(e, v);
    return v;
  }

  private compute(e: Expr, depth: number): Verdict {
    if (this.wholeEnvironment(e)) return this.environmentSecret();
    switch (e.kind) {
      case 'string':
        // An empty default is not a secret; a template placeholder (`'<App Secret>'`) is replaced by one before the script runs.
        return e.text.trim() === '' ? 'safe' : undefined;
      case 'literal':
        return 'safe';
      case 'name':
        return this.name(e, depth);
      case 'member':
        return this.property(e.object, e.property, depth);
      case 'index': {
        const key = e.key.kind === 'string' ? e.key.text : e.key.kind === 'name' || e.key.kind === 'member' ? this.ctx.value(e.key) : undefined;
        if (key !== undefined) return this.property(e.object, key, depth);
        // A slice, a number, a range: a character, a prefix or a list element.
        return isSecret(this.value(e.object, depth)) ? 'safe' : undefined;
      }
      case 'call':
        return this.call(e.call, depth);
      case 'concat': {
        let safe = e.parts.some((p) => p.kind !== 'string');
        for (const p of e.parts) {
          const v = this.value(p, depth);
          if (isSecret(v) && (v.shape === 'plain' || this.leaksObject(v, { inString: true, serialized: false }))) {
            // `"Bearer $token"` is still the token; a form body or a sentence with a secret in it holds one.
            const text = e.parts.filter((q) => q.kind === 'string').map((q) => (q as Expr & { kind: 'string' }).text).join('');
            return { kind: v.kind, shape: 'plain', contained: v.contained || !/^\s*(Bearer|Basic)?\s*$/i.test(text) };
          }
          if (p.kind !== 'string') safe = safe && v === 'safe';
        }
        return safe ? 'safe' : undefined;
      }
      case 'object': {
        for (const p of [...e.entries, ...this.addedEntries(e)]) {
          const v = this.value(p.value, depth);
          const kind = isSecret(v) ? v.kind : v !== 'safe' && isReadable(p.value) && !derivedNamed(p.value) ? kindOfKey(p.key) : undefined;
          if (kind) return { kind, shape: this.lang === 'powershell' ? 'opaque' : 'dict', contained: true };
        }
        for (const s of e.spreads) {
          const v = this.value(s, depth);
          if (isSecret(v)) return v;
        }
        return undefined;
      }
      case 'array':
        for (const item of e.items) {
          const v = this.value(item, depth);
          if (isSecret(v)) return { kind: v.kind, shape: this.lang === 'powershell' ? 'opaque' : 'dict', contained: true };
        }
        return undefined;
      case 'spread':
        return this.value(e.argument, depth);
      case 'unknown': {
        const passing = this.passingChildren(e);
        if (passing) {
          for (const c of passing) {
            const v = this.value(c, depth);
            if (isSecret(v)) return v;
          }
          return undefined;
        }
        // Comparisons, negations, arithmetic, type tests: a derived value.
        return (e.children ?? []).some((c) => isSecret(this.value(c, depth))) ? 'safe' : undefined;
      }
    }
  }

  private name(e: NameExpr, depth: number): Verdict {
    if (this.castToScalar(e)) return 'safe';
    // A typed parameter (C#, Java) whose type is not text prints as that type's name or value, not a secret:
    // `CancellationToken token`, `AuthenticationResult token`, `int tokenCount`.
    const declared = e.isParameter ? declaredType(this.ctx, e) : undefined;
    if (declared && !TEXT_TYPES.test(declared)) return 'safe';
    const own = kindOfKey(e.name);
    // `token` alone is also a lexer, parser or NLP token: it counts only with corroboration (below).
    const weak = own !== undefined && WEAK_NAME.test(normKey(e.name));
    if (e.def) {
      const d = this.value(e.def, depth);
      if (isSecret(d)) return { kind: own && d.shape === 'plain' && (d.kind === 'secret' || own !== 'secret') ? own : d.kind, shape: d.shape, contained: d.contained, via: e, ...(d.appOnly ? { appOnly: true } : {}) };
      if (d === 'safe') return 'safe';
      if (own && e.def.kind === 'call' && this.isSecureObject(e.def.call)) return 'safe';
      // A secret-named variable holding a literal that is no secret: the secret's name (`$secretKey = '<Mykey>'`,
      // then `Get-AzKeyVaultSecret -Name $secretKey`), a placeholder, a label. A secret-looking literal still counts.
      if (own && e.def.kind === 'string' && !looksLikeSecretValue(e.def.text, asSecretKind(own))) return 'safe';
      // A known definition that is no token (`Token("x", "y")`, an element of `tokens`, `lexer.next()`) outweighs the name.
      if (weak && !this.tokenish(e.def, 0)) return undefined;
    } else if (weak && e.isParameter && !this.handlesTokens()) return undefined; // a `token` parameter in a file that never obtains one
    return own ? { kind: own, shape: 'plain', via: e.def ? e : undefined } : undefined;
  }

  /**
   * Whether a definition that is neither a known secret nor known safe still says "auth token": a literal (a
   * hard-coded token), a call named for a token that is no lexer or constructor (`get_pc_token(…)`,
   * `fetchToken()`), an element of a collection named for tokens of a definite kind (`access_tokens`).
   */
  private tokenish(d: Expr, depth: number): boolean {
    if (depth > 4) return false;
    switch (d.kind) {
      case 'string':
      case 'concat':
        return true;
      case 'call': {
        const c = d.call;
        if (c.kind === 'new' || !/token/i.test(c.name) || LEXER_CALL.test(c.name)) return false;
        // Python and JS name classes in PascalCase: `TokenInfo(…)` constructs one.
        return !(/^[A-Z]/.test(c.name) && (this.lang === 'python' || this.lang === 'javascript' || this.lang === 'typescript'));
      }
      case 'index': {
        if (d.key.kind === 'string') return false;
        const coll = lastSegment(d.object);
        const one = coll?.replace(/(?<=[a-z])s$/i, '');
        return !!one && one !== coll && kindOfKey(one) !== undefined && !WEAK_NAME.test(normKey(one));
      }
      case 'name':
        return !!d.def && this.tokenish(d.def, depth + 1);
      case 'unknown':
        return (this.passingChildren(d) ?? []).some((c) => this.tokenish(c, depth + 1));
      default:
        return false;
    }
  }

  private authFile?: boolean;

  /** The file obtains or sends tokens: token acquisition, a token endpoint, a Key Vault read, a bearer header, an auth library. */
  private handlesTokens(): boolean {
    if (this.authFile !== undefined) return this.authFile;
    const ctx = this.ctx;
    this.authFile =
      ctx.calls.some((c) => ((ACQUIRE.test(c.name) && (c.args.length > 0 || c.named.length > 0 || c.kind === 'command')) || KV_READ.test(c.name) || (HTTP_CALL.test(c.name) && this.isTokenEndpointCall(c)))) ||
      ctx.strings.some((s) => TOKEN_URL.test(ctx.approx(s)) || /^\s*Bearer\b/.test(ctx.approx(s))) ||
      ctx.imports.some((i) => AUTH_MODULE.test(i.module) || (i.names ?? []).some((n) => AUTH_MODULE.test(n)));
    return this.authFile;
  }

  /** `obj.prop` / `obj['key']` / a getter named like the property. */
  private property(object: Expr, prop: string, depth: number): Verdict {
    const o = this.value(object, depth);
    if (isSecret(o)) {
      if (o.shape === 'kvresponse' && prop === 'Value') return { kind: o.kind, shape: 'kv' };
      if (o.shape === 'kv' && KV_VALUE.test(prop)) return { kind: o.kind, shape: 'plain' };
      if (o.shape === 'http') {
        if (/^(text|Content|content|body|Body|RawContent)$/.test(prop)) return { kind: o.kind, shape: 'plain' };
        if (/^(data|Data)$/.test(prop)) return { kind: o.kind, shape: 'dict' };
        return 'safe';
      }
      if (/^(Result|result|Value)$/.test(prop) && o.shape !== 'plain') return o;
    }
    if (/^(SecretValue|SecureString|SecurePassword)$/.test(prop)) return 'safe'; // SecureString: prints its type name
    if (prop === 'SecretValueText') return { kind: kindOfKey(describeName(object)) ?? 'secret', shape: 'plain' };
    const kind = kindOfKey(prop);
    if (kind) {
      // PowerShell's PSCredential.Password is a SecureString (prints its type name); GetNetworkCredential().Password is the plain text.
      if (kind === 'password' && this.lang === 'powershell' && this.isPsCredential(object)) return 'safe';
      return { kind, shape: 'plain', ...(isSecret(o) && o.appOnly ? { appOnly: true } : {}) };
    }
    // Any other property of a secret or token response (length, expiry, scopes, account): not the secret.
    return isSecret(o) ? 'safe' : undefined;
  }

  private call(c: Call, depth: number): Verdict {
    const name = c.name;
    const first = c.input ?? c.args[0];
    // Key Vault and other secret-store reads.
    if (nameMatches(c, KV_READ)) {
      // Legacy KeyVaultClient.GetSecretAsync(vaultUrl, name) returns the bundle; Azure.Security.KeyVault's GetSecret(name) a Response<KeyVaultSecret>.
      const legacy = c.args.length >= 2 && /^https?:/i.test(this.ctx.approx(c.args[0]));
      const key = this.ctx.value(this.ctx.arg(c, 'Name', 'SecretName', 'SecretId')?.value ?? (legacy ? c.args[1] : c.args[0]));
      if (key !== undefined && !kindOfKey(key) && NOT_SECRET_KEY.test(normKey(key))) return undefined; // an app id or tenant id kept in the vault
      const kind = kindOfKey(key) ?? 'secret';
      if (c.kind === 'command') return this.ctx.arg(c, 'AsPlainText') ? { kind, shape: 'plain' } : { kind, shape: 'kv' };
      return { kind, shape: this.lang === 'csharp' && !legacy && /^GetSecret(Async)?$/.test(name) ? 'kvresponse' : 'kv' };
    }
    if (isCommand(c, 'ConvertFrom-SecureString') && this.ctx.arg(c, 'AsPlainText')) return { kind: 'secret', shape: 'plain' };
    if (/^PtrToString(Auto|BSTR|Uni)$/.test(name)) return { kind: 'secret', shape: 'plain' };
    if (isCommand(c, 'Read-Host')) return this.ctx.arg(c, 'AsSecureString') ? 'safe' : undefined;
    if (this.isSecureObject(c)) return 'safe';
    if (nameMatches(c, ACQUIRE) && !(c.args.length === 0 && c.named.length === 0 && /^(getToken|GetToken|get_token)$/.test(name) && c.receiver)) {
      return { kind: 'token response', shape: this.responseShape(), ...(CLIENT_CREDENTIALS_CALL.test(name) ? { appOnly: true } : {}) };
    }
    if (nameMatches(c, HTTP_CALL) && this.isTokenEndpointCall(c)) {
      return { kind: 'token response', shape: c.kind === 'command' && /^(Invoke-RestMethod|irm)$/i.test(name) ? 'dict' : 'http', ...(this.clientCredentialsRequest(c) ? { appOnly: true } : {}) };
    }
    if (c.kind === 'command') {
      const made = this.commandResult(c, depth);
      if (made !== undefined) return made;
    }
    // Serializers print every field of what they are given.
    if (nameMatches(c, SERIALIZER)) {
      const target = this.lang === 'powershell' || !c.args.length ? first ?? c.receiver : c.args[0];
      const v = this.value(target, depth);
      if (isSecret(v) && v.shape !== 'http') return { kind: v.kind, shape: 'plain', contained: v.contained || v.shape !== 'plain' };
      return v === 'safe' ? 'safe' : undefined;
    }
    // Configuration / environment / dictionary reads by key: `os.getenv("CLIENT_SECRET")`, `result.get("access_token")`.
    if (CONFIG_GET.test(name) && c.args.length >= 1) {
      const key = this.ctx.value(c.args[0]);
      const kind = kindOfKey(key);
      if (kind) return { kind, shape: 'plain' };
      if (key !== undefined && c.receiver && isSecret(this.value(c.receiver, depth))) return 'safe';
    }
    // MSAL token caches serialize to JSON that holds the refresh tokens.
    if (/^(serialize|Serialize|SerializeMsalV3|SerializeAdalV3)$/.test(name) && /cache/i.test(describeName(c.receiver ?? c.args[0] ?? { kind: 'unknown', text: '', range: c.range }) ?? (c.receiver?.kind === 'call' ? c.receiver.call.name : ''))) {
      return { kind: 'token cache', shape: 'plain' };
    }
    if (c.receiver && c.args.length === 0 && KV_VALUE.test(name)) return this.property(c.receiver, name, depth); // `getSecret(name).getValue()`
    // Getters: `result.accessToken()`, `getRefreshToken()`, `GetAccessTokenAsync(tenant)`.
    const getter = name.replace(/^(get_?|Get|fetch_?|Fetch|read_?|Read|load_?|Load)(?=[A-Z_a-z])/, '').replace(/(Async|_async)$/, '');
    if (getter !== name || c.args.length === 0) {
      const kind = kindOfKey(getter);
      if (kind && (c.args.length === 0 || /token$/i.test(getter))) return { kind, shape: 'plain' };
    }
    if (PASS_FUNCTION.test(name) && (c.input || c.args.length)) {
      const v = this.value(c.input ?? c.args[0], depth);
      return isSecret(v) || v === 'safe' ? v : undefined;
    }
    if (AWAIT_METHOD.test(name) && c.receiver && c.args.length === 0) return this.value(c.receiver, depth);
    if ((PASS_METHOD.test(name) || PASS_FUNCTION.test(name)) && c.receiver && c.args.length <= 2) {
      const v = this.value(c.receiver, depth);
      if (isSecret(v) && v.shape === 'http' && /^(json|Json)$/.test(name)) return { kind: v.kind, shape: 'dict' };
      if (isSecret(v) && v.shape === 'http' && /^(text|ReadAsStringAsync|ReadAsString|string|body|getBody)$/.test(name)) return { kind: v.kind, shape: 'plain' };
      if (isSecret(v) && v.shape === 'http') return v; // then/ConfigureAwait on the response
      return v;
    }
    if (nameMatches(c, DERIVED_CALL)) return 'safe';
    return undefined;
  }

  /**
   * Entries added to an object literal after it was assigned, in the same scope: `$h['client_secret'] = $s`,
   * `$h.refresh_token = $rt`, `$h.Add('password', $p)`, `body.client_secret = s`, `data["password"] = p`.
   */
  private addedEntries(o: Expr & { kind: 'object' }): { key: string; value: Expr }[] {
    const holder = this.ctx.assignments.find((a) => a.value === o && a.target.length === 1);
    if (!holder) return [];
    const name = holder.target[0];
    const same = (n: string | undefined) => n !== undefined && (this.lang === 'powershell' ? n.toLowerCase() === name.toLowerCase() : n === name);
    const out: { key: string; value: Expr }[] = [];
    for (const a of this.ctx.assignments) {
      if (a.target.length === 2 && a.scope === holder.scope && a.range.start > holder.range.end && same(a.target[0])) out.push({ key: a.target[1], value: a.value });
    }
    for (const c of this.ctx.calls) {
      if (c.args.length !== 2 || c.scope !== holder.scope || c.range.start < holder.range.end || !/^(Add|add|set|put|append|setdefault)$/.test(c.name) || c.receiver?.kind !== 'name' || !same(c.receiver.name)) continue;
      const key = this.ctx.value(c.args[0]);
      if (key !== undefined) out.push({ key, value: c.args[1] });
    }
    return out;
  }

  /**
   * What some PowerShell commands return: a newly minted client secret (`New-AzureADApplicationPasswordCredential`,
   * `Add-MgApplicationPassword`, a Graph `/addPassword` call: its `.Value` / `.SecretText` is the secret), the properties
   * `Select-Object` keeps, a token from a helper named for one (`Get-GraphToken`, `New-AccessToken`). Undefined otherwise.
   */
  private commandResult(c: Call, depth: number): Verdict {
    if (nameMatches(c, NEW_CLIENT_SECRET)) return { kind: 'client secret', shape: 'kv' };
    const az = azCliSecret(this.ctx, c);
    if (az) return az;
    if (nameMatches(c, /^(Invoke-RestMethod|irm|Invoke-MgGraphRequest)$/) && /\/addPassword\b/i.test(this.ctx.approx(this.ctx.arg(c, 'Uri', 'Url')?.value ?? c.args[0]))) {
      return { kind: 'client secret', shape: 'dict' };
    }
    if (c.input && isCommand(c, 'Select-Object', 'select')) {
      const sel = selection(this.ctx, c);
      if (sel.whole) return this.value(c.input, depth);
      if (sel.expand) return this.value(sel.expand, depth);
      const kept = sel.kept.map((m) => this.value(m, depth));
      const secret = kept.find(isSecret);
      if (secret) return { kind: secret.kind, shape: 'opaque', contained: true };
      return kept.length && kept.every((k) => k === 'safe') ? 'safe' : undefined;
    }
    const noun = TOKEN_COMMAND.exec(c.name)?.[1];
    if (noun && !NOT_AUTH_TOKEN.test(noun)) {
      const kind = kindOfKey(noun);
      return kind ? { kind, shape: 'plain' } : { kind: 'token response', shape: 'opaque' };
    }
    return undefined;
  }

  /** Token responses print their fields when printed whole: Python dicts, JS objects, PowerShell objects from JSON. */
  private responseShape(): Shape {
    if (this.lang === 'python' || this.lang === 'javascript' || this.lang === 'typescript') return 'dict';
    return 'opaque';
  }

  /**
   * The whole process environment: `process.env`, `os.environ`, `System.getenv()`, `Environment.GetEnvironmentVariables()`,
   * PowerShell's `Get-ChildItem env:` (also `gci`, `dir`, `ls`, `Get-Item env:*`).
   */
  private wholeEnvironment(e: Expr): boolean {
    // Cheap tests first: this runs for every value asked about.
    if (e.kind === 'member') return (e.property === 'env' || e.property === 'environ') && /^(process\.env|os\.environ)$/.test(this.ctx.text(e.range).replace(/\s+/g, ''));
    if (e.kind !== 'call') return false;
    const c = e.call;
    if (!/^(Get-ChildItem|gci|dir|ls|Get-Item|gi|getenv|GetEnvironmentVariables|copy)$/i.test(c.name)) return false;
    if (c.kind === 'command') {
      if (!/^(Get-ChildItem|gci|dir|ls|Get-Item|gi)$/i.test(c.name)) return false;
      const path = this.ctx.value(this.ctx.arg(c, 'Path', 'LiteralPath')?.value ?? c.args[0]);
      return !!path && /^env:[\\/]?\*?$/i.test(path.trim());
    }
    return c.args.length === 0 && ((c.name === 'getenv' && /^System$/.test(c.callee.at(-2) ?? '')) || (c.name === 'GetEnvironmentVariables' && /Environment$/.test(c.callee.at(-2) ?? '')) || (c.name === 'copy' && /^(os\.environ)$/.test(this.ctx.text(c.receiver?.range ?? c.range))));
  }

  /** The environment counts as a secret where this file reads a secret-named variable from it (`CLIENT_SECRET`, `ARM_CLIENT_SECRET`). */
  private environmentSecret(): Verdict {
    const read = /(?:process\.env\.|process\.env\[['"]|os\.environ\[['"]|os\.environ\.get\(['"]|os\.getenv\(['"]|\$env:|\$\{env:|getenv\(\s*"|GetEnvironmentVariable\(\s*")(\w+)/gi;
    for (const m of this.ctx.model.text.matchAll(read)) {
      const kind = kindOfKey(m[1]);
      if (kind) return { kind: 'secret', shape: 'dict', contained: true, env: m[1] };
    }
    return undefined;
  }

  /** A token request whose body asks for `grant_type=client_credentials` (the body as written or built). */
  private clientCredentialsRequest(c: Call): boolean {
    const body = [...c.args.slice(1), ...c.named.filter((n) => /^(Body|body|data|json|content|form|params)$/.test(n.name)).map((n) => n.value)];
    return body.some((b) => /grant_type\W{0,4}client_credentials|client_credentials/i.test(this.ctx.approx(b) + ' ' + (b ? this.ctx.text(this.ctx.deref(b)?.range ?? b.range) : '')));
  }

  private isTokenEndpointCall(c: Call): boolean {
    const url = this.ctx.arg(c, 'Uri', 'Url', 'url')?.value ?? c.args[0];
    if (!url) return false;
    const d = this.ctx.deref(url);
    const text = d?.kind === 'call' ? [d.call.receiver, ...d.call.args].map((x) => this.ctx.approx(x)).join('/') : this.ctx.approx(url);
    if (TOKEN_URL.test(text)) return true;
    const n = url.kind === 'name' ? url.name : url.kind === 'member' ? url.property : undefined;
    return !!n && /token_?(endpoint|url|uri)$/i.test(n);
  }

  private isSecureObject(c: Call): boolean {
    if (isCommand(c, 'ConvertTo-SecureString', 'Get-Credential', 'Import-Clixml')) return true;
    if (isCommand(c, 'Read-Host') && !!this.ctx.arg(c, 'AsSecureString')) return true;
    if (isCommand(c, 'New-Object')) {
      const t = this.ctx.value(this.ctx.arg(c, 'TypeName')?.value ?? c.args[0]) ?? '';
      return /PSCredential$|SecureString$/i.test(t);
    }
    if (c.name === 'new' && c.callee.length > 1) return SECURE_OBJECT.test(c.callee[c.callee.length - 2]);
    return c.kind === 'new' && SECURE_OBJECT.test(c.name);
  }

  private isPsCredential(object: Expr): boolean {
    const d = this.ctx.deref(object);
    if (d?.kind === 'call') return d.call.name !== 'GetNetworkCredential' && (this.isSecureObject(d.call) || /Credential$/i.test(d.call.name));
    const n = object.kind === 'name' ? object.name : object.kind === 'member' ? object.property : '';
    return /cred/i.test(n);
  }

  /** PowerShell `[bool]$token`, `[int]$x`: the adapter keeps the name, the cast makes it a scalar. */
  private castToScalar(e: NameExpr): boolean {
    if (this.lang !== 'powershell') return false;
    const before = this.ctx.model.text.slice(Math.max(0, e.range.start - 24), e.range.start);
    return /\[(bool|boolean|switch|int|int32|int64|long|double|datetime)\]\s*$/i.test(before);
  }

  /**
   * Children of an unknown expression whose value passes through it: `a ?? b`, `a || b`, `a or b`,
   * `c ? a : b` / `a if c else b` (not the condition), casts, parentheses, `await`. Undefined when the
   * operator computes something else (comparison, negation, arithmetic).
   */
  passingChildren(e: Expr & { kind: 'unknown' }): Expr[] | undefined {
    const kids = [...(e.children ?? [])].sort((a, b) => a.range.start - b.range.start);
    if (!kids.length) return undefined;
    const ops: string[] = [];
    let pos = e.range.start;
    for (const k of kids) {
      ops.push(this.ctx.model.text.slice(pos, k.range.start));
      pos = Math.max(pos, k.range.end);
    }
    ops.push(this.ctx.model.text.slice(pos, e.range.end));
    const inner = ops.slice(1, -1).map((o) => o.trim());
    const lead = ops[0].trim();
    const trail = ops[ops.length - 1].trim();
    if (kids.length === 1) {
      // Casts and wrappers: `(string)x`, `x as string`, `x!`, `await x`, `(x)`, `[string]$x`.
      if (/^(\(+\s*(string|String|object|var|dynamic)?\s*\)?\s*|\[string\]|await|\()*$/.test(lead) && /^(\)|!|as\s+\w+|\s)*$/.test(trail)) return kids;
      return undefined;
    }
    if (!lead && !trail && inner.every((o) => /^(\?\?|\|\||or)$/.test(o))) return kids; // any operand may be the value
    if (!lead && !trail && inner.every((o) => /^(&&|and)$/.test(o))) return kids.slice(-1); // `token && token.slice(0, 8)`: the last one
    if (kids.length === 3 && inner[0] === '?' && inner[1] === ':') return kids.slice(1);
    if (kids.length === 3 && inner[0] === 'if' && inner[1] === 'else') return [kids[0], kids[2]];
    if (/^-join$/i.test(inner.join(' ')) || /^\+$/.test(inner.join(''))) return kids; // string building the adapter left unknown
    return undefined;
  }

  /** Whether a secret-carrying object prints its fields at this position. */
  leaksObject(v: Secret, where: Where): boolean {
    if (v.shape === 'plain') return true;
    if (v.shape === 'http') return false;
    if (where.serialized) return true;
    // A token result or hashtable sent to the output stream is shown property by property (AccessToken, RefreshToken, client_secret).
    if (where.formatted && !where.inString && this.lang === 'powershell' && (v.shape === 'opaque' || v.shape === 'dict')) return true;
    if (v.shape === 'opaque') return false;
    const lang = this.lang;
    if (lang === 'python') return true; // str()/repr() of a dict or namedtuple shows the values
    if (lang === 'javascript' || lang === 'typescript') return !where.inString; // `${obj}` is [object Object]
    if (lang === 'powershell') return v.shape === 'dict'; // PSCustomObject from JSON prints @{access_token=…}
    return false;
  }
}

export function isReadable(e: Expr): boolean {
  return e.kind === 'name' || e.kind === 'member' || e.kind === 'index' || (e.kind === 'call' && e.call.args.length === 0);
}

/** `hashedPassword`, `tokenPrefix`, `maskedSecret`: a value named as derived from the secret. */
export function derivedNamed(e: Expr): boolean {
  const n = lastSegment(e);
  if (!n) return false;
  const k = normKey(n);
  return startsWithDerivedWord(n) || /(prefix|suffix|hash|length|len|count|mask|masked|preview|hint|expiry|expires\w*|type|name|id|url|uri|endpoint|path|file)$/.test(k);
}

export function describeName(e: Expr): string | undefined {
  if (e.kind === 'name') return e.name;
  if (e.kind === 'member') return e.property;
  if (e.kind === 'call') {
    const n = e.call.named.find((a) => /^name$/i.test(a.name))?.value;
    return n?.kind === 'string' ? n.text : undefined;
  }
  return undefined;
}


export function lastSegment(e: Expr | undefined): string | undefined {
  if (!e) return undefined;
  if (e.kind === 'name') return e.name;
  if (e.kind === 'member') return e.property;
  if (e.kind === 'call') return e.call.name;
  return undefined;
}

export interface Carry {
  expr: Expr;
  secret: Secret;
  /** `##vso[task.setvariable]` without issecret=true. */
  setVariable?: boolean;
}

export const PIPELINE_MASKED = /^\s*(##vso\[task\.setsecret\]|::add-mask::)|##vso\[task\.setvariable\b[^\]]*\bissecret\s*=\s*true/i;
export const PIPELINE_SETVAR = /^\s*##vso\[task\.setvariable\b/i;

export class Collector {
  readonly out: Carry[] = [];
  constructor(
    private readonly ctx: RuleContext,
    private readonly a: Analysis,
  ) {}

  /** Secret-carrying parts of a logged argument. */
  collect(e: Expr, where: Where & { prose: boolean; setVariable?: boolean }, depth = 0): void {
    if (depth > 10) return;
    switch (e.kind) {
      case 'concat': {
        const literal = e.parts.filter((p) => p.kind === 'string').map((p) => (p as Expr & { kind: 'string' }).text).join('');
        if (PIPELINE_MASKED.test(literal)) return;
        const setVariable = where.setVariable || PIPELINE_SETVAR.test(literal);
        if (where.prose && !/[A-Za-z]{2}/.test(literal)) return;
        for (const p of e.parts) this.collect(p, { inString: true, serialized: where.serialized, prose: false, setVariable }, depth + 1);
        return;
      }
      case 'string':
      case 'literal':
        return;
      case 'object':
        if (where.prose) return;
        for (const p of e.entries) {
          const before = this.out.length;
          this.collect(p.value, { ...where, inString: false }, depth + 1);
          if (this.out.length === before && isReadable(p.value)) {
            const kind = kindOfKey(p.key);
            const v = this.a.value(p.value);
            if (kind && v !== 'safe' && !derivedNamed(p.value)) this.add(p.value, { kind, shape: 'plain' }, where.setVariable);
          }
        }
        for (const s of e.spreads) this.collect(s, where, depth + 1);
        return;
      case 'array':
        if (where.prose) return;
        for (const i of e.items) this.collect(i, where, depth + 1);
        return;
      case 'spread':
        this.collect(e.argument, where, depth + 1);
        return;
      case 'unknown': {
        const passing = this.a.passingChildren(e);
        if (passing) for (const c of passing) this.collect(c, where, depth + 1);
        return;
      }
      case 'call': {
        if (where.prose) return;
        const c = e.call;
        // `$r | Select-Object *`: the same object, reported where it comes from; `Select-Object RefreshToken`: that property, where it is named.
        if (c.input && isCommand(c, 'Select-Object', 'select')) {
          const sel = selection(this.ctx, c);
          if (sel.whole) return this.collect(c.input, where, depth + 1);
          for (const m of sel.expand ? [sel.expand] : sel.kept) this.collect(m, where, depth + 1);
          return;
        }
        // `Write-Output $x | Out-File …`: Write-Output hands its arguments on down the pipeline.
        if (c.kind === 'command' && /^(Write-Output|echo|write)$/i.test(c.name)) {
          for (const a of [...c.args, ...(c.input ? [c.input] : []), ...c.named.filter((n) => /^InputObject$/i.test(n.name) && n.value).map((n) => n.value!)]) this.collect(a, where, depth + 1);
          return;
        }
        // Serializers and pass-through wrappers: report the value they carry, not the wrapper.
        if (nameMatches(c, SERIALIZER) || PASS_FUNCTION.test(c.name)) {
          let target = c.input ?? c.args[0] ?? c.receiver;
          while (target?.kind === 'call' && target.call.input && isCommand(target.call, 'Select-Object', 'select') && selection(this.ctx, target.call).whole) target = target.call.input;
          if (target) {
            const serialized = where.serialized || nameMatches(c, SERIALIZER);
            const v = this.a.value(target);
            if (isSecret(v) && v.shape !== 'plain' && this.a.leaksObject(v, { inString: false, serialized })) return this.add(target, v, where.setVariable);
            this.collect(target, { ...where, serialized }, depth + 1);
            return;
          }
        }
        if ((PASS_METHOD.test(c.name) || (AWAIT_METHOD.test(c.name) && !c.args.length)) && c.receiver && !/^(json|Json)$/.test(c.name)) {
          const v = this.a.value(e);
          // `token.ToString()` is reported as `token`; `res.text()` of an HTTP response is the body itself.
          const r = this.a.value(c.receiver);
          if (isSecret(v) && !(isSecret(r) && r.shape === 'http')) return this.collect(c.receiver, where, depth + 1);
        }
        break;
      }
    }
    if (where.prose) return;
    const v = this.a.value(e);
    if (isSecret(v) && this.a.leaksObject(v, where)) this.add(e, v, where.setVariable);
  }

  private add(expr: Expr, secret: Secret, setVariable?: boolean): void {
    this.out.push({ expr, secret, setVariable });
  }
}

/** A compact description of an expression built from the model (names, members, keys, call names: never a literal argument). */
export function short(ctx: RuleContext, e: Expr): string {
  const t = describe(ctx, e, 0);
  return t.length > 60 ? '…' + t.slice(t.length - 57) : t;
}

export function describe(ctx: RuleContext, e: Expr, depth: number): string {
  if (depth > 6) return '…';
  switch (e.kind) {
    case 'name':
      return ctx.text(e.range);
    case 'member':
      return `${describe(ctx, e.object, depth + 1)}.${e.property}`;
    case 'index':
      return `${describe(ctx, e.object, depth + 1)}[${e.key.kind === 'string' ? ctx.text(e.key.range) : '…'}]`;
    case 'call': {
      const c = e.call;
      if (c.kind === 'command') return c.name;
      // A single key-like literal (`"PARTNER_CLIENT_SECRET"`, `"PartnerRefreshToken"`) is shown; anything that could be a value is not.
      const a0 = c.args[0];
      const keyLike = c.args.length === 1 && a0.kind === 'string' && /^([A-Z][A-Z_]+|[A-Za-z][a-z]+([A-Z_:.-][A-Za-z][a-z]*)*)$/.test(a0.text) && a0.text.length <= 40;
      const args = keyLike ? ctx.text(a0.range) : c.args.length ? '…' : '';
      return `${c.kind === 'new' ? 'new ' : ''}${c.receiver ? describe(ctx, c.receiver, depth + 1) + '.' : ''}${c.name}(${args})`;
    }
    case 'unknown': {
      const inner = e.children?.length === 1 ? e.children[0] : undefined;
      return inner ? `(${describe(ctx, inner, depth + 1)})` : '(…)';
    }
    default:
      return '…';
  }
}

/** ` (from `result.AccessToken`, line 4)` for values that reached the sink through a variable. */
export function origin(ctx: RuleContext, s: Secret, flagged: Expr): string {
  const via = s.via;
  if (!via || via !== flagged || !via.def || !via.defRange) return '';
  // A value standing for another one (`x` of `p.then((x) => …)` is the settled `p`): name that one.
  const d = via.def.kind === 'unknown' && via.def.children?.length === 1 && via.def.children[0].range.start === via.def.range.start && via.def.children[0].range.end === via.def.range.end ? via.def.children[0] : via.def;
  const line = lineOf(ctx, via.defRange.start);
  if (d.kind === 'member' || d.kind === 'index' || d.kind === 'name') return ` (from \`${short(ctx, d)}\`, line ${line})`;
  if (d.kind === 'call') return ` (from \`${short(ctx, d)}\`, line ${line})`;
  return ` (the ${d.kind === 'object' ? 'object' : d.kind === 'array' ? 'list' : 'value'} assigned on line ${line})`;
}

/** `Select-Object` arguments: the properties it keeps, or the whole object (`*`, none, `-First 1`); `-ExpandProperty` unwraps one. */
export function selection(ctx: RuleContext, c: Call): { whole: boolean; kept: MemberExpr[]; expand?: MemberExpr } {
  // Each kept property is read from the input as a member access, ranged on the argument that names it.
  const member = (e: Expr | undefined): MemberExpr | undefined => {
    const property = ctx.value(e);
    if (!e || !c.input || property === undefined || property === '*') return undefined;
    const m: MemberExpr = { kind: 'member', object: c.input, property, path: [...(c.input.kind === 'name' ? [c.input.name] : c.input.kind === 'member' ? c.input.path : ['?']), property], range: e.range };
    SELECTED.add(m);
    return m;
  };
  const expand = member(ctx.arg(c, 'ExpandProperty')?.value);
  const listed = ctx.arg(c, 'Property')?.value ?? c.args[0];
  const items = listed ? (listed.kind === 'array' ? listed.items : [listed]) : [];
  const kept = items.map(member).filter((m): m is MemberExpr => !!m);
  return { whole: !expand && (!listed || items.some((i) => ctx.value(i) === '*')), kept, expand };
}
/** Member accesses made up for `Select-Object` arguments: reported, never rewritten. */
export const SELECTED = new WeakSet<Expr>();

/** A path (or the name holding it) that names a log or transcript file. */
export function isLogPath(ctx: RuleContext, e: Expr): boolean {
  const text = ctx.approx(e);
  if (/(^|[\\/._-])(log|logs|transcript)([\\/._-]|\w*\.|$)|\.log\b|log\.txt$/i.test(text)) return true;
  const n = e.kind === 'name' ? e.name : e.kind === 'member' ? e.property : '';
  return /log|transcript/i.test(n);
}

/** Client-credentials (app-only) acquisitions. */
const CLIENT_CREDENTIALS_CALL = /^(acquire_token_for_client|AcquireTokenForClient|acquireTokenByClientCredential|acquireTokenForClient)$/;

/** `kindOfKey` kinds as the shared secret kinds (`bearer token`, `ID token`: access tokens). */
function asSecretKind(kind: string): SecretKind {
  return kind === 'bearer token' || kind === 'ID token' ? 'access token' : (kind as SecretKind);
}

/**
 * The Azure CLI printing a secret: `az ad app credential reset` / `az ad sp credential reset` (a new client secret;
 * with `--query password` the secret alone, else JSON holding it), `az account get-access-token` (a token; with
 * `--query accessToken` the token alone).
 */
function azCliSecret(ctx: RuleContext, c: Call): Verdict {
  if (c.kind !== 'command' || !/^az(\.cmd|\.exe)?$/i.test(c.name)) return undefined;
  const words = c.args.map((a) => ctx.value(a) ?? ctx.text(a.range)).join(' ').toLowerCase();
  const query = ctx.value(c.named.find((n) => /^-?query$/i.test(n.name))?.value)?.toLowerCase() ?? (/--query\s+(\S+)/.exec(ctx.text(c.range))?.[1] ?? '').toLowerCase();
  if (/\b(ad\s+(app|sp)\s+credential\s+reset|ad\s+sp\s+create-for-rbac)\b/.test(words)) return query.includes('password') ? { kind: 'client secret', shape: 'plain' } : { kind: 'client secret', shape: 'dict' };
  if (/\baccount\s+get-access-token\b/.test(words)) return query.includes('accesstoken') ? { kind: 'access token', shape: 'plain' } : { kind: 'token response', shape: 'dict' };
  return undefined;
}
