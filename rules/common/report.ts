// Small pieces every rule's check() needs: a finding's 1-based line for messages, and a reporter that keeps
// one finding per place when several checks reach the same code.
import type { Range } from '../model/types';
import type { Fix, RuleContext } from '../engine/types';

/** 1-based line of `offset` in the file (for messages such as "value from `X`, line 3"). */
export function lineOf(ctx: RuleContext, offset: number): number {
  return ctx.model.text.slice(0, offset).split(/\r\n|\r|\n/).length;
}

/** Report one finding; `fix` is built only when the finding is kept. */
export type ReportOnce = (range: Range, message: string, fix?: () => Fix | undefined, cover?: Range) => void;

/**
 * A reporter that drops a finding overlapping one already reported. `cover`, when given, is a wider range the
 * finding also claims (later findings inside it are dropped too).
 */
export function reportOnce(ctx: RuleContext): ReportOnce {
  const taken: Range[] = [];
  return (range, message, fix, cover) => {
    if (taken.some((t) => t.start < range.end && range.start < t.end)) return;
    taken.push(cover ?? range);
    if (cover) taken.push(range);
    const f = fix?.();
    ctx.report({ range, message, ...(f ? { fixes: [f] } : {}) });
  };
}
