// "Partner Auth Lint: Scan Workspace": asks the server to scan every workspace folder. The server shows the
// progress (work-done progress: files done / total, cancellable from the notification) and publishes the
// closed files' findings to the Problems view; the summary goes to the output channel and a notification.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands, ScanWorkspaceRequest, type ScanSummary } from '../../server/lsp/protocol';

const plural = (n: number, what: string) => `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;

/** One line: "Scanned 2,998 of 3,000 files (cancelled): 4 findings, 2 baselined (not shown)." */
export function summaryLine(r: ScanSummary): string {
  const files = r.cancelled ? `${r.done.toLocaleString('en-US')} of ${plural(r.files, 'file')} (cancelled)` : plural(r.files, 'file');
  return `Partner Auth Lint: scanned ${files}: ${plural(r.findings, 'finding')}${r.baselined ? `, ${r.baselined.toLocaleString('en-US')} baselined (not shown)` : ''}.`;
}

export function registerScanCommand(context: vscode.ExtensionContext, output: vscode.OutputChannel, client: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    // Resolves with the summary when the scan ends (the notification does not wait for a click).
    vscode.commands.registerCommand(Commands.scanWorkspace, async (): Promise<ScanSummary | undefined> => {
      const c = client();
      if (!c?.isRunning()) {
        void vscode.window.showWarningMessage('Partner Auth Lint: the language server is not running (run "Partner Auth Lint: Restart Server").');
        return;
      }
      let r: ScanSummary;
      try {
        r = await c.sendRequest<ScanSummary>(ScanWorkspaceRequest);
      } catch (e) {
        output.appendLine(`Partner Auth Lint: the workspace scan failed: ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
      const line = summaryLine(r);
      output.appendLine(line);
      const show = 'Show Problems';
      void vscode.window.showInformationMessage(line, show).then((pick) => (pick === show ? vscode.commands.executeCommand(Commands.showProblems) : undefined));
      return r;
    }),
  );
}
