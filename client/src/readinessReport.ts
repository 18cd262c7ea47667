// "Partner Auth Lint: Show Readiness Report": asks the server for the workspace readiness report and shows
// it in a webview (one panel, refreshed in place). Rows of its tables open their location in an editor.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands, ReadinessReportRequest, type ReadinessReportResult } from '../../server/lsp/protocol';
import { isViewMessage, renderReportView, type ViewMessage } from './reportView';

export function registerReportCommand(context: vscode.ExtensionContext, output: vscode.OutputChannel, client: () => LanguageClient | undefined): void {
  let panel: vscode.WebviewPanel | undefined;
  let current: ReadinessReportResult | undefined;

  const load = async (): Promise<void> => {
    const c = client();
    if (!c?.isRunning()) {
      void vscode.window.showWarningMessage('Partner Auth Lint: the language server is not running (run "Partner Auth Lint: Restart Server").');
      return;
    }
    let result: ReadinessReportResult | null;
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Partner Auth Lint: building the readiness report…', cancellable: true },
        (_progress, token) => c.sendRequest<ReadinessReportResult | null>(ReadinessReportRequest, {}, token),
      );
    } catch (e) {
      output.appendLine(`Partner Auth Lint: the readiness report failed: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (!result) {
      void vscode.window.showErrorMessage('Partner Auth Lint: the readiness report could not be built (see "Partner Auth Lint: Show Output").');
      return;
    }
    current = result;
    if (panel) panel.webview.html = renderReportView(result.report, randomBytes(16).toString('base64'));
  };

  const open = async (m: ViewMessage): Promise<void> => {
    if (m.type === 'refresh') return load();
    const item = m.list === 'findings' ? current?.report.findings.items[m.index] : current?.report.callSites.items[m.index];
    const uri = item ? current?.files[item.file] : undefined;
    if (!item || !uri) return;
    const range = new vscode.Range(item.line - 1, item.column - 1, item.endLine - 1, item.endColumn - 1);
    await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: range, viewColumn: vscode.ViewColumn.Beside, preview: false });
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showReadinessReport, async () => {
      if (panel) panel.reveal();
      else {
        panel = vscode.window.createWebviewPanel('partnerAuthLint.readinessReport', 'Readiness Report', vscode.ViewColumn.Active, {
          enableScripts: true,
          localResourceRoots: [], // the page loads nothing
        });
        panel.webview.html = '<!DOCTYPE html><html lang="en"><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'"/></head><body><p>Building the readiness report…</p></body></html>';
        panel.onDidDispose(() => (panel = undefined), undefined, context.subscriptions);
        panel.webview.onDidReceiveMessage((m: unknown) => {
          if (isViewMessage(m)) void open(m).catch((e: unknown) => output.appendLine(`Partner Auth Lint: cannot open the location: ${e instanceof Error ? e.message : String(e)}`));
        }, undefined, context.subscriptions);
      }
      await load();
    }),
  );
}
