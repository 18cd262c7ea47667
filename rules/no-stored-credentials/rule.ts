// no-stored-credentials: passwords, client secrets, refresh and access tokens written into code or config.
import type { Call, Expr, Pair } from '../model/types';
import type { Fix, Rule, RuleContext } from '../engine/types';
import { fixWith } from '../fixes/edits';
import { mask } from '../engine/mask';
import { ALL_LANGUAGES, CODE_LANGUAGES } from '../common/meta';
import { checkFileWrites } from './files';
import { literalOf } from '../common/sources';
import { isCommand } from '../common/commands';
import { CONNECTION_SECRET, isPlaceholder, JWT_IN_TEXT, looksLikeSecretValue, REFRESH_TOKEN_TEXT, secretKindOfKey, URL_USERINFO, type SecretKind } from '../common/secrets';
import { storedSecretFixes, type StoredSecret } from '../fixes/stored-secrets';
import { liveTokenFacts } from '../common/livetoken';

const WHY = 'Partner credentials must never be stored in code, config or plain files: read it at run time from Key Vault (or a pipeline secret / environment variable).';

// Positional secret arguments of well-known APIs: call name -> [argument index, kind]. `new` and method calls alike.
const SECRET_ARGS: Record<string, [number, SecretKind][]> = {
  NetworkCredential: [[1, 'password']],
  PSCredential: [[1, 'password']],
  PsCredential: [[1, 'password']],
  pscredential: [[1, 'password']],
  WithClientSecret: [[0, 'client secret']],
  createFromSecret: [[0, 'client secret']],
  ClientCredential: [[1, 'client secret']],
  ClientSecretCredential: [[2, 'client secret']],
  GenerateByApplicationCredentials: [[1, 'client secret']],
  GenerateByApplicationCredentialsAsync: [[1, 'client secret']],
  generateByApplicationCredentials: [[1, 'client secret']],
  AcquireTokenByUsernamePassword: [[2, 'password']],
  acquire_token_by_username_password: [[1, 'password']],
  acquire_token_with_username_password: [[2, 'password']],
  acquireTokenWithUsernamePassword: [[2, 'password']],
  acquireTokenWithClientCredentials: [[2, 'client secret']],
  acquire_token_with_client_credentials: [[2, 'client secret']],
  AcquireTokenByRefreshToken: [[1, 'refresh token']],
  acquire_token_by_refresh_token: [[0, 'refresh token']],
  acquire_token_with_refresh_token: [[0, 'refresh token']],
  acquireTokenWithRefreshToken: [[0, 'refresh token']],
  acquireTokenByRefreshToken: [[0, 'refresh token']],
  login: [[1, 'password']],
  // JavaMail `new PasswordAuthentication(user, password)`; MailKit / MailKit IMAP `client.Authenticate(user, password)`.
  PasswordAuthentication: [[1, 'password']],
  Authenticate: [[1, 'password']],
  AuthenticateAsync: [[1, 'password']],
  UserPasswordCredential: [[1, 'password']],
  UserCredential: [[1, 'password']],
  UsernamePasswordCredential: [],
  SecureString: [],
};

function describeSource(ctx: RuleContext, lit: Expr, used: Expr): string {
  if (lit === used) return '';
  const line = ctx.model.text.slice(0, lit.range.start).split(/\r\n|\r|\n/).length;
  return ` (assigned on line ${line})`;
}

export const noStoredCredentials: Rule = {
  meta: {
    id: 'no-stored-credentials',
    title: 'Do not store passwords, client secrets or tokens in code, configuration or plain files',
    defaultSeverity: 'error',
    languages: ALL_LANGUAGES,
    fixable: true,
  },
  check(ctx) {
    const flagged = new Set<Expr>();
    const taken = new Map<string, string>();
    const flag = (lit: Expr, used: Expr, kind: SecretKind, where: string, naming: Naming = {}) => {
      if (flagged.has(lit)) return;
      const written = ctx.value(lit);
      // `${DB_PASSWORD:postgres}` (Spring) / `${POSTGRES_PASSWORD:-app}` (Compose, shell): the default is used whenever the variable is unset.
      const fallback = written !== undefined ? FALLBACK.exec(written.trim()) : null;
      const raw = fallback ? fallback[2] : written;
      const decoded = raw !== undefined && naming.base64 ? decodeBase64Text(raw) : undefined;
      const value = decoded ?? raw;
      if (value === undefined || !looksLikeSecretValue(value, kind)) return;
      flagged.add(lit);
      const jwt = liveTokenFacts(value, ctx.options.now);
      // A literal reached through a variable is named by that variable, not by the parameter it is passed as.
      const name = naming.name ?? (lit !== used ? holderName(ctx, lit) : undefined);
      // A Kubernetes Secret manifest should not be committed with values at all (create it at deploy time, or sync it
      // from Key Vault with the CSI driver or External Secrets): no in-place rewrite. A literal default goes, the
      // variable stays.
      const fixes = decoded !== undefined ? [] : fallback ? [dropDefault(ctx, lit, fallback[1])] : storedSecretFixes(ctx, { literal: lit, kind, name, param: name ? undefined : naming.param, taken });
      const encoding = decoded !== undefined ? ', base64 in a Kubernetes Secret' : fallback ? `, the default of \`\${${fallback[1]}}\`` : '';
      ctx.report({ range: lit.range, message: `Hard-coded ${kind} ${mask(value)}${encoding}${jwt ? ` (JWT: ${jwt})` : ''} in ${where}${describeSource(ctx, lit, used)}. ${WHY}`, fixes });
    };
    const byKey = (key: string, value: Expr, where: string, naming: Naming) => {
      const kind = secretKindOfKey(key);
      if (!kind) return;
      const lit = literalOf(ctx, value);
      if (lit) flag(lit, value, kind, where, naming);
    };

    // Declarations first, so a literal is reported under the name it was given, not where it is used.
    for (const a of ctx.assignments) {
      const name = a.target[a.target.length - 1];
      if (a.value.kind === 'string' || a.value.kind === 'concat') byKey(name, a.value, `\`${a.target.join('.')}\``, { name });
    }
    const secretData = kubernetesSecretData(ctx);
    for (const p of ctx.pairs) {
      if (isCustomerUserPassword(ctx, p)) continue;
      const naming = { name: p.key, base64: secretData.has(p) };
      if (appKeyBesideAppId(ctx, p)) {
        const lit = literalOf(ctx, p.value);
        if (lit) flag(lit, p.value, 'client secret', `\`${p.path.join('.') || p.key}\` (beside the app's id)`, naming);
        continue;
      }
      byKey(p.key, p.value, `\`${p.path.join('.') || p.key}\``, naming);
    }
    for (const call of ctx.calls) {
      for (const n of ctx.named(call)) if (n.value) byKey(n.name, n.value, `\`${call.name}\` ${call.kind === 'command' ? '-' : ''}${n.name}`, { param: n.name });
      checkPositional(ctx, call, flag);
      checkSetter(ctx, call, byKey);
    }
    // Live tokens, connection-string passwords and URL credentials inside any string.
    for (const s of ctx.strings) {
      const v = ctx.value(s);
      if (!v || flagged.has(s)) continue;
      if (JWT_IN_TEXT.test(v)) {
        flagged.add(s);
        const jwt = liveTokenFacts(v, ctx.options.now);
        // A fix only when the string is the token itself (optionally `Bearer <token>`), not text around it.
        const fixes = JWT_ONLY.test(v.trim()) ? embeddedFixes(ctx, s, 'access token', taken) : [];
        ctx.report({ range: s.range, message: `Access token (JWT${jwt ? `: ${jwt}` : ''}) stored in a string literal. Tokens are credentials: anyone holding it can call the API until it expires. ${WHY}`, fixes });
      } else if (REFRESH_TOKEN_TEXT.test(v)) {
        flagged.add(s);
        const token = REFRESH_TOKEN_TEXT.exec(v)![1];
        const fixes = token === v.trim() ? embeddedFixes(ctx, s, 'refresh token', taken) : [];
        ctx.report({ range: s.range, message: `Refresh token stored in a string literal ${mask(token)}. A refresh token grants access for up to 90 days and must live in Key Vault. ${WHY}`, fixes });
      } else {
        connectionSecrets(ctx, s, v, flagged, taken);
      }
    }
    // Secrets the code writes to plain files (code languages; config files hold literals, handled above).
    if (CODE_LANGUAGES.includes(ctx.language) || ctx.language === 'yaml') checkFileWrites(ctx, (range, message) => ctx.report({ range, message }));
  },
};

/** How the code names a secret, for the name its fix reads it under: a declared name, or the API parameter it is passed as. */
interface Naming {
  name?: string;
  param?: string;
  /** The value is base64 (a Kubernetes Secret's `data`): judged, and masked, decoded. */
  base64?: boolean;
}

/** `Basic <base64>` in a header value. */
const BASIC_CREDENTIALS = /\bBasic\s+([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/;

/** `${NAME:default}` -> `${NAME}`: the variable alone, so an unset variable fails instead of using a committed secret. */
function dropDefault(ctx: RuleContext, lit: Expr, variable: string): Fix {
  const range = lit.kind === 'string' ? lit.contentRange : lit.range;
  return fixWith(ctx.model, `Remove the literal default: \`\${${variable}}\``, [{ range: { start: range.start, end: range.end }, text: `\${${variable}}` }], [], { preferred: true, safe: false });
}

/** `${NAME:default}` / `${NAME:-default}`: a variable reference whose default is a literal. */
const FALLBACK = /^\$\{([A-Za-z_][\w.-]*):-?([^}$]+)\}$/;

/**
 * A bare `Key` (or `Secret`) entry of a configuration section that also holds the app's id (`AppId`, `ClientId`,
 * `ApplicationId`): the app's key, as the Partner Center samples' `<add key="Key" value="…"/>` beside `AppId`.
 */
function appKeyBesideAppId(ctx: RuleContext, p: Pair): boolean {
  if (!/^(key|secret)$/i.test(p.key) || !['xml', 'json', 'yaml', 'properties', 'env'].includes(p.container)) return false;
  const parent = p.path.slice(0, -1).join('\u0000');
  return ctx.pairs.some((q) => q !== p && q.path.slice(0, -1).join('\u0000') === parent && /^(app|application|client)[-_ ]?id$/i.test(q.key));
}

/**
 * The `data:` entries of Kubernetes `Secret` manifests (`kind: Secret`): their values are base64, so a placeholder
 * (`cGFzc3dvcmQ=` is "password") or a real secret is only seen decoded. `stringData:` holds plain text.
 */
function kubernetesSecretData(ctx: RuleContext): Set<Pair> {
  const out = new Set<Pair>();
  if (ctx.language !== 'yaml') return out;
  const kinds = ctx.pairs.filter((p) => p.path.length === 1 && p.key === 'kind');
  if (!kinds.some((k) => ctx.value(k.value) === 'Secret')) return out;
  for (const p of ctx.pairs) {
    if (p.path.length !== 2 || p.path[0] !== 'data') continue;
    // The document's kind: the nearest `kind:` before the entry, else after it (multi-document files).
    const before = kinds.filter((k) => k.range.start < p.range.start).pop();
    const kind = before ?? kinds.find((k) => k.range.start > p.range.start);
    if (kind && ctx.value(kind.value) === 'Secret') out.add(p);
  }
  return out;
}

/** The text a base64 value encodes, when it is valid base64 of printable UTF-8 (else undefined: judge it as written). */
function decodeBase64Text(v: string): string | undefined {
  const s = v.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(s) || s.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(s, 'base64');
  if (bytes.toString('base64') !== s) return undefined;
  const text = bytes.toString('utf8');
  return /^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]*$/.test(text) ? text : undefined;
}

const JWT_ONLY = /^(Bearer\s+)?eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*$/;

/** The variable or key a literal is assigned to, when it is one's whole value. */
function holderName(ctx: RuleContext, lit: Expr): string | undefined {
  const same = (e: Expr) => e === lit || (e.range.start === lit.range.start && e.range.end === lit.range.end);
  const a = ctx.assignments.find((x) => same(x.value));
  if (a) return a.target[a.target.length - 1];
  return ctx.pairs.find((p) => same(p.value))?.key;
}

/** Fixes for a secret found inside a string (token, connection string), named by what holds the string. */
function embeddedFixes(ctx: RuleContext, s: Expr, kind: StoredSecret['kind'], taken: Map<string, string>): ReturnType<typeof storedSecretFixes> {
  const holder = holderName(ctx, s);
  // A token held under a name that does not say what it is (`Authorization`, `$h`) is named for its kind.
  const name = holder && (kind === 'connection string' || secretKindOfKey(holder) === kind) ? holder : undefined;
  return storedSecretFixes(ctx, { literal: s, kind, name, taken });
}

function checkPositional(ctx: RuleContext, call: Call, flag: (lit: Expr, used: Expr, kind: SecretKind, where: string, naming?: Naming) => void): void {
  if (isCommand(call, 'ConvertTo-SecureString')) {
    if (!ctx.arg(call, 'AsPlainText')) return;
    const src = call.input ?? ctx.arg(call, 'String')?.value ?? call.args[0];
    const lit = literalOf(ctx, src);
    // What the SecureString is held as says what it is: `$ApplicationSecret = '…' | ConvertTo-SecureString …` is a client secret.
    const target = ctx.assignments.find((a) => a.value.kind === 'call' && a.value.call === call)?.target;
    const holder = target?.[target.length - 1];
    const held = holder ? secretKindOfKey(holder) : undefined;
    if (lit && src) flag(lit, src, held ?? 'password', '`ConvertTo-SecureString -AsPlainText`', held && lit === src ? { name: holder } : {});
    return;
  }
  // Own keys only: `toString`, `constructor`… are call names too, and the prototype's would be looked up.
  const spec = Object.hasOwn(SECRET_ARGS, call.name) ? SECRET_ARGS[call.name] : undefined;
  if (!spec) return;
  for (const [index, kind] of spec) {
    const arg = call.args[index];
    if (!arg || arg.kind === 'spread') continue;
    const lit = literalOf(ctx, arg);
    if (lit) flag(lit, arg, kind, `\`${call.name}\` argument ${index + 1}`);
  }
}

/**
 * A property setter with one argument, `mailSender.setPassword("…")`, `cfg.setClientSecret("…")`, `SetPassword("…")`:
 * the same as the assignment `mailSender.password = "…"` (Java beans, Spring JavaMail and DataSource configuration).
 */
function checkSetter(ctx: RuleContext, call: Call, byKey: (key: string, value: Expr, where: string, naming: Naming) => void): void {
  if (call.kind !== 'call' || call.args.length !== 1 || call.named.length) return;
  const m = /^(?:set|Set)([A-Z][A-Za-z0-9]*)$/.exec(call.name);
  // Fluent builders name the property alone: ScribeJava `.apiSecret("…")`, `.clientSecret("…")`, `.password("…")`
  // (a method on a receiver, so a free function `password("…")` does not count).
  const fluent = !m && call.receiver && /^(apiSecret|clientSecret|appSecret|secret|password|refreshToken|accessToken|apiKey|clientKey)$/.test(call.name);
  if (!m && !fluent) return;
  const prop = m ? m[1].charAt(0).toLowerCase() + m[1].slice(1) : call.name;
  // Partner Center's PasswordProfile: `setPassword(…)` beside `setForceChangePassword(…)` is a new customer user's first password.
  if (/^password$/i.test(prop) && ctx.calls.some((c) => /^(set)?ForceChangePassword(NextSignIn)?$/i.test(c.name) && c.scope === call.scope && Math.abs(c.range.start - call.range.start) < 400)) return;
  const target = call.receiver ? ctx.text(call.receiver.range) : undefined;
  byKey(prop, call.args[0], `\`${target && target.length <= 40 ? target + '.' : ''}${call.name}\``, { name: prop });
}

/** Partner Center's PasswordProfile { Password, ForceChangePassword } creates a customer user: not a stored sign-in credential. */
function isCustomerUserPassword(ctx: RuleContext, p: Pair): boolean {
  if (!/^password$/i.test(p.key)) return false;
  const siblings = ctx.pairs.filter((q) => q !== p && q.scope === p.scope && Math.abs(q.range.start - p.range.start) < 400);
  return siblings.some((q) => /^force ?change ?password/i.test(q.key.replace(/_/g, ' ')) || /forceChangePasswordNextSignIn/i.test(q.key));
}

function connectionSecrets(ctx: RuleContext, s: Expr, v: string, flagged: Set<Expr>, taken: Map<string, string>): void {
  CONNECTION_SECRET.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CONNECTION_SECRET.exec(v))) {
    const secret = m[2].trim().replace(/^['"]|['"]$/g, '');
    if (secret.length >= 4 && !isPlaceholder(secret) && v.includes(';')) {
      flagged.add(s);
      ctx.report({ range: s.range, message: `Connection string with an embedded ${m[1]} ${mask(secret)}. ${WHY}`, fixes: embeddedFixes(ctx, s, 'connection string', taken) });
      return;
    }
  }
  // `Authorization: Basic <base64 of id:secret>`: the credentials are only encoded.
  const basic = BASIC_CREDENTIALS.exec(v);
  const pair = basic ? decodeBase64Text(basic[1]) : undefined;
  const colon = pair?.indexOf(':') ?? -1;
  if (pair && colon > 0 && looksLikeSecretValue(pair.slice(colon + 1), 'password')) {
    flagged.add(s);
    ctx.report({ range: s.range, message: `Basic authorization with hard-coded credentials (base64 of \`user:secret\`, the secret ${mask(pair.slice(colon + 1))}). Base64 is an encoding, not a protection. ${WHY}` });
    return;
  }
  const u = URL_USERINFO.exec(v);
  if (u && !isPlaceholder(u[2]) && u[2].length >= 4) {
    flagged.add(s);
    ctx.report({ range: s.range, message: `URL with an embedded password ${mask(u[2])}. ${WHY}`, fixes: embeddedFixes(ctx, s, 'connection string', taken) });
  }
}
