// JavaScript / TypeScript adapter: typescript-estree AST (with syntax-error recovery) -> shared FileModel.
import type { FileModel, LanguageId } from '../model/types';
import type { Adapter } from './adapter';
import type { Budget } from './budget';
import { stripCComment } from './common/extras';
import { unaliasCalls } from './common/paths';
import { scanComments } from './javascript/comments';
import { JsContext } from './javascript/context';
import { parseRecovering } from './javascript/parse';
import { visit } from './javascript/walker';

export const javascriptAdapter: Adapter = {
  languages: ['javascript', 'typescript'],
  async parse(text: string, language: LanguageId, fileName: string, budget?: Budget): Promise<FileModel> {
    const lang = language === 'typescript' ? 'typescript' : 'javascript';
    const ctx = new JsContext(lang, text, budget);
    if (!text.trim()) return ctx.b.finish();
    const { ast, source, errors } = parseRecovering(text, lang, fileName, budget);
    for (const e of errors) ctx.b.error(e);
    if (!ast) return ctx.b.finish();
    try {
      visit(ctx, ast, 0);
      unaliasCalls(ctx.b.model.calls, ctx.aliases);
      // After the walk: it supplies the regex and JSX text ranges the scan must skip.
      ctx.opaque.sort((a, b) => a.start - b.start);
      for (const r of scanComments(source, ctx.opaque)) {
        const range = ctx.rng({ range: [r.start, r.end] });
        ctx.b.comment({ text: stripCComment(text.slice(range.start, range.end)), range });
      }
    } catch {
      // A bug on some odd construct must not cost the whole file: keep what was built, mark the file unread.
      ctx.b.error({ start: 0, end: text.length });
    }
    return ctx.b.finish();
  },
};
