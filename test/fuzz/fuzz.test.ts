// The quick seeded subset of the fuzzer (the long run: `npm run test:fuzz -- --seed N --iterations M`).
// Inputs derived from every rule and adapter fixture by mutation, and random ones, through every adapter and
// every configuration parser: no exception escapes, the engine finishes inside its own time budget, ranges stay
// in the text, fixes apply cleanly or are refused, and the findings of a truncated file's intact part remain.
import assert from 'node:assert/strict';
import { DEFAULT_BUDGET_MS } from '../../rules/adapters/budget';
import { languageOf } from '../../rules/adapters/languages';
import { ALL_RULES } from '../../rules/registry';
import { parseBaseline } from '../../rules/engine/baseline';
import { parseConfig } from '../../rules/engine/config';
import { validateSettings } from '../../server/lsp/settings';
import { check } from './check';
import { corpus, smallestPerLanguage, type Seed } from './corpus';
import { runFuzz } from './engine';
import { intactAt } from './intact';
import { Rng } from './prng';
import { loadRegressions, saveRegression, toInput } from './regressions';

/** Fixed, so that `npm test` is reproducible; the long run takes any seed. */
const SEED = 20261122;
const ITERATIONS = Number(process.env.PAL_FUZZ_ITERATIONS ?? 1500);
/** The CLI's and the server's budget: a fuzzed fixture cut short by it is a failure. */
const BUDGET_MS = DEFAULT_BUDGET_MS;

describe('fuzzing: quick seeded subset', function () {
  this.timeout(600_000);

  it('replays every kept regression input', async () => {
    const regressions = loadRegressions();
    assert.ok(regressions.length > 0, 'the regression fixtures are found');
    for (const { file, regression } of regressions) {
      if (regression.check === 'intact') {
        const seed: Seed = { path: regression.fileName, fileName: regression.fileName, language: languageOf(regression.fileName)!, text: regression.text ?? '' };
        const r = await intactAt(seed, regression.cut ?? 0);
        assert.ok(typeof r === 'string', `${file}: ${JSON.stringify(r)}`);
        continue;
      }
      const r = await check(toInput(regression), { budgetMs: BUDGET_MS, model: true });
      assert.equal(r.failure, undefined, `${file} (${regression.failure}) fails again`);
    }
  });

  it(`${ITERATIONS} mutated inputs from every fixture (seed ${SEED}): no exception, inside the budget, ranges in the text, fixes clean or refused`, async () => {
    const stats = await runFuzz({ seed: SEED, iterations: ITERATIONS, budgetMs: BUDGET_MS });
    const report = stats.failures.map((f) => `iteration ${f.iteration} (${f.input.origin}; ${f.input.ops.join(', ')}): ${f.failure}${f.saved ? ` -> test/fuzz/regressions/${f.saved}` : ''}`);
    assert.deepEqual(report, []);
    // Every adapter was exercised, and the inputs were not all thrown away as binary.
    assert.deepEqual(Object.keys(stats.byLanguage).sort(), [...new Set(corpus().map((s) => s.language))].sort());
    assert.ok(stats.skipped < stats.iterations / 4, `${stats.skipped} of ${stats.iterations} inputs skipped`);
    assert.ok(stats.fixes > 0, 'fixes were offered and checked');
  });

  it('truncates the smallest fixture of each language at every position', async () => {
    const failures: string[] = [];
    let cuts = 0;
    for (const seed of smallestPerLanguage()) {
      for (let cut = 0; cut <= seed.text.length; cut++) {
        const input = { fileName: seed.fileName, text: seed.text.slice(0, cut), origin: seed.path, ops: [`truncate@${cut}`] };
        const r = await check(input, { budgetMs: BUDGET_MS, model: cut % 3 === 0 });
        cuts++;
        if (r.failure) failures.push(`${seed.path} cut at ${cut}: ${r.failure} -> test/fuzz/regressions/${saveRegression(input, r.failure)}`);
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(cuts > 1000, `${cuts} truncations`);
  });

  it('keeps the findings of the intact part of a truncated file (cuts at seeded positions of rule fixtures)', async () => {
    const rng = new Rng(SEED);
    const seeds = corpus().filter((s) => s.path.startsWith('rules/') && !s.path.includes('.fixed.'));
    const lost: string[] = [];
    let compared = 0;
    for (let k = 0; k < 40; k++) {
      const seed = rng.pick(seeds);
      const r = await intactAt(seed, rng.int(seed.text.length));
      if (r === 'kept') compared++;
      else if (r !== 'nothing-to-compare') lost.push(`${r.seed} cut at ${r.cut} (clean prefixes end at ${r.cleanBefore} and ${r.cleanAfter}): lost ${r.lost.join('; ')}`);
    }
    assert.deepEqual(lost, []);
    assert.ok(compared >= 5, `only ${compared} cuts had findings to compare`);
  });

  it('configuration parsers (.partner-auth-lint.json, the baseline, editor settings) never throw and accept only what they know', () => {
    const rng = new Rng(SEED);
    const ruleIds = ALL_RULES.map((r) => r.meta.id);
    const keys = ['partnerType', 'rules', 'ignore', 'requireSuppressionReason', 'secretStore', '$schema', '__proto__', 'constructor', 'prototype', 'version', 'findings', 'enable', 'run', 'exclude', 'kind', 'vaultName', ...ruleIds];
    const scalar = (): unknown => rng.pick<unknown>([null, true, false, 0, -1, 1e308, 'csp', 'cpv', 'unknown', 'off', 'info', 'warning', 'error', 'environment', 'keyVault', 'kv-name', '', '\u0000', '../../etc/passwd', 'file:///etc/passwd', 'require("child_process")', '${process.exit()}', '__proto__']);
    const value = (depth: number): unknown => {
      if (depth > 3 || rng.chance(0.5)) return scalar();
      if (rng.chance(0.3)) return Array.from({ length: rng.int(4) }, () => value(depth + 1));
      const o: Record<string, unknown> = {};
      for (let k = rng.int(5); k > 0; k--) Object.defineProperty(o, rng.pick(keys), { value: value(depth + 1), enumerable: true, configurable: true, writable: true });
      return o;
    };
    const mutateText = (t: string): string => {
      let out = t;
      for (let k = rng.range(0, 3); k > 0; k--) {
        const at = rng.int(out.length + 1);
        out = rng.chance(0.5) ? out.slice(0, at) + rng.pick(['{', '}', '[', ']', '"', ',', ':', '\u0000', '\uFEFF', '__proto__', '1e999', '-']) + out.slice(at) : out.slice(0, at) + out.slice(at + rng.range(1, 4));
      }
      return out;
    };
    for (let i = 0; i < 3000; i++) {
      const raw = value(0);
      const text = mutateText(JSON.stringify(raw) ?? 'null');
      const { config, problems } = parseConfig(text, ruleIds);
      assert.ok(Array.isArray(problems));
      assert.deepEqual(Object.keys(config).filter((k) => !['partnerType', 'rules', 'ignore', 'requireSuppressionReason', 'secretStore'].includes(k)), [], text);
      if (config.partnerType !== undefined) assert.ok(['csp', 'cpv', 'unknown'].includes(config.partnerType));
      for (const [id, sev] of Object.entries(config.rules ?? {})) assert.ok(ruleIds.includes(id) && ['off', 'info', 'warning', 'error'].includes(sev), `${id}: ${sev}`);
      if (config.rules) assert.equal(Object.getPrototypeOf(config.rules), Object.prototype);
      if (config.ignore) assert.ok(config.ignore.every((g) => typeof g === 'string'));
      const { baseline } = parseBaseline(text);
      assert.ok(baseline.entries.every((e) => typeof e.ruleId === 'string' && typeof e.file === 'string' && typeof e.fingerprint === 'string'));
      const { settings } = validateSettings(rng.chance(0.5) ? raw : (() => { try { return JSON.parse(text); } catch { return text; } })());
      assert.ok(typeof settings.enable === 'boolean');
      assert.ok(Object.keys(settings.rules).every((id) => ruleIds.includes(id)));
      // Nothing leaked onto the shared prototype.
      assert.equal(({} as Record<string, unknown>).partnerType, undefined);
      assert.equal(({} as Record<string, unknown>)['no-ropc'], undefined);
    }
  });
});
