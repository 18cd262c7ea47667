// Python expressions -> shared Expr: names, members, subscripts, literals, collections, operators and scoped lambdas.
import type { Node } from 'web-tree-sitter';
import type { ArrayExpr, Expr, IndexExpr, MemberExpr, ObjectExpr, Pair } from '../../model/types';
import { noteReference } from '../../model/types';
import { isStringLike } from '../common/model-collector';
import { pathOf } from '../common/paths';
import { callExpr } from './calls';
import { type PyContext, rng } from './context';
import { assignment, bindParameters, forInClause } from './defs';
import { percentFormat } from './format';
import { concatenatedString, keyText, stringExpr } from './strings';
import { isStatement, visit } from './walker';

const LITERALS = new Set(['integer', 'float', 'true', 'false', 'none', 'ellipsis']);
const ARRAYS = new Set(['list', 'tuple', 'set', 'expression_list', 'pattern_list', 'tuple_pattern', 'list_pattern']);
/** Syntax that carries no value (annotations, punctuation-like nodes): never turned into children. */
const SKIP = new Set(['comment', 'type', 'type_conversion', 'format_specifier', 'line_continuation']);

/** Converts `n` in `scope`; `path` is the key path when `n` is a value nested in a dict literal. */
export function expr(ctx: PyContext, n: Node, scope: number, path: string[] = [], type = n.type): Expr {
  // Too deep or out of time: the subtree stays unknown (the guard records it as an error range).
  if (!ctx.b.guard.enter(n.startIndex, n.endIndex)) return ctx.unknown(n);
  try {
    return noteReference(ctx.b.model, convert(ctx, n, scope, path, type));
  } finally {
    ctx.b.guard.leave();
  }
}

function convert(ctx: PyContext, n: Node, scope: number, path: string[], type: string): Expr {
  // `type` is passed by callers that already read it: every Node.type read is a call into wasm.
  switch (type) {
    case 'identifier':
      return ctx.b.name(n.text, scope, rng(n));
    case 'string':
      return stringExpr(ctx, n, scope);
    case 'concatenated_string':
      return concatenatedString(ctx, n, scope);
    case 'attribute':
      return attribute(ctx, n, scope);
    case 'subscript':
      return subscript(ctx, n, scope);
    case 'call':
      return callExpr(ctx, n, scope, path);
    case 'parenthesized_expression':
    case 'await': {
      const inner = valueChild(n);
      return inner ? expr(ctx, inner, scope, path) : ctx.unknown(n);
    }
    case 'dictionary':
      return dictionary(ctx, n, scope, path);
    case 'binary_operator':
      return binary(ctx, n, scope);
    case 'lambda':
    case 'list_comprehension':
    case 'set_comprehension':
    case 'dictionary_comprehension':
    case 'generator_expression':
      return scoped(ctx, n, scope);
    case 'named_expression': {
      const name = n.childForFieldName('name');
      const valueNode = n.childForFieldName('value');
      if (!name || !valueNode) return generic(ctx, n, scope);
      const value = expr(ctx, valueNode, scope);
      ctx.b.assign([name.text], rng(name), value, rng(n), scope);
      return value;
    }
    case 'assignment':
    case 'augmented_assignment':
      return assignment(ctx, n, scope);
    case 'list_splat':
    case 'dictionary_splat': {
      const inner = valueChild(n);
      return { kind: 'spread', argument: inner ? expr(ctx, inner, scope) : ctx.unknown(n), range: rng(n) };
    }
    default:
      if (LITERALS.has(type)) return { kind: 'literal', text: n.text, range: rng(n) };
      if (ARRAYS.has(type)) return array(ctx, n, scope, path);
      return generic(ctx, n, scope);
  }
}

/** The first named child that is not a comment. */
export function valueChild(n: Node): Node | null {
  for (const c of n.namedChildren) if (c.type !== 'comment') return c;
  return null;
}

/** Anything not modelled: an UnknownExpr whose children are its sub-expressions (statements inside are walked). */
export function generic(ctx: PyContext, n: Node, scope: number): Expr {
  const children: Expr[] = [];
  for (const c of n.namedChildren) {
    const t = c.type;
    if (SKIP.has(t)) continue;
    if (isStatement(t)) visit(ctx, c, scope, t);
    else children.push(expr(ctx, c, scope, [], t));
  }
  return ctx.unknown(n, children);
}

function attribute(ctx: PyContext, n: Node, scope: number): Expr {
  const objNode = n.childForFieldName('object');
  const attr = n.childForFieldName('attribute');
  if (!objNode || !attr) return generic(ctx, n, scope);
  const object = expr(ctx, objNode, scope);
  const e: MemberExpr = { kind: 'member', object, property: attr.text, path: [...pathOf(object), attr.text], range: rng(n) };
  return e;
}

function subscript(ctx: PyContext, n: Node, scope: number): Expr {
  const valueNode = n.childForFieldName('value');
  const subs = n.childrenForFieldName('subscript');
  if (!valueNode || subs.length === 0) return generic(ctx, n, scope);
  const object = expr(ctx, valueNode, scope);
  const key: Expr = subs.length === 1 ? expr(ctx, subs[0], scope) : { kind: 'unknown', text: n.text.slice(subs[0].startIndex - n.startIndex, subs[subs.length - 1].endIndex - n.startIndex), range: { start: subs[0].startIndex, end: subs[subs.length - 1].endIndex }, children: subs.map((s) => expr(ctx, s, scope)) };
  const path = key.kind === 'string' ? [...pathOf(object), key.text] : pathOf(object);
  const e: IndexExpr = { kind: 'index', object, key, path, range: rng(n) };
  return e;
}

function array(ctx: PyContext, n: Node, scope: number, path: string[]): ArrayExpr {
  const items: Expr[] = [];
  for (const c of n.namedChildren) {
    const t = c.type;
    if (t !== 'comment') items.push(expr(ctx, c, scope, path, t));
  }
  return { kind: 'array', items, range: rng(n) };
}

function dictionary(ctx: PyContext, n: Node, scope: number, path: string[]): ObjectExpr {
  const entries: Pair[] = [];
  const spreads: Expr[] = [];
  for (const c of n.namedChildren) {
    const t = c.type;
    if (t === 'pair') {
      const keyNode = c.childForFieldName('key');
      const valueNode = c.childForFieldName('value');
      if (!keyNode || !valueNode) continue;
      const key = keyText(keyNode);
      // A computed key (a variable, an f-string) is no pair, but its calls and strings still count.
      if (key === undefined) expr(ctx, keyNode, scope);
      const value = expr(ctx, valueNode, scope, key === undefined ? [] : [...path, key]);
      if (key !== undefined) entries.push(ctx.b.pair(key, rng(keyNode), value, rng(c), 'dict', [...path, key], scope));
    } else if (t === 'dictionary_splat') {
      const inner = valueChild(c);
      if (inner) spreads.push(expr(ctx, inner, scope));
    } else if (t !== 'comment') expr(ctx, c, scope, [], t);
  }
  return { kind: 'object', entries, spreads, range: rng(n) };
}

function binary(ctx: PyContext, n: Node, scope: number): Expr {
  const op = n.childForFieldName('operator')?.type;
  if (op === '+') {
    // Walk the left spine iteratively: long `a + b + c ...` chains stay linear.
    const rights: Node[] = [];
    let cur: Node = n;
    while (cur.type === 'binary_operator' && cur.childForFieldName('operator')?.type === '+') {
      const r = cur.childForFieldName('right');
      const l = cur.childForFieldName('left');
      if (!r || !l) break;
      rights.push(r);
      cur = l;
    }
    const operands = [cur, ...rights.reverse()].map((o) => expr(ctx, o, scope));
    return operands.some(isStringLike) ? ctx.b.concat(operands, rng(n)) : ctx.unknown(n, operands);
  }
  const leftNode = n.childForFieldName('left');
  const rightNode = n.childForFieldName('right');
  if (!leftNode || !rightNode) return generic(ctx, n, scope);
  const left = expr(ctx, leftNode, scope);
  const right = expr(ctx, rightNode, scope);
  if (op === '%' && left.kind === 'string') {
    const formatted = percentFormat(ctx, left, right, rightNode.type === 'tuple', rng(n));
    if (formatted) return formatted;
  }
  return ctx.unknown(n, [left, right]);
}

/** Lambdas and comprehensions open a scope; what they contain is modelled there, the value itself is unknown. */
function scoped(ctx: PyContext, n: Node, scope: number): Expr {
  const s = ctx.b.scope(scope, rng(n));
  if (n.type === 'lambda') {
    const params = n.childForFieldName('parameters');
    if (params) bindParameters(ctx, params, s, scope);
    const body = n.childForFieldName('body');
    if (body) expr(ctx, body, s);
  } else {
    for (const c of n.namedChildren) {
      const t = c.type;
      if (t === 'for_in_clause') forInClause(ctx, c, s, n);
      else if (!SKIP.has(t)) expr(ctx, c, s, [], t);
    }
  }
  return ctx.unknown(n);
}
