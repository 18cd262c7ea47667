// Converts PowerShell expression nodes into model expressions, recording calls, strings and pairs on the way.
import type { ArrayExpr, Call, CallExpr, Expr, MemberExpr, NameExpr, Range } from '../../model/types';
import { noteReference } from '../../model/types';
import { UNNAMED } from '../common/paths';
import type { Node } from '../treesitter';
import { commandCall } from './commands';
import type { Ctx } from './context';
import { hashtable } from './hashtable';
import { isLiteralVariable, lastTypeIdentifier, pathOf, splitTypeName, typeNameNode, typePaths, variableName, scriptScoped } from './names';
import { operands, operatorOf, unwrap } from './nodes';
import { assignment, scriptBlockExpression, statementValue, visit } from './statements';
import { formatParts, stringLiteral } from './strings';

/** Concatenations built by `+`, flattened when they are themselves operands of `+`. */
const plusChains = new WeakSet<Expr>();

/** The model expression for `node`. `prefix` is the key path of an enclosing hashtable, for nested pairs. */
export function expr(ctx: Ctx, node: Node, prefix: string[] = []): Expr {
  // Too deep or out of time: the subtree stays unknown (the guard records it as an error range).
  if (!ctx.guard.enter(node.startIndex, node.endIndex)) return ctx.unknown(node);
  try {
    return noteReference(ctx.model, convert(ctx, unwrap(node), prefix));
  } finally {
    ctx.guard.leave();
  }
}

function convert(ctx: Ctx, n: Node, prefix: string[]): Expr {
  switch (n.type) {
    case 'variable':
      return variable(ctx, n);
    case 'string_literal':
    case 'expandable_string_literal':
    case 'verbatim_string_characters':
    case 'verbatim_here_string_characters':
    case 'expandable_here_string_literal':
      return stringLiteral(ctx, n, (h) => expr(ctx, h));
    case 'generic_token':
      return ctx.string(n.text, ctx.range(n), ctx.range(n));
    case 'integer_literal':
    case 'real_literal':
      return { kind: 'literal', text: n.text, range: ctx.range(n) };
    case 'hash_literal_expression':
      return hashtable(ctx, n, prefix);
    case 'array_literal_expression':
      return { kind: 'array', items: operands(n).map((c) => expr(ctx, c, prefix)), range: ctx.range(n) };
    case 'array_expression':
      return arrayExpression(ctx, n, prefix);
    case 'parenthesized_expression': {
      const inner = n.namedChildren.find((c) => c.type === 'pipeline');
      return inner ? expr(ctx, inner, prefix) : ctx.unknown(n);
    }
    case 'sub_expression':
      return statements(ctx, n, n.childForFieldName('statements'));
    case 'script_block_expression':
      return scriptBlockExpression(ctx, n);
    case 'expression_with_unary_operator':
      return unary(ctx, n, prefix);
    case 'cast_expression':
      return cast(ctx, n, prefix);
    case 'type_literal':
      return typeLiteral(ctx, n);
    case 'member_access':
      return member(ctx, n);
    case 'element_access':
      return element(ctx, n);
    case 'invokation_expression':
    case 'invokation_foreach_expression':
      return callExpr(invocation(ctx, n));
    case 'command': {
      const call = commandCall(ctx, n);
      return call ? callExpr(call) : ctx.unknown(n);
    }
    case 'pipeline':
      return pipeline(ctx, n);
    case 'pipeline_chain':
      return chain(ctx, n);
    case 'assignment_expression':
      return assignment(ctx, n);
    case 'additive_expression':
    case 'additive_argument_expression':
      return additive(ctx, n);
    case 'format_expression':
    case 'format_argument_expression':
      return format(ctx, n);
    case 'logical_expression':
    case 'bitwise_expression':
    case 'comparison_expression':
    case 'multiplicative_expression':
    case 'range_expression':
    case 'logical_argument_expression':
    case 'bitwise_argument_expression':
    case 'comparison_argument_expression':
    case 'multiplicative_argument_expression':
    case 'range_argument_expression':
    case 'post_increment_expression':
    case 'post_decrement_expression':
    case 'pre_increment_expression':
    case 'pre_decrement_expression':
      return ctx.unknown(n, operands(n).map((c) => expr(ctx, c)));
    default:
      visit(ctx, n);
      return ctx.unknown(n);
  }
}

export function callExpr(call: Call): CallExpr {
  return { kind: 'call', call, range: call.range };
}

function variable(ctx: Ctx, n: Node): Expr {
  const raw = n.text;
  const range = ctx.range(n);
  if (isLiteralVariable(raw)) return { kind: 'literal', text: raw, range };
  // `$script:x` inside a function is the script's `x`: it resolves (and is assigned) in the file scope.
  const name: NameExpr = { kind: 'name', name: variableName(raw), scope: scriptScoped(raw) ? 0 : ctx.scope, range };
  if (name.scope === ctx.scope && ctx.isParameter(name.name)) name.isParameter = true;
  return raw[0] === '@' ? { kind: 'spread', argument: name, range } : name;
}

/** `@( ... )`: the items of a single array literal inside, else one item per statement. */
function arrayExpression(ctx: Ctx, n: Node, prefix: string[]): ArrayExpr {
  const items: Expr[] = [];
  const list = n.childForFieldName('statements');
  const stmts = list ? list.namedChildren.filter((c) => c.type !== 'comment' && c.type !== 'empty_statement') : [];
  for (const s of stmts) {
    const v = statementValue(ctx, s, prefix);
    if (v.kind === 'array' && stmts.length === 1) items.push(...v.items);
    else items.push(v);
  }
  return { kind: 'array', items, range: ctx.range(n) };
}

/** `$( ... )` and similar: the value of a single statement, else an unknown holding each statement's value. */
function statements(ctx: Ctx, n: Node, list: Node | null): Expr {
  const stmts = list ? list.namedChildren.filter((c) => c.type !== 'comment' && c.type !== 'empty_statement') : [];
  if (stmts.length === 1 && stmts[0].type === 'pipeline') return expr(ctx, stmts[0]);
  return ctx.unknown(n, stmts.map((s) => statementValue(ctx, s)));
}

function unary(ctx: Ctx, n: Node, prefix: string[]): Expr {
  const ops = operands(n);
  if (n.childCount === 1 && ops.length === 1) return expr(ctx, ops[0], prefix);
  const values = ops.map((c) => expr(ctx, c, prefix));
  if (operatorOf(n) === ',' && values.length === 1) return { kind: 'array', items: values, range: ctx.range(n) };
  return ctx.unknown(n, values);
}

/** Casts are transparent, except that `[ordered]@{}` / `[pscustomobject]@{}` name the hashtable's type. */
function cast(ctx: Ctx, n: Node, prefix: string[]): Expr {
  const type = n.namedChildren.find((c) => c.type === 'type_literal');
  const operand = n.namedChildren.find((c) => c.type !== 'type_literal' && c.type !== 'comment');
  if (!operand) return ctx.unknown(n);
  const inner = unwrap(operand);
  if (inner.type === 'hash_literal_expression' && type) {
    const spec = type.namedChildren.find((c) => c.type === 'type_spec');
    return hashtable(ctx, inner, prefix, spec?.text);
  }
  return expr(ctx, inner, prefix);
}

function typeLiteral(ctx: Ctx, n: Node): Expr {
  const e = ctx.unknown(n);
  const name = typeNameNode(n);
  if (name) typePaths.set(e, splitTypeName(name.text));
  return e;
}

/** The name in a member_name node: identifier, quoted name, or undefined for a computed member (`$o.$name`). */
function memberName(ctx: Ctx, mn: Node): { name: string; dynamic?: Expr } {
  const inner = mn.namedChild(0);
  if (!inner || inner.type === 'simple_name') return { name: mn.text };
  const e = expr(ctx, inner);
  if (e.kind !== 'string') return { name: mn.text, dynamic: e };
  ctx.absorb(e); // `$h.'key'` names a member, like a bare word
  return { name: e.text };
}

function member(ctx: Ctx, n: Node): Expr {
  const objNode = n.namedChild(0);
  const mn = n.namedChildren.find((c) => c.type === 'member_name');
  if (!objNode || !mn) return ctx.unknown(n);
  const object = expr(ctx, objNode);
  const { name, dynamic } = memberName(ctx, mn);
  if (dynamic) return ctx.unknown(n, [object, dynamic]);
  const e: MemberExpr = { kind: 'member', object, property: name, path: [...(pathOf(object) ?? [UNNAMED]), name], range: ctx.range(n) };
  return e;
}

function element(ctx: Ctx, n: Node): Expr {
  const parts = operands(n);
  if (parts.length < 2) return ctx.unknown(n, parts.map((c) => expr(ctx, c)));
  const object = expr(ctx, parts[0]);
  const key = expr(ctx, parts[1]);
  const path = [...(pathOf(object) ?? [UNNAMED])];
  if (key.kind === 'string') path.push(key.text);
  return { kind: 'index', object, key, path, range: ctx.range(n) };
}

/** `$o.M(a)`, `[T]::M(a)`, `[T]::new(a)`, `$o.foreach{...}`. */
export function invocation(ctx: Ctx, n: Node): Call {
  if (n.childCount === 1 && n.child(0)!.type === 'invokation_foreach_expression') return invocation(ctx, n.child(0)!);
  const argNodes = n.namedChildren.filter((c) => c.type === 'argument_list' || c.type === 'script_block_expression');
  return invocationParts(ctx, n, argNodes, ctx.range(n));
}

/**
 * A method call from `n` = receiver, `.`/`::`/`.foreach`, member name (an invocation or, in command arguments,
 * a member access followed by its argument list). The receiver is converted first, so chains record inner calls first.
 */
export function invocationParts(ctx: Ctx, n: Node, argNodes: Node[], range: Range): Call {
  const recvNode = n.namedChild(0)!;
  const mn = n.namedChildren.find((c) => c.type === 'member_name');
  const isStatic = isStaticAccess(ctx.model.text, recvNode.endIndex);
  const recv = unwrap(recvNode);
  // `.foreach{...}`: the grammar keeps no node for `.foreach`, so its range is the gap before the block.
  const nameRange = mn ? ctx.range(mn) : foreachRange(ctx, recvNode, argNodes[0]);
  const name = mn ? memberName(ctx, mn).name : ctx.model.text.slice(nameRange.start, nameRange.end);
  const base: Omit<Call, 'kind' | 'callee' | 'name'> = {
    args: [],
    named: [],
    range,
    calleeRange: { start: n.startIndex, end: nameRange.end },
    nameRange,
    scope: ctx.scope,
  };
  let call: Call;
  const typeName = isStatic && recv.type === 'type_literal' ? typeNameNode(recv) : undefined;
  if (typeName) {
    const segs = splitTypeName(typeName.text);
    call =
      name.toLowerCase() === 'new'
        ? { ...base, kind: 'new', callee: segs, name: segs[segs.length - 1] ?? name, calleeRange: ctx.range(typeName), nameRange: ctx.range(lastTypeIdentifier(typeName)) }
        : { ...base, kind: 'call', callee: [...segs, name], name };
  } else {
    const receiver = expr(ctx, recvNode);
    call = { ...base, kind: 'call', callee: [...(pathOf(receiver) ?? [UNNAMED]), name], name, receiver };
  }
  ctx.addCall(call);
  for (const c of argNodes) call.args = c.type === 'argument_list' ? argumentList(ctx, c) : [expr(ctx, c)];
  return call;
}

/** The expressions in `( a, b )` of a method call. */
export function argumentList(ctx: Ctx, n: Node): Expr[] {
  const list = n.childForFieldName('argument_expression_list') ?? n.namedChildren.find((c) => c.type === 'argument_expression_list');
  return list ? operands(list).map((c) => expr(ctx, c)) : [];
}

function pipeline(ctx: Ctx, n: Node): Expr {
  const chains = n.namedChildren.filter((c) => c.type === 'pipeline_chain' || c.type === 'assignment_expression');
  if (chains.length === 1) return expr(ctx, chains[0]);
  return ctx.unknown(n, chains.map((c) => expr(ctx, c)));
}

/** `A | B | C`: each command gets the previous element as `input`; the value is the last command. */
function chain(ctx: Ctx, n: Node): Expr {
  let value: Expr | undefined;
  for (const c of n.namedChildren) {
    if (c.type === 'comment' || c.type === 'verbatim_command_argument') continue;
    if (c.type === 'redirections') {
      visit(ctx, c);
      continue;
    }
    if (c.type === 'command') {
      const call = commandCall(ctx, c, value);
      value = call ? callExpr(call) : ctx.unknown(c);
    } else {
      value = expr(ctx, c);
    }
  }
  return value ?? ctx.unknown(n);
}

function isStringy(e: Expr): boolean {
  return e.kind === 'string' || e.kind === 'concat';
}

/** `'a' + $b` is a concatenation when either side is a string; other arithmetic stays unknown. */
function additive(ctx: Ctx, n: Node): Expr {
  const ops = operands(n);
  const values = ops.map((c) => expr(ctx, c));
  if (operatorOf(n) !== '+' || values.length !== 2 || !values.some(isStringy)) return ctx.unknown(n, values);
  const parts: Expr[] = [];
  for (const v of values) {
    if (v.kind === 'concat' && plusChains.has(v)) {
      ctx.absorb(v);
      parts.push(...v.parts);
    } else parts.push(v);
  }
  const e = ctx.concat(parts, ctx.range(n));
  plusChains.add(e);
  return e;
}

/** `"{0}/oauth2/token" -f $tenant`: the literal format split at its placeholders, the arguments in between. */
function format(ctx: Ctx, n: Node): Expr {
  const ops = operands(n);
  const values = ops.map((c) => expr(ctx, c));
  const [fmt, argsExpr] = values;
  if (values.length !== 2 || fmt.kind !== 'string') return ctx.unknown(n, values);
  const args = argsExpr.kind === 'array' ? argsExpr.items : [argsExpr];
  const parts = formatParts(ctx, fmt, args);
  ctx.absorb(fmt);
  return ctx.concat(parts, ctx.range(n));
}

function foreachRange(ctx: Ctx, recv: Node, block: Node | undefined): Range {
  const end = block ? block.startIndex : recv.endIndex;
  const text = ctx.model.text;
  let start = recv.endIndex;
  if (text[start] === '.') start++;
  let stop = end;
  while (stop > start && ' \t\r\n'.includes(text[stop - 1])) stop--;
  return { start, end: stop };
}

/** `[T]::M`: the `::` follows the receiver, possibly after blanks. */
function isStaticAccess(text: string, at: number): boolean {
  while (text[at] === ' ' || text[at] === '\t') at++;
  return text[at] === ':' && text[at + 1] === ':';
}
