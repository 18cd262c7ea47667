// The contract between a language adapter and the engine.
import type { FileModel, LanguageId } from '../model/types';
import type { Budget } from './budget';

export interface Adapter {
  readonly languages: readonly LanguageId[];
  /**
   * Parse `text` and normalize it into the shared model. Must not throw on malformed input: record errors instead.
   * Out of `budget`, parsing stops and the model holds what was read by then (the rest is an error range).
   */
  parse(text: string, language: LanguageId, fileName: string, budget?: Budget, options?: ParseOptions): Promise<FileModel>;
}

export interface ParseOptions {
  /**
   * An editor document the text is a version of (its URI): tree-sitter adapters keep the parse tree under this key
   * and parse the next version incrementally. The model is the same as from a fresh parse. Release with
   * `forgetDocument` when the document closes.
   */
  document?: string;
}
