// The contract between a language adapter and the engine.
import type { FileModel, LanguageId } from '../model/types';
import type { Budget } from './budget';

export interface Adapter {
  readonly languages: readonly LanguageId[];
  /**
   * Parse `text` and normalize it into the shared model. Must not throw on malformed input: record errors instead.
   * Out of `budget`, parsing stops and the model holds what was read by then (the rest is an error range).
   */
  parse(text: string, language: LanguageId, fileName: string, budget?: Budget): Promise<FileModel>;
}
