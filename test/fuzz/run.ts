// The long fuzz run: `npm run test:fuzz -- --seed N --iterations M [--budget-ms MS] [--only I] [--no-save]`.
// Every input is derived from a fixture (rule and adapter fixtures) by mutation, or is random, and goes through
// the checks of check.ts; the regression fixtures are replayed first, and the smallest fixture of each language
// is truncated at every position. Failing inputs are written to test/fuzz/regressions/. Exit 1 on any failure.
import { performance } from 'node:perf_hooks';
import { DEFAULT_BUDGET_MS } from '../../rules/adapters/budget';
import { languageOf } from '../../rules/adapters/languages';
import { check } from './check';
import { corpus, smallestPerLanguage } from './corpus';
import { runFuzz } from './engine';
import { intactAt } from './intact';
import { Rng } from './prng';
import { loadRegressions, saveRegression, toInput } from './regressions';

interface Args {
  seed: number;
  iterations: number;
  budgetMs: number;
  only?: number;
  save: boolean;
  truncations: boolean;
  /** Cuts at random positions of rule fixtures checked for the findings of the intact part. */
  intact: number;
}

function parse(argv: string[]): Args {
  const a: Args = { seed: Date.now() % 1_000_000, iterations: 20_000, budgetMs: DEFAULT_BUDGET_MS, save: true, truncations: true, intact: 300 };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1];
    switch (argv[i]) {
      case '--seed': a.seed = Number(v); i++; break;
      case '--iterations': a.iterations = Number(v); i++; break;
      case '--budget-ms': a.budgetMs = Number(v); i++; break;
      case '--only': a.only = Number(v); i++; break;
      case '--no-save': a.save = false; break;
      case '--no-truncations': a.truncations = false; break;
      case '--intact': a.intact = Number(v); i++; break;
      default: throw new Error(`unknown option ${argv[i]} (--seed N --iterations M --budget-ms MS --only I --intact N --no-save --no-truncations)`);
    }
  }
  if (!Number.isInteger(a.seed) || !Number.isInteger(a.iterations) || a.iterations < 0) throw new Error('--seed and --iterations take integers');
  return a;
}

async function main(): Promise<number> {
  const args = parse(process.argv.slice(2));
  const started = performance.now();
  const out = (s: string) => process.stdout.write(`${s}\n`);
  let failures = 0;

  const regressions = loadRegressions();
  for (const { file, regression } of regressions) {
    if (regression.check === 'intact') {
      const r = await intactAt({ path: regression.fileName, fileName: regression.fileName, language: languageOf(regression.fileName)!, text: regression.text ?? '' }, regression.cut ?? 0);
      if (typeof r !== 'string') {
        failures++;
        out(`regression ${file} fails again: lost ${r.lost.join('; ')}`);
      }
      continue;
    }
    const r = await check(toInput(regression), { budgetMs: args.budgetMs, model: true });
    if (r.failure) {
      failures++;
      out(`regression ${file} fails again: ${r.failure}`);
    }
  }
  out(`replayed ${regressions.length} regression fixtures`);

  if (args.truncations && args.only === undefined) {
    let cuts = 0;
    for (const seed of smallestPerLanguage()) {
      for (let cut = 0; cut <= seed.text.length; cut++) {
        const input = { fileName: seed.fileName, text: seed.text.slice(0, cut), origin: seed.path, ops: [`truncate@${cut}`] };
        const r = await check(input, { budgetMs: args.budgetMs, model: true });
        cuts++;
        if (r.failure) {
          failures++;
          out(`${seed.path} cut at ${cut}: ${r.failure}${args.save ? ` (kept as ${saveRegression(input, r.failure)})` : ''}`);
        }
      }
    }
    out(`truncated the smallest fixture of each language at every position: ${cuts} inputs`);
  }

  if (args.intact > 0 && args.only === undefined) {
    const rng = new Rng(args.seed);
    const seeds = corpus().filter((s) => s.path.startsWith('rules/') && !s.path.includes('.fixed.'));
    let compared = 0;
    for (let k = 0; k < args.intact; k++) {
      const seed = rng.pick(seeds);
      const cut = rng.int(seed.text.length);
      const r = await intactAt(seed, cut);
      if (r === 'kept') compared++;
      else if (r !== 'nothing-to-compare') {
        failures++;
        out(`${r.seed} cut at ${r.cut}: lost ${r.lost.join('; ')} (clean prefixes end at ${r.cleanBefore} and ${r.cleanAfter})`);
      }
    }
    out(`intact part of truncated rule fixtures: ${args.intact} cuts, ${compared} with findings to compare`);
  }

  let last = performance.now();
  const stats = await runFuzz({
    seed: args.seed,
    iterations: args.iterations,
    budgetMs: args.budgetMs,
    save: args.save,
    only: args.only,
    progress: (done, s) => {
      if (performance.now() - last < 10_000) return;
      last = performance.now();
      process.stderr.write(`  ${done}/${args.only === undefined ? args.iterations : 1} inputs, ${s.failures.length} failures\n`);
    },
  });
  for (const f of stats.failures) {
    out(`iteration ${f.iteration} (${f.input.origin}; ${f.input.ops.join(', ')}): ${f.failure}${f.saved ? ` (kept as ${f.saved})` : ''}`);
  }
  failures += stats.failures.length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  out(`seed ${args.seed}: ${stats.iterations} mutated inputs in ${(stats.ms / 1000).toFixed(1)} s (${stats.skipped} skipped as binary or oversized, ${stats.findings} findings, ${stats.fixes} fixes checked, ${stats.refused} refused); by language: ${Object.entries(stats.byLanguage).sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
  out(`${failures} failure${failures === 1 ? '' : 's'}; ${seconds} s in all on ${corpus().length} seed files`);
  return failures ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`test:fuzz: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
