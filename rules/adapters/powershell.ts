// PowerShell adapter: parses .ps1/.psm1/.psd1 with tree-sitter-powershell and normalizes the tree into the shared model.
import { emptyModel, type FileModel, type LanguageId, type Range } from '../model/types';
import type { Adapter } from './adapter';
import { Ctx } from './powershell/context';
import { comment, leadingUsings, requiresImports } from './powershell/requires';
import { visit } from './powershell/statements';
import { parserFor, type Node } from './treesitter';

export const powershellAdapter: Adapter = {
  languages: ['powershell'],
  async parse(text: string, _language: LanguageId, _fileName: string): Promise<FileModel> {
    const model = emptyModel('powershell', text);
    if (text.length === 0) return model;
    const { source, imports } = leadingUsings(text);
    const parser = await parserFor('powershell');
    const tree = parser.parse(source);
    if (!tree) {
      parser.delete();
      model.errors.push({ start: 0, end: text.length });
      return model;
    }
    const ctx = new Ctx(model);
    try {
      const root = tree.rootNode;
      model.imports.push(...imports);
      visit(ctx, root);
      for (const n of commentNodes(root, text)) {
        const c = comment(n);
        model.comments.push(c);
        model.imports.push(...requiresImports(c, n.text));
      }
      collectErrors(root, source, model.errors);
    } catch {
      // A tree shape the walk does not expect must not lose the file: keep what was modelled, flag the whole file.
      model.errors.push({ start: 0, end: text.length });
    } finally {
      tree.delete();
      parser.delete();
    }
    return ctx.finish();
  },
};

/** ERROR and MISSING nodes, outermost only; subtrees without errors are skipped. */
function collectErrors(n: Node, text: string, out: Range[]): void {
  if (n.isError || n.isMissing) {
    if (!onlyComments(n, text)) out.push({ start: n.startIndex, end: n.endIndex });
    return;
  }
  if (!n.hasError) return;
  for (const c of n.children) collectErrors(c, text, out);
}

/** The grammar requires a statement, so a file (or block) holding only comments comes back as an ERROR: not a syntax error. */
function onlyComments(n: Node, text: string): boolean {
  if (!n.isError) return false;
  let at = n.startIndex;
  for (const c of n.children) {
    if (c.type !== 'comment') continue;
    if (text.slice(at, c.startIndex).trim() !== '') return false;
    at = c.endIndex;
  }
  return text.slice(at, n.endIndex).trim() === '';
}

/**
 * Comment nodes, found from the `#` characters of the text (every comment contains one) rather than by visiting
 * every node: a full walk of this grammar's deep trees costs a third of the parse.
 */
function commentNodes(root: Node, text: string): Node[] {
  const out: Node[] = [];
  let i = text.indexOf('#');
  while (i >= 0) {
    const n = root.descendantForIndex(i, i + 1);
    if (n && n.type === 'comment') {
      out.push(n);
      i = text.indexOf('#', n.endIndex);
    } else i = text.indexOf('#', i + 1);
  }
  return out;
}
