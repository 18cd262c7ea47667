// Walk state of the PowerShell adapter: the model being filled, the current scope and the parameters visible in it.
import type { Call, ConcatExpr, Expr, FileModel, Range, ScopeId, StringExpr, UnknownExpr } from '../../model/types';
import { WalkGuard, type Budget } from '../budget';
import type { Node } from '../treesitter';

export class Ctx {
  scope: ScopeId = 0;
  private nextScope = 1;
  private readonly parents: ScopeId[] = [0];
  /** Lower-cased parameter names per scope: PowerShell variables are case-insensitive. */
  private readonly params = new Map<ScopeId, Set<string>>();
  /** Strings and concatenations that became parts of a concatenation, so they are not top-level strings. */
  private readonly nested = new WeakSet<Expr>();
  private readonly stringCandidates: Expr[] = [];

  /** Depth and time limits of the walk. */
  readonly guard: WalkGuard;

  constructor(readonly model: FileModel, budget?: Budget) {
    this.guard = new WalkGuard(model.errors, model.text.length, budget);
  }

  range(n: Node): Range {
    return { start: n.startIndex, end: n.endIndex };
  }

  /** Runs `f` inside a new scope covering `n`; parameters declared in `f` belong to that scope. */
  inScope<T>(n: Node, f: () => T): T {
    const id = this.nextScope++;
    const parent = this.scope;
    this.parents[id] = parent;
    this.model.scopes.push({ id, parent, range: this.range(n) });
    this.scope = id;
    try {
      return f();
    } finally {
      this.scope = parent;
    }
  }

  addParameter(name: string, range: Range): void {
    let set = this.params.get(this.scope);
    if (!set) this.params.set(this.scope, (set = new Set()));
    set.add(name.toLowerCase());
    this.model.parameters.push({ name, scope: this.scope, range });
  }

  /** True when `name` is a parameter of the current scope or of one enclosing it (script blocks see their function's parameters). */
  isParameter(name: string): boolean {
    if (this.params.size === 0) return false;
    const lower = name.toLowerCase();
    for (let s = this.scope; ; s = this.parents[s]) {
      if (this.params.get(s)?.has(lower)) return true;
      if (s === 0) return false;
    }
  }

  addCall(call: Call): Call {
    this.model.calls.push(call);
    return call;
  }

  string(text: string, range: Range, contentRange: Range): StringExpr {
    const e: StringExpr = { kind: 'string', text, contentRange, range };
    this.stringCandidates.push(e);
    return e;
  }

  concat(parts: Expr[], range: Range): ConcatExpr {
    for (const p of parts) this.nested.add(p);
    const e: ConcatExpr = { kind: 'concat', parts, range };
    this.stringCandidates.push(e);
    return e;
  }

  /** Marks a string that another expression replaces (the literal format of `-f`, a flattened `+` chain). */
  absorb(e: Expr): void {
    this.nested.add(e);
  }

  unknown(n: Node, children?: Expr[]): UnknownExpr {
    const e: UnknownExpr = { kind: 'unknown', text: n.text, range: this.range(n) };
    if (children && children.length) e.children = children;
    return e;
  }

  /** Puts every list in source order; the walk records some facts after the ones they contain. */
  finish(): FileModel {
    const m = this.model;
    const byRange = (a: { range: Range }, b: { range: Range }) => a.range.start - b.range.start || a.range.end - b.range.end;
    m.calls.sort(byRange);
    m.assignments.sort(byRange);
    m.pairs.sort((a, b) => a.keyRange.start - b.keyRange.start);
    m.imports.sort(byRange);
    m.strings = this.stringCandidates.filter((s) => !this.nested.has(s)).sort((a, b) => a.range.start - b.range.start);
    return m;
  }
}
