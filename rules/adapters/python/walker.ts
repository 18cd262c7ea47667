// Walks Python statements; anything that is not a statement is handed to the expression converter.
import type { Node } from 'web-tree-sitter';
import type { PyContext } from './context';
import { classDef, forStatement, functionDef, importStatement, withItem } from './defs';
import { expr, valueChild } from './exprs';
import { printStatement } from './calls';

/** Node types whose named children are walked as statements (or as expressions when they are not statements). */
const STATEMENTS = new Set([
  'module', 'block', 'ERROR', 'expression_statement', 'if_statement', 'elif_clause', 'else_clause', 'while_statement',
  'for_statement', 'try_statement', 'except_clause', 'except_group_clause', 'finally_clause', 'with_statement', 'with_clause',
  'with_item', 'match_statement', 'case_clause', 'return_statement', 'delete_statement', 'raise_statement',
  'assert_statement', 'print_statement', 'exec_statement', 'global_statement', 'nonlocal_statement', 'pass_statement',
  'break_statement', 'continue_statement', 'function_definition', 'class_definition', 'decorated_definition',
  'import_statement', 'import_from_statement', 'future_import_statement', 'type_alias_statement',
]);

export function isStatement(type: string): boolean {
  return STATEMENTS.has(type);
}

export function visit(ctx: PyContext, n: Node, scope: number, type = n.type): void {
  if (!ctx.b.guard.enter(n.startIndex, n.endIndex)) return;
  try {
    visitGuarded(ctx, n, scope, type);
  } finally {
    ctx.b.guard.leave();
  }
}

function visitGuarded(ctx: PyContext, n: Node, scope: number, type: string): void {
  switch (type) {
    case 'comment':
      return;
    case 'function_definition':
      return functionDef(ctx, n, scope);
    case 'class_definition':
      return classDef(ctx, n, scope);
    case 'decorated_definition':
      for (const c of n.namedChildren) {
        const t = c.type;
        if (t === 'decorator') {
          const d = valueChild(c);
          if (d) expr(ctx, d, scope);
        } else visit(ctx, c, scope, t);
      }
      return;
    case 'import_statement':
    case 'import_from_statement':
    case 'future_import_statement':
      return importStatement(ctx, n);
    case 'with_item':
      return withItem(ctx, n, scope);
    case 'for_statement':
      return forStatement(ctx, n, scope);
    case 'print_statement':
      return printStatement(ctx, n, scope);
    default:
      if (STATEMENTS.has(type)) {
        for (const c of n.namedChildren) visit(ctx, c, scope);
      } else expr(ctx, n, scope, [], type);
  }
}
