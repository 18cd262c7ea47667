// Tree helpers for the PowerShell grammar: which node types are transparent wrappers, operands of an operator node.
import type { Node } from '../treesitter';

/** The grammar nests every expression in these single-child levels (pipeline > pipeline_chain > logical_expression > ... > unary_expression). */
const WRAPPERS = new Set([
  'pipeline',
  'pipeline_chain',
  'logical_expression',
  'bitwise_expression',
  'comparison_expression',
  'additive_expression',
  'multiplicative_expression',
  'format_expression',
  'range_expression',
  'array_literal_expression',
  'unary_expression',
  'argument_expression',
  'logical_argument_expression',
  'bitwise_argument_expression',
  'comparison_argument_expression',
  'additive_argument_expression',
  'multiplicative_argument_expression',
  'format_argument_expression',
  'range_argument_expression',
  'left_assignment_expression',
  'key_expression',
]);

/** Node types that name an operator rather than an operand. */
const OPERATOR_NODES = new Set(['comparison_operator', 'format_operator', 'assignement_operator', 'file_redirection_operator', 'merging_redirection_operator', 'comment']);

/** Skips wrapper levels that hold a single operand (comments beside it do not count). */
export function unwrap(n: Node): Node {
  for (;;) {
    if (!WRAPPERS.has(n.type)) return n;
    const only = soleChild(n);
    if (!only) return n;
    n = only;
  }
}

function soleChild(n: Node): Node | null {
  const count = n.childCount;
  if (count === 1) return n.child(0);
  let found: Node | null = null;
  for (let i = 0; i < count; i++) {
    const c = n.child(i)!;
    if (c.type === 'comment') continue;
    if (found) return null;
    found = c;
  }
  return found;
}

/** Named children that are operands (operators and comments left out). */
export function operands(n: Node): Node[] {
  const out: Node[] = [];
  const count = n.namedChildCount;
  for (let i = 0; i < count; i++) {
    const c = n.namedChild(i)!;
    if (!OPERATOR_NODES.has(c.type)) out.push(c);
  }
  return out;
}

/** The first anonymous (operator) child's type, e.g. '+', '-', '-and', ','. */
export function operatorOf(n: Node): string | undefined {
  const count = n.childCount;
  for (let i = 0; i < count; i++) {
    const c = n.child(i)!;
    if (!c.isNamed) return c.type;
  }
  return undefined;
}

export function isComment(n: Node): boolean {
  return n.type === 'comment';
}
