// Every rule's fixtures: flagged lines (with exact flagged text) and nothing else.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from '../../rules/engine/lint';
import { ALL_RULES } from '../../rules/registry';
import { fixtureFiles, readExpectations } from '../helpers/fixtures';

const RULES_DIR = path.join(__dirname, '..', '..', 'rules');

describe('rule fixtures', () => {
  for (const rule of ALL_RULES) {
    describe(rule.meta.id, () => {
      for (const file of fixtureFiles(path.join(RULES_DIR, rule.meta.id))) {
        it(path.basename(file), async () => {
          const text = fs.readFileSync(file, 'utf8');
          const expected = readExpectations(text).filter((e) => e.ruleId === rule.meta.id);
          const result = await lint(text, file, { only: [rule.meta.id], partnerType: 'cpv', today: '2026-11-22' });
          assert.ok(result, 'the engine reads this fixture');
          const actual = result.findings.map((f) => {
            const line = result.lines.position(f.range.start).line + 1;
            return { line, ruleId: f.ruleId, text: text.slice(f.range.start, f.range.end) };
          });
          const fmt = (e: { line: number; ruleId: string; text?: string }) => `${e.line} ${e.ruleId}${e.text !== undefined ? ' `' + e.text + '`' : ''}`;
          // Compare lines and rules exactly; compare text where the marker gives it.
          const got = actual.map((a) => {
            const exp = expected.find((e) => e.line === a.line && e.ruleId === a.ruleId && (e.text === undefined || e.text === a.text));
            return fmt(exp && exp.text === undefined ? { line: a.line, ruleId: a.ruleId } : a);
          });
          assert.deepEqual(got.sort(), expected.map(fmt).sort());
        });
      }
    });
  }
});
