// PowerShell hashtable literals `@{ k = v; 'k2' = v2 }` -> ObjectExpr plus one Pair per entry (nested keys get the full path).
import type { Expr, ObjectExpr, Pair } from '../../model/types';
import type { Node } from '../treesitter';
import type { Ctx } from './context';
import { expr } from './expr';
import { unwrap } from './nodes';
import { statementValue, visit } from './statements';

export function hashtable(ctx: Ctx, n: Node, prefix: string[], typeName?: string): ObjectExpr {
  const obj: ObjectExpr = { kind: 'object', entries: [], spreads: [], range: ctx.range(n) };
  if (typeName) obj.typeName = typeName;
  const body = n.namedChildren.find((c) => c.type === 'hash_literal_body');
  for (const c of n.namedChildren) if (c.type === 'ERROR') visit(ctx, c);
  if (!body) return obj;
  for (const entry of body.namedChildren) {
    if (entry.type !== 'hash_entry') {
      if (entry.type !== 'comment') visit(ctx, entry);
      continue;
    }
    const pair = hashEntry(ctx, entry, prefix);
    if (pair) obj.entries.push(pair);
  }
  return obj;
}

function hashEntry(ctx: Ctx, entry: Node, prefix: string[]): Pair | undefined {
  const keyNode = entry.namedChildren.find((c) => c.type === 'key_expression');
  const valueNode = entry.namedChildren.find((c) => c.type !== 'key_expression' && c.type !== 'comment');
  const key = keyNode ? keyText(ctx, keyNode) : undefined;
  // Values under a computed key are still walked, but their nested keys cannot have a path.
  const path = key === undefined ? [] : [...prefix, key];
  const value: Expr = valueNode ? statementValue(ctx, valueNode, path) : ctx.unknown(entry);
  if (key === undefined || !keyNode) return undefined;
  const pair: Pair = { key, keyRange: ctx.range(keyNode), value, range: ctx.range(entry), container: 'hashtable', path, scope: ctx.scope };
  ctx.model.pairs.push(pair);
  return pair;
}

/** Bare-word, quoted and numeric keys; computed keys (`$k = 1`, `(Get-X) = 1`) give undefined. */
function keyText(ctx: Ctx, keyNode: Node): string | undefined {
  const k = unwrap(keyNode);
  if (k.type === 'simple_name') return k.text;
  if (k.type === 'integer_literal' || k.type === 'real_literal') return k.text;
  const e = expr(ctx, k);
  if (e.kind === 'string') {
    ctx.absorb(e);
    return e.text;
  }
  return undefined;
}
