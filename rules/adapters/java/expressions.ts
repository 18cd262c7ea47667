// Java expressions other than calls and strings: names, field access, operators, lambdas, literals, arrays.
import type { Expr, Range } from '../../model/types';
import type { Node } from '../treesitter';
import { pathOf } from '../common/paths';
import { rangeOf } from '../common/walker';
import { parameters } from './declarations';
import type { JavaWalker } from './walker';

function member(object: Expr, property: string, range: Range): Expr {
  return { kind: 'member', object, property, path: [...pathOf(object), property], range };
}

function transparent(n: Node, w: JavaWalker): Expr {
  const inner = w.inner(n);
  return inner ? w.expr(inner) : w.b.unknown(rangeOf(n));
}

function binary(n: Node, w: JavaWalker): Expr {
  const isPlus = (x: Node) => x.type === 'binary_expression' && x.childForFieldName('operator')?.type === '+';
  if (!isPlus(n)) return w.unknown(n);
  // Walk the left spine iteratively: long `a + b + c + ...` chains must not recurse per operand.
  const spine: Node[] = [];
  for (let cur: Node | null = n; cur && isPlus(cur); cur = cur.childForFieldName('left')) spine.push(cur);
  const leftmost = spine[spine.length - 1].childForFieldName('left');
  const first = leftmost ? w.expr(leftmost) : w.b.unknown(rangeOf(spine[spine.length - 1]));
  const rest: { expr: Expr; range: Range }[] = [];
  for (let i = spine.length - 1; i >= 0; i--) {
    const right = spine[i].childForFieldName('right');
    rest.push({ expr: right ? w.expr(right) : w.b.unknown(rangeOf(spine[i])), range: rangeOf(spine[i]) });
  }
  return w.b.foldPlus(first, rest);
}

function assignment(n: Node, w: JavaWalker): Expr {
  const left = n.childForFieldName('left');
  const right = n.childForFieldName('right');
  const op = n.childForFieldName('operator')?.type ?? '=';
  const target = left ? w.expr(left) : undefined;
  const rhs = right ? w.expr(right) : w.b.unknown(rangeOf(n));
  const value = op === '=' || !target ? rhs : w.b.augmented(target, op, rhs, rangeOf(n));
  if (target && left && (target.kind === 'name' || target.kind === 'member' || target.kind === 'index')) {
    w.b.assign(target.kind === 'name' ? [target.name] : target.path, rangeOf(left), value, rangeOf(n));
  }
  return w.b.unknown(rangeOf(n), [value]);
}

function lambda(n: Node, w: JavaWalker): Expr {
  w.b.enter(rangeOf(n));
  const params = n.childForFieldName('parameters');
  if (params?.type === 'identifier') w.b.param(params.text, rangeOf(params));
  else if (params) parameters(params, w);
  const body = n.childForFieldName('body');
  let result: Expr | undefined;
  if (body?.type === 'block') w.visit(body);
  else if (body) result = w.expr(body);
  w.b.leave();
  return w.b.unknown(rangeOf(n), result ? [result] : undefined);
}

function arrayInitializer(n: Node, w: JavaWalker): Expr {
  return { kind: 'array', items: n.namedChildren.filter((c) => !c.type.endsWith('comment')).map((c) => w.expr(c)), range: rangeOf(n) };
}

const literal = (n: Node, w: JavaWalker): Expr => w.b.literal(n.text, rangeOf(n));
const name = (n: Node, w: JavaWalker): Expr => w.b.name(n.text, rangeOf(n));

export const expressionHandlers = {
  identifier: name,
  this: name,
  super: name,
  type_identifier: name,
  field_access: (n: Node, w: JavaWalker): Expr => {
    const obj = n.childForFieldName('object');
    const field = n.childForFieldName('field');
    return obj && field ? member(w.expr(obj), field.text, rangeOf(n)) : w.unknown(n);
  },
  scoped_identifier: (n: Node, w: JavaWalker): Expr => {
    const scope = n.childForFieldName('scope');
    const nm = n.childForFieldName('name');
    return scope && nm ? member(w.expr(scope), nm.text, rangeOf(n)) : w.unknown(n);
  },
  array_access: (n: Node, w: JavaWalker): Expr => {
    const arr = n.childForFieldName('array');
    const idx = n.childForFieldName('index');
    if (!arr || !idx) return w.unknown(n);
    const object = w.expr(arr);
    const key = w.expr(idx);
    const path = key.kind === 'string' ? [...pathOf(object), key.text] : pathOf(object);
    return { kind: 'index', object, key, path, range: rangeOf(n) };
  },
  parenthesized_expression: transparent,
  cast_expression: (n: Node, w: JavaWalker): Expr => {
    const v = n.childForFieldName('value');
    return v ? w.expr(v) : w.unknown(n);
  },
  decimal_integer_literal: literal,
  hex_integer_literal: literal,
  octal_integer_literal: literal,
  binary_integer_literal: literal,
  decimal_floating_point_literal: literal,
  hex_floating_point_literal: literal,
  character_literal: literal,
  true: literal,
  false: literal,
  null_literal: literal,
  class_literal: (n: Node, w: JavaWalker): Expr => w.b.unknown(rangeOf(n)),
  binary_expression: binary,
  assignment_expression: assignment,
  lambda_expression: lambda,
  array_initializer: arrayInitializer,
  array_creation_expression: (n: Node, w: JavaWalker): Expr => {
    const init = n.childForFieldName('value');
    if (!init) return w.unknown(n, n.childForFieldName('type'));
    for (const d of n.namedChildren) if (d.type === 'dimensions_expr') w.visit(d);
    return { ...arrayInitializer(init, w), range: rangeOf(n) };
  },
};
