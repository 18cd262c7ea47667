// The contract between a language adapter and the engine.
import type { FileModel, LanguageId } from '../model/types';

export interface Adapter {
  readonly languages: readonly LanguageId[];
  /** Parse `text` and normalize it into the shared model. Must not throw on malformed input: record errors instead. */
  parse(text: string, language: LanguageId, fileName: string): Promise<FileModel>;
}
