// Dotted paths of expressions, shared by adapters so callee, member and target paths follow one convention.
import type { Expr } from '../../model/types';

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
