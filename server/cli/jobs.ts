// `--jobs N`: the CLI lints files on N threads: the main thread and N - 1 worker threads (dist/cliWorker.js,
// beside dist/cli.js) from the language server's pool (server/common/workers.ts). The main thread works too:
// each thread holds the engine, its grammars and its heap, so one fewer isolate is ~150 MB less at the peak.
// One job, or no worker bundle (tests run the sources), is in-process only. Results are merged in file order
// by scanFiles, so the output never depends on N.
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkerPool } from '../common/workers';
import { scanFile, type FileScan, type ScanJob } from './scan';

/** The worker bundle, built beside dist/cli.js by scripts/build.mjs. */
export const CLI_WORKER_SCRIPT = path.join(__dirname, 'cliWorker.js');

/**
 * Default `--jobs`: one fewer than the cores Node may use (`os.availableParallelism()`), at least one. A lane
 * keeps more than one core busy: V8's garbage collector and compilers run on background threads (measured on
 * the benchmark's 1,000 files with one lane: 8.3 s wall, 11.8 s CPU). On 2 cores a second lane gained nothing
 * (8.5 s) and cost 60-80 MB of memory for its own engine, grammars and heap.
 */
export function defaultJobs(cores = os.availableParallelism()): number {
  return Math.max(1, cores - 1);
}

export interface Jobs {
  runner?: (job: ScanJob) => Promise<FileScan>;
  lanes: number;
  dispose(): void;
}

/** Jobs queued per worker: enough that a worker never waits while the main thread lints a large file. */
const WORKER_DEPTH = 4;

/** The main thread plus `jobs` - 1 worker threads (each loads the engine and its grammars once); in-process for 1. */
export function startJobs(jobs: number, stderr: (s: string) => void, script = CLI_WORKER_SCRIPT): Jobs {
  if (jobs <= 1) return { lanes: 1, dispose: () => undefined };
  const log = {
    failure: (where: string, e: unknown) => stderr(`partner-auth-lint: ${where} failed: ${e instanceof Error ? e.name : 'error'}\n`),
  };
  const pool = new WorkerPool<ScanJob, FileScan>(log, jobs - 1, script, scanFile, (reason) => ({ counted: false, error: reason, findings: [], ruleErrors: [], suppressions: [] }), WORKER_DEPTH);
  if (pool.size === 0) return { lanes: 1, dispose: () => undefined };
  let local = false;
  const runner = async (job: ScanJob): Promise<FileScan> => {
    if (local) return pool.run(job);
    local = true;
    try {
      return await scanFile(job);
    } finally {
      local = false;
    }
  };
  return { runner, lanes: pool.capacity + 1, dispose: () => pool.dispose() };
}
