// Bounds on one file's analysis: a time budget (parsing, the adapter walk, the rules) and a nesting limit
// for the recursive adapter walks. Neither ever throws into an adapter: a walk that runs out of time or
// depth stops descending and keeps the model of what it has read.
import { performance } from 'node:perf_hooks';
import type { Range } from '../model/types';

/** Per-file time budget of the CLI and the language server (LintOptions.budgetMs). */
export const DEFAULT_BUDGET_MS = 10_000;

/**
 * Walk levels (expression and statement handlers on the stack) an adapter descends at most. Deeper subtrees
 * are recorded as errors and not modelled, so a file nested thousands deep (generated code, hostile input)
 * still yields the model of the rest of it instead of a stack overflow that loses the whole file.
 */
export const MAX_WALK_DEPTH = 400;

/** A deadline, checked cheaply; once it has passed it stays passed (`cut`). */
export class Budget {
  /** True once a check found the deadline passed. */
  cut = false;
  private ticks = 0;

  constructor(
    readonly deadline: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** A budget of `ms` from now; `ms` <= 0, NaN or Infinity: no limit. */
  static of(ms: number | undefined, clock: () => number = () => performance.now()): Budget {
    return new Budget(ms !== undefined && ms > 0 && Number.isFinite(ms) ? clock() + ms : Infinity, clock);
  }

  /** A budget that ends earlier: `share` of the time left until this one's deadline. */
  part(share: number): Budget {
    if (this.deadline === Infinity) return new Budget(Infinity, this.clock);
    const now = this.clock();
    return new Budget(now + Math.max(0, this.deadline - now) * share, this.clock);
  }

  expired(): boolean {
    if (this.cut) return true;
    if (this.deadline === Infinity || this.clock() < this.deadline) return false;
    this.cut = true;
    return true;
  }

  /** For hot loops: reads the clock on every 64th call only. */
  tick(): boolean {
    if (this.cut) return true;
    return (++this.ticks & 63) === 0 && this.expired();
  }
}

/**
 * Guards an adapter's recursive walk: `enter` at every expression or statement handler, `leave` after it.
 * When the walk is nested too deeply or out of time, `enter` returns false and records the node's range
 * (out of time: from there to the end of the file) as an error; the caller then returns an unknown
 * expression without descending.
 */
export class WalkGuard {
  private depth = 0;
  private stoppedAt = -1;

  constructor(
    private readonly errors: Range[],
    private readonly textLength: number,
    readonly budget?: Budget,
  ) {}

  enter(start: number, end: number): boolean {
    if (this.stoppedAt >= 0 || this.budget?.tick()) {
      if (this.stoppedAt < 0) {
        this.stoppedAt = start;
        this.errors.push({ start: Math.min(start, this.textLength), end: this.textLength });
      }
      return false;
    }
    if (this.depth >= MAX_WALK_DEPTH) {
      this.errors.push({ start: Math.min(start, this.textLength), end: Math.min(Math.max(start, end), this.textLength) });
      return false;
    }
    this.depth++;
    return true;
  }

  leave(): void {
    if (this.depth > 0) this.depth--;
  }

  /** True when the walk ran out of time (the model covers the text before that point only). */
  get outOfTime(): boolean {
    return this.stoppedAt >= 0;
  }
}

/** Tree-sitter's progress callback: cancels the parse once `budget` has run out. */
export function parseProgress(budget: Budget | undefined): { progressCallback: () => boolean } | undefined {
  return budget && budget.deadline !== Infinity ? { progressCallback: () => budget.expired() } : undefined;
}
