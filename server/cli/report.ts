// `partner-auth-lint report`: the readiness report as Markdown or as one self-contained HTML file
// (inline CSS, inline SVG charts, no scripts, nothing fetched). The JSON format is the report data itself.
import { createHash } from 'node:crypto';
import { AUDIENCE_LABELS, APP_ONLY_AUDIENCES, barChartSvg, CALL_SITE_KINDS, CALL_SITE_LABELS, CPV_VERDICT_TEXT, escapeHtml, folderChartRows, headlineCards, kindChartRows, kindLegend, plural, summaryLine, type KindCounts } from '../../rules/report/html';
import type { ReadinessReport } from '../../rules/report/readiness';

/** Where a finding's `file:line` link points (relative to the report's own location). */
export type LinkFor = (file: string, line: number) => string;

export interface RenderOptions {
  link?: LinkFor;
}

/** A path as a relative URL: every segment percent-encoded, `/` kept. */
export function pathHref(file: string, line?: number): string {
  const href = file.split('/').map((s) => encodeURIComponent(s)).join('/');
  return line ? `${href}#L${line}` : href;
}

const defaultLink: LinkFor = (file, line) => pathHref(file, line);

export function mfaText(r: ReadinessReport): string {
  const m = r.headline.mfa;
  if (m.percent === null) return 'no user-context sign-ins found';
  return `${m.percent}% (${m.capable} of ${m.total}; ${plural(m.password, 'password sign-in')})`;
}

function appOnlyText(r: ReadinessReport): string {
  const a = r.headline.partnerCenterAppOnly;
  return a.count === 0 ? '0' : `${a.count}: ${CPV_VERDICT_TEXT[a.verdict]}`;
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** Text for a Markdown table cell: pipes escaped, no line breaks, no raw HTML. */
function md(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r\n|\r|\n/g, ' ');
}

function mdLinkText(s: string): string {
  return md(s).replace(/\[/g, '\\[').replace(/\]/g, '\\]');
}

function kindTable(title: string, rows: Record<string, KindCounts>): string[] {
  const names = Object.keys(rows);
  if (names.length === 0) return [];
  const out = ['', `| ${title} | ${CALL_SITE_KINDS.map((k) => CALL_SITE_LABELS[k]).join(' | ')} | Total |`, `|---|${CALL_SITE_KINDS.map(() => '---:|').join('')}---:|`];
  for (const name of names) out.push(`| ${md(name)} | ${CALL_SITE_KINDS.map((k) => rows[name][k]).join(' | ')} | ${rows[name].total} |`);
  return out;
}

export function formatReportMarkdown(r: ReadinessReport, options: RenderOptions = {}): string {
  const link = options.link ?? defaultLink;
  const out: string[] = ['# Partner Auth Lint: workspace readiness report', '', summaryLine(r), ''];
  out.push('## Headline', '', '| Measure | Value |', '|---|---|');
  out.push(`| User-context sign-ins that can satisfy MFA (SAM, interactive vs password) | ${md(mfaText(r))} |`);
  out.push(`| Stored credentials found | ${r.headline.storedCredentials} |`);
  out.push(`| App-only calls to Partner Center | ${md(appOnlyText(r))} |`);
  out.push(`| Global-admin consent sites | ${r.headline.globalAdminConsent} |`);

  out.push('', '## Authentication call sites by kind', '', '| Kind | Call sites |', '|---|---:|');
  for (const k of CALL_SITE_KINDS) out.push(`| ${CALL_SITE_LABELS[k]} | ${r.callSites.byKind[k]} |`);
  out.push(`| **Total** | **${r.callSites.total}** |`);
  out.push('', '| App-only audience | Call sites |', '|---|---:|');
  for (const a of APP_ONLY_AUDIENCES) out.push(`| ${AUDIENCE_LABELS[a]} | ${r.callSites.appOnlyByAudience[a]} |`);

  out.push('', '## Call sites by folder');
  out.push(...(Object.keys(r.callSites.byFolder).length ? kindTable('Folder', r.callSites.byFolder) : ['', 'No authentication call sites found.']));
  if (Object.keys(r.callSites.byLanguage).length) out.push('', '## Call sites by language', ...kindTable('Language', r.callSites.byLanguage));
  if (r.callSites.items.length) {
    out.push('', '## Call sites', '', '| Location | Kind | API | Audience |', '|---|---|---|---|');
    for (const s of r.callSites.items) {
      out.push(`| [${mdLinkText(`${s.file}:${s.line}`)}](${link(s.file, s.line)}) | ${CALL_SITE_LABELS[s.kind]} | ${md(s.api)} | ${s.audience ? AUDIENCE_LABELS[s.audience] : ''} |`);
    }
  }

  out.push('', '## Findings by rule', '', '| Rule | Findings |', '|---|---:|');
  for (const [id, n] of Object.entries(r.findings.byRule)) out.push(`| ${md(id)} | ${n} |`);
  out.push('', '| Severity | Findings |', '|---|---:|');
  for (const [sev, n] of Object.entries(r.findings.bySeverity)) out.push(`| ${sev} | ${n} |`);
  if (Object.keys(r.findings.byFolder).length) {
    out.push('', '| Folder | Findings |', '|---|---:|');
    for (const [folder, n] of Object.entries(r.findings.byFolder)) out.push(`| ${md(folder)} | ${n} |`);
  }
  if (Object.keys(r.findings.byLanguage).length) {
    out.push('', '| Language | Findings |', '|---|---:|');
    for (const [lang, n] of Object.entries(r.findings.byLanguage)) out.push(`| ${md(lang)} | ${n} |`);
  }

  out.push('', '## Findings');
  if (r.findings.items.length === 0) out.push('', 'No findings.');
  else {
    out.push('', '| Location | Severity | Rule | Message |', '|---|---|---|---|');
    for (const f of r.findings.items) out.push(`| [${mdLinkText(`${f.file}:${f.line}`)}](${link(f.file, f.line)}) | ${f.severity} | ${md(f.ruleId)} | ${md(f.message)} |`);
  }
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// HTML (self-contained)

/** The CLI page's charts: wider bars, separate classes for the row label and the total. */
const CHART = { barWidth: 380, labelClass: 'chart-label', valueClass: 'chart-value' };

const STYLE = [
  ':root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#ffffff;--card:#f6f8fa;--border:#d1d9e0;--link:#0969da;',
  '--sam:#2e7d32;--interactive:#1565c0;--injection:#6a1b9a;--app:#b26a00;--password:#c62828}',
  '@media (prefers-color-scheme: dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--card:#161b22;--border:#3d444d;--link:#4493f8;',
  '--sam:#57ab5a;--interactive:#539bf5;--injection:#b083f0;--app:#daaa3f;--password:#f47067}}',
  'body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;padding:24px;max-width:1100px}',
  'h1{font-size:1.6em;margin:0 0 4px}h2{font-size:1.2em;margin:28px 0 8px;border-bottom:1px solid var(--border);padding-bottom:4px}',
  '.meta{color:var(--muted);margin:0}',
  '.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:12px;margin-top:16px}',
  '.card{background:var(--card);border:1px solid var(--border);border-radius:6px;padding:12px}',
  '.figure{font-size:1.8em;font-weight:600}.label{color:var(--muted)}',
  'table{border-collapse:collapse;margin:8px 0;width:100%}th,td{border:1px solid var(--border);padding:4px 8px;text-align:left;vertical-align:top}',
  'td.n,th.n{text-align:right}a{color:var(--link)}code{font-size:0.95em}',
  '.chart{max-width:100%;height:auto}.chart-label,.chart-value{fill:var(--fg);font-size:12px}',
  '.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:14px;margin:4px 0}',
  '.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:6px;vertical-align:-1px}',
  '.k-sam-refresh-token{fill:var(--sam);background:var(--sam)}.k-interactive{fill:var(--interactive);background:var(--interactive)}',
  '.k-token-injection{fill:var(--injection);background:var(--injection)}.k-app-only{fill:var(--app);background:var(--app)}',
  '.k-password{fill:var(--password);background:var(--password)}',
  '.sev-error{color:var(--password)}.sev-warning{color:var(--app)}',
].join('\n');

function countTable(head: string, rows: [string, number][]): string {
  return `<table><thead><tr><th>${escapeHtml(head)}</th><th class="n">Findings</th></tr></thead><tbody>${rows.map(([k, n]) => `<tr><td>${escapeHtml(k)}</td><td class="n">${n}</td></tr>`).join('')}</tbody></table>`;
}

export function formatReportHtml(r: ReadinessReport, options: RenderOptions = {}): string {
  const link = options.link ?? defaultLink;
  const cspHash = createHash('sha256').update(STYLE).digest('base64');
  const body: string[] = [];
  body.push(`<header><h1>Partner Auth Lint: workspace readiness report</h1><p class="meta">${escapeHtml(summaryLine(r))}</p></header>`);
  body.push(headlineCards(r.headline));

  body.push('<section><h2>Authentication call sites by kind</h2>');
  body.push(barChartSvg(kindChartRows(r.callSites.byKind), 'Authentication call sites by kind', CHART));
  body.push(`<table><thead><tr><th>App-only audience</th><th class="n">Call sites</th></tr></thead><tbody>${APP_ONLY_AUDIENCES.map((a) => `<tr><td>${escapeHtml(AUDIENCE_LABELS[a])}</td><td class="n">${r.callSites.appOnlyByAudience[a]}</td></tr>`).join('')}</tbody></table>`);
  body.push('</section>');

  body.push('<section><h2>Authentication call sites by folder</h2>');
  body.push(kindLegend());
  body.push(barChartSvg(folderChartRows(r.callSites.byFolder), 'Authentication call sites by folder', CHART));
  const folders = Object.entries(r.callSites.byFolder);
  if (folders.length) {
    body.push(`<table><thead><tr><th>Folder</th>${CALL_SITE_KINDS.map((k) => `<th class="n">${escapeHtml(CALL_SITE_LABELS[k])}</th>`).join('')}<th class="n">Total</th></tr></thead><tbody>`);
    for (const [folder, c] of folders) body.push(`<tr><td>${escapeHtml(folder)}</td>${CALL_SITE_KINDS.map((k) => `<td class="n">${c[k]}</td>`).join('')}<td class="n">${c.total}</td></tr>`);
    body.push('</tbody></table>');
  }
  body.push('</section>');

  if (r.callSites.items.length) {
    body.push('<section><h2>Call sites</h2><table><thead><tr><th>Location</th><th>Kind</th><th>API</th><th>Audience</th></tr></thead><tbody>');
    for (const s of r.callSites.items) {
      body.push(`<tr><td><a href="${escapeHtml(link(s.file, s.line))}">${escapeHtml(`${s.file}:${s.line}`)}</a></td><td><span class="swatch k-${s.kind}"></span>${escapeHtml(CALL_SITE_LABELS[s.kind])}</td><td><code>${escapeHtml(s.api)}</code></td><td>${s.audience ? escapeHtml(AUDIENCE_LABELS[s.audience]) : ''}</td></tr>`);
    }
    body.push('</tbody></table></section>');
  }

  body.push('<section><h2>Findings by rule, severity and folder</h2>');
  body.push(countTable('Rule', Object.entries(r.findings.byRule)));
  body.push(countTable('Severity', Object.entries(r.findings.bySeverity)));
  if (Object.keys(r.findings.byFolder).length) body.push(countTable('Folder', Object.entries(r.findings.byFolder)));
  if (Object.keys(r.findings.byLanguage).length) body.push(countTable('Language', Object.entries(r.findings.byLanguage)));
  body.push('</section>');

  body.push('<section><h2>Findings</h2>');
  if (r.findings.items.length === 0) body.push('<p>No findings.</p>');
  else {
    body.push('<table><thead><tr><th>Location</th><th>Severity</th><th>Rule</th><th>Message</th></tr></thead><tbody>');
    for (const f of r.findings.items) {
      body.push(`<tr><td><a href="${escapeHtml(link(f.file, f.line))}">${escapeHtml(`${f.file}:${f.line}`)}</a></td><td class="sev-${f.severity}">${f.severity}</td><td>${escapeHtml(f.ruleId)}</td><td>${escapeHtml(f.message)}</td></tr>`);
    }
    body.push('</tbody></table>');
  }
  body.push('</section>');

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8"/>',
    '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
    // Nothing may be fetched: no scripts, images, fonts or frames; only this page's own style block.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-${cspHash}'"/>`,
    '<title>Partner Auth Lint: readiness report</title>',
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
