// The Java adapter: tree-sitter-java tree -> shared model.
import type { Adapter } from './adapter';
import { collectComments } from './common/extras';
import { parseTree } from './common/tsparse';
import { JavaWalker } from './java/walker';

export const javaAdapter: Adapter = {
  languages: ['java'],
  parse(text, language, _fileName, budget, options) {
    return parseTree('java', language, text, (root, b) => {
      new JavaWalker(b).visit(root);
      collectComments(root, ['line_comment', 'block_comment'], b.model.comments);
    }, budget, options?.document);
  },
};
