// Lints a document version once: results are cached by uri + version + settings key, so push, pull,
// code-action and hover paths share one parse per version. The folder's baseline is applied on the way out.
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import { languageFromEditor } from '../../rules/adapters/languages';
import { forgetDocument, lint } from '../../rules/engine/lint';
import { flushCodeCaches } from '../common/codecache';
import { fingerprints } from '../../rules/engine/fingerprint';
import type { FileModel } from '../../rules/model/types';
import { incompleteDiagnostic, oversize, skippedDiagnostic, toDiagnostics } from './diagnostics';
import type { Log } from './log';
import type { Baselines } from './baselines';
import type { Effective } from './settings';
import { URI } from './uri';

interface Linted {
  diagnostics: Diagnostic[];
  /** The resolved model (absent when the file is not analysed: disabled, excluded, unknown language, too large). */
  model?: FileModel;
  /** A file no rule can report in is not parsed to lint it: its model is made when a hover or a decode asks. */
  lazyModel?: () => Promise<FileModel | undefined>;
  pending?: Promise<FileModel | undefined>;
  /** Baseline fingerprints of the findings, index for index (when the file is in a workspace folder). */
  prints?: string[];
}

interface Entry {
  version: number;
  /** The text linted: a client may send another text under a version number it already used. */
  text: string;
  key: string;
  result: Promise<Linted>;
}

export class Linter {
  private readonly cache = new Map<string, Entry>();
  constructor(
    private readonly log: Log,
    private readonly baselines?: Baselines,
  ) {}

  forget(uri: string): void {
    this.cache.delete(uri);
    forgetDocument(uri);
  }

  clear(): void {
    this.cache.clear();
  }

  /** Diagnostics for this exact version (computed at most once per version and settings), less baselined findings. */
  async diagnostics(doc: TextDocument, eff: Effective): Promise<Diagnostic[]> {
    const { diagnostics, prints } = await this.linted(doc, eff);
    if (!this.baselines) return diagnostics;
    return this.baselines.apply(URI.toPath(doc.uri) ?? doc.uri, eff.root, eff.rel, diagnostics.map((diagnostic, i) => ({ diagnostic, fingerprint: prints?.[i] })));
  }

  /** The model of this exact version, from the same single parse as the diagnostics (hovers reuse it). */
  async model(doc: TextDocument, eff: Effective): Promise<FileModel | undefined> {
    const linted = await this.linted(doc, eff);
    if (linted.model || !linted.lazyModel) return linted.model;
    linted.pending ??= linted.lazyModel(); // parsed once, however many requests ask
    return linted.pending;
  }

  private linted(doc: TextDocument, eff: Effective): Promise<Linted> {
    const key = `${eff.enable}:${eff.key}`;
    const hit = this.cache.get(doc.uri);
    const text = doc.getText();
    if (hit && hit.version === doc.version && hit.key === key && hit.text === text) return hit.result;
    const result = this.compute(doc, eff);
    this.cache.set(doc.uri, { version: doc.version, text, key, result });
    return result;
  }

  private async compute(doc: TextDocument, eff: Effective): Promise<Linted> {
    if (!eff.enable || eff.excluded) return { diagnostics: [] };
    const fileName = URI.fileName(doc.uri);
    const language = languageFromEditor(doc.languageId, fileName);
    if (!language) return { diagnostics: [] };
    const text = doc.getText();
    const bytes = oversize(text);
    if (bytes !== undefined) return { diagnostics: [skippedDiagnostic(bytes)] };
    try {
      // A file holding none of the rules' words (most files of a repository) is not parsed; typing in it costs a
      // keyword check. Its model is parsed when a hover or a decode needs it.
      const options = { ...eff.options, language, document: doc.uri };
      const result = await lint(text, fileName, { ...options, skipWithoutVocabulary: true });
      // After the first JavaScript or TypeScript file, the parser's code cache is written (once) for the next start.
      setImmediate(flushCodeCaches);
      if (!result) return { diagnostics: [] };
      for (const e of result.ruleErrors) this.log.once(`rule:${e.ruleId}`, `partner-auth-lint: rule ${e.ruleId} failed in ${path.basename(fileName)}; the other rules still ran`);
      const diagnostics = toDiagnostics(result);
      // A grammar that failed to load disables its language with one log line; a file over the time budget says so in
      // a diagnostic of its own (after the findings, which the fingerprints index).
      if (result.incomplete?.kind === 'language-unavailable') this.log.once(`unavailable:${result.incomplete.message}`, `partner-auth-lint: ${result.incomplete.message}`);
      else if (result.incomplete) {
        diagnostics.push(incompleteDiagnostic(result.incomplete.message));
        this.log.once(`cut:${doc.uri}`, `partner-auth-lint: ${path.basename(fileName)}: ${result.incomplete.message}`);
      }
      const prints = eff.rel ? { prints: fingerprints(text, eff.rel, result.findings) } : {};
      if (result.unparsed) return { diagnostics, lazyModel: async () => (await lint(text, fileName, options).catch(() => undefined))?.model, ...prints };
      return { diagnostics, model: result.model, ...prints };
    } catch (e) {
      this.log.failure(`lint (${language})`, e);
      return { diagnostics: [] };
    }
  }
}
