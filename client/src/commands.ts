// Palette commands under "Partner Auth Lint": Restart Server, Show Output, Open Rule Documentation, Decode Token,
// Verify Token Signature with JWKS File… (those two in tokenReport.ts), Scan Workspace (scanCommand.ts),
// Show Readiness Report (readinessReport.ts).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands, RulesRequest, type RuleInfo } from '../../server/lsp/protocol';
import { registerTokenCommands } from './tokenReport';
import { registerScanCommand } from './scanCommand';
import { registerReportCommand } from './readinessReport';

export interface CommandDeps {
  output: vscode.OutputChannel;
  restart(): Promise<void>;
  client(): LanguageClient | undefined;
}

export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.restartServer, () => deps.restart()),
    vscode.commands.registerCommand(Commands.showOutput, () => deps.output.show(true)),
    vscode.commands.registerCommand(Commands.openRuleDocs, (ruleId?: string, url?: string) => openRuleDocs(context, deps, ruleId, url)),
  );
  registerTokenCommands(context, deps.output, deps.client);
  registerScanCommand(context, deps.output, deps.client);
  registerReportCommand(context, deps.output, deps.client);
}

/** From a code action (rule id + URL) or the palette (pick a rule from the server's catalog). */
async function openRuleDocs(context: vscode.ExtensionContext, deps: CommandDeps, ruleId?: string, url?: string): Promise<void> {
  if (!url) {
    const rules = (await deps.client()?.sendRequest<RuleInfo[]>(RulesRequest).catch(() => undefined)) ?? [];
    const pick = ruleId ? rules.find((r) => r.id === ruleId) : await vscode.window.showQuickPick(rules.map((r) => ({ label: r.id, description: r.title, rule: r })), { placeHolder: 'Open the documentation of a rule' }).then((p) => p?.rule);
    if (!pick) return;
    url = pick.url;
  }
  const opened = await vscode.env.openExternal(vscode.Uri.parse(url));
  // Offline or blocked: fall back to the README bundled with the extension.
  if (!opened) await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(context.extensionUri, 'README.md'));
}
