// Comment syntax per language, and the edits that insert suppression comments for "disable for line/file".
import * as path from 'node:path';
import type { TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageId } from '../../rules/model/types';

export interface CommentSyntax {
  open: string;
  close: string;
  /** XML comments may not contain "--", so the `-- reason` part is left out there. */
  reason: boolean;
}

const LINE_HASH: CommentSyntax = { open: '#', close: '', reason: true };
const LINE_SLASH: CommentSyntax = { open: '//', close: '', reason: true };
const XML: CommentSyntax = { open: '<!--', close: ' -->', reason: false };

// JSON files that editors and tools read as JSONC (comments allowed).
const JSONC_NAMES = /^(tsconfig.*|jsconfig.*|settings|launch|tasks|extensions|devcontainer|\.devcontainer|keybindings|\.eslintrc|\.babelrc|api-extractor)\.json$/i;

/** The comment syntax of a document, or undefined when the format has none (plain JSON). */
export function commentSyntax(language: LanguageId, fileName: string, languageId?: string): CommentSyntax | undefined {
  switch (language) {
    case 'csharp': case 'java': case 'javascript': case 'typescript':
      return LINE_SLASH;
    case 'powershell': case 'python': case 'yaml': case 'dotenv': case 'properties':
      return LINE_HASH;
    case 'xml':
      return XML;
    case 'json': {
      const base = path.basename(fileName);
      return languageId === 'jsonc' || /\.jsonc$/i.test(base) || JSONC_NAMES.test(base) ? LINE_SLASH : undefined;
    }
    default:
      return undefined;
  }
}

export function eolOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

function comment(syntax: CommentSyntax, directive: string, ruleId: string): string {
  return `${syntax.open} ${directive} ${ruleId}${syntax.reason ? ' -- reason' : ''}${syntax.close}`;
}

function lineText(doc: TextDocument, line: number): string {
  return doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
}

/** `<indent><comment> partner-auth-lint-disable-next-line <rule> -- reason` above `line`, same indentation and line ending. */
export function disableLineEdit(doc: TextDocument, syntax: CommentSyntax, ruleId: string, line: number): TextEdit {
  const indent = /^[ \t]*/.exec(lineText(doc, line))![0];
  const text = `${indent}${comment(syntax, 'partner-auth-lint-disable-next-line', ruleId)}${eolOf(doc.getText())}`;
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: text };
}

// Lines that must stay first: a shebang, an XML declaration, PowerShell #Requires, a Python encoding line.
const HEADER = /^(#!|<\?xml\b|#requires\b|#.*coding[:=])/i;

/** `partner-auth-lint-disable <rule> -- reason` as the first comment line, after any header lines. */
export function disableFileEdit(doc: TextDocument, syntax: CommentSyntax, ruleId: string): TextEdit {
  let line = 0;
  while (line < doc.lineCount && HEADER.test(lineText(doc, line).replace(/^\uFEFF/, ''))) line++;
  const eol = eolOf(doc.getText());
  const text = comment(syntax, 'partner-auth-lint-disable', ruleId);
  if (line >= doc.lineCount) {
    // Every line is a header (or the file is one line without a newline): append after it.
    const end = doc.positionAt(doc.getText().length);
    return { range: { start: end, end }, newText: `${eol}${text}` };
  }
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${text}${eol}` };
}
