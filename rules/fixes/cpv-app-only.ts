// Quick fixes for no-cpv-app-only: an app-only (client credentials) Partner Center token request becomes the
// Secure Application Model's app + user exchange of the partner's stored refresh token for
// `https://api.partnercenter.microsoft.com/user_impersonation`, in the language's own API:
// PowerShell `New-PartnerAccessToken -RefreshToken … -ServicePrincipal` (+ `Connect-PartnerCenter -AccessToken`),
// MSAL.NET `IByRefreshToken.AcquireTokenByRefreshToken`, msal `acquire_token_by_refresh_token`, msal-node
// `acquireTokenByRefreshToken`, msal4j `RefreshTokenParameters`, and raw token requests switched to
// `grant_type=refresh_token` with a `refresh_token` parameter. Where the result carries the rotated refresh
// token, its write-back follows (persist-rotated-refresh-token). Never safe: the partner's consent and the
// stored refresh token have to exist first.
import type { Call, Expr, NamedArg, Pair, Range } from '../model/types';
import type { Fix, RuleContext, TextEdit } from '../engine/types';
import { fixWith } from './edits';
import type { ImportNeed } from './imports';
import { PC_USER_SCOPE, persistRefreshToken, REFRESH_TOKEN_NAME, userImpersonationScope } from './refresh-token';
import { codeLanguage, NameAllocator, REFRESH_TOKEN, Snippets, startsLine, type CodeLanguage } from './sam';
import { usualQuote } from './strings';
import { eolOf, indentAt, indentUnit, lineEnd, lineStart } from './text';

const TITLE_PS = 'Exchange the stored refresh token instead (New-PartnerAccessToken -RefreshToken, Secure Application Model)';
const TITLE_CONNECT = 'Connect with an access token from the stored refresh token (New-PartnerAccessToken, Secure Application Model)';
const TITLE_RAW = 'Send grant_type=refresh_token with the stored refresh token (Secure Application Model)';
const TITLE_API: Record<'csharp' | 'powershell' | 'python' | 'javascript' | 'java', string> = {
  csharp: 'Exchange the stored refresh token with AcquireTokenByRefreshToken (Secure Application Model)',
  powershell: 'Exchange the stored refresh token with AcquireTokenByRefreshToken (Secure Application Model)',
  python: 'Exchange the stored refresh token with acquire_token_by_refresh_token (Secure Application Model)',
  javascript: 'Exchange the stored refresh token with acquireTokenByRefreshToken (Secure Application Model)',
  java: 'Exchange the stored refresh token with RefreshTokenParameters (Secure Application Model)',
};

/** What the rule found: the entries of one raw token request (grant and audience), and where they came from. */
export interface RequestEntry {
  key: string;
  value?: Expr;
  range: Range;
  /** The pair the entry is, when it came from a container or a parameter call. */
  pair?: Pair;
  /** The string expression a form-string entry was read from. */
  form?: Expr;
  config?: boolean;
}

// Steps that may follow `AcquireTokenForClient(…)` and exist on the refresh-token request builder too.
const MSAL_NET_CHAIN = /^(ExecuteAsync|ConfigureAwait|GetAwaiter|GetResult|Result|WithSendX5C|WithClaims|WithTenantId|WithAuthority|WithCorrelationId|WithExtraQueryParameters)$/;
// msal4j: builder steps both ClientCredentialParameters and RefreshTokenParameters have.
const MSAL4J_CHAIN = /^(build|claims|tenant|extraHttpHeaders|extraQueryParameters)$/;
const CONNECT_PARAMS = /^(Credential|ServicePrincipal|Tenant|TenantId|Domain|ApplicationId|CertificateThumbprint|Environment)$/i;

/** The quick fixes of one file's findings. Built once per lint run: fresh variable names stay unique across fixes. */
export class CpvAppOnlyFixes {
  private names?: NameAllocator;

  constructor(private readonly ctx: RuleContext) {}

  private get lang(): CodeLanguage | undefined {
    return codeLanguage(this.ctx.language);
  }

  private snippets(): Snippets | undefined {
    const lang = this.lang;
    return lang ? new Snippets(lang, this.ctx.options.secretStore) : undefined;
  }

  private fresh(base: string): string {
    this.names ??= new NameAllocator(this.ctx);
    return this.names.fresh(base);
  }

  private get text(): string {
    return this.ctx.model.text;
  }

  private done(title: string, edits: TextEdit[], imports: readonly ImportNeed[]): Fix[] {
    return [fixWith(this.ctx.model, title, edits, imports, { preferred: true })];
  }

  /** The write-back of `valueCode` (a rotated refresh token) in the configured store, when that store can be written from here. */
  private persist(s: Snippets, valueCode: string): string | undefined {
    const w = persistRefreshToken(this.ctx.language, s.store, REFRESH_TOKEN_NAME, valueCode);
    if (!w) return undefined;
    s.need(...w.imports);
    return w.code;
  }

  /** A JavaScript Key Vault read awaits: only where the code already awaits. */
  private readable(s: Snippets, awaited: boolean): boolean {
    return !(s.store.kind === 'keyVault' && (s.language === 'javascript' || s.language === 'typescript') && !awaited);
  }

  // -------------------------------------------------------------------------------------------
  // PowerShell: PartnerCenter module

  /** `Connect-PartnerCenter -Credential $c -ServicePrincipal -Tenant $t` (or `-ApplicationId -CertificateThumbprint`). */
  connectPartnerCenter(call: Call): Fix[] {
    const { ctx, text } = this;
    const s = this.snippets();
    if (!s || call.input || call.args.length || !call.named.length) return [];
    if (!call.named.every((n) => CONNECT_PARAMS.test(n.name) && text[n.nameRange.start] === '-')) return [];
    if (!startsLine(text, call.range.start, true)) return [];
    const get = (re: RegExp) => call.named.find((n) => re.test(n.name));
    const valueOf = (n: NamedArg | undefined) => (n?.value ? ctx.text(n.value.range) : undefined);
    const cred = valueOf(get(/^Credential$/i));
    const thumb = valueOf(get(/^CertificateThumbprint$/i));
    const appId = valueOf(get(/^ApplicationId$/i)) ?? (cred ? `${/^\$[\w:]+$/.test(cred) ? cred : `(${cred})`}.UserName` : undefined);
    const tenant = valueOf(get(/^(Tenant|TenantId|Domain)$/i));
    const env = valueOf(get(/^Environment$/i));
    if (!appId || (!cred && !thumb)) return [];
    const v = this.fresh('pcToken');
    const parts = [`$${v} = New-PartnerAccessToken -ApplicationId ${appId}`];
    if (cred) parts.push(`-Credential ${cred}`);
    if (thumb) parts.push(`-CertificateThumbprint ${thumb}`);
    parts.push(`-RefreshToken ${s.secret(REFRESH_TOKEN)}`, `-Scopes '${PC_USER_SCOPE}'`, '-ServicePrincipal');
    if (tenant) parts.push(`-Tenant ${tenant}`);
    if (env) parts.push(`-Environment ${env}`);
    const lines = [parts.join(' ')];
    const wb = this.persist(s, `$${v}.RefreshToken`);
    if (wb) lines.push(wb);
    const ls = lineStart(text, call.range.start);
    const indent = indentAt(text, call.range.start);
    const eol = eolOf(text);
    const first = call.named[0].range.start;
    const last = Math.max(...call.named.map((n) => n.range.end));
    return this.done(TITLE_CONNECT, [
      { range: { start: ls, end: ls }, text: lines.map((l) => indent + l + eol).join('') },
      { range: { start: first, end: last }, text: `-AccessToken $${v}.AccessToken${env ? ` -Environment ${env}` : ''}` },
    ], s.imports);
  }

  /** `New-PartnerAccessToken -ServicePrincipal … -Scopes <Partner Center>` without `-RefreshToken`. */
  newPartnerAccessToken(call: Call, scopes: NamedArg, resource: string): Fix[] {
    const { ctx, text } = this;
    const s = this.snippets();
    if (!s || call.args.length || text[scopes.nameRange.start] !== '-' || !scopes.value) return [];
    const edits: TextEdit[] = [{ range: { start: scopes.range.start, end: scopes.range.start }, text: `-RefreshToken ${s.secret(REFRESH_TOKEN)} ` }];
    // The current module takes scopes (`-Scopes`); the 1.5 module's `-Resource` stays as it is.
    if (/^scope/i.test(scopes.name)) edits.push({ range: scopes.value.range, text: `'${userImpersonationScope(resource)}'` });
    const a = ctx.assignments.find((x) => x.value.kind === 'call' && x.value.call === call && x.target.length === 1 && /^\w+$/.test(x.target[0]));
    if (a && startsLine(text, a.range.start)) {
      const wb = this.persist(s, `$${a.target[0]}.RefreshToken`);
      if (wb) edits.push(this.lineAfter(call.range.end, indentAt(text, a.range.start), wb));
    }
    return this.done(TITLE_PS, edits, s.imports);
  }

  // -------------------------------------------------------------------------------------------
  // MSAL

  /** MSAL.NET `app.AcquireTokenForClient(scopes)` (C#, or PowerShell calling MSAL.NET). */
  msalNet(call: Call, resource: string): Fix[] {
    const { ctx } = this;
    const s = this.snippets();
    const recv = call.receiver;
    if (!s || (s.language !== 'csharp' && s.language !== 'powershell') || !recv || call.args.length !== 1 || call.named.length) return [];
    if (!['name', 'member', 'call'].includes(recv.kind) || (s.language === 'powershell' && recv.kind === 'call')) return [];
    // The chain after the call: drop WithForceRefresh (an exchange always goes to the token endpoint); refuse steps the new builder lacks.
    const edits: TextEdit[] = [];
    for (let cur: Range = call.range; ; ) {
      const next = ctx.calls.find((c) => c.receiver && c.receiver.range.start === cur.start && c.receiver.range.end === cur.end);
      if (!next) break;
      if (next.name === 'WithForceRefresh') edits.push({ range: { start: cur.end, end: next.range.end }, text: '' });
      else if (!MSAL_NET_CHAIN.test(next.name)) return [];
      cur = next.range;
    }
    const scope = userImpersonationScope(resource);
    const r = ctx.text(recv.range);
    const rt = s.secret(REFRESH_TOKEN);
    const code =
      s.language === 'csharp'
        ? `((IByRefreshToken)${r}).AcquireTokenByRefreshToken(new[] { "${scope}" }, ${rt})`
        : `([Microsoft.Identity.Client.IByRefreshToken]${r}).AcquireTokenByRefreshToken([string[]]@('${scope}'), ${rt})`;
    edits.push({ range: { start: recv.range.start, end: call.range.end }, text: code });
    if (s.language === 'csharp') s.need({ module: 'Microsoft.Identity.Client' });
    return this.done(TITLE_API[s.language], edits, s.imports);
  }

  /** msal for Python `app.acquire_token_for_client(scopes)`; the result's rotated refresh token is written back. */
  msalPython(call: Call, resource: string): Fix[] {
    const { ctx, text } = this;
    const s = this.snippets();
    if (!s || s.language !== 'python' || call.args.length + call.named.length !== 1 || (call.named.length && call.named[0].name !== 'scopes')) return [];
    const q = this.quote();
    const edits: TextEdit[] = [{ range: { start: call.nameRange.start, end: call.range.end }, text: `acquire_token_by_refresh_token(${s.secret(REFRESH_TOKEN)}, scopes=[${q}${userImpersonationScope(resource)}${q}])` }];
    const a = ctx.assignments.find((x) => x.value.kind === 'call' && x.value.call === call && x.target.length === 1 && /^\w+$/.test(x.target[0]));
    if (a && startsLine(text, a.range.start)) {
      const wb = this.persist(s, `${a.target[0]}[${q}refresh_token${q}]`);
      if (wb) {
        const indent = indentAt(text, a.range.start);
        const eol = eolOf(text);
        const at = lineEnd(text, call.range.end);
        edits.push({ range: { start: at, end: at }, text: `${eol}${indent}if ${q}refresh_token${q} in ${a.target[0]}:${eol}${indent}${indentUnit(text)}${wb}` });
      }
    }
    return this.done(TITLE_API.python, edits, s.imports);
  }

  /** msal-node `cca.acquireTokenByClientCredential(request)`. The new refresh token stays in msal-node's token cache. */
  msalNode(call: Call, resource: string): Fix[] {
    const s = this.snippets();
    if (!s || (s.language !== 'javascript' && s.language !== 'typescript') || call.args.length !== 1) return [];
    if (!this.readable(s, this.awaited(call))) return [];
    const q = this.quote();
    return this.done(TITLE_API.javascript, [{ range: { start: call.nameRange.start, end: call.range.end }, text: `acquireTokenByRefreshToken({ refreshToken: ${s.secret(REFRESH_TOKEN)}, scopes: [${q}${userImpersonationScope(resource)}${q}] })` }], s.imports);
  }

  /** msal4j `ClientCredentialParameters.builder(scopes)…build()` (and a `ClientCredentialParameters` declaration it initializes). */
  msal4j(call: Call, resource: string): Fix[] {
    const { ctx, text } = this;
    const s = this.snippets();
    if (!s || s.language !== 'java' || call.args.length !== 1) return [];
    let built = false;
    for (let cur: Range = call.range; ; ) {
      const next = ctx.calls.find((c) => c.receiver && c.receiver.range.start === cur.start && c.receiver.range.end === cur.end);
      if (!next || built) break;
      if (!MSAL4J_CHAIN.test(next.name)) return [];
      built = next.name === 'build';
      cur = next.range;
    }
    if (!built) return [];
    const edits: TextEdit[] = [{ range: { start: call.calleeRange.start, end: call.range.end }, text: `RefreshTokenParameters.builder(Collections.singleton("${userImpersonationScope(resource)}"), ${s.secret(REFRESH_TOKEN)})` }];
    const ls = lineStart(text, call.range.start);
    const decl = /\bClientCredentialParameters(\s+\w+\s*=\s*)$/.exec(text.slice(ls, call.range.start));
    if (decl) edits.push({ range: { start: ls + decl.index, end: ls + decl.index + 'ClientCredentialParameters'.length }, text: 'RefreshTokenParameters' });
    s.need({ module: 'com.microsoft.aad.msal4j.RefreshTokenParameters' }, { module: 'java.util.Collections' });
    return this.done(TITLE_API.java, edits, s.imports);
  }

  /**
   * IdentityModel `http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest { … })` ->
   * `http.RequestRefreshTokenAsync(new RefreshTokenRequest { …, RefreshToken = <stored>, Scope = "<delegated>" })`.
   */
  identityModel(call: Call, resource: string): Fix[] {
    const { text } = this;
    const s = this.snippets();
    const arg = call.args[0];
    if (!s || s.language !== 'csharp' || call.args.length !== 1 || arg.kind !== 'call' || arg.call.kind !== 'new' || arg.call.name !== 'ClientCredentialsTokenRequest') return [];
    const obj = arg.call.args[0];
    if (arg.call.args.length !== 1 || obj?.kind !== 'object' || obj.spreads.length) return [];
    // Properties both request types have.
    if (!obj.entries.every((p) => /^(Address|ClientId|ClientSecret|ClientAssertion|ClientCredentialStyle|AuthorizationHeaderStyle|Scope)$/.test(p.key))) return [];
    const scope = obj.entries.find((p) => p.key === 'Scope');
    const typeAt = text.indexOf('ClientCredentialsTokenRequest', arg.range.start);
    if (!scope || typeAt < 0 || typeAt > obj.range.start) return [];
    const edits: TextEdit[] = [
      { range: call.nameRange, text: 'RequestRefreshTokenAsync' },
      { range: { start: typeAt, end: typeAt + 'ClientCredentialsTokenRequest'.length }, text: 'RefreshTokenRequest' },
      { range: { start: scope.keyRange.start, end: scope.keyRange.start }, text: `RefreshToken = ${s.secret(REFRESH_TOKEN)}, ` },
      { range: scope.value.range, text: `"${userImpersonationScope(resource)}"` },
    ];
    return this.done('Exchange the stored refresh token with RequestRefreshTokenAsync (Secure Application Model)', edits, s.imports);
  }

  // -------------------------------------------------------------------------------------------
  // Raw token requests

  /** `grant_type=client_credentials` -> `grant_type=refresh_token` plus `refresh_token=<stored>`; a v2 `…/.default` scope -> `…/user_impersonation`. */
  rawRequest(grant: RequestEntry, audience: RequestEntry, resource: string): Fix[] {
    const s = this.snippets();
    if (!s || grant.config || audience.config) return [];
    const pair = grant.pair ?? (grant.value ? this.ctx.pairs.find((p) => p.value === grant.value && p.key === grant.key) : undefined);
    // Pipeline YAML: only inline PowerShell hashtables are code this fix can write (not bash or config).
    if (this.ctx.language === 'yaml' && pair?.container !== 'hashtable') return [];
    const edits: TextEdit[] = [];
    if (pair) {
      if (!this.pairGrant(s, pair, edits)) return [];
    } else if (grant.form) {
      if (!this.formGrant(s, grant, edits)) return [];
    } else return [];
    if (/scope/i.test(audience.key) && !this.scopeEdit(grant, audience, resource, edits)) return [];
    return this.done(TITLE_RAW, edits, s.imports);
  }

  /** The grant value of a pair becomes `refresh_token`, and a `refresh_token` sibling follows it. */
  private pairGrant(s: Snippets, p: Pair, edits: TextEdit[]): boolean {
    const { ctx, text } = this;
    const v = p.value;
    if (v.kind !== 'string' || v.contentRange.end - v.contentRange.start !== v.text.length) return false;
    if (!this.readable(s, this.awaitedAt(p.range.start))) return false;
    edits.push({ range: v.contentRange, text: 'refresh_token' });
    const keyText = ctx.text(p.keyRange);
    const at = keyText.indexOf(p.key);
    if (at < 0 || keyText.indexOf(p.key, at + 1) >= 0) return false;
    const rt = s.secret(REFRESH_TOKEN);
    // The pair's own text without a trailing comment (PowerShell hashtable entries include it).
    let pairEnd = p.range.end;
    for (const c of ctx.comments) if (c.range.start >= v.range.end && c.range.start < pairEnd) pairEnd = Math.min(pairEnd, c.range.start);
    while (pairEnd > v.range.end && /[\s;]/.test(text[pairEnd - 1])) pairEnd--;
    const sibling = (from: number, to: number) => {
      // The same element with the key renamed and the value replaced (kept aligned when the key was padded).
      const keyStart = p.keyRange.start + at;
      let gap = text.slice(p.keyRange.start + at + p.key.length, v.range.start);
      const pad = /^( +)([=:])( *)$/.exec(gap);
      if (pad && pad[1].length > 1) gap = ' '.repeat(Math.max(1, p.key.length + pad[1].length - 'refresh_token'.length)) + pad[2] + pad[3];
      return text.slice(from, keyStart) + 'refresh_token' + gap + rt + text.slice(v.range.end, to).replace(/^\s*as\s+const\b/, '');
    };
    // What follows the value inside the element may only close it (`)` of a KeyValuePair, `}` of `{ k, v }`), or be a TypeScript `as const`.
    if (!/^(\s*as\s+const\b)?[\s)\]}]*$/.test(text.slice(v.range.end, pairEnd))) return false;
    const powershell = p.container === 'hashtable';
    // One element per line: a new line after it, at its indentation.
    const ls = lineStart(text, p.keyRange.start);
    let le = lineEnd(text, p.keyRange.start);
    for (const c of ctx.comments) if (c.range.start >= v.range.end && c.range.start < le) le = Math.min(le, c.range.start);
    const lineText = text.slice(ls, le);
    const cs = ls + (lineText.length - lineText.trimStart().length);
    let ce = ls + lineText.trimEnd().length;
    let sep = '';
    if (text[ce - 1] === ',' || text[ce - 1] === ';') {
      sep = text[ce - 1];
      ce--;
      while (ce > cs && /\s/.test(text[ce - 1])) ce--;
    }
    const othersOnLine = ctx.pairs.some((o) => o !== p && o.keyRange.start >= cs && o.keyRange.start < ce && !(o.keyRange.start === p.keyRange.start));
    if (lineEnd(text, v.range.end) === lineEnd(text, p.keyRange.start) && ce === pairEnd && cs >= Math.min(p.range.start, p.keyRange.start) && !othersOnLine) {
      const literal = ['object', 'dict', 'initializer'].includes(p.container) && !powershell;
      if (!sep && literal && !/^\s*,/.test(text.slice(lineEnd(text, pairEnd)))) {
        // The last element of a multi-line literal: it needs a separator before its new sibling.
        edits.push({ range: { start: pairEnd, end: pairEnd }, text: ',' });
      }
      const end = lineEnd(text, p.keyRange.start);
      edits.push({ range: { start: end, end }, text: eolOf(text) + indentAt(text, p.keyRange.start) + sibling(cs, ce) + sep });
      return true;
    }
    // Several elements on one line.
    if (p.container === 'params') {
      // A builder chain (`new FormBody.Builder().add(k, v).add(…)`): one more `.add(…)` after this one.
      const call = ctx.calls.find((c) => c.range.start === p.range.start && c.range.end === p.range.end);
      const chained = call && ctx.calls.some((c) => c.receiver?.range.start === call.range.start && c.receiver.range.end === call.range.end);
      if (!call || !chained || text[call.nameRange.start - 1] !== '.') return false;
      edits.push({ range: { start: call.range.end, end: call.range.end }, text: sibling(call.nameRange.start - 1, call.range.end) });
      return true;
    }
    const from = Math.min(p.range.start, p.keyRange.start);
    if (text.slice(from, pairEnd).includes('\n')) return false;
    edits.push({ range: { start: pairEnd, end: pairEnd }, text: `${powershell ? ';' : ','} ${sibling(from, pairEnd)}` });
    return true;
  }

  /** In a form string: `client_credentials` -> `refresh_token&refresh_token=<stored, URL-encoded>`, where the string can hold code. */
  private formGrant(s: Snippets, grant: RequestEntry, edits: TextEdit[]): boolean {
    const { text } = this;
    const r = grant.range;
    if (text.slice(r.start, r.end) !== 'client_credentials') return false;
    const lit = this.literalAt(r);
    if (!lit || !this.readable(s, this.awaitedAt(r.start))) return false;
    const open = text.slice(lit.start, Math.min(lit.end, lit.start + 4));
    const rt = s.secret(REFRESH_TOKEN);
    let hole: string;
    switch (s.language) {
      case 'powershell':
        if (!open.startsWith('"')) return false;
        hole = `$([uri]::EscapeDataString(${rt}))`;
        break;
      case 'python': {
        const m = /^[rRbBuU]?[fF][rR]?(['"])/.exec(open) ?? /^[rR][fF](['"])/.exec(open);
        if (!m) return false;
        const q = m[1] === '"' ? "'" : '"';
        hole = `{quote(${rt.replace(/["']/g, q)}, safe=${q}${q})}`;
        s.need({ module: 'urllib.parse', names: ['quote'] });
        break;
      }
      case 'javascript':
      case 'typescript':
        if (!open.startsWith('`')) return false;
        hole = `\${encodeURIComponent(${rt})}`;
        break;
      case 'csharp':
        if (!/^(\$@?|@\$)"/.test(open)) return false;
        hole = `{Uri.EscapeDataString(${rt})}`;
        s.need({ module: 'System' });
        break;
      case 'java':
        if (!open.startsWith('"') || open.startsWith('"""') || text[lit.end] === '.') return false;
        hole = `" + URLEncoder.encode(${rt}, StandardCharsets.UTF_8) + "`;
        s.need({ module: 'java.net.URLEncoder' }, { module: 'java.nio.charset.StandardCharsets' });
        break;
    }
    edits.push({ range: r, text: `refresh_token&refresh_token=${hole}` });
    return true;
  }

  /** The v2 scope of the request becomes the delegated one: in place in the request's own text, or where a variable brings it in. */
  private scopeEdit(grant: RequestEntry, aud: RequestEntry, resource: string, edits: TextEdit[]): boolean {
    const { ctx, text } = this;
    const scope = userImpersonationScope(resource);
    const replaceDefault = (r: Range): boolean => {
      const src = text.slice(r.start, r.end);
      const i = src.lastIndexOf('.default');
      if (i < 0 || src.indexOf('.default') !== i) return false;
      edits.push({ range: { start: r.start + i, end: r.start + i + '.default'.length }, text: 'user_impersonation' });
      return true;
    };
    if (aud.value) {
      // A pair's value: a literal (or an inline concatenation) in the request itself, else the variable it names.
      const v = aud.value;
      if (v.kind === 'array' || v.kind === 'object') return false;
      if ((v.kind === 'string' || v.kind === 'concat') && replaceDefault(v.range)) return true;
      if (!/\.default\b/.test(ctx.value(v) ?? ctx.approx(v))) return true; // already a delegated scope
      edits.push({ range: v.range, text: this.quoted(scope) });
      return true;
    }
    // A form string: edit inside the string that holds the grant (the request's own text), never a shared definition.
    const root = this.formRoot(grant);
    if (!root) return false;
    if (aud.range.start >= root.start && aud.range.end <= root.end && text.slice(aud.range.start, aud.range.end).includes('.default')) return replaceDefault(aud.range);
    const ref = ctx.references.find((n) => n.kind === 'name' && n.range.start >= root.start && n.range.end <= root.end && /\.default$/.test(ctx.value(n) ?? '') && audienceHas(ctx.value(n)!, resource));
    if (!ref) return !/\.default\b/.test(text.slice(aud.range.start, aud.range.end)) && aud.range.start >= root.start && aud.range.end <= root.end;
    edits.push(this.scopeAt(ref.range, root, scope));
    return true;
  }

  // -------------------------------------------------------------------------------------------
  // Helpers

  /** A line inserted after the line holding `offset`. */
  private lineAfter(offset: number, indent: string, line: string): TextEdit {
    const at = lineEnd(this.text, offset);
    return { range: { start: at, end: at }, text: eolOf(this.text) + indent + line };
  }

  /** The file's string quote for new literals (JavaScript/TypeScript and Python: the one it uses most). */
  private quote(): string {
    const lang = this.lang;
    if (lang === 'csharp' || lang === 'java') return '"';
    if (lang === 'powershell') return "'";
    return usualQuote(this.ctx.model);
  }

  /** `value` as a literal; inside a Python f-string (`root`) with the quote the f-string does not use. */
  private quoted(value: string, root?: Range): string {
    const lang = this.lang;
    let q = this.quote();
    if (root && lang === 'python') {
      const m = /^[rRbBuU]?[fF]?[rR]?(['"])/.exec(this.text.slice(root.start, root.start + 4));
      if (m) q = m[1] === '"' ? "'" : '"';
    }
    return `${q}${value}${q}`;
  }

  /**
   * The edit that puts the literal `scope` where a variable brought the old one into the form string `root`: the
   * hole itself becomes text (`{PC_SCOPE}`, `${PC_SCOPE}`, `$pcScope`), a concatenated variable joins the literal
   * before it (`"&scope=" + SCOPE`), anything else (an encoder's argument) gets a quoted literal.
   */
  private scopeAt(r: Range, root: Range, scope: string): TextEdit {
    const { text } = this;
    if (this.inString(r, root)) return { range: r, text: scope };
    const lang = this.lang;
    const before = text.slice(root.start, r.start);
    if (lang !== 'powershell' && text[r.end] === '}') {
      if ((lang === 'javascript' || lang === 'typescript') && before.endsWith('${')) return { range: { start: r.start - 2, end: r.end + 1 }, text: scope };
      if ((lang === 'python' || lang === 'csharp') && before.endsWith('{') && !before.endsWith('{{')) return { range: { start: r.start - 1, end: r.end + 1 }, text: scope };
    }
    const joined = /(["'])\s*\+\s*$/.exec(before);
    if (joined && lang !== 'powershell' && !/^\s*[.([]/.test(text.slice(r.end))) {
      const at = root.start + joined.index;
      return { range: { start: at, end: r.end }, text: `${scope}${joined[1]}` };
    }
    return { range: r, text: this.quoted(scope, root) };
  }

  /** A PowerShell variable written straight into an expandable string (`"…&scope=$pcScope"`), not inside `$(…)`. */
  private inString(r: Range, root: Range): boolean {
    if (this.lang !== 'powershell' || this.text[r.start] !== '$' || this.text[root.start] !== '"') return false;
    let depth = 0;
    for (let i = root.start; i < r.start; i++) {
      const c = this.text[i];
      if (c === '$' && this.text[i + 1] === '(') {
        depth++;
        i++;
      } else if (depth > 0 && c === '(') depth++;
      else if (depth > 0 && c === ')') depth--;
    }
    return depth === 0;
  }

  /** The string literal (with its quotes and prefix) that holds `r`. */
  private literalAt(r: Range): Range | undefined {
    let best: Range | undefined;
    const visit = (e: Expr) => {
      if (e.range.start > r.start || e.range.end < r.end) return;
      const quoted = /^([$@]{0,2}"|[rRbBuUfF]{0,2}['"]|`|')/.test(this.text.slice(e.range.start, e.range.start + 3));
      if (quoted && (e.kind === 'string' || (e.kind === 'concat' && this.isTemplate(e)))) {
        if (!best || e.range.end - e.range.start < best.end - best.start) best = e.range;
      }
      if (e.kind === 'concat') for (const p of e.parts) visit(p);
    };
    for (const e of this.ctx.strings) visit(e);
    return best;
  }

  /** An interpolated string (one literal with holes), as opposed to `a + b`. */
  private isTemplate(e: Expr): boolean {
    return /^([$@]{1,2}"|[rRbBuU]?[fF][rR]?['"]|`|")/.test(this.text.slice(e.range.start, e.range.start + 3)) && !/["'`]\s*\+/.test(this.text.slice(e.range.start, e.range.end));
  }

  /** The largest string expression holding the grant: the request's form body as written. */
  private formRoot(grant: RequestEntry): Range | undefined {
    let best: Range | undefined;
    for (const e of this.ctx.strings) {
      if (e.range.start <= grant.range.start && e.range.end >= grant.range.end && (!best || e.range.end - e.range.start > best.end - best.start)) best = e.range;
    }
    return best;
  }

  /** The call is awaited (`await x.f()`, `await x.f().then(…)`). */
  private awaited(call: Call): boolean {
    return this.awaitedAt(call.range.start);
  }

  /** Code at `offset` runs in an async function: an `await` already stands on its statement's line or before it in its function. */
  private awaitedAt(offset: number): boolean {
    const { text } = this;
    const scope = [...this.ctx.model.scopes].filter((s) => s.range.start <= offset && offset < s.range.end).sort((a, b) => b.range.start - a.range.start)[0];
    if (/\bawait\b/.test(text.slice(lineStart(text, offset), lineEnd(text, offset)))) return true;
    if (!scope) return false;
    // `async function f(`, `async f(`, `private async f(` at the scope's start, or `async (x) =>` / `async x =>` just before it.
    return /^\s*(?:(?:public|private|protected|static)\s+)*async\b/.test(text.slice(scope.range.start, scope.range.start + 80)) || /\basync\s*(\([^)]*\)|\w+)?\s*=>?\s*[({]?\s*$/.test(text.slice(Math.max(0, scope.range.start - 80), scope.range.start + 1));
  }
}

function audienceHas(scope: string, resource: string): boolean {
  return scope.toLowerCase().startsWith(resource.toLowerCase().replace(/\/+$/, '')) || /^[0-9a-f-]{36}\//i.test(scope);
}
