// Wires the LSP connection: documents, push/pull diagnostics, code actions, configuration and the config-file watcher.
import {
  DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, DocumentDiagnosticReportKind, LSPErrorCodes,
  ResponseError, TextDocumentSyncKind, TextDocuments, type CancellationToken, type ClientCapabilities, type Connection,
  type Diagnostic, type InitializeParams, type InitializeResult, type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ALL_RULES } from '../../rules/registry';
import { docsUrl } from '../../rules/common/meta';
import { codeActions } from './codeActions';
import { Debouncer } from './debounce';
import { Linter } from './linter';
import { Log, guard } from './log';
import { RulesRequest, StatusNotification, type InitializationOptions, type RuleInfo, type StatusParams } from './protocol';
import { Configuration } from './configuration';
import { URI } from './uri';

const TYPING_DELAY_MS = 150;

export function startServer(connection: Connection): void {
  const log = new Log(connection);
  const documents = new TextDocuments(TextDocument);
  const linter = new Linter(log);
  const debounce = new Debouncer();
  let caps: ClientCapabilities = {};
  let pull = false;
  let config!: Configuration;
  /** Bumped on every settings/config change: results computed under older settings are stale. */
  let generation = 0;
  /** Last diagnostics computed per document at open/save, served while typing in onSave mode. */
  const lastSaved = new Map<string, Promise<Diagnostic[]>>();
  const justOpened = new Set<string>();

  const status = (p: StatusParams) => void connection.sendNotification(StatusNotification, p).catch(() => undefined);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    caps = params.capabilities;
    pull = !!caps.textDocument?.diagnostic;
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    const roots = (params.workspaceFolders ?? []).map((f) => URI.toPath(f.uri)).filter((p): p is string => !!p);
    if (roots.length === 0 && params.rootUri) roots.push(...[URI.toPath(params.rootUri)].filter((p): p is string => !!p));
    config = new Configuration(connection, log, roots, init.trusted !== false, !!caps.workspace?.configuration, status);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: ['quickfix'], resolveProvider: false },
        ...(pull ? { diagnosticProvider: { identifier: 'partner-auth-lint', interFileDependencies: false, workspaceDiagnostics: true } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: false } },
      },
      serverInfo: { name: 'partner-auth-lint' },
    };
  });

  connection.onInitialized(() => {
    void guard(log, 'initialized', undefined, async () => {
      if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.partner-auth-lint.json' }] });
      }
      if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
        await connection.client.register(DidChangeConfigurationNotification.type, { section: 'partnerAuthLint' });
      }
    });
  });

  /** Push: lint the current version and publish unless a newer version or newer settings superseded it. */
  async function publish(uri: string, trigger: 'open' | 'change' | 'save' | 'config'): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    const { version } = doc;
    const gen = generation;
    const result = (async () => {
      const eff = await config.forDocument(doc.uri);
      return trigger === 'change' && eff.run === 'onSave' ? undefined : linter.diagnostics(doc, eff);
    })();
    // Set before awaiting, so a pull that arrives right after a save waits for this snapshot.
    if (trigger !== 'change') lastSaved.set(uri, result.then((d) => d ?? []));
    const diagnostics = await result;
    if (!diagnostics) return;
    if (documents.get(uri)?.version !== version || gen !== generation) return; // stale: a newer run publishes
    if (!pull) await connection.sendDiagnostics({ uri, version, diagnostics });
  }
  const publishSafe = (uri: string, trigger: Parameters<typeof publish>[1]) => guard(log, `diagnostics (${trigger})`, undefined, () => publish(uri, trigger));

  function refreshAll(): void {
    generation++;
    linter.clear();
    if (pull) {
      for (const d of documents.all()) void publishSafe(d.uri, 'config'); // refreshes onSave snapshots
      if (caps.workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh().catch(() => undefined);
    } else for (const d of documents.all()) void publishSafe(d.uri, 'config');
  }

  documents.onDidOpen((e) => {
    justOpened.add(e.document.uri);
    void publishSafe(e.document.uri, 'open');
  });
  documents.onDidChangeContent((e) => {
    if (justOpened.delete(e.document.uri)) return; // the open already linted this version
    debounce.schedule(e.document.uri, TYPING_DELAY_MS, () => void publishSafe(e.document.uri, 'change'));
  });
  documents.onDidSave((e) => {
    debounce.cancel(e.document.uri);
    void publishSafe(e.document.uri, 'save');
  });
  documents.onDidClose((e) => {
    void guard(log, 'close', undefined, async () => {
      debounce.cancel(e.document.uri);
      justOpened.delete(e.document.uri);
      linter.forget(e.document.uri);
      lastSaved.delete(e.document.uri);
      config.forget(e.document.uri);
      if (!pull) await connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });
  });

  /** Pull: diagnostics for the current version; a request overtaken by an edit asks the client to retry. */
  async function pullDiagnostics(uri: string, token: CancellationToken): Promise<Diagnostic[]> {
    const doc = documents.get(uri);
    if (!doc) return [];
    const eff = await config.forDocument(uri);
    if (eff.run === 'onSave' && lastSaved.has(uri)) return lastSaved.get(uri)!.catch(() => []);
    const items = await linter.diagnostics(doc, eff);
    if (token.isCancellationRequested || documents.get(uri)?.version !== doc.version) {
      throw new ResponseError(LSPErrorCodes.ServerCancelled, 'superseded by a newer version', { retriggerRequest: true });
    }
    return items;
  }

  connection.languages.diagnostics.on((params, token) =>
    guard(log, 'textDocument/diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] as Diagnostic[] }, async () => ({
      kind: DocumentDiagnosticReportKind.Full,
      items: await pullDiagnostics(params.textDocument.uri, token),
    })),
  );

  connection.languages.diagnostics.onWorkspace((_params, token) =>
    guard(log, 'workspace/diagnostic', { items: [] }, async () => {
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      for (const doc of documents.all()) {
        if (token.isCancellationRequested) break;
        try {
          items.push({ uri: doc.uri, version: doc.version, kind: DocumentDiagnosticReportKind.Full, items: await pullDiagnostics(doc.uri, token) });
        } catch {
          // A document edited meanwhile is reported by its own pull.
        }
      }
      return { items };
    }),
  );

  connection.onCodeAction((params, token) =>
    guard(log, 'textDocument/codeAction', [], async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc || token.isCancellationRequested) return [];
      if (params.context.only && !params.context.only.some((k) => k === 'quickfix' || 'quickfix'.startsWith(`${k}.`) || k === '')) return [];
      const canCreateFiles = !!caps.workspace?.workspaceEdit?.documentChanges && !!caps.workspace.workspaceEdit.resourceOperations?.includes('create');
      return codeActions({ doc, diagnostics: params.context.diagnostics, root: config.rootFor(doc.uri), canCreateFiles });
    }),
  );

  connection.onRequest(RulesRequest, (): RuleInfo[] => ALL_RULES.map((r) => ({ id: r.meta.id, title: r.meta.title, url: docsUrl(r.meta.id) })));

  connection.onDidChangeConfiguration((params) => {
    void guard(log, 'didChangeConfiguration', undefined, () => {
      config.settingsChanged(params.settings);
      refreshAll();
    });
  });

  connection.onDidChangeWatchedFiles(() => {
    void guard(log, 'didChangeWatchedFiles', undefined, () => {
      config.projectChanged();
      refreshAll();
    });
  });

  documents.listen(connection);
  connection.listen();
  log.info('partner-auth-lint server started');
}
