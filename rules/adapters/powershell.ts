// PowerShell adapter: parses .ps1/.psm1/.psd1 with tree-sitter-powershell and normalizes the tree into the shared model.
import { emptyModel, type FileModel, type LanguageId, type Range } from '../model/types';
import type { Adapter, ParseOptions } from './adapter';
import { parseProgress, type Budget } from './budget';
import { Ctx } from './powershell/context';
import { comment, leadingUsings, requiresImports } from './powershell/requires';
import { visit } from './powershell/statements';
import { keptKey, parseKept, parserFor, type Node, type Tree } from './treesitter';

export const powershellAdapter: Adapter = {
  languages: ['powershell'],
  async parse(text: string, _language: LanguageId, _fileName: string, budget?: Budget, options?: ParseOptions): Promise<FileModel> {
    const model = emptyModel('powershell', text);
    if (text.length === 0) return model;
    const { source, imports } = leadingUsings(text);
    const parser = await parserFor('powershell');
    // Each re-parse is cancelled when the budget runs out (null tree); then the previous tree is kept.
    const progress = parseProgress(budget);
    const reparse = (src: string, previous: Tree): Tree => {
      const next = budget?.expired() ? null : parser.parse(src, null, progress);
      if (!next) return previous;
      previous.delete();
      return next;
    };
    let tree = parseKept(parser, source, progress, keptKey(options?.document, 'powershell'));
    const patched = tree?.rootNode.hasError ? digitParameters(tree.rootNode, source) : source;
    if (tree && patched !== source) tree = reparse(patched, tree);
    // A fixed bare-word list lets the parser read further, where a later one may stop it: a few bounded passes.
    for (let pass = 0, src = patched; tree?.rootNode.hasError && pass < 4 && !budget?.expired(); pass++) {
      const next = bareWordLists(tree.rootNode, src);
      if (next === src) break;
      tree = reparse(next, tree);
      src = next;
    }
    if (!tree) {
      parser.delete();
      model.errors.push({ start: 0, end: text.length });
      return model;
    }
    const ctx = new Ctx(model, budget);
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

const DIGIT_PARAMETER = /(?<=[\s(])-[A-Za-z_][A-Za-z_]*[0-9][A-Za-z0-9_]*(?=[\s:)]|$)/g;

/**
 * The grammar's parameter token has no digits, so `-Oauth2AllowImplicitFlow $true` breaks into `-Oauth` and a command
 * named `2AllowImplicitFlow`. Where a parameter token was cut at a digit, the digits are replaced (same length) in the
 * text given to the parser; commands read parameter names from the original text.
 */
function digitParameters(root: Node, source: string): string {
  let out = source;
  for (const m of source.matchAll(DIGIT_PARAMETER)) {
    const at = m.index ?? 0;
    const n = root.descendantForIndex(at, at + 1);
    if (n?.type !== 'command_parameter' || n.startIndex !== at) continue;
    out = out.slice(0, at) + m[0].replace(/[0-9]/g, 'x') + out.slice(at + m[0].length);
  }
  return out;
}

/**
 * The grammar reads a bare-word list only without blanks (`Import-Module A,B`); `Select-Object Name, Id` or
 * `Import-Module -Name MSOnline, AzureAD` ends in an ERROR that swallows the statements after it. Inside ERROR regions,
 * the blanks after a comma that follows a bare word are moved before it (same length: `A, B` -> `A ,B`, which the
 * grammar reads as the tokens `A` and `,B`, and which means the same in expression mode); strings and comments are
 * left alone. Commands check the original text to rebuild the list.
 */
function bareWordLists(root: Node, source: string): string {
  const errors: Range[] = [];
  collectErrors(root, source, errors);
  if (!errors.length) return source;
  let out = source;
  let e = 0;
  for (const at of listCommas(source)) {
    while (e < errors.length && errors[e].end <= at) e++;
    if (e >= errors.length) break;
    if (at < errors[e].start) continue;
    let j = at + 1;
    while (source[j] === ' ' || source[j] === '\t') j++;
    out = out.slice(0, at) + source.slice(at + 1, j) + ',' + out.slice(j);
  }
  return out;
}

const WORD_CHAR = /[A-Za-z0-9_.\-*\\/:]/;
const TOKEN_START = /[\s(){};,=|&]/;
const HERE_OPEN = /[ \t]*\r?\n/y;

/**
 * Offsets of `,` followed by a blank and preceded by a bare word (not `$var`, `-Param`, `@splat`), outside strings,
 * here-strings and comments: a small lexer, since the tree is unreliable inside an ERROR.
 */
function listCommas(s: string): number[] {
  const out: number[] = [];
  let tokenStart = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '`') {
      i++;
      continue;
    }
    if (c === '<' && s[i + 1] === '#') {
      const close = s.indexOf('#>', i + 2);
      i = close < 0 ? s.length : close + 1;
      tokenStart = i + 1;
      continue;
    }
    if (c === '#' && (i === 0 || TOKEN_START.test(s[i - 1]))) {
      const nl = s.indexOf('\n', i);
      i = nl < 0 ? s.length : nl;
      tokenStart = i + 1;
      continue;
    }
    HERE_OPEN.lastIndex = i + 2;
    if (c === '@' && (s[i + 1] === '"' || s[i + 1] === "'") && HERE_OPEN.test(s)) {
      const close = new RegExp(`\\n[ \\t]*${s[i + 1]}@`, 'g');
      close.lastIndex = i + 2;
      const m = close.exec(s);
      i = m ? m.index + m[0].length - 1 : s.length;
      tokenStart = i + 1;
      continue;
    }
    if (c === "'" || c === '"') {
      for (i++; i < s.length; i++) {
        if (c === '"' && s[i] === '`') i++;
        else if (s[i] === c) {
          if (s[i + 1] === c) i++;
          else break;
        }
      }
      tokenStart = i + 1;
      continue;
    }
    if (c === ',' && (s[i + 1] === ' ' || s[i + 1] === '\t') && i > tokenStart && WORD_CHAR.test(s[i - 1]) && /[A-Za-z0-9_.*]/.test(s[tokenStart])) out.push(i);
    if (TOKEN_START.test(c)) tokenStart = i + 1;
  }
  return out;
}

/**
 * ERROR and MISSING nodes, outermost only, in source order; subtrees without errors are skipped. Iterative, and
 * with each node's parent type carried along rather than asked for (Node.parent overflows the grammar runtime's
 * stack on trees nested tens of thousands of levels deep).
 */
function collectErrors(root: Node, text: string, out: Range[]): void {
  const stack: [Node, string | undefined][] = [[root, undefined]];
  while (stack.length) {
    const [n, parentType] = stack.pop()!;
    if (n.isError || n.isMissing) {
      if (!onlyComments(n, text) && !listComma(n, parentType, text)) out.push({ start: n.startIndex, end: n.endIndex });
      continue;
    }
    if (!n.hasError) continue;
    const kids = n.children;
    const type = n.type;
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], type]);
  }
}

/** `A, 'B'` / `A,$b` in command arguments: the grammar wants a blank before the comma and marks it missing; PowerShell does not. */
function listComma(n: Node, parentType: string | undefined, text: string): boolean {
  return n.isMissing && parentType === 'command_argument_sep' && text[n.startIndex] === ',';
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
