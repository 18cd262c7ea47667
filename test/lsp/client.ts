// A real JSON-RPC LSP client for tests: spawns `node dist/server.js --stdio` and records what the server sends.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection,
  type Diagnostic, type PublishDiagnosticsParams, type ClientCapabilities, type CodeAction, type TextEdit, type WorkspaceEdit,
  WorkDoneProgress, type WorkDoneProgressBegin, type WorkDoneProgressReport, type WorkDoneProgressEnd, type ProgressToken,
} from 'vscode-languageserver-protocol/node';

export const ROOT = path.resolve(__dirname, '../..');
export const SERVER = path.join(ROOT, 'dist/server.js');

export interface StartOptions {
  pull?: boolean;
  workspace: string;
  settings?: Record<string, unknown>;
  trusted?: boolean;
  /** Another server bundle (the one inside the VSIX). */
  server?: string;
  /** Extra environment variables for the server process. */
  env?: Record<string, string>;
}

export type ProgressEvent = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly messages: { type: number; message: string }[] = [];
  readonly logs: string[] = [];
  /** Everything the server process wrote to stderr. */
  stderr = '';
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  readonly docs = new Map<string, TextDocument>();
  /** Server-initiated work-done progress (`window/workDoneProgress/create`): events per token, in order. */
  readonly progress = new Map<ProgressToken, ProgressEvent[]>();
  settings: Record<string, unknown>;
  private waiters: (() => void)[] = [];

  private constructor(private readonly child: ChildProcess, settings: Record<string, unknown>) {
    this.settings = settings;
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    child.stderr?.on('data', (d: Buffer) => {
      this.stderr += d.toString('utf8');
    });
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.set(p.uri, [...(this.published.get(p.uri) ?? []), p]);
      this.wake();
    });
    this.connection.onNotification('window/showMessage', (p: { type: number; message: string }) => {
      this.messages.push(p);
      this.wake();
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    this.connection.onNotification('partnerAuthLint/status', () => undefined);
    this.connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', (p: { token: ProgressToken }) => {
      this.progress.set(p.token, []);
      this.connection.onProgress(WorkDoneProgress.type, p.token, (e) => {
        this.progress.get(p.token)!.push(e);
        this.wake();
      });
      return null;
    });
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.listen();
  }

  static async start(o: StartOptions): Promise<TestClient> {
    const child = spawn(process.execPath, [o.server ?? SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...o.env } });
    const client = new TestClient(child, o.settings ?? {});
    const capabilities: ClientCapabilities = {
      window: { workDoneProgress: true },
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
        ...(o.pull ? { diagnostics: { refreshSupport: true } } : {}),
      },
      textDocument: {
        synchronization: { didSave: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true, tagSupport: { valueSet: [1, 2] } },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true, dataSupport: true },
        ...(o.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
    };
    const uri = `file://${o.workspace}`;
    const result = await client.connection.sendRequest('initialize', {
      processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'ws' }], capabilities,
      initializationOptions: { trusted: o.trusted ?? true },
    });
    client.capabilities = (result as { capabilities: Record<string, unknown> }).capabilities;
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  capabilities: Record<string, unknown> = {};

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Wait until `check` returns a value (re-checked on every notification), or fail after `ms`. */
  async until<T>(check: () => T | undefined, what: string, ms = 10000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = check();
      if (v !== undefined) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
  }

  /** The diagnostics published for the document's current version (push mode). */
  diagnosticsFor(uri: string, ms = 10000): Promise<Diagnostic[]> {
    const version = this.docs.get(uri)?.version;
    return this.until(() => [...(this.published.get(uri) ?? [])].reverse().find((p) => p.version === version)?.diagnostics, `diagnostics for ${path.basename(uri)} v${version}`, ms);
  }

  /** Diagnostics from the first publish after `since` publishes (for re-lints of an unchanged version). */
  nextDiagnostics(uri: string, since: number, ms = 10000): Promise<Diagnostic[]> {
    return this.until(() => this.published.get(uri)?.[since]?.diagnostics, `a new publish for ${path.basename(uri)}`, ms);
  }

  publishCount(uri: string): number {
    return this.published.get(uri)?.length ?? 0;
  }

  async watchedFileChanged(file: string, type: 1 | 2 | 3 = 2): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `file://${file}`, type }] });
  }

  open(uri: string, languageId: string, text: string): TextDocument {
    const doc = TextDocument.create(uri, languageId, 1, text);
    this.docs.set(uri, doc);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return doc;
  }

  /** Apply incremental edits locally and send them as one didChange. */
  change(uri: string, edits: TextEdit[]): TextDocument {
    const old = this.docs.get(uri)!;
    const changes = edits.map((e) => ({ range: e.range, text: e.newText }));
    const next = TextDocument.create(uri, old.languageId, old.version + 1, TextDocument.applyEdits(old, edits));
    this.docs.set(uri, next);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: next.version }, contentChanges: changes });
    return next;
  }

  save(uri: string): void {
    void this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  close(uri: string): void {
    this.docs.delete(uri);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  pull(uri: string): Promise<{ kind: string; items: Diagnostic[] }> {
    return this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  }

  codeActions(uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
  }

  /** Apply a code action's edit to the open document (as an editor would) and send the change. */
  applyEdit(uri: string, edit: WorkspaceEdit): TextDocument {
    const edits = edit.changes?.[uri];
    if (!edits) throw new Error('edit does not touch the document');
    return this.change(uri, edits);
  }

  /** The user pressed "Cancel" on a progress notification. */
  async cancelProgress(token: ProgressToken): Promise<void> {
    await this.connection.sendNotification('window/workDoneProgress/cancel', { token });
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }

  get alive(): boolean {
    return this.child.exitCode === null;
  }
}
