// The workspace scan ("Scan Workspace", `partnerAuthLint.scanOnStartup`) and what keeps it current: every file
// the engine reads in each workspace folder (minus .gitignore, config `ignore`, `partnerAuthLint.exclude`),
// linted from disk by the worker pool with work-done progress; closed files' findings are pushed or served
// to `workspace/diagnostic`; file events re-lint or clear single files. Open documents always use the
// editor text: nothing here publishes for a file that is open. Entries are keyed by file path.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CancellationTokenSource, DocumentDiagnosticReportKind, FileChangeType, type CancellationToken, type Connection, type Diagnostic,
  type FileEvent, type TextDocuments, type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { BASELINE_FILE } from '../../rules/engine/baseline';
import { CONFIG_FILE } from '../../rules/engine/config';
import { FileFilter, isEngineFile, relativeTo } from '../common/files';
import type { Baselines, Item } from './baselines';
import type { Configuration, FolderSettings } from './configuration';
import { lintFileOnDisk, type FileOutcome } from './fileLint';
import type { Log } from './log';
import type { LintPool } from './pool';
import type { ScanSummary } from './protocol';
import { rootOf } from './settings';
import { URI } from './uri';

export interface ScanDeps {
  connection: Connection;
  log: Log;
  documents: TextDocuments<TextDocument>;
  config: Configuration;
  baselines: Baselines;
  pool: LintPool;
  /** The client pulls diagnostics (else they are pushed). */
  pull: boolean;
  /** Ask a pull client to pull again (throttled by the caller's needs; may do nothing). */
  refresh(): void;
  /** The baseline file of a folder changed: open documents re-apply it. */
  baselineChanged(): void;
}

interface Entry {
  root: string;
  rel: string;
  items: Item[];
  /** What is shown: `items` less baselined findings. */
  shown: Diagnostic[];
  resultId: string;
}

interface Folder {
  settings: FolderSettings;
  filter: FileFilter;
}

/** Single-file updates smaller than this are linted in-process (no worker start-up for one saved file). */
const POOL_BATCH = 8;

const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

export class WorkspaceScan {
  /** Folders scanned (or set to scan on start-up): file events there update findings. */
  private readonly active = new Set<string>();
  private readonly entries = new Map<string, Entry>();
  /** Push: files whose last published (disk) diagnostics were not empty. */
  private readonly published = new Set<string>();
  /** Pull: files whose findings went away, reported empty once by the next workspace pull. */
  private readonly tombstones = new Set<string>();
  private readonly folders = new Map<string, Promise<Folder>>();
  private running: { cancel(): void; done: Promise<ScanSummary> } | undefined;
  private seq = 0;
  /** Bumped when settings change: single-file results computed under older settings are dropped. */
  private epoch = 0;
  private refreshTimer: NodeJS.Timeout | undefined;
  private started = false;

  constructor(private readonly deps: ScanDeps) {}

  /** Start-up: scan the folders whose `partnerAuthLint.scanOnStartup` is on. */
  async startup(): Promise<void> {
    this.started = true;
    const roots: string[] = [];
    for (const root of this.deps.config.folders) if ((await this.folder(root)).settings.scanOnStartup) roots.push(root);
    if (roots.length > 0) await this.scan(roots);
  }

  /**
   * Scan `roots` (default: every workspace folder). A scan already running is cancelled first, unless
   * `supersede` is false: then this scan runs after it (a `.gitignore` change must not cancel the scan
   * a user asked for; the follow-up scan applies the new ignores).
   */
  scan(roots: readonly string[] = this.deps.config.folders, external?: CancellationToken, supersede = true): Promise<ScanSummary> {
    if (supersede) this.running?.cancel();
    const previous = this.running?.done ?? Promise.resolve(undefined);
    const source = new CancellationTokenSource();
    const done = previous
      .catch(() => undefined)
      .then(() => this.run(roots, source.token, external))
      .finally(() => {
        if (this.running?.done === done) this.running = undefined;
        source.dispose();
      });
    this.running = { cancel: () => source.cancel(), done };
    return done;
  }

  /**
   * Settings or the project file changed: scanned folders whose findings may differ are scanned again
   * (and, after start-up, folders whose scanOnStartup was just turned on).
   */
  async configurationChanged(): Promise<void> {
    const before = new Map<string, string | undefined>();
    for (const root of this.deps.config.folders) before.set(root, await this.folders.get(root)?.then((f) => f.settings.key).catch(() => undefined));
    this.folders.clear();
    const roots: string[] = [];
    for (const root of this.deps.config.folders) {
      const { settings } = await this.folder(root);
      if (this.active.has(root) ? settings.key !== before.get(root) : this.started && settings.scanOnStartup) roots.push(root);
    }
    if (roots.length === 0) return;
    this.epoch++; // single-file results under the old settings are dropped
    await this.scan(roots);
  }

  /** File events (the server routes the project file itself to `configurationChanged`). */
  async filesChanged(changes: readonly FileEvent[]): Promise<void> {
    const queue = new Map<string, string>(); // file -> root
    const rescan = new Set<string>();
    let baselineChanged = false;
    for (const change of changes) {
      const file = URI.toPath(change.uri);
      const root = file ? rootOf(this.deps.config.folders, file) : undefined;
      if (!file || !root) continue;
      const base = path.basename(file);
      if (base === BASELINE_FILE) {
        this.deps.baselines.invalidate(root);
        baselineChanged = true;
        continue;
      }
      if (base === CONFIG_FILE) continue;
      if (!this.active.has(root)) continue;
      if (base === '.gitignore') {
        rescan.add(root);
        continue;
      }
      if (change.type === FileChangeType.Deleted) {
        this.dropUnder(file);
        queue.delete(file);
        continue;
      }
      if (isEngineFile(base)) {
        if (!this.isOpen(file)) queue.set(file, root); // an open document keeps the editor text; re-read on close
      } else if (change.type === FileChangeType.Created && !(await this.folder(root)).filter.ignores(file, true) && isDirectory(file)) {
        // A folder moved or copied in: its files.
        const { filter } = await this.folder(root);
        for (const f of filter.walk(file)) if (!this.isOpen(f)) queue.set(f, root);
      }
    }
    if (baselineChanged) this.baselineChanged();
    if (rescan.size > 0) {
      this.folders.clear();
      void this.scan([...rescan], undefined, false).catch((e: unknown) => this.deps.log.failure('scan', e));
    }
    await this.update([...queue].filter(([, root]) => !rescan.has(root)));
  }

  /** A document closed: its diagnostics come from disk again when its folder is scanned. True when handled here. */
  async documentClosed(uri: string): Promise<boolean> {
    const file = URI.toPath(uri);
    const root = file ? rootOf(this.deps.config.folders, file) : undefined;
    if (!file || !root || !this.active.has(root)) return false;
    if (!this.deps.pull) this.published.add(file); // the editor's diagnostics are replaced, by an empty list if need be
    await this.update([[file, root]]);
    return true;
  }

  /** Pull: the disk diagnostics of a closed file (undefined when the scan has none). */
  closedDiagnostics(uri: string): Diagnostic[] | undefined {
    const file = URI.toPath(uri);
    return file ? this.entries.get(file)?.shown : undefined;
  }

  /** Pull: reports for closed files (unchanged ones by result id), and empty ones for files whose findings went away. */
  workspaceReports(previous: readonly { uri: string; value: string }[]): WorkspaceDocumentDiagnosticReport[] {
    const before = new Map(previous.map((p) => [URI.toPath(p.uri) ?? p.uri, p.value]));
    const out: WorkspaceDocumentDiagnosticReport[] = [];
    for (const [file, e] of this.entries) {
      if (this.isOpen(file)) continue;
      const uri = URI.fromPath(file);
      if (before.get(file) === e.resultId) out.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId: e.resultId });
      else out.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: e.resultId, items: e.shown });
    }
    for (const file of this.tombstones) {
      if (!this.entries.has(file) && !this.isOpen(file)) out.push({ kind: DocumentDiagnosticReportKind.Full, uri: URI.fromPath(file), version: null, items: [] });
    }
    this.tombstones.clear();
    return out;
  }

  /** Re-apply the (re-read) baselines to scanned files and open documents. */
  baselineChanged(): void {
    for (const [file, e] of this.entries) this.show(file, e);
    this.deps.baselineChanged();
    this.deps.baselines.flush();
    this.scheduleRefresh();
  }

  dispose(): void {
    this.running?.cancel();
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
  }

  private folder(root: string): Promise<Folder> {
    let f = this.folders.get(root);
    if (!f) {
      f = this.deps.config.forFolder(root).then((settings) => ({ settings, filter: new FileFilter(root, settings.excludeGlobs, true) }));
      this.folders.set(root, f);
      f.catch(() => this.folders.delete(root));
    }
    return f;
  }

  private isOpen(file: string): boolean {
    return this.deps.documents.all().some((d) => d.uri.startsWith('file:') && URI.toPath(d.uri) === file);
  }

  private async run(roots: readonly string[], token: CancellationToken, external?: CancellationToken): Promise<ScanSummary> {
    const summary: ScanSummary = { files: 0, done: 0, findings: 0, baselined: 0, cancelled: false };
    if (token.isCancellationRequested) return { ...summary, cancelled: true };
    // A scan reads the baseline afresh: it may have been written (by the CLI) before its file event arrives.
    for (const root of roots) this.deps.baselines.invalidate(root);
    const { connection, log, pool } = this.deps;
    const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
    const cancelled = () => token.isCancellationRequested || !!external?.isCancellationRequested || !!progress?.token.isCancellationRequested;
    const epoch = this.epoch;
    let notAnalysed = 0;
    const started = Date.now();
    progress?.begin('Partner Auth Lint: scanning workspace', 0, 'collecting files', true);
    try {
      // 1. Collect (the walk yields to the event loop every few hundred files).
      const work: { root: string; file: string; folder: Folder }[] = [];
      const complete = new Set<string>();
      for (const root of roots) {
        this.folders.delete(root); // fresh .gitignore files and settings
        const folder = await this.folder(root);
        this.active.add(root);
        if (!folder.settings.enable) {
          for (const file of [...this.entries.keys()]) if (rootOf(this.deps.config.folders, file) === root) this.drop(file);
          continue;
        }
        let n = 0;
        for (const file of folder.filter.walk(root)) {
          // A nested workspace folder is scanned as itself (its settings, its baseline).
          if (rootOf(this.deps.config.folders, file) === root) work.push({ root, file, folder });
          if (++n % 500 === 0) {
            await yieldNow();
            if (cancelled()) break;
          }
        }
        if (cancelled()) break;
        complete.add(root);
      }
      summary.files = work.length;
      if (!cancelled()) progress?.report(0, `0/${work.length} files`);

      // 2. Lint, keeping the pool busy; progress on every whole percent.
      const seen = new Set<string>();
      let next = 0;
      let percent = 0;
      const lane = async () => {
        while (next < work.length && !cancelled()) {
          const { root, file, folder } = work[next++];
          seen.add(file);
          if (!this.isOpen(file)) {
            const eff = folder.settings.forFile(file);
            const out = await pool.run({ file, rel: eff.rel, options: eff.options });
            if (epoch !== this.epoch) return; // settings changed: a new scan follows
            if (!out.ok) notAnalysed++;
            const shown = this.store(file, root, eff.rel ?? relativeTo(root, file) ?? file, out);
            if (shown) {
              summary.findings += shown.length;
              summary.baselined += this.deps.baselines.hiddenIn(file);
            }
          }
          summary.done++;
          const now = Math.floor((summary.done * 100) / work.length);
          if (now !== percent) {
            percent = now;
            progress?.report(now, `${summary.done}/${work.length} files`);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(pool.capacity, Math.max(1, work.length)) }, lane));

      // 3. A complete pass over a folder drops what it no longer has (deleted, newly ignored files).
      if (!cancelled() && epoch === this.epoch) {
        for (const file of [...this.entries.keys()]) {
          const root = rootOf(this.deps.config.folders, file);
          if (root && complete.has(root) && !seen.has(file)) this.drop(file);
        }
      }
    } finally {
      summary.cancelled = cancelled();
      progress?.done();
      this.deps.baselines.flush();
      this.scheduleRefresh(0);
    }
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    log.info(
      `partner-auth-lint: scanned ${summary.done} of ${summary.files} files in ${secs} s${summary.cancelled ? ' (cancelled)' : ''} with ${pool.size || 'no'} worker thread${pool.size === 1 ? '' : 's'}: ` +
        `${summary.findings} finding${summary.findings === 1 ? '' : 's'}, ${summary.baselined} baselined (not shown)${notAnalysed ? `, ${notAnalysed} not analysed (binary, too large or unreadable)` : ''}`,
    );
    return summary;
  }

  /** Lint files from disk (in-process for a few, else on the pool) and publish; ignored or disabled ones are cleared. */
  private async update(files: readonly (readonly [string, string])[]): Promise<void> {
    if (files.length === 0) return;
    const epoch = this.epoch;
    const { pool } = this.deps;
    const usePool = files.length >= POOL_BATCH;
    let next = 0;
    const lane = async () => {
      while (next < files.length) {
        const [file, root] = files[next++];
        const folder = await this.folder(root);
        if (!folder.settings.enable || !folder.filter.accepts(file)) {
          this.drop(file);
          continue;
        }
        if (!fs.existsSync(file)) {
          this.drop(file);
          continue;
        }
        const eff = folder.settings.forFile(file);
        const job = { file, rel: eff.rel, options: eff.options };
        const out: FileOutcome = usePool ? await pool.run(job) : await lintFileOnDisk(job);
        if (epoch !== this.epoch) return;
        this.store(file, root, eff.rel ?? relativeTo(root, file) ?? file, out);
      }
    };
    await Promise.all(Array.from({ length: usePool ? Math.min(pool.capacity, files.length) : 1 }, lane));
    this.deps.baselines.flush();
    this.scheduleRefresh();
  }

  /** Keep a file's disk result and show it unless the file is open; returns what is shown (undefined when open). */
  private store(file: string, root: string, rel: string, out: FileOutcome): Diagnostic[] | undefined {
    if (out.ok) for (const ruleId of out.ruleErrors) this.deps.log.once(`rule:${ruleId}`, `partner-auth-lint: rule ${ruleId} failed in ${path.basename(file)}; the other rules still ran`);
    if (out.ok && out.unavailable) this.deps.log.once(`unavailable:${out.unavailable}`, `partner-auth-lint: ${out.unavailable}`);
    const items = out.ok ? out.items : [];
    if (items.length === 0 && !this.entries.has(file) && !this.published.has(file)) return []; // nothing to show, nothing to clear
    const entry: Entry = { root, rel, items, shown: [], resultId: '' };
    this.entries.set(file, entry);
    this.tombstones.delete(file);
    return this.show(file, entry);
  }

  private show(file: string, entry: Entry): Diagnostic[] | undefined {
    if (this.isOpen(file)) return undefined; // the open document's own diagnostics stand
    entry.shown = this.deps.baselines.apply(file, entry.root, entry.rel, entry.items);
    entry.resultId = String(++this.seq);
    if (!this.deps.pull && (entry.shown.length > 0 || this.published.has(file))) {
      void this.deps.connection.sendDiagnostics({ uri: URI.fromPath(file), diagnostics: entry.shown }).catch(() => undefined);
      if (entry.shown.length > 0) this.published.add(file);
      else this.published.delete(file);
    }
    return entry.shown;
  }

  /** Forget a file's disk result and clear what was shown for it (unless it is open). */
  private drop(file: string): void {
    const had = this.entries.delete(file);
    if (this.isOpen(file)) return;
    this.deps.baselines.forget(file);
    if (!this.deps.pull && this.published.delete(file)) void this.deps.connection.sendDiagnostics({ uri: URI.fromPath(file), diagnostics: [] }).catch(() => undefined);
    if (this.deps.pull && had) this.tombstones.add(file);
  }

  /** A deleted path: the file itself, or every scanned file below a deleted folder. */
  private dropUnder(target: string): void {
    const prefix = target.endsWith(path.sep) ? target : target + path.sep;
    for (const file of [...this.entries.keys(), ...this.published]) if (file === target || file.startsWith(prefix)) this.drop(file);
  }

  private scheduleRefresh(delay = 300): void {
    if (!this.deps.pull) return;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.deps.refresh();
    }, delay);
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
