// Expression shapes C# and Java grammars share (same node and field names): `+` chains, assignments, member/index.
import type { Expr, IndexExpr, MemberExpr, Range } from '../../model/types';
import type { Node } from '../treesitter';
import { pathOf } from './paths';
import { rangeOf, type Walker } from './walker';

export function member(object: Expr, property: string, range: Range): MemberExpr {
  return { kind: 'member', object, property, path: [...pathOf(object), property], range };
}

export function index(object: Expr, key: Expr, range: Range): IndexExpr {
  const path = key.kind === 'string' ? [...pathOf(object), key.text] : pathOf(object);
  return { kind: 'index', object, key, path, range };
}

function isPlus(n: Node): boolean {
  return n.type === 'binary_expression' && n.childForFieldName('operator')?.type === '+';
}

/** `binary_expression`: a `+` chain folds into a concatenation when strings take part; other operators stay unknown. */
export function binary(n: Node, w: Walker): Expr {
  if (!isPlus(n)) return w.unknown(n);
  // Walk the left spine iteratively: long `a + b + c + ...` chains must not recurse once per operand.
  const spine: Node[] = [];
  for (let cur: Node | null = n; cur && isPlus(cur); cur = cur.childForFieldName('left')) spine.push(cur);
  const innermost = spine[spine.length - 1];
  const leftmost = innermost.childForFieldName('left');
  const first = leftmost ? w.expr(leftmost) : w.b.unknown(rangeOf(innermost));
  const rest: { expr: Expr; range: Range }[] = [];
  for (let i = spine.length - 1; i >= 0; i--) {
    const range = rangeOf(spine[i]);
    const right = spine[i].childForFieldName('right');
    rest.push({ expr: right ? w.expr(right) : w.b.unknown(range), range });
  }
  return w.b.foldPlus(first, rest);
}

/** `assignment_expression`: records the assignment when the target is a name, member or index. */
export function assignment(n: Node, w: Walker): Expr {
  const range = rangeOf(n);
  const left = n.childForFieldName('left');
  const right = n.childForFieldName('right');
  const op = n.childForFieldName('operator')?.type ?? '=';
  const target = left ? w.expr(left) : undefined;
  const rhs = right ? w.expr(right) : w.b.unknown(range);
  const value = op === '=' || !target ? rhs : w.b.augmented(target, op, rhs, range);
  if (target && left && (target.kind === 'name' || target.kind === 'member' || target.kind === 'index')) {
    w.b.assign(target.kind === 'name' ? [target.name] : target.path, rangeOf(left), value, range);
  }
  return w.b.unknown(range, [value]);
}
