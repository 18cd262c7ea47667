// no-azure-ad-graph: Azure AD Graph (graph.windows.net) endpoints, resources, scopes, its app id and
// its client libraries' constructors. Azure AD Graph is retired in favour of Microsoft Graph.
import type { Call, Expr, LanguageId, MemberExpr, IndexExpr, NameExpr, Range, StringExpr } from '../model/types';
import type { Fix, Rule, RuleContext, TextEdit } from '../engine/types';
import { UNKNOWN } from '../engine/resolve';
import { forEachExpr } from '../engine/walk';
import { ALL_LANGUAGES, CODE_LANGUAGES } from '../common/meta';
import { literalOf } from '../common/sources';
import { lineOf, reportOnce } from '../common/report';
import { lastKey } from '../common/secrets';
import { audienceInfo } from '../token/tables';
import { fixWith } from '../fixes/edits';
import { flatString, HOLE, percentEdits, sourceRange, stringParts, type FlatString } from '../fixes/strings';
import { dropParams, literalPoint, urlAt } from '../fixes/urls';

const WHY = 'Azure AD Graph is retired in favour of Microsoft Graph (no support since June 30, 2023; its calls are being blocked).';
const MS_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const CODE = new Set<LanguageId>(CODE_LANGUAGES);

/** Azure AD Graph host per cloud -> the Microsoft Graph service root of the same cloud. */
const CLOUDS: Record<string, { graph: string; note?: string }> = {
  'graph.windows.net': { graph: 'https://graph.microsoft.com' },
  'graph.chinacloudapi.cn': { graph: 'https://microsoftgraph.chinacloudapi.cn', note: 'Azure AD Graph operated by 21Vianet' },
  'graph.cloudapi.de': { graph: 'https://graph.microsoft.com', note: 'Microsoft Cloud Deutschland, which has closed; move to the global cloud' },
};

/**
 * The one mapping table: Azure AD Graph 1.6 path segment (lower case) -> Microsoft Graph v1.0 path.
 * Segments not listed keep their name (most entity sets and actions are named alike in v1.0).
 */
const GRAPH_PATHS = new Map<string, string>(Object.entries({
  users: 'users',
  groups: 'groups',
  me: 'me',
  contacts: 'contacts',
  devices: 'devices',
  directoryroles: 'directoryRoles',
  directoryroletemplates: 'directoryRoleTemplates',
  serviceprincipals: 'servicePrincipals',
  applications: 'applications',
  oauth2permissiongrants: 'oauth2PermissionGrants',
  subscribedskus: 'subscribedSkus',
  domains: 'domains',
  directoryobjects: 'directoryObjects',
  tenantdetails: 'organization',
  deleteddirectoryobjects: 'directory/deletedItems',
  getobjectsbyobjectids: 'directoryObjects/getByIds',
  serviceprincipalsbyappid: "servicePrincipals(appId='{appId}')",
  invalidateallrefreshtokens: 'revokeSignInSessions',
  ismemberof: 'checkMemberGroups',
}));

// Host boundaries: `mygraph.windows.net`, `microsoftgraph.chinacloudapi.cn` and `graph.windows.network` are other hosts.
// `%2F` before the host is a URL-encoded slash (`resource=https%3A%2F%2Fgraph.windows.net`).
const HOST = /(?<=^|[^A-Za-z0-9_.\-]|%2[Ff])(graph\.windows\.net|graph\.chinacloudapi\.cn|graph\.cloudapi\.de)(?![A-Za-z0-9_\-]|\.[A-Za-z0-9])/gi;
const SCHEME_BEFORE = /(?:[A-Za-z][A-Za-z0-9+.\-]*:\/\/|[A-Za-z][A-Za-z0-9+.\-]*%3A%2F%2F|\/\/)$/i;
const GUID_SCOPE = /00000002-0000-0000-c000-000000000000\/[^\s"'`,;<>]*/gi;
const AZ_RESOURCE_TYPE = /--resource-type(?:\s+|=)(aad-graph)\b/gi;
const PERMISSION = /^[A-Z][A-Za-z]*(\.[A-Za-z]+)+$/;
/** Keys and parameters that name the resource (audience) a token or permission is for. */
const RESOURCE_KEY = /(resource|resourceid|resourceappid|resourceapplicationid|resourceuri|resourceurl|resourceidentifier|audience|scope|scopes|enterpriseapplicationid|enterpriseapplication)$/;

/** Logging / printing calls: a URL in a message is not a call to the API. */
const LOG_CALL = /^(Write-(Host|Output|Verbose|Warning|Error|Information|Debug|Progress)|print|println|printf|WriteLine|LogInformation|LogWarning|LogError|LogDebug|LogTrace|LogCritical)$/;
const LOG_METHOD = /^(log|info|warn|warning|error|debug|trace|fatal|critical|exception)$/;

// ---------------------------------------------------------------------------------------------
// URLs: where a host match sits, how far its URL goes, what it is (API call, scope, resource)
// ---------------------------------------------------------------------------------------------

/** True when the host stands in a URL / resource position, not in prose ("moved off graph.windows.net"). */
function urlish(text: string, start: number, end: number): boolean {
  const before = text.slice(0, start);
  const after = text.slice(end);
  if (SCHEME_BEFORE.test(before)) return true;
  if (/^(\/|%2F|:\d)/i.test(after)) return true;
  return /^\s*$/.test(before) || /[=@'"`,;[]\s*$/.test(before);
}

/** [start, end) of the URL around a host match at [hs, he) in `text`. */
function urlExtent(text: string, hs: number, he: number): [number, number] {
  const m = SCHEME_BEFORE.exec(text.slice(0, hs));
  const start = m ? hs - m[0].length : hs;
  const encoded = /%3A%2F%2F$/i.test(text.slice(0, hs));
  const formValue = start > 0 && text[start - 1] === '=';
  const stop = encoded || formValue ? /[\s"'`<>|\\,;&]/ : /[\s"'`<>|\\,;]/;
  let end = he;
  while (end < text.length && !stop.test(text[end])) end++;
  while (end > he && /[.)\]]/.test(text[end - 1])) end--;
  return [start, end];
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

interface UrlShape {
  host: string;
  kind: 'api' | 'scope' | 'resource';
  /** The Azure AD Graph form shown in the message (tenant and ids shown as placeholders). */
  aad: string;
  /** The Microsoft Graph equivalent. */
  graph: string;
  apiVersion: boolean;
}

/** Classifies what follows the host (`/{tenant}/users?api-version=1.6`, `/.default`, ``) and maps it to Microsoft Graph. */
function shapeOf(host: string, rest: string): UrlShape {
  const cloud = CLOUDS[host.toLowerCase()];
  const base = `https://${host.toLowerCase()}`;
  const decoded = safeDecode(rest.replace(/%2F/gi, '/'));
  const apiVersion = /[?&]api-version=/i.test(decoded);
  const path = decoded.replace(/^:\d+/, '').split(/[?#]/)[0];
  const segs = path.split('/').filter((s) => s !== '');
  if (segs.length === 0) return { host, kind: 'resource', aad: base, graph: cloud.graph, apiVersion };
  if (segs.length === 1 && (segs[0] === '.default' || PERMISSION.test(segs[0]) || segs[0] === 'user_impersonation')) {
    const perm = segs[0] === 'user_impersonation' ? '.default' : segs[0];
    return { host, kind: 'scope', aad: `${base}/${segs[0]}`, graph: `${cloud.graph}/${perm}`, apiVersion };
  }
  // /{tenant}/{collection}/... ; `me` (and a collection written without tenant) come first.
  const tenantFirst = !GRAPH_PATHS.has(segs[0].toLowerCase());
  const tail = tenantFirst ? segs.slice(1) : segs;
  const show = (s: string) => (s.includes(UNKNOWN) ? '{…}' : s);
  const aad = `${base}/${tenantFirst ? '{tenant}/' : ''}${tail.map(show).join('/')}`.replace(/\/$/, '');
  if (tail.length === 0) return { host, kind: 'api', aad, graph: `${cloud.graph}/v1.0`, apiVersion };
  const mapped = tail.slice(0, 4).map((s) => (s.includes(UNKNOWN) ? '{…}' : GRAPH_PATHS.get(s.toLowerCase()) ?? s));
  return { host, kind: 'api', aad, graph: `${cloud.graph}/v1.0/${mapped.join('/')}`, apiVersion };
}

function urlMessage(shapes: UrlShape[], use?: { line: number; shape: UrlShape; more: number }): string {
  const s = shapes[0];
  const cloud = CLOUDS[s.host.toLowerCase()];
  const where = cloud.note ? ` (${cloud.note})` : '';
  const also = shapes.length > 1 ? `; likewise ${shapes.slice(1).map((x) => `\`${x.aad}\` -> \`${x.graph}\``).join(', ')}` : '';
  if (s.kind === 'scope') {
    return `Azure AD Graph scope \`${s.aad}\`${where} requests a token for the retired Azure AD Graph: request \`${s.graph}\` and call Microsoft Graph instead${also}. ${WHY}`;
  }
  if (s.kind === 'resource') {
    if (use) {
      const u = use.shape;
      return `Azure AD Graph base URL \`${s.aad}\`${where} (used on line ${use.line} for \`${u.aad}\`${use.more ? ` and in ${use.more} more place${use.more > 1 ? 's' : ''}` : ''}) is retired and its calls fail: call Microsoft Graph \`${u.graph}\` instead${u.apiVersion ? ' (no `api-version`)' : ''}, with a token for \`${s.graph}\`${also}. ${WHY}`;
    }
    return `Azure AD Graph resource \`${s.aad}\`${where} is retired: request tokens for Microsoft Graph \`${s.graph}\` and call its v1.0 endpoints${also}. ${WHY}`;
  }
  const root = s.graph.endsWith('/v1.0') ? ' endpoints (the tenant comes from the token)' : '';
  return `Azure AD Graph endpoint \`${s.aad}\`${where} is retired and its calls fail: call Microsoft Graph \`${s.graph}\`${root} instead${s.apiVersion ? ' (no `api-version`)' : ''}, with a token for \`${cloud.graph}\`${also}. ${WHY}`;
}

// ---------------------------------------------------------------------------------------------
// String pieces: a string expression flattened through concatenations and constants
// ---------------------------------------------------------------------------------------------

interface Piece {
  text: string;
  lit?: StringExpr;
  /** Reached through a name (a constant defined elsewhere), not written here. */
  via: boolean;
}

function flatten(ctx: RuleContext, e: Expr, via: boolean, depth: number, out: Piece[]): void {
  if (depth <= 10) {
    if (e.kind === 'string') {
      out.push({ text: e.text, lit: e, via });
      return;
    }
    if (e.kind === 'concat') {
      for (const p of e.parts) flatten(ctx, p, via, depth + 1, out);
      return;
    }
    if (e.kind === 'name' && e.def && ['string', 'concat', 'name', 'unknown'].includes(e.def.kind)) {
      flatten(ctx, e.def, true, depth + 1, out);
      return;
    }
    // `GRAPH + tenant` where the adapter could not tell it is a string concatenation.
    if (e.kind === 'unknown' && e.children?.length && /\+/.test(e.text) && !/[-*/%]/.test(e.text.replace(/["'][^"']*["']/g, ''))) {
      for (const c of e.children) flatten(ctx, c, via, depth + 1, out);
      return;
    }
  }
  out.push({ text: ctx.value(e) ?? UNKNOWN, via });
}

/** Range of text offsets [i, j) of a literal: exact when the literal has no escapes, else through its source text. */
function rangeIn(ctx: RuleContext, lit: StringExpr, i: number, j: number): Range {
  const c = lit.contentRange;
  if (c.end - c.start === lit.text.length) return { start: c.start + i, end: c.start + j };
  const spans = align(ctx.text(c), lit.text, j, ctx.language === 'xml');
  if (!spans || j <= i) return c;
  return { start: c.start + spans[i][0], end: c.start + spans[j - 1][1] };
}

const ESCAPE = /^(&(#x?[0-9a-f]+|[a-z]+);|\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|`u\{[0-9a-fA-F]+\})/i;

/**
 * Maps the first `upto` characters of a literal's decoded text onto its source text (`&amp;`, `\/`,
 * `\u0026`, doubled quotes, backtick escapes, block-scalar indentation): [start, end) per character.
 * XML character references are decoded only in XML (`&amp;` is four characters in a C# string).
 */
function align(raw: string, text: string, upto: number, entities: boolean): [number, number][] | undefined {
  const spans: [number, number][] = [];
  let r = 0;
  for (let t = 0; t < upto; t++) {
    for (;;) {
      if (r >= raw.length) return undefined;
      const esc = raw[r] === '&' && !entities ? null : ESCAPE.exec(raw.slice(r, r + 12));
      if (esc && raw[r] !== text[t]) {
        spans.push([r, r + esc[0].length]);
        r += esc[0].length;
        break;
      }
      if (esc && raw[r] === '&') {
        spans.push([r, r + esc[0].length]);
        r += esc[0].length;
        break;
      }
      if (raw[r] === text[t]) {
        spans.push([r, r + 1]);
        r += 1;
        break;
      }
      r++; // an escape character (`\`, backtick), the second of a doubled quote, or indentation
    }
  }
  return spans;
}

const litKey = (e: Expr) => `${e.range.start}:${e.range.end}`;

/** Python docstrings (a free-standing triple-quoted string) document, they do not call. */
function docstrings(ctx: RuleContext): Set<string> {
  const out = new Set<string>();
  if (ctx.language !== 'python') return out;
  const reached = new Set<Expr>();
  forEachExpr({ ...ctx.model, strings: [] }, (e) => reached.add(e));
  for (const s of ctx.strings) {
    if (s.kind !== 'string' || reached.has(s)) continue;
    if (!/^[rRuUbB]*("""|''')/.test(ctx.text(s.range))) continue;
    const before = ctx.model.text.slice(0, s.range.start).replace(/\s+$/, '');
    if (before === '' || /[:;]$/.test(before) || /\n[ \t]*$/.test(ctx.model.text.slice(0, s.range.start))) {
      if (!/(=|\(|\[|,|\+|\{|\breturn|\byield|\blambda)$/.test(before)) out.add(litKey(s));
    }
  }
  return out;
}

/** String expressions written inside the arguments of a logging call. */
function loggedStrings(ctx: RuleContext): Set<string> {
  const out = new Set<string>();
  for (const c of ctx.calls) {
    const generic = LOG_METHOD.test(c.name) && /log|console|logger/i.test(c.callee.slice(0, -1).join('.'));
    if (!LOG_CALL.test(c.name) && !generic) continue;
    const stack: Expr[] = [...c.args, ...c.named.map((n) => n.value).filter((v): v is Expr => !!v)];
    if (c.input) stack.push(c.input);
    while (stack.length) {
      const e = stack.pop()!;
      out.add(litKey(e));
      if (e.kind === 'concat') stack.push(...e.parts);
      if (e.kind === 'unknown' && e.children) stack.push(...e.children);
    }
  }
  return out;
}

const COMPARE_CALL = /^(Equals|equals|equalsIgnoreCase|StartsWith|startsWith|startswith|EndsWith|endsWith|endswith|includes|Contains|contains|indexOf|IndexOf|find|match|Match|IsMatch|test|search|localeCompare|compareTo|CompareTo|Compare)$/;
const COMPARE_BEFORE = /(===?|!==?|<>|\s-[ci]?(eq|ne|like|notlike|match|notmatch|contains|notcontains|in|notin)|\b(not\s+)?in|\bis(\s+not)?)\s*\(?\s*$/i;
const COMPARE_AFTER = /^\s*\)?\s*(===?|!==?|<>|-[ci]?(eq|ne|like|notlike|match|notmatch|contains|notcontains|in|notin)\b|(not\s+)?in\b)/i;

/** String literals that are compared with something (`aud -eq '…'`, `url.startsWith('…')`): checks, not calls. */
function comparedStrings(ctx: RuleContext): Set<string> {
  const out = new Set<string>();
  for (const c of ctx.calls) {
    if (!COMPARE_CALL.test(c.name)) continue;
    for (const e of [c.receiver, ...c.args]) if (e && (e.kind === 'string' || e.kind === 'concat')) out.add(litKey(e));
  }
  const text = ctx.model.text;
  for (const s of ctx.strings) {
    const lineStart = Math.max(text.lastIndexOf('\n', s.range.start - 1) + 1, s.range.start - 200);
    let lineEnd = text.indexOf('\n', s.range.end);
    if (lineEnd < 0) lineEnd = text.length;
    const before = text.slice(lineStart, s.range.start);
    const after = text.slice(s.range.end, Math.min(lineEnd, s.range.end + 200));
    if (COMPARE_BEFORE.test(before) || COMPARE_AFTER.test(after)) out.add(litKey(s));
  }
  return out;
}

const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);

/**
 * A sentence that mentions a URL (an exception or UI message: "Azure AD Graph (https://graph.windows.net) is
 * retired"), not a URL, scope list or command line: one line, three or more plain words, no options or variables.
 */
function isProse(text: string): boolean {
  if (/[\r\n]/.test(text)) return false;
  const words = text.split(/\s+/).filter((w) => w !== '');
  if (words.some((w) => /^[-$%@]/.test(w))) return false;
  return words.filter((w) => /^\(?[A-Za-z][a-z]+[,.;:!?)]*$/.test(w) && !OIDC_SCOPES.has(w.toLowerCase())).length >= 3;
}

// ---------------------------------------------------------------------------------------------
// Client libraries and environment endpoints
// ---------------------------------------------------------------------------------------------

const GRAPH_SDK: Partial<Record<LanguageId, string>> = {
  csharp: 'the Microsoft Graph SDK (`Microsoft.Graph` `GraphServiceClient`)',
  powershell: 'the Microsoft Graph SDK (`Microsoft.Graph` `GraphServiceClient`) or the Microsoft.Graph PowerShell cmdlets',
  python: 'the Microsoft Graph SDK (`msgraph-sdk` `GraphServiceClient`)',
  javascript: 'the Microsoft Graph client (`@microsoft/microsoft-graph-client`)',
  typescript: 'the Microsoft Graph client (`@microsoft/microsoft-graph-client`)',
  java: 'the Microsoft Graph SDK (`com.microsoft.graph` `GraphServiceClient`)',
};

function sdkFor(ctx: RuleContext): string {
  return GRAPH_SDK[ctx.language] ?? 'the Microsoft Graph SDK';
}

/** Names bound to the default export of the Node `azure-graph` package (`const graph = require('azure-graph')`). */
function azureGraphBindings(ctx: RuleContext): Set<string> {
  const out = new Set<string>();
  if (ctx.language !== 'javascript' && ctx.language !== 'typescript') return out;
  for (const a of ctx.assignments) {
    const v = a.value;
    if (a.target.length === 1 && v.kind === 'call' && v.call.name === 'require' && ctx.value(v.call.args[0]) === 'azure-graph') out.add(a.target[0]);
  }
  for (const i of ctx.imports) {
    if (i.module !== 'azure-graph') continue;
    const m = /^import\s+(?:\*\s+as\s+)?([A-Za-z_$][\w$]*)\s*(?:=|from|,)/.exec(ctx.text(i.range));
    if (m) out.add(m[1]);
  }
  return out;
}

interface ClientHit {
  what: string;
}

function aadGraphClient(ctx: RuleContext, call: Call, azureGraph: Set<string>): ClientHit | undefined {
  const callee = call.callee.join('.');
  if (call.name === 'GraphRbacManagementClient' || call.name === 'GraphRbacManagementClientImpl') {
    const lib = ctx.language === 'python' ? '`azure-graphrbac`' : ctx.language === 'java' ? '`com.microsoft.azure.management.graphrbac`' : ctx.language === 'csharp' ? '`Microsoft.Azure.Graph.RBAC`' : ctx.imports.some((i) => i.module === '@azure/graph') ? '`@azure/graph`' : '`azure-graph`';
    return { what: `${lib} \`${call.name}\`` };
  }
  if (/^(authenticate|configure)$/i.test(call.name) && call.callee.at(-2) === 'GraphRbacManager') {
    return { what: `\`GraphRbacManager.${call.name}\` (Azure management Graph RBAC)` };
  }
  if (call.kind === 'new' && call.name === 'ActiveDirectoryClient') {
    const imported = ctx.imports.some((i) => /Microsoft\.Azure\.ActiveDirectory\.GraphClient/i.test(i.module));
    if (imported || /GraphClient\.ActiveDirectoryClient$/.test(callee)) return { what: '`Microsoft.Azure.ActiveDirectory.GraphClient` `ActiveDirectoryClient`' };
    return undefined;
  }
  if (call.kind === 'new' && call.callee.length === 1 && azureGraph.has(call.name)) return { what: `\`azure-graph\` client \`new ${call.name}(…)\`` };
  return undefined;
}

/** Members of Azure environment objects that hold the Azure AD Graph resource. */
function environmentEndpoint(ctx: RuleContext, e: NameExpr | MemberExpr | IndexExpr): string | undefined {
  if (e.kind !== 'member') return undefined;
  const p = e.property;
  const path = e.path;
  if (p === 'GraphEndpointResourceId' || p === 'active_directory_graph_resource_id' || p === 'activeDirectoryGraphResourceId') return p;
  if (ctx.language === 'powershell' && /^graphurl$/i.test(p) && /^environment$/i.test(path.at(-2) ?? '')) return `Environment.${p}`;
  if (/^graph$/i.test(p) && path.at(-2) === 'Endpoint' && path.at(-3) === 'AzureEnvironment') return `AzureEnvironment.Endpoint.${p}`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------

export const noAzureAdGraph: Rule = {
  meta: {
    id: 'no-azure-ad-graph',
    title: 'Do not call Azure AD Graph (graph.windows.net); use Microsoft Graph (graph.microsoft.com)',
    defaultSeverity: 'warning',
    languages: ALL_LANGUAGES,
    fixable: true,
    tags: ['deprecated'],
  },
  check(ctx) {
    const report = reportOnce(ctx);

    // 1. Azure AD Graph client libraries (their imports belong to no-legacy-auth-library).
    const azureGraph = azureGraphBindings(ctx);
    for (const call of ctx.calls) {
      const hit = aadGraphClient(ctx, call, azureGraph);
      if (!hit) continue;
      report(call.nameRange, `${hit.what} is an Azure AD Graph client: every call it makes goes to the retired Azure AD Graph. Use ${sdkFor(ctx)} with a token for \`https://graph.microsoft.com\`. ${WHY}`, undefined, call.range);
    }

    // 2. Token requests by resource type name: Get-AzAccessToken -ResourceTypeName AadGraph, az --resource-type aad-graph,
    //    and the same setting in pipeline config (resource-type-name: AadGraph).
    const resourceType = (value: Expr | undefined, label: string) => {
      const v = ctx.value(value)?.trim();
      if (!value || !v || !/^(aadgraph|aad-graph)$/i.test(v)) return;
      const lit = literalOf(ctx, value) ?? value;
      const fix = v.toLowerCase() === 'aad-graph' ? '`ms-graph`' : '`MSGraph`';
      const from = lit.range.start !== value.range.start ? ` (used on line ${lineOf(ctx, value.range.start)})` : '';
      const range = lit.kind === 'string' ? lit.contentRange : lit.range;
      report(range, `\`${label} ${v}\`${from} requests a token for the retired Azure AD Graph: use ${fix} (Microsoft Graph, \`https://graph.microsoft.com\`) instead. ${WHY}`, () => wordFix(ctx, range, v, fix.slice(1, -1)));
    };
    for (const call of ctx.calls) {
      for (const n of ctx.named(call)) {
        const k = n.name.replace(/^-+/, '').toLowerCase();
        if (k !== 'resourcetypename' && k !== 'resource-type' && k !== 'resource-type-name') continue;
        const dash = call.name === 'az' || n.name.startsWith('--') || k.includes('-') ? '--' : '-';
        resourceType(n.value, call.kind === 'command' ? `${call.name}${call.name === 'az' ? ' …' : ''} ${dash}${n.name.replace(/^-+/, '')}` : n.name);
      }
    }
    for (const p of ctx.pairs) {
      const k = lastKey(p.key);
      if (k === 'resourcetypename' || k === 'resourcetype') resourceType(p.value, `${p.key}:`);
      // ms-rest-azure: `tokenAudience: 'graph'` asks for the environment's Azure AD Graph resource.
      if (k === 'tokenaudience' && ctx.value(p.value)?.trim().toLowerCase() === 'graph') {
        const lit = literalOf(ctx, p.value) ?? p.value;
        const range = lit.kind === 'string' ? lit.contentRange : lit.range;
        report(range, `\`tokenAudience: 'graph'\` (ms-rest-azure) requests a token for the retired Azure AD Graph: use \`tokenAudience: 'https://graph.microsoft.com/'\` or, better, \`@azure/identity\` with the Microsoft Graph client. ${WHY}`, () =>
          lit.kind === 'string' ? wordFix(ctx, range, 'graph', 'https://graph.microsoft.com/') : undefined,
        );
      }
    }
    // ["az", "account", "get-access-token", "--resource-type", "aad-graph"] (subprocess / execFile / ProcessBuilder).
    forEachExpr(ctx.model, (e) => {
      if (e.kind !== 'array') return;
      e.items.forEach((item, i) => {
        if (i > 0 && ctx.value(e.items[i - 1]) === '--resource-type') resourceType(item, 'az account get-access-token --resource-type');
      });
    });
    for (const call of ctx.calls) {
      // ProcessBuilder("az", …, "--resource-type", "aad-graph") and execFile-style argument lists written inline.
      call.args.forEach((arg, i) => {
        if (i > 0 && ctx.value(call.args[i - 1]) === '--resource-type') resourceType(arg, 'az account get-access-token --resource-type');
      });
    }

    // 3. Azure environment members that hold the Azure AD Graph resource.
    for (const r of ctx.references) {
      const name = environmentEndpoint(ctx, r);
      if (!name) continue;
      const end = r.range.end;
      const prop = (r as MemberExpr).property;
      const range = ctx.text(r.range).endsWith(prop) ? { start: end - prop.length, end } : r.range;
      report(range, `\`${name}\` is the Azure AD Graph endpoint of the Azure environment (\`https://graph.windows.net/\` in the public cloud): use the environment's Microsoft Graph endpoint (\`https://graph.microsoft.com\`) instead. ${WHY}`);
    }
    for (const call of ctx.calls) {
      if (ctx.language === 'java' && /^(graphEndpoint|getGraphEndpoint)$/.test(call.name) && /environment/i.test(call.callee.slice(0, -1).join('.'))) {
        report(call.nameRange, `\`AzureEnvironment.${call.name}()\` is the Azure AD Graph endpoint (\`https://graph.windows.net/\` in the public cloud): use the environment's Microsoft Graph endpoint (\`https://graph.microsoft.com\`) instead. ${WHY}`);
      }
    }

    // 4. The Azure AD Graph application id used as a resource / resourceAppId / audience / scope.
    const appIdSink = (value: Expr | undefined, label: string, permissions = false) => {
      if (!value) return;
      const items = value.kind === 'array' ? value.items : [value];
      for (const item of items) {
        const v = ctx.value(item)?.trim().replace(/^["']|["']$/g, '');
        if (!v || !/^[0-9a-f-]{36}$/i.test(v) || !audienceInfo(v).retired) continue;
        const lit = literalOf(ctx, item);
        let range = item.range;
        if (lit?.kind === 'string') {
          const i = lit.text.toLowerCase().indexOf(v.toLowerCase());
          range = i >= 0 ? rangeIn(ctx, lit, i, i + v.length) : lit.contentRange;
        } else if (lit) range = lit.range;
        const where = lit && lit.range.start !== item.range.start ? ` on line ${lineOf(ctx, item.range.start)}` : ' here';
        // Where it is written in place as a token resource (not a constant used elsewhere, not beside permission ids that differ in Microsoft Graph).
        const inPlace = !!lit && lit.range.start === item.range.start && !permissions;
        report(range, `\`${v}\` is the Azure AD Graph application id, used${where} as ${label}: it asks for the retired Azure AD Graph. Use Microsoft Graph \`${MS_GRAPH_APP_ID}\` (\`https://graph.microsoft.com\`) and its own permission ids. ${WHY}`, () =>
          inPlace && ctx.text(range).toLowerCase() === v.toLowerCase() ? graphFix(ctx, [{ range, text: MS_GRAPH_APP_ID }]) : undefined,
        );
      }
    };
    const permissionKey = (key: string) => /^resourceapp(lication)?id$/.test(lastKey(key));
    for (const p of ctx.pairs) if (RESOURCE_KEY.test(lastKey(p.key))) appIdSink(p.value, `\`${p.key}\``, permissionKey(p.key));
    // JSON written inside a string literal (`JObject.Parse("{\"enterpriseApplicationId\": \"00000002-…\"}")`, a request body): its keys too.
    for (const lit of ctx.strings) {
      if (lit.kind !== 'string' || !/^\s*[[{]/.test(lit.text)) continue;
      for (const m of lit.text.matchAll(/"([A-Za-z_@][\w:.@-]*)"\s*:\s*"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"/g)) {
        if (!RESOURCE_KEY.test(lastKey(m[1])) || !audienceInfo(m[2]).retired) continue;
        const at = m.index! + m[0].length - 1 - m[2].length;
        report(rangeIn(ctx, lit, at, at + m[2].length), `\`${m[2]}\` is the Azure AD Graph application id, used here as \`${m[1]}\` (JSON in a string): it asks for the retired Azure AD Graph. Use Microsoft Graph \`${MS_GRAPH_APP_ID}\` (\`https://graph.microsoft.com\`) and its own permission ids. ${WHY}`);
      }
    }
    for (const a of ctx.assignments) {
      const key = a.target[a.target.length - 1];
      if (a.target.length >= 2 && RESOURCE_KEY.test(lastKey(key))) appIdSink(a.value, `\`${a.target.join('.')}\``, permissionKey(key));
    }
    for (const call of ctx.calls) {
      for (const n of ctx.named(call)) if (RESOURCE_KEY.test(lastKey(n.name))) appIdSink(n.value, `\`${call.kind === 'command' ? '-' : ''}${n.name}\``, permissionKey(n.name));
      // ADAL: AcquireToken(resource, …) / acquire_token_with_client_credentials(resource, …).
      if (/^acquire_?token/i.test(call.name)) for (const arg of call.args) appIdSink(arg, `the resource of \`${call.name}\``);
      // Setters: Partner Center SDK `grant.setEnterpriseApplication(…)` (application consents), `setResource(…)`, `setScope(…)`.
      const setter = /^(?:set|Set)([A-Z]\w*)$/.exec(call.name);
      if (setter && call.args.length === 1 && RESOURCE_KEY.test(lastKey(setter[1]))) appIdSink(call.args[0], `\`${call.name}\``, permissionKey(setter[1]));
    }

    // 5. URLs, resources and scopes on an Azure AD Graph host inside strings (followed through constants).
    const skip = new Set([...docstrings(ctx), ...loggedStrings(ctx), ...(CODE.has(ctx.language) ? comparedStrings(ctx) : [])]);
    interface Occ {
      lit: StringExpr;
      shape: UrlShape;
      via: boolean;
      at: number;
    }
    const occs = new Map<string, Occ[]>();
    const lits = new Map<string, StringExpr>();
    for (const s of ctx.strings) {
      if (skip.has(litKey(s))) continue;
      const pieces: Piece[] = [];
      flatten(ctx, s, false, 0, pieces);
      const text = pieces.map((p) => p.text).join('');
      if (isProse(text)) continue;
      HOST.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = HOST.exec(text))) {
        const hs = m.index;
        const he = hs + m[0].length;
        if (!urlish(text, hs, he)) continue;
        let pos = 0;
        const piece = pieces.find((p) => {
          const inside = hs >= pos && he <= pos + p.text.length;
          pos += p.text.length;
          return inside;
        });
        if (!piece?.lit || (piece.via && skip.has(litKey(piece.lit)))) continue;
        const [, ue] = urlExtent(text, hs, he);
        const key = litKey(piece.lit);
        lits.set(key, piece.lit);
        const list = occs.get(key) ?? [];
        list.push({ lit: piece.lit, shape: shapeOf(m[1], text.slice(he, ue)), via: piece.via, at: s.range.start });
        occs.set(key, list);
      }
    }
    for (const [key, list] of occs) {
      const lit = lits.get(key)!;
      // The flagged range: from the first to the last Azure AD Graph URL written in this literal.
      const own: [number, number, UrlShape][] = [];
      HOST.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = HOST.exec(lit.text))) {
        const [us, ue] = urlExtent(lit.text, m.index, m.index + m[0].length);
        own.push([us, ue, shapeOf(m[1], lit.text.slice(m.index + m[0].length, ue))]);
      }
      if (own.length === 0) continue;
      const range = rangeIn(ctx, lit, own[0][0], own[own.length - 1][1]);
      // The fullest shape seen where the literal is written decides the message; a bare base URL is
      // described by its first use that adds a path (`$base/$tenant/users`).
      const here = list.filter((o) => !o.via);
      const best = (xs: Occ[]) => xs.reduce<Occ | undefined>((b, o) => (!b || rank(o.shape) > rank(b.shape) ? o : b), undefined);
      // Several URLs written in one literal (a scope list) are described in order; a single URL may be
      // completed by what the expression appends to it (`'https://graph.windows.net/' + tenant + '/users'`).
      const shape = own.length > 1 ? own[0][2] : best(here)?.shape ?? own[0][2];
      const shapes = [shape, ...dedupeShapes(own.slice(1).map((o) => o[2]), shape)];
      let use: { line: number; shape: UrlShape; more: number } | undefined;
      if (shape.kind === 'resource') {
        const uses = list.filter((o) => o.via && o.shape.kind !== 'resource').sort((a, b) => a.at - b.at);
        if (uses.length) use = { line: lineOf(ctx, uses[0].at), shape: uses[0].shape, more: new Set(uses.map((u) => u.at)).size - 1 };
      }
      report(range, urlMessage(shapes, use), () => urlFix(ctx, lit));
    }

    // 6. The app id as a scope prefix (`00000002-0000-0000-c000-000000000000/.default`) and `--resource-type aad-graph` in scripts held as strings.
    for (const s of ctx.strings) {
      if (skip.has(litKey(s))) continue;
      const leaves: StringExpr[] = [];
      const walk = (e: Expr) => (e.kind === 'string' ? leaves.push(e) : e.kind === 'concat' ? e.parts.forEach(walk) : undefined);
      walk(s);
      for (const lit of leaves) {
        GUID_SCOPE.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = GUID_SCOPE.exec(lit.text))) {
          const perm = m[0].slice(37) === '' || m[0].slice(37) === 'user_impersonation' ? '.default' : m[0].slice(37);
          const range = rangeIn(ctx, lit, m.index, m.index + m[0].length);
          const scope = m[0];
          report(range, `Scope \`${scope}\` names the Azure AD Graph application id: it requests a token for the retired Azure AD Graph. Request \`https://graph.microsoft.com/${perm}\` and call Microsoft Graph instead. ${WHY}`, () =>
            ctx.text(range) === scope ? graphFix(ctx, [{ range, text: `https://graph.microsoft.com/${perm}` }]) : undefined,
          );
        }
        AZ_RESOURCE_TYPE.lastIndex = 0;
        while ((m = AZ_RESOURCE_TYPE.exec(lit.text))) {
          const i = m.index + m[0].length - m[1].length;
          const range = rangeIn(ctx, lit, i, i + m[1].length);
          report(range, `\`az account get-access-token --resource-type aad-graph\` requests a token for the retired Azure AD Graph: use \`--resource-type ms-graph\` (Microsoft Graph) instead. ${WHY}`, () => wordFix(ctx, range, 'aad-graph', 'ms-graph'));
        }
      }
    }
  },
};

function rank(s: UrlShape): number {
  return (s.kind === 'api' ? 2 : s.kind === 'scope' ? 1 : 0) * 1000 + s.aad.length;
}

function dedupeShapes(list: UrlShape[], first: UrlShape): UrlShape[] {
  const seen = new Set([first.aad]);
  return list.filter((s) => !seen.has(s.aad) && seen.add(s.aad));
}

// ---------------------------------------------------------------------------------------------
// Quick fixes: the Microsoft Graph host, resource, scope or resource type in place of Azure AD Graph.
// Never preferred, never safe: the APIs differ in paths, response shapes and permissions.
// ---------------------------------------------------------------------------------------------

const FIX_TITLE = 'Switch to Microsoft Graph (response shapes differ: review the calling code)';

function graphFix(ctx: RuleContext, edits: TextEdit[]): Fix {
  return fixWith(ctx.model, FIX_TITLE, edits);
}

/** `AadGraph` -> `MSGraph`, `aad-graph` -> `ms-graph`, `'graph'` -> `'https://graph.microsoft.com/'`, where the range holds exactly that word. */
function wordFix(ctx: RuleContext, range: Range, word: string, to: string): Fix | undefined {
  if (ctx.text(range).toLowerCase() !== word.toLowerCase()) return undefined;
  return graphFix(ctx, [{ range, text: to }]);
}

/** The string expression `lit` is written in: the largest string that has it as one of its pieces. */
function outerString(ctx: RuleContext, lit: StringExpr): Expr {
  let best: Expr = lit;
  for (const s of ctx.strings) {
    if (s.range.start > lit.range.start || s.range.end < lit.range.end) continue;
    if (s.range.end - s.range.start > best.range.end - best.range.start && stringParts(s).includes(lit)) best = s;
  }
  return best;
}

/**
 * Every Azure AD Graph URL written in `lit`, rewritten for Microsoft Graph across the whole string it is part
 * of: the host of the same cloud; for API calls the tenant segment (`{tenant}`, `myorganization`, a hole)
 * becomes `v1.0`, path segments are mapped through GRAPH_PATHS and `api-version` is dropped; the scope
 * `…/user_impersonation` becomes `…/.default`.
 */
function urlFix(ctx: RuleContext, lit: StringExpr): Fix | undefined {
  const f = flatString(ctx.model.text, outerString(ctx, lit));
  const piece = f.pieces.find((p) => p.expr === lit);
  if (!piece) return undefined;
  const edits: TextEdit[] = [];
  const removed: [number, number][] = [];
  const own = f.text.slice(piece.from, piece.to);
  HOST.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = HOST.exec(own))) {
    const hs = piece.from + m.index;
    const he = hs + m[0].length;
    const cloud = CLOUDS[m[1].toLowerCase()];
    const hostRange = sourceRange(f, hs, he);
    if (!hostRange) return undefined;
    edits.push({ range: hostRange, text: cloud.graph.replace(/^https:\/\//, '') });
    const url = urlAt(f, hs, ctx.language);
    if (!url || url.hostEnd !== he) continue;
    edits.push(...pathEdits(f, url.segments, removed));
    const api = dropParams(f, url, (p) => p.key === 'api-version');
    edits.push(...api.edits);
    removed.push(...api.removed);
  }
  if (!edits.length) return undefined;
  edits.push(...percentEdits(ctx.model.text, f, removed));
  return graphFix(ctx, edits);
}

function pathEdits(f: FlatString, segs: { start: number; end: number; text: string }[], removed: [number, number][]): TextEdit[] {
  if (!segs.length) return [];
  const first = segs[0].text;
  if (segs.length === 1 && (first === '.default' || PERMISSION.test(first) || first === 'user_impersonation')) {
    const r = first === 'user_impersonation' ? sourceRange(f, segs[0].start, segs[0].end) : undefined;
    return r ? [{ range: r, text: '.default' }] : [];
  }
  const edits: TextEdit[] = [];
  const tenantFirst = !GRAPH_PATHS.has(first.toLowerCase());
  if (tenantFirst) {
    // The tenant comes from the token in Microsoft Graph: `/{tenant}/users` -> `/v1.0/users`.
    const r = sourceRange(f, segs[0].start, segs[0].end);
    if (!r) return [];
    edits.push({ range: r, text: 'v1.0' });
    removed.push([segs[0].start, segs[0].end]);
  } else {
    const at = literalPoint(f, segs[0].start);
    if (at === undefined) return [];
    edits.push({ range: { start: at, end: at }, text: 'v1.0/' });
  }
  const tail = tenantFirst ? segs.slice(1) : segs;
  for (let i = 0; i < Math.min(tail.length, 4); i++) {
    const seg = tail[i];
    const key = seg.text.toLowerCase();
    if (key === 'serviceprincipalsbyappid') {
      const id = tail[i + 1];
      const r = id && !id.text.includes(HOLE) ? sourceRange(f, seg.start, id.end) : undefined;
      if (r) edits.push({ range: r, text: `servicePrincipals(appId='${id.text}')` });
      i++;
      continue;
    }
    const to = GRAPH_PATHS.get(key);
    if (!to || to === seg.text || seg.text.includes(HOLE)) continue;
    const r = sourceRange(f, seg.start, seg.end);
    if (r) edits.push({ range: r, text: to });
  }
  return edits;
}

