// remapModel: moving an embedded region's model into host coordinates without double-mapping shared objects.
import assert from 'node:assert/strict';
import { maxScope, remapModel } from '../../rules/model/remap';
import { emptyModel, type Call, type NameExpr, type Pair, type Range, type StringExpr } from '../../rules/model/types';

const r = (start: number, end: number): Range => ({ start, end });

describe('remapModel', () => {
  // Embedded text "ab\ncd": line 0 sits at host offset 10, line 1 at host offset 20 (indented block lines).
  const map = (o: number) => (o <= 2 ? 10 + o : 20 + (o - 3));

  function build() {
    const m = emptyModel('powershell', 'ab\ncd');
    const shared = r(0, 2);
    const name: NameExpr = { kind: 'name', name: 'x', scope: 1, range: r(3, 4), isParameter: true };
    const s: StringExpr = { kind: 'string', text: 'd', contentRange: r(4, 5), range: r(4, 5) };
    const inner: Call = { kind: 'command', callee: ['In'], name: 'In', args: [name], named: [], range: shared, calleeRange: shared, nameRange: r(0, 2), scope: 1 };
    const outer: Call = { kind: 'call', callee: ['Out'], name: 'Out', args: [{ kind: 'call', call: inner, range: shared }], named: [{ name: 'P', nameRange: r(3, 3), value: s, range: r(3, 5) }], range: r(0, 5), calleeRange: r(0, 1), nameRange: r(0, 1), scope: 0 };
    const pair: Pair = { key: 'k', keyRange: r(3, 4), value: s, range: r(3, 5), container: 'hashtable', path: ['k'], scope: 2 };
    m.calls.push(outer, inner);
    m.pairs.push(pair);
    m.assignments.push({ target: ['v'], targetRange: r(0, 1), value: { kind: 'object', entries: [pair], spreads: [], range: r(3, 5) }, range: r(0, 5), scope: 2 });
    m.strings.push(s);
    m.comments.push({ text: 'c', range: r(2, 2) });
    m.errors.push(r(4, 5));
    m.parameters.push({ name: 'x', scope: 1, range: r(3, 4) });
    m.scopes.push({ id: 1, parent: 0, range: r(0, 5) }, { id: 2, parent: 1, range: r(3, 5) });
    return { m, inner, outer, pair, s, name };
  }

  it('maps every range once, ends through the last character, and renumbers scopes above the base', () => {
    const { m, inner, outer, pair, s, name } = build();
    assert.equal(maxScope(m), 2);
    assert.equal(remapModel(m, map, 7), m);
    assert.deepEqual(inner.range, r(10, 12));
    assert.equal(inner.range, inner.calleeRange, 'a shared Range object is mapped once');
    assert.deepEqual(outer.range, r(10, 22), 'an end after the last char maps through it, not to the next line start');
    assert.deepEqual(s.contentRange, r(21, 22));
    assert.deepEqual(outer.named[0].nameRange, r(20, 20), 'an empty range stays empty');
    assert.deepEqual(m.comments[0].range, r(12, 12));
    assert.deepEqual(pair.keyRange, r(20, 21));
    assert.deepEqual(name.range, r(20, 21));
    assert.equal(name.scope, 8);
    assert.equal(inner.scope, 8);
    assert.equal(outer.scope, 7);
    assert.equal(pair.scope, 9);
    assert.equal(m.assignments[0].scope, 9);
    assert.deepEqual(m.parameters, [{ name: 'x', scope: 8, range: r(20, 21) }]);
    assert.deepEqual(m.errors, [r(21, 22)]);
    assert.deepEqual(m.scopes, [
      { id: 7, parent: 0, range: r(10, 22) },
      { id: 8, parent: 7, range: r(10, 22) },
      { id: 9, parent: 8, range: r(20, 22) },
    ]);
  });

  it('maps reads that only the reference list holds (return values, conditions) once, with their scope', () => {
    const { m, name } = build();
    const onlyRead: NameExpr = { kind: 'name', name: 'y', scope: 1, range: r(4, 5) };
    m.references.push(name, onlyRead);
    remapModel(m, map, 7);
    assert.deepEqual(m.references.map((e) => [e.range, (e as NameExpr).scope]), [
      [r(20, 21), 8],
      [r(21, 22), 8],
    ]);
  });

  it('uses mapEnd for range ends when given (escapes that span several host characters)', () => {
    const { m, s } = build();
    remapModel(m, (o) => o * 2, 1, (e) => e * 2 + 1);
    assert.deepEqual(s.contentRange, r(8, 11));
    assert.deepEqual(m.scopes[0], { id: 1, parent: 0, range: r(0, 11) });
  });
});
