// The catalog's own checks: permanent ids, docs with the required headings, fixtures per claimed language.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../rules/registry';
import { effectiveSeverity } from '../../rules/engine/lint';
import { docsUrl } from '../../rules/common/meta';
import { FIXTURE_FILE, readExpectations } from '../helpers/fixtures';

const RULES_DIR = path.join(__dirname, '..', '..', 'rules');
const PERMANENT_IDS = [
  'no-ropc',
  'no-stored-credentials',
  'no-global-admin-consent',
  'no-cpv-app-only',
  'no-implicit-grant',
  'no-azure-ad-graph',
  'no-legacy-auth-library',
  'persist-rotated-refresh-token',
  'no-token-logging',
  'no-basic-auth-protocol',
];
const HEADINGS = ['## What is flagged', '## Why it matters', '## How to fix', '## When it may be wrong', '## References'];

describe('rule catalog', () => {
  it('uses only the permanent rule ids, each once', () => {
    const ids = ALL_RULES.map((r) => r.meta.id);
    assert.deepEqual(ids.filter((id) => !PERMANENT_IDS.includes(id)), []);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('changes severity by partnerType only where the requirements do: no-cpv-app-only (cpv error, unknown warning, csp off)', () => {
    const byType = (id: string) => (['cpv', 'unknown', 'csp'] as const).map((partnerType) => effectiveSeverity(ALL_RULES.find((r) => r.meta.id === id)!, { partnerType }));
    assert.deepEqual(byType('no-cpv-app-only'), ['error', 'warning', 'off']);
    for (const rule of ALL_RULES.filter((r) => r.meta.id !== 'no-cpv-app-only')) {
      assert.deepEqual(byType(rule.meta.id), [rule.meta.defaultSeverity, rule.meta.defaultSeverity, rule.meta.defaultSeverity], rule.meta.id);
    }
    assert.equal(effectiveSeverity(ALL_RULES.find((r) => r.meta.id === 'no-cpv-app-only')!, { partnerType: 'csp', rules: { 'no-cpv-app-only': 'warning' } }), 'warning', 'an explicit severity wins');
  });

  for (const rule of ALL_RULES) {
    describe(rule.meta.id, () => {
      const dir = path.join(RULES_DIR, rule.meta.id);
      it('has a README with the required headings, titled by its id', () => {
        const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
        assert.ok(readme.startsWith(`# ${rule.meta.id}\n`), 'README starts with "# <id>"');
        for (const h of HEADINGS) assert.ok(readme.includes(`\n${h}\n`), `README has "${h}"`);
      });
      it('derives its docs URL from its id', () => {
        assert.ok(docsUrl(rule.meta.id).endsWith(`/rules/${rule.meta.id}/README.md`));
      });
      it('has a fixture with flagged lines for every language it claims', () => {
        for (const lang of rule.meta.languages) {
          const file = path.join(dir, 'fixtures', FIXTURE_FILE[lang]);
          assert.ok(fs.existsSync(file), `missing fixture ${path.relative(RULES_DIR, file)}`);
          const marks = readExpectations(fs.readFileSync(file, 'utf8')).filter((e) => e.ruleId === rule.meta.id);
          assert.ok(marks.length > 0, `${FIXTURE_FILE[lang]} flags at least one line`);
        }
      });
    });
  }
});
