// Entry of a scan worker thread (bundled as dist/scanWorker.js): lints files from disk for the language
// server's workspace scan. Each worker loads the engine and its own tree-sitter grammars (rules/adapters/
// treesitter.ts sets --liftoff-only and loads PowerShell last, as in the main thread).
import { parentPort } from 'node:worker_threads';
import { lintFileOnDisk, type FileJob } from './fileLint';

parentPort?.on('message', (msg: { id: number; job: FileJob }) => {
  void lintFileOnDisk(msg.job).then(
    (out) => parentPort!.postMessage({ id: msg.id, out }),
    () => parentPort!.postMessage({ id: msg.id, out: { ok: false, reason: 'cannot analyse: worker error' } }),
  );
});
