// Suppression comments: `partner-auth-lint-disable-next-line <rule>[, <rule>] -- reason[, until YYYY-MM-DD]`,
// `partner-auth-lint-disable-line`, and `partner-auth-lint-disable` / `-enable` for the rest of a file.
// The reason follows ` -- ` or, where `--` cannot be written (inside XML comments), `: `.
import type { Comment } from '../model/types';
import type { LineIndex } from './lines';

export type SuppressionKind = 'next-line' | 'line' | 'file';

export interface Suppression {
  kind: SuppressionKind;
  /** Empty means every rule. */
  rules: string[];
  reason?: string;
  /** ISO date (YYYY-MM-DD) after which the suppression no longer applies. */
  until?: string;
  /** 0-based lines it covers: [from, to] inclusive. */
  from: number;
  to: number;
  /** Where the comment is (0-based line) and its offsets. */
  line: number;
  start: number;
  end: number;
}

const DIRECTIVE = /partner-auth-lint-(disable-next-line|disable-line|disable|enable)(?![\w-])([^\n]*)/;
const UNTIL = /(?:^|[\s,;])until\s+(\d{4}-\d{2}-\d{2})\b/i;

export function parseSuppressions(comments: readonly Comment[], lines: LineIndex): Suppression[] {
  const out: Suppression[] = [];
  const open: Suppression[] = [];
  const sorted = [...comments].sort((a, b) => a.range.start - b.range.start);
  for (const c of sorted) {
    const m = DIRECTIVE.exec(c.text);
    if (!m) continue;
    const body = m[2].replace(/\s*(\*\/|-->|#>)\s*$/, '');
    const sep = /\s--(?:\s|$)|:(?:\s|$)/.exec(body);
    const ids = sep ? body.slice(0, sep.index) : body;
    const reasonText = sep ? body.slice(sep.index + sep[0].length).trim() : '';
    const rules = ids.split(/[\s,]+/).filter((r) => /^[a-z][a-z0-9-]*$/.test(r));
    const untilMatch = UNTIL.exec(reasonText);
    const until = untilMatch?.[1];
    // The reason is what the author wrote besides the expiry: `-- until 2027-01-01` alone gives no reason.
    const reason = (untilMatch ? reasonText.slice(0, untilMatch.index) + reasonText.slice(untilMatch.index + untilMatch[0].length) : reasonText).trim().replace(/^[,;]\s*|\s*[,;]$/g, '') || undefined;
    const line = lines.position(c.range.start).line;
    const endLine = lines.position(c.range.end).line;
    const base = { rules, reason, until, line, start: c.range.start, end: c.range.end };
    switch (m[1]) {
      case 'disable-next-line':
        out.push({ kind: 'next-line', from: endLine + 1, to: endLine + 1, ...base });
        break;
      case 'disable-line':
        out.push({ kind: 'line', from: line, to: endLine, ...base });
        break;
      case 'disable': {
        const s: Suppression = { kind: 'file', from: line, to: Number.MAX_SAFE_INTEGER, ...base };
        out.push(s);
        open.push(s);
        break;
      }
      case 'enable':
        for (const s of open) if (s.to === Number.MAX_SAFE_INTEGER && (rules.length === 0 || s.rules.some((r) => rules.includes(r)))) s.to = line;
        break;
    }
  }
  return out;
}

/** The suppression that covers `ruleId` on `line`, if any (expired ones included; the caller decides). */
export function findSuppression(list: readonly Suppression[], ruleId: string, line: number): Suppression | undefined {
  return list.find((s) => line >= s.from && line <= s.to && (s.rules.length === 0 || s.rules.includes(ruleId)));
}

export function isExpired(s: Suppression, today: string): boolean {
  return s.until !== undefined && s.until < today;
}
