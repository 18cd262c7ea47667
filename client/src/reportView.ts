// The readiness report webview's HTML: theme colours (`--vscode-*` variables), a strict content security
// policy (nothing loaded; the one style block and the one script carry the nonce), headline figures, inline
// SVG charts of call sites by kind and by folder, and tables whose rows ask the extension to open the
// location. Pure: no `vscode` import, so it is tested without an editor.
import type { ReadinessReportData, ReportAudience } from '../../server/lsp/protocol';
import { AUDIENCE_LABELS, barChartSvg, CALL_SITE_LABELS, escapeHtml, folderChartRows, headlineCards, kindChartRows, kindLegend, summaryLine } from '../../rules/report/html';

/** What the webview posts back. */
export type ViewMessage = { type: 'open'; list: 'findings' | 'sites'; index: number } | { type: 'refresh' };

export function isViewMessage(m: unknown): m is ViewMessage {
  if (typeof m !== 'object' || m === null) return false;
  const o = m as Record<string, unknown>;
  if (o.type === 'refresh') return true;
  return o.type === 'open' && (o.list === 'findings' || o.list === 'sites') && typeof o.index === 'number' && Number.isInteger(o.index) && o.index >= 0;
}

/** The webview's charts: one text class for labels and totals (theme foreground). */
const CHART = { barWidth: 360, labelClass: 'chart-text', valueClass: 'chart-text' };

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

export function renderReportView(r: ReadinessReportData, nonce: string): string {
  const body: string[] = [];
  body.push(`<div class="bar"><div><h1>Readiness report</h1><p class="meta">${escapeHtml(summaryLine(r))}</p></div><button id="refresh" type="button">Refresh</button></div>`);
  body.push(headlineCards(r.headline));

  body.push('<h2>Call sites by kind</h2>');
  body.push(barChartSvg(kindChartRows(r.callSites.byKind), 'Authentication call sites by kind', CHART));
  const audiences = (Object.keys(AUDIENCE_LABELS) as ReportAudience[]).filter((a) => r.callSites.appOnlyByAudience[a] > 0);
  if (audiences.length) body.push(`<p class="meta">App-only by audience: ${audiences.map((a) => escapeHtml(`${AUDIENCE_LABELS[a]} ${r.callSites.appOnlyByAudience[a]}`)).join(' · ')}</p>`);
  body.push('<h2>Call sites by folder</h2>');
  body.push(kindLegend());
  body.push(barChartSvg(folderChartRows(r.callSites.byFolder), 'Authentication call sites by folder', CHART));

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
      body.push(`<tr class="loc" tabindex="0" data-list="sites" data-index="${i}"><td class="path">${escapeHtml(`${s.file}:${s.line}`)}</td><td><span class="swatch k-${s.kind}"></span>${escapeHtml(CALL_SITE_LABELS[s.kind])}</td><td>${escapeHtml(s.api)}</td><td>${s.audience ? escapeHtml(AUDIENCE_LABELS[s.audience]) : ''}</td></tr>`);
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
