// Resolves names to the expression last assigned to them (same scope, then enclosing scopes) and
// computes statically known string values. Writes `def`, `defRange` and `value` into the model.
import type { Assignment, Expr, FileModel, NameExpr, ObjectExpr, ScopeId } from '../model/types';
import { forEachExpr } from './walk';

const MAX_DEPTH = 12;
/** Stands for an unknown part in approximate string text. */
export const UNKNOWN = '\uFFFC';

export class Resolver {
  private byScope = new Map<ScopeId, Map<string, Assignment[]>>();
  private parent = new Map<ScopeId, ScopeId>();
  private params = new Set<string>();
  private values = new Map<Expr, string | null>();

  constructor(private readonly model: FileModel) {
    for (const s of model.scopes) this.parent.set(s.id, s.parent);
    for (const p of model.parameters) this.params.add(`${p.scope}\u0000${p.name.toLowerCase()}`);
    for (const a of model.assignments) {
      const key = a.target.join('.').toLowerCase();
      let names = this.byScope.get(a.scope);
      if (!names) this.byScope.set(a.scope, (names = new Map()));
      let list = names.get(key);
      if (!list) names.set(key, (list = []));
      list.push(a);
    }
    for (const names of this.byScope.values()) for (const list of names.values()) list.sort((x, y) => x.range.start - y.range.start);
  }

  /** Fill `def`/`defRange`/`isParameter` on every name and `value` on every string-valued expression. */
  run(): void {
    const names: NameExpr[] = [];
    forEachExpr(this.model, (e) => {
      if (e.kind === 'name') names.push(e);
    });
    // Names read only where no call, assignment or pair holds them (return values, conditions, statements).
    for (const e of this.model.references) if (e.kind === 'name') names.push(e);
    for (const n of names) this.bind(n);
    forEachExpr(this.model, (e) => {
      const v = this.valueOf(e, 0);
      if (v !== undefined) e.value = v;
    });
  }

  /** The assignment a dotted path (['x'] or ['cfg','password']) refers to at `offset` in `scope`. */
  lookup(path: string[], scope: ScopeId, offset: number): Assignment | undefined {
    const key = path.join('.').toLowerCase();
    let s: ScopeId | undefined = scope;
    let same = true;
    while (s !== undefined) {
      const list = this.byScope.get(s)?.get(key);
      if (list?.length) {
        // Same scope: the last assignment before the use. Enclosing scope: the last one before the use,
        // else the first (a function may run after a module constant defined below it).
        let best: Assignment | undefined;
        for (const a of list) if (a.range.start < offset && !(a.value.range.start <= offset && offset < a.value.range.end)) best = a;
        if (best) return best;
        if (!same) return list[0];
      }
      if (this.params.has(`${s}\u0000${key}`)) return undefined;
      if (s === 0) break;
      s = this.parent.get(s) ?? 0;
      same = false;
    }
    return undefined;
  }

  private bind(n: NameExpr): void {
    if (this.isParam(n)) n.isParameter = true;
    if (n.def) return;
    const a = this.lookup([n.name], n.scope, n.range.start);
    if (a && a.value !== n) {
      n.def = a.value;
      n.defRange = a.targetRange;
    }
  }

  private isParam(n: NameExpr): boolean {
    let s: ScopeId | undefined = n.scope;
    while (s !== undefined) {
      if (this.params.has(`${s}\u0000${n.name.toLowerCase()}`)) {
        return !this.lookup([n.name], n.scope, n.range.start);
      }
      if (s === 0) break;
      s = this.parent.get(s) ?? 0;
    }
    return false;
  }

  /** Statically known string value of `e`, or undefined. */
  valueOf(e: Expr, depth: number): string | undefined {
    if (this.values.has(e)) return this.values.get(e) ?? undefined;
    if (depth > MAX_DEPTH) return undefined;
    this.values.set(e, null); // cycle guard
    const v = this.compute(e, depth);
    this.values.set(e, v ?? null);
    return v;
  }

  private compute(e: Expr, depth: number): string | undefined {
    switch (e.kind) {
      case 'string':
        return e.text;
      case 'literal':
        return undefined;
      case 'concat': {
        let out = '';
        for (const p of e.parts) {
          const v = this.valueOf(p, depth + 1);
          if (v === undefined) return undefined;
          out += v;
        }
        return out;
      }
      case 'name':
        return e.def ? this.valueOf(e.def, depth + 1) : undefined;
      case 'member':
      case 'index': {
        const target = this.member(e, depth);
        return target ? this.valueOf(target, depth + 1) : undefined;
      }
      default:
        return undefined;
    }
  }

  /** String text with unknown parts replaced by UNKNOWN (e.g. `https://login.microsoftonline.com/\uFFFC/oauth2/token`). */
  approx(e: Expr, depth = 0): string {
    const v = this.valueOf(e, depth);
    if (v !== undefined) return v;
    if (depth > MAX_DEPTH) return UNKNOWN;
    if (e.kind === 'concat') return e.parts.map((p) => this.approx(p, depth + 1)).join('');
    if (e.kind === 'name' && e.def) return this.approx(e.def, depth + 1);
    return UNKNOWN;
  }

  /** For `obj.key` / `obj['key']` where obj resolves to an object literal: the entry's value. Also a property assignment `obj.key = v`. */
  member(e: Expr, depth: number): Expr | undefined {
    if (e.kind !== 'member' && e.kind !== 'index') return undefined;
    const key = e.kind === 'member' ? e.property : this.valueOf(e.key, depth + 1);
    if (key === undefined) return undefined;
    const obj = deref(e.object, depth + 1);
    if (obj?.kind === 'object') {
      const entry = findEntry(obj, key);
      if (entry) return entry;
    }
    if (e.object.kind === 'name') {
      const a = this.lookup([e.object.name, key], e.object.scope, e.range.start);
      if (a) return a.value;
    }
    return undefined;
  }
}

/** Follow names to their definitions (bounded). */
export function deref(e: Expr | undefined, depth = 0): Expr | undefined {
  let cur = e;
  let d = depth;
  while (cur && cur.kind === 'name' && cur.def && d < MAX_DEPTH) {
    cur = cur.def;
    d++;
  }
  return cur;
}

function findEntry(obj: ObjectExpr, key: string): Expr | undefined {
  const k = key.toLowerCase();
  for (let i = obj.entries.length - 1; i >= 0; i--) if (obj.entries[i].key.toLowerCase() === k) return obj.entries[i].value;
  for (const s of obj.spreads) {
    const inner = deref(s.kind === 'spread' ? s.argument : s);
    if (inner?.kind === 'object') {
      const v = findEntry(inner, key);
      if (v) return v;
    }
  }
  return undefined;
}

export function resolveModel(model: FileModel): Resolver {
  const r = new Resolver(model);
  r.run();
  return r;
}
