// The readiness report over LSP (`partnerAuthLint/readinessReport`): the same data as the CLI for the same
// workspace, open documents read from the editor, and the webview the extension renders from it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SaxesParser } from 'saxes';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { main } from '../../server/cli/main';
import { ReadinessReportRequest, type ReadinessReportResult } from '../../server/lsp/protocol';
import { isViewMessage, renderReportView } from '../../client/src/reportView';
import { WORKSPACE } from '../report/workspace';
import { useServer } from './build';

async function cliReport(cwd: string): Promise<unknown> {
  let stdout = '';
  const code = await main(['report', '--format', 'json'], { cwd, stdout: (s) => (stdout += s), stderr: () => undefined, stdin: async () => '', isTTY: false });
  assert.equal(code, 0);
  return JSON.parse(stdout);
}

describe('LSP: readiness report', function () {
  this.timeout(120000);
  const s = useServer();
  const request = () => s.client.connection.sendRequest<ReadinessReportResult>(ReadinessReportRequest, {});

  before(() => {
    for (const [name, text] of Object.entries(WORKSPACE)) {
      fs.mkdirSync(path.dirname(path.join(s.ws, name)), { recursive: true });
      fs.writeFileSync(path.join(s.ws, name), text);
    }
  });

  it('returns the same report as `partner-auth-lint report --format json` run in the folder', async () => {
    const result = await request();
    assert.deepEqual(result.report, await cliReport(s.ws));
    assert.equal(result.report.callSites.total, 21);
    assert.equal(result.report.headline.mfa.percent, 66.7);
    // Every file of the report maps to its document.
    for (const f of [...result.report.findings.items, ...result.report.callSites.items]) assert.equal(result.files[f.file], s.uri(f.file));
  });

  it('reads open documents from the editor, not from disk', async () => {
    const uri = s.uri('scripts/legacy.ps1');
    const edited = WORKSPACE['scripts/legacy.ps1'].replace('Connect-AzureAD -Credential $cred\n', 'Connect-AzureAD\n');
    s.client.open(uri, 'powershell', edited);
    try {
      const result = await request();
      assert.equal(result.report.headline.mfa.password, 3);
      assert.equal(result.report.headline.mfa.capable, 9);
      assert.ok(result.report.callSites.items.some((x) => x.file === 'scripts/legacy.ps1' && x.line === 4 && x.kind === 'interactive' && x.api === 'Connect-AzureAD'));
    } finally {
      s.client.close(uri);
    }
    assert.equal((await request()).report.headline.mfa.password, 4);
  });

  it('stops when the request is cancelled', async () => {
    const source = new CancellationTokenSource();
    const pending = s.client.connection.sendRequest<ReadinessReportResult>(ReadinessReportRequest, {}, source.token);
    source.cancel();
    await assert.rejects(pending, (e: { code?: number }) => e.code === -32800);
    assert.equal((await request()).report.callSites.total, 21, 'the server still answers');
  });

  it('renders a themed webview with a strict CSP, the charts and a row per finding that opens its location', async () => {
    const { report } = await request();
    const nonce = 'bm9uY2Vub25jZW5vbmNl';
    const html = renderReportView(report, nonce);
    assert.ok(html.startsWith('<!DOCTYPE html>\n'));
    const tags: { name: string; attributes: Record<string, string> }[] = [];
    const parser = new SaxesParser();
    parser.on('error', (e) => {
      throw e;
    });
    parser.on('opentag', (t) => tags.push({ name: t.name, attributes: t.attributes as Record<string, string> }));
    parser.write(html.slice('<!DOCTYPE html>\n'.length)).close();
    const csp = tags.find((t) => t.attributes['http-equiv'] === 'Content-Security-Policy')?.attributes.content;
    assert.equal(csp, `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`);
    for (const t of tags.filter((x) => x.name === 'script' || x.name === 'style')) assert.equal(t.attributes.nonce, nonce, `${t.name} carries the nonce`);
    assert.ok(!tags.some((t) => t.attributes.src !== undefined || t.attributes.href !== undefined), 'nothing loaded, no links');
    assert.ok(!/https?:\/\//.test(html.replace(/<td>[^<]*<\/td>/g, '')), 'no URL outside finding messages');
    assert.match(html, /var\(--vscode-charts-green\)/);
    assert.match(html, /var\(--vscode-foreground\)/);
    assert.equal(tags.filter((t) => t.name === 'svg').length, 2);
    const rows = tags.filter((t) => t.name === 'tr' && t.attributes['data-list'] === 'findings');
    assert.deepEqual(rows.map((r) => Number(r.attributes['data-index'])), report.findings.items.map((_, i) => i));
    assert.equal(tags.filter((t) => t.name === 'tr' && t.attributes['data-list'] === 'sites').length, 21);
    assert.match(html, /66\.7%/);
  });

  it('accepts only well-formed messages from the webview', () => {
    assert.ok(isViewMessage({ type: 'open', list: 'findings', index: 3 }));
    assert.ok(isViewMessage({ type: 'refresh' }));
    for (const bad of [null, 'open', { type: 'open', list: 'files', index: 0 }, { type: 'open', list: 'findings', index: -1 }, { type: 'open', list: 'sites', index: 1.5 }, { type: 'run' }]) {
      assert.ok(!isViewMessage(bad), JSON.stringify(bad));
    }
  });
});
