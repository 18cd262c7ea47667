// PowerShell command names are case-insensitive (`Convertto-SecureString`, `convertto-json`, `READ-HOST` are the
// cmdlets rules know by their documented casing), and a module-qualified name (`Microsoft.PowerShell.Security\ConvertTo-SecureString`)
// runs the same command. Rules compare command names through these helpers; method and function names keep their case.
import type { Call } from '../model/types';

/** The command's name without a module qualifier, lower-cased: what PowerShell resolves. */
function commandKey(name: string): string {
  return name.slice(name.lastIndexOf('\\') + 1).toLowerCase();
}

/** True when `c` is the PowerShell command `name` (one of `names`), in any casing or module-qualified. */
export function isCommand(c: Call, ...names: string[]): boolean {
  if (c.kind !== 'command') return false;
  const k = commandKey(c.name);
  return names.some((n) => n.toLowerCase() === k);
}

const insensitive = new WeakMap<RegExp, RegExp>();

/** `re.test(c.name)`, where a PowerShell command matches whatever its casing (and module qualifier). */
export function nameMatches(c: Call, re: RegExp): boolean {
  if (re.test(c.name)) return true;
  if (c.kind !== 'command') return false;
  let ci = insensitive.get(re);
  if (!ci) {
    ci = new RegExp(re.source, re.flags.replace(/[gy]/g, '') + (re.flags.includes('i') ? '' : 'i'));
    insensitive.set(re, ci);
  }
  const bare = c.name.slice(c.name.lastIndexOf('\\') + 1);
  return ci.test(c.name) || (bare !== c.name && ci.test(bare));
}
