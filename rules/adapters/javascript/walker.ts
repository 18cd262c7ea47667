// Walks JS/TS statements and declarations: scopes for functions and classes, imports, class fields, enums.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Range } from '../../model/types';
import { type JsContext, type N } from './context';
import { childNodes, expr, keyName } from './exprs';
import { elementOf } from '../common/paths';
import { bind, bindParams, declarator } from './patterns';

const STATEMENT_LIKE = new Set(['Program', 'SwitchCase', 'CatchClause', 'StaticBlock', 'ClassBody', 'TSModuleBlock', 'VariableDeclarator']);
/** Type-only or body-less TypeScript declarations. */
const TYPE_DECLARATIONS = new Set(['TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'TSDeclareFunction', 'TSIndexSignature', 'TSAbstractMethodDefinition', 'TSAbstractPropertyDefinition', 'TSAbstractAccessorProperty', 'TSEmptyBodyFunctionExpression']);

export function isStatement(type: string): boolean {
  return type.endsWith('Statement') || type.endsWith('Declaration') || STATEMENT_LIKE.has(type);
}

export function visit(ctx: JsContext, n: N, scope: number): void {
  if (!ctx.b.guard.enter(n.range[0], n.range[1])) return;
  try {
    visitGuarded(ctx, n, scope);
  } finally {
    ctx.b.guard.leave();
  }
}

function visitGuarded(ctx: JsContext, n: N, scope: number): void {
  switch (n.type) {
    case 'ExpressionStatement':
      expr(ctx, n.expression, scope);
      return;
    case 'VariableDeclaration':
      for (const d of n.declarations) declarator(ctx, d, scope, n.kind === 'const');
      return;
    case 'ForOfStatement':
    case 'ForInStatement': {
      // `for (const x of xs)` / `for (k in o)`: the variable is bound to an element (a key) of the iterable.
      const element = elementOf(expr(ctx, n.right, scope));
      if (n.left.type === 'VariableDeclaration') {
        for (const d of n.left.declarations) bind(ctx, d.id, element, { scope, isConst: n.left.kind === 'const', whole: n });
      } else bind(ctx, n.left, element, { scope, isConst: false, whole: n });
      visit(ctx, n.body, scope);
      return;
    }
    case 'FunctionDeclaration':
      functionLike(ctx, n, scope);
      return;
    case 'ClassDeclaration':
      classDecl(ctx, n, scope);
      return;
    case 'ImportDeclaration': {
      const names = n.specifiers.flatMap((s) => (s.type === 'ImportSpecifier' ? [s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value)] : []));
      for (const s of n.specifiers) {
        const imported = s.type === 'ImportSpecifier' ? (s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value)) : undefined;
        if (imported !== undefined && imported !== s.local.name) ctx.aliases.set(s.local.name, imported);
      }
      ctx.b.import({ module: n.source.value, range: ctx.rng(n), kind: 'import', ...(names.length ? { names } : {}) });
      return;
    }
    case 'ExportNamedDeclaration':
      if (n.source) {
        const names = n.specifiers.map((s) => (s.local.type === 'Identifier' ? s.local.name : String(s.local.value)));
        ctx.b.import({ module: n.source.value, range: ctx.rng(n), kind: 'import', ...(names.length ? { names } : {}) });
      }
      if (n.declaration) visit(ctx, n.declaration, scope);
      return;
    case 'ExportAllDeclaration':
      ctx.b.import({ module: n.source.value, range: ctx.rng(n), kind: 'import', names: ['*'] });
      return;
    case 'ExportDefaultDeclaration':
      if (isStatement(n.declaration.type)) visit(ctx, n.declaration, scope);
      else expr(ctx, n.declaration, scope);
      return;
    case 'TSExportAssignment':
      expr(ctx, n.expression, scope);
      return;
    case 'TSImportEqualsDeclaration':
      if (n.moduleReference.type === 'TSExternalModuleReference') {
        ctx.b.import({ module: n.moduleReference.expression.value, range: ctx.rng(n), kind: 'require' });
      }
      return;
    case 'TSEnumDeclaration':
      for (const m of n.body.members) {
        const key = keyName(m.id, false);
        if (m.initializer && key !== undefined) ctx.b.assign([n.id.name, key], ctx.rng(m.id), expr(ctx, m.initializer, scope), ctx.rng(m), scope, true);
      }
      return;
    case 'TSModuleDeclaration':
      if (n.body) visit(ctx, n.body, scope);
      return;
    case 'StaticBlock': {
      const s = ctx.b.scope(scope, ctx.rng(n));
      for (const c of n.body) visit(ctx, c, s);
      return;
    }
    default:
      if (TYPE_DECLARATIONS.has(n.type)) return;
      if (!isStatement(n.type)) {
        expr(ctx, n, scope);
        return;
      }
      for (const c of childNodes(n)) visit(ctx, c, scope);
  }
}

type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | TSESTree.TSEmptyBodyFunctionExpression;

/** A function, arrow or method opens a scope holding its parameters and body. `range` overrides the scope range (methods). */
export function functionLike(ctx: JsContext, n: FunctionNode, scope: number, range?: Range): number {
  const s = ctx.b.scope(scope, range ?? ctx.rng(n));
  bindParams(ctx, n.params, s);
  const body = n.body;
  if (!body) return s;
  if (body.type === 'BlockStatement') for (const c of body.body) visit(ctx, c, s);
  else expr(ctx, body, s);
  return s;
}

/** Classes: a scope for the body; fields with initializers are assignments to `this.x` (static: `Class.x`). */
export function classDecl(ctx: JsContext, n: TSESTree.ClassDeclaration | TSESTree.ClassExpression, scope: number): void {
  for (const d of n.decorators) expr(ctx, d.expression, scope);
  if (n.superClass) expr(ctx, n.superClass, scope);
  const s = ctx.b.scope(scope, ctx.rng(n));
  const owner = n.id?.name;
  for (const m of n.body.body) {
    if (m.type === 'StaticBlock' || TYPE_DECLARATIONS.has(m.type)) {
      visit(ctx, m, s);
      continue;
    }
    if (m.type !== 'MethodDefinition' && m.type !== 'PropertyDefinition' && m.type !== 'AccessorProperty') continue;
    for (const d of m.decorators) expr(ctx, d.expression, s);
    const key = keyName(m.key, m.computed);
    if (key === undefined) expr(ctx, m.key, s);
    if (m.type === 'MethodDefinition') {
      // An overload signature has no body: nothing runs, no scope.
      if (m.value.type !== 'TSEmptyBodyFunctionExpression') functionLike(ctx, m.value, s, ctx.rng(m));
    } else if (m.value) {
      const value = expr(ctx, m.value, s);
      const target = m.static && owner ? [owner, key ?? '?'] : ['this', key ?? '?'];
      if (key !== undefined) ctx.b.assign(target, ctx.rng(m.key), value, ctx.rng(m), s, m.readonly);
    }
  }
}
