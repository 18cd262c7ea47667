// V8 code cache for the bundled TypeScript parser (server/common/codecache.ts): a second process compiles from the
// cache; a corrupt, stale or unwritable cache never breaks loading; `off` is a plain require.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { cacheDir, requireCached } from '../../server/common/codecache';

const CODECACHE = path.resolve(__dirname, '../../server/common/codecache.ts');

/**
 * Loads `mod` in a new process (as the CLI and the server do: V8 reads a code cache when it compiles a script it
 * has not seen; within one process its own compilation cache answers first) and writes the cache before exiting.
 */
function loadInChild(mod: string, dir: string): { cache: string; sum: number; more?: number } {
  const code = `const r = require(${JSON.stringify(CODECACHE)}).requireCached(${JSON.stringify(mod)}, ${JSON.stringify(dir)}); r.flush(); process.stdout.write(JSON.stringify({ cache: r.cache, sum: r.exports.sum(2), more: r.exports.more }));`;
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', code], { encoding: 'utf8' }));
}

describe('code cache for large bundled modules', () => {
  let tmp: string;
  let mod: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pal-codecache-'));
    mod = path.join(tmp, 'big.js');
    // Enough code for V8 to keep a cache of it; each load must get its own module object.
    const body = Array.from({ length: 200 }, (_, i) => `function f${i}(x) { return x * ${i} + ${i}; }`).join('\n');
    fs.writeFileSync(mod, `${body}\nexports.sum = (n) => { let s = 0; for (let i = 0; i < 200; i++) s += eval('f' + i)(n); return s; };\nexports.fresh = {};\nexports.dir = __dirname;\n`);
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const load = (dir: string | false) => requireCached(mod, dir);
  const sum = (e: unknown) => (e as { sum: (n: number) => number }).sum(2);

  it('loads a module as require does: its exports, its own module object, its __dirname', () => {
    const a = load(path.join(tmp, 'cache'));
    const b = load(path.join(tmp, 'cache'));
    assert.equal(sum(a.exports), 59_700);
    assert.equal((a.exports as { dir: string }).dir, tmp);
    assert.notEqual((a.exports as { fresh: object }).fresh, (b.exports as { fresh: object }).fresh);
  });

  it('writes the cache once, and the next process compiles from it with the same exports', () => {
    const dir = path.join(tmp, 'cache');
    assert.deepEqual(loadInChild(mod, dir), { cache: 'miss', sum: 59_700 });
    assert.deepEqual(fs.readdirSync(dir).map((f) => f.endsWith('.v8cache')), [true]);
    assert.deepEqual(loadInChild(mod, dir), { cache: 'hit', sum: 59_700 });
  });

  it('a corrupt cache is rejected by V8, the module still loads, and the cache is rewritten', () => {
    const dir = path.join(tmp, 'cache');
    loadInChild(mod, dir);
    const file = path.join(dir, fs.readdirSync(dir)[0]);
    fs.writeFileSync(file, Buffer.from('not a V8 code cache at all'));
    assert.deepEqual(loadInChild(mod, dir), { cache: 'rejected', sum: 59_700 });
    assert.deepEqual(loadInChild(mod, dir), { cache: 'hit', sum: 59_700 });
  });

  it('a changed module gets a cache of its own (keyed on size and time)', () => {
    const dir = path.join(tmp, 'cache');
    loadInChild(mod, dir);
    fs.appendFileSync(mod, '\nexports.more = 1;\n');
    assert.deepEqual(loadInChild(mod, dir), { cache: 'miss', sum: 59_700, more: 1 });
    assert.equal(fs.readdirSync(dir).length, 2);
  });

  it('an unwritable cache folder only means no cache', () => {
    const blocked = path.join(tmp, 'blocked');
    fs.writeFileSync(blocked, 'a file where the folder would be');
    const r = load(path.join(blocked, 'cache'));
    assert.equal(r.cache, 'miss');
    r.flush();
    assert.equal(sum(r.exports), 59_700);
    assert.equal(load(path.join(blocked, 'cache')).cache, 'miss');
  });

  it('no folder (off) is a plain require', () => {
    const r = load(false);
    assert.equal(r.cache, 'off');
    assert.equal(sum(r.exports), 59_700);
  });

  it('the folder: PARTNER_AUTH_LINT_CACHE_DIR, else XDG_CACHE_HOME, else ~/.cache; "off" disables', () => {
    assert.equal(cacheDir({ PARTNER_AUTH_LINT_CACHE_DIR: '/x/y' }), '/x/y');
    assert.equal(cacheDir({ PARTNER_AUTH_LINT_CACHE_DIR: 'off', XDG_CACHE_HOME: '/c' }), undefined);
    assert.equal(cacheDir({ XDG_CACHE_HOME: '/c' }), '/c/partner-auth-lint');
    assert.equal(cacheDir({}), path.join(os.homedir(), '.cache', 'partner-auth-lint'));
  });
});
