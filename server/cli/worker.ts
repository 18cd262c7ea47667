// Entry of a CLI worker thread (bundled as dist/cliWorker.js): scans files for `partner-auth-lint --jobs N`.
// Each worker loads the engine and its own tree-sitter grammars (rules/adapters/treesitter.ts sets
// --liftoff-only and loads PowerShell last, as in the main thread).
import { parentPort } from 'node:worker_threads';
import { scanFile, type ScanJob } from './scan';

parentPort?.on('message', (msg: { id: number; job: ScanJob }) => {
  void scanFile(msg.job).then(
    (out) => parentPort!.postMessage({ id: msg.id, out }),
    () => parentPort!.postMessage({ id: msg.id, out: { counted: false, error: 'cannot analyse: worker error', findings: [], ruleErrors: [], suppressions: [] } }),
  );
});
