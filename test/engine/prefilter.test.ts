// The keyword pre-filter (rules/engine/prefilter.ts) never drops a finding: every rule fixture gives exactly the
// same findings with and without it, and a fixture stripped of a rule's words gives that rule nothing to report.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { languageOf } from '../../rules/adapters/languages';
import { lint, type LintOptions } from '../../rules/engine/lint';
import { rulesFor, VOCABULARY, worthParsing } from '../../rules/engine/prefilter';
import type { Finding } from '../../rules/engine/types';
import { ALL_RULES } from '../../rules/registry';
import { fixtureFiles } from '../helpers/fixtures';

const RULES_DIR = path.join(__dirname, '..', '..', 'rules');
const BASE: LintOptions = { partnerType: 'cpv', today: '2026-11-22' };

/** Every rule fixture in the repository (the `.fixed` results of fixes included: more code shapes). */
function allFixtures(): string[] {
  const out: string[] = [];
  for (const dir of fs.readdirSync(RULES_DIR)) {
    const fx = path.join(RULES_DIR, dir, 'fixtures');
    if (!fs.existsSync(fx)) continue;
    for (const f of fs.readdirSync(fx)) if (languageOf(f)) out.push(path.join(fx, f));
  }
  return out.sort();
}

const show = (f: Finding) => JSON.stringify({ r: f.ruleId, s: f.severity, a: f.range.start, b: f.range.end, m: f.message, x: f.fixes });

describe('keyword pre-filter', () => {
  it('has the words of every rule in the catalog', () => {
    for (const rule of ALL_RULES) assert.ok(VOCABULARY[rule.meta.id], `${rule.meta.id} has no vocabulary: it always runs (add its words to rules/engine/prefilter.ts)`);
  });

  describe('same findings with and without it, on every rule fixture', () => {
    for (const rule of ALL_RULES) {
      for (const file of fixtureFiles(path.join(RULES_DIR, rule.meta.id))) {
        it(`${rule.meta.id}/${path.basename(file)}`, async () => {
          const text = fs.readFileSync(file, 'utf8');
          const off = await lint(text, file, { ...BASE, prefilter: false });
          const on = await lint(text, file, BASE);
          const skipping = await lint(text, file, { ...BASE, skipWithoutVocabulary: true });
          assert.ok(off && on && skipping);
          assert.deepEqual(on.findings.map(show), off.findings.map(show));
          assert.deepEqual(skipping.findings.map(show), off.findings.map(show));
          assert.deepEqual(on.suppressed.map(show), off.suppressed.map(show));
          // The rule's own fixture checks run with `only`: the same there.
          const onlyOff = await lint(text, file, { ...BASE, only: [rule.meta.id], prefilter: false });
          const onlyOn = await lint(text, file, { ...BASE, only: [rule.meta.id], skipWithoutVocabulary: true });
          assert.deepEqual(onlyOn!.findings.map(show), onlyOff!.findings.map(show));
        });
      }
    }
  });

  describe("a rule reports nothing once every line with its words is blanked out (every fixture, filter off)", () => {
    const files = allFixtures();
    for (const rule of ALL_RULES) {
      if (!VOCABULARY[rule.meta.id]) continue;
      it(rule.meta.id, async function () {
        this.timeout(300000);
        const leaks: string[] = [];
        for (const file of files) {
          const language = languageOf(file)!;
          if (!rule.meta.languages.includes(language)) continue;
          const text = fs.readFileSync(file, 'utf8');
          // Same offsets and line breaks: lines holding the rule's words (or an escape, which the filter never judges) become blanks.
          const blanked = text.replace(/[^\r\n]+/g, (line) => (rulesFor(line, language, [rule]).length ? line.replace(/[^\s]/g, ' ') : line));
          assert.equal(rulesFor(blanked, language, [rule]).length, 0, `${path.relative(RULES_DIR, file)}: the blanked text still holds ${rule.meta.id}'s words`);
          const r = await lint(blanked, file, { ...BASE, only: [rule.meta.id], prefilter: false });
          for (const f of r?.findings ?? []) {
            if (f.ruleId !== rule.meta.id) continue;
            const line = r!.lines.position(f.range.start).line;
            leaks.push(`${path.relative(RULES_DIR, file)}:${line + 1}: ${JSON.stringify(text.split(/\r\n|\r|\n/)[line])}`);
          }
        }
        assert.deepEqual(leaks, [], `${rule.meta.id} reports in text without its words: add them to its vocabulary`);
      });
    }
  });

  it('reads text that spells words through escapes, and files with suppression comments', () => {
    const noRopc = ALL_RULES.filter((r) => r.meta.id === 'no-ropc');
    assert.equal(rulesFor('x = "hello"', 'python', noRopc).length, 0);
    assert.equal(rulesFor('x = "gr\\u0061nt_type"', 'python', noRopc).length, 1);
    assert.equal(rulesFor('<add key="gr&#97;nt_type" />', 'xml', noRopc).length, 1);
    assert.equal(rulesFor('$k = "pa`ssword"', 'powershell', noRopc).length, 1);
    assert.equal(worthParsing('x = 1', 'python', ALL_RULES), false);
    assert.equal(worthParsing('# partner-auth-lint-disable-next-line no-ropc\nx = 1', 'python', ALL_RULES), true);
  });

  it('skips parsing only in batch mode, with an empty model', async () => {
    const plain = 'def add(a, b):\n    return a + b\n';
    const batch = await lint(plain, 'm.py', { skipWithoutVocabulary: true });
    assert.equal(batch?.model.calls.length, 0);
    const editor = await lint(plain, 'm.py', {});
    assert.ok((editor?.model.assignments.length ?? 0) + (editor?.model.references.length ?? 0) > 0);
  });
});
