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
import { keepHeapUnder } from '../common/heap';
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
  /** Where files are linted (`--jobs`: worker threads); default in-process, one file after another. */
  runner?: (job: ScanJob) => Promise<FileScan>;
  /** Files in flight at once with `runner` (the pool's capacity). */
  lanes?: number;
}

/** One file to scan, as plain data (it may cross to a worker thread). */
export interface ScanJob {
  file: string;
  /** The path shown in reports (and hashed into fingerprints). */
  shown: string;
  /** Editor text instead of the file on disk. */
  text?: string;
  options: LintOptions;
  callSites: boolean;
}

/** What one file contributes to a scan, before the baseline is applied. */
export interface FileScan {
  /** Counted in `ScanResult.files` (read and decoded). */
  counted: boolean;
  /** Why the file was not (fully) analysed. */
  error?: string;
  findings: CliFinding[];
  ruleErrors: { ruleId: string; message: string }[];
  suppressions: CliSuppression[];
  analysed?: AnalysedFile;
}

/** Path relative to the current directory with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}

export async function scanFiles(files: readonly string[], options: LintOptions, cwd: string, scan: ScanOptions = {}): Promise<ScanResult> {
  const result: ScanResult = { files: 0, findings: [], baselined: 0, suppressions: [], errors: [], ...(scan.callSites ? { analysed: [] } : {}) };
  // Plain-data options only cross to workers: a custom rule set stays in-process.
  const run = scan.runner && !options.ruleSet ? scan.runner : scanFile;
  const jobs: ScanJob[] = files.map((file) => {
    const text = scan.texts?.get(file);
    return { file, shown: displayPath(file, cwd), ...(text !== undefined ? { text } : {}), options, callSites: !!scan.callSites };
  });
  // Files are merged in scan order whatever order the workers finish in, so the output never depends on --jobs.
  const outs: (FileScan | undefined)[] = new Array(jobs.length);
  const ruleErrorsSeen = new Set<string>();
  let done = 0;
  let merged = 0;
  const merge = () => {
    for (; merged < outs.length && outs[merged]; merged++) {
      const out = outs[merged]!;
      outs[merged] = undefined; // merged: let it go
      const shown = jobs[merged].shown;
      if (out.counted) result.files++;
      if (out.error) result.errors.push({ file: shown, message: out.error });
      for (const e of out.ruleErrors) {
        if (ruleErrorsSeen.has(e.ruleId)) continue;
        ruleErrorsSeen.add(e.ruleId);
        result.errors.push({ file: shown, message: `rule ${e.ruleId} failed: ${e.message}` });
      }
      for (const f of out.findings) {
        if (scan.baseline?.has({ ruleId: f.ruleId, file: shown, fingerprint: f.fingerprint })) result.baselined++;
        else result.findings.push(f);
      }
      if (out.analysed) result.analysed?.push(out.analysed);
      result.suppressions.push(...out.suppressions);
    }
  };
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const i = next++;
      outs[i] = await run(jobs[i]);
      scan.onProgress?.(++done);
      merge();
    }
  };
  const lanes = run === scanFile ? 1 : Math.max(1, scan.lanes ?? 1);
  await Promise.all(Array.from({ length: Math.min(lanes, Math.max(1, jobs.length)) }, lane));
  return result;
}

/** Read, decode and lint one file; never throws (failures are `error`s). */
export async function scanFile(job: ScanJob): Promise<FileScan> {
  const out: FileScan = { counted: false, findings: [], ruleErrors: [], suppressions: [] };
  const { file, shown, options } = job;
  if (!languageOf(file)) return { ...out, error: 'skipped: not a file type partner-auth-lint reads' };
  let decoded: ReturnType<typeof decodeSource>;
  if (job.text !== undefined) decoded = { ok: true, text: job.text, encoding: 'utf8' };
  else {
    try {
      decoded = decodeSource(fs.readFileSync(file));
    } catch (e) {
      return { ...out, error: `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
    }
  }
  if (!decoded.ok) return { ...out, error: decoded.reason };
  out.counted = true;
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  try {
    // Findings only (no call sites): files without any rule's vocabulary are not even parsed (engine/prefilter.ts).
    const r = await lint(decoded.text, file, job.callSites ? options : { skipWithoutVocabulary: true, ...options });
    if (!r) return out;
    out.ruleErrors = r.ruleErrors;
    // Cut short by the time budget (what was found is still listed) or its grammar unavailable: say so.
    if (r.incomplete) out.error = r.incomplete.message;
    const prints = fingerprints(decoded.text, shown, r.findings);
    out.findings = r.findings.map((f, i) => toCli(f, shown, r.lines, prints[i]));
    const silenced = new Map<Suppression, number>();
    for (const f of r.suppressed) {
      const s = findSuppression(r.suppressions, f.ruleId, r.lines.position(f.range.start).line);
      if (s) silenced.set(s, (silenced.get(s) ?? 0) + 1);
    }
    if (job.callSites) {
      const sites = classifyCallSites(r.model, file).map((s) => ({ ...pos(r.lines, s.range.start, s.range.end), kind: s.kind, api: s.api, ...(s.audience ? { audience: s.audience } : {}) }));
      out.analysed = { file: shown, language: r.language, callSites: sites };
    }
    for (const s of r.suppressions) {
      out.suppressions.push({ file: shown, line: s.line + 1, kind: s.kind, rules: s.rules, ...(s.reason ? { reason: s.reason } : {}), ...(s.until ? { until: s.until } : {}), expired: isExpired(s, today), suppressed: silenced.get(s) ?? 0 });
    }
  } catch (e) {
    out.error = `cannot analyse: ${e instanceof Error ? e.message : String(e)}`;
  }
  keepHeapUnder();
  return out;
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
