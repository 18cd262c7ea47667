// The readiness report webview's HTML: theme colours (`--vscode-*` variables), a strict content security
// policy (nothing loaded; the one style block and the one script carry the nonce), headline figures, inline
// SVG charts of call sites by kind and by folder, and tables whose rows ask the extension to open the
// location. Pure: no `vscode` import, so it is tested without an editor.
import type { ReadinessReportData, ReportAudience, ReportCallSiteKind, ReportKindCounts } from '../../server/lsp/protocol';

export const KINDS: readonly ReportCallSiteKind[] = ['sam-refresh-token', 'interactive', 'token-injection', 'app-only', 'password'];
export const KIND_LABELS: Record<ReportCallSiteKind, string> = {
  'sam-refresh-token': 'SAM refresh-token exchange',
  interactive: 'Interactive / device code / auth code',
  'token-injection': 'Token injection',
  'app-only': 'App-only',
  password: 'Password (ROPC)',
};
const AUDIENCE_LABELS: Record<ReportAudience, string> = {
  'partner-center': 'Partner Center',
  graph: 'Microsoft Graph',
  arm: 'Azure Resource Manager',
  exchange: 'Exchange Online',
  other: 'other / not named',
};
const VERDICT: Record<ReadinessReportData['headline']['partnerCenterAppOnly']['verdict'], string> = {
  'not-allowed': 'not allowed: a Control Panel Vendor must use the app + user (SAM) flow',
  allowed: 'allowed: a CSP partner may use its own app-only tokens',
  check: 'to check: not allowed for a Control Panel Vendor (set partnerType)',
};

/** What the webview posts back. */
export type ViewMessage = { type: 'open'; list: 'findings' | 'sites'; index: number } | { type: 'refresh' };

export function isViewMessage(m: unknown): m is ViewMessage {
  if (typeof m !== 'object' || m === null) return false;
  const o = m as Record<string, unknown>;
  if (o.type === 'refresh') return true;
  return o.type === 'open' && (o.list === 'findings' || o.list === 'sites') && typeof o.index === 'number' && Number.isInteger(o.index) && o.index >= 0;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

interface Row {
  label: string;
  counts: Partial<Record<ReportCallSiteKind, number>>;
}

/** Horizontal stacked bars as inline SVG; bar colours come from the `k-<kind>` classes. */
function chart(rows: readonly Row[], title: string): string {
  const labelWidth = 260;
  const barWidth = 360;
  const rowHeight = 24;
  const width = labelWidth + barWidth + 60;
  const height = 16 + Math.max(rows.length, 1) * rowHeight;
  const max = Math.max(1, ...rows.map((r) => KINDS.reduce((n, k) => n + (r.counts[k] ?? 0), 0)));
  const out = [`<svg class="chart" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title>${escapeHtml(title)}</title>`];
  if (rows.length === 0) out.push('<text class="chart-text" x="0" y="24">No call sites</text>');
  rows.forEach((r, i) => {
    const y = 8 + i * rowHeight;
    const label = r.label.length > 40 ? `…${r.label.slice(-39)}` : r.label;
    out.push(`<text class="chart-text" x="${labelWidth - 8}" y="${y + 16}" text-anchor="end">${escapeHtml(label)}<title>${escapeHtml(r.label)}</title></text>`);
    let x = labelWidth;
    let total = 0;
    for (const k of KINDS) {
      const n = r.counts[k] ?? 0;
      if (!n) continue;
      const w = Math.max(1, Math.round((n / max) * barWidth));
      out.push(`<rect class="k-${k}" x="${x}" y="${y + 4}" width="${w}" height="${rowHeight - 8}"><title>${escapeHtml(`${r.label}: ${KIND_LABELS[k]} ${n}`)}</title></rect>`);
      x += w;
      total += n;
    }
    out.push(`<text class="chart-text" x="${x + 6}" y="${y + 16}">${total}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}

function folderRows(byFolder: Record<string, ReportKindCounts>, limit = 12): Row[] {
  const entries = Object.entries(byFolder).sort((a, b) => b[1].total - a[1].total || (a[0] < b[0] ? -1 : 1));
  const rows: Row[] = entries.slice(0, limit).map(([label, counts]) => ({ label, counts }));
  const rest = entries.slice(limit);
  if (rest.length) {
    const counts: Partial<Record<ReportCallSiteKind, number>> = {};
    for (const [, c] of rest) for (const k of KINDS) counts[k] = (counts[k] ?? 0) + c[k];
    rows.push({ label: `${rest.length} other folders`, counts });
  }
  return rows;
}

const STYLE = `
body{font-family:var(--vscode-font-family);font-size:var(--vscode-font-size);color:var(--vscode-foreground);background:var(--vscode-editor-background);padding:0 20px 24px}
h1{font-size:1.5em;margin:16px 0 4px}h2{font-size:1.15em;margin:24px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--vscode-panel-border)}
.meta{color:var(--vscode-descriptionForeground);margin:0}
.bar{display:flex;align-items:center;gap:12px;justify-content:space-between}
button{color:var(--vscode-button-foreground);background:var(--vscode-button-background);border:none;padding:4px 12px;cursor:pointer;font:inherit}
button:hover{background:var(--vscode-button-hoverBackground)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:10px;margin-top:14px}
.card{background:var(--vscode-editorWidget-background);border:1px solid var(--vscode-panel-border);padding:10px}
.figure{font-size:1.7em;font-weight:600}.label{color:var(--vscode-descriptionForeground)}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{text-align:left;padding:3px 8px;border-bottom:1px solid var(--vscode-panel-border);vertical-align:top}
td.n,th.n{text-align:right}
tr.loc{cursor:pointer}tr.loc:hover{background:var(--vscode-list-hoverBackground)}tr.loc:focus{outline:1px solid var(--vscode-focusBorder);outline-offset:-1px}
.path{color:var(--vscode-textLink-foreground);white-space:nowrap}
.chart{max-width:100%;height:auto}.chart-text{fill:var(--vscode-foreground);font-size:12px}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:14px;margin:4px 0}
.swatch{display:inline-block;width:11px;height:11px;margin-right:6px;vertical-align:-1px}
.k-sam-refresh-token{fill:var(--vscode-charts-green);background:var(--vscode-charts-green)}
.k-interactive{fill:var(--vscode-charts-blue);background:var(--vscode-charts-blue)}
.k-token-injection{fill:var(--vscode-charts-purple);background:var(--vscode-charts-purple)}
.k-app-only{fill:var(--vscode-charts-orange);background:var(--vscode-charts-orange)}
.k-password{fill:var(--vscode-charts-red);background:var(--vscode-charts-red)}
.sev-error{color:var(--vscode-errorForeground)}.sev-warning{color:var(--vscode-editorWarning-foreground)}.sev-info{color:var(--vscode-editorInfo-foreground)}
`;

// Rows post their list and index; the extension looks the location up in the report it holds.
const SCRIPT = `
const vscode = acquireVsCodeApi();
for (const row of document.querySelectorAll('tr[data-index]')) {
  const open = () => vscode.postMessage({ type: 'open', list: row.dataset.list, index: Number(row.dataset.index) });
  row.addEventListener('click', open);
  row.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } });
}
document.getElementById('refresh').addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
`;

function card(figure: string, label: string): string {
  return `<div class="card"><div class="figure">${escapeHtml(figure)}</div><div class="label">${escapeHtml(label)}</div></div>`;
}

export function renderReportView(r: ReadinessReportData, nonce: string): string {
  const m = r.headline.mfa;
  const pc = r.headline.partnerCenterAppOnly;
  const body: string[] = [];
  body.push(`<div class="bar"><div><h1>Readiness report</h1><p class="meta">${escapeHtml(`Partner type: ${r.partnerType} · ${plural(r.files, 'file')} analysed · ${plural(r.callSites.total, 'authentication call site')} · ${plural(r.findings.total, 'finding')}`)}</p></div><button id="refresh" type="button">Refresh</button></div>`);
  body.push('<section class="cards" aria-label="Headline figures">');
  body.push(card(m.percent === null ? 'n/a' : `${m.percent}%`, `of user-context sign-ins can satisfy MFA (${m.capable} of ${m.total}; ${plural(m.password, 'password sign-in')})`));
  body.push(card(String(r.headline.storedCredentials), 'stored credentials found'));
  body.push(card(String(pc.count), `app-only calls to Partner Center${pc.count ? `: ${VERDICT[pc.verdict]}` : ''}`));
  body.push(card(String(r.headline.globalAdminConsent), 'global-admin consent sites'));
  body.push('</section>');

  body.push('<h2>Call sites by kind</h2>');
  body.push(chart(KINDS.map((k) => ({ label: KIND_LABELS[k], counts: { [k]: r.callSites.byKind[k] } })), 'Authentication call sites by kind'));
  const audiences = (Object.keys(AUDIENCE_LABELS) as ReportAudience[]).filter((a) => r.callSites.appOnlyByAudience[a] > 0);
  if (audiences.length) body.push(`<p class="meta">App-only by audience: ${audiences.map((a) => escapeHtml(`${AUDIENCE_LABELS[a]} ${r.callSites.appOnlyByAudience[a]}`)).join(' · ')}</p>`);
  body.push('<h2>Call sites by folder</h2>');
  body.push(`<ul class="legend">${KINDS.map((k) => `<li><span class="swatch k-${k}"></span>${escapeHtml(KIND_LABELS[k])}</li>`).join('')}</ul>`);
  body.push(chart(folderRows(r.callSites.byFolder), 'Authentication call sites by folder'));

  body.push(`<h2>Findings (${r.findings.total})</h2>`);
  if (r.findings.items.length === 0) body.push('<p>No findings.</p>');
  else {
    body.push('<table><thead><tr><th>Location</th><th>Severity</th><th>Rule</th><th>Message</th></tr></thead><tbody>');
    r.findings.items.forEach((f, i) => {
      body.push(`<tr class="loc" tabindex="0" data-list="findings" data-index="${i}"><td class="path">${escapeHtml(`${f.file}:${f.line}`)}</td><td class="sev-${f.severity}">${f.severity}</td><td>${escapeHtml(f.ruleId)}</td><td>${escapeHtml(f.message)}</td></tr>`);
    });
    body.push('</tbody></table>');
  }
  body.push(`<h2>Findings by rule</h2><table><thead><tr><th>Rule</th><th class="n">Findings</th></tr></thead><tbody>${Object.entries(r.findings.byRule).map(([id, n]) => `<tr><td>${escapeHtml(id)}</td><td class="n">${n}</td></tr>`).join('')}</tbody></table>`);

  if (r.callSites.items.length) {
    body.push(`<h2>Call sites (${r.callSites.total})</h2><table><thead><tr><th>Location</th><th>Kind</th><th>API</th><th>Audience</th></tr></thead><tbody>`);
    r.callSites.items.forEach((s, i) => {
      body.push(`<tr class="loc" tabindex="0" data-list="sites" data-index="${i}"><td class="path">${escapeHtml(`${s.file}:${s.line}`)}</td><td><span class="swatch k-${s.kind}"></span>${escapeHtml(KIND_LABELS[s.kind])}</td><td>${escapeHtml(s.api)}</td><td>${s.audience ? escapeHtml(AUDIENCE_LABELS[s.audience]) : ''}</td></tr>`);
    });
    body.push('</tbody></table>');
  }

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8"/>',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';"/>`,
    '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
    '<title>Readiness report</title>',
    `<style nonce="${nonce}">${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    `<script nonce="${nonce}">${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
