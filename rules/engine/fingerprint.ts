// Content-based finding identity (SARIF partialFingerprints, baselines): survives unrelated edits
// and never hashes the flagged text itself, so a weak secret cannot be recovered from it.
import { createHash } from 'node:crypto';
import type { Finding } from './types';

/** The flagged line with the flagged text replaced by its length, whitespace collapsed. */
export function findingContext(text: string, f: Finding): string {
  const lineStart = text.lastIndexOf('\n', f.range.start - 1) + 1;
  let lineEnd = text.indexOf('\n', f.range.end);
  if (lineEnd < 0) lineEnd = text.length;
  const before = text.slice(lineStart, f.range.start);
  const after = text.slice(f.range.end, lineEnd);
  return `${before}<${f.range.end - f.range.start}>${after}`.replace(/\s+/g, ' ').trim();
}

/** Stable id of a finding: rule, file and context, plus its occurrence index among identical ones. */
export function fingerprints(text: string, file: string, findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const base = `${f.ruleId}\u0000${file}\u0000${findingContext(text, f)}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return createHash('sha256').update(`${base}\u0000${n}`).digest('hex').slice(0, 32);
  });
}
