// Re-parses Python with broken lines blanked when tree-sitter's recovery swallowed whole blocks into one ERROR.
import type { Parser, Tree } from 'web-tree-sitter';
import type { Node } from 'web-tree-sitter';
import type { Range } from '../../model/types';
import { parseProgress, type Budget } from '../budget';
import { blank, isBlank, lineRegion } from '../common/blanking';
import { keptKey, parseKept } from '../treesitter';

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

/** Out of `budget`, the tree of the last attempt is kept (null when the budget cancelled the first parse). */
export function parseRecovering(parser: Parser, text: string, budget?: Budget, document?: string): Recovered {
  const blanked: Range[] = [];
  let src = text;
  let previous: { end: number; region: Range; atEnd: boolean } | undefined;
  for (let attempt = 0; ; attempt++) {
    // The first attempt parses the document's text: incremental against its previous version (when kept).
    const tree = attempt === 0 ? parseKept(parser, src, parseProgress(budget), keptKey(document, 'python')) : parser.parse(src, null, parseProgress(budget));
    if (!tree || attempt >= MAX_ATTEMPTS || !tree.rootNode.hasError || budget?.expired()) return { tree, blanked };
    const err = firstMultiLineError(tree.rootNode, src);
    let region = err && lineRegion(src, err.startIndex);
    let atEnd = false;
    if (err && previous && !previous.atEnd && err.endIndex === previous.end && err.startIndex >= previous.region.end) {
      // Blanking the error's first line only moved its start down to the next line: the fault is at its end (a
      // string or bracket left open on the last line, as in a file cut off while typing), not at its start. Put the
      // line back and blank the error's last line instead, rather than peel off the whole file line by line.
      const restored = src.slice(0, previous.region.start) + text.slice(previous.region.start, previous.region.end) + src.slice(previous.region.end);
      const last = lineRegion(restored, Math.max(err.startIndex, err.endIndex - 1));
      if (!isBlank(restored, last)) {
        src = restored;
        blanked.pop();
        region = last;
        atEnd = true;
      }
    }
    if (!err || !region || isBlank(src, region)) return { tree, blanked };
    previous = { end: err.endIndex, region, atEnd };
    blanked.push(region);
    src = blank(src, region);
    tree.delete();
  }
}
