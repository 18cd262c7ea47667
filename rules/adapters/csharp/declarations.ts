// C# declarations: using directives, types, members, locals and parameters, with the scopes they open.
import type { Expr } from '../../model/types';
import type { Node } from '../treesitter';
import { elementOf } from '../common/paths';
import { rangeOf } from '../common/walker';
import { argumentsOf } from './calls';
import type { CsWalker } from './walker';

const WHITESPACE = /\s+/g;
const VALUE_ACCESSORS = new Set(['set', 'init', 'add', 'remove']);
const ACCESSOR_KEYWORDS = new Set(['get', ...VALUE_ACCESSORS]);

function attributes(n: Node, w: CsWalker): void {
  for (const c of n.namedChildren) if (c.type === 'attribute_list') w.visit(c);
}

function parameter(p: Node, w: CsWalker): void {
  const nm = p.childForFieldName('name');
  if (nm) w.b.param(nm.text, rangeOf(nm), p.childForFieldName('type')?.text.replace(/\s+/g, ''));
  let afterEq = false;
  for (const c of p.children) {
    const t = c.type;
    if (t === '=') afterEq = true;
    else if (t === 'attribute_list') w.visit(c);
    else if (afterEq && t !== 'comment' && c.isNamed) w.expr(c);
  }
}

/** Parameters of a method, lambda, indexer or primary constructor, declared in the current scope. */
export function parameterList(list: Node, w: CsWalker): void {
  for (const c of list.namedChildren) {
    if (c.type === 'parameter') parameter(c, w);
    else if (c.type === 'attribute_list') w.visit(c);
  }
  // The grammar puts `params T[] name` straight into the list, without a parameter node.
  for (const nm of list.childrenForFieldName('name')) w.b.param(nm.text, rangeOf(nm));
}

/** The node after `=` in a declarator or parameter. */
function initializerOf(n: Node): Node | undefined {
  let afterEq = false;
  for (const c of n.children) {
    const t = c.type;
    if (t === '=') afterEq = true;
    else if (afterEq && t !== 'comment' && c.isNamed) return c;
  }
  return undefined;
}

function declaration(vd: Node, w: CsWalker, isConst: boolean): void {
  const type = vd.childForFieldName('type');
  const declared = type && type.type !== 'implicit_type' ? type : undefined;
  for (const d of vd.namedChildren) {
    if (d.type !== 'variable_declarator') continue;
    const value = initializerOf(d);
    if (!value) continue;
    w.typeHint = declared ? { id: value.id, type: declared } : undefined;
    const v = w.expr(value);
    const nm = d.childForFieldName('name');
    if (nm?.type === 'identifier') w.b.assign([nm.text], rangeOf(nm), v, rangeOf(d), isConst);
  }
}

/** Fields, events and locals: `const` and `readonly` make the assignment constant. */
function fieldOrLocal(n: Node, w: CsWalker): void {
  let isConst = false;
  for (const c of n.namedChildren) if (c.type === 'modifier' && (c.text === 'const' || c.text === 'readonly')) isConst = true;
  for (const c of n.namedChildren) {
    if (c.type === 'variable_declaration') declaration(c, w, isConst);
    else if (c.type === 'attribute_list') w.visit(c);
  }
}

function constructorInitializer(n: Node, w: CsWalker): void {
  const kw = n.children.find((c) => c.type === 'base' || c.type === 'this');
  const { args, named } = argumentsOf(n.namedChildren.find((c) => c.type === 'argument_list') ?? null, w);
  const at = rangeOf(kw ?? n);
  w.b.call({ kind: 'call', callee: [kw?.type ?? 'base'], name: kw?.type ?? 'base', args, named, range: rangeOf(n), calleeRange: at, nameRange: at });
}

function functionLike(n: Node, w: CsWalker): void {
  attributes(n, w);
  w.b.enter(rangeOf(n));
  const params = n.childForFieldName('parameters');
  if (params) parameterList(params, w);
  for (const c of n.namedChildren) if (c.type === 'constructor_initializer') constructorInitializer(c, w);
  const body = n.childForFieldName('body') ?? n.namedChildren.find((c) => c.type === 'block' || c.type === 'arrow_expression_clause');
  if (body) w.visit(body);
  w.b.leave();
}

function typeDeclaration(n: Node, w: CsWalker): void {
  attributes(n, w);
  const body = n.childForFieldName('body');
  const primary = n.namedChildren.find((c) => c.type === 'parameter_list');
  const first = primary ?? body;
  if (!first) return;
  w.b.enter({ start: first.startIndex, end: (body ?? first).endIndex });
  if (primary) parameterList(primary, w);
  for (const c of n.namedChildren) if (c.type === 'base_list') w.visit(c);
  if (body) w.visit(body);
  w.b.leave();
}

function accessor(n: Node, w: CsWalker): void {
  attributes(n, w);
  w.b.enter(rangeOf(n));
  const kw = n.children.find((c) => ACCESSOR_KEYWORDS.has(c.type));
  if (kw && VALUE_ACCESSORS.has(kw.type)) w.b.param('value', rangeOf(kw));
  const body = n.childForFieldName('body');
  if (body) w.visit(body);
  w.b.leave();
}

/** Properties with an initializer, and expression-bodied properties (`=> expr`), assign the property. */
function property(n: Node, w: CsWalker): void {
  attributes(n, w);
  const accessors = n.childForFieldName('accessors');
  if (accessors) w.visit(accessors);
  const value = n.childForFieldName('value');
  if (!value) return;
  let v: Expr;
  if (value.type === 'arrow_expression_clause') {
    w.b.enter(rangeOf(value));
    const inner = w.inner(value);
    v = inner ? w.expr(inner) : w.b.unknown(rangeOf(value));
    w.b.leave();
  } else {
    const type = n.childForFieldName('type');
    w.typeHint = type ? { id: value.id, type } : undefined;
    v = w.expr(value);
  }
  const nm = n.childForFieldName('name');
  if (nm) w.b.assign([nm.text], rangeOf(nm), v, rangeOf(n));
}

function indexer(n: Node, w: CsWalker): void {
  attributes(n, w);
  w.b.enter(rangeOf(n));
  const params = n.childForFieldName('parameters');
  if (params) parameterList(params, w);
  for (const c of n.namedChildren) if (c.type === 'accessor_list' || c.type === 'arrow_expression_clause') w.visit(c);
  w.b.leave();
}

/** `foreach (var x in xs)`, `foreach (var (a, b) in pairs)`: the variable is bound to an element of xs. */
function foreachStatement(n: Node, w: CsWalker): void {
  const left = n.childForFieldName('left');
  const right = n.childForFieldName('right');
  const body = n.childForFieldName('body');
  if (right) {
    const element = elementOf(w.expr(right));
    if (left?.type === 'identifier') w.b.assign([left.text], rangeOf(left), element, rangeOf(n));
    else if (left?.type === 'tuple_pattern' || left?.type === 'declaration_expression') {
      // Each part of a deconstructed element: some part of it.
      for (const nm of left.descendantsOfType('identifier')) {
        if (nm) w.b.assign([nm.text], rangeOf(nm), w.b.unknown(rangeOf(right), [element]), rangeOf(n));
      }
    } else if (left) w.expr(left);
  }
  if (body) w.visit(body);
}

function usingDirective(n: Node, w: CsWalker): void {
  const alias = n.childForFieldName('name');
  const target = n.namedChildren.filter((c) => c.id !== alias?.id && c.type !== 'comment').at(-1);
  if (target) w.b.model.imports.push({ module: target.text.replace(WHITESPACE, ''), range: rangeOf(n), kind: 'using' });
}

const skip = (): void => undefined;

export const declarationHandlers = {
  using_directive: usingDirective,
  class_declaration: typeDeclaration,
  struct_declaration: typeDeclaration,
  record_declaration: typeDeclaration,
  record_struct_declaration: typeDeclaration,
  interface_declaration: typeDeclaration,
  enum_declaration: typeDeclaration,
  method_declaration: functionLike,
  constructor_declaration: functionLike,
  destructor_declaration: functionLike,
  operator_declaration: functionLike,
  conversion_operator_declaration: functionLike,
  local_function_statement: functionLike,
  accessor_declaration: accessor,
  property_declaration: property,
  indexer_declaration: indexer,
  field_declaration: fieldOrLocal,
  event_field_declaration: fieldOrLocal,
  local_declaration_statement: fieldOrLocal,
  foreach_statement: foreachStatement,
  variable_declaration: (n: Node, w: CsWalker): void => declaration(n, w, false),
  comment: skip,
  namespace_declaration: (n: Node, w: CsWalker): void => {
    const body = n.childForFieldName('body');
    if (body) w.visit(body);
  },
  file_scoped_namespace_declaration: skip,
};
