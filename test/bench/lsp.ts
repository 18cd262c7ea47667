// Language-server figures for `npm run bench`, through a real JSON-RPC client over stdio (vscode-languageserver-
// protocol's node connection) against `node dist/server.js --stdio`: initialize -> first diagnostics per language,
// edit latency (didChange -> diagnostics) and the server's memory after opening many files.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';

const LANGUAGE_IDS: Record<string, string> = {
  powershell: 'powershell', csharp: 'csharp', python: 'python', javascript: 'javascript', typescript: 'typescript', java: 'java',
  json: 'json', yaml: 'yaml', dotenv: 'dotenv', xml: 'xml',
};

export class BenchClient {
  readonly connection: ProtocolConnection;
  private waiters = new Map<string, { version?: number; resolve: () => void }[]>();
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();

  private constructor(readonly child: ChildProcess) {
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    child.stderr?.on('data', () => undefined);
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const list = this.waiters.get(p.uri) ?? [];
      const keep = list.filter((w) => {
        if (w.version === undefined || p.version === w.version) {
          w.resolve();
          return false;
        }
        return true;
      });
      this.waiters.set(p.uri, keep);
    });
    this.connection.onNotification('partnerAuthLint/status', () => undefined);
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.listen();
  }

  /** Spawn the server (not yet initialized). */
  static spawn(server: string, env?: NodeJS.ProcessEnv): BenchClient {
    const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    return new BenchClient(child);
  }

  async initialize(workspace: string, pull: boolean): Promise<void> {
    const uri = `file://${workspace}`;
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true },
        textDocument: { synchronization: { didSave: true }, publishDiagnostics: { versionSupport: true }, ...(pull ? { diagnostic: { dynamicRegistration: false } } : {}) },
      },
      initializationOptions: { trusted: true },
    });
    await this.connection.sendNotification('initialized', {});
  }

  /** Resolves on the next publish for `uri` (of `version`, when given). */
  published(uri: string, version?: number): Promise<void> {
    return new Promise((resolve) => {
      const list = this.waiters.get(uri) ?? [];
      list.push({ version, resolve });
      this.waiters.set(uri, list);
    });
  }

  async open(file: string, language: string): Promise<string> {
    const uri = `file://${file}`;
    const text = fs.readFileSync(file, 'utf8');
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: LANGUAGE_IDS[language] ?? language, version: 1, text } });
    return uri;
  }

  /** One keystroke in the middle of the document: a space typed at the end of the middle line, or deleted again. */
  async type(uri: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const text = this.texts.get(uri)!;
    const lines = text.split('\n');
    const line = Math.floor(lines.length / 2);
    const col = lines[line].length;
    const insert = version % 2 === 0;
    const change = insert
      ? { range: { start: { line, character: col }, end: { line, character: col } }, text: ' ' }
      : { range: { start: { line, character: col - 1 }, end: { line, character: col } }, text: '' };
    lines[line] = insert ? lines[line] + ' ' : lines[line].slice(0, -1);
    this.texts.set(uri, lines.join('\n'));
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    return version;
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 1;
  }

  pullDiagnostics(uri: string): Promise<unknown> {
    return this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  }

  /** Resident and peak memory of the server process (Linux /proc), in MB. */
  memory(): { rssMb: number; peakMb: number } | undefined {
    try {
      const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
      return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
    } catch {
      return undefined;
    }
  }

  /** CPU time (user + system) the server process has used so far, in ms (Linux /proc; 10 ms ticks). */
  cpuMs(): number | undefined {
    try {
      const stat = fs.readFileSync(`/proc/${this.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(stat[11]) + Number(stat[12])) * 10;
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

/** initialize -> first publishDiagnostics of one opened file, in a fresh server (grammars load on first use). */
export async function firstDiagnostics(server: string, workspace: string, file: string, language: string, env?: NodeJS.ProcessEnv): Promise<{ initializeToDiagnosticsMs: number; spawnToDiagnosticsMs: number; serverCpuMs?: number }> {
  const spawned = process.hrtime.bigint();
  const client = BenchClient.spawn(server, env);
  try {
    const t0 = process.hrtime.bigint();
    await client.initialize(workspace, false);
    const uri = `file://${file}`;
    const got = client.published(uri, 1);
    await client.open(file, language);
    await withTimeout(got, 60000, `first diagnostics of ${path.basename(file)}`);
    const took = ms(t0);
    return { initializeToDiagnosticsMs: took, spawnToDiagnosticsMs: ms(spawned), serverCpuMs: client.cpuMs() };
  } finally {
    await client.stop();
  }
}

/** Edit latency over `edits` keystrokes: push (didChange -> publishDiagnostics, includes the server's typing pause) or pull (didChange -> textDocument/diagnostic answered). */
export async function editLatency(server: string, workspace: string, file: string, language: string, edits: number, mode: 'push' | 'pull'): Promise<{ p50: number; p95: number; max: number; edits: number }> {
  const client = BenchClient.spawn(server);
  try {
    await client.initialize(workspace, mode === 'pull');
    const uri = `file://${file}`;
    if (mode === 'push') {
      const first = client.published(uri, 1);
      await client.open(file, language);
      await withTimeout(first, 60000, 'first diagnostics');
    } else {
      await client.open(file, language);
      await client.pullDiagnostics(uri);
    }
    const times: number[] = [];
    for (let i = 0; i < edits; i++) {
      const t0 = process.hrtime.bigint();
      if (mode === 'push') {
        const next = client.published(uri, client.version(uri) + 1);
        await client.type(uri);
        await withTimeout(next, 60000, 'diagnostics after an edit');
      } else {
        await client.type(uri);
        await client.pullDiagnostics(uri);
      }
      times.push(ms(t0));
    }
    return { p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times), edits };
  } finally {
    await client.stop();
  }
}

/** Open `files` in one server, wait for all their diagnostics, then read the server's memory. */
export async function openMany(server: string, workspace: string, files: { file: string; language: string }[]): Promise<{ files: number; rssMb?: number; peakMb?: number; ms: number }> {
  const client = BenchClient.spawn(server);
  try {
    const t0 = process.hrtime.bigint();
    await client.initialize(workspace, false);
    const waits: Promise<void>[] = [];
    for (const f of files) {
      waits.push(client.published(`file://${f.file}`, 1));
      await client.open(f.file, f.language);
    }
    await withTimeout(Promise.all(waits), 600000, 'diagnostics of every opened file');
    const took = ms(t0);
    await new Promise((r) => setTimeout(r, 500));
    const mem = client.memory();
    return { files: files.length, ...(mem ?? {}), ms: took };
  } finally {
    await client.stop();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`bench: timed out waiting for ${what}`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
