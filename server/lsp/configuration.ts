// Settings per document: pulled from the client per resource, merged over the project file, problems warned once.
import { MessageType, type Connection } from 'vscode-languageserver';
import type { Log } from './log';
import { SETTINGS_SECTION, type StatusParams } from './protocol';
import { ProjectConfigs, effective, excludeGlobs, rootOf, validateSettings, type Effective } from './settings';
import { URI } from './uri';

export interface FolderSettings {
  enable: boolean;
  scanOnStartup: boolean;
  /** `partnerAuthLint.exclude` and (trusted) the project file's `ignore`: what a scan leaves out besides .gitignore. */
  excludeGlobs: string[];
  forFile(filePath: string): Effective;
  /** Changes whenever anything that affects a scan's findings changes (not `run`, `trace` or `scanOnStartup`). */
  key: string;
}

export class Configuration {
  private readonly perDocument = new Map<string, Promise<unknown>>();
  private readonly projects = new ProjectConfigs();
  private readonly warned = new Set<string>();
  /** Settings pushed in didChangeConfiguration, for clients without `workspace/configuration`. */
  private pushed: unknown = undefined;

  constructor(
    private readonly connection: Connection,
    private readonly log: Log,
    private readonly roots: readonly string[],
    private readonly trusted: boolean,
    private readonly canPull: boolean,
    private readonly status: (p: StatusParams) => void,
  ) {}

  settingsChanged(settings: unknown): void {
    this.perDocument.clear();
    this.warned.clear();
    this.status({ state: 'ok' }); // a remaining problem is warned again when documents re-lint
    const s = settings as Record<string, unknown> | null | undefined;
    this.pushed = s && typeof s === 'object' && SETTINGS_SECTION in s ? s[SETTINGS_SECTION] : undefined;
  }

  projectChanged(): void {
    this.projects.invalidate();
    this.warned.clear();
    this.status({ state: 'ok' });
  }

  forget(uri: string): void {
    this.perDocument.delete(uri);
  }

  rootFor(uri: string): string | undefined {
    const p = URI.toPath(uri);
    return p ? rootOf(this.roots, p) : this.roots[0];
  }

  async forDocument(uri: string): Promise<Effective> {
    const raw = await this.rawSettings(uri);
    const { settings, problems } = validateSettings(raw);
    const root = this.rootFor(uri);
    const project = root ? this.projects.get(root) : { config: {}, problems: [] };
    this.warn([...problems, ...project.problems]);
    return effective(settings, project.config, this.trusted, URI.fileName(uri), root);
  }

  /** Settings of a workspace folder for a scan: one `workspace/configuration` pull, then per-file options locally. */
  async forFolder(root: string): Promise<FolderSettings> {
    const raw = await this.rawSettings(URI.fromPath(root));
    const { settings, problems } = validateSettings(raw);
    const project = this.projects.get(root);
    this.warn([...problems, ...project.problems]);
    return {
      enable: settings.enable,
      scanOnStartup: settings.scanOnStartup,
      excludeGlobs: excludeGlobs(settings, project.config, this.trusted),
      forFile: (filePath) => effective(settings, project.config, this.trusted, filePath, root),
      key: JSON.stringify([settings.enable, settings.partnerType, settings.rules, settings.exclude, settings.requireSuppressionReason, settings.secretStore, this.trusted, project.config]),
    };
  }

  get folders(): readonly string[] {
    return this.roots;
  }

  private rawSettings(uri: string): Promise<unknown> {
    if (!this.canPull) return Promise.resolve(this.pushed);
    let p = this.perDocument.get(uri);
    if (!p) {
      p = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).catch((e: unknown) => {
        this.log.failure('workspace/configuration', e, true);
        return undefined; // defaults
      });
      this.perDocument.set(uri, p);
    }
    return p;
  }

  /** One warning per distinct set of problems until the configuration changes again. */
  private warn(problems: string[]): void {
    if (problems.length === 0) return;
    const message = `partner-auth-lint: ${problems.join('; ')}. Using defaults for those settings.`;
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.log.info(message);
    void this.connection.sendNotification('window/showMessage', { type: MessageType.Warning, message }).catch(() => undefined);
    this.status({ state: 'warning', message });
  }
}
