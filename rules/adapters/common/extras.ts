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

export function collectComments(root: Node, types: string[], out: Comment[]): void {
  for (const c of root.descendantsOfType(types)) out.push({ text: stripCComment(c.text), range: { start: c.startIndex, end: c.endIndex } });
}
