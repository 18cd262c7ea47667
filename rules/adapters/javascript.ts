// JavaScript / TypeScript adapter: typescript-estree AST (with syntax-error recovery) -> shared FileModel.
import type { FileModel, LanguageId } from '../model/types';
import type { Adapter } from './adapter';
import { stripCComment } from './common/extras';
import { JsContext } from './javascript/context';
import { parseRecovering } from './javascript/parse';
import { visit } from './javascript/walker';

export const javascriptAdapter: Adapter = {
  languages: ['javascript', 'typescript'],
  async parse(text: string, language: LanguageId, fileName: string): Promise<FileModel> {
    const lang = language === 'typescript' ? 'typescript' : 'javascript';
    const ctx = new JsContext(lang, text);
    if (!text.trim()) return ctx.b.finish();
    const { ast, errors } = parseRecovering(text, lang, fileName);
    for (const e of errors) ctx.b.error(e);
    if (!ast) return ctx.b.finish();
    try {
      for (const c of ast.comments ?? []) {
        const r = ctx.rng(c);
        ctx.b.comment({ text: stripCComment(text.slice(r.start, r.end)), range: r });
      }
      visit(ctx, ast, 0);
    } catch {
      // A bug on some odd construct must not cost the whole file: keep what was built, mark the file unread.
      ctx.b.error({ start: 0, end: text.length });
    }
    return ctx.b.finish();
  },
};
