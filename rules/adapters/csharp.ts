// The C# adapter: tree-sitter-c-sharp tree -> shared model.
import type { Adapter } from './adapter';
import { collectComments } from './common/extras';
import { parseTree } from './common/tsparse';
import { CsWalker } from './csharp/walker';

export const csharpAdapter: Adapter = {
  languages: ['csharp'],
  parse(text, language, _fileName, budget, options) {
    return parseTree('csharp', language, text, (root, b) => {
      new CsWalker(b).visit(root);
      collectComments(root, ['comment'], b.model.comments);
    }, budget, options?.document);
  },
};
