// Logging to the client's output channel: each distinct problem once, with no document text in it.
import type { Connection } from 'vscode-languageserver';

export class Log {
  private readonly seen = new Set<string>();
  constructor(private readonly connection: Connection) {}

  info(message: string): void {
    this.connection.console.info(message);
  }

  /** Log `message` the first time `key` is seen; later repeats are dropped so a broken rule cannot flood the channel. */
  once(key: string, message: string): void {
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.connection.console.error(message);
  }

  /**
   * A handler failed: name it with the error's class and first stack frame. The message is left out
   * unless `withMessage`: parser and rule errors may quote the document, which can hold a secret.
   */
  failure(where: string, e: unknown, withMessage = false): void {
    const err = e instanceof Error ? e : new Error('non-error thrown');
    const frame = err.stack?.split('\n').find((l) => l.trim().startsWith('at ')) ?? '';
    const detail = withMessage ? `: ${err.message.slice(0, 200)}` : '';
    this.once(`${where}:${err.name}:${frame}`, `partner-auth-lint: ${where} failed: ${err.name}${detail} ${frame.trim()}`);
  }
}

/** Run a handler so that any exception is logged and `fallback` returned: the server keeps serving. */
export async function guard<T>(log: Log, where: string, fallback: T, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isCancellation(e)) throw e;
    log.failure(where, e);
    return fallback;
  }
}

export function isCancellation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && ((e as { code: number }).code === -32800 || (e as { code: number }).code === -32802);
}
