// The one ignore decision the CLI and the language server share (server/common/files.ts), and the pool size.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { collectFiles, expandBraces, FileFilter, matchesGlobs } from '../../server/common/files';
import { poolSize } from '../../server/lsp/pool';
import { DEFAULT_SETTINGS } from '../../server/lsp/protocol';
import { effective } from '../../server/lsp/settings';
import { tempWorkspace } from './build';

function tree(files: string[]): string {
  const root = tempWorkspace();
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), f.endsWith('.gitignore') ? GITIGNORES[f] : 'x = 1\n');
  }
  return root;
}

const GITIGNORES: Record<string, string> = {
  '.gitignore': 'build/\n*.log.py\n!keep.log.py\n',
  'src/.gitignore': 'gen/\nlocal.ps1\n',
};

const FILES = [
  '.gitignore', 'src/.gitignore', 'a.ps1', 'README.md', '.partner-auth-lint.json', '.partner-auth-lint-baseline.json',
  'build/out.ps1', 'x.log.py', 'keep.log.py', 'src/app.py', 'src/local.ps1', 'src/gen/g.cs', 'src/deep/local.ps1',
  'node_modules/m/index.js', 'legacy/old.ps1', 'tools/run.generated.ps1', 'tools/run.ps1',
];

describe('file collection: one ignore decision for the CLI and the server', () => {
  it('expands brace lists, nested ones too', () => {
    assert.deepEqual(expandBraces('**/*.{ps1,py}'), ['**/*.ps1', '**/*.py']);
    assert.deepEqual(expandBraces('{a,b/{c,d}}/x'), ['a/x', 'b/c/x', 'b/d/x']);
    assert.deepEqual(expandBraces('no-braces/{single}/x'), ['no-braces/{single}/x']);
  });

  it('configured globs have gitignore semantics: folders, anchors, negation, braces', () => {
    assert.equal(matchesGlobs(['gen'], 'src/gen/a.ps1'), true, 'a name matches a folder anywhere');
    assert.equal(matchesGlobs(['/gen'], 'src/gen/a.ps1'), false, 'a leading slash anchors at the root');
    assert.equal(matchesGlobs(['*.ps1', '!keep.ps1'], 'keep.ps1'), false);
    assert.equal(matchesGlobs(['**/*.{ps1,py}'], 'a/b.py'), true);
    assert.equal(matchesGlobs(['legacy/**'], 'legacy/x/y.ps1'), true);
    assert.equal(matchesGlobs([], 'a.ps1'), false);
  });

  it('walks a tree honouring nested .gitignore files, config globs, always-skipped folders and the tool\'s own files', () => {
    const root = tree(FILES);
    const rel = (files: string[]) => files.map((f) => path.relative(root, f).split(path.sep).join('/')).sort();
    const filter = new FileFilter(root, ['legacy/**', '**/*.generated.{ps1,py}'], true);
    const expected = ['a.ps1', 'keep.log.py', 'src/app.py', 'tools/run.ps1'];
    assert.deepEqual(rel([...filter.walk(root)]), expected);
    // The CLI's collection is the same decision.
    assert.deepEqual(rel(collectFiles([root], root, ['legacy/**', '**/*.generated.{ps1,py}'], true).files), expected);
    // Single files (file events) agree with the walk.
    for (const f of FILES) assert.equal(filter.accepts(path.join(root, f)), expected.includes(f), f);
    // --no-ignore: only the always-skipped folders and the tool's own files stay out.
    assert.deepEqual(rel(collectFiles([root], root, ['legacy/**'], false).files), [
      'a.ps1', 'build/out.ps1', 'keep.log.py', 'legacy/old.ps1', 'src/app.py', 'src/deep/local.ps1', 'src/gen/g.cs', 'src/local.ps1', 'tools/run.generated.ps1', 'tools/run.ps1', 'x.log.py',
    ]);
  });

  it('a walk that starts below the root still honours the .gitignore files above it', () => {
    const root = tree(FILES);
    const files = collectFiles([path.join(root, 'src')], root, [], true).files.map((f) => path.relative(root, f).split(path.sep).join('/'));
    assert.deepEqual(files, ['src/app.py']);
    assert.deepEqual(collectFiles([path.join(root, 'build')], root, [], true).files, [], 'the root .gitignore ignores build/');
  });

  it('the editor\'s exclude decision is the same matcher (settings and the project file\'s ignore)', () => {
    const eff = (file: string, exclude: string[], ignore?: string[], trusted = true) => effective({ ...DEFAULT_SETTINGS, exclude }, ignore ? { ignore } : {}, trusted, file, '/w').excluded;
    assert.equal(eff('/w/src/a.generated.py', ['**/*.generated.{ps1,py}']), true);
    assert.equal(eff('/w/gen/a.ps1', [], ['gen']), true);
    assert.equal(eff('/w/gen/a.ps1', [], ['gen'], false), false, 'untrusted: the project file does not exclude');
    assert.equal(eff('/elsewhere/a.ps1', ['*.ps1']), true, 'outside the folder only the file name can match');
    assert.equal(eff('/w/a.ps1', ['[']), false, 'a malformed glob excludes nothing');
  });

  it('sizes the scan pool from the cores: none on one core, one fewer than the cores up to 4, or as configured', () => {
    assert.equal(poolSize({}, 1), 0);
    assert.equal(poolSize({}, 2), 1);
    assert.equal(poolSize({}, 16), 4);
    assert.equal(poolSize({ PARTNER_AUTH_LINT_SCAN_WORKERS: '0' }, 8), 0);
    assert.equal(poolSize({ PARTNER_AUTH_LINT_SCAN_WORKERS: '3' }, 1), 3);
  });
});
