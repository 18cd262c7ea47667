// C# invocations and object creations, with their initializers, named arguments and format strings.
import type { Call, Expr, NamedArg, Pair, Range } from '../../model/types';
import type { Node } from '../treesitter';
import { formatConcat, splitComposite } from '../common/format';
import { pathOf, UNNAMED } from '../common/paths';
import { rangeOf } from '../common/walker';
import { argumentValue, simpleName } from './expressions';
import type { CsWalker } from './walker';

const FORMAT_RECEIVERS = new Set(['string', 'String']);

/** Positional and named arguments of an argument_list. */
export function argumentsOf(list: Node | null, w: CsWalker): { args: Expr[]; named: NamedArg[] } {
  const args: Expr[] = [];
  const named: NamedArg[] = [];
  if (!list) return { args, named };
  for (const a of list.namedChildren) {
    if (a.type !== 'argument') {
      w.visit(a);
      continue;
    }
    const v = argumentValue(a);
    const value = v ? w.expr(v) : undefined;
    const name = a.childForFieldName('name');
    if (name) named.push({ name: name.text, nameRange: rangeOf(name), ...(value ? { value } : {}), range: rangeOf(a) });
    else if (value) args.push(value);
  }
  return { args, named };
}

/** Dotted path of a type as written: `System.Net.NetworkCredential`, `Dictionary<string,string>` -> ['Dictionary']. */
export function typePath(n: Node): { path: string[]; nameNode: Node } {
  if (n.type === 'qualified_name') {
    const q = n.childForFieldName('qualifier');
    const nm = n.childForFieldName('name');
    if (q && nm) {
      const inner = typePath(nm);
      return { path: [...typePath(q).path, ...inner.path], nameNode: inner.nameNode };
    }
  } else if (n.type === 'alias_qualified_name') {
    const alias = n.childForFieldName('alias');
    const nm = n.childForFieldName('name');
    if (nm) {
      const inner = typePath(nm);
      return { path: alias && alias.text !== 'global' ? [alias.text, ...inner.path] : inner.path, nameNode: inner.nameNode };
    }
  }
  const nameNode = simpleName(n);
  return { path: [nameNode.text], nameNode };
}

/** `new KeyValuePair<string,string>("grant_type", "password")` and `KeyValuePair.Create(k, v)` are initializer pairs. */
function keyValuePair(call: Call, w: CsWalker): void {
  const [k, v] = call.args;
  if (k?.kind === 'string' && v) w.kvPairs.set(call, w.b.pair(k.text, k.range, v, call.range, 'initializer', [k.text]));
}

function invocation(n: Node, w: CsWalker): Expr {
  let fn = n.childForFieldName('function');
  while (fn && fn.type === 'parenthesized_expression') fn = w.inner(fn) ?? null;
  const ft = fn?.type;
  let objNode: Node | null = null;
  let nameNode: Node | undefined;
  if (ft === 'member_access_expression' || ft === 'qualified_name') {
    objNode = fn!.childForFieldName(ft === 'qualified_name' ? 'qualifier' : 'expression');
    const nm = fn!.childForFieldName('name');
    if (nm) nameNode = simpleName(nm);
  } else if (ft === 'conditional_access_expression') {
    objNode = fn!.childForFieldName('condition');
    const nm = fn!.namedChildren.find((c) => c.type === 'member_binding_expression')?.childForFieldName('name');
    if (nm) nameNode = simpleName(nm);
  } else if (ft === 'identifier' || ft === 'generic_name') {
    nameNode = simpleName(fn!);
  }
  let receiver: Expr | undefined;
  let callee: string[];
  if (nameNode && (objNode || ft === 'identifier' || ft === 'generic_name')) {
    receiver = objNode ? w.expr(objNode) : undefined;
    callee = receiver ? [...pathOf(receiver), nameNode.text] : [nameNode.text];
  } else {
    // Anything else (a call on a call's result, a cast lambda...): the callee is that expression's path.
    nameNode = undefined;
    const target = fn ? w.expr(fn) : undefined;
    callee = target ? pathOf(target) : [UNNAMED];
  }
  const { args, named } = argumentsOf(n.childForFieldName('arguments'), w);
  const range = rangeOf(n);
  const calleeRange = fn ? rangeOf(fn) : range;
  const call = w.b.call({
    kind: 'call', callee, name: callee[callee.length - 1], ...(receiver ? { receiver } : {}), args, named, range, calleeRange,
    nameRange: nameNode ? rangeOf(nameNode) : calleeRange,
  });
  if (call.name === 'Format' && receiver && FORMAT_RECEIVERS.has(pathOf(receiver).at(-1)!)) {
    const at = args[0]?.kind === 'string' ? 0 : args[1]?.kind === 'string' ? 1 : -1;
    const fmt = args[at];
    if (fmt?.kind === 'string') {
      let rest = args.slice(at + 1);
      if (rest.length === 1 && rest[0].kind === 'array') rest = rest[0].items;
      return formatConcat(w.b, fmt, rest, splitComposite(fmt.text), range);
    }
  }
  if (call.name === 'Create' && receiver && pathOf(receiver).at(-1) === 'KeyValuePair') keyValuePair(call, w);
  return w.b.callExpr(call);
}

function initializerKey(left: Node, w: CsWalker): { key: string; keyRange: Range } | undefined {
  if (left.type === 'identifier') return { key: left.text, keyRange: rangeOf(left) };
  if (left.type === 'element_binding_expression') {
    const arg = left.namedChildren.find((c) => c.type === 'argument');
    const v = arg && argumentValue(arg);
    const k = v ? w.expr(v) : undefined;
    if (k?.kind === 'string') return { key: k.text, keyRange: k.range };
  } else w.visit(left);
  return undefined;
}

/** Object and collection initializers: `{ A = x }`, `{ ["k"] = v }`, `{ { "k", v } }`, `{ new KeyValuePair(..) }`. */
export function initializer(n: Node, w: CsWalker, typeName: string | undefined, prefix: string[] = []): Expr {
  const entries: Pair[] = [];
  const items: Expr[] = [];
  for (const el of n.namedChildren) {
    if (el.type === 'comment') continue;
    if (el.type === 'assignment_expression') {
      const left = el.childForFieldName('left');
      const right = el.childForFieldName('right');
      const k = left ? initializerKey(left, w) : undefined;
      if (!right) continue;
      const path = k ? [...prefix, k.key] : prefix;
      const value = right.type === 'initializer_expression' ? initializer(right, w, undefined, path) : w.expr(right);
      if (k) entries.push(w.b.pair(k.key, k.keyRange, value, rangeOf(el), 'initializer', path));
    } else if (el.type === 'initializer_expression') {
      const parts = el.namedChildren.filter((c) => c.type !== 'comment').map((c) => w.expr(c));
      const [k, v] = parts;
      if (parts.length === 2 && k.kind === 'string') entries.push(w.b.pair(k.text, k.range, v, rangeOf(el), 'initializer', [...prefix, k.text]));
    } else {
      const e = w.expr(el);
      const kv = e.kind === 'call' ? w.kvPairs.get(e.call) : undefined;
      if (kv) entries.push(kv);
      else items.push(e);
    }
  }
  if (entries.length || !items.length) return w.b.object(entries, rangeOf(n), typeName);
  return { kind: 'array', items, range: rangeOf(n) };
}

function creation(n: Node, w: CsWalker, callee: string[], nameNode: Node, calleeRange: Range): Expr {
  const { args, named } = argumentsOf(n.childForFieldName('arguments') ?? n.namedChildren.find((c) => c.type === 'argument_list') ?? null, w);
  const init = n.childForFieldName('initializer') ?? n.namedChildren.find((c) => c.type === 'initializer_expression');
  const name = callee[callee.length - 1];
  if (init) args.push(initializer(init, w, name === 'new' ? undefined : name));
  const call = w.b.call({ kind: 'new', callee, name, args, named, range: rangeOf(n), calleeRange, nameRange: rangeOf(nameNode) });
  if (name === 'KeyValuePair') keyValuePair(call, w);
  return w.b.callExpr(call);
}

export const callHandlers = {
  invocation_expression: invocation,
  object_creation_expression: (n: Node, w: CsWalker): Expr => {
    const type = n.childForFieldName('type');
    if (!type) return w.unknown(n);
    const { path, nameNode } = typePath(type);
    return creation(n, w, path, nameNode, rangeOf(type));
  },
  /** Target-typed `new(...)`: the declared type names it when the declaration gives one. */
  implicit_object_creation_expression: (n: Node, w: CsWalker): Expr => {
    const kw = n.child(0)!;
    const hint = w.typeHint?.id === n.id ? w.typeHint.type : undefined;
    const t = hint ? typePath(hint) : undefined;
    return creation(n, w, t ? t.path : ['new'], kw, rangeOf(kw));
  },
};
