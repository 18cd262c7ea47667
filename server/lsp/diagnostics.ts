// Converts engine findings (UTF-16 offsets) into LSP diagnostics that carry their fixes in `data`.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Range } from 'vscode-languageserver';
import type { LineIndex } from '../../rules/engine/lines';
import type { LintResult } from '../../rules/engine/lint';
import { MAX_FILE_BYTES } from '../../rules/engine/source';
import type { Finding, Severity } from '../../rules/engine/types';
import { docsUrl } from '../../rules/common/meta';
import { SOURCE, type DiagnosticData } from './protocol';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toRange(lines: LineIndex, start: number, end: number): Range {
  return { start: lines.position(start), end: lines.position(end) };
}

export function toDiagnostic(f: Finding, lines: LineIndex): Diagnostic {
  const data: DiagnosticData = {
    ruleId: f.ruleId,
    fixes: f.fixes.map((fix) => ({
      title: fix.title,
      ...(fix.preferred ? { preferred: true } : {}),
      edits: fix.edits.map((e) => ({ range: toRange(lines, e.range.start, e.range.end), newText: e.text })),
    })),
  };
  return {
    range: toRange(lines, f.range.start, f.range.end),
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.ruleId,
    codeDescription: { href: docsUrl(f.ruleId) },
    message: f.message,
    ...(f.tags?.includes('deprecated') ? { tags: [DiagnosticTag.Deprecated] } : {}),
    data,
  };
}

export function toDiagnostics(result: LintResult): Diagnostic[] {
  return result.findings.map((f) => toDiagnostic(f, result.lines));
}

/** The UTF-8 size of a document when it is over the engine's limit, else undefined. */
export function oversize(text: string): number | undefined {
  // Cheap pre-check: UTF-8 needs at least one byte per UTF-16 unit and at most three.
  if (text.length * 3 <= MAX_FILE_BYTES) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > MAX_FILE_BYTES ? bytes : undefined;
}

/** The file was analysed in part only (LintResult.incomplete, cut short by the time budget): an information at its top. */
export function incompleteDiagnostic(message: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    message: `partner-auth-lint: ${message}`,
  };
}

/** The single diagnostic for a file too large to analyse (no code: nothing to fix or suppress). */
export function skippedDiagnostic(bytes: number): Diagnostic {
  const mb = (n: number) => (n / 1048576).toFixed(1);
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    message: `partner-auth-lint skipped this file: it is ${mb(bytes)} MB, over the ${mb(MAX_FILE_BYTES)} MB limit.`,
  };
}
