// A small pool of worker threads that lint files from disk during a workspace scan, so the server's main
// thread keeps answering (hovers, code actions, typing). Without workers (one core, or no worker bundle
// next to the server) files are linted in-process, yielding to the event loop between files.
// The pool itself (`WorkerPool`, server/common/workers.ts) is shared with the CLI's `--jobs`.
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkerPool, type PoolLog } from '../common/workers';
import { lintFileOnDisk, type FileJob, type FileOutcome } from './fileLint';

/** The worker bundle, built beside dist/server.js by scripts/build.mjs. */
export const WORKER_SCRIPT = path.join(__dirname, 'scanWorker.js');
/**
 * Workers for a scan: one fewer than the cores `os.availableParallelism()` reports (the main thread keeps
 * one), at most 4; none on a single core. `PARTNER_AUTH_LINT_SCAN_WORKERS=N` overrides (0: in-process).
 */
export function poolSize(env: NodeJS.ProcessEnv = process.env, cores = os.availableParallelism()): number {
  const forced = env.PARTNER_AUTH_LINT_SCAN_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced.trim())) return Math.min(Number(forced), 16);
  return cores > 1 ? Math.min(cores - 1, 4) : 0;
}

/** The language server's scan pool: files linted from disk by dist/scanWorker.js. */
export class LintPool extends WorkerPool<FileJob, FileOutcome> {
  constructor(log: PoolLog, size = poolSize(), script = WORKER_SCRIPT) {
    super(log, size, script, lintFileOnDisk, (reason) => ({ ok: false, reason }));
  }
}
