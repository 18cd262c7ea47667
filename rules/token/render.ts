// Present a TokenReport: terminal text, Markdown (verdict first, then a claims table) and the CLI JSON object.
import type { ClaimInfo, PartnerCenterVerdict, TokenReport } from './types';

const VERDICT_LABEL: Record<PartnerCenterVerdict, string> = {
  accept: 'ACCEPT',
  'reject-mfa-required': 'REJECT (MFA required)',
  'app-only': 'APP-ONLY (not MFA-checked)',
  'wrong-audience': 'WRONG AUDIENCE',
  expired: 'EXPIRED',
  'not-yet-valid': 'NOT YET VALID',
  'not-a-token': 'NOT A TOKEN',
};

export function valueText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ');
  return JSON.stringify(v) ?? String(v);
}

function clip(s: string, max = 160): string {
  const flat = s.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function kindLine(r: TokenReport): string {
  if (r.input === 'jwt') return `JWT${r.version ? ` v${r.version}` : ''}, ${r.kind}`;
  if (r.input === 'saml') return `SAML ${r.saml?.version ?? ''} ${r.saml?.container ?? 'assertion'}`.replace(/\s+/g, ' ').trim();
  return `unreadable (${r.error?.code ?? 'invalid'})`;
}

/** Label/value pairs shared by the text and Markdown renderings. */
function summary(r: TokenReport): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  const add = (k: string, v: string | null | undefined) => {
    if (v) rows.push([k, v]);
  };
  add('Input', `${kindLine(r)}${r.tokenId ? ` ${r.tokenId}` : ''} (${r.form})`);
  if (r.input !== 'invalid') add('MFA', `${r.mfa}: ${r.mfaDetail}`);
  if (r.error) add('Error', r.error.message);
  add('Audience', r.audience ? (r.audience.name ? `${r.audience.name} (${r.audience.value})` : r.audience.value) : null);
  add('Issuer', r.issuer);
  add('Tenant', r.tenant);
  add('User', r.user);
  if (r.client) add('Client', `${r.client.id ?? '?'}${r.client.type ? ` (${r.client.type})` : ''}`);
  if (r.scopes.length) add('Scopes', r.scopes.join(' '));
  if (r.roles.length) add('Roles', r.roles.join(', '));
  if (r.directoryRoles.length)
    add('Directory roles', r.directoryRoles.map((d) => `${d.name ?? d.id}${d.privileged ? ' (privileged)' : ''}`).join(', '));
  for (const t of r.times) add(t.name, t.iso ? `${t.iso} (${t.relative})` : t.relative);
  if (r.header) add('Header', Object.entries(r.header).map(([k, v]) => `${k} ${valueText(v)}`).join(', '));
  return rows;
}

export function renderTokenText(r: TokenReport): string {
  const lines: string[] = [];
  lines.push(`Partner Center: ${VERDICT_LABEL[r.partnerCenter]} - ${r.verdictReason}`);
  const rows = summary(r);
  const w = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) lines.push(`${`${k}:`.padEnd(w + 2)}${v}`);
  if (r.notes.length) {
    lines.push('', 'Notes:');
    for (const n of r.notes) lines.push(`  - ${n}`);
  }
  if (r.claims.length) {
    lines.push('', 'Claims:');
    const nw = Math.min(24, Math.max(...r.claims.map((c) => c.name.length)));
    const vw = Math.min(48, Math.max(...r.claims.map((c) => clip(valueText(c.value), 48).length)));
    for (const c of r.claims) lines.push(`  ${c.name.padEnd(nw)}  ${clip(valueText(c.value), 48).padEnd(vw)}  ${c.explanation}`);
  }
  return `${lines.join('\n')}\n`;
}

function md(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/([*_`[\]])/g, '\\$1').replace(/\r?\n/g, ' ');
}

export function renderTokenMarkdown(r: TokenReport): string {
  const out: string[] = [];
  out.push(`**Partner Center: ${md(VERDICT_LABEL[r.partnerCenter])}** (\`${r.partnerCenter}\`) - ${md(r.verdictReason)}`, '');
  out.push('| | |', '|---|---|');
  for (const [k, v] of summary(r)) out.push(`| ${md(k)} | ${md(clip(v, 400))} |`);
  if (r.notes.length) {
    out.push('', '**Notes**', '');
    for (const n of r.notes) out.push(`- ${md(n)}`);
  }
  if (r.claims.length) {
    out.push('', '| Claim | Value | Explanation |', '|---|---|---|');
    for (const c of r.claims) out.push(`| \`${c.name.replace(/`/g, "'")}\` | ${md(clip(valueText(c.value), 400))} | ${md(c.explanation)} |`);
  }
  return `${out.join('\n')}\n`;
}

function claimJson(c: ClaimInfo) {
  return { name: c.name, value: c.value, explanation: c.explanation, known: c.known };
}

/** The CLI JSON contract (stable field names; extra fields may be added, none removed). */
export function tokenReportJson(r: TokenReport): Record<string, unknown> {
  const times: Record<string, unknown> = {};
  for (const t of r.times) times[t.name] = { epoch: t.epoch, iso: t.iso, relative: t.relative };
  return {
    input: r.input,
    form: r.form,
    token: r.tokenId,
    version: r.version,
    kind: r.kind,
    mfa: r.mfa,
    mfaDetail: r.mfaDetail,
    partnerCenter: r.partnerCenter,
    verdictReason: r.verdictReason,
    error: r.error ? r.error.message : null,
    errorCode: r.error ? r.error.code : null,
    header: r.header,
    audience: r.audience ? r.audience.value : null,
    audienceName: r.audience ? r.audience.name : null,
    issuer: r.issuer,
    tenant: r.tenant,
    user: r.user,
    client: r.client,
    scopes: r.scopes,
    roles: r.roles,
    directoryRoles: r.directoryRoles,
    authMethods: r.authMethods,
    times,
    expired: r.expired,
    notYetValid: r.notYetValid,
    claims: r.claims.map(claimJson),
    notes: r.notes,
    saml: r.saml,
  };
}
