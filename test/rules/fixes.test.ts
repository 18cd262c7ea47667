// Quick fixes over every fixture of every rule. For each offered fix, alone: the fixed file parses with
// no new syntax errors, the finding is gone and no new finding of that rule appears, the text outside
// the edits is byte-identical, and the fix is not offered again. All preferred fixes applied together
// must give `fixtures/<language>.fixed.<ext>` exactly (PAL_UPDATE_FIXED=1 rewrites those files; review the diff).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint, parseFile, type LintOptions } from '../../rules/engine/lint';
import type { Finding, Fix } from '../../rules/engine/types';
import { applyEdits, combineFixes } from '../../rules/fixes/edits';
import { ALL_RULES } from '../../rules/registry';
import { fixedFileOf, fixtureFiles } from '../helpers/fixtures';

const RULES_DIR = path.join(__dirname, '..', '..', 'rules');
const OPTIONS: LintOptions = { partnerType: 'cpv', today: '2026-11-22' };

const flagged = (text: string, f: Finding) => text.slice(f.range.start, f.range.end);

describe('rule fixes', () => {
  for (const rule of ALL_RULES) {
    describe(rule.meta.id, () => {
      for (const file of fixtureFiles(path.join(RULES_DIR, rule.meta.id))) {
        it(`${path.basename(file)}: every fix is sound, and all preferred fixes give the .fixed file`, async () => {
          const text = fs.readFileSync(file, 'utf8');
          const opts = { ...OPTIONS, only: [rule.meta.id] };
          const before = (await lint(text, file, opts))!;
          const baseErrors = (await parseFile(text, file))!.errors.length;
          const withFixes = before.findings.filter((f) => f.fixes.length > 0);
          if (!rule.meta.fixable) assert.deepEqual(withFixes.map((f) => f.ruleId), [], 'a rule whose meta says fixable: false offers no fixes');
          for (const finding of withFixes) {
            for (const fix of finding.fixes) {
              const where = `${fix.title} (for \`${flagged(text, finding)}\` at ${before.lines.position(finding.range.start).line + 1})`;
              const fixed = applyEdits(text, fix.edits);
              const first = Math.min(...fix.edits.map((e) => e.range.start));
              const last = Math.max(...fix.edits.map((e) => e.range.end));
              assert.equal(fixed.slice(0, first), text.slice(0, first), `${where}: text before the edits unchanged`);
              assert.equal(fixed.slice(fixed.length - (text.length - last)), text.slice(last), `${where}: text after the edits unchanged`);
              assert.ok((await parseFile(fixed, file))!.errors.length <= baseErrors, `${where}: no new syntax errors`);
              const after = (await lint(fixed, file, opts))!;
              assert.ok(after.findings.length < before.findings.length, `${where}: the finding is gone`);
              const remaining = before.findings.filter((f) => f !== finding).map((f) => flagged(text, f));
              for (const f of after.findings) {
                const i = remaining.indexOf(flagged(fixed, f));
                assert.ok(i >= 0, `${where}: no new finding (got \`${flagged(fixed, f)}\`)`);
                remaining.splice(i, 1);
              }
              // The same fix again means the same title and edits for a finding where this one was (mapped back
              // across the edit); other findings of the same kind elsewhere in the file may share the title and text.
              const moved = (o: number, end: boolean) => {
                let d = 0;
                for (const e of [...fix.edits].sort((a, b) => a.range.start - b.range.start)) {
                  if (e.range.end <= o) d += e.text.length - (e.range.end - e.range.start);
                  else if (e.range.start < o) return end ? e.range.start + d + e.text.length : e.range.start + d;
                }
                return o + d;
              };
              const was = { start: moved(finding.range.start, false), end: moved(finding.range.end, true) };
              const here = (f: Finding) => f.range.start <= was.end && was.start <= f.range.end;
              const again = after.findings.filter(here).flatMap((f) => f.fixes).filter((f) => f.title === fix.title && JSON.stringify(f.edits.map((e) => e.text)) === JSON.stringify(fix.edits.map((e) => e.text)));
              assert.deepEqual(again.map((f) => f.title), [], `${where}: not offered again`);
            }
          }
          const fixedFile = fixedFileOf(file);
          if (!withFixes.length) {
            assert.ok(!fs.existsSync(fixedFile), `${path.basename(fixedFile)} exists but no fix is offered`);
            return;
          }
          const preferred: Fix[] = withFixes.map((f) => f.fixes.find((x) => x.preferred) ?? f.fixes[0]);
          const result = applyEdits(text, combineFixes(preferred).edits);
          if (process.env.PAL_UPDATE_FIXED === '1') fs.writeFileSync(fixedFile, result);
          assert.ok(fs.existsSync(fixedFile), `missing ${path.relative(RULES_DIR, fixedFile)} (run with PAL_UPDATE_FIXED=1 and review it)`);
          assert.equal(result, fs.readFileSync(fixedFile, 'utf8'));
        });
      }
    });
  }
});
