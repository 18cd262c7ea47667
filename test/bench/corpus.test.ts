// The benchmark corpus is deterministic: the same seed and size give the same bytes, on any machine.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateCorpus, LANGUAGES } from './corpus';
import { languageOf } from '../../rules/adapters/languages';

function read(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

describe('benchmark corpus generator', () => {
  it('is seeded: same seed, same files; another seed, other files; every file a type the engine reads', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pal-corpus-'));
    try {
      const a = generateCorpus(path.join(tmp, 'a'), { perLanguage: 4, seed: 7 });
      const b = generateCorpus(path.join(tmp, 'b'), { perLanguage: 4, seed: 7 });
      generateCorpus(path.join(tmp, 'c'), { perLanguage: 4, seed: 8 });
      assert.deepEqual(a, b);
      assert.deepEqual(read(path.join(tmp, 'a')), read(path.join(tmp, 'b')));
      assert.notDeepEqual(read(path.join(tmp, 'a')), read(path.join(tmp, 'c')));
      assert.equal(a.files, 4 * LANGUAGES.length);
      for (const f of read(path.join(tmp, 'a')).keys()) assert.ok(languageOf(f), `${f} is a file type the engine reads`);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
