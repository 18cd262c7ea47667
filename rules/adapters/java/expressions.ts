// Java expressions other than calls and strings: names, field access, operators, lambdas, literals, arrays.
import type { Expr } from '../../model/types';
import type { Node } from '../treesitter';
import { assignment, binary, index, member } from '../common/operators';
import { rangeOf } from '../common/walker';
import { parameters } from './declarations';
import type { JavaWalker } from './walker';

function transparent(n: Node, w: JavaWalker): Expr {
  const inner = w.inner(n);
  return inner ? w.expr(inner) : w.b.unknown(rangeOf(n));
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
    return index(w.expr(arr), w.expr(idx), rangeOf(n));
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
