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

/** Leaves of a node that can span all of it; reaching one means its parent is the node we want. */
const PART_OF_PARENT = new Set(['command_name', 'decimal_integer_literal', 'hexadecimal_integer_literal', 'braced_variable']);

/**
 * Skips wrapper levels that hold a single operand (comments beside it do not count). The deepest node with the
 * same range is found in one call instead of a dozen child lookups, which matters: wrappers are most of the tree.
 */
export function unwrap(n: Node): Node {
  let type = n.type;
  while (WRAPPERS.has(type)) {
    const deepest = n.namedDescendantForIndex(n.startIndex, n.endIndex);
    let next: Node | null;
    if (deepest && deepest.id !== n.id) next = PART_OF_PARENT.has(deepest.type) ? parentBelow(n, deepest) : deepest;
    else next = soleChild(n);
    if (!next || next.id === n.id) return n;
    n = next;
    type = n.type;
  }
  return n;
}

/**
 * The parent of `leaf`, a descendant of `top`, found level by level going down from `top`. Not `leaf.parent`:
 * the grammar runtime searches from the root of the tree, recursively, and on a tree nested tens of thousands of
 * levels deep (a few thousand unclosed parentheses) that overflows its stack and corrupts its memory for good.
 */
export function parentBelow(top: Node, leaf: Node): Node | null {
  let parent: Node | null = null;
  let n: Node | null = top;
  while (n && n.id !== leaf.id) {
    parent = n;
    n = n.firstChildForIndex(leaf.startIndex);
  }
  return n ? parent : null;
}

function soleChild(n: Node): Node | null {
  if (n.childCount === 1) return n.child(0);
  let found: Node | null = null;
  for (const c of n.children) {
    if (c.type === 'comment') continue;
    if (found) return null;
    found = c;
  }
  return found;
}

/** Named children that are operands (operators and comments left out). */
export function operands(n: Node): Node[] {
  return n.namedChildren.filter((c) => !OPERATOR_NODES.has(c.type));
}

/** The first anonymous (operator) child's type, e.g. '+', '-', '-and', ','. */
export function operatorOf(n: Node): string | undefined {
  for (const c of n.children) if (!c.isNamed) return c.type;
  return undefined;
}
