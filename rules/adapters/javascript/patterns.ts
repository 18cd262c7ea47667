// JS/TS bindings: declarators, assignments (plain, compound, destructuring) and function parameters.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Expr, IndexExpr, MemberExpr, UnknownExpr } from '../../model/types';
import { isStringLike } from '../common/model-collector';
import { pathOf } from '../common/paths';
import { idRange, type JsContext, type N } from './context';
import { expr, keyName } from './exprs';

/** The assigned path of a converted target, or undefined when it has no static path (`o[k] = v`). */
function targetPath(t: Expr): string[] | undefined {
  if (t.kind === 'name') return [t.name];
  if (t.kind === 'member') return t.path;
  if (t.kind === 'index' && t.key.kind === 'string') return t.path;
  return undefined;
}

interface BindOpts {
  scope: number;
  isConst: boolean;
  /** The whole declarator / assignment, for Assignment.range. */
  whole: N;
}

/** Binds a pattern (name, member, object/array destructuring, default) to `value`. */
export function bind(ctx: JsContext, target: N, value: Expr, o: BindOpts): void {
  switch (target.type) {
    case 'Identifier':
      ctx.b.assign([target.name], idRange(ctx, target), value, ctx.rng(o.whole), o.scope, o.isConst);
      return;
    case 'AssignmentPattern': {
      // `{ password = 'x' } = config`: config.password, else the default.
      const fallback = expr(ctx, target.right, o.scope);
      const v: UnknownExpr = { ...ctx.unknown(target), children: [value, fallback] };
      return bind(ctx, target.left, v, o);
    }
    case 'ObjectPattern':
      for (const p of target.properties) {
        if (p.type === 'RestElement') {
          bind(ctx, p.argument, ctx.unknown(p, [value]), o);
          continue;
        }
        const key = keyName(p.key, p.computed);
        let picked: Expr;
        if (key !== undefined) picked = { kind: 'member', object: value, property: key, path: [...pathOf(value), key], range: ctx.rng(p) } satisfies MemberExpr;
        else {
          const k = expr(ctx, p.key, o.scope);
          picked = { kind: 'index', object: value, key: k, path: pathOf(value), range: ctx.rng(p) } satisfies IndexExpr;
        }
        bind(ctx, p.value, picked, o);
      }
      return;
    case 'ArrayPattern':
      target.elements.forEach((el, i) => {
        if (!el) return;
        let picked: Expr;
        if (el.type === 'RestElement') picked = ctx.unknown(el, [value]);
        else if (value.kind === 'array' && i < value.items.length && !value.items.slice(0, i + 1).some((x) => x.kind === 'spread')) picked = value.items[i];
        else picked = { kind: 'index', object: value, key: { kind: 'literal', text: String(i), range: ctx.rng(el) }, path: pathOf(value), range: ctx.rng(el) };
        bind(ctx, el.type === 'RestElement' ? el.argument : el, picked, o);
      });
      return;
    case 'RestElement':
      return bind(ctx, target.argument, value, o);
    case 'TSParameterProperty':
      return bind(ctx, target.parameter, value, o);
    default: {
      const t = expr(ctx, target, o.scope);
      const path = targetPath(t);
      if (path) ctx.b.assign(path, ctx.rng(target), value, ctx.rng(o.whole), o.scope, o.isConst);
    }
  }
}

export function declarator(ctx: JsContext, d: TSESTree.VariableDeclarator, scope: number, isConst: boolean): void {
  if (!d.init) return;
  bind(ctx, d.id, expr(ctx, d.init, scope), { scope, isConst, whole: d });
}

/** `a = v`, `o.p = v`, `({ a } = o)`, `x += v`; returns the assigned value for use as an expression. */
export function assignmentExpr(ctx: JsContext, n: TSESTree.AssignmentExpression, scope: number): Expr {
  const right = expr(ctx, n.right, scope);
  if (n.operator === '=') {
    bind(ctx, n.left, right, { scope, isConst: false, whole: n });
    return right;
  }
  const target = expr(ctx, n.left, scope);
  const value = n.operator === '+=' && isStringLike(right) ? ctx.b.concat([target, right], ctx.rng(n)) : ctx.unknown(n, [target, right]);
  const path = targetPath(target);
  if (path) ctx.b.assign(path, n.left.type === 'Identifier' ? idRange(ctx, n.left) : ctx.rng(n.left), value, ctx.rng(n), scope);
  return value;
}

/** Names bound by a parameter pattern, declared in `fnScope` without any value. */
function declareNames(ctx: JsContext, p: N, fnScope: number): void {
  switch (p.type) {
    case 'Identifier':
      ctx.b.param(p.name, fnScope, idRange(ctx, p));
      return;
    case 'ObjectPattern':
      for (const q of p.properties) declareNames(ctx, q.type === 'RestElement' ? q.argument : q.value, fnScope);
      return;
    case 'ArrayPattern':
      for (const q of p.elements) if (q) declareNames(ctx, q, fnScope);
      return;
    case 'RestElement':
      return declareNames(ctx, p.argument, fnScope);
    case 'AssignmentPattern':
      return declareNames(ctx, p.left, fnScope);
    case 'TSParameterProperty':
      return declareNames(ctx, p.parameter, fnScope);
  }
}

/**
 * Declares `params` in `fnScope`. A default becomes an Assignment there; a TS parameter property
 * (`constructor(private secret: string)`) also assigns `this.secret`.
 */
export function bindParams(ctx: JsContext, params: TSESTree.Parameter[], fnScope: number): void {
  for (const p of params) {
    declareNames(ctx, p, fnScope);
    const inner = p.type === 'TSParameterProperty' ? p.parameter : p;
    if (inner.type === 'AssignmentPattern') {
      const value = expr(ctx, inner.right, fnScope);
      if (inner.left.type === 'Identifier') ctx.b.assign([inner.left.name], idRange(ctx, inner.left), value, ctx.rng(inner), fnScope);
      else bindDefaults(ctx, inner.left, fnScope);
    } else bindDefaults(ctx, inner, fnScope);
    if (p.type === 'TSParameterProperty') {
      const id = inner.type === 'AssignmentPattern' ? inner.left : inner;
      if (id.type === 'Identifier') ctx.b.assign(['this', id.name], idRange(ctx, id), ctx.b.name(id.name, fnScope, idRange(ctx, id)), ctx.rng(p), fnScope, p.readonly);
    }
  }
}

/** Defaults inside destructured parameters: `function f({ user, password = 'x' })`. */
function bindDefaults(ctx: JsContext, p: N, fnScope: number): void {
  switch (p.type) {
    case 'ObjectPattern':
      for (const q of p.properties) bindDefaults(ctx, q.type === 'RestElement' ? q.argument : q.value, fnScope);
      return;
    case 'ArrayPattern':
      for (const q of p.elements) if (q) bindDefaults(ctx, q, fnScope);
      return;
    case 'AssignmentPattern': {
      const value = expr(ctx, p.right, fnScope);
      if (p.left.type === 'Identifier') ctx.b.assign([p.left.name], idRange(ctx, p.left), value, ctx.rng(p), fnScope);
      else bindDefaults(ctx, p.left, fnScope);
    }
  }
}
