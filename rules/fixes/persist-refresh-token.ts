// Quick fixes for persist-rotated-refresh-token: after a refresh-token exchange, write the rotated refresh token
// back to where the code read the old one from (the same Key Vault secret, the same SecretClient and name), or,
// when that is not visible, to the configured secret store. Placed after the statement that holds the result,
// reading the result's refresh-token member in that language (`$token.RefreshToken`, `$response.refresh_token`,
// `result["refresh_token"]`, `result.RefreshToken`, `result.getRefreshToken()`, `data.refresh_token`). Only where
// the write persists something: environment variables persist from PowerShell alone (the Windows user
// environment), never from a pipeline step or from Python, Node.js, Java or C# (see refresh-token.ts).
import type { Assignment, Call, Expr, NameExpr, Pair, Range } from '../model/types';
import type { Fix, RuleContext, SecretStore, TextEdit } from '../engine/types';
import { deref } from '../engine/resolve';
import { fixWith } from './edits';
import type { ImportNeed } from './imports';
import { persistRefreshToken, REFRESH_TOKEN_NAME } from './refresh-token';
import { NameAllocator, scopeChain } from './sam';
import { envName, vaultSecretName } from './store';
import { usualQuote } from './strings';
import { eolOf, indentAt, indentUnit, insertLinesBefore, lineComment, lineEnd, lineStart } from './text';

/** What the rule knows about one exchange (a subset of its Exchange record). */
export interface ExchangeInfo {
  call: Call;
  /** The call that returns the response when the request call does not (`conn.getresponse()`). */
  responseCall?: Call;
  /** Raw HTTP: where grant_type=refresh_token was set, when outside the call itself. */
  grant?: Pair;
  raw?: boolean;
  /** How the rotated refresh token is read from this result (`.RefreshToken`, `refreshToken`, `getRefreshToken()`, …). */
  rtName?: string;
  /** The client keeps the new refresh token in its token cache (nothing to read from the result). */
  cache?: string;
  msalPython?: boolean;
}

/** Where the next run reads the refresh token from. */
type Target =
  | { kind: 'psVault'; vault: string; name: string } // Get-AzKeyVaultSecret -VaultName … -Name …
  | { kind: 'client'; client: string; name: string } // VAULT.get_secret("…") / vault.getSecret('…')
  | { kind: 'env'; name: string } // $env:NAME, os.environ["NAME"], process.env.NAME
  | { kind: 'automation'; name: string } // Get-AutomationVariable -Name …
  | { kind: 'store'; name: string }; // not visible: the configured store, under a name derived from the code

/** Where the result lives and how its refresh token is read. */
interface Holder {
  /** Code reading the rotated refresh token (`$pcToken.RefreshToken`). */
  value: string;
  /** Code testing that the response carries one, when a failed exchange can return without it. */
  guard?: string;
  /** Offset whose line the write-back follows. */
  after: number;
  /** Indentation of the write-back. */
  indent: string;
  /** Edits that make the result a variable first (`(New-PartnerAccessToken …).AccessToken` -> `$pcToken.AccessToken`). */
  edits: TextEdit[];
  /** Lines that go before the statement instead of after it (the hoisted exchange), with the write-back after them. */
  before?: { at: number; lines: string[] };
}

const PS_REST = /^(Invoke-RestMethod|irm)$/i;
const GENERIC_RT = /^(stored|current|old|partner|the|my)?_?(refresh_?token|rt|token)$/i;
const JS_PARSE = /^(json|parse)$/;

export class RefreshTokenWriteBacks {
  private names?: NameAllocator;

  constructor(private readonly ctx: RuleContext) {}

  private get text(): string {
    return this.ctx.model.text;
  }

  private get lang(): 'powershell' | 'csharp' | 'python' | 'javascript' | 'typescript' | 'java' | undefined {
    const l = this.ctx.language;
    if (l === 'yaml') return 'powershell';
    return l === 'powershell' || l === 'csharp' || l === 'python' || l === 'javascript' || l === 'typescript' || l === 'java' ? l : undefined;
  }

  private fresh(base: string): string {
    this.names ??= new NameAllocator(this.ctx);
    return this.names.fresh(base);
  }

  /** The write-back fix for one exchange whose rotated refresh token is dropped, or none where no clean edit exists. */
  fixesFor(x: ExchangeInfo): Fix[] {
    const lang = this.lang;
    if (!lang || x.cache) return [];
    const holder = this.holder(lang, x);
    if (!holder) return [];
    const target = this.target(lang, x);
    const write = this.writeCode(lang, target, holder.value);
    if (!write) return this.environmentComment(lang, x, target, holder.value);
    if ((lang === 'javascript' || lang === 'typescript') && write.code.startsWith('await ') && !this.inAsync(x.call.range.start)) return [];
    const { text } = this;
    const eol = eolOf(text);
    const stmt = holder.guard ? this.guarded(lang, holder.guard, write.code) : [write.code];
    const edits = [...holder.edits];
    if (holder.before) {
      const lines = [...holder.before.lines, ...stmt];
      edits.push({ range: { start: holder.before.at, end: holder.before.at }, text: lines.map((l) => holder.indent + l + eol).join('') });
    } else {
      const at = lineEnd(text, holder.after);
      edits.push({ range: { start: at, end: at }, text: stmt.map((l) => eol + holder.indent + l).join('') });
    }
    return [fixWith(this.ctx.model, `Write the rotated refresh token back to ${write.where} after the exchange`, edits, write.imports, { preferred: true })];
  }

  /**
   * The environment store in a language whose process cannot persist an environment variable: the comment that
   * says where the rotated refresh token must be written back (the store that sets the variable: the pipeline's
   * secret, the host's app setting), as a suppression with that reason and an expiry 30 days out, so the finding
   * comes back if the write-back is not in place by then. Not preferred and not safe: it changes no behaviour.
   */
  private environmentComment(lang: NonNullable<RefreshTokenWriteBacks['lang']>, x: ExchangeInfo, target: Target, value: string): Fix[] {
    const store: SecretStore = this.ctx.options.secretStore ?? { kind: 'environment' };
    if (target.kind !== 'env' && !(target.kind === 'store' && store.kind === 'environment')) return [];
    const until = new Date((this.ctx.options.now ?? new Date()).getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
    const mark = lineComment(lang);
    // Where the next run reads the refresh token: the variable the code reads, or (a value passed in) unknown here.
    const where = target.kind === 'env' ? `the secret store that sets ${envName(target.name)}` : 'where the next run reads its refresh token';
    const reason = `TODO write ${value.replace(/\s+/g, ' ')} back to ${where} (a pipeline secret or app setting; an environment variable set by this process is lost when it ends), until ${until}`;
    const line = `${mark} partner-auth-lint-disable-next-line persist-rotated-refresh-token -- ${reason}`;
    return [fixWith(this.ctx.model, `Add a comment saying where to persist the rotated refresh token (environment store; the finding returns on ${until})`, [insertLinesBefore(this.text, x.call.nameRange.start, [line])])];
  }

  /** `if <guard>:` / `if (<guard>)` around the write (the inner line carries its own extra indentation). */
  private guarded(lang: string, guard: string, code: string): string[] {
    if (lang === 'python') return [`if ${guard}:`, indentUnit(this.text) + code];
    return [`if (${guard}) ${code}`];
  }

  // -------------------------------------------------------------------------------------------
  // Where the result is

  private holder(lang: NonNullable<RefreshTokenWriteBacks['lang']>, x: ExchangeInfo): Holder | undefined {
    const { text } = this;
    const call = x.call;
    if (lang === 'powershell') {
      const partner = call.kind === 'command' && /^New-PartnerAccessToken$/i.test(call.name);
      const rest = call.kind === 'command' && PS_REST.test(call.name);
      if (!partner && !rest) return undefined;
      const member = partner ? 'RefreshToken' : 'refresh_token';
      const discard = /^(\s*)(\$null)(\s*=\s*)$/i.exec(text.slice(lineStart(text, call.range.start), call.range.start));
      if (discard && !call.input) {
        // `$null = Invoke-RestMethod …` (a "keep the token alive" call): keep the response in a variable instead.
        const v = this.fresh(partner ? this.psTokenName(call) : 'tokenResponse');
        const at = lineStart(text, call.range.start) + discard[1].length;
        return { value: `$${v}.${member}`, after: call.range.end, indent: discard[1], edits: [{ range: { start: at, end: at + discard[2].length }, text: `$${v}` }] };
      }
      const a = this.assignedTo(call);
      if (a && !call.input) {
        if (!/^\w+$/.test(a.target[0])) return undefined;
        return { value: `$${a.target[0]}.${member}`, after: call.range.end, indent: indentAt(text, a.range.start), edits: [] };
      }
      if (partner) return this.hoistPartnerToken(call);
      return undefined;
    }
    if (lang === 'python' && (x.msalPython || x.rtName === 'refreshToken')) {
      const a = this.assignedTo(call);
      if (!a || !/^\w+$/.test(a.target[0])) return undefined;
      const q = usualQuote(this.ctx.model);
      const key = x.msalPython ? 'refresh_token' : 'refreshToken';
      return { value: `${a.target[0]}[${q}${key}${q}]`, guard: x.msalPython ? `${q}${key}${q} in ${a.target[0]}` : undefined, after: call.range.end, indent: indentAt(text, a.range.start), edits: [] };
    }
    if (lang === 'csharp' && x.rtName === '.RefreshToken') {
      const a = this.assignedTo(call, true);
      if (!a || !/^\w+$/.test(a.target[0])) return undefined;
      return { value: `${a.target[0]}.RefreshToken`, after: a.range.end, indent: indentAt(text, a.range.start), edits: [] };
    }
    if (lang === 'java' && x.rtName === 'getRefreshToken()') {
      const a = this.assignedTo(call, true);
      if (!a || !/^\w+$/.test(a.target[0])) return undefined;
      return { value: `${a.target[0]}.getRefreshToken()`, after: a.range.end, indent: indentAt(text, a.range.start), edits: [] };
    }
    if (x.raw && (lang === 'python' || lang === 'javascript' || lang === 'typescript')) return this.parsedBody(lang, x);
    return undefined;
  }

  /** The assignment `v = <call>` (also `v = await <call>`, and with `through` a chain that only runs it: `.get()`, `.Result`). */
  private assignedTo(call: Call, through = false): Assignment | undefined {
    const { ctx, text } = this;
    let top: Range = call.range;
    if (through) {
      for (let changed = true; changed; ) {
        changed = false;
        for (const c of ctx.calls) {
          if (/^(get|join|ExecuteAsync|GetAwaiter|GetResult|ConfigureAwait)$/.test(c.name) && c.receiver && c.receiver.range.start === top.start && c.receiver.range.end === top.end) {
            top = c.range;
            changed = true;
          }
        }
      }
    }
    const a = ctx.assignments.find((x) => x.target.length === 1 && x.value.range.start <= top.start && x.value.range.end >= top.end && this.onlyWraps(x.value.range, top));
    if (!a) return undefined;
    // The declaration (`var result = …`, `AuthenticationResult result = …`, `const x: T = …`) or assignment starts its line.
    if (!/^\s*((var|const|let|final)\s+|[\w.<>[\], ?]+\s+)?\$?[\w:]+(\s*:\s*[\w<>[\], |]+)?\s*=[\s(]*(await\s+)?[\s(]*$/.test(text.slice(lineStart(text, a.range.start), a.value.range.start))) return undefined;
    return a;
  }

  /** `… (New-PartnerAccessToken …).AccessToken …` on its own line: the exchange moves to a variable on the line before. */
  private hoistPartnerToken(call: Call): Holder | undefined {
    const { text } = this;
    if (call.input) return undefined;
    let open = call.range.start - 1;
    while (open >= 0 && /[ \t]/.test(text[open])) open--;
    let close = call.range.end;
    while (close < text.length && /[ \t]/.test(text[close])) close++;
    if (text[open] !== '(' || text[close] !== ')' || text[open - 1] === '$' || text[close + 1] !== '.') return undefined;
    const ls = lineStart(text, open);
    const head = text.slice(ls, open);
    // The statement must run once, where the hoisted lines go: no script block, condition or loop header before it on its line.
    if (/[{}]/.test(head) || /^\s*(if|elseif|while|until|for|foreach|switch|do|return\s*\(|param)\b/i.test(head) || !/^\s*\S/.test(head)) return undefined;
    if (lineStart(text, call.range.end) !== ls) return undefined;
    const v = this.fresh(this.psTokenName(call));
    const exchange = text.slice(call.range.start, call.range.end).trimEnd();
    return {
      value: `$${v}.RefreshToken`,
      after: ls,
      indent: indentAt(text, ls),
      edits: [{ range: { start: open, end: close + 1 }, text: `$${v}` }],
      before: { at: ls, lines: [`$${v} = ${exchange}`] },
    };
  }

  /** A variable name for a New-PartnerAccessToken result, after the audience it asks for. */
  private psTokenName(call: Call): string {
    const { ctx } = this;
    const scopes = ctx.value(ctx.arg(call, 'Scopes', 'Resource')?.value) ?? '';
    if (/^exchangeonline$/i.test(ctx.value(ctx.arg(call, 'Module')?.value) ?? '') || /outlook\.office/i.test(scopes)) return 'exchangeToken';
    if (/graph\.microsoft/i.test(scopes)) return 'graphToken';
    if (/management\.(azure|core)/i.test(scopes)) return 'azureToken';
    if (/partnercenter/i.test(scopes)) return 'pcToken';
    return 'token';
  }

  /**
   * Raw HTTP in Python and JavaScript: the variable that holds the parsed token response (`payload = r.json()`,
   * `json.loads(r.text)`, `await res.json()`, `JSON.parse(await res.text())`, axios `response.data`, got `.json()`),
   * assigned after the request in the same function.
   */
  private parsedBody(lang: 'python' | 'javascript' | 'typescript', x: ExchangeInfo): Holder | undefined {
    const { ctx, text } = this;
    const call = x.responseCall ?? x.call;
    const q = lang === 'python' ? usualQuote(this.ctx.model) : '';
    const holder = (a: Assignment, body: string): Holder => ({
      value: lang === 'python' ? `${body}[${q}refresh_token${q}]` : `${body}.refresh_token`,
      guard: lang === 'python' ? `${q}refresh_token${q} in ${body}` : `${body}.refresh_token`,
      after: a.value.range.end,
      indent: indentAt(text, a.range.start),
      edits: [],
    });
    const simple = (a: Assignment | undefined) => a && a.target.length === 1 && /^\w+$/.test(a.target[0]) && this.startsStatement(a) ? a : undefined;
    // The response itself parsed in the same statement: `tokens = requests.post(…).json()`, `await (await fetch(…)).json()`, `got.post(…).json()`.
    const parse = ctx.calls.find((c) => c.receiver && c.receiver.range.start <= call.range.start && c.receiver.range.end >= call.range.end && (lang === 'python' ? c.name === 'json' : JS_PARSE.test(c.name)) && c.receiver.range.end - call.range.end <= 2 && !c.args.length);
    if (parse) {
      const a = simple(ctx.assignments.find((y) => y.value.range.start <= parse.range.start && y.value.range.end >= parse.range.end && this.onlyWraps(y.value.range, parse.range)));
      return a ? holder(a, a.target[0]) : undefined;
    }
    const resp = this.assignedTo(call);
    if (!resp || resp.target.length !== 1 || !/^\w+$/.test(resp.target[0])) {
      // axios destructuring `const { data } = await axios.post(…)`: `data` is the parsed body.
      const d = ctx.assignments.find((y) => y.target.length === 1 && y.target[0] === 'data' && y.value.kind === 'member' && y.value.property === 'data' && y.range.start <= call.range.start && y.range.end >= call.range.end && /^\{\s*data\s*\}/.test(text.slice(y.range.start, y.range.end)));
      return d && this.startsStatement(d) ? holder(d, 'data') : undefined;
    }
    const r = resp.target[0];
    if (lang !== 'python' && /^(post|request|axios)$/.test(x.call.name) && !/^(fetch)$/.test(x.call.name) && /axios/.test(text.slice(x.call.range.start, x.call.nameRange.start) + x.call.name)) {
      return holder(resp, `${r}.data`);
    }
    // A later `body = r.json()` / `json.loads(r.text)` / `await r.json()` / `JSON.parse(await r.text())` in the same function.
    const later = ctx.assignments
      .filter((y) => y.range.start > resp.range.end && y.scope === resp.scope && y.target.length === 1 && /^\w+$/.test(y.target[0]))
      .find((y) => this.parsesResponse(lang, y.value, r));
    return later && this.startsStatement(later) ? holder(later, later.target[0]) : undefined;
  }

  /** `outer` is `inner` with only `await`, parentheses and a TypeScript `as T` around it. */
  private onlyWraps(outer: Range, inner: Range): boolean {
    const before = this.text.slice(outer.start, inner.start);
    const after = this.text.slice(inner.end, outer.end);
    return /^[\s(]*(await\s+)?[\s(]*$/.test(before) && /^[\s)]*(as\s+[\w<>[\], ]+)?[\s)]*$/.test(after);
  }

  /** Does `e` parse the response named `r`? */
  private parsesResponse(lang: 'python' | 'javascript' | 'typescript', e: Expr, r: string): boolean {
    const { ctx, text } = this;
    const src = text.slice(e.range.start, e.range.end);
    const isR = (x: Expr | undefined) => !!x && x.kind === 'name' && x.name === r;
    for (const c of ctx.calls) {
      if (c.range.start < e.range.start || c.range.end > e.range.end) continue;
      if (lang === 'python') {
        if (c.name === 'json' && isR(c.receiver) && this.onlyWraps(e.range, c.range)) return true;
        if (c.name === 'loads' && c.args[0]?.kind === 'member' && isR(c.args[0].object) && /^(text|content)$/.test(c.args[0].property) && this.onlyWraps(e.range, c.range)) return true;
      } else {
        if (c.name === 'json' && isR(c.receiver) && this.onlyWraps(e.range, c.range)) return true;
        if (c.name === 'parse' && /^JSON\.parse\(\s*await\s+\w+\.text\(\)\s*\)/.test(text.slice(c.range.start, c.range.end)) && new RegExp(`await\\s+${r}\\.text\\(\\)`).test(src) && this.onlyWraps(e.range, c.range)) return true;
      }
    }
    return false;
  }

  /** The assignment's statement starts its line (`x = …`, `const x = …`, `const x: T = …`). */
  private startsStatement(a: Assignment): boolean {
    const text = this.text;
    if (/^\{\s*data\s*\}/.test(text.slice(a.range.start, a.range.end))) return /^\s*(const|let|var)\s+$/.test(text.slice(lineStart(text, a.range.start), a.range.start));
    return /^\s*((const|let|var)\s+)?\w+(\s*:\s*[\w<>[\], |]+)?\s*=[\s(]*(await\s+)?[\s(]*$/.test(text.slice(lineStart(text, a.range.start), a.value.range.start));
  }

  // -------------------------------------------------------------------------------------------
  // Where the refresh token came from

  private target(lang: NonNullable<RefreshTokenWriteBacks['lang']>, x: ExchangeInfo): Target {
    let source = this.refreshTokenSource(x);
    const found = source ? this.classify(lang, source, x.call) : undefined;
    if (found) return found;
    if (source?.kind === 'unknown') source = this.ctx.references.find((r) => r.kind === 'name' && r.range.start >= source!.range.start && r.range.end <= source!.range.end) ?? source;
    const label = source ? this.labelOf(source) : undefined;
    return { kind: 'store', name: label && !GENERIC_RT.test(label) && /refresh|token|rt/i.test(label) ? envName(label) : REFRESH_TOKEN_NAME };
  }

  /** The expression the exchange sends as the refresh token. */
  private refreshTokenSource(x: ExchangeInfo): Expr | undefined {
    const { ctx } = this;
    const call = x.call;
    if (call.kind === 'command' && /^New-PartnerAccessToken$/i.test(call.name)) return ctx.arg(call, 'RefreshToken')?.value;
    if (!x.raw) return call.args[0];
    // Raw: the refresh_token parameter next to the grant (same container or builder), else inside the request call.
    const rt = (p: Pair) => p.key.toLowerCase().replace(/[^a-z]/g, '') === 'refreshtoken' && !/^grant/i.test(p.key);
    const g = x.grant;
    const near = ctx.pairs.filter((p) => rt(p) && (g ? scopeChain(ctx, call.scope).includes(p.scope) && p.range.start < call.range.end : p.range.start >= call.range.start && p.range.end <= call.range.end));
    if (g) near.sort((a, b) => Math.abs(a.range.start - g.range.start) - Math.abs(b.range.start - g.range.start));
    return near[0]?.value;
  }

  /** A read from Key Vault or an environment variable, seen through variables and a helper function of this file. */
  private classify(lang: string, e: Expr, at: Call, depth = 0): Target | undefined {
    const { ctx } = this;
    if (depth > 4) return undefined;
    if (e.kind === 'unknown' && !e.children?.length) {
      // A value read out of a form string (`refresh_token=$refreshToken`): the variable written into the string there.
      const inside = (r: Range) => r.start >= e.range.start && r.end <= e.range.end;
      const read = ctx.calls.find((c) => inside(c.range) && !/^(encodeURIComponent|encodeURI|EscapeDataString|UrlEncode|encode|quote|quote_plus)$/.test(c.name));
      if (read) return this.classify(lang, { kind: 'call', call: read, range: read.range }, at, depth + 1);
      const ref = ctx.references.find((r) => r.kind === 'name' && inside(r.range));
      return ref ? this.classify(lang, ref, at, depth + 1) : undefined;
    }
    const d = e.kind === 'name' ? (e.def ?? e) : e;
    // Environment variables.
    if (d.kind === 'name' && /^env:/i.test(d.name)) return { kind: 'env', name: d.name.slice(4) };
    const envKey = this.envRead(d);
    if (envKey) return { kind: 'env', name: envKey };
    if (e.kind === 'name' && e.def && e.defRange && !this.visible(e, at)) return undefined;
    // PowerShell: Get-AzKeyVaultSecret -VaultName V -Name N (-AsPlainText).
    const ps = d.kind === 'call' && /^Get-AzKeyVaultSecret$/i.test(d.call.name) ? d.call : undefined;
    if (ps) {
      const vault = ctx.arg(ps, 'VaultName')?.value;
      const name = ctx.arg(ps, 'Name', 'SecretName')?.value;
      if (vault && name && ctx.arg(ps, 'AsPlainText')) return { kind: 'psVault', vault: ctx.text(vault.range), name: ctx.text(name.range) };
      return undefined;
    }
    // Azure Automation: Get-AutomationVariable -Name N (an encrypted variable of the Automation account).
    const auto = d.kind === 'call' && /^Get-AutomationVariable$/i.test(d.call.name) ? d.call : undefined;
    if (auto) {
      const name = ctx.arg(auto, 'Name')?.value ?? auto.args[0];
      return name ? { kind: 'automation', name: ctx.text(name.range) } : undefined;
    }
    // SDK reads: X.get_secret(N).value, (await X.getSecret(N)).value, X.GetSecret(N).Value.Value, X.getSecret(N).getValue().
    const sdk = this.sdkRead(lang, d);
    if (sdk) return sdk;
    // A helper of this file: `stored_refresh_token()`, `await readSecret('PartnerRefreshToken')`, `await this.refreshToken()`.
    const call = d.kind === 'call' ? d.call : undefined;
    return call ? this.helper(lang, call, at) : undefined;
  }

  private envRead(e: Expr): string | undefined {
    const { ctx } = this;
    if ((e.kind === 'index' || e.kind === 'member') && /^(os\.environ|process\.env)$/.test(e.path.slice(0, -1).join('.'))) return e.path[e.path.length - 1];
    if (e.kind === 'call' && /^(getenv|GetEnvironmentVariable)$/.test(e.call.name) && e.call.args[0]) return ctx.value(e.call.args[0]);
    if (e.kind === 'call' && e.call.name === 'get' && e.call.receiver && /^os\.environ$/.test(this.ctx.text(e.call.receiver.range))) return ctx.value(e.call.args[0]);
    return undefined;
  }

  /** A secret read through a SecretClient held in a variable or field: the same client and name write it back. */
  private sdkRead(lang: string, e: Expr, param?: { name: string; value: string }): Target | undefined {
    const { text } = this;
    let inner: Expr | undefined = e;
    // Unwrap `.value`, `.Value.Value`, `.getValue()`, `(await …)`.
    for (let i = 0; i < 4 && inner; i++) {
      if ((inner.kind === 'member' && /^(value|Value)$/.test(inner.property)) || (inner.kind === 'member' && inner.object.kind === 'member' && inner.property === 'Value')) inner = inner.object;
      else if (inner.kind === 'call' && /^(getValue)$/.test(inner.call.name) && inner.call.receiver) inner = inner.call.receiver;
      else if (inner.kind === 'unknown' && inner.children?.length === 1) inner = inner.children[0];
      else break;
    }
    if (inner?.kind !== 'call') return undefined;
    const c = inner.call;
    const get = lang === 'python' ? c.name === 'get_secret' : lang === 'csharp' ? /^GetSecret(Async)?$/.test(c.name) : c.name === 'getSecret';
    if (!get || !c.receiver || !c.args[0]) return undefined;
    const recv = c.receiver;
    if (!(recv.kind === 'name' || (recv.kind === 'member' && recv.object.kind === 'name' && /^(this|self)$/.test(recv.object.name)))) return undefined;
    if (recv.kind === 'name' && recv.def && deref(recv)?.kind === 'call') {
      const ctor = (deref(recv) as Extract<Expr, { kind: 'call' }>).call;
      if (!/SecretClient/.test(ctor.callee.join('.') + ctor.name)) return undefined;
    }
    const arg = c.args[0];
    let name: string | undefined;
    if (arg.kind === 'string') name = text.slice(arg.range.start, arg.range.end);
    else if (param && arg.kind === 'name' && arg.name === param.name) name = param.value;
    if (!name) return undefined;
    return { kind: 'client', client: text.slice(recv.range.start, recv.range.end), name };
  }

  /** A zero- or one-argument helper defined in this file whose body reads the secret through a SecretClient. */
  private helper(lang: string, call: Call, at: Call): Target | undefined {
    const { ctx, text } = this;
    if (call.args.length > 1 || (call.receiver && !(call.receiver.kind === 'name' && /^(this|self)$/.test(call.receiver.name)))) return undefined;
    const def = new RegExp(`^\\s*(?:(?:public|private|protected|internal|static|async|final)\\s+)*(?:def\\s+|function\\s+|[\\w.<>[\\]?,]+\\s+)?${call.name}\\s*\\(`);
    const scope = ctx.model.scopes.find((s) => def.test(text.slice(s.range.start, s.range.start + 200)));
    if (!scope) return undefined;
    const param = ctx.model.parameters.filter((p) => p.scope === scope.id && !/^(self|this)$/.test(p.name))[0];
    const arg = call.args[0];
    const bound = arg && param && arg.kind === 'string' ? { name: param.name, value: text.slice(arg.range.start, arg.range.end) } : undefined;
    if (call.args.length === 1 && !bound) return undefined;
    // The one get_secret/getSecret call in its body; the helper's parameter stands for the name it was given.
    const reads = ctx.calls.filter((c) => c.scope === scope.id && /^(get_secret|getSecret|GetSecret|GetSecretAsync)$/.test(c.name));
    if (reads.length !== 1) return undefined;
    const t = this.sdkRead(lang, { kind: 'call', call: reads[0], range: reads[0].range }, bound);
    return t && (t.kind !== 'client' || this.seen(t.client, at)) ? t : undefined;
  }

  /** A client variable the exchange sees too (module level, a field, or its own function's). */
  private seen(client: string, at: Call): boolean {
    if (/^(this|self)\./.test(client)) return true;
    const chain = scopeChain(this.ctx, at.scope);
    return this.ctx.assignments.some((a) => a.target.length === 1 && a.target[0] === client && chain.includes(a.scope));
  }

  /** The definition `e` resolves to is in a scope the exchange sees. */
  private visible(e: NameExpr, at: Call): boolean {
    const def = this.ctx.assignments.find((a) => a.value === e.def);
    return !def || scopeChain(this.ctx, at.scope).includes(def.scope);
  }

  private labelOf(e: Expr): string | undefined {
    if (e.kind === 'name') return e.name.replace(/^(script|global|local|private):/i, '');
    if (e.kind === 'member') return e.property;
    return undefined;
  }

  // -------------------------------------------------------------------------------------------
  // The write

  private writeCode(lang: NonNullable<RefreshTokenWriteBacks['lang']>, t: Target, value: string): { code: string; imports: ImportNeed[]; where: string } | undefined {
    const store: SecretStore = this.ctx.options.secretStore ?? { kind: 'environment' };
    switch (t.kind) {
      case 'psVault':
        return { code: `Set-AzKeyVaultSecret -VaultName ${t.vault} -Name ${t.name} -SecretValue (ConvertTo-SecureString ${value} -AsPlainText -Force) | Out-Null`, imports: [], where: `Key Vault secret ${t.name}` };
      case 'client':
        if (lang === 'python') return { code: `${t.client}.set_secret(${t.name}, ${value})`, imports: [], where: `Key Vault secret ${t.name}` };
        if (lang === 'csharp') return { code: `${t.client}.SetSecret(${t.name}, ${value});`, imports: [], where: `Key Vault secret ${t.name}` };
        if (lang === 'java') return { code: `${t.client}.setSecret(${t.name}, ${value});`, imports: [], where: `Key Vault secret ${t.name}` };
        return { code: `await ${t.client}.setSecret(${t.name}, ${value});`, imports: [], where: `Key Vault secret ${t.name}` };
      case 'automation':
        return { code: `Set-AutomationVariable -Name ${t.name} -Value ${value}`, imports: [], where: `the Automation variable ${t.name}` };
      case 'env':
        return undefined; // no code persists an environment variable for the next run (refresh-token.ts): the comment says where
      case 'store': {
        const w = persistRefreshToken(this.ctx.language, store, t.name, value);
        if (!w) return undefined;
        return { code: w.code, imports: w.imports, where: `Key Vault secret ${vaultSecretName(t.name)}` };
      }
    }
  }

  /** JavaScript: an `await` is allowed at `offset` (inside an async function). */
  private inAsync(offset: number): boolean {
    const scope = [...this.ctx.model.scopes].filter((s) => s.range.start <= offset && offset < s.range.end).sort((a, b) => b.range.start - a.range.start)[0];
    if (!scope) return false;
    return /^\s*(?:(?:public|private|protected|static)\s+)*async\b/.test(this.text.slice(scope.range.start, scope.range.start + 80)) || /\basync\s*(\([^)]*\)|\w+)\s*=>\s*\{?\s*$/.test(this.text.slice(Math.max(0, scope.range.start - 80), scope.range.start + 1));
  }
}

