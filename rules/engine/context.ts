// Builds the RuleContext for one file: resolver, derived pairs and the argument helpers.
import type { Call, Expr, FileModel, NamedArg, Range } from '../model/types';
import { derivePairs, expandSplats } from './derive';
import { deref, Resolver } from './resolve';
import type { RuleContext, RuleOptions } from './types';

export function createContext(model: FileModel, fileName: string, options: RuleOptions, resolver: Resolver): Omit<RuleContext, 'report'> {
  const value = (e: Expr | undefined) => (e ? resolver.valueOf(e, 0) : undefined);
  const approx = (e: Expr | undefined) => (e ? resolver.approx(e) : '\uFFFC');
  const namedCache = new Map<Call, NamedArg[]>();
  const named = (call: Call): NamedArg[] => {
    let n = namedCache.get(call);
    if (!n) namedCache.set(call, (n = expandSplats(call)));
    return n;
  };
  const arg = (call: Call, ...names: string[]): NamedArg | undefined => {
    const wanted = names.map((n) => n.toLowerCase());
    const list = named(call);
    const exact = list.find((a) => wanted.includes(a.name.toLowerCase()));
    if (exact || call.kind !== 'command') return exact;
    // PowerShell accepts any unambiguous prefix of a parameter name (-Cred for -Credential).
    return list.find((a) => a.name.length >= 3 && wanted.some((w) => w.startsWith(a.name.toLowerCase())));
  };
  return {
    model,
    language: model.language,
    fileName,
    options,
    calls: model.calls,
    assignments: model.assignments,
    pairs: derivePairs(model, value, approx),
    strings: model.strings,
    imports: model.imports,
    comments: model.comments,
    references: readsOf(model),
    value,
    approx,
    deref: (e) => deref(e),
    named,
    arg,
    text: (r: Range) => model.text.slice(r.start, r.end),
  };
}


/** `model.references` without assignment targets (some adapters convert `x` in `x = …` like any name), sorted by position. */
function readsOf(model: FileModel): RuleContext['references'] {
  const targets = new Set(model.assignments.map((a) => `${a.targetRange.start}:${a.targetRange.end}`));
  // An adapter may note the same expression twice (converted once, reached again through its statement).
  return [...new Set(model.references)].filter((e) => !targets.has(`${e.range.start}:${e.range.end}`)).sort((a, b) => a.range.start - b.range.start);
}
