// no-token-logging: access tokens, refresh tokens, passwords and secrets written to a console or log sink.
//
// Two halves: (1) which calls are sinks (by API meaning: console/host writers, logging frameworks and
// logger-named receivers, custom `Write-Log` commands, log files), and (2) which parts of their arguments
// carry a secret value (by name, member, index key, getter, definition, token responses, Key Vault reads),
// while derived values (prefix, length, hash, boolean, mask) do not.
import type { Call, Expr, LanguageId, MemberExpr, NameExpr, Range } from '../model/types';
import type { Rule, RuleContext } from '../engine/types';
import { CODE_LANGUAGES } from '../common/meta';
import { lineOf } from '../common/report';
import { isCommand, nameMatches } from '../common/commands';
import { normKey, secretKindOfKey } from '../common/secrets';
import { redactFix } from '../fixes/redact';

const ID = 'no-token-logging';

// ---------------------------------------------------------------------------------------------
// What a value is

/** How a secret-carrying value prints: a plain string, a structure that shows its fields when printed, or one that only does when serialized. */
type Shape = 'plain' | 'dict' | 'opaque' | 'kv' | 'kvresponse' | 'http';

interface Secret {
  kind: string;
  shape: Shape;
  /** The secret is one field of an object, list or request body (`$body`, `headers`). */
  contained?: boolean;
  /** The name whose definition made the value a secret (for "where it came from"). */
  via?: NameExpr;
}
type Verdict = Secret | 'safe' | undefined;

const isSecret = (v: Verdict): v is Secret => typeof v === 'object';

// A first word that says the value is not the secret itself: `maskedToken`, `hashed_password`, `securePassword`
// (a SecureString), `hasRefreshToken`, `usePassword` (a flag). `tokenPrefix` is not a secret name anyway.
const DERIVED_WORD = /^(masked|redacted|hashed|hash|truncated|short|partial|safe|obfuscated|sanitized|hidden|encrypted|protected|secure|ss|has|is|no|missing|valid|invalid|use|uses|skip|ask|should|can|need|needs|log|print|show|with|without|enable|enabled|require|required)$/;

function startsWithDerivedWord(key: string): boolean {
  const words = key.replace(/^env:/i, '').split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).filter(Boolean);
  return words.length > 1 && DERIVED_WORD.test(words[0].toLowerCase());
}

/** The secret a key/name/property denotes, or undefined. Reuses the shared classification; adds the Authorization header. */
function kindOfKey(key: string | undefined): string | undefined {
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

const PASS_METHOD = /^(ToString|toString|Trim|trim|TrimEnd|TrimStart|strip|rstrip|lstrip|trimEnd|trimStart|encode|decode|ToCharArray|toCharArray|getBytes|GetBytes|ExecuteAsync|Execute|execute|GetAwaiter|GetResult|ConfigureAwait|json|Json|text|ReadAsStringAsync|ReadAsString|body|string|getBody)$/;
/** Futures and tasks: `.get()`, `.join()`, `.Result`, `.block()` hand back what they wrap. */
const AWAIT_METHOD = /^(get|join|Result|result|GetResult|block|blockingGet|Wait)$/;
const PASS_FUNCTION = /^(str|String|repr|valueOf|ToString|toString|format|b64encode|urlsafe_b64encode|btoa|ToBase64String|encodeToString|from|quote|escape|encodeURIComponent|unquote)$/;
const SERIALIZER = /^(ConvertTo-Json|ConvertTo-Xml|ConvertTo-Csv|Format-List|Format-Table|Format-Custom|Format-Wide|Out-String|dumps|dump|pformat|stringify|SerializeObject|Serialize|toJson|writeValueAsString|inspect|format_exc|asdict|vars|model_dump|model_dump_json|dict|to_dict|toJSON)$/;
/** Declared types that may hold a secret's text (or anything): a parameter of another type cannot print one. */
const TEXT_TYPES = /^(string\??|String|char\[\]|CharSequence|StringBuilder|StringBuffer|ReadOnlySpan<char>|ReadOnlyMemory<char>|var|dynamic|object\??|Object|JsonElement|JsonNode|JsonObject|JObject|JToken|IDictionary<.*|Dictionary<.*|IReadOnlyDictionary<.*|Map<.*|HashMap<.*|(?:[\w.]+\.)?(?:Token|Secret|Credential)Response\b.*|T)$/;

/** Per model: scope -> parent, and `scope name` -> the parameter's declared type (a rule runs over many names). */
const PARAMETER_TYPES = new WeakMap<object, { parents: Map<number, number>; types: Map<string, string | undefined> }>();

/** The declared type of the parameter `e` names (the nearest enclosing declaration), where the language has one. */
function declaredType(ctx: RuleContext, e: NameExpr): string | undefined {
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
const DERIVED_CALL = /^(Substring|substring|substr|slice|Take|take|Left|Right|Truncate|truncate|Remove|PadRight|Split|split|mask\w*|Mask\w*|redact\w*|Redact\w*|obfuscate\w*|Obfuscate\w*|hash\w*|Hash\w*|GetHashCode|ComputeHash|HashData|hexdigest|digest|sha\d+|md5|createHash|update|len|Length|length|Count|count|size|StartsWith|startsWith|startswith|EndsWith|endsWith|endswith|Contains|contains|includes|Equals|equals|IsNullOrEmpty|IsNullOrWhiteSpace|isEmpty|isBlank|isNotEmpty|bool|Boolean|isinstance|type|Get-FileHash|Measure-Object|ConvertFrom-SecureString|Protect-\w+|decode_jwt|jwt_decode|jwtDecode|ReadJwtToken|getClaims|claims)$/;
/** Token acquisition calls: their result is a token response (access token, usually a refresh token). */
const ACQUIRE = /^(acquire_?token\w*|acquireToken\w*|AcquireToken\w*|New-PartnerAccessToken|Get-MsalToken|Get-AzAccessToken|Get-AzureADToken|Get-PartnerAccessToken|get_token|getToken|GetToken|GetTokenAsync|getTokenSync|acquire_token_for_client|requestAccessToken|exchangeRefreshToken|redeem\w*Code\w*|loginPopup|ssoSilent|handleRedirectPromise)$/;
const KV_READ = /^(Get-AzKeyVaultSecret|Get-AzureKeyVaultSecret|Get-Secret|get_secret|GetSecret|GetSecretAsync|getSecret|GetSecretValue|getSecretValue|GetSecretValueAsync|get_secret_value)$/;
const NOT_SECRET_KEY = /(id|ids|url|uri|endpoint|name|domain|tenant|username|user|upn|email|thumbprint|scope|scopes|resource|audience)$/;
const KV_VALUE = /^(Value|value|SecretValueText|SecretString|secret_string|getValue|GetValue|SecretBinary)$/;
const CONFIG_GET = /^(get|Get|getenv|getHeader|GetHeader|get_header|GetEnvironmentVariable|getProperty|GetProperty|GetValue|getValue|getString|GetString|getOrDefault|GetConnectionString|get_env|env|environ\.get|getConfig|GetConfig|readSecret|read_secret)$/;
const HTTP_CALL = /^(Invoke-RestMethod|Invoke-WebRequest|irm|iwr|post|Post|PostAsync|request|Request|SendAsync|send|fetch|urlopen|execute)$/;
const SECURE_OBJECT = /^(ConvertTo-SecureString|Get-Credential|Import-Clixml|Import-CliXml|SecureString|PSCredential|pscredential|PsCredential|NetworkCredential|DefaultAzureCredential|ClientSecretCredential|CertificateCredential)$/;
/** Commands that create and return a new client secret (its `.Value` / `.SecretText`). */
const NEW_CLIENT_SECRET = /^(New-AzureAD(Application|ServicePrincipal)PasswordCredential|Add-Mg(Beta)?(Application|ServicePrincipal)Password|New-AzAD(App|Sp|Application|ServicePrincipal)Credential|New-Entra(Beta)?(Application|ServicePrincipal)Password(Credential)?)$/;
/** A PowerShell command named for the token it gets (`Get-GraphToken`, `Get-AccessToken`, `Request-PartnerToken`): its noun. */
const TOKEN_COMMAND = /^(?:[\w.]+\\)?(?:Get|New|Request|Invoke|Update|Refresh|Renew|Receive)-(\w*Tokens?)$/i;
/** Token nouns that are no credential: anti-forgery, paging, cancellation, parser tokens. */
const NOT_AUTH_TOKEN = /(csrf|xsrf|antiforgery|verification|page|paging|cancellation|continuation|parser|psparser|lexer|sync|delta|skip|resume|change|next|registration)tokens?$/i;
const TOKEN_URL = /\/oauth2\/(v2\.0\/)?token\b|\/token\/?(\?|$)|\/connect\/token\b/i;
/** Generic token names that are as often a lexer, parser or NLP token as an access token. */
const WEAK_NAME = /^(token|tok)$/;
/** Calls that produce lexer and parser tokens. */
const LEXER_CALL = /^(tokens?|tokenize\w*|Tokenize\w*|tokenizer|Tokenizer|\w*[Ll]exer\w*|next_?token|nextToken|NextToken|peek_?token|peekToken|PeekToken|current_?token|currentToken|CurrentToken|get_?next_?token|getNextToken|GetNextToken|read_?token|readToken|ReadToken|consume_?token|consumeToken|expect_?token|expectToken|scan_?token|scanToken|lex_?token|lexToken)$/i;
/** Libraries and namespaces that obtain or use OAuth tokens. */
const AUTH_MODULE = /msal|adal|azure[./-]identity|Azure\.Identity|Microsoft\.Identity|IdentityModel|keyvault|oauth|google\.auth|jwt|jose|passport|PartnerCenter/i;

interface Where {
  /** Inside a string (interpolation hole or concatenation operand): objects print as their ToString there. */
  inString: boolean;
  /** Serialized or formatted (ConvertTo-Json, JSON.stringify, `{@X}`): objects print their fields. */
  serialized: boolean;
  /** PowerShell's output stream (implicit output, script-level Write-Output): formats an object by its properties, unlike a string hole or Write-Host. */
  formatted?: boolean;
}

class Analysis {
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
      if (isSecret(d)) return { kind: own && d.shape === 'plain' && (d.kind === 'secret' || own !== 'secret') ? own : d.kind, shape: d.shape, contained: d.contained, via: e };
      if (d === 'safe') return 'safe';
      if (own && e.def.kind === 'call' && this.isSecureObject(e.def.call)) return 'safe';
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
      return { kind, shape: 'plain' };
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
      return { kind: 'token response', shape: this.responseShape() };
    }
    if (nameMatches(c, HTTP_CALL) && this.isTokenEndpointCall(c)) return { kind: 'token response', shape: c.kind === 'command' && /^(Invoke-RestMethod|irm)$/i.test(name) ? 'dict' : 'http' };
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

function isReadable(e: Expr): boolean {
  return e.kind === 'name' || e.kind === 'member' || e.kind === 'index' || (e.kind === 'call' && e.call.args.length === 0);
}

/** `hashedPassword`, `tokenPrefix`, `maskedSecret`: a value named as derived from the secret. */
function derivedNamed(e: Expr): boolean {
  const n = lastSegment(e);
  if (!n) return false;
  const k = normKey(n);
  return startsWithDerivedWord(n) || /(prefix|suffix|hash|length|len|count|mask|masked|preview|hint|expiry|expires\w*|type|name|id|url|uri|endpoint|path|file)$/.test(k);
}

function describeName(e: Expr): string | undefined {
  if (e.kind === 'name') return e.name;
  if (e.kind === 'member') return e.property;
  if (e.kind === 'call') {
    const n = e.call.named.find((a) => /^name$/i.test(a.name))?.value;
    return n?.kind === 'string' ? n.text : undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Sinks

interface SinkArg {
  expr: Expr;
  /** The PowerShell output stream, which shows objects property by property. */
  formatted?: boolean;
  /** Only secrets inside prose strings count (PowerShell Write-Output / implicit output also return values). */
  prose?: boolean;
  serialized?: boolean;
}
interface Sink {
  label: string;
  args: SinkArg[];
}

const LOGGER_NAME = /^(?:_*|m_|s_)(?:log|logger|logging|logs|logr|slog|log4j|log4js|winston|signale|consola|npmlog|structlog)$/i;
const LOGGER_SUFFIX = /(?:[a-z0-9](?:Log|Logger)|_(?:log|logger|LOG|LOGGER))$/;
const LOGGER_FACTORY = /^(get_?logger|getLogger|GetLogger|GetCurrentClassLogger|CreateLogger|createLogger|ForContext|child|getChild|pino|bunyan|Logger|getLog)$/;
const LOGGER_METHOD = /^(log|info|information|debug|warn|warning|error|exception|critical|fatal|trace|verbose|silly|fine|finer|finest|severe|notice|alert|emerg|emergency|success|write|writeline|print|printf|msg)$/i;
const LOGGER_PREFIX_METHOD = /^(Log[A-Z]\w*|(Info|Debug|Warn|Error|Fatal|Trace|Verbose)Format|(info|debug|warn|error|trace)f)$/;
const CONSOLE_METHOD = /^(log|info|debug|warn|error|trace|dir|dirxml|table|group|groupCollapsed|assert|print)$/;
const PS_HOST_SINK = /^(Write-Host|Write-Verbose|Write-Debug|Write-Information|Write-Warning|Write-Error|Out-Host|Out-Default|Write-EventLog|Write-PSFMessage)$/i;
const PS_OUTPUT = /^(Write-Output|echo|write)$/i;
const PS_FILE = /^(Out-File|Add-Content|Set-Content|Tee-Object|ac|sc)$/i;
const PS_CUSTOM_LOG = /^((Write|Add|Out|Send|Log)-(\w*[a-z0-9])?Log(s|ging|Entry|Message|Line|Info|Text|Event|File)?|Log-\w+|Write-(\w+)?(Log|Trace)(Entry|Message)?)$/;
const BARE_LOG_FUNCTION = /^(log|debug|trace|logger|write_?log|writeLog|WriteLog|log_?(info|debug|warn|warning|error|message|msg|line|event|output)|Log(Info|Debug|Warn|Warning|Error|Message|Line|Event)?)$/;
const NOT_MESSAGE_PARAM = /^(Path|FilePath|LiteralPath|LogPath|LogFile|LogName|Encoding|Level|Severity|LogLevel|Component|Source|EntryType|EventId|Category|ForegroundColor|BackgroundColor|Separator|NoNewline|Append|Force|Tag|Tags|FunctionName|ModuleName|Id|Activity|PercentComplete|ErrorId|TargetObject|RecommendedAction|\w+Action|\w+Variable|file|flush|sep|end|stacklevel|exc_info|stack_info|level|fg|bg|err|nl|color)$/i;

function lastSegment(e: Expr | undefined): string | undefined {
  if (!e) return undefined;
  if (e.kind === 'name') return e.name;
  if (e.kind === 'member') return e.property;
  if (e.kind === 'call') return e.call.name;
  return undefined;
}

function isLoggerish(ctx: RuleContext, e: Expr | undefined): boolean {
  if (!e) return false;
  if (e.kind === 'call') return LOGGER_FACTORY.test(e.call.name) && (e.call.name !== 'child' || isLoggerish(ctx, e.call.receiver));
  const n = lastSegment(e);
  if (!n) return false;
  if (LOGGER_NAME.test(n) || LOGGER_SUFFIX.test(n)) return true;
  const d = ctx.deref(e);
  return d !== e && d?.kind === 'call' && LOGGER_FACTORY.test(d.call.name) && d.call.name !== 'child';
}

function calleeLabel(c: Call): string {
  const parts = c.callee.filter((p) => p !== 'this' && p !== 'self');
  return (parts.length > 3 ? parts.slice(-3) : parts).join('.') || c.name;
}

function positional(c: Call, from = 0): SinkArg[] {
  return c.args.slice(from).map((expr) => ({ expr }));
}

function sinkOf(ctx: RuleContext, c: Call, actionsCore: boolean): Sink | undefined {
  const lang = ctx.language === 'yaml' ? 'powershell' : ctx.language;
  const name = c.name;
  const recv = c.receiver;
  const recvName = lastSegment(recv) ?? (c.callee.length > 1 ? c.callee[c.callee.length - 2] : undefined); // `[Console]::WriteLine` has no receiver expression
  const label = calleeLabel(c);

  if (c.kind === 'command') {
    const messageArgs = (): SinkArg[] => {
      const out: SinkArg[] = positional(c);
      for (const n of ctx.named(c)) if (n.value && !NOT_MESSAGE_PARAM.test(n.name)) out.push({ expr: n.value });
      if (c.input) out.push({ expr: c.input });
      return out;
    };
    if (PS_HOST_SINK.test(name)) {
      const serialized = /^(Out-Host|Out-Default)$/i.test(name);
      return { label: name, args: messageArgs().map((a) => ({ ...a, serialized })) };
    }
    // Inside a function, Write-Output is how a value is returned: only prose strings with a secret in them count there.
    if (PS_OUTPUT.test(name)) {
      const top = scriptLevel(ctx, c.scope);
      return { label: name, args: messageArgs().map((a) => ({ ...a, prose: !top, formatted: top })) };
    }
    if (PS_FILE.test(name)) {
      const pathArg = ctx.arg(c, 'FilePath', 'Path', 'LiteralPath')?.value ?? c.args[0];
      if (!pathArg || !isLogPath(ctx, pathArg)) return undefined;
      const out: SinkArg[] = c.args.filter((a) => a !== pathArg).map((expr) => ({ expr }));
      for (const n of ctx.named(c)) if (n.value && /^(Value|InputObject)$/i.test(n.name)) out.push({ expr: n.value });
      if (c.input) out.push({ expr: c.input, serialized: /^Out-File$/i.test(name) });
      return { label: `${name} (log file)`, args: out };
    }
    if (PS_CUSTOM_LOG.test(name) || /^Log$/i.test(name)) return { label: name, args: messageArgs() };
    return undefined;
  }

  // Console and host writers.
  if (recvName === 'console' && CONSOLE_METHOD.test(name)) return { label, args: positional(c) };
  if (/^(Console|Out|Error)$/.test(recvName ?? '') && c.callee.includes('Console') && /^(Write|WriteLine|WriteAsync|WriteLineAsync)$/.test(name)) return { label, args: positional(c) };
  if (/^(Debug|Trace)$/.test(recvName ?? '') && /^(Write|WriteLine|WriteIf|WriteLineIf|Print|TraceInformation|TraceWarning|TraceError|Fail)$/.test(name)) return { label, args: positional(c) };
  if (c.callee[0] === 'System' && /^(out|err)$/.test(c.callee[1] ?? '') && /^(print|println|printf|format)$/.test(name)) return { label, args: positional(c) };
  if (/^(stdout|stderr)$/.test(recvName ?? '') && /^(write|writelines)$/.test(name)) return { label, args: positional(c) };
  if (lang === 'powershell' && /^(UI|PSCmdlet)$/.test(recvName ?? '') && /^Write(Line|VerboseLine|DebugLine|WarningLine|ErrorLine|InformationLine|Verbose|Debug|Warning|Information)?$/.test(name)) return { label, args: positional(c) };
  if (lang === 'python' && !recv && /^(print|pprint)$/.test(name)) {
    const args = positional(c);
    return { label: name, args: name === 'pprint' ? args.map((a) => ({ ...a, serialized: true })) : args };
  }
  if (lang === 'python' && /^(pprint)$/.test(recvName ?? '') && name === 'pprint') return { label, args: positional(c).map((a) => ({ ...a, serialized: true })) };
  if (/^(click|typer|tqdm)$/.test(recvName ?? '') && /^(echo|secho|write)$/.test(name)) return { label, args: positional(c) };
  if (/^(TrackTrace|TrackEvent|trackTrace|trackEvent)$/.test(name)) {
    const out = positional(c);
    return { label, args: out };
  }
  if (actionsCore && recvName === 'core' && /^(info|debug|notice|warning|error|setFailed)$/.test(name)) return { label, args: positional(c) };
  // Azure Functions: `context.log(...)` (and v4's `context.info/warn/error/debug/trace`).
  if (/^(context|ctx)$/.test(recvName ?? '') && (name === 'log' || (recvName === 'context' && /^(info|warn|error|debug|trace)$/.test(name)))) return { label, args: positional(c) };

  // Logging frameworks: ILogger, Serilog, NLog, log4net, SLF4J/log4j/JUL, logging/structlog, winston/pino/bunyan.
  if (recv && isLoggerish(ctx, recv) && (LOGGER_METHOD.test(name) || LOGGER_PREFIX_METHOD.test(name))) {
    const args: SinkArg[] = positional(c);
    if (lang === 'csharp') markDestructured(args);
    for (const n of ctx.named(c)) if (n.value && /^(extra|msg|message|args|kwargs|event)$/i.test(n.name)) args.push({ expr: n.value });
    if (lang === 'python') for (const n of ctx.named(c)) if (n.value && !NOT_MESSAGE_PARAM.test(n.name) && !/^(extra|msg|message|args)$/i.test(n.name)) args.push({ expr: n.value }); // structlog key=value
    return { label, args };
  }
  if (!recv && BARE_LOG_FUNCTION.test(name) && c.kind === 'call') return { label: name, args: positional(c) };
  return undefined;
}

/** Serilog/MEL message templates: an argument bound to `{@Name}` is serialized with all its fields. */
function markDestructured(args: SinkArg[]): void {
  const t = args.findIndex((a) => a.expr.kind === 'string');
  if (t < 0) return;
  const template = (args[t].expr as Expr & { kind: 'string' }).text;
  const holes = [...template.matchAll(/\{([@$]?)[A-Za-z_][\w.]*(?:[,:][^}]*)?\}/g)].map((m) => m[1] === '@');
  holes.forEach((destructure, i) => {
    const a = args[t + 1 + i];
    if (a && destructure) a.serialized = true;
  });
}

function isLogPath(ctx: RuleContext, e: Expr): boolean {
  const text = ctx.approx(e);
  if (/(^|[\\/._-])(log|logs|transcript)([\\/._-]|\w*\.|$)|\.log\b|log\.txt$/i.test(text)) return true;
  const n = e.kind === 'name' ? e.name : e.kind === 'member' ? e.property : '';
  return /log|transcript/i.test(n);
}

// ---------------------------------------------------------------------------------------------
// The rule

interface Carry {
  expr: Expr;
  secret: Secret;
  /** `##vso[task.setvariable]` without issecret=true. */
  setVariable?: boolean;
}

const PIPELINE_MASKED = /^\s*(##vso\[task\.setsecret\]|::add-mask::)|##vso\[task\.setvariable\b[^\]]*\bissecret\s*=\s*true/i;
const PIPELINE_SETVAR = /^\s*##vso\[task\.setvariable\b/i;

class Collector {
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

const WHY: Record<string, string> = {
  'refresh token': 'a logged refresh token is a stored credential that grants up to 90 days of access to every audience the consented partner account can reach',
  'token response': 'a token response holds the access token and usually the refresh token, a credential that grants up to 90 days of access',
  'token cache': 'a serialized MSAL token cache holds refresh tokens, credentials that grant up to 90 days of access',
  'access token': 'anyone who reads the log can call the API as the partner until the token expires',
  'bearer token': 'anyone who reads the log can call the API as the partner until the token expires',
  'ID token': "an ID token carries the partner user's identity and sign-in claims",
  password: 'a partner password must never be stored, which a log does',
  'client secret': 'anyone who reads the log can sign in as the application',
};
const WHY_DEFAULT = 'anyone who reads the log can use it to authenticate';
const SUBJECT: Record<string, string> = { 'bearer token': 'Authorization header (bearer token)' };

/** A compact description of an expression built from the model (names, members, keys, call names: never a literal argument). */
function short(ctx: RuleContext, e: Expr): string {
  const t = describe(ctx, e, 0);
  return t.length > 60 ? '…' + t.slice(t.length - 57) : t;
}

function describe(ctx: RuleContext, e: Expr, depth: number): string {
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
function origin(ctx: RuleContext, s: Secret, flagged: Expr): string {
  const via = s.via;
  if (!via || via !== flagged || !via.def || !via.defRange) return '';
  // A value standing for another one (`x` of `p.then((x) => …)` is the settled `p`): name that one.
  const d = via.def.kind === 'unknown' && via.def.children?.length === 1 && via.def.children[0].range.start === via.def.range.start && via.def.children[0].range.end === via.def.range.end ? via.def.children[0] : via.def;
  const line = lineOf(ctx, via.defRange.start);
  if (d.kind === 'member' || d.kind === 'index' || d.kind === 'name') return ` (from \`${short(ctx, d)}\`, line ${line})`;
  if (d.kind === 'call') return ` (from \`${short(ctx, d)}\`, line ${line})`;
  return ` (the ${d.kind === 'object' ? 'object' : d.kind === 'array' ? 'list' : 'value'} assigned on line ${line})`;
}

function message(ctx: RuleContext, carry: Carry, sink: string): string {
  const { kind } = carry.secret;
  const subject = SUBJECT[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1);
  const holder = carry.secret.contained || (carry.secret.shape !== 'plain' && kind !== 'token response');
  const what = holder
    ? `\`${short(ctx, carry.expr)}\`${origin(ctx, carry.secret, carry.expr)}, which holds ${/^[aeiouAEIOU]/.test(kind) ? 'an' : 'a'} ${kind},`
    : `${subject} \`${short(ctx, carry.expr)}\`${origin(ctx, carry.secret, carry.expr)}`;
  const why = WHY[kind] ?? WHY_DEFAULT;
  if (carry.setVariable) {
    return `${what} is set as a pipeline variable by \`${sink}\` without \`issecret=true\`, so it is not masked in the run's logs; ${why}. Add \`issecret=true\` (or register it with \`##vso[task.setsecret]\` / \`::add-mask::\`).`;
  }
  const to = sink === 'implicit output' ? 'the output stream (a bare script-level statement)' : `\`${sink}\``;
  const fix = kind === 'token response' ? 'Log only its non-secret fields (expiry, scopes) or nothing.' : 'Log a prefix, the length or a hash instead, or nothing.';
  return `${what} is written to ${to}; logs are stored, shipped and read by more people than the credential's owner, and ${why}. ${fix}`;
}

export const noTokenLogging: Rule = {
  meta: {
    id: ID,
    title: 'Do not write tokens, passwords or secrets to logs or the console',
    defaultSeverity: 'error',
    languages: [...CODE_LANGUAGES, 'yaml'],
    fixable: true,
  },
  check(ctx) {
    const analysis = new Analysis(ctx);
    const reported = new Set<string>();
    const actionsCore = ctx.imports.some((i) => i.module === '@actions/core');
    const emit = (carries: Carry[], sink: string) => {
      const perCall = new Set<string>(); // one finding per carried secret per call, even when it appears twice
      for (const carry of carries) {
        const key = `${carry.expr.range.start}:${carry.expr.range.end}`;
        const same = ctx.text(carry.expr.range).replace(/\s+/g, '');
        if (reported.has(key) || perCall.has(same)) continue;
        reported.add(key);
        perCall.add(same);
        // The fix redacts every place this value is written in the call (the finding is reported once for them).
        const all = carries.filter((c) => ctx.text(c.expr.range).replace(/\s+/g, '') === same).map((c) => c.expr);
        const fix = redaction(ctx, carry, all, sink);
        ctx.report({ range: carry.expr.range, message: message(ctx, carry, sink), ...(fix ? { fixes: [fix] } : {}) });
      }
    };

    for (const call of ctx.calls) {
      const sink = sinkOf(ctx, call, actionsCore);
      if (!sink) continue;
      const collector = new Collector(ctx, analysis);
      for (const a of sink.args) collector.collect(a.expr, { inString: false, serialized: !!a.serialized, formatted: !!a.formatted, prose: !!a.prose });
      emit(collector.out.filter((c) => !failureBody(ctx, analysis, c, call)), sink.label);
    }

    // PowerShell implicit output: an expandable string or a variable standing alone as a script-level statement is
    // written to the output stream (the console, the runbook's job output). Inside a function it is a return value.
    if (analysis.lang === 'powershell') {
      for (const s of ctx.strings) {
        if (s.kind !== 'concat' || !isStatement(ctx, s.range)) continue;
        const collector = new Collector(ctx, analysis);
        collector.collect(s, { inString: false, serialized: false, prose: true });
        emit(collector.out, 'implicit output');
      }
      for (const r of ctx.references) {
        if (!isStatement(ctx, r.range)) continue;
        const collector = new Collector(ctx, analysis);
        collector.collect(r, { inString: false, serialized: false, formatted: true, prose: false });
        emit(collector.out, 'implicit output');
      }
      // A script-level pipeline ending in a formatter or serializer (`$token | ConvertTo-Json`, `$r | Format-List`,
      // `$r | Select-Object *`) writes what it makes of its input to the output stream too.
      for (const c of ctx.calls) {
        if (c.kind !== 'command' || !c.input || !scriptLevel(ctx, c.scope) || !(nameMatches(c, SERIALIZER) || isCommand(c, 'Select-Object', 'select'))) continue;
        if (ctx.calls.some((o) => o.input?.kind === 'call' && o.input.call === c)) continue; // piped on
        if (!isStatement(ctx, { start: pipelineStart(c), end: c.range.end })) continue;
        const collector = new Collector(ctx, analysis);
        collector.collect({ kind: 'call', call: c, range: c.range }, { inString: false, serialized: false, formatted: true, prose: false });
        emit(collector.out, 'implicit output');
      }
    }
  },
};

/** A script embedded in pipeline YAML gets its own scope under the file's (each step runs in its own process): its top level is script level. */
function embeddedScript(ctx: RuleContext, s: { id: number; parent: number }): boolean {
  return ctx.language !== 'powershell' && s.parent === 0;
}

/** The script's top level (not a function or script block), where output goes to the console or the job output. */
function scriptLevel(ctx: RuleContext, scope: number): boolean {
  if (scope === 0) return true;
  const s = ctx.model.scopes.find((x) => x.id === scope);
  return !!s && embeddedScript(ctx, s);
}

/** Where a pipeline ending in `c` starts: its first element (`$x` in `$x | Select-Object * | Format-List`). */
function pipelineStart(c: Call): number {
  let start = c.range.start;
  for (let e: Expr | undefined = c.input; e; e = e.kind === 'call' ? e.call.input : undefined) start = Math.min(start, e.range.start);
  return start;
}

/** `Select-Object` arguments: the properties it keeps, or the whole object (`*`, none, `-First 1`); `-ExpandProperty` unwraps one. */
function selection(ctx: RuleContext, c: Call): { whole: boolean; kept: MemberExpr[]; expand?: MemberExpr } {
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
const SELECTED = new WeakSet<Expr>();

// ---------------------------------------------------------------------------------------------
// Error bodies: a token request's response printed where the code has just seen that request fail
// (`if r.status_code != 200: print(r.json())`, `if (!res.ok) console.error(await res.text())`, the `else` of
// `if r.ok:`) holds an error (`error`, `error_description`), not tokens.

/** Status members and getters of an HTTP response: a code, or a success or error flag. */
const STATUS_CODE = /^(status_code|status|StatusCode|statusCode|getStatusCode|getStatus|code|status_int|statusCodeValue|getStatusCodeValue)$/;
const SUCCESS_FLAG = /^(ok|IsSuccessStatusCode|is_success|isSuccessful|isSuccess|is2xxSuccessful|IsSuccessful)$/;
const ERROR_FLAG = /^(is_error|isError|IsError|is_client_error|is_server_error|isClientError|isServerError|is4xxClientError|is5xxServerError)$/;
const PARSE_CALL = /^(loads|parse|Parse|DeserializeObject|readTree|readValue|fromJson|ConvertFrom-Json)$/;

/** The HTTP token-endpoint response (a variable) whose body a logged value is, following reads, parsing and variables. */
function responseRoot(a: Analysis, e: Expr, depth = 0): NameExpr | undefined {
  if (depth > 8) return undefined;
  switch (e.kind) {
    case 'name': {
      const v = a.value(e);
      if (isSecret(v) && v.shape === 'http') return e;
      return e.def ? responseRoot(a, e.def, depth + 1) : undefined;
    }
    case 'member':
    case 'index':
      return responseRoot(a, e.object, depth + 1);
    case 'call': {
      const c = e.call;
      if (c.receiver && (PASS_METHOD.test(c.name) || AWAIT_METHOD.test(c.name))) return responseRoot(a, c.receiver, depth + 1);
      const target = c.input ?? c.args[0];
      if (target && (SERIALIZER.test(c.name) || PASS_FUNCTION.test(c.name) || PARSE_CALL.test(c.name))) return responseRoot(a, target, depth + 1);
      return undefined;
    }
    case 'unknown': {
      const kids = a.passingChildren(e);
      return kids?.length === 1 ? responseRoot(a, kids[0], depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

/** The logged token response is the body of a request that the enclosing branch has just seen fail. */
function failureBody(ctx: RuleContext, a: Analysis, carry: Carry, sink: Call): boolean {
  if (carry.secret.kind !== 'token response') return false;
  const root = responseRoot(a, carry.expr);
  if (!root) return false;
  const same = (x: Expr | undefined) => x?.kind === 'name' && x.name === root.name && x.def === root.def && x.scope === root.scope;
  const status = (n: string) => STATUS_CODE.test(n) || SUCCESS_FLAG.test(n) || ERROR_FLAG.test(n);
  // Status reads of that response before the sink: `r.status_code`, `res.ok`, `response.getStatusCode()`.
  const reads: Range[] = [];
  for (const r of ctx.references) if (r.kind === 'member' && r.range.end <= sink.range.start && same(r.object) && status(r.property)) reads.push(r.range);
  for (const c of ctx.calls) if (c.range.end <= sink.range.start && same(c.receiver) && c.args.length === 0 && status(c.name)) reads.push(c.range);
  const text = ctx.model.text;
  for (const r of reads) {
    const b = ctx.language === 'python' ? pythonBranch(text, r, sink.range.start) : braceBranch(text, r, sink.range.start);
    if (!b) continue;
    const polarity = statusPolarity(b.condition, r.start - b.conditionStart, r.end - b.conditionStart, text.slice(r.start, r.end));
    if (polarity && (polarity === 'failed') === (b.branch === 'then')) return true;
  }
  return false;
}

interface Branch {
  condition: string;
  conditionStart: number;
  branch: 'then' | 'else';
}

const indentOf = (line: string) => /^[ \t]*/.exec(line)![0].length;

/** Python: the `if`/`elif` whose condition holds `read`, when `at` is in its block or in the `else:` block after it. */
function pythonBranch(text: string, read: Range, at: number): Branch | undefined {
  const lineStart = text.lastIndexOf('\n', read.start - 1) + 1;
  const head = /^([ \t]*)(if|elif)\b/.exec(text.slice(lineStart, read.start));
  if (!head) return undefined;
  const conditionStart = lineStart + head[0].length;
  const colon = conditionEnd(text, read.end);
  if (colon < 0 || colon > at) return undefined;
  const b = (branch: 'then' | 'else'): Branch => ({ condition: text.slice(conditionStart, colon), conditionStart, branch });
  const indent = head[1].length;
  const colonLineEnd = text.indexOf('\n', colon);
  if (colonLineEnd < 0 || at < colonLineEnd) return b('then'); // `if not r.ok: print(r.text)`
  let branch: 'then' | 'else' = 'then';
  const atLineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lines = text.slice(colonLineEnd + 1, atLineStart).split('\n');
  for (const l of lines) {
    if (!l.trim() || l.trim().startsWith('#')) continue;
    const i = indentOf(l);
    if (i > indent) continue;
    if (i === indent && branch === 'then' && /^\s*else\s*:\s*(#.*)?$/.test(l)) {
      branch = 'else';
      continue;
    }
    return undefined; // dedented: past the if (or an elif, whose condition is another one)
  }
  const own = text.slice(atLineStart, at);
  if (indentOf(own) > indent) return b(branch);
  if (branch === 'then' && indentOf(own) === indent && /^\s*else\s*:\s*$/.test(own)) return b('else'); // `else: print(r.json())`
  return undefined;
}

/** The `:` closing a Python condition that goes on after `from` (brackets and strings skipped), or -1. */
function conditionEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === ':' && depth <= 0) return i;
    else if (ch === '\n' && depth <= 0 && text[i - 1] !== '\\') return -1;
    else if (ch === '"' || ch === "'") {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) return -1;
      i = end;
    }
  }
  return -1;
}

/** Brace languages: the innermost `if (…)` holding `read`, when `at` is in its statement or block, or in a plain `else` after it. */
function braceBranch(text: string, read: Range, at: number): Branch | undefined {
  const from = Math.max(0, read.start - 400);
  const ifs = [...text.slice(from, read.start).matchAll(/\bif\s*\(/g)];
  for (let k = ifs.length - 1; k >= 0; k--) {
    const open = from + ifs[k].index! + ifs[k][0].length - 1;
    const close = matching(text, open, '(', ')');
    if (close < 0 || close < read.end) continue;
    if (close > at) return undefined;
    const b = (branch: 'then' | 'else'): Branch => ({ condition: text.slice(open + 1, close), conditionStart: open + 1, branch });
    const then = blockAfter(text, close + 1);
    if (!then) return undefined;
    if (at >= then.start && at < then.end) return b('then');
    const rest = text.slice(then.end);
    const elseKw = /^\s*else\b\s*/.exec(rest);
    if (!elseKw || /^\s*else\s+if\b/.test(rest)) return undefined;
    const other = blockAfter(text, then.end + elseKw[0].length);
    return other && at >= other.start && at < other.end ? b('else') : undefined;
  }
  return undefined;
}

/** The `{…}` block or the single statement starting at `from` (after whitespace). */
function blockAfter(text: string, from: number): Range | undefined {
  const start = from + /^\s*/.exec(text.slice(from))![0].length;
  if (text[start] === '{') {
    const end = matching(text, start, '{', '}');
    return end < 0 ? undefined : { start, end: end + 1 };
  }
  const semi = text.indexOf(';', start);
  const nl = text.indexOf('\n', start);
  const end = semi < 0 ? nl : nl < 0 ? semi + 1 : Math.min(semi + 1, nl);
  return { start, end: end < 0 ? text.length : end };
}

/** The index of the bracket closing the one at `open` (string literals skipped), or -1. */
function matching(text: string, open: number, o: string, c: string): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === o) depth++;
    else if (ch === c && --depth === 0) return i;
    else if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== ch && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      i = j;
    }
  }
  return -1;
}

/** What a condition says at the status read `[start, end)` of it: the request 'failed', 'succeeded', or unknown. */
function statusPolarity(condition: string, start: number, end: number, read: string): 'failed' | 'succeeded' | undefined {
  const before = condition.slice(0, start);
  const after = condition.slice(end).replace(/^\s*\(\s*\)/, '');
  const negated = /(!|\bnot\s+|-not\s+)\(?\s*$/i.test(before);
  const name = read.replace(/\(\s*\)$/, '').split(/[.?]/).pop() ?? '';
  let ok: boolean | undefined;
  if (SUCCESS_FLAG.test(name) || ERROR_FLAG.test(name)) {
    const cmp = /^\s*(==|===|!=|!==|-eq|-ne|is\s+not|is)\s*(true|\$true|false|\$false)\b/i.exec(after);
    if (cmp) ok = /^(==|===|-eq|is)$/i.test(cmp[1]) === /true/i.test(cmp[2]);
    else if (/^\s*(==|===|!=|!==|-eq|-ne|is\b|<|>)/i.test(after)) return undefined;
    else ok = true;
    if (ERROR_FLAG.test(name)) ok = !ok;
  } else {
    const m = /^\s*(==|===|!=|!==|<>|>=|<=|>|<|-eq|-ne|-ge|-gt|-le|-lt|not\s+in|in)\s*([^\n]*)/i.exec(after);
    if (!m) return undefined;
    const op = m[1].toLowerCase().replace(/\s+/g, ' ');
    const n = /\b([1-5]\d\d)\b/.exec(m[2])?.[1];
    const code = n ? Number(n) : /\b(OK|ok|HTTP_OK|SC_OK)\b/.test(m[2]) ? 200 : undefined;
    if (code === undefined) return undefined;
    const success = code >= 200 && code < 300;
    if (/^(==|===|-eq|in)$/.test(op)) ok = success;
    else if (/^(!=|!==|<>|-ne|not in)$/.test(op)) ok = !success;
    else if (/^(>=|-ge)$/.test(op)) ok = code >= 300 ? false : undefined; // `>= 400`
    else if (/^(>|-gt)$/.test(op)) ok = code >= 299 ? false : undefined; // `> 299`
    else if (/^(<|-lt)$/.test(op)) ok = code >= 300 && code <= 400 ? true : undefined; // `< 300`
    else ok = code >= 299 && code < 400 ? true : undefined; // `<= 299`
    if (ok === undefined) return undefined;
  }
  if (negated) ok = !ok;
  return ok ? 'succeeded' : 'failed';
}

/** The string is a whole statement at script level: nothing but whitespace, `;`, `{`/`}` or a comment around it on its lines, outside any function or script block. */
function isStatement(ctx: RuleContext, r: Range): boolean {
  // The line test first: it rules out almost every reference, and the containment scans below cost the whole model each.
  const text = ctx.model.text;
  const lineStart = text.lastIndexOf('\n', r.start - 1) + 1;
  let lineEnd = text.indexOf('\n', r.end);
  if (lineEnd < 0) lineEnd = text.length;
  const before = text.slice(lineStart, r.start);
  const after = text.slice(r.end, lineEnd);
  if (!(/^[\s;{}]*$|^\s*(else|try|finally)?\s*\{\s*$|^\s*(if|elseif|foreach|for|while)\s*\(.*\)\s*\{\s*$/.test(before) && /^\s*[;}]*\s*(#.*)?\r?$/.test(after))) return false;
  if (ctx.model.scopes.some((s) => s.id !== 0 && !embeddedScript(ctx, s) && s.range.start <= r.start && r.end <= s.range.end)) return false;
  if (ctx.calls.some((c) => c.range.start <= r.start && r.end <= c.range.end)) return false;
  return !ctx.assignments.some((a) => a.range.start <= r.start && r.end <= a.range.end);
}

// ---------------------------------------------------------------------------------------------
// Quick fix: log a redacted form (`<redacted, N chars>`) instead of a secret string. Safe (only the log line
// changes) except where the "log" is the output stream (implicit output, Write-Output/echo), which a caller may
// consume. No fix for whole objects (token responses, bodies, headers) or pipeline variables: what to log instead
// of an object, or whether a variable may become secret, is a decision.

function redaction(ctx: RuleContext, carry: Carry, exprs: Expr[], sink: string) {
  if (carry.setVariable || carry.secret.shape !== 'plain' || carry.secret.contained || SELECTED.has(carry.expr)) return undefined;
  // `await res.text()`: the expression is a promise, the awaited text is what is logged; rewriting it alone would log a promise's length.
  if (/\bawait\s*$/.test(ctx.model.text.slice(Math.max(0, carry.expr.range.start - 16), carry.expr.range.start))) return undefined;
  const output = sink === 'implicit output' || /^(Write-Output|echo|write)$/i.test(sink);
  const shorthand = (e: Expr) => ctx.pairs.find((p) => p.value === e && p.keyRange.start === e.range.start && p.keyRange.end === e.range.end)?.key;
  return redactFix(ctx.model, exprs, `Log the ${carry.secret.kind}'s length instead of its value`, !output, shorthand);
}
