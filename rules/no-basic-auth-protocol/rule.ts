// no-basic-auth-protocol: mail and remote protocols that send a user's password (Basic authentication):
// SMTP AUTH, IMAP, POP, EWS and Exchange Remote PowerShell, in code and in configuration.
import type { Call, Expr, LanguageId, NamedArg, ObjectExpr, Pair, Range } from '../model/types';
import type { Rule, RuleContext } from '../engine/types';
import { textMap } from '../engine/derive';
import { ALL_LANGUAGES } from '../common/meta';
import { lineOf } from '../common/report';
import { isLabel, secretKindOfKey } from '../common/secrets';

type Proto = 'smtp' | 'imap' | 'pop' | 'mail' | 'ews';

// ---------------------------------------------------------------------------------------------
// Messages

const NO_MFA = 'it cannot do MFA';
const CONSEQUENCE: Record<Proto, string> = {
  smtp: 'and Exchange Online is retiring Basic authentication for SMTP AUTH client submission (disabled by default from the end of December 2026)',
  imap: 'and Exchange Online turned Basic authentication off for IMAP in October 2022',
  pop: 'and Exchange Online turned Basic authentication off for POP in October 2022',
  mail: 'and Exchange Online has turned Basic authentication off for IMAP and POP (October 2022) and is retiring it for SMTP AUTH (disabled by default from the end of December 2026)',
  ews: 'Exchange Online turned Basic authentication off for EWS in October 2022, and EWS itself is blocked in Exchange Online from October 2026',
};
const WHAT: Record<Proto, string> = {
  smtp: 'authenticates to SMTP with the user\'s password (Basic SMTP AUTH)',
  imap: 'signs in to IMAP with the user\'s password (Basic authentication)',
  pop: 'signs in to POP with the user\'s password (Basic authentication)',
  mail: 'signs in to a mail server (SMTP/IMAP/POP) with the user\'s password (Basic authentication)',
  ews: 'signs in to Exchange Web Services with the user\'s password (Basic authentication)',
};
type FixLang = LanguageId | 'config';
const SEND_FIX: Record<string, string> = {
  powershell: 'Send through Microsoft Graph `sendMail` (`Send-MgUserMail`, or `Invoke-RestMethod` to `/users/{id}/sendMail`) with a SAM or app token, or use OAuth 2.0 (XOAUTH2) for SMTP.',
  csharp: 'Send through Microsoft Graph (`graphClient.Users[id].SendMail`) with a SAM or app token, or use MailKit with `SaslMechanismOAuth2` and an MSAL token.',
  python: 'Send through Microsoft Graph `sendMail` with an MSAL token, or authenticate with OAuth 2.0 (`smtp.auth("XOAUTH2", …)`).',
  javascript: 'Send through Microsoft Graph `sendMail` with an MSAL token, or use OAuth 2.0 (nodemailer `auth: { type: \'OAuth2\', user, accessToken }`).',
  java: 'Send through Microsoft Graph `sendMail` with an MSAL4J token, or use OAuth 2.0 (`mail.smtp.auth.mechanisms=XOAUTH2` with the access token as the password).',
  config: 'Send through Microsoft Graph `sendMail` with an app token, or configure OAuth 2.0 (XOAUTH2) for SMTP; then no mail password is needed.',
};
const READ_FIX: Record<string, string> = {
  powershell: 'Read mail through Microsoft Graph (`Get-MgUserMessage`) with a SAM or app token, or use OAuth 2.0 (XOAUTH2).',
  csharp: 'Read mail through Microsoft Graph with a SAM or app token, or use MailKit `Authenticate(new SaslMechanismOAuth2(user, accessToken))`.',
  python: 'Read mail through Microsoft Graph with an MSAL token, or use OAuth 2.0 (`imap.authenticate("XOAUTH2", …)`).',
  javascript: 'Read mail through Microsoft Graph with an MSAL token, or use OAuth 2.0 (imapflow `auth: { user, accessToken }`, node-imap `xoauth2`).',
  java: 'Read mail through Microsoft Graph with an MSAL4J token, or use OAuth 2.0 (`mail.imap.auth.mechanisms=XOAUTH2` with the access token as the password).',
  config: 'Read mail through Microsoft Graph with an app token, or configure OAuth 2.0 (XOAUTH2); then no mail password is needed.',
};
const EWS_FIX = 'Move to Microsoft Graph with a SAM or app token (until then, EWS `OAuthCredentials` with an MSAL token).';

function fixFor(lang: FixLang, proto: Proto): string {
  const l = lang === 'typescript' ? 'javascript' : ['json', 'yaml', 'dotenv', 'xml', 'properties'].includes(lang) ? 'config' : lang;
  if (proto === 'ews') return EWS_FIX;
  return (proto === 'imap' || proto === 'pop' ? READ_FIX : SEND_FIX)[l] ?? SEND_FIX.config;
}

function message(ctx: RuleContext, what: string, proto: Proto, note = ''): string {
  const consequence = proto === 'ews' ? `${NO_MFA}, ${CONSEQUENCE.ews}` : `${NO_MFA}, ${CONSEQUENCE[proto]}`;
  return `${what} ${WHAT[proto]}${note}: ${consequence}. ${fixFor(ctx.language, proto)}`;
}

/** ` (credential from `cred`, line 4)` when `e` is a name defined elsewhere in the file. */
function fromNote(ctx: RuleContext, e: Expr | undefined, label: string): string {
  if (e?.kind !== 'name' || !e.defRange) return '';
  return ` (${label} from \`${ctx.text(e.defRange)}\`, line ${lineOf(ctx, e.defRange.start)})`;
}

// ---------------------------------------------------------------------------------------------
// Where an object comes from

/** `this.x` / `self.x` / `$this.x` / `x` -> 'x' (lower case), for matching assignments across methods. */
function pathKey(path: string[]): string {
  const p = path[0] && /^(this|self|me|\$this)$/i.test(path[0]) ? path.slice(1) : path;
  return p.join('.').toLowerCase();
}

/** The expression an object was built from: names followed to their definition, fields/attributes to their assignment anywhere in the file. */
function origin(ctx: RuleContext, e: Expr | undefined, depth = 0): Expr | undefined {
  if (!e || depth > 6) return e;
  const d = ctx.deref(e);
  if (d && d !== e && d.kind !== 'name') return origin(ctx, d, depth + 1);
  const cur = d ?? e;
  let path: string[] | undefined;
  if (cur.kind === 'name' && !cur.isParameter) path = [cur.name];
  else if (cur.kind === 'member') path = cur.path;
  if (!path) return cur;
  const key = pathKey(path);
  // A field assigned in a constructor or another method (`self.conn = smtplib.SMTP(...)`, `_imap = new ImapClient()`).
  const candidates = ctx.assignments.filter((a) => pathKey(a.target) === key && a.value !== cur);
  if (!candidates.length) return cur;
  const before = candidates.filter((a) => a.range.start < cur.range.start);
  const a = (before.length ? before : candidates)[before.length ? before.length - 1 : 0];
  return origin(ctx, a.value, depth + 1);
}

interface Built {
  /** Constructed type or factory name: 'SmtpClient', 'SMTP_SSL', 'getTransport'. */
  name: string;
  callee: string[];
  call: Call;
}

/** The constructor or factory call an expression comes from (`new X()`, `New-Object X`, `[X]::new()`, `smtplib.SMTP()`). */
function builtBy(ctx: RuleContext, e: Expr | undefined): Built | undefined {
  const o = origin(ctx, e);
  if (o?.kind !== 'call') return undefined;
  const c = o.call;
  if (c.kind === 'command' && /^New-Object$/i.test(c.name)) {
    const type = ctx.value(ctx.arg(c, 'TypeName')?.value ?? c.args[0]);
    if (!type) return undefined;
    const callee = type.split('.');
    return { name: callee[callee.length - 1], callee, call: c };
  }
  if (c.name === 'new' && c.callee.length > 1) return { name: c.callee[c.callee.length - 2], callee: c.callee.slice(0, -1), call: c };
  return { name: c.name, callee: c.callee, call: c };
}

/** Reads the entry `key` of an object literal (last wins, spreads followed). */
function entry(ctx: RuleContext, obj: ObjectExpr | undefined, key: string, depth = 0): Pair | undefined {
  if (!obj || depth > 4) return undefined;
  const k = key.toLowerCase();
  for (let i = obj.entries.length - 1; i >= 0; i--) if (obj.entries[i].key.toLowerCase() === k) return obj.entries[i];
  for (const s of obj.spreads) {
    const inner = ctx.deref(s.kind === 'spread' ? s.argument : s);
    if (inner?.kind === 'object') {
      const found = entry(ctx, inner, key, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

function objectOf(ctx: RuleContext, e: Expr | undefined): ObjectExpr | undefined {
  const d = ctx.deref(e);
  return d?.kind === 'object' ? d : undefined;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** SMTP relays whose SMTP credentials are an API key or an app secret, not a user's password. */
const NON_USER_RELAY = /(^|[.@])(sendgrid\.net|mailgun\.org|mailgun\.net|postmarkapp\.com|sparkpostmail\.com|mailjet\.com|mandrillapp\.com|sendinblue\.com|brevo\.com|azurecomm\.net|amazonaws\.com|smtp2go\.com|mailersend\.net|resend\.com|socketlabs\.com|elasticemail\.com|mailtrap\.io)(:\d+)?$/i;
const RELAY_SERVICE = /^(sendgrid|mailgun|postmark|sparkpost|mailjet|mandrill|sendinblue|brevo|ses|ses-[a-z0-9-]+|mailtrap|smtp2go|resend)$/i;

/**
 * Mailbox providers other than Microsoft: their password (or app password) sign-in is not Exchange Online's Basic
 * authentication, which this rule is about, and its advice (Graph `sendMail`, OAuth for Exchange) does not apply.
 */
const NON_MICROSOFT_MAILBOX = /(^|[.@])(gmail\.com|googlemail\.com|google\.com|yahoo\.(com|co\.[a-z]{2})|ymail\.com|zoho\.(com|eu|in)|zohomail\.(com|eu)|icloud\.com|me\.com|mac\.com|gmx\.(com|net|de)|fastmail\.com|aol\.com|yandex\.(com|ru)|mail\.ru|qq\.com|163\.com|126\.com|naver\.com|daum\.net|web\.de|ionos\.(com|de|co\.uk)|1and1\.com|protonmail\.ch|proton\.me)(:\d+)?$/i;

/** A transactional relay (API-key users, not mailboxes) or another provider's mailbox: not Exchange Online Basic auth. */
function isRelayHost(v: string | undefined): boolean {
  const host = v?.trim().replace(/^[a-z]+:\/\//i, '').replace(/[/?].*$/, '');
  return !!host && (NON_USER_RELAY.test(host) || NON_MICROSOFT_MAILBOX.test(host));
}

/** Password arguments that are really OAuth tokens (XOAUTH2 passes the token where the password goes). */
function tokenLike(ctx: RuleContext, e: Expr | undefined): boolean {
  if (!e) return false;
  const t = ctx.text(e.range);
  return /(access|oauth|bearer|auth)_?token|^\$?token$|\.token\b|\btoken\(|oauth|xoauth/i.test(t);
}

function isEmptyValue(ctx: RuleContext, e: Expr | undefined): boolean {
  if (!e) return true;
  if (e.kind === 'literal') return /^(null|none|nil|\$null|undefined|~|false)$/i.test(e.text.trim());
  const v = ctx.value(e);
  return v !== undefined && /^\s*(null|none|nil|~)?\s*$/i.test(v);
}

const PY_SMTP = /^(SMTP|SMTP_SSL|LMTP)$/;
const PY_IMAP = /^(IMAP4|IMAP4_SSL|IMAP4_stream|IMAPClient)$/;
const PY_POP = /^(POP3|POP3_SSL)$/;

/** Which mail protocol an object built by `b` speaks, if it is a mail client. */
function mailClientProto(b: Built | undefined): Proto | undefined {
  if (!b) return undefined;
  const n = b.name;
  const path = b.callee.join('.').toLowerCase();
  if (/^(SmtpClient|SMTPClient|SMTPConnection|SmtpConnection|Smtp)$/.test(n)) return 'smtp';
  if (PY_SMTP.test(n) && (/smtplib|^smtp/.test(path) || b.callee.length === 1)) return /yagmail/.test(path) ? undefined : 'smtp';
  if (/^(ImapClient|Imap4Client|ImapX|Imap|IMAPClient|ImapFlow)$/.test(n) || PY_IMAP.test(n)) return 'imap';
  if (/^(Pop3Client|POP3Client|Pop3Command|Pop3)$/.test(n) || PY_POP.test(n)) return 'pop';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The rule

export const noBasicAuthProtocol: Rule = {
  meta: {
    id: 'no-basic-auth-protocol',
    title: 'Do not send a user\'s password over SMTP, IMAP, POP, EWS or Exchange Remote PowerShell (Basic authentication); use Microsoft Graph or OAuth 2.0',
    defaultSeverity: 'warning',
    languages: ALL_LANGUAGES,
    fixable: false,
  },
  check(ctx) {
    const found = new Set<Proto>();
    const report = (range: Range, msg: string) => {
      for (const proto of Object.keys(WHAT) as Proto[]) if (msg.includes(WHAT[proto])) found.add(proto);
      // Some adapters' statement-level ranges end with the whitespace before a comment.
      const t = ctx.text(range);
      const start = range.start + (t.length - t.trimStart().length);
      const end = Math.max(start, range.end - (t.length - t.trimEnd().length));
      ctx.report({ range: { start, end }, message: msg });
    };
    const usesXoauth = xoauthProtocols(ctx);

    for (const call of ctx.calls) {
      if (call.kind === 'command') checkCommand(ctx, call, report);
      else checkCall(ctx, call, usesXoauth, report);
    }
    checkCredentialsProperty(ctx, report);
    if (ctx.language === 'javascript' || ctx.language === 'typescript') checkMailOptions(ctx, report);
    checkUrls(ctx, report);
    if (ctx.language === 'python') checkPythonSettings(ctx, report);
    if (['json', 'yaml', 'dotenv', 'xml', 'properties'].includes(ctx.language)) checkConfig(ctx, usesXoauth, report);
    // `mail.smtp.auth=true` turns SMTP AUTH on; reported only when nothing else here shows where the password goes.
    if (!found.has('smtp') && !found.has('mail') && !usesXoauth('smtp')) checkSmtpAuthSwitch(ctx, report);
  },
};

type Report = (range: Range, msg: string) => void;
/** Whether OAuth 2.0 (XOAUTH2/OAUTHBEARER) is configured in this file for a protocol: then the "password" is an access token. */
type Xoauth = (proto: Proto) => boolean;

function protoOfKey(key: string): Proto | 'all' {
  const m = /mail\.(smtps?|imaps?|pop3s?)\./i.exec(key);
  if (!m) return 'all';
  return m[1].toLowerCase().startsWith('imap') ? 'imap' : m[1].toLowerCase().startsWith('pop') ? 'pop' : 'smtp';
}

function xoauthProtocols(ctx: RuleContext): Xoauth {
  const on = new Set<Proto | 'all'>();
  const isX = (e: Expr | undefined) => /^\s*(XOAUTH2|OAUTHBEARER)\b/i.test(ctx.value(e) ?? '');
  const keyed = new Set<Expr>();
  // Keyed settings (`mail.imap.auth.mechanisms=XOAUTH2`, props.put / setProperty) name their protocol.
  for (const p of ctx.pairs) {
    if (!isX(p.value)) continue;
    keyed.add(p.value);
    on.add(protoOfKey(`${p.path.join('.')}.${p.key}`));
  }
  for (const c of ctx.calls) {
    if (c.args.length !== 2 || !isX(c.args[1])) continue;
    keyed.add(c.args[1]);
    on.add(protoOfKey(ctx.value(c.args[0]) ?? ''));
  }
  // Any other XOAUTH2 string (`smtp.auth("XOAUTH2", …)`) applies to the whole file.
  for (const s of ctx.strings) if (!keyed.has(s) && isX(s)) on.add('all');
  return (proto) => on.has('all') || on.has(proto) || (proto === 'mail' && on.size > 0);
}

// ---------------------------------------------------------------------------------------------
// PowerShell commands

const REMOTING = /^(New-PSSession|Enter-PSSession|Invoke-Command|Connect-PSSession)$/i;
const EXO_REMOTE_HOST = /(outlook\.office365\.(com|us)|ps\.outlook\.com|outlook\.office\.(com|de)|protection\.outlook\.com|partner\.outlook\.cn|webmail\.apps\.mil|powershell-liveid)/i;

function checkCommand(ctx: RuleContext, call: Call, report: Report): void {
  const name = call.name;
  if (REMOTING.test(name)) return checkRemoting(ctx, call, report);
  let proto: Proto | undefined;
  if (/^(Send-MailMessage|Send-MailKitMessage|Send-EmailMessage)$/i.test(name)) proto = 'smtp';
  else if (/^Connect-IMAP$/i.test(name)) proto = 'imap';
  else if (/^Connect-POP3?$/i.test(name)) proto = 'pop';
  if (!proto) return;
  // Mailozaurr: -oAuth2 passes a token in the credential, -Graph / -SendGrid are other APIs.
  if (ctx.arg(call, 'oAuth2', 'oAuth', 'Graph', 'MgGraphRequest', 'SendGrid')) return;
  const server = ctx.value(ctx.arg(call, 'SmtpServer', 'Server', 'SMTPServer')?.value);
  if (isRelayHost(server)) return;
  const cred = ctx.arg(call, 'Credential', 'Credentials');
  const pass = ctx.arg(call, 'Password');
  const a = cred ?? pass;
  if (!a || !a.value) return;
  if (/PSCredential\]::Empty$/i.test(ctx.text(a.value.range))) return;
  report(a.range, message(ctx, `\`${name} -${a.name}\``, proto, splatNote(ctx, call, a)));
}

/** ` (in `$params`, line 3)` when a named argument came from a splatted hashtable. */
function splatNote(ctx: RuleContext, call: Call, a: NamedArg): string {
  if (call.named.includes(a)) return '';
  const spread = call.args.find((x) => x.kind === 'spread' && x.range.start === a.range.start);
  const arg = spread?.kind === 'spread' ? spread.argument : undefined;
  if (arg?.kind !== 'name' || !arg.defRange) return '';
  return ` (\`${a.name}\` in \`${ctx.text(arg.defRange)}\`, line ${lineOf(ctx, arg.defRange.start)})`;
}

function checkRemoting(ctx: RuleContext, call: Call, report: Report): void {
  const auth = ctx.arg(call, 'Authentication');
  if (!auth?.value) return;
  const v = ctx.value(auth.value) ?? ctx.text(auth.value.range);
  if (!/(^|[.:])\s*Basic\s*\)?$/i.test(v.trim().replace(/^\(|\)$/g, ''))) return;
  const config = ctx.value(ctx.arg(call, 'ConfigurationName')?.value);
  const uriArg = ctx.arg(call, 'ConnectionUri', 'Uri');
  const uri = uriArg?.value ? ctx.approx(uriArg.value) : undefined;
  const cloud = !!uri && EXO_REMOTE_HOST.test(uri);
  const exchange = /^Microsoft\.Exchange$/i.test(config ?? '') || cloud;
  // Basic to any other WinRM endpoint is a server-hardening matter, not an Exchange/Microsoft 365 sign-in.
  if (!exchange) return;
  // EXO V1 trick: the "password" is `Bearer <token>`, converted to OAuth by the service; no user password is sent.
  if (uri && /BasicAuthToOAuthConversion=true/i.test(uri)) return;
  const known = !!uri && !uri.includes('\uFFFC');
  const note = splatNote(ctx, call, auth);
  const v3 = 'Use the Exchange Online PowerShell V3 module: `Connect-ExchangeOnline -AccessToken $token -DelegatedOrganization $customer` with a SAM token, or certificate-based app-only';
  const msg = cloud
    ? `\`${call.name} -Authentication Basic\` to Exchange Online Remote PowerShell sends the user's password${note}: ${NO_MFA}, and Exchange Online has turned off both Basic authentication and Remote PowerShell. ${v3}.`
    : known
      ? `\`${call.name} -Authentication Basic\` to Exchange Remote PowerShell sends the user's password with every request${note}: ${NO_MFA}, and the password crosses the network in reversible Base64. On-premises, use Kerberos (the default authentication); for Exchange Online, ${v3.charAt(0).toLowerCase()}${v3.slice(1)}.`
      : `\`${call.name} -Authentication Basic\` to Exchange Remote PowerShell sends the user's password${note}: ${NO_MFA}, and Exchange Online has turned off both Basic authentication and Remote PowerShell. ${v3}; on-premises, use Kerberos (the default authentication).`;
  report(auth.range, msg);
}

// ---------------------------------------------------------------------------------------------
// Calls and constructors (all code languages)

const PASSWORD_SASL = /^SaslMechanism(Plain|Login|CramMd5|DigestMd5|ScramSha1|ScramSha256|ScramSha512|Ntlm)$/;
const OAUTH_SASL = /^SaslMechanism(OAuth2|OAuthBearer)$/;

function importsAny(ctx: RuleContext, re: RegExp): boolean {
  return ctx.imports.some((i) => re.test(i.module));
}

function checkCall(ctx: RuleContext, call: Call, usesXoauth: Xoauth, report: Report): void {
  const name = call.name;
  const lang = ctx.language;

  // EWS managed API (.NET, Java, ews-javascript-api, PowerShell): WebCredentials(user, password[, domain]).
  if (call.kind === 'new' && name === 'WebCredentials') {
    const one = call.args.length === 1 && builtBy(ctx, call.args[0])?.name === 'NetworkCredential';
    if (call.args.length >= 2 || one) report(call.nameRange, message(ctx, 'EWS `WebCredentials`', 'ews'));
    return;
  }

  // Aspose.Email (.NET, Java, Python via .NET): EWSClient.GetEWSClient(mailboxUri, NetworkCredential | user, password[, domain]).
  // Its OAuth form passes an OAuthNetworkCredential (an access token) instead.
  if (/^(GetEWSClient|getEWSClient|get_ews_client)$/.test(name) && /^(EWSClient|ews_client)$/i.test(call.callee[call.callee.length - 2] ?? '')) {
    const cred = builtBy(ctx, call.args[1]);
    if (call.args.length >= 3 || cred?.name === 'NetworkCredential') report(call.nameRange, message(ctx, 'Aspose.Email `EWSClient.GetEWSClient` with a user name and password', 'ews'));
    return;
  }

  if (lang === 'python') return checkPythonCall(ctx, call, report);
  if (lang === 'javascript' || lang === 'typescript') return checkJsCall(ctx, call, report);
  if (lang === 'java') return checkJavaCall(ctx, call, usesXoauth, report);
  if (lang === 'csharp' || lang === 'powershell') return checkDotNetCall(ctx, call, report);
}

/**
 * A nodemailer-style options object for a mail server (`{ host: 'smtp.office365.com', auth: { user, pass } }`) that
 * this file exports or hands elsewhere instead of passing to `createTransport` here: the password still goes to SMTP.
 */
function checkMailOptions(ctx: RuleContext, report: Report): void {
  const used = new Set<Expr>();
  for (const c of ctx.calls) {
    if (c.name === 'createTransport' || c.name === 'createTransporter' || c.kind === 'new') {
      for (const a of c.args) {
        const o = objectOf(ctx, a);
        if (o) used.add(o);
        const inner = builtBy(ctx, a);
        for (const b of inner?.call.args ?? []) {
          const io = objectOf(ctx, b);
          if (io) used.add(io);
        }
      }
    }
  }
  const seen = new Set<Expr>();
  for (const p of ctx.pairs) {
    if (p.container !== 'object' || !/^(host|server)$/i.test(p.key)) continue;
    const host = ctx.value(p.value);
    if (!host || !MAIL_HOST.test(host) || isRelayHost(host)) continue;
    const obj = ctx.model.assignments.map((a) => a.value).concat(ctx.pairs.map((q) => q.value)).find((v): v is ObjectExpr => v.kind === 'object' && v.entries.includes(p));
    const holder = obj ?? objectHolding(ctx, p);
    if (!holder || used.has(holder) || seen.has(holder)) continue;
    seen.add(holder);
    const auth = entry(ctx, holder, 'auth');
    const authObj = objectOf(ctx, auth?.value);
    if (!authObj) continue;
    const type = ctx.value(entry(ctx, authObj, 'type')?.value);
    if ((type && /oauth/i.test(type)) || ['accessToken', 'xoauth2', 'refreshToken', 'privateKey'].some((k) => entry(ctx, authObj, k))) continue;
    const pw = entry(ctx, authObj, 'pass') ?? entry(ctx, authObj, 'password');
    if (!pw || isEmptyValue(ctx, pw.value) || tokenLike(ctx, pw.value)) continue;
    report(pw.keyRange, message(ctx, `A mail transport configuration for \`${host}\` with \`${pw.key}\` (handed to nodemailer elsewhere)`, 'smtp'));
  }
}

/** The object literal whose entry `p` is (exported or nested ones included). */
function objectHolding(ctx: RuleContext, p: Pair): ObjectExpr | undefined {
  let found: ObjectExpr | undefined;
  for (const c of ctx.calls) for (const a of c.args) if (a.kind === 'object' && a.entries.includes(p)) found = a;
  return found;
}

/** MailKit / ImapX / S22 style `client.Authenticate(user, password)` and friends (also from PowerShell). */
function checkDotNetCall(ctx: RuleContext, call: Call, report: Report): void {
  const name = call.name;
  // FluentEmail: services.AddFluentEmail(from).AddSmtpSender(host, port, user, password).
  if (name === 'AddSmtpSender' && call.args.length >= 4) {
    if (!isRelayHost(ctx.value(call.args[0])) && !tokenLike(ctx, call.args[3])) report(call.nameRange, message(ctx, 'FluentEmail `AddSmtpSender(host, port, user, password)`', 'smtp'));
    return;
  }
  if (!/^(Authenticate|AuthenticateAsync|Login|LoginAsync)$/.test(name) || !call.receiver) return;
  const built = builtBy(ctx, call.receiver);
  let proto = mailClientProto(built);
  if (!proto) {
    // A client whose construction is not in this file (injected, a field): the MailKit import and the receiver's name tell.
    if (built || !importsAny(ctx, /^MailKit\b|^ImapX\b|^S22\.(Imap|Pop3)|^OpenPop\b/) || !/smtp|imap|pop|mail|client/i.test(ctx.text(call.receiver.range))) return;
    const r = ctx.text(call.receiver.range);
    proto = /imap/i.test(r) ? 'imap' : /pop/i.test(r) ? 'pop' : /smtp/i.test(r) ? 'smtp' : 'mail';
  }
  if (!sendsPassword(ctx, call.args)) return;
  report(call.nameRange, message(ctx, `\`${built?.name ?? 'client'}.${name}\``, proto, fromNote(ctx, call.args.length === 1 ? call.args[0] : undefined, 'credential')));
}

/** PowerShell's user + password credential objects and the commands that return one. */
const PS_CREDENTIAL = /^(PSCredential|Import-Clixml|Get-Credential|Get-AutomationPSCredential|Get-StoredCredential)$/i;

/** True when `Authenticate`-style arguments carry a password rather than an OAuth mechanism or token. */
function sendsPassword(ctx: RuleContext, args: Expr[]): boolean {
  const real = args.filter((a) => !/cancel|^ct$|^token$/i.test(ctx.text(a.range).trim()));
  if (!real.length) return false;
  for (const a of real) {
    const b = builtBy(ctx, a);
    if (b && OAUTH_SASL.test(b.name)) return false;
    if (!b && /oauth|sasl|mechanism|bearer/i.test(ctx.text(a.range))) return false;
  }
  if (real.length === 1) {
    const b = builtBy(ctx, real[0]);
    // PowerShell converts a PSCredential (a prompt, an exported credential, an Automation credential) to the NetworkCredential that `Authenticate(ICredentials)` takes.
    return !!b && (b.name === 'NetworkCredential' || b.name === 'GetNetworkCredential' || PASSWORD_SASL.test(b.name) || PS_CREDENTIAL.test(b.name));
  }
  return !tokenLike(ctx, real[real.length - 1]);
}

// ---------------------------------------------------------------------------------------------
// Python

const PY_MAIL_IMPORT = /^(smtplib|imaplib|poplib|aiosmtplib|aioimaplib|imapclient)\b/;

function checkPythonCall(ctx: RuleContext, call: Call, report: Report): void {
  const name = call.name;
  // exchangelib Credentials(username, password) -> Account(..., credentials=...) is EWS with Basic/NTLM.
  if ((name === 'Credentials' || name === 'ServiceAccount') && (call.callee[0] === 'exchangelib' || ctx.imports.some((i) => /^exchangelib\b/.test(i.module) && (!i.names || i.names.includes(name))))) {
    if (call.args.length + call.named.length >= 2) report(call.nameRange, message(ctx, `exchangelib \`${name}(username, password)\``, 'ews'));
    return;
  }
  // yagmail.SMTP(user[, password]) signs in with a password (argument or keyring) unless oauth2_file is given.
  if (name === 'SMTP' && (call.callee[0] === 'yagmail' || (call.callee.length === 1 && importsAny(ctx, /^yagmail\b/) && !importsAny(ctx, /^smtplib\b/)))) {
    if (ctx.arg(call, 'oauth2_file', 'smtp_skip_login')) return;
    if (isRelayHost(ctx.value(ctx.arg(call, 'host')?.value))) return;
    report(call.nameRange, message(ctx, '`yagmail.SMTP`', 'smtp'));
    return;
  }
  // aiosmtplib.send(..., username=, password=) / aiosmtplib.SMTP(..., password=).
  if ((name === 'send' || name === 'SMTP') && (call.callee[0] === 'aiosmtplib' || (call.callee.length === 1 && importsAny(ctx, /^aiosmtplib\b/)))) {
    const pw = ctx.arg(call, 'password');
    if (pw?.value && !isEmptyValue(ctx, pw.value) && !isRelayHost(ctx.value(ctx.arg(call, 'hostname')?.value))) report(pw.range, message(ctx, `\`aiosmtplib.${name}(password=…)\``, 'smtp'));
    return;
  }
  if (!call.receiver) return;
  let proto: Proto | undefined;
  let what = '';
  if (/^(login|login_cram_md5|plain_login)$/.test(name)) {
    if (call.args.length + call.named.length < 2) return;
    const pw = call.args[1] ?? ctx.arg(call, 'password')?.value;
    if (tokenLike(ctx, pw)) return;
    const built = builtBy(ctx, call.receiver);
    proto = mailClientProto(built);
    if (built && !proto) return; // ftplib.FTP(...).login, a web client's login: other protocols.
    if (!proto) {
      if (!importsAny(ctx, PY_MAIL_IMPORT)) return;
      const r = ctx.text(call.receiver.range);
      const smtp = importsAny(ctx, /^(smtplib|aiosmtplib)\b/);
      const imap = importsAny(ctx, /^(imaplib|aioimaplib|imapclient)\b/);
      proto = /imap/i.test(r) ? 'imap' : /smtp/i.test(r) ? 'smtp' : smtp && !imap ? 'smtp' : imap && !smtp ? 'imap' : 'mail';
    } else if (isRelayHost(ctx.value(built?.call.args[0] ?? ctx.arg(built!.call, 'host', 'hostname')?.value))) return;
    what = `\`${built ? built.name + '(…)' : ctx.text(call.receiver.range)}.${name}\``;
  } else if (/^(pass_|apop)$/.test(name)) {
    const built = builtBy(ctx, call.receiver);
    proto = mailClientProto(built);
    if (proto !== 'pop' && !(!built && importsAny(ctx, /^poplib\b/))) return;
    proto = 'pop';
    what = `poplib \`${name}\``;
  } else return;
  report(call.nameRange, message(ctx, what, proto));
}

/** Django `EMAIL_HOST_PASSWORD` and Flask-Mail `MAIL_PASSWORD`: the framework signs in to SMTP with them. */
function checkPythonSettings(ctx: RuleContext, report: Report): void {
  const SETTING = /^(EMAIL_HOST_PASSWORD|MAIL_PASSWORD)$/;
  // A setting read back in the same file (`server.login(u, MAIL_PASSWORD)`) is reported where it is used.
  const nameRead = (n: string) => ctx.references.some((r) => r.kind === 'name' && r.name === n);
  const keyRead = (n: string) => ctx.references.some((r) => (r.kind === 'index' || r.kind === 'member') && r.path[r.path.length - 1] === n && !r.path.includes('environ'));
  const classScopes = new Set(ctx.model.scopes.filter((sc) => /^class\b/.test(ctx.text(sc.range))).map((sc) => sc.id));
  const flag = (key: string, range: Range, value: Expr | undefined, read: (n: string) => boolean) => {
    if (!SETTING.test(key) || isEmptyValue(ctx, value) || read(key)) return;
    report(range, message(ctx, `\`${key}\` means the framework's SMTP backend`, 'smtp'));
  };
  for (const a of ctx.assignments) {
    const key = a.target[a.target.length - 1];
    if (!SETTING.test(key)) continue;
    if (a.target.length === 1 && a.scope !== 0 && !classScopes.has(a.scope)) continue; // settings module or Flask config class
    const keyString = ctx.strings.find((s) => s.range.start >= a.targetRange.start && s.range.end <= a.targetRange.end && ctx.value(s) === key);
    flag(key, keyString ? keyString.range : a.targetRange, a.value, a.target.length === 1 ? nameRead : keyRead);
  }
  for (const p of ctx.model.pairs) if (p.container === 'dict') flag(p.key, p.keyRange, p.value, keyRead);
  for (const c of ctx.calls) for (const n of c.named) if (SETTING.test(n.name)) flag(n.name, n.nameRange, n.value, keyRead);
}

// ---------------------------------------------------------------------------------------------
// JavaScript / TypeScript

function checkJsCall(ctx: RuleContext, call: Call, report: Report): void {
  const name = call.name;
  // nodemailer.createTransport({ host, auth: { user, pass } }) (also through nodemailer-smtp-transport).
  if (name === 'createTransport' || name === 'createTransporter') {
    let opts: Expr | undefined = call.args[0];
    const inner = builtBy(ctx, opts);
    if (inner && /smtpTransport|SmtpTransport|smtp_transport/i.test(inner.name)) opts = inner.call.args[0];
    const obj = objectOf(ctx, opts);
    if (!obj) return;
    const svc = ctx.value(entry(ctx, obj, 'service')?.value);
    if (isRelayHost(ctx.value(entry(ctx, obj, 'host')?.value)) || (svc && RELAY_SERVICE.test(svc))) return;
    const auth = entry(ctx, obj, 'auth');
    return checkAuthObject(ctx, auth?.value, 'nodemailer `createTransport`', 'smtp', call, report);
  }
  if (call.kind === 'new') {
    const proto: Proto | undefined = /^(Imap|ImapFlow|ImapClient|ImapSimple)$/.test(name) ? 'imap' : /^(SMTPClient|SMTPConnection)$/.test(name) ? 'smtp' : /^(Pop3Command|POP3Client|Pop3Client)$/.test(name) ? 'pop' : /^(MailListener)$/.test(name) ? 'imap' : undefined;
    if (!proto) return;
    const optsArg = [...call.args].reverse().find((a) => objectOf(ctx, a));
    const obj = objectOf(ctx, optsArg);
    if (!obj) return;
    if (isRelayHost(ctx.value(entry(ctx, obj, 'host')?.value))) return;
    const auth = entry(ctx, obj, 'auth');
    if (auth) return checkAuthObject(ctx, auth.value, `\`new ${name}\``, proto, call, report);
    return checkAuthObject(ctx, optsArg, `\`new ${name}\``, proto, call, report);
  }
  // imap-simple: imaps.connect({ imap: { user, password, host } }); emailjs (old): email.server.connect({ user, password, host }).
  if (name === 'connect' && call.args.length >= 1) {
    const obj = objectOf(ctx, call.args[0]);
    const imap = entry(ctx, obj, 'imap');
    if (imap) return checkAuthObject(ctx, imap.value, 'imap-simple `connect`', 'imap', call, report);
    if (call.callee.includes('server') && obj && entry(ctx, obj, 'password')) return checkAuthObject(ctx, call.args[0], 'emailjs `server.connect`', 'smtp', call, report);
    return;
  }
  // smtp-client: await client.authPlain({ username, password }) / authLogin.
  if (/^(authPlain|authLogin|authCramMd5)$/.test(name) && call.receiver) {
    const built = builtBy(ctx, call.receiver);
    if (built && !/^(SMTPClient|SMTPChannel)$/.test(built.name)) return;
    if (!built && !importsAny(ctx, /^smtp-client$/)) return;
    report(call.nameRange, message(ctx, `smtp-client \`${name}\``, 'smtp'));
  }
}

/** An options object with a password entry and no OAuth entry: report the password key. */
function checkAuthObject(ctx: RuleContext, e: Expr | undefined, what: string, proto: Proto, call: Call, report: Report): void {
  const obj = objectOf(ctx, e);
  if (!obj) return;
  const type = ctx.value(entry(ctx, obj, 'type')?.value);
  if (type && /oauth/i.test(type)) return;
  if (['accessToken', 'xoauth2', 'xoauth', 'refreshToken', 'privateKey', 'serviceClient'].some((k) => entry(ctx, obj, k))) return;
  const user = ctx.value(entry(ctx, obj, 'user')?.value ?? entry(ctx, obj, 'username')?.value);
  if (user && /^apikey$/i.test(user)) return;
  const pw = entry(ctx, obj, 'pass') ?? entry(ctx, obj, 'password');
  if (!pw || isEmptyValue(ctx, pw.value) || tokenLike(ctx, pw.value)) return;
  const note = e?.kind === 'name' && e.defRange ? ` (options in \`${ctx.text(e.defRange)}\`, used on line ${lineOf(ctx, call.range.start)})` : '';
  report(pw.keyRange, message(ctx, `${what} with \`${pw.key}\``, proto, note));
}

// ---------------------------------------------------------------------------------------------
// Java

const JAVAMAIL_IMPORT = /^(javax|jakarta)\.mail\b|^com\.sun\.mail\b/;

function checkJavaCall(ctx: RuleContext, call: Call, usesXoauth: Xoauth, report: Report): void {
  const name = call.name;
  const javamail = importsAny(ctx, JAVAMAIL_IMPORT);
  // JavaMail: Session.getInstance(props, new Authenticator() { ... new PasswordAuthentication(user, password) }).
  if (call.kind === 'new' && name === 'PasswordAuthentication') {
    const qualifier = call.callee.slice(0, -1).join('.');
    if (qualifier === 'java.net') return; // a proxy / HTTP authenticator
    const qualified = /^(javax|jakarta)\.mail$/.test(qualifier);
    const netOne = importsAny(ctx, /^java\.net\.(PasswordAuthentication|Authenticator|\*)$/) || /toCharArray\s*\(/.test(ctx.text(call.range));
    if (!(qualified || (javamail && !netOne)) || usesXoauth('mail') || tokenLike(ctx, call.args[1])) return;
    report(call.nameRange, message(ctx, 'JavaMail `PasswordAuthentication` in the session `Authenticator`', 'mail'));
    return;
  }
  // Apache Commons Email: new DefaultAuthenticator(user, password) / email.setAuthentication(user, password).
  if ((call.kind === 'new' && name === 'DefaultAuthenticator') || (name === 'setAuthentication' && call.args.length === 2)) {
    if (!importsAny(ctx, /^org\.apache\.commons\.mail\b/) || tokenLike(ctx, call.args[1])) return;
    report(call.nameRange, message(ctx, `Commons Email \`${name}\``, 'smtp'));
    return;
  }
  // Simple Java Mail: MailerBuilder.withSMTPServer(host, port, user, password).
  if (name === 'withSMTPServer' && call.args.length >= 4) {
    if (!isRelayHost(ctx.value(call.args[0])) && !tokenLike(ctx, call.args[3])) report(call.nameRange, message(ctx, 'Simple Java Mail `withSMTPServer(host, port, user, password)`', 'smtp'));
    return;
  }
  if (name === 'withSMTPServerPassword' && !tokenLike(ctx, call.args[0])) {
    report(call.nameRange, message(ctx, 'Simple Java Mail `withSMTPServerPassword`', 'smtp'));
    return;
  }
  // Spring JavaMailSenderImpl.setPassword(...).
  if (name === 'setPassword' && call.receiver) {
    const built = builtBy(ctx, call.receiver);
    if (built?.name !== 'JavaMailSenderImpl' || usesXoauth('smtp') || tokenLike(ctx, call.args[0])) return;
    const host = ctx.calls.find((c) => c.name === 'setHost' && c.receiver && builtBy(ctx, c.receiver)?.call === built.call);
    if (host && isRelayHost(ctx.value(host.args[0]))) return;
    report(call.nameRange, message(ctx, 'Spring `JavaMailSenderImpl.setPassword`', 'smtp'));
    return;
  }
  // Transport.send(message, user, password) / Transport.send(message, addresses, user, password).
  if (name === 'send' && call.callee.length === 2 && call.callee[0] === 'Transport' && call.args.length >= 3) {
    if (!usesXoauth('smtp') && !tokenLike(ctx, call.args[call.args.length - 1])) report(call.nameRange, message(ctx, 'JavaMail `Transport.send(message, user, password)`', 'smtp'));
    return;
  }
  // transport.connect(host, user, password) / store.connect(host, port, user, password).
  if (name === 'connect' && call.receiver && call.args.length >= 2 && call.args.length <= 4) {
    if (tokenLike(ctx, call.args[call.args.length - 1])) return;
    const built = builtBy(ctx, call.receiver);
    let proto: Proto | undefined;
    if (built && /^(getTransport|getStore)$/.test(built.name)) {
      const p = (ctx.value(built.call.args[0]) ?? '').toLowerCase();
      proto = built.name === 'getTransport' ? 'smtp' : /^imap/.test(p) ? 'imap' : /^pop/.test(p) ? 'pop' : 'mail';
    } else if (!built && javamail && /transport|store|smtp|imap|pop|mail/i.test(ctx.text(call.receiver.range))) {
      const r = ctx.text(call.receiver.range);
      proto = /transport|smtp/i.test(r) ? 'smtp' : /imap/i.test(r) ? 'imap' : /pop/i.test(r) ? 'pop' : 'mail';
    }
    if (!proto || usesXoauth(proto)) return;
    if (call.args.length >= 3 && isRelayHost(ctx.value(call.args[0]))) return;
    report(call.nameRange, message(ctx, `JavaMail \`${proto === 'smtp' ? 'Transport' : 'Store'}.connect(…, user, password)\``, proto));
  }
}

// ---------------------------------------------------------------------------------------------
// .NET `Credentials` properties: System.Net.Mail.SmtpClient and EWS ExchangeService

const DEFAULT_CREDENTIALS = /DefaultNetworkCredentials|DefaultCredentials|^\$?null$|^None$/i;

function checkCredentialsProperty(ctx: RuleContext, report: Report): void {
  if (ctx.language !== 'csharp' && ctx.language !== 'powershell') return;
  const check = (owner: Built | undefined, ownerText: string, value: Expr, range: Range) => {
    const kind = owner?.name === 'ExchangeService' ? 'ews' : owner?.name === 'SmtpClient' ? 'smtp' : !owner && /smtp/i.test(ownerText) ? 'smtp' : undefined;
    if (!kind) return;
    if (DEFAULT_CREDENTIALS.test(ctx.text(value.range).trim())) return;
    const cred = builtBy(ctx, value);
    if (cred && /^(WebCredentials|OAuthCredentials|TokenCredentials)$/.test(cred.name)) return; // WebCredentials is reported where it is built.
    if (kind === 'ews' && !(cred && /^(NetworkCredential|GetNetworkCredential)$/.test(cred.name))) return;
    if (kind === 'smtp' && !owner && !(cred && /^(NetworkCredential|GetNetworkCredential)$/.test(cred.name))) return;
    if (kind === 'smtp' && owner && isRelayHost(smtpHost(ctx, owner))) return;
    if (cred?.call.args.length && /^apikey$/i.test(ctx.value(cred.call.args[0]) ?? '')) return;
    const what = kind === 'ews' ? '`ExchangeService.Credentials` set to a `NetworkCredential`' : '`SmtpClient.Credentials`';
    report(range, message(ctx, what, kind, fromNote(ctx, value, 'credential')));
  };
  for (const a of ctx.assignments) {
    if (a.target.length < 2 || !/^Credentials$/i.test(a.target[a.target.length - 1])) continue;
    const receiverPath = a.target.slice(0, -1);
    const recv = ctx.assignments.filter((x) => pathKey(x.target) === pathKey(receiverPath));
    const before = recv.filter((x) => x.range.start < a.range.start);
    const src = (before.length ? before[before.length - 1] : recv[0])?.value;
    check(src ? builtBy(ctx, src) : undefined, receiverPath.join('.'), a.value, a.value.range);
  }
  // Object initializers: new SmtpClient(host) { Credentials = ... }.
  for (const c of ctx.calls) {
    if (c.kind !== 'new') continue;
    const init = c.args.find((x): x is ObjectExpr => x.kind === 'object' && !!x.typeName);
    const p = init?.entries.find((e) => /^Credentials$/i.test(e.key));
    if (!p) continue;
    check({ name: c.name, callee: c.callee, call: c }, c.name, p.value, p.value.range);
  }
}

/** The host an SmtpClient was built for: constructor argument, initializer or `.Host =`. */
function smtpHost(ctx: RuleContext, owner: Built): string | undefined {
  const c = owner.call;
  const first = c.kind === 'command' ? ctx.arg(c, 'ArgumentList')?.value ?? c.args[1] : c.args[0];
  const arr = first?.kind === 'array' ? first.items[0] : first;
  const init = c.args.find((x): x is ObjectExpr => x.kind === 'object');
  return ctx.value(arr) ?? ctx.value(init?.entries.find((e) => e.key === 'Host')?.value);
}

// ---------------------------------------------------------------------------------------------
// smtp://user:password@host URLs (nodemailer connection URLs, config values)

function checkUrls(ctx: RuleContext, report: Report): void {
  const seen = new Set<string>();
  for (const s of ctx.strings) {
    const map = textMap(s, ctx.approx);
    const m = /\b(smtps?|imaps?|pop3s?|submission):\/\/([^\s:@/]+):([^\s@/]+)@([^\s/:?]+)/i.exec(map.text);
    if (!m || isRelayHost(m[4]) || /^apikey$/i.test(m[2])) continue;
    const start = m.index + m[1].length + 3 + m[2].length + 1;
    const range = map.range(start, start + m[3].length);
    const key = `${range.start}:${range.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const scheme = m[1].toLowerCase();
    const proto: Proto = scheme.startsWith('imap') ? 'imap' : scheme.startsWith('pop') ? 'pop' : 'smtp';
    report(range, message(ctx, `This \`${scheme}://user:password@host\` URL`, proto));
  }
}

// ---------------------------------------------------------------------------------------------
// Configuration: SMTP/IMAP/POP passwords (appsettings.json, web.config, .env, YAML, .properties)

const MAIL_WORDS = new Set(['smtp', 'smtps', 'imap', 'imaps', 'pop', 'pop3', 'pop3s', 'mail', 'email', 'mails', 'emails', 'mailer', 'mailkit', 'mailbox', 'ews', 'mailsettings', 'smtpsettings']);
const PROTOCOL_WORDS = new Set(['smtp', 'smtps', 'imap', 'imaps', 'pop', 'pop3', 'pop3s', 'ews', 'mailer', 'mailkit']);
const GENERIC_WORDS = new Set(['user', 'username', 'login', 'account', 'auth', 'sender', 'from', 'host', 'server', 'default', 'service', 'the', 'my', 'network', 'credential', 'credentials']);
const PASSWORD_WORDS = new Set(['password', 'pass', 'pwd', 'passwd', 'passphrase']);
const MAIL_PREFIX = /^(smtp|imap|pop3|email|mail|mailer|ews)|(smtp|imap|pop3|email|mail|mailer)$/;
const MAIL_HOST = /^((smtp|smtps|imap|imaps|pop|pop3|pop3s|mail|outlook|smtp-mail|smtp-relay)[.-][\w.-]*\.[a-z]{2,}|(smtps?|imaps?|pop3s?):\/\/\S+)$/i;

function words(s: string): string[] {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Key segments: the pair's path plus the key split on `.`, `:`, `/` and `__` (`spring.mail.password`, `Smtp:Password`, `Smtp__Password`). */
function segments(p: Pair): string[] {
  const parent = p.path.slice(0, -1).filter((s) => !/^\d+$/.test(s));
  return [...parent, ...p.key.split(/[.:/]|__/).filter(Boolean)];
}

/** The variable a pipeline or template reference names: `${{ secrets.MAIL_PASSWORD }}`, `$(SmtpPassword)`, `${SMTP_PASS}`, `#{MailPassword}#`. */
const PIPELINE_REF = /^(?:\$\{\{\s*(?:secrets|vars|env|inputs|variables)\.([\w-]+)\s*\}\}|\$\(([\w.-]+)\)|\$\{([\w.-]+)\}|#\{([\w.-]+)\}#?)$/i;

function parentKey(p: Pair): string {
  return p.path.slice(0, -1).join('\u0000');
}

/** 'mail' when the key names a mail password, 'context' when it is a bare password whose section decides, undefined otherwise. */
function mailPasswordKey(segs: string[]): 'mail' | 'context' | undefined {
  const last = segs[segs.length - 1];
  if (!last || secretKindOfKey(last) !== 'password') return undefined;
  const w = words(last);
  while (w.length && PASSWORD_WORDS.has(w[w.length - 1])) w.pop();
  if (w.length === words(last).length) return undefined; // `passwordPolicy`-like: the password word is not last.
  const outer = segs.slice(0, -1).flatMap(words);
  const qualifier = w.join('');
  if (w.some((x) => MAIL_WORDS.has(x)) || (qualifier && MAIL_PREFIX.test(qualifier) && !w.every((x) => GENERIC_WORDS.has(x)))) return 'mail';
  if (!w.every((x) => GENERIC_WORDS.has(x))) return undefined; // `DbPassword`, `AdminPassword`: another system's password.
  if (outer.some((x) => MAIL_WORDS.has(x))) return 'mail';
  return 'context';
}

function isOauthMarker(ctx: RuleContext, p: Pair): boolean {
  const v = (ctx.value(p.value) ?? (p.value.kind === 'literal' ? p.value.text : '')).trim();
  const w = words(p.key);
  if (/^(x?oauth2?|oauthbearer|oauth ?2\.0|modern)$/i.test(v)) return true;
  if (w.includes('mechanisms') && /XOAUTH2|OAUTHBEARER/i.test(v)) return true;
  if ((w.includes('oauth') || w.includes('oauth2') || w.includes('xoauth2')) && !/^(false|no|0|off|)$/i.test(v)) return true;
  if (w.includes('access') && w.includes('token') && v !== '') return true;
  return false;
}

function checkConfig(ctx: RuleContext, usesXoauth: Xoauth, report: Report): void {
  const pairs = ctx.pairs.filter((p) => p.container !== 'params');
  const flat = (p: Pair) => p.path.length <= 1;
  // Flat files (.env, top-level .properties): keys sharing the password key's prefix up to its first mail word
  // (`SMTP_` for SMTP_PASSWORD, `spring.mail.` for spring.mail.password) describe the same connection.
  const group = (key: string): string | undefined => {
    const w = words(key);
    const i = w.findIndex((x) => MAIL_WORDS.has(x));
    return i < 0 ? undefined : w.slice(0, i + 1).join(' ');
  };
  const flatRelated = (p: Pair): Pair[] => {
    const g = group(p.key);
    return g ? pairs.filter((q) => q !== p && flat(q) && words(q.key).join(' ').startsWith(g + ' ')) : [];
  };
  const yamlEnvNames = new Set<Pair>();

  const consider = (p: Pair, segs: string[], keyRange: Range, value: Expr | undefined) => {
    const kind = mailPasswordKey(segs);
    if (!kind || isEmptyValue(ctx, value) || (value && (value.kind === 'object' || value.kind === 'array'))) return;
    if (tokenLike(ctx, value) || isLabel(ctx.value(value) ?? '')) return;
    const siblings = flat(p) ? flatRelated(p) : pairs.filter((q) => q !== p && parentKey(q) === parentKey(p));
    if (kind === 'context') {
      // A sibling that names a mail server (`SmtpHost`, `MailServer`, `server_address: smtp.…`); a plain `Email`
      // sibling is a user's address (seed users, sign-up forms), not a mail connection.
      const serverKey = (k: string) => {
        const w = words(k);
        return w.some((x) => PROTOCOL_WORDS.has(x)) || (w.some((x) => MAIL_WORDS.has(x)) && w.some((x) => /^(host|server|port|relay)$/.test(x)));
      };
      // A GitHub Actions step's `with:` inputs go to the action its `uses:` names (`dawidd6/action-send-mail`); a pipeline
      // reference says what it holds (`password: ${{ secrets.MAIL_PASSWORD }}`, `server_address: ${{ secrets.SMTP_SERVER }}`).
      const mailAction = p.path.length >= 3 && p.path[p.path.length - 2] === 'with' && pairs.some((q) => q.key === 'uses' && parentKey(q) === p.path.slice(0, -2).join('\u0000') && /mail|smtp/i.test(ctx.value(q.value) ?? ''));
      const mailRef = (e: Expr | undefined) => words(PIPELINE_REF.exec((ctx.value(e) ?? '').trim())?.slice(1).find(Boolean) ?? '').some((x) => MAIL_WORDS.has(x));
      const mailSection = mailAction || mailRef(value) || siblings.some((q) => serverKey(q.key) || MAIL_HOST.test(ctx.value(q.value) ?? '') || (words(q.key).some((x) => /^(host|server|address|port|relay)$/.test(x)) && mailRef(q.value)));
      if (!mailSection) return;
    }
    if (siblings.some((q) => isRelayHost(ctx.value(q.value)) || isOauthMarker(ctx, q) || (/(^|[^a-z])(service|provider)$/i.test(q.key) && RELAY_SERVICE.test(ctx.value(q.value) ?? '')))) return;
    if (siblings.some((q) => /(^|[^a-z])(user|username|user_?name|login)$/i.test(q.key) && /^apikey$/i.test(ctx.value(q.value) ?? ''))) return;
    const imap = segs.flatMap(words).some((x) => /^imaps?$/.test(x));
    const pop = segs.flatMap(words).some((x) => /^pop3?s?$/.test(x));
    const proto: Proto = imap ? 'imap' : pop ? 'pop' : 'smtp';
    if (usesXoauth(proto)) return;
    const shown = flat(p) ? p.key : segs.slice(-2).join('.');
    report(keyRange, message(ctx, `\`${shown}\` means the app`, proto));
  };

  for (const p of pairs) {
    if (yamlEnvNames.has(p)) continue;
    // Kubernetes / compose env lists: `- name: SMTP_PASSWORD` + `value:`/`valueFrom:`.
    if (p.key === 'name' && (ctx.language === 'yaml' || ctx.language === 'json')) {
      const n = ctx.value(p.value);
      const sib = pairs.find((q) => q !== p && parentKey(q) === parentKey(p) && /^(value|valueFrom)$/.test(q.key));
      if (n && sib && mailPasswordKey([n]) === 'mail') consider({ ...p, key: n, path: [n] }, [n], p.value.kind === 'string' ? p.value.contentRange : p.value.range, sib.key === 'valueFrom' ? { kind: 'unknown', text: 'valueFrom', range: sib.value.range } : sib.value);
      continue;
    }
    consider(p, segments(p), p.keyRange, p.value);
  }
}

/** `mail.smtp.auth=true` (JavaMail, Spring `spring.mail.properties.mail.smtp.auth`) turns SMTP AUTH on. */
function checkSmtpAuthSwitch(ctx: RuleContext, report: Report): void {
  const hits: { range: Range; value: Expr }[] = [];
  for (const p of ctx.pairs) if (/(^|\.)mail\.smtps?\.auth$/i.test(p.path.join('.')) || /(^|\.)mail\.smtps?\.auth$/i.test(p.key)) hits.push({ range: p.keyRange, value: p.value });
  for (const c of ctx.calls) {
    if (c.name === 'setProperty' && c.args.length === 2 && /(^|\.)mail\.smtps?\.auth$/i.test(ctx.value(c.args[0]) ?? '')) hits.push({ range: c.args[0].range, value: c.args[1] });
  }
  // The mail host the file configures (`spring.mail.host`, `mail.smtp.host`, `props.put("mail.smtp.host", …)`).
  const hosts = [
    ...ctx.pairs.filter((p) => /(^|\.)mail\.(smtps?\.)?host$/i.test(p.path.join('.')) || /(^|\.)mail\.(smtps?\.)?host$/i.test(p.key)).map((p) => ctx.value(p.value)),
    ...ctx.calls.filter((c) => /^(setProperty|put)$/.test(c.name) && c.args.length === 2 && /(^|\.)mail\.smtps?\.host$/i.test(ctx.value(c.args[0]) ?? '')).map((c) => ctx.value(c.args[1])),
  ];
  if (hosts.length && hosts.every((h) => isRelayHost(h))) return;
  for (const h of hits) {
    const v = ctx.value(h.value) ?? (h.value.kind === 'literal' ? h.value.text : ctx.text(h.value.range));
    if (!/^(true|"true"|Boolean\.TRUE)$/i.test(v.trim())) continue;
    report(h.range, `\`mail.smtp.auth=true\` turns on SMTP AUTH, which sends the user's password (Basic SMTP AUTH) unless XOAUTH2 is configured: ${NO_MFA}, ${CONSEQUENCE.smtp}. ${fixFor(ctx.language, 'smtp')}`);
  }
}
