// Python bindings: assignments (plain, chained, augmented, unpacking), parameters with defaults, defs, classes, imports.
import type { Node } from 'web-tree-sitter';
import type { Expr, UnknownExpr } from '../../model/types';
import { isStringLike } from '../common/model-collector';
import { elementOf } from '../common/paths';
import { type PyContext, rng } from './context';
import { expr, generic, valueChild } from './exprs';
import { visit } from './walker';

const FINAL = /^(typing\.)?Final\b/;
const SPACES = /\s+/g;
const PATTERNS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'expression_list']);

/** The assigned path of a converted target, or undefined when it has no static path (`d[k] = v`). */
function targetPath(t: Expr): string[] | undefined {
  if (t.kind === 'name') return [t.name];
  if (t.kind === 'member') return t.path;
  if (t.kind === 'index' && t.key.kind === 'string') return t.path;
  return undefined;
}

/** Binds `left` (a name, attribute, subscript or unpacking pattern) to `value`. */
function bind(ctx: PyContext, left: Node, value: Expr, whole: Node, scope: number, isConst: boolean): void {
  if (left.type === 'parenthesized_expression') {
    const inner = valueChild(left);
    if (inner) bind(ctx, inner, value, whole, scope, isConst);
    return;
  }
  if (PATTERNS.has(left.type)) {
    const elements = left.namedChildren.filter((c) => c.type !== 'comment');
    const pairwise = value.kind === 'array' && value.items.length === elements.length && !value.items.some((i) => i.kind === 'spread');
    // Without a matching tuple each target gets "some part of value": unknown, but its source stays visible.
    const part: UnknownExpr = { kind: 'unknown', text: ctx.b.model.text.slice(value.range.start, value.range.end), range: value.range, children: [value] };
    elements.forEach((el, i) => bind(ctx, el, pairwise && value.kind === 'array' ? value.items[i] : part, whole, scope, isConst));
    return;
  }
  if (left.type === 'list_splat_pattern') return;
  const path = targetPath(expr(ctx, left, scope));
  if (path) ctx.b.assign(path, rng(left), value, rng(whole), scope, isConst);
}

/** `a = b = v`, `x: T = v`, `a, b = ...`, `x += v`; returns the assigned value for use as an expression. */
export function assignment(ctx: PyContext, n: Node, scope: number): Expr {
  const left = n.childForFieldName('left');
  const right = n.childForFieldName('right');
  if (!left || !right) return generic(ctx, n, scope);
  if (n.type === 'augmented_assignment') {
    const value = expr(ctx, right, scope);
    const target = expr(ctx, left, scope);
    const op = n.childForFieldName('operator')?.type;
    const combined = op === '+=' && isStringLike(value) ? ctx.b.concat([target, value], rng(n)) : ctx.unknown(n, [target, value]);
    const path = targetPath(target);
    if (path) ctx.b.assign(path, rng(left), combined, rng(n), scope);
    return combined;
  }
  const value = expr(ctx, right, scope);
  const type = n.childForFieldName('type');
  bind(ctx, left, value, n, scope, !!type && FINAL.test(type.text));
  return value;
}

function paramName(p: Node): Node | null {
  switch (p.type) {
    case 'identifier':
      return p;
    case 'default_parameter':
    case 'typed_default_parameter':
      return p.childForFieldName('name');
    case 'typed_parameter':
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern': {
      const inner = valueChild(p);
      return inner && inner.type !== 'identifier' ? paramName(inner) : inner;
    }
    default:
      return null;
  }
}

/** Declares parameters in `fnScope`; a default becomes an Assignment there (evaluated in `outer`). */
export function bindParameters(ctx: PyContext, params: Node, fnScope: number, outer: number): void {
  for (const p of params.namedChildren) {
    const name = paramName(p);
    if (!name) continue;
    ctx.b.param(name.text, fnScope, rng(name));
    const def = p.type === 'default_parameter' || p.type === 'typed_default_parameter' ? p.childForFieldName('value') : null;
    if (def) ctx.b.assign([name.text], rng(name), expr(ctx, def, outer), rng(p), fnScope);
  }
}

export function functionDef(ctx: PyContext, n: Node, scope: number): void {
  const s = ctx.b.scope(scope, rng(n));
  const params = n.childForFieldName('parameters');
  if (params) bindParameters(ctx, params, s, scope);
  const body = n.childForFieldName('body');
  if (body) visit(ctx, body, s);
}

export function classDef(ctx: PyContext, n: Node, scope: number): void {
  const bases = n.childForFieldName('superclasses');
  if (bases) {
    for (const c of bases.namedChildren) {
      const v = c.type === 'keyword_argument' ? c.childForFieldName('value') : c;
      if (v && v.type !== 'comment') expr(ctx, v, scope);
    }
  }
  const s = ctx.b.scope(scope, rng(n));
  const body = n.childForFieldName('body');
  if (body) visit(ctx, body, s);
}

function dotted(n: Node): string {
  return n.text.replace(SPACES, '');
}

function importedName(c: Node): string {
  const name = c.type === 'aliased_import' ? c.childForFieldName('name') : c;
  return dotted(name ?? c);
}

/** `import a, b as c` gives one Import per module; `from m import x, y` one Import listing the names. */
export function importStatement(ctx: PyContext, n: Node): void {
  if (n.type === 'import_statement') {
    for (const c of n.childrenForFieldName('name')) ctx.b.import({ module: importedName(c), range: rng(c), kind: 'import' });
    return;
  }
  const moduleNode = n.childForFieldName('module_name');
  const module = n.type === 'future_import_statement' ? '__future__' : moduleNode ? dotted(moduleNode) : '';
  const names = n.childrenForFieldName('name').map(importedName);
  for (const c of n.childrenForFieldName('name')) {
    const alias = c.type === 'aliased_import' ? c.childForFieldName('alias')?.text : undefined;
    if (alias) ctx.aliases.set(alias, importedName(c));
  }
  if (n.namedChildren.some((c) => c.type === 'wildcard_import')) names.push('*');
  ctx.b.import({ module, range: rng(n), kind: 'import', names });
}

/** `for x in xs:` (also `async for`, with an `else:`): x is bound to an element of xs, then the body is walked. */
export function forStatement(ctx: PyContext, n: Node, scope: number): void {
  const left = n.childForFieldName('left');
  const right = n.childForFieldName('right');
  if (right) {
    const iterable = expr(ctx, right, scope);
    if (left) bind(ctx, left, elementOf(iterable), n, scope, false);
  }
  for (const c of n.namedChildren) {
    if (c.id === left?.id || c.id === right?.id) continue;
    visit(ctx, c, scope);
  }
}

/** `for x in xs` inside a comprehension: x is bound, in the comprehension's scope, to an element of xs (for the whole comprehension, whose result expression comes first). */
export function forInClause(ctx: PyContext, n: Node, scope: number, comprehension: Node): void {
  const left = n.childForFieldName('left');
  const rights = n.childrenForFieldName('right').filter((r) => r.isNamed);
  if (!rights.length) return;
  const iterables = rights.map((r) => expr(ctx, r, scope));
  // `for x in a, b` iterates the tuple (a, b).
  const iterable: Expr = iterables.length === 1 ? iterables[0] : { kind: 'array', items: iterables, range: { start: iterables[0].range.start, end: iterables[iterables.length - 1].range.end } };
  if (left) bind(ctx, left, elementOf(iterable), comprehension, scope, false);
}

/** `with open(p) as fh`: fh is assigned the context expression. */
export function withItem(ctx: PyContext, n: Node, scope: number): void {
  const v = n.childForFieldName('value');
  if (!v) return;
  if (v.type !== 'as_pattern') {
    expr(ctx, v, scope);
    return;
  }
  const inner = valueChild(v);
  const value = inner ? expr(ctx, inner, scope) : ctx.unknown(v);
  const alias = v.childForFieldName('alias');
  const target = alias && valueChild(alias);
  if (target) bind(ctx, target, value, n, scope, false);
}
