// JS/TS calls and `new`: callee paths through member chains and casts, spread arguments, require() and import().
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Expr, Range } from '../../model/types';
import { pathOf, UNNAMED } from '../common/paths';
import { type JsContext } from './context';
import { expr, keyName, unwrap } from './exprs';
import { bind } from './patterns';

/** A call or constructor call: registered in `calls`, returned as CallExpr. `require('m')` is also an Import. */
export function callExpr(ctx: JsContext, n: TSESTree.CallExpression | TSESTree.NewExpression, scope: number): Expr {
  const kind = n.type === 'NewExpression' ? 'new' : 'call';
  const fn = unwrap(n.callee);
  let receiver: Expr | undefined;
  let callee: string[];
  let nameRange: Range;
  if (fn.type === 'MemberExpression') {
    const object = expr(ctx, fn.object, scope);
    // `new a.B()`: `a` is a namespace, not an object the constructor runs on.
    if (kind === 'call') receiver = object;
    const name = keyName(fn.property, fn.computed);
    if (name === undefined) expr(ctx, fn.property, scope);
    callee = [...pathOf(object), name ?? UNNAMED];
    nameRange = fn.computed && fn.property.type === 'Literal' ? { start: fn.property.range[0] + 1, end: fn.property.range[1] - 1 } : ctx.rng(fn.property);
  } else if (fn.type === 'Identifier') {
    callee = [fn.name];
    nameRange = ctx.rng(fn);
  } else if (fn.type === 'Super' || fn.type === 'ThisExpression') {
    callee = [fn.type === 'Super' ? 'super' : 'this'];
    nameRange = ctx.rng(fn);
  } else {
    const target = expr(ctx, fn, scope);
    callee = pathOf(target);
    nameRange = target.kind === 'call' ? target.call.nameRange : ctx.rng(fn);
  }
  const args = n.arguments.map((a) => expr(ctx, a, scope));
  const range = ctx.rng(n);
  const call = ctx.b.call({ kind, callee, receiver, args, range, calleeRange: ctx.rng(n.callee), nameRange, scope });
  if (receiver && /^(then|subscribe)$/.test(callee[callee.length - 1])) bindSettledValue(ctx, n.arguments[0], receiver);
  const first = args[0];
  if (kind === 'call' && callee.length === 1 && callee[0] === 'require' && first?.kind === 'string') {
    ctx.b.import({ module: first.text, range, kind: 'require' });
  }
  return call;
}

/** Dynamic `import('m')`: an Import when the specifier is a literal; the value itself is unknown. */
export function importExpr(ctx: JsContext, n: TSESTree.ImportExpression, scope: number): Expr {
  const source = expr(ctx, n.source, scope);
  const children = [source];
  if (n.options) children.push(expr(ctx, n.options, scope));
  if (source.kind === 'string') ctx.b.import({ module: source.text, range: ctx.rng(n), kind: 'import' });
  return ctx.unknown(n, children);
}

/**
 * `p.then((r) => …)`, `obs.subscribe(function (r) { … })`: the callback's first parameter receives the settled
 * value of `p`, as `const r = await p` would; it is bound (in the callback's scope) to that value.
 */
function bindSettledValue(ctx: JsContext, cb: TSESTree.CallExpressionArgument | undefined, promise: Expr): void {
  const fn = cb && unwrap(cb);
  if (!fn || (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression')) return;
  const param = fn.params[0];
  const target = param?.type === 'AssignmentPattern' ? param.left : param;
  if (!target || target.type === 'RestElement' || target.type === 'TSParameterProperty') return;
  const fnRange = ctx.rng(fn);
  const scope = ctx.b.model.scopes.find((s) => s.range.start === fnRange.start && s.range.end === fnRange.end);
  if (!scope) return;
  const settled: Expr = { kind: 'unknown', text: ctx.b.model.text.slice(promise.range.start, promise.range.end), range: promise.range, children: [promise] };
  bind(ctx, target, settled, { scope: scope.id, isConst: false, whole: target });
}
