// Runs the engine over files for the CLI: reads, decodes, lints, converts to 1-based positions.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { languageOf } from '../../rules/adapters/languages';
import { lint, type LintOptions } from '../../rules/engine/lint';
import { LineIndex } from '../../rules/engine/lines';
import { decodeSource } from '../../rules/engine/source';
import { fingerprints } from '../../rules/engine/fingerprint';
import type { Finding, Severity } from '../../rules/engine/types';
import { findSuppression, isExpired, type Suppression } from '../../rules/engine/suppress';
import type { BaselineIndex } from '../../rules/engine/baseline';
import type { LanguageId } from '../../rules/model/types';
import { classifyCallSites, type AppOnlyAudience, type CallSiteKind } from '../../rules/report/classify';

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

export interface CliSuppression {
  file: string;
  line: number;
  kind: 'next-line' | 'line' | 'file';
  /** Empty: every rule. */
  rules: string[];
  reason?: string;
  until?: string;
  expired: boolean;
  /** Findings it silences in this scan. */
  suppressed: number;
}

/** An authentication call site (readiness report). */
export interface CliCallSite extends Position {
  kind: CallSiteKind;
  api: string;
  audience?: AppOnlyAudience;
}

/** A file the engine analysed, with its language and call sites (when `ScanOptions.callSites` is set). */
export interface AnalysedFile {
  file: string;
  language: LanguageId;
  callSites: CliCallSite[];
}

export interface ScanResult {
  files: number;
  findings: CliFinding[];
  /** Findings left out because the baseline lists them. */
  baselined: number;
  suppressions: CliSuppression[];
  errors: { file: string; message: string }[];
  /** With `ScanOptions.callSites`: every analysed file, in scan order. */
  analysed?: AnalysedFile[];
}

export interface ScanOptions {
  /** Findings listed here are left out of `findings` and counted in `baselined`. */
  baseline?: BaselineIndex;
  onProgress?: (done: number) => void;
  /** Also classify each file's authentication call sites into `ScanResult.analysed` (readiness report). */
  callSites?: boolean;
  /** Text to use instead of the file on disk (documents open in an editor), by absolute path. */
  texts?: ReadonlyMap<string, string>;
}

/** Path relative to the current directory with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}

export async function scanFiles(files: readonly string[], options: LintOptions, cwd: string, scan: ScanOptions = {}): Promise<ScanResult> {
  const result: ScanResult = { files: 0, findings: [], baselined: 0, suppressions: [], errors: [], ...(scan.callSites ? { analysed: [] } : {}) };
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const ruleErrorsSeen = new Set<string>();
  let done = 0;
  for (const file of files) {
    const shown = displayPath(file, cwd);
    scan.onProgress?.(++done);
    if (!languageOf(file)) {
      result.errors.push({ file: shown, message: 'skipped: not a file type partner-auth-lint reads' });
      continue;
    }
    const open = scan.texts?.get(file);
    let buf: Buffer | undefined;
    if (open === undefined) {
      try {
        buf = fs.readFileSync(file);
      } catch (e) {
        result.errors.push({ file: shown, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` });
        continue;
      }
    }
    const decoded = open !== undefined ? ({ ok: true, text: open } as const) : decodeSource(buf!);
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
      r.findings.forEach((f, i) => {
        if (scan.baseline?.has({ ruleId: f.ruleId, file: shown, fingerprint: prints[i] })) result.baselined++;
        else result.findings.push(toCli(f, shown, r.lines, prints[i]));
      });
      const silenced = new Map<Suppression, number>();
      for (const f of r.suppressed) {
        const s = findSuppression(r.suppressions, f.ruleId, r.lines.position(f.range.start).line);
        if (s) silenced.set(s, (silenced.get(s) ?? 0) + 1);
      }
      if (result.analysed) {
        const sites = classifyCallSites(r.model, file).map((s) => ({ ...pos(r.lines, s.range.start, s.range.end), kind: s.kind, api: s.api, ...(s.audience ? { audience: s.audience } : {}) }));
        result.analysed.push({ file: shown, language: r.language, callSites: sites });
      }
      for (const s of r.suppressions) {
        result.suppressions.push({ file: shown, line: s.line + 1, kind: s.kind, rules: s.rules, ...(s.reason ? { reason: s.reason } : {}), ...(s.until ? { until: s.until } : {}), expired: isExpired(s, today), suppressed: silenced.get(s) ?? 0 });
      }
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
