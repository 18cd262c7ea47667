// Content-based finding identity (SARIF partialFingerprints, baselines): survives unrelated edits
// and never hashes the flagged text itself, so a weak secret cannot be recovered from it.
import { createHash } from 'node:crypto';
import type { Finding } from './types';

/** Values that may be secrets: quoted text, and 8+ character runs mixing letters and digits (keys, tokens, passwords). */
const MAYBE_SECRET = /(["'])(?:(?!\1).)*\1|[A-Za-z0-9~._+/-][A-Za-z0-9~._+/=-]{7,}/g;

function maskValues(part: string): string {
  return part.replace(MAYBE_SECRET, (m) => (/^["']/.test(m) || (/[0-9]/.test(m) && /[A-Za-z]/.test(m)) ? `<${m.length}>` : m));
}

/**
 * The flagged line with the flagged text replaced by its length and every value that may be a secret
 * (quoted text, letter-and-digit runs) replaced the same way, whitespace collapsed. It depends on the
 * line alone, not on which other rules flag it, so baselines stay valid when rules are switched on or off,
 * and no secret on the line (flagged or not) is hashed.
 */
export function findingContext(text: string, f: Finding): string {
  const lineStart = text.lastIndexOf('\n', f.range.start - 1) + 1;
  let lineEnd = text.indexOf('\n', f.range.end);
  if (lineEnd < 0) lineEnd = text.length;
  const before = maskValues(text.slice(lineStart, f.range.start));
  const after = maskValues(text.slice(f.range.end, lineEnd));
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
