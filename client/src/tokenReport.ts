// Editor wiring of "Decode Token" / "Verify Token Signature with JWKS File…": inputs from the selection, the
// clipboard or a password box; the report as rendered Markdown of a virtual (read-only, in-memory) document.
import * as vscode from 'vscode';
import { Trace, type LanguageClient } from 'vscode-languageclient/node';
import { Commands, DecodeTokenRequest, SETTINGS_SECTION, type DecodeTokenParams, type DecodeTokenResult, type TokenLinkArgs } from '../../server/lsp/protocol';
import { runTokenCommand, traceShowsParams, type CommandDeps, type Mode } from './tokenCommand';

/** Virtual documents of token reports: never on disk, kept in memory for the session (the last 20). */
export const REPORT_SCHEME = 'partner-auth-lint-token';
const KEEP = 20;
const MAX_JWKS_BYTES = 1_000_000;

class ReportProvider implements vscode.TextDocumentContentProvider {
  private readonly reports = new Map<string, string>();
  private count = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.reports.get(uri.toString()) ?? '_This token report is no longer kept in memory: decode the token again._\n';
  }

  add(markdown: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/Token report ${++this.count}.md` });
    this.reports.set(uri.toString(), markdown);
    while (this.reports.size > KEEP) this.reports.delete(this.reports.keys().next().value as string);
    return uri;
  }
}

async function showReport(provider: ReportProvider, markdown: string): Promise<void> {
  const uri = provider.add(markdown);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    // The built-in Markdown extension is disabled: show the Markdown source, read-only all the same.
    const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'markdown');
    await vscode.window.showTextDocument(doc, { preview: false });
  }
}

/** Send the request; a token sent as text is kept out of a verbose protocol trace (which logs parameters). */
async function request(client: LanguageClient | undefined, params: DecodeTokenParams): Promise<DecodeTokenResult | undefined> {
  if (!client || !client.isRunning()) return undefined;
  const setting = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>('trace.server');
  const quiet = typeof params.text === 'string' && traceShowsParams(setting);
  if (quiet) await client.setTrace(Trace.Messages);
  try {
    return (await client.sendRequest<DecodeTokenResult | null>(DecodeTokenRequest, params)) ?? undefined;
  } finally {
    if (quiet) await client.setTrace(Trace.fromString(typeof setting === 'string' ? setting : String((setting as { verbosity?: string }).verbosity))).catch(() => undefined);
  }
}

async function pickJwks(): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false, canSelectFiles: true, canSelectFolders: false, openLabel: 'Verify with this JWKS',
    title: 'Verify Signature with JWKS File…', filters: { 'JSON Web Key Set': ['json', 'jwks'], 'All files': ['*'] },
  });
  if (!picked?.[0]) return undefined;
  const stat = await vscode.workspace.fs.stat(picked[0]);
  if (stat.size > MAX_JWKS_BYTES) {
    void vscode.window.showErrorMessage('Partner Auth Lint: the JWKS file is larger than 1 MB; choose the key set (a JSON object with a "keys" array).');
    return undefined;
  }
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(picked[0]));
}

export function registerTokenCommands(context: vscode.ExtensionContext, output: vscode.OutputChannel, client: () => LanguageClient | undefined): void {
  const provider = new ReportProvider();
  const deps: CommandDeps = {
    selection: () => {
      const editor = vscode.window.activeTextEditor;
      return editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : undefined;
    },
    clipboard: () => vscode.env.clipboard.readText(),
    inputBox: () =>
      vscode.window.showInputBox({
        title: 'Partner Auth Lint: Decode Token', password: true, ignoreFocusOut: true,
        prompt: 'Paste a JWT (or a Bearer / Authorization header, a token response) or a SAML assertion. It is decoded offline.',
      }),
    request: (params) => request(client(), params),
    show: (markdown) => showReport(provider, markdown),
    log: (line) => output.appendLine(line),
    notify: (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
    error: (message) => void vscode.window.showErrorMessage(message),
    pickJwks,
  };
  const run = (mode: Mode) => (link?: TokenLinkArgs) => runTokenCommand(deps, mode, link);
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, provider),
    vscode.commands.registerCommand(Commands.decodeToken, run('decode')),
    vscode.commands.registerCommand(Commands.verifyTokenSignature, run('verify')),
  );
}
