// MSAL: a username/password sign-in replaced by the Secure Application Model refresh-token exchange on a
// confidential client (MSAL.NET `IByRefreshToken.AcquireTokenByRefreshToken`, msal `acquire_token_by_refresh_token`,
// msal-node `acquireTokenByRefreshToken`, msal4j `RefreshTokenParameters`), with the rotated token's write-back.
import type { Call, Expr, ObjectExpr, Pair } from '../model/types';
import type { Fix, RuleContext, TextEdit } from '../engine/types';
import { deref } from '../engine/resolve';
import { fixWith } from './edits';
import { eolOf, indentUnit } from './text';
import { APP_ID, APP_SECRET, REFRESH_TOKEN, Snippets, TENANT_ID, deleteEntry, entryRange, linesAfter, linesBefore, statementOf, type FixSession } from './sam';

const TITLE = 'Exchange the stored refresh token on a confidential client instead (Secure Application Model)';

/** The calls of a builder chain or constructor an expression was made from (following variables). */
function origin(e: Expr | undefined): Call[] {
  const out: Call[] = [];
  let cur = deref(e);
  for (let guard = 0; cur?.kind === 'call' && guard < 16; guard++) {
    out.push(cur.call);
    cur = deref(cur.call.receiver);
  }
  return out;
}

const isConfidential = (chain: Call[]) => chain.some((c) => c.callee.some((s) => /^ConfidentialClientApplication(Builder)?$/.test(s)));
const isPublic = (chain: Call[]) => chain.some((c) => c.callee.some((s) => /^PublicClientApplication(Builder)?$/.test(s)));

// ---------------------------------------------------------------------------------------------
// MSAL.NET

/** `app.AcquireTokenByUsernamePassword(scopes, user, password)` -> `((IByRefreshToken)cca).AcquireTokenByRefreshToken(scopes, refreshToken)`. */
export function msalNetFix(session: FixSession, call: Call): Fix | undefined {
  const { ctx } = session;
  if (call.args.length < 3 || !call.receiver) return undefined;
  const text = ctx.model.text;
  const eol = eolOf(text);
  const s = new Snippets('csharp', ctx.options.secretStore);
  const stmt = statementOf(ctx, call);
  const chain = origin(call.receiver);
  const cast = /\(\s*IByUsernameAndPassword\s*\)\s*\(?\s*$/.test(text.slice(call.range.start, call.receiver.range.start));
  const edits: TextEdit[] = [];
  let app = ctx.text(call.receiver.range);
  if (!cast && !isConfidential(chain)) {
    // A public client cannot redeem the refresh token of the SAM web app: build the confidential client beside it.
    app = session.names.fresh('samApp');
    const create = chain.find((c) => c.name === 'Create' && c.callee.includes('PublicClientApplicationBuilder'));
    const keep = isPublic(chain) ? chain.filter((c) => /^(WithAuthority|WithTenantId)$/.test(c.name)).reverse() : [];
    const clientId = create?.args[0] ? ctx.text(create.args[0].range) : s.setting(APP_ID);
    const options = keep.length ? keep.map((c) => `.${c.name}(${c.args.map((a) => ctx.text(a.range)).join(', ')})`).join('') : isPublic(chain) ? '' : `.WithTenantId(${s.setting(TENANT_ID)})`;
    edits.push(linesBefore(stmt.lineStart, stmt.indent, [`var ${app} = ConfidentialClientApplicationBuilder.Create(${clientId})${options}.WithClientSecret(${s.secret(APP_SECRET)}).Build();`], eol));
  }
  edits.push({ range: call.range, text: `((IByRefreshToken)${app}).AcquireTokenByRefreshToken(${ctx.text(call.args[0].range)}, ${s.secret(REFRESH_TOKEN)})` });
  s.need({ module: 'Microsoft.Identity.Client' });
  if (stmt.target) {
    // MSAL.NET 4.84+ hands a confidential client's new refresh token out with GetRefreshToken().
    s.need({ module: 'Microsoft.Identity.Client.Extensibility' });
    edits.push(linesAfter(stmt.end, stmt.indent, s.writeBack(`${stmt.target}.GetRefreshToken()`), eol));
  } else {
    edits.push(linesBefore(stmt.lineStart, stmt.indent, [`// MSAL.NET keeps the rotated refresh token in the app's token cache: persist the cache (UserTokenCache.SetAfterAccess) and write it back to ${s.secretLabel(REFRESH_TOKEN)}.`], eol));
  }
  return fixWith(ctx.model, TITLE, edits, s.imports, { preferred: true });
}

// ---------------------------------------------------------------------------------------------
// msal (Python)

const PUBLIC_ONLY_KWARGS = /^(allow_broker|enable_broker_on_\w+|enable_pii_log)$/;

/** `app.acquire_token_by_username_password(user, pwd, scopes=…)` -> `cca.acquire_token_by_refresh_token(refresh_token, scopes=…)`. */
export function msalPythonFix(session: FixSession, call: Call): Fix | undefined {
  const { ctx } = session;
  if (!call.receiver) return undefined;
  const text = ctx.model.text;
  const eol = eolOf(text);
  const s = new Snippets('python', ctx.options.secretStore);
  const stmt = statementOf(ctx, call);
  const scopesArg = ctx.arg(call, 'scopes')?.value ?? call.args[2];
  if (!scopesArg) return undefined;
  const chain = origin(call.receiver);
  const edits: TextEdit[] = [];
  let app = ctx.text(call.receiver.range);
  if (!isConfidential(chain)) {
    app = session.names.fresh('sam_app');
    const pca = chain.find((c) => c.name === 'PublicClientApplication');
    const qualified = pythonClass(ctx, s, pca);
    let args: string;
    if (pca?.args[0]) {
      const named = pca.named.filter((n) => !PUBLIC_ONLY_KWARGS.test(n.name) && n.name !== 'client_credential').map((n) => ctx.text(n.range));
      args = [ctx.text(pca.args[0].range), `client_credential=${s.secret(APP_SECRET)}`, ...named].join(', ');
    } else {
      args = [s.setting(APP_ID), `client_credential=${s.secret(APP_SECRET)}`, `authority="https://login.microsoftonline.com/" + ${s.setting(TENANT_ID)}`].join(', ');
    }
    edits.push(linesBefore(stmt.lineStart, stmt.indent, [`${app} = ${qualified}(${args})`], eol));
  }
  edits.push({ range: call.range, text: `${app}.acquire_token_by_refresh_token(${s.secret(REFRESH_TOKEN)}, scopes=${ctx.text(scopesArg.range)})` });
  if (stmt.target) {
    // msal returns the rotated refresh token in the result (an error result has no refresh_token).
    const unit = indentUnit(text);
    const body = s.writeBack(`${stmt.target}["refresh_token"]`).map((l) => unit + l);
    edits.push(linesAfter(stmt.end, stmt.indent, [`if "refresh_token" in ${stmt.target}:`, ...body], eol));
  }
  return fixWith(ctx.model, TITLE, edits, s.imports, { preferred: true });
}

/** `msal.ConfidentialClientApplication` as the file names msal (`import msal` or `from msal import …`). */
function pythonClass(ctx: RuleContext, s: Snippets, pca: Call | undefined): string {
  if (pca && pca.callee.length > 1) return [...pca.callee.slice(0, -1), 'ConfidentialClientApplication'].join('.');
  const moduleImport = ctx.imports.some((i) => i.module === 'msal' && !i.names?.length);
  if (moduleImport || !ctx.imports.some((i) => i.module === 'msal')) {
    s.need({ module: 'msal' });
    return 'msal.ConfidentialClientApplication';
  }
  s.need({ module: 'msal', names: ['ConfidentialClientApplication'] });
  return 'ConfidentialClientApplication';
}

// ---------------------------------------------------------------------------------------------
// msal-node

/** `pca.acquireTokenByUsernamePassword({ scopes, username, password })` -> `cca.acquireTokenByRefreshToken({ scopes, refreshToken })`. */
export function msalNodeFix(session: FixSession, call: Call): Fix | undefined {
  const { ctx } = session;
  const request = call.args[0];
  if (!call.receiver || request?.kind !== 'object') return undefined;
  const language = ctx.language === 'typescript' ? 'typescript' : 'javascript';
  const text = ctx.model.text;
  const eol = eolOf(text);
  const s = new Snippets(language, ctx.options.secretStore);
  const stmt = statementOf(ctx, call);
  const chain = origin(call.receiver);
  const edits: TextEdit[] = [];
  let app = ctx.text(call.receiver.range);
  const created = !isConfidential(chain);
  if (created) {
    app = session.names.fresh('samApp');
    const pca = chain.find((c) => c.name === 'PublicClientApplication');
    const auth = authOptions(ctx, pca);
    const clientId = auth?.clientId ?? s.setting(APP_ID);
    const authority = auth?.authority ? `, authority: ${auth.authority}` : pca ? '' : `, authority: \`https://login.microsoftonline.com/\${${s.setting(TENANT_ID)}}\``;
    const ctor = nodeClass(ctx, s, pca, edits);
    edits.push(linesBefore(stmt.lineStart, stmt.indent, [`const ${app} = new ${ctor}({ auth: { clientId: ${clientId}${authority}, clientSecret: ${s.secret(APP_SECRET)} } });`], eol));
  }
  // `(pca as PublicClientApplication).acquireTokenByUsernamePassword` -> `samApp.acquireTokenByRefreshToken`.
  edits.push({ range: { start: call.range.start, end: call.nameRange.end }, text: created ? `${app}.acquireTokenByRefreshToken` : `${text.slice(call.range.start, call.nameRange.start)}acquireTokenByRefreshToken` });
  edits.push(...requestEdits(ctx, request, `refreshToken: ${s.secret(REFRESH_TOKEN)}`));
  if (created && stmt.awaited && stmt.target) {
    const cached = session.names.fresh('cachedRefreshToken');
    edits.push(linesAfter(stmt.end, stmt.indent, [
      `// msal-node keeps the rotated refresh token in its token cache, not in the result: take it from the serialized cache.`,
      `const ${cached} = Object.values(JSON.parse(${app}.getTokenCache().serialize()).RefreshToken)[0];`,
      ...s.writeBack(`${cached}.secret`),
    ], eol));
  } else {
    edits.push(linesBefore(stmt.lineStart, stmt.indent, [`// msal-node keeps the rotated refresh token in its token cache: persist the cache (cache.cachePlugin) and write it back to ${s.secretLabel(REFRESH_TOKEN)}.`], eol));
  }
  return fixWith(ctx.model, TITLE, edits, s.imports, { preferred: true });
}

/** The request object: `username` becomes `refreshToken: …`, `password` goes (with its separator). */
function requestEdits(ctx: RuleContext, request: ObjectExpr, refreshToken: string): TextEdit[] {
  const text = ctx.model.text;
  const user = request.entries.find((p) => p.key === 'username');
  const pass = request.entries.find((p) => p.key === 'password');
  const edits: TextEdit[] = [];
  if (user) edits.push({ range: entryRange(text, user), text: refreshToken });
  else {
    const last = request.entries.at(-1);
    const at = last ? entryRange(text, last).end : request.range.start + 1;
    edits.push({ range: { start: at, end: at }, text: last ? `, ${refreshToken}` : ` ${refreshToken} ` });
  }
  if (pass) edits.push(deleteEntry(text, entryRange(text, pass)));
  return edits;
}

/** clientId / authority of the public client's `auth` options, as source text (TypeScript's `!` kept). */
function authOptions(ctx: RuleContext, pca: Call | undefined): { clientId?: string; authority?: string } | undefined {
  const config = deref(pca?.args[0]);
  if (config?.kind !== 'object') return undefined;
  const auth = deref(config.entries.find((p) => p.key === 'auth')?.value);
  if (auth?.kind !== 'object') return undefined;
  const text = ctx.model.text;
  const valueText = (p: Pair | undefined) => (p ? text.slice(p.value.range.start, entryRange(text, p).end) : undefined);
  return { clientId: valueText(auth.entries.find((p) => p.key === 'clientId')), authority: valueText(auth.entries.find((p) => p.key === 'authority')) };
}

/** `msal.ConfidentialClientApplication`, or the bare name added to the file's msal-node import. */
function nodeClass(ctx: RuleContext, s: Snippets, pca: Call | undefined, edits: TextEdit[]): string {
  if (pca && pca.callee.length > 1) return [...pca.callee.slice(0, -1), 'ConfidentialClientApplication'].join('.');
  const text = ctx.model.text;
  const imp = ctx.imports.find((i) => i.module === '@azure/msal-node' && i.names?.length);
  if (imp && !imp.names!.includes('ConfidentialClientApplication')) {
    const close = text.lastIndexOf('}', imp.range.end);
    if (close > imp.range.start) {
      let at = close;
      while (at > imp.range.start && /\s/.test(text[at - 1])) at--;
      const trailingComma = text[at - 1] === ',';
      edits.push({ range: { start: at, end: at }, text: trailingComma ? ' ConfidentialClientApplication,' : ', ConfidentialClientApplication' });
      return 'ConfidentialClientApplication';
    }
  }
  if (imp) return 'ConfidentialClientApplication';
  s.need({ module: '@azure/msal-node', names: ['ConfidentialClientApplication'] });
  return 'ConfidentialClientApplication';
}

// ---------------------------------------------------------------------------------------------
// msal4j

/** `UserNamePasswordParameters.builder(scopes, user, password)` -> `RefreshTokenParameters.builder(scopes, refreshToken)`. */
export function msal4jFix(session: FixSession, call: Call): Fix | undefined {
  const { ctx } = session;
  if (call.args.length < 3) return undefined;
  const text = ctx.model.text;
  const eol = eolOf(text);
  const s = new Snippets('java', ctx.options.secretStore);
  const stmt = statementOf(ctx, call);
  const edits: TextEdit[] = [{ range: call.range, text: `RefreshTokenParameters.builder(${ctx.text(call.args[0].range)}, ${s.secret(REFRESH_TOKEN)})` }];
  // The declared type of `UserNamePasswordParameters parameters = …` changes with it.
  const prefix = text.slice(stmt.lineStart, call.range.start);
  const declared = /\bUserNamePasswordParameters(?=\s+\w+\s*=\s*$)/.exec(prefix);
  if (declared) edits.push({ range: { start: stmt.lineStart + declared.index, end: stmt.lineStart + declared.index + declared[0].length }, text: 'RefreshTokenParameters' });
  s.need({ module: 'com.microsoft.aad.msal4j.RefreshTokenParameters' });
  // Notes go above the statement (it may be a `return`).
  edits.push(linesBefore(stmt.lineStart, stmt.indent, [
    `// msal4j keeps the rotated refresh token in its token cache: persist the cache (setTokenCacheAccessAspect) and write it back to ${s.secretLabel(REFRESH_TOKEN)}.`,
    `// The refresh token from the SAM consent belongs to the confidential app: acquire it with a ConfidentialClientApplication.`,
  ], eol));
  return fixWith(ctx.model, TITLE, edits, s.imports, { preferred: true });
}
