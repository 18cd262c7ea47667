// Moves a model built for an embedded region (e.g. an inline script in a YAML pipeline) into its host file's coordinates.
import type { Call, Expr, FileModel, NamedArg, Pair, Range, ScopeId } from './types';

/**
 * Rewrites, in place, every range of `model` through `map` (embedded offset -> host offset) and
 * renumbers its scopes so they cannot collide with the host's: embedded scope s becomes
 * `scopeBase + s`. The embedded file scope (0) therefore becomes `scopeBase`, which is added to
 * `scopes` with parent 0 and the mapped range of the whole embedded text, so names in one embedded
 * script never resolve to another's. Returns the same model.
 *
 * `map` is applied to character positions: a range's start maps as map(start), and a non-empty
 * range's end as `mapEnd(end)`, by default map(end - 1) + 1, so ranges stay tight when the map is
 * piecewise (indented block lines) and never swallow the indentation of the next line. Pass `mapEnd`
 * when one embedded character can stand for several host characters (an escape such as `''` or
 * `\"`), so a range ends after the whole escape. Shared objects (the same Call in
 * `calls` and in a CallExpr, the same Pair in `pairs` and in an ObjectExpr, a Range reused by two
 * nodes) are mapped exactly once.
 */
export function remapModel(
  model: FileModel,
  map: (offset: number) => number,
  scopeBase: number,
  mapEnd: (end: number) => number = (end) => map(end - 1) + 1,
): FileModel {
  const seen = new Set<object>();
  const scope = (s: ScopeId) => scopeBase + s;

  const range = (r: Range | undefined) => {
    if (!r || seen.has(r)) return;
    seen.add(r);
    const empty = r.end <= r.start;
    const start = map(r.start);
    r.end = empty ? start : mapEnd(r.end);
    r.start = start;
  };

  const call = (c: Call) => {
    if (seen.has(c)) return;
    seen.add(c);
    range(c.range);
    range(c.calleeRange);
    range(c.nameRange);
    c.scope = scope(c.scope);
    expr(c.receiver);
    c.args.forEach(expr);
    c.named.forEach(named);
    expr(c.input);
  };

  const named = (n: NamedArg) => {
    range(n.range);
    range(n.nameRange);
    expr(n.value);
  };

  const pair = (p: Pair) => {
    if (seen.has(p)) return;
    seen.add(p);
    range(p.range);
    range(p.keyRange);
    p.scope = scope(p.scope);
    expr(p.value);
  };

  function expr(e: Expr | undefined): void {
    if (!e || seen.has(e)) return;
    seen.add(e);
    range(e.range);
    switch (e.kind) {
      case 'string':
        range(e.contentRange);
        break;
      case 'concat':
        e.parts.forEach(expr);
        break;
      case 'name':
        e.scope = scope(e.scope);
        expr(e.def);
        range(e.defRange);
        break;
      case 'member':
      case 'index':
        expr(e.object);
        if (e.kind === 'index') expr(e.key);
        break;
      case 'call':
        call(e.call);
        break;
      case 'object':
        e.entries.forEach(pair);
        e.spreads.forEach(expr);
        break;
      case 'array':
        e.items.forEach(expr);
        break;
      case 'spread':
        expr(e.argument);
        break;
      case 'unknown':
        e.children?.forEach(expr);
        break;
      case 'literal':
        break;
    }
  }

  model.calls.forEach(call);
  for (const a of model.assignments) {
    range(a.range);
    range(a.targetRange);
    a.scope = scope(a.scope);
    expr(a.value);
  }
  model.pairs.forEach(pair);
  model.strings.forEach(expr);
  model.references.forEach(expr);
  for (const i of model.imports) range(i.range);
  for (const c of model.comments) range(c.range);
  model.errors.forEach(range);
  for (const p of model.parameters) {
    range(p.range);
    p.scope = scope(p.scope);
  }
  for (const s of model.scopes) {
    range(s.range);
    s.id = scope(s.id);
    s.parent = scope(s.parent);
  }
  const whole: Range = { start: 0, end: model.text.length };
  range(whole);
  model.scopes.unshift({ id: scopeBase, parent: 0, range: whole });
  return model;
}

/** The highest scope id a model uses (0 when it has none), so the next embed can start above it. */
export function maxScope(model: FileModel): ScopeId {
  let max = 0;
  for (const s of model.scopes) if (s.id > max) max = s.id;
  return max;
}
