// ESTree expressions -> shared Expr: literals, templates, names, members, objects, arrays and `+` concatenation.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Expr, IndexExpr, MemberExpr, ObjectExpr, Pair } from '../../model/types';
import { noteReference } from '../../model/types';
import { isStringLike } from '../common/model-collector';
import { pathOf } from '../common/paths';
import { callExpr, importExpr } from './calls';
import { type JsContext, type N } from './context';
import { assignmentExpr } from './patterns';
import { classDecl, functionLike, isStatement, visit } from './walker';

/** Wrappers with no runtime meaning for us: casts, non-null assertions, `await`, optional chains. */
const TRANSPARENT = new Set(['ChainExpression', 'TSNonNullExpression', 'TSAsExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'TSInstantiationExpression', 'AwaitExpression']);
/** JSX names and text: syntax, not values; kept out of UnknownExpr children. */
const JSX_NOISE = new Set(['JSXIdentifier', 'JSXMemberExpression', 'JSXNamespacedName', 'JSXText', 'JSXClosingElement', 'JSXOpeningFragment', 'JSXClosingFragment', 'JSXEmptyExpression']);
/** Keys that hold types, never values. */
const TYPE_KEYS = new Set(['parent', 'range', 'loc', 'type', 'typeAnnotation', 'typeParameters', 'typeArguments', 'returnType', 'superTypeArguments', 'implements']);

export function unwrap(n: N): N {
  let cur = n;
  while (TRANSPARENT.has(cur.type)) cur = (cur as { expression?: N; argument?: N }).expression ?? (cur as { argument: N }).argument;
  return cur;
}

/** Child nodes of `n` in property order, types excluded. */
export function childNodes(n: N): N[] {
  const out: N[] = [];
  for (const key in n) {
    if (TYPE_KEYS.has(key)) continue;
    const v = (n as unknown as Record<string, unknown>)[key];
    if (Array.isArray(v)) {
      for (const x of v) if (x && typeof x === 'object' && typeof (x as N).type === 'string') out.push(x as N);
    } else if (v && typeof v === 'object' && typeof (v as N).type === 'string') out.push(v as N);
  }
  return out;
}

/** Type-level TypeScript syntax: nothing to model. */
function isTypeOnly(type: string): boolean {
  return type.startsWith('TS') && !TRANSPARENT.has(type);
}

/** Converts `n` in `scope`; `path` is the key path when `n` is a value nested in an object literal. */
export function expr(ctx: JsContext, n: N, scope: number, path: string[] = []): Expr {
  // Too deep or out of time: the subtree stays unknown (the guard records it as an error range).
  if (!ctx.b.guard.enter(n.range[0], n.range[1])) return ctx.unknown(n);
  try {
    return noteReference(ctx.b.model, convert(ctx, n, scope, path));
  } finally {
    ctx.b.guard.leave();
  }
}

function convert(ctx: JsContext, n: N, scope: number, path: string[]): Expr {
  switch (n.type) {
    case 'Literal':
      if (typeof n.value === 'string') {
        const range = ctx.rng(n);
        ctx.opaque.push(range);
        return ctx.b.str(n.value, range, { start: n.range[0] + 1, end: n.range[1] - 1 });
      }
      if ('regex' in n && n.regex) {
        ctx.opaque.push(ctx.rng(n));
        return ctx.unknown(n);
      }
      return { kind: 'literal', text: n.raw, range: ctx.rng(n) };
    case 'TemplateLiteral':
      return template(ctx, n, scope);
    case 'TaggedTemplateExpression':
      return ctx.unknown(n, [expr(ctx, n.tag, scope), template(ctx, n.quasi, scope)]);
    case 'Identifier':
      if (n.name === 'undefined') return { kind: 'literal', text: n.name, range: ctx.rng(n) };
      return ctx.b.name(n.name, scope, ctx.rng(n));
    case 'ThisExpression':
      return ctx.b.name('this', scope, ctx.rng(n));
    case 'Super':
      return ctx.b.name('super', scope, ctx.rng(n));
    case 'MemberExpression':
      return member(ctx, n, scope);
    case 'CallExpression':
    case 'NewExpression':
      return callExpr(ctx, n, scope);
    case 'ImportExpression':
      return importExpr(ctx, n, scope);
    case 'ObjectExpression':
      return object(ctx, n, scope, path);
    case 'ArrayExpression':
      return { kind: 'array', items: n.elements.flatMap((e) => (e ? [expr(ctx, e, scope, path)] : [])), range: ctx.rng(n) };
    case 'SpreadElement':
      return { kind: 'spread', argument: expr(ctx, n.argument, scope), range: ctx.rng(n) };
    case 'BinaryExpression':
      return binary(ctx, n, scope);
    case 'AssignmentExpression':
      return assignmentExpr(ctx, n, scope);
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      functionLike(ctx, n, scope);
      return ctx.unknown(n);
    case 'ClassExpression':
      classDecl(ctx, n, scope);
      return ctx.unknown(n);
    default:
      if (TRANSPARENT.has(n.type)) return expr(ctx, unwrap(n), scope, path);
      if (isTypeOnly(n.type)) return ctx.unknown(n);
      return generic(ctx, n, scope);
  }
}

/** Anything not modelled: unknown, with its sub-expressions as children (statements inside are walked). */
export function generic(ctx: JsContext, n: N, scope: number): Expr {
  const children: Expr[] = [];
  for (const c of childNodes(n)) {
    if (c.type === 'JSXText') ctx.opaque.push(ctx.rng(c));
    if (isStatement(c.type)) visit(ctx, c, scope);
    else if (!isTypeOnly(c.type) && !JSX_NOISE.has(c.type)) children.push(expr(ctx, c, scope));
  }
  return ctx.unknown(n, children);
}

function template(ctx: JsContext, n: TSESTree.TemplateLiteral, scope: number): Expr {
  const q = n.quasis;
  if (n.expressions.length === 0 && q.length === 1) {
    return ctx.b.str(q[0].value.cooked ?? q[0].value.raw, ctx.rng(n), { start: n.range[0] + 1, end: n.range[1] - 1 });
  }
  const items: Expr[] = [];
  q.forEach((quasi, i) => {
    const text = quasi.value.cooked ?? quasi.value.raw;
    if (text) {
      // A quasi's range includes its delimiters: "`" or "}" before, "${" or "`" after.
      const content = { start: quasi.range[0] + 1, end: quasi.range[1] - (quasi.tail ? 1 : 2) };
      items.push(ctx.b.str(text, content, content));
    }
    const e = n.expressions[i];
    if (e) items.push(expr(ctx, e, scope));
  });
  return ctx.b.concat(items, ctx.rng(n));
}

/** Name of a non-computed key or property, or the text of a literal computed one. */
export function keyName(key: N, computed: boolean): string | undefined {
  if (!computed && key.type === 'Identifier') return key.name;
  if (key.type === 'PrivateIdentifier') return '#' + key.name;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0].value.cooked ?? undefined;
  return undefined;
}

function member(ctx: JsContext, n: TSESTree.MemberExpression, scope: number): Expr {
  const object = expr(ctx, n.object, scope);
  if (!n.computed) {
    const property = keyName(n.property, false) ?? '?';
    const e: MemberExpr = { kind: 'member', object, property, path: [...pathOf(object), property], range: ctx.rng(n) };
    return e;
  }
  const key = expr(ctx, n.property, scope);
  const path = key.kind === 'string' ? [...pathOf(object), key.text] : pathOf(object);
  const e: IndexExpr = { kind: 'index', object, key, path, range: ctx.rng(n) };
  return e;
}

function object(ctx: JsContext, n: TSESTree.ObjectExpression, scope: number, path: string[]): ObjectExpr {
  const entries: Pair[] = [];
  const spreads: Expr[] = [];
  for (const p of n.properties) {
    if (p.type === 'SpreadElement') {
      spreads.push(expr(ctx, p.argument, scope));
      continue;
    }
    const key = keyName(p.key, p.computed);
    if (key === undefined) expr(ctx, p.key, scope);
    const keyPath = key === undefined ? [] : [...path, key];
    let value: Expr;
    if (p.method || p.kind !== 'init') {
      functionLike(ctx, p.value as TSESTree.FunctionExpression, scope, ctx.rng(p));
      value = ctx.unknown(p.value);
    } else value = expr(ctx, p.value, scope, keyPath);
    if (key !== undefined) entries.push(ctx.b.pair(key, ctx.rng(p.key), value, ctx.rng(p), 'object', keyPath, scope));
  }
  return { kind: 'object', entries, spreads, range: ctx.rng(n) };
}

function binary(ctx: JsContext, n: TSESTree.BinaryExpression, scope: number): Expr {
  if (n.operator !== '+') return generic(ctx, n, scope);
  // Walk the left spine iteratively: long `a + b + c ...` chains stay linear.
  const rights: N[] = [];
  let cur: N = n;
  while (cur.type === 'BinaryExpression' && cur.operator === '+') {
    rights.push(cur.right);
    cur = cur.left;
  }
  const operands = [cur, ...rights.reverse()].map((o) => expr(ctx, o, scope));
  return operands.some(isStringLike) ? ctx.b.concat(operands, ctx.rng(n)) : ctx.unknown(n, operands);
}
