// Re-parses Python with broken lines blanked when tree-sitter's recovery swallowed whole blocks into one ERROR.
import type { Parser, Tree } from 'web-tree-sitter';
import type { Node } from 'web-tree-sitter';
import type { Range } from '../../model/types';
import { blank, isBlank, lineRegion } from '../common/blanking';

/** Each attempt is a full (fast) re-parse; a handful of broken spots is what an editor buffer has. */
const MAX_ATTEMPTS = 10;

/**
 * The first ERROR node spanning several lines. An unclosed `(` makes tree-sitter fold every following line
 * into one ERROR, losing their calls; single-line errors are left alone, tree-sitter handles those well.
 */
function firstMultiLineError(root: Node, text: string): Node | undefined {
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.isError) {
      const nl = text.indexOf('\n', n.startIndex);
      if (nl >= 0 && nl < n.endIndex - 1) return n;
    }
    const kids = n.children;
    for (let i = kids.length - 1; i >= 0; i--) if (kids[i].hasError) stack.push(kids[i]);
  }
  return undefined;
}

export interface Recovered {
  tree: Tree | null;
  /** Lines blanked before the final parse: they are syntax errors too. */
  blanked: Range[];
}

export function parseRecovering(parser: Parser, text: string): Recovered {
  const blanked: Range[] = [];
  let src = text;
  for (let attempt = 0; ; attempt++) {
    const tree = parser.parse(src);
    if (!tree || attempt >= MAX_ATTEMPTS || !tree.rootNode.hasError) return { tree, blanked };
    const err = firstMultiLineError(tree.rootNode, src);
    const region = err && lineRegion(src, err.startIndex);
    if (!region || isBlank(src, region)) return { tree, blanked };
    blanked.push(region);
    src = blank(src, region);
    tree.delete();
  }
}
