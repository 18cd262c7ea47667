// A table-driven tree-sitter walker: expression handlers build Exprs, statement handlers record declarations,
// and everything without a handler is still descended into, so no call or string is ever missed.
import type { Expr, Range, UnknownExpr } from '../../model/types';
import { noteReference } from '../../model/types';
import type { Node } from '../treesitter';
import type { ModelBuilder } from './scoped-builder';

// Method-shaped so that a handler written for a language's walker subclass fits the base class's table.
export type ExprHandler<W> = { handle(n: Node, w: W): Expr }['handle'];
export type StmtHandler<W> = { handle(n: Node, w: W): void }['handle'];

export function rangeOf(n: Node): Range {
  return { start: n.startIndex, end: n.endIndex };
}

export abstract class Walker {
  protected abstract readonly exprHandlers: Readonly<Record<string, ExprHandler<Walker>>>;
  protected abstract readonly stmtHandlers: Readonly<Record<string, StmtHandler<Walker>>>;

  constructor(readonly b: ModelBuilder) {}

  expr(n: Node): Expr {
    return this.exprOf(n, n.type);
  }

  visit(n: Node): void {
    this.visitOf(n, n.type);
  }

  visitChildren(n: Node): void {
    for (const c of n.namedChildren) this.visitOf(c, c.type);
  }

  /** An unmodelled construct: keeps its text, and its sub-expressions as children (statements inside are visited). */
  unknown(n: Node, skip?: Node | null): UnknownExpr {
    const children: Expr[] = [];
    for (const c of n.namedChildren) {
      if (skip && c.id === skip.id) continue;
      // Reading a node's type crosses into wasm: read it once per node and dispatch on it.
      const t = c.type;
      if (this.stmtHandlers[t]) {
        this.visitOf(c, t);
        continue;
      }
      const e = this.exprOf(c, t);
      if (e.kind !== 'unknown' || e.children) children.push(e);
    }
    return this.b.unknown(rangeOf(n), children);
  }

  private exprOf(n: Node, t: string): Expr {
    // Too deep or out of time: the subtree stays unknown (the guard records it as an error range).
    if (!this.b.guard.enter(n.startIndex, n.endIndex)) return this.b.unknown(rangeOf(n));
    try {
      const h = this.exprHandlers[t];
      return h ? noteReference(this.b.model, h(n, this)) : this.unknown(n);
    } finally {
      this.b.guard.leave();
    }
  }

  private visitOf(n: Node, t: string): void {
    if (!this.b.guard.enter(n.startIndex, n.endIndex)) return;
    try {
      const s = this.stmtHandlers[t];
      if (s) return s(n, this);
      if (this.exprHandlers[t]) this.exprOf(n, t);
      else this.visitChildren(n);
    } finally {
      this.b.guard.leave();
    }
  }

  /** The first named child that is not a comment (parenthesized, await and similar wrappers). */
  inner(n: Node): Node | undefined {
    for (const c of n.namedChildren) if (!c.type.endsWith('comment')) return c;
    return undefined;
  }
}
