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

/**
 * Every expression of the model once, in visiting order. Kept per model (several rules and the resolver walk the
 * same model) and recomputed when one of the lists it starts from has grown (the resolver derives pairs).
 */
const ALL = new WeakMap<FileModel, { sizes: string; list: Expr[] }>();

function allExprs(model: FileModel): Expr[] {
  const sizes = `${model.calls.length} ${model.assignments.length} ${model.pairs.length} ${model.strings.length}`;
  const known = ALL.get(model);
  if (known?.sizes === sizes) return known.list;
  const list: Expr[] = [];
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
    list.push(e);
    for (const c of children(e)) push(c);
  }
  ALL.set(model, { sizes, list });
  return list;
}

/** Calls `visit` on every expression of the model exactly once. */
export function forEachExpr(model: FileModel, visit: (e: Expr) => void): void {
  for (const e of allExprs(model)) visit(e);
}
