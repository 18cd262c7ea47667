// no-token-logging: access tokens, refresh tokens, passwords and secrets written to a console or log sink.
//
// Two halves: (1) which calls are sinks (by API meaning: console/host writers, logging frameworks and
// logger-named receivers, custom `Write-Log` commands, log files), here; and (2) which parts of their arguments
// carry a secret value (by name, member, index key, getter, definition, token responses, Key Vault reads),
// while derived values (prefix, length, hash, boolean, mask) do not: rules/common/secret-values.ts.
import type { Call, Expr, NameExpr, Range } from '../model/types';
import type { Rule, RuleContext } from '../engine/types';
import { CODE_LANGUAGES } from '../common/meta';
import { isCommand, nameMatches } from '../common/commands';
import { Analysis, AWAIT_METHOD, type Carry, Collector, isLogPath, isSecret, lastSegment, origin, PASS_FUNCTION, PASS_METHOD, SELECTED, SERIALIZER, short } from '../common/secret-values';
import { redactFix } from '../fixes/redact';

const ID = 'no-token-logging';

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


// ---------------------------------------------------------------------------------------------
// The rule


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
/** Client-credentials results: no refresh token in them, and the token acts as the application. */
const APP_ONLY_WHY: Record<string, string> = {
  'token response': "a token response holds the access token (an app-only response has no refresh token), which anyone who reads the log can use as the application until it expires",
  'access token': 'anyone who reads the log can call the API as the application until the token expires',
  'bearer token': 'anyone who reads the log can call the API as the application until the token expires',
};
const SUBJECT: Record<string, string> = { 'bearer token': 'Authorization header (bearer token)' };


function message(ctx: RuleContext, carry: Carry, sink: string): string {
  const { kind } = carry.secret;
  const subject = SUBJECT[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1);
  const holder = carry.secret.contained || (carry.secret.shape !== 'plain' && kind !== 'token response');
  const what = carry.secret.env
    ? `\`${ctx.text(carry.expr.range).replace(/\s+/g, ' ').slice(0, 40)}\` (every environment variable, \`${carry.secret.env}\` among them, which this file reads)`
    : holder
    ? `\`${short(ctx, carry.expr)}\`${origin(ctx, carry.secret, carry.expr)}, which holds ${/^[aeiouAEIOU]/.test(kind) ? 'an' : 'a'} ${kind},`
    : `${subject} \`${short(ctx, carry.expr)}\`${origin(ctx, carry.secret, carry.expr)}`;
  const why = (carry.secret.appOnly ? APP_ONLY_WHY[kind] : undefined) ?? WHY[kind] ?? WHY_DEFAULT;
  if (carry.setVariable) {
    return `${what} is set as a pipeline variable by \`${sink}\` without \`issecret=true\`, so it is not masked in the run's logs; ${why}. Add \`issecret=true\` (or register it with \`##vso[task.setsecret]\` / \`::add-mask::\`).`;
  }
  const to = sink === 'implicit output' ? 'the output stream (a bare script-level statement)' : `\`${sink}\``;
  const fix = carry.secret.env ? 'List the variable names only (`Get-ChildItem env: | Select-Object Name`, `Object.keys(process.env)`), or nothing.' : kind === 'token response' ? 'Log only its non-secret fields (expiry, scopes) or nothing.' : 'Log a prefix, the length or a hash instead, or nothing.';
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
        // Also a listing of the whole environment standing alone (`Get-ChildItem env:`), which prints every variable.
        const listing = c.kind === 'command' && /^(Get-ChildItem|gci|dir|ls|Get-Item|gi)$/i.test(c.name) && !c.input;
        if (listing && scriptLevel(ctx, c.scope) && isStatement(ctx, c.range, c) && !ctx.calls.some((o) => o.input?.kind === 'call' && o.input.call === c && !/^(Format-\w+|Out-(Host|Default|String)|Sort-Object|sort)$/i.test(o.name))) {
          const collector = new Collector(ctx, analysis);
          const range = { start: c.range.start, end: c.range.start + ctx.text(c.range).trimEnd().length };
          collector.collect({ kind: 'call', call: c, range }, { inString: false, serialized: false, formatted: true, prose: false });
          emit(collector.out, 'implicit output');
          continue;
        }
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
function isStatement(ctx: RuleContext, r: Range, self?: Call): boolean {
  // The line test first: it rules out almost every reference, and the containment scans below cost the whole model each.
  const text = ctx.model.text;
  const lineStart = text.lastIndexOf('\n', r.start - 1) + 1;
  let lineEnd = text.indexOf('\n', r.end);
  if (lineEnd < 0) lineEnd = text.length;
  const before = text.slice(lineStart, r.start);
  const after = text.slice(r.end, lineEnd);
  if (!(/^[\s;{}]*$|^\s*(else|try|finally)?\s*\{\s*$|^\s*(if|elseif|foreach|for|while)\s*\(.*\)\s*\{\s*$/.test(before) && /^\s*[;}]*\s*(#.*)?\r?$/.test(after))) return false;
  if (ctx.model.scopes.some((s) => s.id !== 0 && !embeddedScript(ctx, s) && s.range.start <= r.start && r.end <= s.range.end)) return false;
  if (ctx.calls.some((c) => c !== self && c.range.start <= r.start && r.end <= c.range.end)) return false;
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
