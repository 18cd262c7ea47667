// Collects one file's model while an adapter walks its tree: scopes, parameters, strings and source order.
// Scopes are passed explicitly (no enter/leave stack), which suits adapters that recurse with a scope argument.
import type {
  Assignment, Call, CallExpr, Comment, ConcatExpr, Expr, FileModel, Import, LanguageId, NameExpr, NamedArg, Pair,
  PairContainer, Range, ScopeId, StringExpr,
} from '../../model/types';
import { emptyModel } from '../../model/types';
import { WalkGuard, type Budget } from '../budget';

export function isStringLike(e: Expr | undefined): boolean {
  return !!e && (e.kind === 'string' || e.kind === 'concat');
}

export interface CallInit {
  kind: Call['kind'];
  callee: string[];
  receiver?: Expr;
  args: Expr[];
  named?: NamedArg[];
  range: Range;
  calleeRange: Range;
  nameRange: Range;
  scope: ScopeId;
}

export class ModelCollector {
  readonly model: FileModel;
  /** parents[id] = enclosing scope of scope `id`; scope 0 has none. */
  private readonly parents: ScopeId[] = [-1];
  private readonly params: (Set<string> | undefined)[] = [undefined];
  /** Every string-valued expression built; those that end up inside a ConcatExpr are filtered out at the end. */
  private readonly candidates: Expr[] = [];
  private readonly nested = new Set<Expr>();
  /** Depth and time limits of the walk that fills this model. */
  readonly guard: WalkGuard;

  constructor(language: LanguageId, text: string, budget?: Budget) {
    this.model = emptyModel(language, text);
    this.guard = new WalkGuard(this.model.errors, text.length, budget);
  }

  scope(parent: ScopeId, range: Range): ScopeId {
    const id = this.parents.length;
    this.parents.push(parent);
    this.params.push(undefined);
    this.model.scopes.push({ id, parent, range });
    return id;
  }

  param(name: string, scope: ScopeId, range: Range): void {
    (this.params[scope] ??= new Set()).add(name);
    this.model.parameters.push({ name, scope, range });
  }

  /** True when `name` is a parameter of `scope` or of a function enclosing it (closures, local classes see outer parameters). */
  isParam(name: string, scope: ScopeId): boolean {
    for (let s = scope; s > 0; s = this.parents[s]) if (this.params[s]?.has(name)) return true;
    return false;
  }

  name(name: string, scope: ScopeId, range: Range): NameExpr {
    const e: NameExpr = { kind: 'name', name, scope, range };
    if (this.isParam(name, scope)) e.isParameter = true;
    return e;
  }

  str(text: string, range: Range, contentRange: Range): StringExpr {
    const e: StringExpr = { kind: 'string', text, range, contentRange };
    this.candidates.push(e);
    return e;
  }

  /** A ConcatExpr; nested concatenations are flattened so parts are only string pieces and holes. */
  concat(items: Expr[], range: Range): ConcatExpr {
    const parts: Expr[] = [];
    for (const it of items) {
      this.nested.add(it);
      if (it.kind === 'concat') parts.push(...it.parts);
      else parts.push(it);
    }
    const e: ConcatExpr = { kind: 'concat', parts, range };
    this.candidates.push(e);
    return e;
  }

  /** Keeps a string expression out of `strings` (e.g. a format string that its ConcatExpr stands for). */
  hide(e: Expr): void {
    this.nested.add(e);
  }

  call(init: CallInit): CallExpr {
    const call: Call = {
      kind: init.kind,
      callee: init.callee,
      name: init.callee[init.callee.length - 1] ?? '',
      args: init.args,
      named: init.named ?? [],
      range: init.range,
      calleeRange: init.calleeRange,
      nameRange: init.nameRange,
      scope: init.scope,
    };
    if (init.receiver) call.receiver = init.receiver;
    this.model.calls.push(call);
    return { kind: 'call', call, range: init.range };
  }

  assign(target: string[], targetRange: Range, value: Expr, range: Range, scope: ScopeId, isConst = false): void {
    const a: Assignment = { target, targetRange, value, range, scope };
    if (isConst) a.isConst = true;
    this.model.assignments.push(a);
  }

  pair(key: string, keyRange: Range, value: Expr, range: Range, container: PairContainer, path: string[], scope: ScopeId): Pair {
    const p: Pair = { key, keyRange, value, range, container, path, scope };
    this.model.pairs.push(p);
    return p;
  }

  import(imp: Import): void {
    this.model.imports.push(imp);
  }

  comment(c: Comment): void {
    this.model.comments.push(c);
  }

  error(range: Range): void {
    this.model.errors.push(range);
  }

  /** Sorts every list into source order, drops nested strings and merges overlapping error ranges. */
  finish(): FileModel {
    const m = this.model;
    const byStart = (a: Range, b: Range) => a.start - b.start || b.end - a.end;
    m.strings = this.candidates.filter((e) => !this.nested.has(e)).sort((a, b) => byStart(a.range, b.range));
    // Calls by method name: in a chain `a.f().g()` the inner f comes before g although g's range starts first.
    m.calls.sort((a, b) => a.nameRange.start - b.nameRange.start || a.range.end - b.range.end);
    m.assignments.sort((a, b) => byStart(a.targetRange, b.targetRange));
    m.pairs.sort((a, b) => byStart(a.keyRange, b.keyRange));
    m.imports.sort((a, b) => byStart(a.range, b.range));
    m.comments.sort((a, b) => byStart(a.range, b.range));
    m.parameters.sort((a, b) => byStart(a.range, b.range));
    m.errors = mergeRanges(m.errors);
    return m;
  }
}

export function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}
