// The readiness report's display pieces, shared by `partner-auth-lint report --format html` (server/cli/report.ts)
// and the editor's webview (client/src/reportView.ts): call-site kinds, audiences and verdicts with their labels,
// HTML escaping, headline cards, the kind legend and the stacked bar charts (inline SVG). Pure and import-free,
// so the client (client/tsconfig.json lists this file) compiles it without the engine.

export type CallSiteKind = 'sam-refresh-token' | 'interactive' | 'token-injection' | 'app-only' | 'password';
/** Display order: the MFA-capable user flows first, then app-only, then password. */
export const CALL_SITE_KINDS: readonly CallSiteKind[] = ['sam-refresh-token', 'interactive', 'token-injection', 'app-only', 'password'];
export const CALL_SITE_LABELS: Record<CallSiteKind, string> = {
  'sam-refresh-token': 'SAM refresh-token exchange',
  interactive: 'Interactive / device code / auth code',
  'token-injection': 'Token injection',
  'app-only': 'App-only',
  password: 'Password (ROPC)',
};

export type AppOnlyAudience = 'partner-center' | 'graph' | 'arm' | 'exchange' | 'other';
export const APP_ONLY_AUDIENCES: readonly AppOnlyAudience[] = ['partner-center', 'graph', 'arm', 'exchange', 'other'];
export const AUDIENCE_LABELS: Record<AppOnlyAudience, string> = {
  'partner-center': 'Partner Center',
  graph: 'Microsoft Graph',
  arm: 'Azure Resource Manager',
  exchange: 'Exchange Online',
  other: 'other / not named',
};

export type CpvVerdict = 'not-allowed' | 'allowed' | 'check';
export const CPV_VERDICT_TEXT: Record<CpvVerdict, string> = {
  'not-allowed': 'not allowed: a Control Panel Vendor must use the app + user (SAM) flow',
  allowed: 'allowed: a CSP partner may use its own app-only tokens',
  check: 'to check: not allowed for a Control Panel Vendor (set partnerType)',
};

export type KindCounts = { total: number } & Record<CallSiteKind, number>;

export function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/** `Partner type: cpv · 3 files analysed · 5 authentication call sites · 2 findings`. */
export function summaryLine(r: { partnerType: string; files: number; callSites: { total: number }; findings: { total: number } }): string {
  return `Partner type: ${r.partnerType} · ${plural(r.files, 'file')} analysed · ${plural(r.callSites.total, 'authentication call site')} · ${plural(r.findings.total, 'finding')}`;
}

export interface Headline {
  mfa: { capable: number; password: number; total: number; percent: number | null };
  storedCredentials: number;
  partnerCenterAppOnly: { count: number; verdict: CpvVerdict };
  globalAdminConsent: number;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A headline figure with its label. */
function card(figure: string, label: string): string {
  return `<div class="card"><div class="figure">${escapeHtml(figure)}</div><div class="label">${escapeHtml(label)}</div></div>`;
}

/** The headline figures as a section of cards, one line each. */
export function headlineCards(h: Headline): string {
  const m = h.mfa;
  const pc = h.partnerCenterAppOnly;
  return [
    '<section class="cards" aria-label="Headline figures">',
    card(m.percent === null ? 'n/a' : `${m.percent}%`, `of user-context sign-ins can satisfy MFA (${m.capable} of ${m.total}; ${plural(m.password, 'password sign-in')})`),
    card(String(h.storedCredentials), 'stored credentials found'),
    card(String(pc.count), `app-only calls to Partner Center${pc.count ? `: ${CPV_VERDICT_TEXT[pc.verdict]}` : ''}`),
    card(String(h.globalAdminConsent), 'global-admin consent sites'),
    '</section>',
  ].join('\n');
}

/** The kinds' colour swatches (`k-<kind>` classes) with their labels. */
export function kindLegend(): string {
  return `<ul class="legend">${CALL_SITE_KINDS.map((k) => `<li><span class="swatch k-${k}"></span>${escapeHtml(CALL_SITE_LABELS[k])}</li>`).join('')}</ul>`;
}

export interface ChartRow {
  label: string;
  counts: Partial<Record<CallSiteKind, number>>;
}

/** What differs between the two pages: the bars' full width and the CSS classes of the row label and the total. */
export interface ChartStyle {
  barWidth: number;
  labelClass: string;
  valueClass: string;
}

/** A horizontal stacked bar chart as inline SVG; colours come from `k-<kind>` CSS classes. */
export function barChartSvg(rows: readonly ChartRow[], title: string, style: ChartStyle): string {
  const labelWidth = 260;
  const { barWidth } = style;
  const rowHeight = 24;
  const top = 8;
  const width = labelWidth + barWidth + 60;
  const height = top * 2 + Math.max(rows.length, 1) * rowHeight;
  const max = Math.max(1, ...rows.map((r) => CALL_SITE_KINDS.reduce((n, k) => n + (r.counts[k] ?? 0), 0)));
  const out: string[] = [`<svg class="chart" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title>${escapeHtml(title)}</title>`];
  if (rows.length === 0) out.push(`<text class="${style.labelClass}" x="0" y="${top + 16}">No call sites</text>`);
  rows.forEach((r, i) => {
    const y = top + i * rowHeight;
    const label = r.label.length > 40 ? `…${r.label.slice(-39)}` : r.label;
    out.push(`<text class="${style.labelClass}" x="${labelWidth - 8}" y="${y + 16}" text-anchor="end">${escapeHtml(label)}<title>${escapeHtml(r.label)}</title></text>`);
    let x = labelWidth;
    let total = 0;
    for (const k of CALL_SITE_KINDS) {
      const n = r.counts[k] ?? 0;
      if (n === 0) continue;
      const w = Math.max(1, Math.round((n / max) * barWidth));
      out.push(`<rect class="k-${k}" x="${x}" y="${y + 4}" width="${w}" height="${rowHeight - 8}"><title>${escapeHtml(`${r.label}: ${CALL_SITE_LABELS[k]} ${n}`)}</title></rect>`);
      x += w;
      total += n;
    }
    out.push(`<text class="${style.valueClass}" x="${x + 6}" y="${y + 16}">${total}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}

/** One row per kind, for the chart of call sites by kind. */
export function kindChartRows(byKind: Record<CallSiteKind, number>): ChartRow[] {
  return CALL_SITE_KINDS.map((k) => ({ label: CALL_SITE_LABELS[k], counts: { [k]: byKind[k] } }));
}

/** Folders by number of call sites (then name); beyond `limit`, the rest are summed into one row. */
export function folderChartRows(byFolder: Record<string, KindCounts>, limit = 12): ChartRow[] {
  const entries = Object.entries(byFolder).sort((a, b) => b[1].total - a[1].total || (a[0] < b[0] ? -1 : 1));
  const rows: ChartRow[] = entries.slice(0, limit).map(([folder, counts]) => ({ label: folder, counts }));
  const rest = entries.slice(limit);
  if (rest.length) {
    const counts: Partial<Record<CallSiteKind, number>> = {};
    for (const [, c] of rest) for (const k of CALL_SITE_KINDS) counts[k] = (counts[k] ?? 0) + c[k];
    rows.push({ label: `${rest.length} other folders`, counts });
  }
  return rows;
}
