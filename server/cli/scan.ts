// Runs the engine over files for the CLI: reads, decodes, lints, converts to 1-based positions.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { languageOf } from '../../rules/adapters/languages';
import { lint, type LintOptions } from '../../rules/engine/lint';
import { LineIndex } from '../../rules/engine/lines';
import { decodeSource } from '../../rules/engine/source';
import { fingerprints } from '../../rules/engine/fingerprint';
import type { Finding, Severity } from '../../rules/engine/types';

export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface CliFinding extends Position {
  ruleId: string;
  severity: Severity;
  file: string;
  message: string;
  fixes: { title: string; edits: (Position & { text: string })[] }[];
  fingerprint: string;
}

export interface ScanResult {
  files: number;
  findings: CliFinding[];
  errors: { file: string; message: string }[];
}

/** Path relative to the current directory with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}

export async function scanFiles(files: readonly string[], options: LintOptions, cwd: string, onProgress?: (done: number) => void): Promise<ScanResult> {
  const result: ScanResult = { files: 0, findings: [], errors: [] };
  const ruleErrorsSeen = new Set<string>();
  let done = 0;
  for (const file of files) {
    const shown = displayPath(file, cwd);
    onProgress?.(++done);
    if (!languageOf(file)) {
      result.errors.push({ file: shown, message: 'skipped: not a file type partner-auth-lint reads' });
      continue;
    }
    let buf: Buffer;
    try {
      buf = fs.readFileSync(file);
    } catch (e) {
      result.errors.push({ file: shown, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` });
      continue;
    }
    const decoded = decodeSource(buf);
    if (!decoded.ok) {
      result.errors.push({ file: shown, message: decoded.reason });
      continue;
    }
    result.files++;
    try {
      const r = await lint(decoded.text, file, options);
      if (!r) continue;
      for (const e of r.ruleErrors) {
        if (ruleErrorsSeen.has(e.ruleId)) continue;
        ruleErrorsSeen.add(e.ruleId);
        result.errors.push({ file: shown, message: `rule ${e.ruleId} failed: ${e.message}` });
      }
      const prints = fingerprints(decoded.text, shown, r.findings);
      r.findings.forEach((f, i) => result.findings.push(toCli(f, shown, r.lines, prints[i])));
    } catch (e) {
      result.errors.push({ file: shown, message: `cannot analyse: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  return result;
}

function pos(lines: LineIndex, start: number, end: number): Position {
  const s = lines.position(start);
  const e = lines.position(end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

function toCli(f: Finding, file: string, lines: LineIndex, fingerprint: string): CliFinding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    file,
    ...pos(lines, f.range.start, f.range.end),
    message: f.message,
    fixes: f.fixes.map((x) => ({ title: x.title, edits: x.edits.map((ed) => ({ ...pos(lines, ed.range.start, ed.range.end), text: ed.text })) })),
    fingerprint,
  };
}
