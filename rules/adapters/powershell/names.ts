// Name handling for the PowerShell adapter: variable spellings, .NET type names and dotted paths of expressions.
import type { Expr } from '../../model/types';
import type { Node } from '../treesitter';
import { pathOf as commonPathOf } from '../common/paths';

/** Scope qualifiers that do not change which variable is meant (`$script:x` is `x`). */
const SCOPE_QUALIFIERS = new Set(['global', 'local', 'private', 'script', 'using', 'workflow']);

/** `$x`, `${x}`, `@x`, `$script:x` -> 'x'; `$env:NAME` / `${Env:NAME}` -> 'env:NAME'; `$_` -> '_'. */
export function variableName(raw: string): string {
  let s = raw.charCodeAt(0) === 36 /* $ */ || raw.charCodeAt(0) === 64 /* @ */ ? raw.slice(1) : raw;
  if (s.length > 1 && s[0] === '{' && s[s.length - 1] === '}') s = s.slice(1, -1);
  const colon = s.indexOf(':');
  if (colon <= 0) return s;
  const qualifier = s.slice(0, colon).toLowerCase();
  if (SCOPE_QUALIFIERS.has(qualifier)) return s.slice(colon + 1);
  if (qualifier === 'env') return 'env:' + s.slice(colon + 1);
  return s;
}

/** `$script:x` / `$global:x`: the variable of the script (or session) scope, wherever it is written. */
export function scriptScoped(raw: string): boolean {
  return /^[$@]\{?(script|global):/i.test(raw);
}

/** True for `$true`, `$false`, `$null` (any case), which are literals rather than variables. */
export function isLiteralVariable(raw: string): boolean {
  const l = raw.toLowerCase();
  return l === '$true' || l === '$false' || l === '$null';
}

/** The `type_name` node of a `type_literal`/`type_spec`, generic and array suffixes left out. */
export function typeNameNode(typeLiteralOrSpec: Node): Node | undefined {
  const spec = typeLiteralOrSpec.type === 'type_spec' ? typeLiteralOrSpec : typeLiteralOrSpec.namedChildren.find((c) => c.type === 'type_spec');
  const first = spec?.namedChild(0);
  if (!first) return undefined;
  if (first.type === 'type_name') return first;
  const inner = first.namedChild(0);
  return inner?.type === 'type_name' ? inner : undefined;
}

/** The last identifier of a `type_name` node (`NetworkCredential` in System.Net.NetworkCredential). */
export function lastTypeIdentifier(typeName: Node): Node {
  const last = typeName.lastChild;
  return last && last.type === 'type_identifier' ? last : typeName;
}

/** 'System.Collections.Generic.List[string]' -> ['System','Collections','Generic','List']. */
export function splitTypeName(text: string): string[] {
  const bracket = text.indexOf('[');
  const plain = (bracket >= 0 ? text.slice(0, bracket) : text).trim();
  return plain.split('.').filter((s) => s.length > 0);
}

/** Dotted path of type literals used as values (`[Text.Encoding]` -> ['Text','Encoding']), keyed by their Expr. */
export const typePaths = new WeakMap<Expr, string[]>();

/** Dotted path of an expression when it has one: the shared convention for names, members, indexes and calls, plus type literals. */
export function pathOf(e: Expr): string[] | undefined {
  return e.kind === 'name' || e.kind === 'member' || e.kind === 'index' || e.kind === 'call' ? commonPathOf(e) : typePaths.get(e);
}
