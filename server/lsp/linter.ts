// Lints a document version once: results are cached by uri + version + settings key, so push, pull
// and code-action paths share one parse per version.
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import { languageFromEditor } from '../../rules/adapters/languages';
import { lint } from '../../rules/engine/lint';
import { oversize, skippedDiagnostic, toDiagnostics } from './diagnostics';
import type { Log } from './log';
import type { Effective } from './settings';
import { URI } from './uri';

interface Entry {
  version: number;
  key: string;
  result: Promise<Diagnostic[]>;
}

export class Linter {
  private readonly cache = new Map<string, Entry>();
  constructor(private readonly log: Log) {}

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }

  /** Diagnostics for this exact version (computed at most once per version and settings). */
  diagnostics(doc: TextDocument, eff: Effective): Promise<Diagnostic[]> {
    const key = `${eff.enable}:${eff.key}`;
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version && hit.key === key) return hit.result;
    const result = this.compute(doc, eff);
    this.cache.set(doc.uri, { version: doc.version, key, result });
    return result;
  }

  private async compute(doc: TextDocument, eff: Effective): Promise<Diagnostic[]> {
    if (!eff.enable || eff.excluded) return [];
    const fileName = URI.fileName(doc.uri);
    const language = languageFromEditor(doc.languageId, fileName);
    if (!language) return [];
    const text = doc.getText();
    const bytes = oversize(text);
    if (bytes !== undefined) return [skippedDiagnostic(bytes)];
    try {
      const result = await lint(text, fileName, { ...eff.options, language });
      if (!result) return [];
      for (const e of result.ruleErrors) this.log.once(`rule:${e.ruleId}`, `partner-auth-lint: rule ${e.ruleId} failed in ${path.basename(fileName)}; the other rules still ran`);
      return toDiagnostics(result);
    } catch (e) {
      this.log.failure(`lint (${language})`, e);
      return [];
    }
  }
}
