// Errors and comments of a tree-sitter tree, gathered apart from the main walk because they can sit anywhere.
import type { Comment, Range } from '../../model/types';
import type { Node } from '../treesitter';

/** Outermost ERROR and MISSING nodes; only subtrees that contain an error are entered. */
export function collectErrors(root: Node, out: Range[]): void {
  if (!root.hasError) return;
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.isError || n.isMissing) {
      out.push({ start: n.startIndex, end: n.endIndex });
      continue;
    }
    for (const c of n.children) if (c.hasError || c.isMissing) stack.push(c);
  }
}

const DOC_DECORATION = /^[ \t]*\*(?!\/) ?/gm;

/** Text of a `//`, `///`, `/* *\/` or `/** *\/` comment without its markers (and without Javadoc's leading `*`s). */
export function stripCComment(text: string): string {
  if (text.startsWith('//')) return text.slice(text.startsWith('///') ? 3 : 2);
  const open = text.startsWith('/**') && text.length > 4 ? 3 : 2;
  const body = text.slice(open, text.endsWith('*/') && text.length >= open + 2 ? text.length - 2 : text.length);
  return body.includes('\n') ? body.replace(DOC_DECORATION, '') : body;
}

/**
 * The C-style comments (`//`, `/*`) of the tree, in order: every place the text has a comment opener is looked up
 * in the tree (openers inside strings are not comments). Cheaper than visiting every node of a large file, which
 * `descendantsOfType` does: the editor re-runs this on each version of the document.
 */
export function collectComments(root: Node, types: string[], out: Comment[]): void {
  const text = root.text;
  const base = root.startIndex;
  const opener = /\/[/*]/g;
  for (let m = opener.exec(text); m; m = opener.exec(text)) {
    const at = base + m.index;
    const n = root.descendantForIndex(at, at + 1);
    if (!n || n.startIndex !== at || !types.includes(n.type)) continue;
    out.push({ text: stripCComment(n.text), range: { start: n.startIndex, end: n.endIndex } });
    opener.lastIndex = n.endIndex - base;
  }
}
