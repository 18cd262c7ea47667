// A small pool of worker threads that lint files from disk during a workspace scan, so the server's main
// thread keeps answering (hovers, code actions, typing). Without workers (one core, or no worker bundle
// next to the server) files are linted in-process, yielding to the event loop between files.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { lintFileOnDisk, type FileJob, type FileOutcome } from './fileLint';
import type { Log } from './log';

/** The worker bundle, built beside dist/server.js by scripts/build.mjs. */
export const WORKER_SCRIPT = path.join(__dirname, 'scanWorker.js');
/** Jobs sent to one worker before it answers: hides the message round trip. */
const DEPTH = 2;
const IDLE_MS = 30000;

/**
 * Workers for a scan: one fewer than the cores `os.availableParallelism()` reports (the main thread keeps
 * one), at most 4; none on a single core. `PARTNER_AUTH_LINT_SCAN_WORKERS=N` overrides (0: in-process).
 */
export function poolSize(env: NodeJS.ProcessEnv = process.env, cores = os.availableParallelism()): number {
  const forced = env.PARTNER_AUTH_LINT_SCAN_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced.trim())) return Math.min(Number(forced), 16);
  return cores > 1 ? Math.min(cores - 1, 4) : 0;
}

interface Slot {
  worker: Worker;
  inFlight: Map<number, (out: FileOutcome) => void>;
}

export class LintPool {
  private readonly slots: Slot[] = [];
  private readonly queue: { job: FileJob; resolve: (out: FileOutcome) => void }[] = [];
  private nextId = 1;
  private idle: NodeJS.Timeout | undefined;
  readonly size: number;

  constructor(
    private readonly log: Log,
    size = poolSize(),
    private readonly script = WORKER_SCRIPT,
  ) {
    this.size = size > 0 && fs.existsSync(script) ? size : 0;
  }

  /** Lint one file; never rejects (failures are `ok: false` outcomes). */
  run(job: FileJob): Promise<FileOutcome> {
    if (this.size === 0) return inProcess(job);
    return new Promise((resolve) => {
      this.queue.push({ job, resolve });
      this.pump();
    });
  }

  /** How many jobs may usefully be outstanding at once. */
  get capacity(): number {
    return Math.max(1, this.size * DEPTH);
  }

  dispose(): void {
    if (this.idle) clearTimeout(this.idle);
    for (const s of this.slots.splice(0)) this.stop(s, 'the server is shutting down');
  }

  private pump(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.inFlight.size < DEPTH);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) break;
      const { job, resolve } = this.queue.shift()!;
      const id = this.nextId++;
      slot.inFlight.set(id, resolve);
      slot.worker.postMessage({ id, job });
    }
    if (this.queue.length === 0 && this.slots.every((s) => s.inFlight.size === 0)) {
      // Idle workers hold their grammars in memory: let them go after a while.
      this.idle = setTimeout(() => this.dispose(), IDLE_MS);
      this.idle.unref();
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.script);
    worker.unref(); // never keeps the server process alive
    const slot: Slot = { worker, inFlight: new Map() };
    worker.on('message', (msg: { id: number; out: FileOutcome }) => {
      const resolve = slot.inFlight.get(msg.id);
      slot.inFlight.delete(msg.id);
      resolve?.(msg.out);
      this.pump();
    });
    worker.on('error', (e) => {
      this.log.failure('scan worker', e);
      this.remove(slot, 'cannot analyse: scan worker failed');
    });
    worker.on('exit', () => this.remove(slot, 'cannot analyse: scan worker stopped'));
    this.slots.push(slot);
    return slot;
  }

  private remove(slot: Slot, reason: string): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    this.stop(slot, reason);
    if (this.queue.length > 0) this.pump();
  }

  private stop(slot: Slot, reason: string): void {
    for (const resolve of slot.inFlight.values()) resolve({ ok: false, reason });
    slot.inFlight.clear();
    void slot.worker.terminate().catch(() => undefined);
  }
}

/** Single-threaded: lint, then yield so requests queued meanwhile are answered before the next file. */
async function inProcess(job: FileJob): Promise<FileOutcome> {
  const out = await lintFileOnDisk(job);
  await new Promise<void>((resolve) => setImmediate(resolve));
  return out;
}
