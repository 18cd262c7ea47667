// no-global-admin-consent: Global Administrator where a least-privileged Admin Agent / Sales Agent
// service account belongs: tenant-wide admin consent links, Global Administrator role grants
// (PowerShell, Graph REST bodies, Graph SDK objects, GDAP relationships) and instructions to sign in
// or consent as a Global Administrator.
import type { Call, Expr, NamedArg, ObjectExpr, Pair, Range } from '../model/types';
import type { Fix, Rule, RuleContext, TextEdit } from '../engine/types';
import { forEachExpr } from '../engine/walk';
import { ALL_LANGUAGES } from '../common/meta';
import { lastKey, normKey } from '../common/secrets';
import { lineOf, reportOnce } from '../common/report';
import { GLOBAL_ADMIN_ID } from '../token/tables';
import { fixWith } from '../fixes/edits';
import { insertLinesBefore } from '../fixes/text';
import { commentLine, flatIndex, flatString, isPercentFormat, lineStartInString, percentEdits, quoted, sourceRange, stringsAround } from '../fixes/strings';
import { dropParams, literalPoint, urlAt } from '../fixes/urls';

const UNKNOWN = '\uFFFC';
const GA_SHORT = `${GLOBAL_ADMIN_ID.slice(0, 8)}…`;

const ROLE_TAIL = 'The partner security requirements call for a least-privileged service account (Admin Agent or Sales Agent role), not a Global Administrator, who controls the whole tenant: grant that CSP role or the narrowest Entra role the task needs.';
const GDAP_TAIL = 'GDAP is meant for least-privileged, time-bound access: request only the roles the work needs (for example User, License or Helpdesk Administrator), never Global Administrator.';
const CONSENT_TAIL = 'The partner security requirements call for SAM consent by a least-privileged Admin Agent / Sales Agent service account instead: use the authorization-code flow (`/oauth2/v2.0/authorize?response_type=code`, `New-PartnerAccessToken -UseAuthorizationCode`); CPVs get customer consent through Partner Center `applicationconsents`.';
const PROSE_TAIL = 'The partner security requirements call for consent and sign-in with a least-privileged Admin Agent / Sales Agent service account, not a Global Administrator: name that account instead.';

// ---------------------------------------------------------------------------------------------
// What identifies the Global Administrator role.

/** A name, key or member that says "global admin" (`$GlobalAdminRoleId`, `GLOBAL_ADMINISTRATOR_ROLE`, `Roles.CompanyAdministrator`). */
const GA_IDENT = /^(?:the)?(?:global_?admin(?:istrator)?|company_?admin(?:istrator)?)(?:_?role)?(?:_?(?:definition|template|object))?(?:_?id)?$/i;
/** Operators that negate a comparison right before a value: `-ne 'Global Administrator'`, `displayName ne '…'`, `!== GA`. */
const NEGATED_BEFORE = /(?:-ne|-notlike|-notmatch|-notin|-notcontains|!==?|<>|\bne|\bnot\s+in|\bnot|-not)\s*[\s'"(\[*%^]*$/i;

function isGaId(v: string): boolean {
  return v.trim().replace(/^[{('"]+|[})'"]+$/g, '').toLowerCase() === GLOBAL_ADMIN_ID;
}
function isGaName(v: string): boolean {
  return /^\s*(?:company|global)\s+administrator\s*$/i.test(v);
}

/** How a role value was found to be Global Administrator. */
interface Evidence {
  how: 'value' | 'lookup' | 'name';
  /** The string (lookup) or name (name) that told. */
  at?: Expr;
}

/** Member names read off a role object on the way to its id: `$role.ObjectId`, `roles.value[0].id`, `.First()`. */
const PASS_MEMBERS = /^(?:id|objectid|object_id|roletemplateid|role_template_id|templateid|value|values|item|items|results|first|firstordefault|single|singleordefault|get|getvalue|getid|get_id|execute|executeasync|result|body|data|json|content|\d+)$/i;

/** True when `text` contains the Global Administrator role (id or display name) not in a negated comparison. */
function containsGa(text: string, before: string): boolean {
  const re = new RegExp(`${GLOBAL_ADMIN_ID}|(?:company|global)\\s+administrator\\b`, 'gi');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (!NEGATED_BEFORE.test((before + text.slice(0, m.index)).slice(-40))) return true;
  }
  return false;
}

/**
 * Whether the role value `e` is Global Administrator: its static value, or the lookup it came from
 * (`Get-AzureADDirectoryRole | Where-Object DisplayName -eq 'Company Administrator'`,
 * `Get-MgDirectoryRole -Filter "roleTemplateId eq '62e9…'"`, `roles.value.find(r => r.displayName === 'Global Administrator')`).
 */
function gaEvidence(ctx: RuleContext, e: Expr | undefined, seen = new Set<Expr>(), depth = 0): Evidence | undefined {
  if (!e || depth > 12 || seen.has(e)) return undefined;
  seen.add(e);
  const v = ctx.value(e);
  if (v !== undefined) {
    if (depth === 0 && (isGaId(v) || isGaName(v))) return { how: 'value' };
    if (isGaId(v) || containsGa(v, sourceBefore(ctx, e.range))) return depth === 0 ? { how: 'value' } : { how: 'lookup', at: e };
    return undefined;
  }
  const next = (x: Expr | undefined) => gaEvidence(ctx, x, seen, depth + 1);
  switch (e.kind) {
    case 'name':
      // A name that says Global Administrator counts when its value is not known here (a parameter, a config read).
      return (e.def ? next(e.def) : undefined) ?? (GA_IDENT.test(e.name.replace(/^.*:/, '')) ? { how: 'name', at: e } : undefined);
    case 'member':
      if (GA_IDENT.test(e.property)) return { how: 'name', at: e };
      return PASS_MEMBERS.test(e.property) ? next(e.object) : undefined;
    case 'index': {
      const key = ctx.value(e.key);
      if (key !== undefined && (isGaName(key) || isGaId(key))) return { how: 'lookup', at: e.key };
      if (key !== undefined && GA_IDENT.test(key)) return { how: 'name', at: e.key };
      if (key === undefined ? e.key.kind === 'literal' : PASS_MEMBERS.test(key)) return next(e.object);
      return undefined;
    }
    case 'concat': {
      const t = ctx.approx(e);
      if (containsGa(t, '')) return { how: 'lookup', at: e };
      for (const p of e.parts) if (p.kind !== 'string') {
        const r = next(p);
        if (r) return r;
      }
      return undefined;
    }
    case 'call':
    case 'unknown': {
      const kids: Expr[] = [];
      if (e.kind === 'call') {
        const c = e.call;
        if (c.receiver) kids.push(c.receiver);
        if (c.input) kids.push(c.input);
        kids.push(...c.args);
        for (const n of c.named) if (n.value) kids.push(n.value);
      } else {
        kids.push(...(e.children ?? []));
      }
      for (const k of kids) {
        const r = next(k);
        if (r) return r;
      }
      // Script blocks and lambdas (`Where-Object { $_.DisplayName -eq '…' }`, `find(r => …)`) keep their strings by range only.
      for (const s of ctx.strings) {
        if (s.range.start < e.range.start || s.range.end > e.range.end || seen.has(s)) continue;
        const sv = ctx.value(s) ?? ctx.approx(s);
        if (containsGa(sv, sourceBefore(ctx, s.range))) return { how: 'lookup', at: s };
      }
      // … or compare with a variable: `Where-Object { $_.DisplayName -eq $directoryRole }`.
      for (const r of ctx.references) {
        if (r.kind !== 'name' || r.range.start < e.range.start || r.range.end > e.range.end || !r.def) continue;
        const rv = ctx.value(r);
        if (rv !== undefined && (isGaId(rv) || isGaName(rv)) && !NEGATED_BEFORE.test(sourceBefore(ctx, r.range))) return { how: 'lookup', at: r };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function sourceBefore(ctx: RuleContext, r: Range): string {
  return ctx.model.text.slice(Math.max(0, r.start - 30), r.start);
}

/** ` (role id from `GlobalAdminRoleId`, line 3)` and the like: where the role value came from. */
function origin(ctx: RuleContext, used: Expr, ev: Evidence): string {
  let root: Expr = used;
  while (root.kind === 'member' || root.kind === 'index') root = root.object;
  if (ev.how === 'name' && ev.at) return ` (\`${ctx.text(ev.at.range)}\` names the Global Administrator role)`;
  if (ev.how === 'lookup' && ev.at) {
    const what = root.kind === 'name' ? `\`${ctx.text(root.range)}\` comes from a lookup of` : 'the role is looked up as';
    return ` (${what} ${quoteShort(ctx, ev.at)}, line ${lineOf(ctx, ev.at.range.start)})`;
  }
  return valueFrom(ctx, used, 'role');
}

/** ` (role id from `ROLES.globalAdministrator`, line 6)` when a value came through a name or member, else ''. */
function valueFrom(ctx: RuleContext, used: Expr, what: string): string {
  if (used.kind !== 'name' && used.kind !== 'member' && used.kind !== 'index') return '';
  let root: Expr = used;
  while (root.kind === 'member' || root.kind === 'index') root = root.object;
  const def = root.kind === 'name' ? root.defRange : undefined;
  return ` (${what} from \`${ctx.text(used.range)}\`${def ? `, line ${lineOf(ctx, def.start)}` : ''})`;
}

function quoteShort(ctx: RuleContext, e: Expr): string {
  const t = ctx.text(e.range).replace(/\s+/g, ' ');
  return `\`${t.length > 70 ? t.slice(0, 67) + '…' : t}\``;
}

// ---------------------------------------------------------------------------------------------
// Who receives the role (for the message only).

/** True when the principal expression is visibly a service principal (an app). */
function isServicePrincipal(ctx: RuleContext, e: Expr | undefined, depth = 0): boolean {
  if (!e || depth > 8) return false;
  const t = ctx.approx(e);
  if (/serviceprincipals?\b/i.test(t)) return true;
  switch (e.kind) {
    case 'name':
      if (/service_?principal|^sp(?:_?(?:id|objectid|object_id))?$|^app_?sp/i.test(e.name)) return true;
      return isServicePrincipal(ctx, e.def, depth + 1);
    case 'member':
    case 'index':
      return isServicePrincipal(ctx, e.object, depth + 1);
    case 'call':
      if (/serviceprincipal/i.test(e.call.callee.join('.'))) return true;
      return [e.call.receiver, e.call.input, ...e.call.args].some((x) => isServicePrincipal(ctx, x, depth + 1));
    case 'concat':
      return e.parts.some((p) => isServicePrincipal(ctx, p, depth + 1));
    default:
      return false;
  }
}

const REMOVAL = /remove|deactivate|delete|revoke|expire/i;
/** `adminRemove`, `UnifiedRoleScheduleRequestActions.AdminRemove`, `'selfDeactivate'`: a request that takes a role away. */
function isRemoval(ctx: RuleContext, e: Expr | undefined): boolean {
  return !!e && REMOVAL.test(ctx.value(e) ?? ctx.text(e.range));
}

// ---------------------------------------------------------------------------------------------
// PowerShell role-grant commands: the parameters that name the role.

interface RoleCommand {
  name: RegExp;
  roleParams: string[];
  principalParams: string[];
}
const ROLE_COMMANDS: RoleCommand[] = [
  { name: /^Add-MsolRoleMember$/i, roleParams: ['RoleName', 'RoleObjectId'], principalParams: ['RoleMemberObjectId', 'RoleMemberEmailAddress'] },
  { name: /^Add-AzureADDirectoryRoleMember$/i, roleParams: ['ObjectId'], principalParams: ['RefObjectId'] },
  { name: /^(?:New-AzureADMSRoleAssignment|Open-AzureADMSPrivilegedRoleAssignmentRequest)$/i, roleParams: ['RoleDefinitionId'], principalParams: ['PrincipalId', 'SubjectId'] },
  { name: /^New-Mg(?:Beta)?RoleManagementDirectoryRole(?:Assignment|AssignmentScheduleRequest|EligibilityScheduleRequest)$/i, roleParams: ['RoleDefinitionId'], principalParams: ['PrincipalId'] },
  { name: /^New-Mg(?:Beta)?DirectoryRoleMember(?:ByRef)?$/i, roleParams: ['DirectoryRoleId'], principalParams: ['OdataId'] },
  { name: /^New-Entra(?:Beta)?DirectoryRoleAssignment$/i, roleParams: ['RoleDefinitionId'], principalParams: ['PrincipalId'] },
  { name: /^Add-Entra(?:Beta)?DirectoryRoleMember$/i, roleParams: ['DirectoryRoleId', 'ObjectId'], principalParams: ['MemberId', 'RefObjectId'] },
];

// ---------------------------------------------------------------------------------------------
// Consent links.

const LOGIN_HOST = /^(?:login\.microsoftonline\.(?:com|us|de)|login\.windows\.net|login\.microsoft\.com|login\.chinacloudapi\.cn|login\.partner\.microsoftonline\.cn|login\.windows-ppe\.net|login\.live\.com)(?::\d+)?$/i;
/** A base URL that is the app's own (a redirect / callback route), not the authority. */
const APP_URL_NAME = /redirect|callback|base_?ur[il]|app_?ur[il]|site_?ur[il]|origin|public_?ur[il]|host_?name|server|website|frontend|portal|\bhost\W*$/i;
const TENANT_SEGMENT = /^(?:.*\uFFFC.*|\{[^}]*\}|<[^>]*>|%s|:\w+|\$\w+|common|organizations|consumers|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[\w-]+(?:\.[\w-]+)+)$/i;

/** Offset of a `/adminconsent` path on the Microsoft identity platform in `text`, or -1. */
function adminConsentAt(text: string): number {
  const re = /\/adminconsent(?=$|[?#/"'\s&\uFFFC])/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const before = text.slice(0, m.index);
    const url = /((?:[a-z][a-z0-9+.-]*|\uFFFC):\/\/)([^/\s?#]*)([^\s?#]*)$/i.exec(before);
    if (url && LOGIN_HOST.test(url[2])) return m.index;
    // Without a Microsoft login host, only `<tenant>/adminconsent` (`{tenant}`, `common`, a GUID, a domain, an
    // unknown authority) is the endpoint; `https://myapp.example/adminconsent` or `/auth/adminconsent` is the app's own route.
    if (url && !url[2].includes(UNKNOWN)) continue;
    const segs = (url ? url[3] : before).split('/');
    let prev = segs.pop() ?? '';
    if (/^v2\.0$/i.test(prev)) prev = segs.pop() ?? '';
    if (prev && TENANT_SEGMENT.test(prev)) return m.index;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Prose: instructions to sign in / consent as a Global Administrator.

const GA_P = String.raw`(?:global\s+admin(?:istrator)?s?|company\s+administrators?)`;
const ART = String.raw`(?:(?:a|an|the|your|their|its|one|partner|tenant|customer|partner's|customer's|organization's|organisation's|dedicated|tenant's)\s+)*`;
const ACT = String.raw`(?:sign(?:ing)?[\s-]*(?:in|on)|signin|log(?:ging)?[\s-]*(?:in|on)|login|logon|authenticat(?:e|ing)|consent(?:s|ing|ed)?|connect(?:s|ing)?|run(?:s|ning)?|execut(?:e|ed|ing)|grant(?:s|ed|ing)?|approv(?:e|ed|ing)|accept(?:ed|ing)?|open|browse|visit|navigate|perform(?:ed)?|done)`;
const ROLE_NOUN = String.raw`(?:\s+(?:account|user|credentials?|privileges?|rights|role|permissions?|access))?`;
const PROSE: RegExp[] = [
  // "Sign in as a Global Administrator", "consent with your Global Admin account", "must be run by a Company Administrator"
  new RegExp(String.raw`\b${ACT}\b[^.!?;]{0,60}?\b(?:as|with|using|by|via|from)\s+${ART}${GA_P}${ROLE_NOUN}\b`, 'i'),
  // "A Global Administrator must consent", "Global admin needs to sign in"
  new RegExp(String.raw`\b${ART}${GA_P}${ROLE_NOUN}\s+(?:must|should|needs?\s+to|has\s+to|have\s+to|is\s+required\s+to|will\s+need\s+to)\s+(?:first\s+)?${ACT}\b`, 'i'),
  // "Requires Global Administrator", "needs a Global Admin account", "Global Administrator rights are required"
  new RegExp(String.raw`\b(?:requires?|required|needs?):?\s+${ART}${GA_P}${ROLE_NOUN}\b`, 'i'),
  new RegExp(String.raw`\b${GA_P}${ROLE_NOUN}\s+(?:is|are)\s+(?:required|needed|mandatory)\b`, 'i'),
  // "You must be a Global Administrator", "Use a Global Admin account", "Enter the Global Admin UPN"
  new RegExp(String.raw`\b(?:must|should|need\s+to|has\s+to|have\s+to)\s+be\s+${ART}${GA_P}\b`, 'i'),
  new RegExp(String.raw`\b(?:use|using)\s+${ART}${GA_P}\s+(?:account|user|credentials?|login|sign-in|identity)\b`, 'i'),
  new RegExp(String.raw`\b(?:enter|provide|type|supply|input)\s+${ART}${GA_P}\s+(?:account|user(?:name)?|upn|credentials?|password|e-?mail|login|name)\b`, 'i'),
];
const NEGATION = /\b(?:not|never|no|nor|don['’]?t|doesn['’]?t|isn['’]?t|aren['’]?t|shouldn['’]?t|mustn['’]?t|won['’]?t|cannot|avoid|instead\s+of|rather\s+than|without|no\s+longer|unless|except)\b|n['’]t\b/i;

/** The first instruction to act as a Global Administrator in `text`: [start, end) or undefined. */
function proseAt(text: string): [number, number] | undefined {
  let best: [number, number] | undefined;
  for (const re of PROSE) {
    const g = new RegExp(re.source, 'gi');
    let m: RegExpExecArray | null;
    while ((m = g.exec(text))) {
      const start = m.index;
      const end = start + m[0].length;
      // The sentence so far, up to the end of the phrase: "Do not sign in as a Global Administrator" is the advice we want.
      const back = text.slice(Math.max(0, start - 100), start);
      const cut = Math.max(back.search(/[.!?;](?=\s)(?![\s\S]*[.!?;]\s)/), back.lastIndexOf('\n\n'));
      const sentence = (cut >= 0 ? back.slice(cut + 1) : back) + m[0];
      if (!NEGATION.test(sentence)) {
        // Minimal range: "Open the link and sign in with a Global Administrator" -> "sign in with a Global Administrator".
        let from = start;
        const sticky = new RegExp(re.source, 'iy');
        for (let i = start + 1; i < end; i++) {
          if (!/\w/.test(text[i]) || /\w/.test(text[i - 1])) continue;
          sticky.lastIndex = i;
          const n = sticky.exec(text);
          if (n && i + n[0].length === end) from = i;
        }
        if (!best || from < best[0]) best = [from, end];
        break;
      }
      g.lastIndex = start + 1;
    }
  }
  return best;
}

/** Comment text as in the file, with comment markers at line starts blanked (same length, so offsets hold). */
function commentSource(raw: string): string {
  return raw
    .replace(/(^|\n)([ \t]*)(\/\*+|\*+(?!\/)|\/\/+|<#|#+|<!--|'+|;+|--)/g, (_m, nl: string, ws: string, mark: string) => nl + ws + ' '.repeat(mark.length))
    .replace(/(\*\/|#>|-->)/g, (m) => ' '.repeat(m.length));
}

// ---------------------------------------------------------------------------------------------
// Strings flattened into pieces, to tell where a match came from.

interface Piece {
  from: number;
  to: number;
  expr: Expr;
  literal: boolean;
}
function pieces(ctx: RuleContext, e: Expr): { text: string; parts: Piece[] } {
  const parts: Piece[] = [];
  let text = '';
  const add = (p: Expr) => {
    if (p.kind === 'concat') {
      for (const q of p.parts) add(q);
      return;
    }
    const t = p.kind === 'string' ? p.text : ctx.approx(p);
    parts.push({ from: text.length, to: text.length + t.length, expr: p, literal: p.kind === 'string' });
    text += t;
  };
  add(e);
  return { text, parts };
}

/** File range of `needle` found at text offset `at` of a flattened string, when it lies in one literal piece. */
function literalRange(ctx: RuleContext, ps: Piece[], at: number, needle: string): Range | undefined {
  const p = ps.find((x) => at >= x.from && at + needle.length <= x.to);
  if (!p || !p.literal || p.expr.kind !== 'string') return undefined;
  const s = p.expr;
  if (s.contentRange.end - s.contentRange.start === s.text.length) {
    const start = s.contentRange.start + (at - p.from);
    if (ctx.text({ start, end: start + needle.length }).toLowerCase() === needle.toLowerCase()) return { start, end: start + needle.length };
  }
  return refine(ctx, s.range, needle);
}

/** Where the Global Administrator id found at `at` stands: in a literal, or a name / expression whose whole value it is. */
function idRange(ctx: RuleContext, ps: Piece[], at: number): { range: Range; from: string } | undefined {
  const lit = literalRange(ctx, ps, at, GLOBAL_ADMIN_ID);
  if (lit) return { range: lit, from: '' };
  const p = ps.find((x) => !x.literal && x.from === at && x.to === at + GLOBAL_ADMIN_ID.length);
  if (!p) return undefined;
  const e = p.expr;
  return { range: e.range, from: valueFrom(ctx, e, 'role id') };
}

/** Narrows `r` to the only occurrence of `needle` in its source text, else keeps `r`. */
function refine(ctx: RuleContext, r: Range, needle: string): Range {
  const src = ctx.text(r).toLowerCase();
  const n = needle.toLowerCase();
  const i = src.indexOf(n);
  if (i >= 0 && src.indexOf(n, i + 1) < 0) return { start: r.start + i, end: r.start + i + n.length };
  return r;
}

// ---------------------------------------------------------------------------------------------

const ROLE_DEF_KEY = 'roledefinitionid';
const GDAP_KEYS = new Set(['unifiedroles', 'accessdetails']);
const ASSIGNMENT_SIBLINGS = new Set(['principalid', 'directoryscopeid', 'appscopeid', 'scheduleinfo', 'justification']);
/** Fields of a role assignment that only a server sets: an object that has them was received, not sent. */
const RESPONSE_ONLY = new Set(['id', 'membertype', 'status', 'assignmenttype', 'roleassignmentoriginid', 'roleassignmentscheduleid', 'roleeligibilityscheduleid', 'startdatetime', 'createddatetime', 'completeddatetime']);
const READ_CALL = /^(?:get|list|find|filter|search|count|has|is|check|remove|delete|where|select)/i;

export const noGlobalAdminConsent: Rule = {
  meta: {
    id: 'no-global-admin-consent',
    title: 'Do not consent or grant roles as a Global Administrator; use a least-privileged Admin Agent / Sales Agent service account',
    defaultSeverity: 'warning',
    languages: ALL_LANGUAGES,
    fixable: true,
  },
  check(ctx) {
    const report = reportOnce(ctx);

    // Parent objects of adapter pairs, for sibling keys and constructed type names.
    const parentOf = new Map<Pair, ObjectExpr>();
    forEachExpr(ctx.model, (e) => {
      if (e.kind === 'object') for (const p of e.entries) parentOf.set(p, e);
    });
    const siblings = (p: Pair): Pair[] => {
      const parent = parentOf.get(p);
      if (parent) {
        // `{ ...base, roleDefinitionId }`: entries spread in from another object count as siblings.
        const spread = parent.spreads.flatMap((s) => {
          const o = ctx.deref(s.kind === 'spread' ? s.argument : s);
          return o?.kind === 'object' ? o.entries : [];
        });
        return [...parent.entries, ...spread].filter((q) => q !== p);
      }
      const prefix = p.path.slice(0, -1).join('\u0000');
      return ctx.pairs.filter((q) => q !== p && q.container === p.container && q.scope === p.scope && q.path.length === p.path.length && q.path.slice(0, -1).join('\u0000') === prefix && (p.container !== 'params' || q.path[0] === p.path[0]));
    };
    const gdapRanges = ctx.pairs.filter((q) => GDAP_KEYS.has(lastKey(q.key))).map((q) => q.value.range);
    const inGdap = (r: Range, path: string[] = [], typeName = '') =>
      gdapRanges.some((g) => g.start <= r.start && r.end <= g.end) || path.some((s) => GDAP_KEYS.has(normKey(s))) || /^(?:UnifiedRole|DelegatedAdmin\w*)$/.test(typeName);

    const roleMessage = (what: string, ev: Evidence, used: Expr, app: boolean, gdap: boolean) =>
      gdap
        ? `${what} requests the Global Administrator role (${GA_SHORT}) in a GDAP relationship${origin(ctx, used, ev)}. ${GDAP_TAIL}`
        : `${what} grants the Global Administrator role${app ? ' to a service principal (an app)' : ''}${origin(ctx, used, ev)}. ${ROLE_TAIL}`;

    // 1. PowerShell role grants: Add-MsolRoleMember, Add-AzureADDirectoryRoleMember, New-MgRoleManagementDirectoryRoleAssignment, …
    for (const call of ctx.calls) {
      if (call.kind !== 'command') continue;
      const spec = ROLE_COMMANDS.find((c) => c.name.test(call.name));
      if (!spec) continue;
      const action = ctx.arg(call, 'Action', 'Type');
      if (action && isRemoval(ctx, action.value)) continue;
      const principals = spec.principalParams.map((n) => ctx.arg(call, n)?.value);
      const memberType = ctx.value(ctx.arg(call, 'RoleMemberType')?.value);
      const body = ctx.deref(ctx.arg(call, 'BodyParameter')?.value);
      const bodyEntries = body?.kind === 'object' ? body.entries : [];
      const app = /serviceprincipal/i.test(memberType ?? '') || principals.some((p) => isServicePrincipal(ctx, p)) || bodyEntries.some((p) => /principalid|odata\.id/i.test(p.key) && isServicePrincipal(ctx, p.value));
      if (bodyEntries.some((p) => lastKey(p.key) === 'action' && isRemoval(ctx, p.value))) continue;
      let done = false;
      for (const n of ctx.named(call)) {
        if (!n.value || !spec.roleParams.some((r) => r.toLowerCase() === n.name.toLowerCase())) continue;
        const ev = gaEvidence(ctx, n.value);
        if (!ev) continue;
        const range = call.named.includes(n) ? n.range : n.value.range; // splatted: the hashtable entry
        report(range, roleMessage(`\`${call.name} -${spec.roleParams.find((r) => r.toLowerCase() === n.name.toLowerCase())}\``, ev, n.value, app, false));
        done = true;
        break;
      }
      if (done) continue;
      for (const p of bodyEntries) {
        if (lastKey(p.key) !== ROLE_DEF_KEY) continue;
        const ev = gaEvidence(ctx, p.value);
        if (ev) report(p.value.range, roleMessage(`\`${call.name} -BodyParameter\``, ev, p.value, app, false));
      }
    }

    // 2. Role-assignment bodies and SDK objects: roleDefinitionId = Global Administrator.
    const checkRoleDefinition = (value: Expr, what: string, write: boolean, sibs: Pair[], path: string[], typeName: string, range: Range, principal?: Expr) => {
      const gdap = inGdap(range, path, typeName);
      const assignmentLike = write || gdap || /Role(?:Assignment|Eligibility)|UnifiedRole/i.test(typeName) || sibs.some((q) => ASSIGNMENT_SIBLINGS.has(lastKey(q.key)) || (q.key === '@odata.type' && /role(?:assignment|eligibility)/i.test(ctx.value(q.value) ?? '')));
      if (!assignmentLike) return;
      if (sibs.some((q) => lastKey(q.key) === 'action' && isRemoval(ctx, q.value))) return;
      const ev = gaEvidence(ctx, value);
      if (!ev) return;
      const pr = principal ?? sibs.find((q) => lastKey(q.key) === 'principalid')?.value;
      report(range, roleMessage(what, ev, value, isServicePrincipal(ctx, pr), gdap));
    };
    // Data a server returned (test fixtures, cached responses): an element of an OData `value` collection, or an object
    // with fields only a server sets. Written or sent role assignments carry none of them.
    const collections = ctx.pairs.filter((q) => lastKey(q.key) === 'value').map((q) => ctx.deref(q.value)).filter((v): v is Expr & { kind: 'array' } => v?.kind === 'array');
    const responseShaped = (p: Pair, sibs: Pair[]) => {
      const parent = parentOf.get(p);
      if (parent && collections.some((c) => c.items.includes(parent))) return true;
      return sibs.some((q) => RESPONSE_ONLY.has(lastKey(q.key)) || /^@odata\.(context|etag|nextlink|count)$/i.test(q.key));
    };
    for (const p of ctx.pairs) {
      if (lastKey(p.key) !== ROLE_DEF_KEY || p.container === 'form') continue;
      const parent = parentOf.get(p);
      const sibs = siblings(p);
      if (p.container !== 'params' && responseShaped(p, sibs)) continue;
      checkRoleDefinition(p.value, `\`${p.key}\``, p.container === 'params', sibs, p.path, parent?.typeName ?? '', p.value.range);
    }
    for (const a of ctx.assignments) {
      if (a.target.length < 3 || lastKey(a.target[a.target.length - 1]) !== ROLE_DEF_KEY) continue;
      checkRoleDefinition(a.value, `\`${a.target.join('.')}\``, true, [], a.target, '', a.value.range);
    }
    for (const call of ctx.calls) {
      if (call.kind === 'command') continue;
      // Python SDK models and helpers: UnifiedRoleAssignment(role_definition_id=…), UnifiedRole(role_definition_id=…).
      const named = ctx.named(call);
      for (const n of named) {
        if (!n.value || lastKey(n.name) !== ROLE_DEF_KEY || READ_CALL.test(call.name)) continue;
        const sibs: Pair[] = named.filter((m) => m !== n && m.value).map((m) => namedAsPair(m, call));
        checkRoleDefinition(n.value, `\`${call.name}(${n.name}=…)\``, true, sibs, [], call.name, n.value.range);
      }
      // Java SDK setters: unifiedRoleAssignment.setRoleDefinitionId(GA).
      if (/^set_?role_?definition_?id$/i.test(call.name) && call.args.length === 1) {
        const recv = ctx.deref(call.receiver);
        const typeName = recv?.kind === 'call' ? recv.call.name : '';
        const sibs = setterSiblings(ctx, call);
        checkRoleDefinition(call.args[0], `\`${call.name}\``, true, sibs, [], typeName, call.args[0].range);
      }
      // Graph SDK chains: DirectoryRoles[roleId].Members.Ref.PostAsync(…), directory_roles.by_directory_role_id(id).members.ref.post(…).
      if (/^(?:post|postasync|post_async|addasync)$/i.test(call.name)) {
        const key = directoryRoleMemberKey(call);
        const ev = key && gaEvidence(ctx, key);
        if (key && ev) report(key.range, `Adding a member to the directory role${origin(ctx, key, ev)} grants the Global Administrator role. ${ROLE_TAIL}`);
      }
    }

    // GDAP wrappers that take role ids as a plain list: `-UnifiedRoles @('62e9…', …)`, `unifiedRoles: [GA_ID]`.
    const roleList = (value: Expr | undefined, what: string) => {
      const arr = ctx.deref(value);
      if (arr?.kind !== 'array') return;
      for (const item of arr.items) {
        if (item.kind === 'object') continue; // { roleDefinitionId } entries are pairs, checked above
        const ev = gaEvidence(ctx, item);
        if (ev) report(item.range, `${what} requests the Global Administrator role (${GA_SHORT}) in a GDAP relationship${origin(ctx, item, ev)}. ${GDAP_TAIL}`);
      }
    };
    for (const p of ctx.pairs) if (lastKey(p.key) === 'unifiedroles') roleList(p.value, `\`${p.key}\``);
    for (const call of ctx.calls) {
      for (const n of call.named) if (lastKey(n.name) === 'unifiedroles') roleList(n.value, `\`${call.name} ${call.kind === 'command' ? '-' : ''}${n.name}\``);
    }

    // 3. msal4j Prompt.ADMIN_CONSENT.
    for (const r of ctx.references) {
      if (r.kind === 'member' && /^ADMING?_CONSENT$/.test(r.property) && /prompt/i.test(r.path[r.path.length - 2] ?? '')) {
        const m = r;
        report(r.range, `\`Prompt.${r.property}\` requests tenant-wide admin consent, which only a Global Administrator (or an equivalent admin role) can give. ${CONSENT_TAIL}`, () =>
          ctx.text(m.range).endsWith(m.property) ? promptFix(ctx, { start: m.range.end - m.property.length, end: m.range.end }, 'SELECT_ACCOUNT', 'Prompt.SELECT_ACCOUNT') : undefined,
        );
      }
    }

    // 4. prompt=admin_consent in query strings, dicts, options objects, config, named arguments and property assignments.
    const promptMessage = `\`prompt=admin_consent\` requests tenant-wide admin consent, which only a Global Administrator (or an equivalent admin role) can give. ${CONSENT_TAIL}`;
    const checkPrompt = (value: Expr | undefined, range: Range | undefined, inLink = false) => {
      if (!value || !range) return;
      if (ctx.value(value)?.trim().toLowerCase() !== 'admin_consent') return;
      if (!ctx.text(range).toLowerCase().includes('admin_consent') && !(value.kind === 'name' && value.def)) return;
      report(range, promptMessage.replace(/\. /, `${valueFrom(ctx, value, 'value')}. `), () => (inLink ? consentLinkFix(ctx, range, 'prompt') : promptValueFix(ctx, value)));
    };
    for (const p of ctx.pairs) {
      if (!lastKey(p.key).endsWith('prompt')) continue; // prompt, ida:Prompt, OAUTH_PROMPT
      checkPrompt(p.value, p.container === 'form' ? refine(ctx, p.value.range, 'admin_consent') : p.value.range, p.container === 'form');
    }
    for (const call of ctx.calls) {
      for (const n of call.named) if (lastKey(n.name).endsWith('prompt')) checkPrompt(n.value, call.kind === 'command' ? n.range : n.value?.range);
    }
    for (const a of ctx.assignments) {
      if (a.target.length >= 2 && lastKey(a.target[a.target.length - 1]).endsWith('prompt')) checkPrompt(a.value, a.value.range);
    }

    // 5. Strings: /adminconsent links, /directoryRoles/{Global Administrator}/members/$ref, JSON role-assignment bodies, prose.
    for (const s of ctx.strings) {
      const { text, parts } = pieces(ctx, s);
      const lower = text.toLowerCase();
      const ac = adminConsentAt(text);
      const base = ac >= 0 ? parts.find((p) => p.from < ac && ac <= p.to) : undefined;
      if (ac >= 0 && !(base && !base.literal && APP_URL_NAME.test(ctx.text(base.expr.range)))) {
        const r = literalRange(ctx, parts, ac, '/adminconsent');
        if (r) report(r, `Tenant-wide admin consent link (\`/adminconsent\`): only a Global Administrator (or an equivalent admin role) can complete it, and it grants the app's permissions for every user of the tenant. ${CONSENT_TAIL}`, () => consentLinkFix(ctx, r, 'adminconsent'));
      }
      const ref = /\/directoryroles(?:\(([^)]*)\)|\/([^/?#]+))\/members\/(?:\$|%24)ref(?=$|[?#\s"'])/i.exec(text);
      if (ref) {
        const keyAt = ref.index + ref[0].indexOf(ref[1] ?? ref[2]);
        const keyText = ref[1] ?? ref[2];
        const idAt = lower.indexOf(GLOBAL_ADMIN_ID, keyAt);
        if (idAt >= 0 && idAt < keyAt + keyText.length) {
          const r = idRange(ctx, parts, idAt);
          if (r) report(r.range, `\`POST /directoryRoles/…/members/$ref\` adds a member to the Global Administrator role${r.from}. ${ROLE_TAIL}`);
        } else {
          const piece = parts.find((p) => !p.literal && p.from >= keyAt && p.to <= keyAt + keyText.length);
          const ev = piece && gaEvidence(ctx, piece.expr);
          if (piece && ev) report(piece.expr.range, `\`POST /directoryRoles/{id}/members/$ref\` adds a member to the Global Administrator role${origin(ctx, piece.expr, ev)}. ${ROLE_TAIL}`);
        }
      }
      const body = new RegExp(`["']?role_?definition_?id["']?\\s*:\\s*["']?(${GLOBAL_ADMIN_ID})`, 'i').exec(text);
      if (body && !/["']?action["']?\s*:\s*["']?\w*(?:remove|deactivate)/i.test(text)) {
        const at = body.index + body[0].length - GLOBAL_ADMIN_ID.length;
        const r = idRange(ctx, parts, at);
        if (r) {
          const gdap = /unifiedroles/i.test(text) || inGdap(s.range);
          const id = r.from ? r.from.slice(2, -1) : `\`roleDefinitionId\` ${GA_SHORT}`;
          report(r.range, gdap ? `GDAP request body asks for the Global Administrator role (${id}). ${GDAP_TAIL}` : `Role-assignment request body grants the Global Administrator role${/serviceprincipal/i.test(text) ? ' to a service principal' : ''} (${id}). ${ROLE_TAIL}`);
        }
      }
      if (!/admin/i.test(text)) continue;
      const raw = ctx.text(s.range);
      const at = proseAt(raw);
      if (at) report({ start: s.range.start + at[0], end: s.range.start + at[1] }, `This text asks the operator to sign in, consent or run as a Global Administrator. ${PROSE_TAIL}`);
    }
    for (const c of ctx.comments) {
      if (!/admin/i.test(c.text)) continue;
      const at = proseAt(commentSource(ctx.text(c.range)));
      if (at) report({ start: c.range.start + at[0], end: c.range.start + at[1] }, `This comment asks the operator to sign in, consent or run as a Global Administrator. ${PROSE_TAIL}`);
    }
  },
};

function namedAsPair(n: NamedArg, call: Call): Pair {
  return { key: n.name, keyRange: n.nameRange, value: n.value!, range: n.range, container: 'params', path: [n.name], scope: call.scope };
}

/** `x.setAction(…)`, `x.setPrincipalId(…)` on the same receiver as a `setRoleDefinitionId` call, as pairs. */
function setterSiblings(ctx: RuleContext, call: Call): Pair[] {
  const recv = call.receiver?.kind === 'name' ? call.receiver.name : undefined;
  if (!recv) return [];
  return ctx.calls
    .filter((c) => c !== call && c.scope === call.scope && c.receiver?.kind === 'name' && c.receiver.name === recv && /^set_?\w+$/i.test(c.name) && c.args.length === 1)
    .map((c) => ({ key: c.name.replace(/^set_?/i, ''), keyRange: c.nameRange, value: c.args[0], range: c.range, container: 'params' as const, path: [c.name], scope: c.scope }));
}

/** The role key in `…DirectoryRoles[key].Members.Ref.PostAsync(…)` / `.directoryRoles(key).members().references()…post(…)` / `.by_directory_role_id(key).members.ref.post(…)`. */
function directoryRoleMemberKey(call: Call): Expr | undefined {
  const segs: { name: string; key?: Expr }[] = [];
  const walk = (e: Expr | undefined, depth: number): void => {
    if (!e || depth > 20) return;
    if (e.kind === 'member') {
      walk(e.object, depth + 1);
      segs.push({ name: e.property });
    } else if (e.kind === 'index') {
      walk(e.object, depth + 1);
      const last = segs[segs.length - 1];
      if (last && !last.key) last.key = e.key;
      else segs.push({ name: '[]', key: e.key });
    } else if (e.kind === 'call') {
      walk(e.call.receiver, depth + 1);
      segs.push({ name: e.call.name, key: e.call.args.length === 1 ? e.call.args[0] : undefined });
    } else if (e.kind === 'name') {
      segs.push({ name: e.name });
    }
  };
  walk(call.receiver, 0);
  const i = segs.findIndex((s) => /^directory_?roles$/i.test(s.name));
  if (i < 0) return undefined;
  let key = segs[i].key;
  let j = i + 1;
  if (!key && segs[j] && /^by_?directory_?role_?id$/i.test(segs[j].name)) key = segs[j++].key;
  if (!key) return undefined;
  const rest = segs.slice(j).map((s) => s.name.toLowerCase());
  const m = rest.indexOf('members');
  if (m < 0 || !rest.slice(m + 1).some((n) => n === 'ref' || n === 'references' || n === '$ref')) return undefined;
  return key;
}

// ---------------------------------------------------------------------------------------------
// Quick fixes: consent links become the SAM authorization-code consent link, other admin-consent prompts
// become `select_account`, and a comment above says who must consent. Role grants and prose get no fix:
// which role or account to use instead is a decision, not an edit. Never safe.

const CONSENT_COMMENT = 'Consent must be given by an Admin Agent service account (least privilege), not a Global Administrator.';
/** The documented Partner Center consent link's parameters (v1, OIDC hybrid with form_post). */
const V1_PARAMS = ['response_mode=form_post', 'response_type=code%20id_token', 'scope=openid%20profile', 'nonce=1'];
/** The v2 authorization-code construction with the Partner Center delegated scope. */
const V2_PARAMS = ['response_type=code', 'scope=https://api.partnercenter.microsoft.com/user_impersonation%20offline_access%20openid%20profile'];
/** Parameters the consent link sets itself; client_id, redirect_uri, state and the rest are kept. */
const LINK_SETS = new Set(['response_type', 'response_mode', 'scope', 'nonce', 'prompt', 'resource']);

/** The comment line above the line holding `at`, at its indentation, where the format has comments and the line does not start inside a string. */
function consentComment(ctx: RuleContext, at: number): TextEdit[] {
  const line = commentLine(ctx.model, CONSENT_COMMENT);
  if (!line || lineStartInString(ctx.model, at)) return [];
  return [insertLinesBefore(ctx.model.text, at, [line])];
}

/**
 * `…/{tenant}/adminconsent?client_id=…` or `…/oauth2/authorize?…&prompt=admin_consent` -> the SAM consent link of the
 * same endpoint version: v1 `/oauth2/authorize` with the documented Partner Center parameters, v2
 * `/oauth2/v2.0/authorize` with `response_type=code` and the Partner Center `user_impersonation` scope.
 */
function consentLinkFix(ctx: RuleContext, range: Range, kind: 'adminconsent' | 'prompt'): Fix | undefined {
  const text = ctx.model.text;
  for (const s of stringsAround(ctx.model, range)) {
    const f = flatString(text, s);
    const i = flatIndex(f, range.start);
    if (i < 0) continue;
    const url = urlAt(f, kind === 'adminconsent' ? i + 1 : i, ctx.language, true);
    if (!url) continue;
    const edits: TextEdit[] = [];
    const segs = url.segments;
    let v2 = segs.some((g) => /^v2\.0$/i.test(g.text));
    if (kind === 'adminconsent') {
      const k = segs.findIndex((g) => g.start <= i + 1 && i + 1 < g.end && /^adminconsent$/i.test(g.text));
      if (k < 0) return undefined;
      v2 = k > 0 && /^v2\.0$/i.test(segs[k - 1].text);
      const r = sourceRange(f, v2 ? segs[k - 1].start : segs[k].start, segs[k].end);
      if (!r) return undefined;
      edits.push({ range: r, text: v2 ? 'oauth2/v2.0/authorize' : 'oauth2/authorize' });
    }
    const escape = (t: string) => (isPercentFormat(ctx.language, text, s) ? t.replace(/%/g, '%%') : t);
    const added = escape((v2 ? V2_PARAMS : V1_PARAMS).join(url.sep));
    const drop = dropParams(f, url, (p) => LINK_SETS.has(p.key));
    const clientId = drop.kept.find((p) => p.key === 'client_id');
    if (url.question < 0) {
      const at = literalPoint(f, url.end);
      if (at === undefined) return undefined;
      edits.push({ range: { start: at, end: at }, text: `?${added}` });
    } else if (!drop.kept.length) {
      const r = sourceRange(f, url.question + 1, url.params[url.params.length - 1].end);
      if (!r) return undefined;
      edits.push({ range: r, text: added });
    } else {
      edits.push(...drop.edits);
      // After client_id when a literal follows it, else at the end of the link, else right after `?`.
      const after = clientId ? literalPoint(f, clientId.end) : undefined;
      const last = drop.kept[drop.kept.length - 1];
      const atEnd = last.end === url.params[url.params.length - 1].end ? literalPoint(f, url.end) : undefined;
      if (after !== undefined && (clientId!.end < url.end || atEnd !== undefined)) edits.push({ range: { start: after, end: after }, text: url.sep + added });
      else if (atEnd !== undefined) edits.push({ range: { start: atEnd, end: atEnd }, text: url.sep + added });
      else {
        const at = literalPoint(f, url.question + 1);
        if (at === undefined) return undefined;
        edits.push({ range: { start: at, end: at }, text: added + url.sep });
      }
      edits.push(...percentEdits(text, f, drop.removed));
    }
    edits.push(...consentComment(ctx, s.range.start));
    return fixWith(ctx.model, 'Use the SAM authorization-code consent link (consent with an Admin Agent account)', edits, [], { preferred: true });
  }
  return undefined;
}

/** `prompt: 'admin_consent'` in options, dicts, config and named arguments -> `select_account` (the Admin Agent account is picked at sign-in). */
function promptValueFix(ctx: RuleContext, value: Expr): Fix | undefined {
  if (value.kind === 'string') {
    if (ctx.text(value.contentRange).toLowerCase() !== 'admin_consent') return undefined;
    return promptFix(ctx, value.contentRange, 'select_account', 'prompt=select_account');
  }
  if (value.kind === 'name' && /^\$?[A-Za-z_][\w]*$/.test(ctx.text(value.range))) return promptFix(ctx, value.range, quoted(ctx.model, 'select_account'), 'prompt=select_account');
  return undefined;
}

function promptFix(ctx: RuleContext, range: Range, text: string, shown: string): Fix {
  return fixWith(ctx.model, `Use ${shown} (consent with an Admin Agent account)`, [{ range, text }, ...consentComment(ctx, range.start)], [], { preferred: true });
}
