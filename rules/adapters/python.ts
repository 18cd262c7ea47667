// Python adapter: tree-sitter-python tree -> shared FileModel (see python/ for the pieces).
import type { FileModel, LanguageId } from '../model/types';
import type { Adapter, ParseOptions } from './adapter';
import type { Budget } from './budget';
import { collectErrors } from './common/extras';
import { unaliasCalls } from './common/paths';
import { scanComments } from './python/comments';
import { PyContext } from './python/context';
import { parseRecovering } from './python/recover';
import { visit } from './python/walker';
import { parserFor } from './treesitter';

export const pythonAdapter: Adapter = {
  languages: ['python'],
  async parse(text: string, _language: LanguageId, _fileName: string, budget?: Budget, options?: ParseOptions): Promise<FileModel> {
    const ctx = new PyContext(text, budget);
    if (!text.trim()) return ctx.b.finish();
    const parser = await parserFor('python');
    const { tree, blanked } = parseRecovering(parser, text, budget, options?.document);
    for (const r of blanked) ctx.b.error(r);
    try {
      if (!tree) {
        ctx.b.error({ start: 0, end: text.length });
        return ctx.b.finish();
      }
      const root = tree.rootNode;
      for (const c of scanComments(text)) ctx.b.comment(c);
      collectErrors(root, ctx.b.model.errors);
      visit(ctx, root, 0);
      unaliasCalls(ctx.b.model.calls, ctx.aliases);
    } catch {
      // A bug on some odd construct must not cost the whole file: keep what was built, mark the file unread.
      ctx.b.error({ start: 0, end: text.length });
    } finally {
      tree?.delete();
      parser.delete();
    }
    return ctx.b.finish();
  },
};
