// Loads a large bundled module (dist/estree.js: TypeScript and typescript-estree, 10 MB of JavaScript) with V8's
// code cache, so that a process after the first compiles it from bytecode instead of from source: about 250 ms
// to load becomes about 90 ms on the benchmark machine, the difference users see as the first diagnostics of a
// JavaScript or TypeScript file.
//
// The cache is a file per bundle, Node version and architecture in the user's cache folder
// ($PARTNER_AUTH_LINT_CACHE_DIR, else $XDG_CACHE_HOME/partner-auth-lint, else ~/.cache/partner-auth-lint), written
// once, after the module has been used (so the functions compiled lazily are in it) or when the process exits.
// V8 checks that a cache matches the source and rejects one that does not; a rejected, unreadable or unwritable
// cache only means the module compiles from source, as a plain `require` does. PARTNER_AUTH_LINT_CACHE_DIR=off
// disables it. The cache holds compiled code of our own bundle, never a workspace's content.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** How long after loading the cache is written at the latest (the first uses compile the functions worth caching). */
const WRITE_AFTER_MS = 3000;

/** Caches not written yet: the language server writes them once its first analysis is done (`flushCodeCaches`). */
const pending = new Set<() => void>();

/** Writes the caches that are due now: call after the module's first real use (a first file analysed). */
export function flushCodeCaches(): void {
  for (const flush of [...pending]) flush();
}

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const own = env.PARTNER_AUTH_LINT_CACHE_DIR;
  if (own) return own === 'off' ? undefined : own;
  const base = env.XDG_CACHE_HOME || (os.homedir() ? path.join(os.homedir(), '.cache') : undefined);
  return base ? path.join(base, 'partner-auth-lint') : undefined;
}

export interface CachedLoad {
  exports: unknown;
  /** `hit`: compiled from the cache; `miss`: no cache yet (one is written); `rejected`: V8 refused it (rewritten); `off`. */
  cache: 'hit' | 'miss' | 'rejected' | 'off';
  /** Writes the cache now if it is due (tests; otherwise timed and at exit). */
  flush(): void;
}

/** `require(file)` through V8's code cache (in `folder`, default `cacheDir()`; false: none). Never fails where `require` would not. */
export function requireCached(file: string, folder?: string | false): CachedLoad {
  const dir = folder === undefined ? cacheDir() : folder || undefined;
  let source: string;
  let stat: fs.Stats;
  try {
    source = fs.readFileSync(file, 'utf8');
    stat = fs.statSync(file);
  } catch {
    return { exports: require(file), cache: 'off', flush: () => undefined };
  }
  if (!dir) return { exports: require(file), cache: 'off', flush: () => undefined };
  const key = createHash('sha256').update(`${file}\0${stat.size}\0${stat.mtimeMs}\0${process.version}\0${process.arch}`).digest('hex').slice(0, 16);
  const cacheFile = path.join(dir, `${path.basename(file, '.js')}-${key}.v8cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;
  const mod = { exports: {} as unknown, filename: file, id: file, loaded: false };
  wrapper.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  const cache = cachedData === undefined ? 'miss' : script.cachedDataRejected ? 'rejected' : 'hit';
  let due = cache !== 'hit';
  const flush = () => {
    pending.delete(flush);
    if (!due) return;
    due = false;
    try {
      fs.mkdirSync(dir, { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile); // atomic: concurrent processes and workers never read half a file
    } catch {
      // a read-only or full disk: the next process compiles from source again
    }
  };
  if (due) {
    pending.add(flush);
    setTimeout(flush, WRITE_AFTER_MS).unref();
    process.once('exit', flush);
  }
  return { exports: mod.exports, cache, flush };
}
