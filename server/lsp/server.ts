// Wires the LSP connection: documents, push/pull diagnostics, code actions, token hovers and the decode request,
// configuration, the workspace scan (worker pool, progress) and the file watchers.
import {
  DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, DocumentDiagnosticReportKind, LSPErrorCodes,
  ResponseError, TextDocumentSyncKind, TextDocuments, type CancellationToken, type ClientCapabilities, type Connection,
  type Diagnostic, type InitializeParams, type InitializeResult, type WorkspaceDocumentDiagnosticReport, WatchKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ALL_RULES } from '../../rules/registry';
import { fileGlobs } from '../../rules/adapters/languages';
import { BASELINE_FILE } from '../../rules/engine/baseline';
import { CONFIG_FILE } from '../../rules/engine/config';
import { docsUrl } from '../../rules/common/meta';
import { codeActions } from './codeActions';
import { Debouncer } from './debounce';
import { Linter } from './linter';
import { Log, guard } from './log';
import { DecodeTokenRequest, RulesRequest, StatusNotification, type DecodeTokenParams, type DecodeTokenResult, type InitializationOptions, type RuleInfo, type StatusParams } from './protocol';
import { decodeToken, tokenHover, type TokenSource } from './token';
import { Configuration } from './configuration';
import { Baselines } from './baselines';
import { LintPool } from './pool';
import { WorkspaceScan } from './workspace';
import { BaselinedNotification, ScanWorkspaceRequest, type ScanSummary } from './protocol';
import { ReadinessReportRequest, type ReadinessReportResult } from './protocol';
import { readinessReport, ReportCancelled } from './report';
import { URI } from './uri';

const TYPING_DELAY_MS = 150;

export function startServer(connection: Connection): void {
  const log = new Log(connection);
  const documents = new TextDocuments(TextDocument);
  let trusted = true;
  const baselines = new Baselines(log, () => trusted, (count) => void connection.sendNotification(BaselinedNotification, { count }).catch(() => undefined));
  const linter = new Linter(log, baselines);
  const pool = new LintPool(log);
  let scan!: WorkspaceScan;
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
    trusted = init.trusted !== false;
    config = new Configuration(connection, log, roots, trusted, !!caps.workspace?.configuration, status);
    scan = new WorkspaceScan({
      connection, log, documents, config, baselines, pool, pull,
      refresh: () => {
        if (caps.workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh().catch(() => undefined);
      },
      baselineChanged: () => {
        for (const d of documents.all()) void publishSafe(d.uri, 'config');
      },
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: ['quickfix'], resolveProvider: false },
        hoverProvider: true,
        ...(pull ? { diagnosticProvider: { identifier: 'partner-auth-lint', interFileDependencies: false, workspaceDiagnostics: true } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: false } },
      },
      serverInfo: { name: 'partner-auth-lint' },
    };
  });

  connection.onInitialized(() => {
    void guard(log, 'initialized', undefined, async () => {
      if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        // The project file, the baseline, .gitignore files and every file type the engine reads (scan updates);
        // folders created or deleted (moved in or out) are watched too.
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [
            ...[`**/${CONFIG_FILE}`, `**/${BASELINE_FILE}`, '**/.gitignore', ...fileGlobs()].map((globPattern) => ({ globPattern })),
            { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
          ],
        });
      }
      if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
        await connection.client.register(DidChangeConfigurationNotification.type, { section: 'partnerAuthLint' });
      }
    }).then(() => guard(log, 'scanOnStartup', undefined, () => scan.startup()));
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
    void guard(log, 'scan', undefined, () => scan.configurationChanged());
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
      if (await scan.documentClosed(e.document.uri)) return; // scanned folder: findings from disk again
      baselines.forget(URI.toPath(e.document.uri) ?? e.document.uri);
      if (!pull) await connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });
  });

  /** Pull: diagnostics for the current version; a request overtaken by an edit asks the client to retry. */
  async function pullDiagnostics(uri: string, token: CancellationToken): Promise<Diagnostic[]> {
    const doc = documents.get(uri);
    if (!doc) return scan.closedDiagnostics(uri) ?? [];
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

  connection.languages.diagnostics.onWorkspace((params, token) =>
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
      if (!token.isCancellationRequested) items.push(...scan.workspaceReports(params.previousResultIds)); // closed, scanned files
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

  // Hover on a string literal holding a JWT or SAML assertion: reuses the linter's model of this version.
  connection.onHover((params, token) =>
    guard(log, 'textDocument/hover', null, async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc || token.isCancellationRequested) return null;
      const version = doc.version; // the document object is updated in place by later edits
      const model = await linter.model(doc, await config.forDocument(doc.uri));
      if (!model || token.isCancellationRequested || doc.version !== version || model.text !== doc.getText()) return null;
      return tokenHover(model, doc.offsetAt(params.position), doc.uri, (o) => doc.positionAt(o)) ?? null;
    }),
  );

  // Decode a token offline (the "Decode Token" command and hover links). Nothing about the token is logged.
  connection.onRequest(DecodeTokenRequest, (params: DecodeTokenParams) =>
    guard(log, 'decodeToken', undefined as DecodeTokenResult | undefined, async () => {
      let source: TokenSource | undefined;
      const doc = params?.textDocument ? documents.get(params.textDocument.uri) : undefined;
      if (doc && typeof params.text !== 'string') {
        const text = doc.getText();
        const range = params.range ?? { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) };
        const [start, end] = [doc.offsetAt(range.start), doc.offsetAt(range.end)];
        const model = await linter.model(doc, await config.forDocument(doc.uri)).catch(() => undefined);
        source = { text, model: model?.text === text ? model : undefined, start, end };
      }
      return decodeToken(params, source);
    }),
  );

  connection.onRequest(RulesRequest, (): RuleInfo[] => ALL_RULES.map((r) => ({ id: r.meta.id, title: r.meta.title, url: docsUrl(r.meta.id) })));

  connection.onDidChangeConfiguration((params) => {
    void guard(log, 'didChangeConfiguration', undefined, () => {
      config.settingsChanged(params.settings);
      refreshAll();
    });
  });

  connection.onDidChangeWatchedFiles((params) => {
    void guard(log, 'didChangeWatchedFiles', undefined, async () => {
      if (params.changes.some((c) => c.uri.endsWith(`/${CONFIG_FILE}`))) {
        config.projectChanged();
        refreshAll(); // also scans the scanned folders again
      }
      await scan.filesChanged(params.changes);
    });
  });

  // "Scan Workspace": resolves with the summary when the scan ends (cancelled ones too).
  connection.onRequest(ScanWorkspaceRequest, (_params: unknown, token: CancellationToken) =>
    guard(log, 'scanWorkspace', { files: 0, done: 0, findings: 0, baselined: 0, cancelled: true } as ScanSummary, () => scan.scan(undefined, token)),
  );

  // "Show Readiness Report": the workspace folders scanned in-process (open documents: editor text).
  connection.onRequest(ReadinessReportRequest, (_params: unknown, token: CancellationToken) =>
    guard(log, 'readinessReport', null as ReadinessReportResult | null, async () => {
      try {
        return await readinessReport(config, documents, token);
      } catch (e) {
        if (e instanceof ReportCancelled) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'the readiness report was cancelled');
        throw e;
      }
    }),
  );

  connection.onShutdown(() => {
    scan?.dispose();
    pool.dispose();
  });

  documents.listen(connection);
  connection.listen();
  log.info('partner-auth-lint server started');
}
