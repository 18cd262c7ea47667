// The literal a value comes from, followed through variables and wrappers such as ConvertTo-SecureString:
// what tells a hard-coded secret from one read at run time (Key Vault, environment, prompt, parameter).
import type { Expr } from '../model/types';
import type { RuleContext } from '../engine/types';
import { isCommand, nameMatches } from './commands';

/** Calls that keep their argument's (or receiver's) text: `'x'.toCharArray()`, `ConvertTo-SecureString 'x' -AsPlainText`. */
const KEEPS_TEXT = /^(ConvertTo-SecureString|toCharArray|getBytes|ToCharArray|encode|AsSecureString|ToSecureString)$/;

/** The literal string (or all-literal concatenation) a value comes from, if any. */
export function literalOf(ctx: RuleContext, e: Expr | undefined, depth = 0): Expr | undefined {
  if (!e || depth > 8) return undefined;
  switch (e.kind) {
    case 'string':
      return e;
    case 'concat':
      return e.parts.every((p) => literalOf(ctx, p, depth + 1)) ? e : undefined;
    case 'name':
      return e.def ? literalOf(ctx, e.def, depth + 1) : undefined;
    case 'call': {
      const c = e.call;
      if (!nameMatches(c, KEEPS_TEXT)) return undefined;
      if (isCommand(c, 'ConvertTo-SecureString') && !ctx.arg(c, 'AsPlainText')) return undefined;
      const named = ctx.arg(c, 'String')?.value;
      const inner = c.args.length === 0 && !c.input && !named ? c.receiver : c.input ?? c.args[0] ?? named;
      return literalOf(ctx, inner, depth + 1);
    }
    default:
      return undefined;
  }
}
