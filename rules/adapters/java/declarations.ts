// Java declarations: imports, types, methods, fields, locals and parameters, with the scopes they open.
import type { Node } from '../treesitter';
import { elementOf } from '../common/paths';
import { rangeOf } from '../common/walker';
import type { JavaWalker } from './walker';

const WHITESPACE = /\s+/g;

function modifiers(n: Node): Node | undefined {
  return n.namedChildren.find((c) => c.type === 'modifiers');
}

function isFinal(n: Node): boolean {
  return modifiers(n)?.children.some((c) => c.type === 'final') ?? false;
}

/** Annotations live in `modifiers`; their arguments may hold strings. */
function annotations(n: Node, w: JavaWalker): void {
  const m = modifiers(n);
  if (m) w.visit(m);
}

/** Formal, spread, inferred and single-identifier lambda parameters, declared in the current scope. */
export function parameters(list: Node, w: JavaWalker): void {
  for (const c of list.namedChildren) {
    if (c.type === 'identifier') w.b.param(c.text, rangeOf(c));
    else if (c.type === 'formal_parameter' || c.type === 'spread_parameter') {
      annotations(c, w);
      const nm = c.childForFieldName('name') ?? c.namedChildren.find((d) => d.type === 'variable_declarator')?.childForFieldName('name');
      const type = c.childForFieldName('type') ?? c.namedChildren.find((d) => /(^|_)type(_identifier)?$/.test(d.type));
      if (nm) w.b.param(nm.text, rangeOf(nm), type?.text.replace(/\s+/g, ''));
    }
  }
}

function variables(n: Node, w: JavaWalker, isConst: boolean): void {
  annotations(n, w);
  for (const d of n.childrenForFieldName('declarator')) {
    const value = d.childForFieldName('value');
    if (!value) continue;
    const v = w.expr(value);
    const nm = d.childForFieldName('name');
    if (nm) w.b.assign([nm.text], rangeOf(nm), v, rangeOf(d), isConst);
  }
}

function resource(n: Node, w: JavaWalker): void {
  const nm = n.childForFieldName('name');
  const value = n.childForFieldName('value');
  if (!value) return w.visitChildren(n);
  annotations(n, w);
  const v = w.expr(value);
  if (nm) w.b.assign([nm.text], rangeOf(nm), v, rangeOf(n), isFinal(n));
}

function typeDeclaration(n: Node, w: JavaWalker): void {
  annotations(n, w);
  const body = n.childForFieldName('body');
  const record = n.childForFieldName('parameters');
  const first = record ?? body;
  if (!first) return;
  w.b.enter({ start: first.startIndex, end: (body ?? first).endIndex });
  if (record) parameters(record, w);
  if (body) w.visit(body);
  w.b.leave();
}

function functionLike(n: Node, w: JavaWalker): void {
  annotations(n, w);
  w.b.enter(rangeOf(n));
  const params = n.childForFieldName('parameters');
  if (params) parameters(params, w);
  const body = n.childForFieldName('body') ?? n.namedChildren.find((c) => c.type === 'block');
  if (body) w.visit(body);
  w.b.leave();
}

function enumConstant(n: Node, w: JavaWalker): void {
  annotations(n, w);
  const args = n.childForFieldName('arguments');
  if (args) w.visit(args);
  const body = n.childForFieldName('body');
  if (body) {
    w.b.enter(rangeOf(body));
    w.visit(body);
    w.b.leave();
  }
}

/** `for (T x : xs)`: x is bound to an element of xs. */
function enhancedFor(n: Node, w: JavaWalker): void {
  annotations(n, w);
  const nm = n.childForFieldName('name');
  const value = n.childForFieldName('value');
  if (value) {
    const element = elementOf(w.expr(value));
    if (nm?.type === 'identifier') w.b.assign([nm.text], rangeOf(nm), element, rangeOf(n), isFinal(n));
  }
  const body = n.childForFieldName('body');
  if (body) w.visit(body);
}

function importDeclaration(n: Node, w: JavaWalker): void {
  const target = n.namedChildren.find((c) => c.type === 'scoped_identifier' || c.type === 'identifier');
  if (target) w.b.model.imports.push({ module: target.text.replace(WHITESPACE, ''), range: rangeOf(n), kind: 'import' });
}

function requires(n: Node, w: JavaWalker): void {
  const target = n.childForFieldName('module');
  if (target) w.b.model.imports.push({ module: target.text.replace(WHITESPACE, ''), range: rangeOf(n), kind: 'requires' });
}

const skip = (): void => undefined;

export const declarationHandlers = {
  import_declaration: importDeclaration,
  requires_module_directive: requires,
  package_declaration: skip,
  line_comment: skip,
  block_comment: skip,
  class_declaration: typeDeclaration,
  interface_declaration: typeDeclaration,
  enum_declaration: typeDeclaration,
  record_declaration: typeDeclaration,
  annotation_type_declaration: typeDeclaration,
  enum_constant: enumConstant,
  method_declaration: functionLike,
  constructor_declaration: functionLike,
  compact_constructor_declaration: functionLike,
  static_initializer: functionLike,
  field_declaration: (n: Node, w: JavaWalker): void => variables(n, w, isFinal(n)),
  constant_declaration: (n: Node, w: JavaWalker): void => variables(n, w, true),
  local_variable_declaration: (n: Node, w: JavaWalker): void => variables(n, w, isFinal(n)),
  enhanced_for_statement: enhancedFor,
  resource,
};
