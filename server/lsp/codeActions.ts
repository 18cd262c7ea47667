// Code actions for our diagnostics, rebuilt from each diagnostic's `data`: the rule's fixes, disable for
// this line / file (or "ignore this file" for formats without comments), and the rule's documentation.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { modify, applyEdits } from 'jsonc-parser';
import { CodeActionKind, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { languageFromEditor } from '../../rules/adapters/languages';
import { docsUrl } from '../../rules/common/meta';
import { CONFIG_FILE } from '../../rules/engine/config';
import { commentSyntax, disableFileEdit, disableLineEdit, eolOf } from './comments';
import { Commands, SOURCE, type DiagnosticData } from './protocol';
import { URI } from './uri';

export interface ActionContext {
  doc: TextDocument;
  diagnostics: readonly Diagnostic[];
  /** Workspace folder of the document (where `.partner-auth-lint.json` lives). */
  root: string | undefined;
  /** The client can create files in a workspace edit. */
  canCreateFiles: boolean;
}

function isOurs(d: Diagnostic): d is Diagnostic & { data: DiagnosticData } {
  const data = d.data as DiagnosticData | undefined;
  return d.source === SOURCE && typeof data?.ruleId === 'string' && Array.isArray(data.fixes);
}

export function codeActions(ctx: ActionContext): CodeAction[] {
  const { doc } = ctx;
  const fileName = URI.fileName(doc.uri);
  const language = languageFromEditor(doc.languageId, fileName);
  const syntax = language ? commentSyntax(language, fileName, doc.languageId) : undefined;
  const fixes: CodeAction[] = [];
  const disables: CodeAction[] = [];
  const docs: CodeAction[] = [];
  const seenRules = new Set<string>();
  for (const d of ctx.diagnostics.filter(isOurs)) {
    const { ruleId } = d.data;
    for (const fix of d.data.fixes) {
      fixes.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: fix.preferred === true, edit: { changes: { [doc.uri]: fix.edits } } });
    }
    if (syntax) {
      disables.push({ title: `Disable ${ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [doc.uri]: [disableLineEdit(doc, syntax, ruleId, d.range.start.line)] } } });
    }
    if (seenRules.has(ruleId)) continue;
    seenRules.add(ruleId);
    if (syntax) {
      disables.push({ title: `Disable ${ruleId} for this file`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [doc.uri]: [disableFileEdit(doc, syntax, ruleId)] } } });
    }
    docs.push({ title: `Show documentation for ${ruleId}`, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title: `Show documentation for ${ruleId}`, command: Commands.openRuleDocs, arguments: [ruleId, docsUrl(ruleId)] } });
  }
  const out = [...fixes, ...disables];
  if (!syntax && seenRules.size > 0) {
    const ignore = ignoreFileAction(ctx, fileName);
    if (ignore) out.push(ignore);
  }
  return [...out, ...docs];
}

/** "Ignore this file in .partner-auth-lint.json": add the file's workspace-relative path to `ignore`. */
function ignoreFileAction(ctx: ActionContext, fileName: string): CodeAction | undefined {
  if (!URI.toPath(ctx.doc.uri)) return undefined;
  const root = ctx.root ?? path.dirname(fileName);
  const rel = path.relative(root, fileName).split(path.sep).join('/');
  const configPath = path.join(root, CONFIG_FILE);
  const configUri = URI.fromPath(configPath);
  let existing: string | undefined;
  try {
    existing = fs.readFileSync(configPath, 'utf8');
  } catch {
    existing = undefined;
  }
  const title = `Ignore this file in ${CONFIG_FILE}`;
  let edit: WorkspaceEdit;
  if (existing === undefined) {
    if (!ctx.canCreateFiles) return undefined;
    const text = `${JSON.stringify({ ignore: [rel] }, null, 2)}\n`;
    edit = {
      documentChanges: [
        { kind: 'create', uri: configUri, options: { ignoreIfExists: true } },
        { textDocument: { uri: configUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] },
      ],
    };
  } else {
    const updated = addIgnore(existing, rel);
    if (updated === undefined) return undefined;
    const old = TextDocument.create(configUri, 'json', 0, existing);
    edit = { changes: { [configUri]: [{ range: { start: { line: 0, character: 0 }, end: old.positionAt(existing.length) }, newText: updated }] } };
  }
  return { title, kind: CodeActionKind.QuickFix, edit };
}

/** The config text with `rel` appended to `ignore` (undefined if already there). */
export function addIgnore(text: string, rel: string): string | undefined {
  const formattingOptions = { insertSpaces: true, tabSize: 2, eol: eolOf(text) };
  let current: unknown;
  try {
    current = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    current = undefined;
  }
  const list = current && typeof current === 'object' ? (current as { ignore?: unknown }).ignore : undefined;
  if (Array.isArray(list) && list.includes(rel)) return undefined;
  const edits = Array.isArray(list)
    ? modify(text, ['ignore', list.length], rel, { formattingOptions, isArrayInsertion: true })
    : modify(text.trim() ? text : '{}', ['ignore'], [rel], { formattingOptions });
  return applyEdits(text.trim() ? text : '{}', edits);
}
