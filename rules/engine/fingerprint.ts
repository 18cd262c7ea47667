// Content-based finding identity (SARIF partialFingerprints, baselines): survives unrelated edits
// and never hashes the flagged text itself, so a weak secret cannot be recovered from it.
import { createHash } from 'node:crypto';
import type { Finding } from './types';

/**
 * The flagged line with the flagged text replaced by its length, whitespace collapsed. The text of every
 * other finding on the line (`others`) is replaced the same way, so a secret flagged by one rule is not
 * hashed into the context of another rule's finding on the same line.
 */
export function findingContext(text: string, f: Finding, others: readonly Finding[] = []): string {
  const lineStart = text.lastIndexOf('\n', f.range.start - 1) + 1;
  let lineEnd = text.indexOf('\n', f.range.end);
  if (lineEnd < 0) lineEnd = text.length;
  const masked = [f, ...others.filter((o) => o !== f && o.range.start < lineEnd && o.range.end > lineStart && o.range.end > o.range.start)]
    .map((o) => ({ start: Math.max(o.range.start, lineStart), end: Math.min(o.range.end, lineEnd) }))
    .sort((a, b) => a.start - b.start);
  let out = '';
  let at = lineStart;
  for (const r of masked) {
    if (r.start < at) continue; // overlapping a range already masked
    out += `${text.slice(at, r.start)}<${r.end - r.start}>`;
    at = r.end;
  }
  return `${out}${text.slice(at, lineEnd)}`.replace(/\s+/g, ' ').trim();
}

/** Stable id of a finding: rule, file and context, plus its occurrence index among identical ones. */
export function fingerprints(text: string, file: string, findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const base = `${f.ruleId}\u0000${file}\u0000${findingContext(text, f, findings)}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return createHash('sha256').update(`${base}\u0000${n}`).digest('hex').slice(0, 32);
  });
}
