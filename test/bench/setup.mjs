// Installs the benchmark's peer tools (test/bench/package.json) into test/bench/node_modules, once: a second
// run finds them and does nothing. npm's own environment (npm_* variables of `npm run bench`) is cleared so
// the nested install uses this folder's package.json, not the root's. No install scripts run
// (--ignore-scripts): ast-grep's native binary comes from its platform package, an optional dependency.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const dir = path.dirname(new URL(import.meta.url).pathname);
const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));

function installed() {
  return Object.entries(pkg.dependencies).every(([name, version]) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')).version === version;
    } catch {
      return false;
    }
  });
}

if (installed()) {
  process.stdout.write('bench: peer tools already installed in test/bench/node_modules\n');
} else {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  const lock = fs.existsSync(path.join(dir, 'package-lock.json'));
  const args = [lock ? 'ci' : 'install', '--no-audit', '--no-fund', '--ignore-scripts', '--include=optional'];
  process.stdout.write(`bench: installing peer tools (npm ${args.join(' ')}) in test/bench\n`);
  const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd: dir, env, stdio: 'inherit' });
  if (r.status !== 0 || !installed()) {
    process.stderr.write('bench: installing the peer tools failed (see above)\n');
    process.exit(1);
  }
}
