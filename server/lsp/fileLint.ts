// Lints one file from disk for the workspace scan and file-change updates: read, decode (as the CLI does),
// lint, convert to diagnostics with each finding's baseline fingerprint. Runs in a scan worker or in-process;
// everything in and out is plain data (structured-clone safe).
import * as fs from 'node:fs';
import { fingerprints } from '../../rules/engine/fingerprint';
import { lint, type LintOptions } from '../../rules/engine/lint';
import { decodeSource } from '../../rules/engine/source';
import type { Item } from './baselines';
import { incompleteDiagnostic, toDiagnostic } from './diagnostics';

export interface FileJob {
  file: string;
  /** Path relative to the workspace folder (forward slashes): the baseline key and the fingerprint input. */
  rel?: string;
  /** Plain-data options (no `ruleSet`): they cross a worker boundary. */
  options: LintOptions;
}

export type FileOutcome =
  /** `unavailable`: the file's language is not analysed (its grammar failed to load), to be logged once. */
  | { ok: true; items: Item[]; ruleErrors: string[]; unavailable?: string }
  /** Not analysed: unreadable, binary, too large or the engine failed (the reason never quotes the file). */
  | { ok: false; reason: string };

export async function lintFileOnDisk(job: FileJob): Promise<FileOutcome> {
  let buf: Buffer;
  try {
    buf = await fs.promises.readFile(job.file);
  } catch (e) {
    return { ok: false, reason: `cannot read: ${(e as NodeJS.ErrnoException).code ?? 'error'}` };
  }
  const decoded = decodeSource(buf);
  if (!decoded.ok) return { ok: false, reason: decoded.reason };
  try {
    const r = await lint(decoded.text, job.file, job.options);
    if (!r) return { ok: true, items: [], ruleErrors: [] };
    const prints = job.rel ? fingerprints(decoded.text, job.rel, r.findings) : [];
    const items: Item[] = r.findings.map((f, i) => ({ diagnostic: toDiagnostic(f, r.lines), ...(prints[i] ? { fingerprint: prints[i] } : {}) }));
    // Cut short by the time budget: the findings so far, and a diagnostic that says so (as for an open document).
    if (r.incomplete?.kind === 'cut-short') items.push({ diagnostic: incompleteDiagnostic(r.incomplete.message) });
    return {
      ok: true,
      items,
      ruleErrors: r.ruleErrors.map((e) => e.ruleId),
      ...(r.incomplete?.kind === 'language-unavailable' ? { unavailable: r.incomplete.message } : {}),
    };
  } catch (e) {
    return { ok: false, reason: `cannot analyse: ${e instanceof Error ? e.name : 'error'}` };
  }
}
