// Visits every expression reachable from a FileModel once (calls, assignments, pairs, strings).
import type { Call, Expr, FileModel } from '../model/types';

/** Direct sub-expressions of `e` (not following resolved definitions). */
export function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'concat':
      return e.parts;
    case 'member':
      return [e.object];
    case 'index':
      return [e.object, e.key];
    case 'call':
      return callExprs(e.call);
    case 'object':
      return [...e.entries.map((p) => p.value), ...e.spreads];
    case 'array':
      return e.items;
    case 'spread':
      return [e.argument];
    case 'unknown':
      return e.children ?? [];
    default:
      return [];
  }
}

export function callExprs(c: Call): Expr[] {
  const out: Expr[] = [];
  if (c.receiver) out.push(c.receiver);
  if (c.input) out.push(c.input);
  out.push(...c.args);
  for (const n of c.named) if (n.value) out.push(n.value);
  return out;
}

/** Calls `visit` on every expression of the model exactly once. */
export function forEachExpr(model: FileModel, visit: (e: Expr) => void): void {
  const seen = new Set<Expr>();
  const stack: Expr[] = [];
  const push = (e: Expr | undefined) => {
    if (e && !seen.has(e)) {
      seen.add(e);
      stack.push(e);
    }
  };
  for (const c of model.calls) for (const e of callExprs(c)) push(e);
  for (const a of model.assignments) push(a.value);
  for (const p of model.pairs) push(p.value);
  for (const s of model.strings) push(s);
  while (stack.length) {
    const e = stack.pop()!;
    visit(e);
    for (const c of children(e)) push(c);
  }
}
