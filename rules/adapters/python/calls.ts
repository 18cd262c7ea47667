// Python calls: callee paths through attribute chains, keyword arguments, splats, dict(k=v) and literal .format().
import type { Node } from 'web-tree-sitter';
import type { Expr, NamedArg, Range } from '../../model/types';
import { pathOf } from '../common/paths';
import { type PyContext, rng } from './context';
import { expr, valueChild } from './exprs';
import { braceFormat } from './format';

function unwrap(n: Node): { node: Node; type: string } {
  let cur = n;
  let type = cur.type;
  while (type === 'parenthesized_expression' || type === 'await') {
    const inner = valueChild(cur);
    if (!inner) break;
    cur = inner;
    type = cur.type;
  }
  return { node: cur, type };
}

/** A call: registered in `calls`, returned as CallExpr (or as ConcatExpr for `"literal".format(...)`). */
export function callExpr(ctx: PyContext, n: Node, scope: number, path: string[]): Expr {
  const fnNode = n.childForFieldName('function');
  const argsNode = n.childForFieldName('arguments');
  if (!fnNode) return ctx.unknown(n);
  const { node: fn, type } = unwrap(fnNode);
  let receiver: Expr | undefined;
  let callee: string[];
  let nameRange: Range;
  const object = type === 'attribute' ? fn.childForFieldName('object') : null;
  const attr = object ? fn.childForFieldName('attribute') : null;
  if (type === 'identifier') {
    callee = [fn.text];
    nameRange = rng(fn);
  } else if (object && attr) {
    receiver = expr(ctx, object, scope);
    callee = [...pathOf(receiver), attr.text];
    nameRange = rng(attr);
  } else {
    const target = expr(ctx, fn, scope, [], type);
    callee = pathOf(target);
    nameRange = target.kind === 'call' ? target.call.nameRange : rng(fn);
  }
  const args: Expr[] = [];
  const named: NamedArg[] = [];
  const isDict = callee.length === 1 && callee[0] === 'dict';
  if (argsNode?.type === 'argument_list') readArguments(ctx, argsNode, scope, args, named, isDict ? path : undefined);
  else if (argsNode) args.push(expr(ctx, argsNode, scope));
  const call = ctx.b.call({ kind: 'call', callee, receiver, args, named, range: rng(n), calleeRange: rng(fnNode), nameRange, scope });
  if (isDict) {
    for (const a of named) if (a.value) ctx.b.pair(a.name, a.nameRange, a.value, a.range, 'dict', [...path, a.name], scope);
  }
  if (receiver?.kind === 'string' && callee[callee.length - 1] === 'format') {
    return braceFormat(ctx, receiver, args, named, rng(n)) ?? call;
  }
  return call;
}

/** `dictPath` is set for dict(k=v): values nest under their key like in a dict literal. */
function readArguments(ctx: PyContext, list: Node, scope: number, args: Expr[], named: NamedArg[], dictPath?: string[]): void {
  for (const a of list.namedChildren) {
    const t = a.type;
    if (t === 'comment') continue;
    if (t === 'keyword_argument') {
      const name = a.childForFieldName('name');
      const value = a.childForFieldName('value');
      if (!name) continue;
      const arg: NamedArg = { name: name.text, nameRange: rng(name), range: rng(a) };
      if (value) arg.value = expr(ctx, value, scope, dictPath ? [...dictPath, name.text] : []);
      named.push(arg);
    } else args.push(expr(ctx, a, scope, [], t));
  }
}

/**
 * Python 2 `print x, y` / `print >>f, x`: the same call as `print(x, y)` / `print(x, y, file=f)`, so every rule
 * sees it (the statement form is common in ADAL-era scripts).
 */
export function printStatement(ctx: PyContext, n: Node, scope: number): void {
  const keyword = n.child(0);
  const at = keyword && keyword.type === 'print' ? rng(keyword) : { start: n.startIndex, end: n.startIndex + 5 };
  const args = n.childrenForFieldName('argument').map((a) => expr(ctx, a, scope));
  const named: NamedArg[] = [];
  const chevron = n.namedChildren.find((c) => c.type === 'chevron');
  const target = chevron && valueChild(chevron);
  if (chevron && target) named.push({ name: 'file', nameRange: rng(chevron), value: expr(ctx, target, scope), range: rng(chevron) });
  ctx.b.call({ kind: 'call', callee: ['print'], args, named, range: rng(n), calleeRange: at, nameRange: at, scope });
}
