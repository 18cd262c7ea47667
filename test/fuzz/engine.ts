// The fuzz loop shared by the quick seeded subset (`npm test`) and the long run (`npm run test:fuzz`).
import { performance } from 'node:perf_hooks';
import { DEFAULT_BUDGET_MS } from '../../rules/adapters/budget';
import { check, type Outcome } from './check';
import { corpus, type Seed } from './corpus';
import { mutate, type FuzzInput } from './mutate';
import { Rng } from './prng';
import { saveRegression } from './regressions';

export interface FuzzFailure {
  iteration: number;
  input: FuzzInput;
  failure: string;
  /** The regression fixture it was saved as. */
  saved?: string;
}

export interface FuzzStats {
  seed: number;
  iterations: number;
  ms: number;
  skipped: number;
  findings: number;
  fixes: number;
  refused: number;
  byLanguage: Record<string, number>;
  failures: FuzzFailure[];
}

export interface FuzzOptions {
  seed: number;
  iterations: number;
  /** The engine's budget per input, the CLI's and the server's by default (10 s); a cut-short input is a failure. */
  budgetMs?: number;
  /** Iterations that also parse alone and check every model range (default every 4th). */
  modelEvery?: number;
  /** Keep failing inputs in test/fuzz/regressions/ (default true). */
  save?: boolean;
  /** Draw only this iteration (reproduce one failure). */
  only?: number;
  progress?: (done: number, stats: FuzzStats) => void;
  seeds?: readonly Seed[];
}

/** Input `i` of a run with `seed`: it depends on (seed, i) only. */
export function inputFor(seed: number, i: number, seeds: readonly Seed[] = corpus()): FuzzInput {
  const rng = new Rng(seed).fork(i);
  const s = rng.pick(seeds);
  return mutate(rng, s, () => rng.pick(seeds).text);
}

export async function runFuzz(o: FuzzOptions): Promise<FuzzStats> {
  const seeds = o.seeds ?? corpus();
  const stats: FuzzStats = { seed: o.seed, iterations: 0, ms: 0, skipped: 0, findings: 0, fixes: 0, refused: 0, byLanguage: {}, failures: [] };
  const started = performance.now();
  const signatures = new Set<string>();
  const first = o.only ?? 0;
  const last = o.only !== undefined ? o.only + 1 : o.iterations;
  for (let i = first; i < last; i++) {
    const input = inputFor(o.seed, i, seeds);
    const language = seeds.find((s) => s.path === input.origin)?.language ?? '?';
    stats.byLanguage[language] = (stats.byLanguage[language] ?? 0) + 1;
    const outcome: Outcome = await check(input, { budgetMs: o.budgetMs ?? DEFAULT_BUDGET_MS, model: i % (o.modelEvery ?? 4) === 0 });
    stats.iterations++;
    if (outcome.skipped) stats.skipped++;
    stats.findings += outcome.findings;
    stats.fixes += outcome.fixes;
    stats.refused += outcome.refused;
    if (outcome.failure) {
      const f: FuzzFailure = { iteration: i, input, failure: outcome.failure };
      // One fixture per distinct failure (same message, same language): a bug found a thousand times is kept once.
      const signature = `${language}:${outcome.failure.replace(/\d+/g, 'N').slice(0, 120)}`;
      if (o.save !== false && !signatures.has(signature)) f.saved = saveRegression(input, outcome.failure, { seed: o.seed, iteration: i });
      signatures.add(signature);
      stats.failures.push(f);
    }
    o.progress?.(stats.iterations, stats);
  }
  stats.ms = Math.round(performance.now() - started);
  return stats;
}
