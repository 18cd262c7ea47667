// Java method invocations, object creations (anonymous classes included) and string formatting calls.
import type { Call, Expr, Range } from '../../model/types';
import type { Node } from '../treesitter';
import { isStringish } from '../common/scoped-builder';
import { formatConcat, splitPrintf } from '../common/format';
import { pathOf, UNNAMED } from '../common/paths';
import { rangeOf } from '../common/walker';
import type { JavaWalker } from './walker';

export function argumentsOf(list: Node | null, w: JavaWalker): Expr[] {
  return list ? list.namedChildren.filter((c) => !c.type.endsWith('comment')).map((c) => w.expr(c)) : [];
}

/** Dotted path of a type as written, type arguments and annotations left out: `java.util.HashMap<K,V>`. */
export function typePath(n: Node, out: string[] = []): { path: string[]; nameNode: Node } {
  let nameNode = n;
  if (n.type === 'scoped_type_identifier' || n.type === 'generic_type') {
    for (const c of n.namedChildren) {
      if (c.type === 'type_identifier' || c.type === 'scoped_type_identifier' || c.type === 'generic_type') nameNode = typePath(c, out).nameNode;
    }
  } else out.push(n.text);
  return { path: out, nameNode };
}

/** String.format / "..".formatted / "..".concat with a literal string become concatenations. */
function asString(call: Call, w: JavaWalker): Expr | undefined {
  const { name, receiver, args } = call;
  if (name === 'format' && receiver && pathOf(receiver).at(-1) === 'String') {
    const at = args[0]?.kind === 'string' ? 0 : args[1]?.kind === 'string' ? 1 : -1;
    const fmt = args[at];
    if (fmt?.kind === 'string') return formatConcat(w.b, fmt, args.slice(at + 1), splitPrintf(fmt.text), call.range);
  } else if (name === 'formatted' && receiver?.kind === 'string') {
    return formatConcat(w.b, receiver, args, splitPrintf(receiver.text), call.range);
  } else if (name === 'concat' && receiver && args.length === 1 && (isStringish(receiver) || isStringish(args[0]))) {
    return w.b.foldPlus(receiver, [{ expr: args[0], range: call.range }]);
  }
  return undefined;
}

function invocation(n: Node, w: JavaWalker): Expr {
  const obj = n.childForFieldName('object');
  const nm = n.childForFieldName('name');
  const receiver = obj ? w.expr(obj) : undefined;
  const args = argumentsOf(n.childForFieldName('arguments'), w);
  const range = rangeOf(n);
  const name = nm?.text ?? UNNAMED;
  const callee = receiver ? [...pathOf(receiver), name] : [name];
  const nameRange = nm ? rangeOf(nm) : range;
  const calleeRange: Range = { start: (obj ?? nm ?? n).startIndex, end: nameRange.end };
  const call = w.b.call({ kind: 'call', callee, name, ...(receiver ? { receiver } : {}), args, named: [], range, calleeRange, nameRange });
  return asString(call, w) ?? w.b.callExpr(call);
}

function creation(n: Node, w: JavaWalker): Expr {
  const type = n.childForFieldName('type');
  for (const c of n.namedChildren) if (c.type !== 'class_body' && c.type !== 'argument_list' && c.id !== type?.id) w.visit(c);
  const args = argumentsOf(n.childForFieldName('arguments'), w);
  const { path, nameNode } = type ? typePath(type) : { path: [UNNAMED], nameNode: n };
  const call = w.b.call({
    kind: 'new', callee: path, name: path[path.length - 1], args, named: [], range: rangeOf(n), calleeRange: rangeOf(type ?? n), nameRange: rangeOf(nameNode),
  });
  const body = n.namedChildren.find((c) => c.type === 'class_body');
  if (body) {
    w.b.enter(rangeOf(body));
    w.visit(body);
    w.b.leave();
  }
  return w.b.callExpr(call);
}

/** `super(...)` / `this(...)` at the start of a constructor. */
function constructorCall(n: Node, w: JavaWalker): Expr {
  const ctor = n.childForFieldName('constructor');
  const obj = n.childForFieldName('object');
  if (obj) w.visit(obj);
  const name = ctor?.type ?? 'super';
  const at = rangeOf(ctor ?? n);
  const args = argumentsOf(n.childForFieldName('arguments'), w);
  return w.b.callExpr(w.b.call({ kind: 'call', callee: [name], name, args, named: [], range: rangeOf(n), calleeRange: at, nameRange: at }));
}

export const callHandlers = {
  method_invocation: invocation,
  object_creation_expression: creation,
  explicit_constructor_invocation: constructorCall,
};
