// `partner-auth-lint fix`: applies the fixes rules mark safe (behaviour-preserving), file by file,
// until no safe fix is left (at most 10 passes); `--dry-run` prints a unified diff instead of writing.
import * as fs from 'node:fs';
import { createTwoFilesPatch } from 'diff';
import { lint, type LintOptions } from '../../rules/engine/lint';
import { decodeSource, encodeSource } from '../../rules/engine/source';
import { applyEdits, combineFixes } from '../../rules/fixes/edits';
import type { Fix } from '../../rules/engine/types';
import { displayPath } from './scan';

const MAX_PASSES = 10;

export interface FixOutcome {
  file: string;
  /** Problems fixed in this file. */
  fixed: number;
  before: string;
  after: string;
}

/** Safe fixes applied to one text until none is left; `fixed` counts the findings they resolved. */
export async function fixText(text: string, file: string, options: LintOptions): Promise<{ text: string; fixed: number }> {
  let current = text;
  let fixed = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const r = await lint(current, file, options);
    if (!r) break;
    const safe = r.findings.map((f) => f.fixes.find((x) => x.safe)).filter((x): x is Fix => !!x);
    if (!safe.length) break;
    const { chosen, edits } = combineFixes(safe);
    const next = applyEdits(current, edits);
    if (next === current) break;
    current = next;
    fixed += chosen.length;
  }
  return { text: current, fixed };
}

export async function fixFiles(files: readonly string[], options: LintOptions, cwd: string, dryRun: boolean): Promise<{ outcomes: FixOutcome[]; errors: { file: string; message: string }[] }> {
  const outcomes: FixOutcome[] = [];
  const errors: { file: string; message: string }[] = [];
  for (const file of files) {
    const shown = displayPath(file, cwd);
    let decoded;
    try {
      decoded = decodeSource(fs.readFileSync(file));
    } catch (e) {
      errors.push({ file: shown, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` });
      continue;
    }
    if (!decoded.ok) continue; // binary or oversized: nothing to fix, and scan reports it
    try {
      const { text, fixed } = await fixText(decoded.text, file, options);
      if (!fixed || text === decoded.text) continue;
      if (!dryRun) fs.writeFileSync(file, encodeSource(text, decoded.encoding));
      outcomes.push({ file: shown, fixed, before: decoded.text, after: text });
    } catch (e) {
      errors.push({ file: shown, message: `cannot fix: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  return { outcomes, errors };
}

export function unifiedDiff(o: FixOutcome): string {
  return createTwoFilesPatch(`a/${o.file}`, `b/${o.file}`, o.before, o.after, undefined, undefined, { context: 3 }).replace(/^=+\n/, '');
}
