// Statement-level walk of a PowerShell file: functions, classes, param blocks, script blocks, assignments, control flow.
import type { Assignment, Expr } from '../../model/types';
import type { Node } from '../treesitter';
import type { Ctx } from './context';
import { elementOf, UNNAMED } from '../common/paths';
import { expr } from './expr';
import { pathOf, variableName } from './names';
import { operands, unwrap } from './nodes';

/** Node types whose value is an expression: converting them records their calls, strings and pairs. */
const EXPRESSIONS = new Set([
  'pipeline',
  'pipeline_chain',
  'command',
  'assignment_expression',
  'variable',
  'string_literal',
  'generic_token',
  'hash_literal_expression',
  'array_literal_expression',
  'array_expression',
  'parenthesized_expression',
  'sub_expression',
  'script_block_expression',
  'expression_with_unary_operator',
  'cast_expression',
  'member_access',
  'element_access',
  'invokation_expression',
  'invokation_foreach_expression',
  'logical_expression',
  'bitwise_expression',
  'comparison_expression',
  'additive_expression',
  'multiplicative_expression',
  'format_expression',
  'range_expression',
  'unary_expression',
  'argument_expression',
  'left_assignment_expression',
]);

/** Walks any statement or fragment (also the inside of ERROR nodes) and records what it contains. */
export function visit(ctx: Ctx, n: Node): void {
  if (EXPRESSIONS.has(n.type)) {
    expr(ctx, n);
    return;
  }
  if (!ctx.guard.enter(n.startIndex, n.endIndex)) return;
  try {
    visitGuarded(ctx, n);
  } finally {
    ctx.guard.leave();
  }
}

function visitGuarded(ctx: Ctx, n: Node): void {
  switch (n.type) {
    case 'comment':
      return;
    case 'function_statement':
      return functionStatement(ctx, n);
    case 'class_statement':
      return classStatement(ctx, n);
    case 'param_block':
      return paramBlock(ctx, n);
    case 'foreach_statement':
      return foreachStatement(ctx, n);
    case 'argument_list':
    case 'argument_expression_list':
      for (const c of operands(n)) expr(ctx, c);
      return;
  }
  // namedChildren, not namedChild(i): the latter walks the child list from the start on every call.
  for (const c of n.namedChildren) visit(ctx, c);
}

/** The value of a statement used as a value (`$x = if (...) {...}`, a hashtable entry): its expression, else unknown. */
export function statementValue(ctx: Ctx, n: Node, prefix: string[] = []): Expr {
  if (EXPRESSIONS.has(n.type)) return expr(ctx, n, prefix);
  visit(ctx, n);
  return ctx.unknown(n);
}

/** `foreach ($x in $xs) { ... }`: $x is bound to an element of $xs. */
function foreachStatement(ctx: Ctx, n: Node): void {
  const v = n.namedChildren.find((c) => c.type === 'variable');
  const source = n.namedChildren.find((c) => c.type === 'pipeline');
  if (v && source) {
    const element = elementOf(expr(ctx, source));
    ctx.model.assignments.push({ target: [variableName(v.text)], targetRange: ctx.range(v), value: element, range: ctx.range(n), scope: ctx.scope });
  }
  for (const c of n.namedChildren) if (c.id !== v?.id && c.id !== source?.id) visit(ctx, c);
}

/** `function F($a) { param($b) ... }`: one scope for the whole definition. */
function functionStatement(ctx: Ctx, n: Node): void {
  ctx.inScope(n, () => {
    for (const c of n.namedChildren) {
      if (c.type === 'function_parameter_declaration') parameterList(ctx, c.namedChildren.find((p) => p.type === 'parameter_list'));
      else if (c.type === 'script_block') scriptBlock(ctx, c);
      else if (c.type !== 'function_name') visit(ctx, c);
    }
  });
}

/** The inside of a `{ ... }` body: its param block, then statements or begin/process/end blocks. */
function scriptBlock(ctx: Ctx, n: Node): void {
  for (const c of n.namedChildren) visit(ctx, c);
}

/** A script block used as a value or argument (`ForEach-Object { ... }`, `$sb = { param($x) ... }`) is a scope of its own. */
export function scriptBlockExpression(ctx: Ctx, n: Node): Expr {
  ctx.inScope(n, () => scriptBlock(ctx, n));
  return ctx.unknown(n);
}

function paramBlock(ctx: Ctx, n: Node): void {
  for (const c of n.namedChildren) {
    if (c.type === 'parameter_list') parameterList(ctx, c);
    else visit(ctx, c);
  }
}

/** Declares each parameter; a default value is also an assignment so that a hard-coded default is visible. */
function parameterList(ctx: Ctx, list: Node | undefined): void {
  if (!list) return;
  for (const p of list.namedChildren) {
    if (p.type !== 'script_parameter') {
      if (p.type !== 'comment') visit(ctx, p);
      continue;
    }
    const v = p.namedChildren.find((c) => c.type === 'variable');
    for (const c of p.namedChildren) if (c.type === 'attribute_list') visit(ctx, c);
    if (!v) continue;
    const name = variableName(v.text);
    ctx.addParameter(name, ctx.range(v));
    const def = p.namedChildren.find((c) => c.type === 'script_parameter_default');
    const valueNode = def?.namedChildren.find((c) => c.type !== 'comment');
    if (valueNode) {
      const value = expr(ctx, valueNode);
      ctx.model.assignments.push({ target: [name], targetRange: ctx.range(v), value, range: ctx.range(p), scope: ctx.scope });
    }
  }
}

/** `class C { [string]$P = 'v'; [T] M($a) { ... } }`: the class and each method are scopes. */
function classStatement(ctx: Ctx, n: Node): void {
  ctx.inScope(n, () => {
    for (const c of n.namedChildren) {
      if (c.type === 'class_property_definition') classProperty(ctx, c);
      else if (c.type === 'class_method_definition') classMethod(ctx, c);
      else if (c.type !== 'simple_name') visit(ctx, c);
    }
  });
}

function classProperty(ctx: Ctx, n: Node): void {
  const v = n.namedChildren.find((c) => c.type === 'variable');
  const valueNode = v && n.namedChildren.find((c) => c.startIndex >= v.endIndex && c.type !== 'comment');
  if (!v || !valueNode) return;
  const value = expr(ctx, valueNode);
  ctx.model.assignments.push({ target: [variableName(v.text)], targetRange: ctx.range(v), value, range: ctx.range(n), scope: ctx.scope });
}

function classMethod(ctx: Ctx, n: Node): void {
  ctx.inScope(n, () => {
    for (const c of n.namedChildren) {
      if (c.type === 'class_method_parameter_list') {
        for (const p of c.namedChildren) {
          const v = p.namedChildren.find((x) => x.type === 'variable');
          if (v) ctx.addParameter(variableName(v.text), ctx.range(v));
        }
      } else if (c.type === 'script_block') scriptBlock(ctx, c);
      else if (c.type === 'attribute') visit(ctx, c);
    }
  });
}

/**
 * `$x = v`, `[string]$x = v`, `$o.P = v`, `$env:X = v`, `$x += v`, `$a, $b = v`. Returns the assigned value,
 * so that `$a = $b = 'x'` gives both the value.
 */
export function assignment(ctx: Ctx, n: Node): Expr {
  const left = n.namedChildren.find((c) => c.type === 'left_assignment_expression') ?? n.namedChild(0)!;
  const op = n.namedChildren.find((c) => c.type === 'assignement_operator')?.text ?? '=';
  const valueNode = n.childForFieldName('value') ?? n.namedChildren.find((c) => c.startIndex >= left.endIndex && c.type !== 'assignement_operator' && c.type !== 'comment');
  const value = valueNode ? statementValue(ctx, valueNode) : ctx.unknown(n);
  const targets = assignmentTargets(unwrap(left));
  for (const t of targets) {
    const targetExpr = expr(ctx, t);
    const path = pathOf(targetExpr);
    if (!path) continue;
    // `$h[$key] = v` / `$a[0] = v` set an element whose key is not known, not `$h` itself.
    const target = targetExpr.kind === 'index' && targetExpr.key.kind !== 'string' ? [...path, UNNAMED] : path;
    let v = value;
    if (targets.length > 1) v = ctx.unknown(valueNode ?? n, [value]);
    else if (op === '+=') v = value.kind === 'string' || value.kind === 'concat' ? ctx.concat([targetExpr, value], ctx.range(n)) : ctx.unknown(n, [targetExpr, value]);
    else if (op !== '=') v = ctx.unknown(n, [targetExpr, value]);
    const scope = targetExpr.kind === 'name' ? targetExpr.scope : ctx.scope; // `$script:x = …` assigns the script's x
    const a: Assignment = { target, targetRange: ctx.range(t), value: v, range: ctx.range(n), scope };
    ctx.model.assignments.push(a);
  }
  return value;
}

/** The assigned places: one, or each item of `$a, $b = ...`; casts (`[string]$x`) are looked through. */
function assignmentTargets(left: Node): Node[] {
  const items = left.type === 'array_literal_expression' ? operands(left).map(unwrap) : [left];
  return items.map((t) => {
    let cur = t;
    while (cur.type === 'expression_with_unary_operator' || cur.type === 'cast_expression') {
      const next = cur.namedChildren.filter((c) => c.type !== 'type_literal' && c.type !== 'comment').pop();
      if (!next) break;
      cur = unwrap(next);
    }
    return cur;
  });
}
