// Dotted paths of expressions, shared by adapters so callee, member and target paths follow one convention.
import type { Call, Expr, IndexExpr } from '../../model/types';

/** Placeholder segment for an object that has no name (a literal, a parenthesized expression...). */
export const UNNAMED = '?';

/**
 * The path an expression contributes to a member chain: a name is [name], a member or index its path,
 * a call its callee with the last segment suffixed by '()' (`a.b().c` -> ['a','b()','c']).
 */
export function pathOf(e: Expr): string[] {
  switch (e.kind) {
    case 'name':
      return [e.name];
    case 'member':
    case 'index':
      return e.path;
    case 'call': {
      const c = e.call.callee;
      return c.length ? [...c.slice(0, -1), c[c.length - 1] + '()'] : [UNNAMED];
    }
    default:
      return [UNNAMED];
  }
}

/**
 * "An element of `iterable`": the value a loop variable is bound to (`for x in xs`, `for (const x of xs)`,
 * `foreach (var x in xs)`, `for (T x : xs)`, `foreach ($x in $xs)`). An index whose key is unknown, so rules
 * see a list element, not the collection itself (nor an unrelated outer definition of the same name).
 */
export function elementOf(iterable: Expr): IndexExpr {
  const at = { start: iterable.range.end, end: iterable.range.end };
  return { kind: 'index', object: iterable, key: { kind: 'unknown', text: '', range: at }, path: pathOf(iterable), range: iterable.range };
}

/**
 * Calls of a function imported under another name (`from requests import post as http_post`,
 * `import { post as httpPost } from 'axios'`) are calls of the imported function: their callee is its name.
 */
export function unaliasCalls(calls: Call[], aliases: ReadonlyMap<string, string>): void {
  if (!aliases.size) return;
  for (const c of calls) {
    const original = c.callee.length === 1 ? aliases.get(c.callee[0]) : undefined;
    if (original === undefined) continue;
    c.callee = [original];
    c.name = original;
  }
}
