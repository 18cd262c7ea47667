// Bookkeeping shared by the tree-sitter adapters: scopes, parameters, expression constructors, and the model lists.
import type {
  Assignment, Call, CallExpr, ConcatExpr, Expr, FileModel, LanguageId, LiteralExpr, NameExpr, ObjectExpr, Pair,
  PairContainer, Range, ScopeId, StringExpr, UnknownExpr,
} from '../../model/types';
import { emptyModel } from '../../model/types';
import { WalkGuard, type Budget } from '../budget';

interface ScopeInfo {
  parent: ScopeId;
  params?: Set<string>;
}

export function isStringish(e: Expr): boolean {
  return e.kind === 'string' || e.kind === 'concat';
}

function byPosition(a: { range: Range }, b: { range: Range }): number {
  return a.range.start - b.range.start || b.range.end - a.range.end;
}

export class ModelBuilder {
  readonly model: FileModel;
  private readonly infos: ScopeInfo[] = [{ parent: 0 }];
  private readonly stack: ScopeId[] = [0];
  /** Every StringExpr/ConcatExpr made; those later used as a concat part (absorbed) are left out of `strings`. */
  private readonly stringish: Expr[] = [];
  private readonly absorbed = new Set<Expr>();
  /** Depth and time limits of the walk that fills this model. */
  readonly guard: WalkGuard;

  constructor(language: LanguageId, readonly text: string, budget?: Budget) {
    this.model = emptyModel(language, text);
    this.guard = new WalkGuard(this.model.errors, text.length, budget);
  }

  get scope(): ScopeId {
    return this.stack[this.stack.length - 1];
  }

  /** Opens a function, lambda or class-body scope inside the current one. */
  enter(range: Range): ScopeId {
    const id = this.infos.length;
    const parent = this.scope;
    this.infos.push({ parent });
    this.stack.push(id);
    this.model.scopes.push({ id, parent, range });
    return id;
  }

  leave(): void {
    if (this.stack.length > 1) this.stack.pop();
  }

  param(name: string, range: Range, type?: string): void {
    const info = this.infos[this.scope];
    (info.params ??= new Set()).add(name);
    this.model.parameters.push({ name, scope: this.scope, range, ...(type ? { type } : {}) });
  }

  /**
   * Whether `name` is a parameter of the enclosing function or of one around it (captured by a lambda or an
   * anonymous class). Both languages forbid a local from shadowing a parameter, so the first hit decides.
   */
  isParam(name: string): boolean {
    for (let s = this.scope; ; ) {
      const info = this.infos[s];
      if (info.params?.has(name)) return true;
      if (s === 0) return false;
      s = info.parent;
    }
  }

  slice(range: Range): string {
    return this.text.slice(range.start, range.end);
  }

  name(name: string, range: Range): NameExpr {
    const e: NameExpr = { kind: 'name', name, scope: this.scope, range };
    if (this.isParam(name)) e.isParameter = true;
    return e;
  }

  string(text: string, contentRange: Range, range: Range): StringExpr {
    const e: StringExpr = { kind: 'string', text, contentRange, range };
    this.stringish.push(e);
    return e;
  }

  concat(parts: Expr[], range: Range): ConcatExpr {
    for (const p of parts) this.absorbed.add(p);
    const e: ConcatExpr = { kind: 'concat', parts, range };
    this.stringish.push(e);
    return e;
  }

  /** Keep a string out of `strings` because another expression (a formatted concat) stands for it. */
  absorb(e: Expr): void {
    this.absorbed.add(e);
  }

  literal(text: string, range: Range): LiteralExpr {
    return { kind: 'literal', text, range };
  }

  unknown(range: Range, children?: Expr[]): UnknownExpr {
    const e: UnknownExpr = { kind: 'unknown', text: this.slice(range), range };
    if (children?.length) e.children = children;
    return e;
  }

  object(entries: Pair[], range: Range, typeName?: string): ObjectExpr {
    const e: ObjectExpr = { kind: 'object', entries, spreads: [], range };
    if (typeName) e.typeName = typeName;
    return e;
  }

  /**
   * Left-associative `+`: once a string operand appears, the rest is a concatenation (as in C# and Java);
   * numeric prefixes stay unknown. `rest[i].range` is the range of the binary node ending at operand i.
   */
  foldPlus(first: Expr, rest: { expr: Expr; range: Range }[]): Expr {
    let acc = first;
    let parts: Expr[] | undefined;
    if (isStringish(first)) parts = this.flatten(first, []);
    let range = first.range;
    for (const { expr, range: r } of rest) {
      range = r;
      if (parts || isStringish(expr)) {
        parts ??= [acc];
        this.flatten(expr, parts);
      } else {
        acc = this.unknown(r, [acc, expr]);
      }
    }
    return parts ? this.concat(parts, range) : acc;
  }

  /** `x += y`: a concatenation when `y` is a string, else unknown. */
  augmented(target: Expr, op: string, value: Expr, range: Range): Expr {
    if (op === '+=' && isStringish(value)) return this.concat(this.flatten(value, [target]), range);
    return this.unknown(range, [target, value]);
  }

  private flatten(e: Expr, into: Expr[]): Expr[] {
    if (e.kind === 'concat') {
      this.absorbed.add(e);
      into.push(...e.parts);
    } else into.push(e);
    return into;
  }

  call(c: Omit<Call, 'scope'>): Call {
    const call: Call = { ...c, scope: this.scope };
    this.model.calls.push(call);
    return call;
  }

  callExpr(call: Call): CallExpr {
    return { kind: 'call', call, range: call.range };
  }

  assign(target: string[], targetRange: Range, value: Expr, range: Range, isConst?: boolean): Assignment {
    const a: Assignment = { target, targetRange, value, range, scope: this.scope };
    if (isConst) a.isConst = true;
    this.model.assignments.push(a);
    return a;
  }

  pair(key: string, keyRange: Range, value: Expr, range: Range, container: PairContainer, path: string[]): Pair {
    const p: Pair = { key, keyRange, value, range, container, path, scope: this.scope };
    this.model.pairs.push(p);
    return p;
  }

  /** Sorts every list into source order (outer before inner at the same start) and picks the top-level strings. */
  finish(): FileModel {
    const m = this.model;
    m.calls.sort(byPosition);
    m.assignments.sort(byPosition);
    m.pairs.sort(byPosition);
    m.strings = this.stringish.filter((e) => !this.absorbed.has(e)).sort(byPosition);
    m.imports.sort(byPosition);
    m.comments.sort(byPosition);
    m.errors.sort((a, b) => a.start - b.start || a.end - b.end);
    return m;
  }
}
