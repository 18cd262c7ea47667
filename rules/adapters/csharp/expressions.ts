// C# expressions other than calls and strings: names, member chains, operators, lambdas, literals, collections.
import type { Expr, Pair } from '../../model/types';
import type { Node } from '../treesitter';
import { assignment, binary, index, member } from '../common/operators';
import { rangeOf } from '../common/walker';
import { parameterList } from './declarations';
import type { CsWalker } from './walker';

/** The identifier of a name node with generic arguments stripped (`Foo<T>` -> `Foo`). */
export function simpleName(n: Node): Node {
  return n.type === 'generic_name' ? (n.namedChildren.find((c) => c.type === 'identifier') ?? n) : n;
}

/** The expression of an `argument` node, skipping its `name:` and ref/out/in. */
export function argumentValue(arg: Node): Node | undefined {
  const children = arg.children;
  for (let i = children.length - 1; i >= 0; i--) {
    const c = children[i];
    const t = c.type;
    if (t === ':') break;
    if (t === 'this' || t === 'base' || (t !== 'comment' && c.isNamed)) return c;
  }
  return undefined;
}

function bindingOn(object: Expr, binding: Node, n: Node, w: CsWalker): Expr {
  if (binding.type === 'member_binding_expression') {
    const name = binding.childForFieldName('name');
    if (name) return member(object, simpleName(name).text, rangeOf(n));
  } else if (binding.type === 'element_binding_expression') {
    const arg = binding.namedChildren.find((c) => c.type === 'argument');
    const v = arg && argumentValue(arg);
    if (v) return index(object, w.expr(v), rangeOf(n));
  }
  return w.b.unknown(rangeOf(n), [object, w.expr(binding)]);
}

function transparent(n: Node, w: CsWalker): Expr {
  const inner = w.inner(n);
  return inner ? w.expr(inner) : w.b.unknown(rangeOf(n));
}

function lambda(n: Node, w: CsWalker): Expr {
  w.b.enter(rangeOf(n));
  const params = n.childForFieldName('parameters');
  if (params?.type === 'implicit_parameter' || params?.type === 'identifier') w.b.param(params.text, rangeOf(params));
  else if (params) parameterList(params, w);
  const body = n.childForFieldName('body') ?? n.namedChildren.find((c) => c.type === 'block');
  let result: Expr | undefined;
  if (body?.type === 'block') w.visit(body);
  else if (body) result = w.expr(body);
  w.b.leave();
  return w.b.unknown(rangeOf(n), result ? [result] : undefined);
}

function anonymousObject(n: Node, w: CsWalker, prefix: string[] = []): Expr {
  const entries: Pair[] = [];
  const children = n.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (!c.isNamed || c.type === 'comment') continue;
    const next = children[i + 1];
    if (c.type === 'identifier' && next?.type === '=') {
      const valueNode = children[i + 2];
      if (!valueNode) break;
      const key = c.text;
      const value = valueNode.type === 'anonymous_object_creation_expression' ? anonymousObject(valueNode, w, [...prefix, key]) : w.expr(valueNode);
      entries.push(w.b.pair(key, rangeOf(c), value, { start: c.startIndex, end: valueNode.endIndex }, 'object', [...prefix, key]));
      i += 2;
    } else {
      // Projection initializer `new { user, x.Name }`: the member name is the key.
      const value = w.expr(c);
      const key = value.kind === 'name' ? value.name : value.kind === 'member' ? value.property : undefined;
      if (key) entries.push(w.b.pair(key, rangeOf(c), value, rangeOf(c), 'object', [...prefix, key]));
    }
  }
  return w.b.object(entries, rangeOf(n));
}

function arrayOf(n: Node, w: CsWalker): Expr {
  const init = n.type === 'initializer_expression' ? n : n.namedChildren.find((c) => c.type === 'initializer_expression');
  if (!init) return w.unknown(n);
  if (init !== n) for (const c of n.namedChildren) if (c.id !== init.id && c.type !== 'comment' && !c.type.endsWith('type')) w.visit(c);
  return { kind: 'array', items: init.namedChildren.filter((c) => c.type !== 'comment').map((c) => w.expr(c)), range: rangeOf(n) };
}

function collection(n: Node, w: CsWalker): Expr {
  const items: Expr[] = [];
  for (const el of n.namedChildren) {
    const inner = el.type === 'collection_element' ? w.inner(el) : el;
    if (!inner || inner.type === 'comment') continue;
    const v = inner.type === 'expression_element' ? w.inner(inner) : inner.type === 'spread_element' ? w.inner(inner) : inner;
    if (!v) continue;
    const e = w.expr(v);
    items.push(inner.type === 'spread_element' ? { kind: 'spread', argument: e, range: rangeOf(inner) } : e);
  }
  return { kind: 'array', items, range: rangeOf(n) };
}

const literal = (n: Node, w: CsWalker): Expr => w.b.literal(n.text, rangeOf(n));
const opaque = (n: Node, w: CsWalker): Expr => w.b.unknown(rangeOf(n));
const name = (n: Node, w: CsWalker): Expr => w.b.name(n.text, rangeOf(n));

export const expressionHandlers = {
  identifier: name,
  this: name,
  base: name,
  predefined_type: name,
  generic_name: (n: Node, w: CsWalker): Expr => w.b.name(simpleName(n).text, rangeOf(n)),
  alias_qualified_name: (n: Node, w: CsWalker): Expr => {
    const alias = n.childForFieldName('alias');
    const nm = n.childForFieldName('name');
    return alias?.text === 'global' && nm ? w.expr(nm) : w.b.name(n.text, rangeOf(n));
  },
  qualified_name: (n: Node, w: CsWalker): Expr => {
    const q = n.childForFieldName('qualifier');
    const nm = n.childForFieldName('name');
    return q && nm ? member(w.expr(q), simpleName(nm).text, rangeOf(n)) : w.unknown(n);
  },
  member_access_expression: (n: Node, w: CsWalker): Expr => {
    const obj = n.childForFieldName('expression');
    const nm = n.childForFieldName('name');
    return obj && nm ? member(w.expr(obj), simpleName(nm).text, rangeOf(n)) : w.unknown(n);
  },
  conditional_access_expression: (n: Node, w: CsWalker): Expr => {
    const cond = n.childForFieldName('condition');
    const binding = n.namedChildren.find((c) => c.id !== cond?.id && c.type !== 'comment');
    return cond && binding ? bindingOn(w.expr(cond), binding, n, w) : w.unknown(n);
  },
  element_access_expression: (n: Node, w: CsWalker): Expr => {
    const obj = n.childForFieldName('expression');
    const sub = n.childForFieldName('subscript');
    const args = sub?.namedChildren.filter((c) => c.type === 'argument') ?? [];
    const v = args[0] && argumentValue(args[0]);
    if (!obj || !v) return w.unknown(n);
    const e = index(w.expr(obj), w.expr(v), rangeOf(n));
    for (const extra of args.slice(1)) w.visit(extra);
    return e;
  },
  argument: (n: Node, w: CsWalker): Expr => {
    const v = argumentValue(n);
    return v ? w.expr(v) : w.b.unknown(rangeOf(n));
  },
  declaration_expression: (n: Node, w: CsWalker): Expr => {
    const nm = n.childForFieldName('name');
    return nm?.type === 'identifier' ? w.b.name(nm.text, rangeOf(nm)) : w.unknown(n);
  },
  parenthesized_expression: transparent,
  await_expression: transparent,
  cast_expression: (n: Node, w: CsWalker): Expr => {
    const v = n.childForFieldName('value');
    return v ? w.expr(v) : w.unknown(n);
  },
  as_expression: (n: Node, w: CsWalker): Expr => {
    const v = n.childForFieldName('left');
    return v ? w.expr(v) : w.unknown(n);
  },
  postfix_unary_expression: (n: Node, w: CsWalker): Expr => (n.lastChild?.type === '!' ? transparent(n, w) : w.unknown(n)),
  integer_literal: literal,
  real_literal: literal,
  boolean_literal: literal,
  null_literal: literal,
  character_literal: literal,
  typeof_expression: opaque,
  default_expression: opaque,
  sizeof_expression: opaque,
  binary_expression: binary,
  assignment_expression: assignment,
  lambda_expression: lambda,
  anonymous_method_expression: lambda,
  anonymous_object_creation_expression: (n: Node, w: CsWalker): Expr => anonymousObject(n, w),
  array_creation_expression: arrayOf,
  implicit_array_creation_expression: arrayOf,
  stackalloc_expression: arrayOf,
  implicit_stackalloc_expression: arrayOf,
  initializer_expression: arrayOf,
  collection_expression: collection,
};
