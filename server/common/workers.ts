// A pool of worker threads for jobs that are plain data (structured-clone safe), shared by the language
// server's workspace scan (server/lsp/pool.ts) and the CLI's `--jobs` (server/cli/jobs.ts). Without workers
// (size 0, or no worker script on disk) jobs run in-process, yielding to the event loop between jobs.
import * as fs from 'node:fs';
import { Worker } from 'node:worker_threads';

/** Where a pool reports a failed worker (the server's Log; the CLI writes to stderr). */
export interface PoolLog {
  failure(where: string, e: unknown): void;
}

/** Jobs sent to one worker before it answers: hides the message round trip. */
const DEPTH = 2;
const IDLE_MS = 30000;

interface Slot<O> {
  worker: Worker;
  inFlight: Map<number, (out: O) => void>;
}

/**
 * Jobs of type J answered with O by worker threads running `script` (which answers `{ id, job }` messages
 * with `{ id, out }`), or by `local` in-process when there are no workers. Never rejects: a failed worker's
 * jobs are answered with `failed(reason)`.
 */
export class WorkerPool<J, O> {
  private readonly slots: Slot<O>[] = [];
  private readonly queue: { job: J; resolve: (out: O) => void }[] = [];
  private nextId = 1;
  private idle: NodeJS.Timeout | undefined;
  readonly size: number;

  constructor(
    private readonly log: PoolLog,
    size: number,
    private readonly script: string,
    private readonly local: (job: J) => Promise<O>,
    private readonly failed: (reason: string) => O,
    private readonly depth = DEPTH,
  ) {
    this.size = size > 0 && fs.existsSync(script) ? size : 0;
  }

  /** Run one job; never rejects. */
  run(job: J): Promise<O> {
    if (this.size === 0) return inProcess(this.local, job);
    return new Promise((resolve) => {
      this.queue.push({ job, resolve });
      this.pump();
    });
  }

  /** How many jobs may usefully be outstanding at once. */
  get capacity(): number {
    return Math.max(1, this.size * this.depth);
  }

  dispose(): void {
    if (this.idle) clearTimeout(this.idle);
    for (const s of this.slots.splice(0)) this.stop(s, 'the server is shutting down');
  }

  private pump(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.inFlight.size < this.depth);
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

  private spawn(): Slot<O> {
    const worker = new Worker(this.script);
    worker.unref(); // never keeps the server process alive
    const slot: Slot<O> = { worker, inFlight: new Map() };
    worker.on('message', (msg: { id: number; out: O }) => {
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

  private remove(slot: Slot<O>, reason: string): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    this.stop(slot, reason);
    if (this.queue.length > 0) this.pump();
  }

  private stop(slot: Slot<O>, reason: string): void {
    for (const resolve of slot.inFlight.values()) resolve(this.failed(reason));
    slot.inFlight.clear();
    void slot.worker.terminate().catch(() => undefined);
  }
}

/** Single-threaded: run, then yield so requests queued meanwhile are answered before the next job. */
async function inProcess<J, O>(local: (job: J) => Promise<O>, job: J): Promise<O> {
  const out = await local(job);
  await new Promise<void>((resolve) => setImmediate(resolve));
  return out;
}
