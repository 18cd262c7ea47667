// Runs a tree-sitter grammar over a file and hands the tree to a walker; never throws on the file's content.
import type { FileModel, LanguageId } from '../../model/types';
import { parseProgress, type Budget } from '../budget';
import { keptKey, parseKept, parserFor, type Node, type TreeSitterLanguage } from '../treesitter';
import { collectErrors } from './extras';
import { ModelBuilder } from './scoped-builder';

export async function parseTree(
  grammar: TreeSitterLanguage,
  language: LanguageId,
  text: string,
  walk: (root: Node, b: ModelBuilder) => void,
  budget?: Budget,
  document?: string,
): Promise<FileModel> {
  const b = new ModelBuilder(language, text, budget);
  if (!text) return b.finish();
  const parser = await parserFor(grammar);
  try {
    // Null only when the budget cancelled the parse: nothing was read.
    const tree = parseKept(parser, text, parseProgress(budget), keptKey(document, grammar));
    if (!tree) {
      b.model.errors.push({ start: 0, end: text.length });
      return b.finish();
    }
    try {
      collectErrors(tree.rootNode, b.model.errors);
      walk(tree.rootNode, b);
    } catch {
      // A walker bug (or a stack overflow on absurd nesting) must not lose the file: flag it as unreadable.
      b.model.errors.push({ start: 0, end: text.length });
    } finally {
      tree.delete();
    }
  } finally {
    parser.delete();
  }
  return b.finish();
}
