// The VS Code extension: starts the language server (IPC), registers commands, the status bar item and trust handling.
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type DocumentSelector, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { BaselinedNotification, Commands, SETTINGS_SECTION, StatusNotification, type BaselinedParams, type InitializationOptions, type StatusParams } from '../../server/lsp/protocol';
import { registerCommands } from './commands';
import { StatusBar } from './statusBar';

/** The languages and file names the engine reads; generic ids (plaintext, ini, xml) are narrowed by pattern. */
export const DOCUMENT_SELECTOR: DocumentSelector = [
  ...['powershell', 'csharp', 'python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'java', 'json', 'jsonc', 'yaml', 'dotenv', 'properties', 'azure-pipelines', 'github-actions-workflow'].map((language) => ({ scheme: 'file', language })),
  { scheme: 'file', pattern: '**/{.env,.env.*,*.env}' },
  { scheme: 'file', pattern: '**/*.{config,csproj,vbproj,fsproj,props,targets,xml,nuspec}' },
  { scheme: 'file', pattern: '**/*.{properties,ini,cfg,toml}' },
  { scheme: 'file', pattern: '**/requirements*.txt' },
];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Partner Auth Lint', { log: true });
  const status = new StatusBar();
  context.subscriptions.push(output, status);

  const start = async (): Promise<void> => {
    client = createClient(context, output);
    context.subscriptions.push(client.onDidChangeState((e) => status.setState(e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped')));
    context.subscriptions.push(client.onNotification(StatusNotification, (p: StatusParams) => status.setProblem(p)));
    context.subscriptions.push(client.onNotification(BaselinedNotification, (p: BaselinedParams) => status.setBaselined(p.count)));
    try {
      await client.start();
    } catch (e) {
      status.setState('stopped');
      output.appendLine(`Partner Auth Lint: the server did not start: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const restart = async (): Promise<void> => {
    const old = client;
    client = undefined;
    status.setProblem({ state: 'ok' });
    status.setBaselined(0);
    if (old) await old.stop().catch(() => undefined);
    await start();
  };

  registerCommands(context, { output, restart, client: () => client });
  // Trust granted later: restart so the server reads the repository configuration in full.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()));
  context.subscriptions.push(vscode.languages.onDidChangeDiagnostics(() => status.setCount(countFindings())));
  context.subscriptions.push(vscode.commands.registerCommand(Commands.showProblems, showProblems));
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const initializationOptions: InitializationOptions = { trusted: vscode.workspace.isTrusted };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    initializationOptions,
    // Token hovers link to the "Decode Token" command; no other command may run from server Markdown.
    markdown: { isTrusted: { enabledCommands: [Commands.decodeToken] } },
    // Tells the server when our settings change; it then pulls them per resource.
    synchronize: { configurationSection: SETTINGS_SECTION },
  };
  return new LanguageClient('partnerAuthLint', 'Partner Auth Lint', serverOptions, clientOptions);
}

function countFindings(): number {
  let n = 0;
  for (const [, list] of vscode.languages.getDiagnostics()) n += list.filter((d) => d.source === 'partner-auth-lint' && d.code !== undefined).length;
  return n;
}

/**
 * Open the Problems view and put the cursor in its filter box. VS Code (up to 1.139 at least) has no
 * command that sets the filter text, so the user types `partner-auth-lint` there if other sources are noisy.
 */
async function showProblems(): Promise<void> {
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  try {
    await vscode.commands.executeCommand('problems.action.focusFilter');
  } catch {
    // Older builds: the view is open, unfocused.
  }
}
