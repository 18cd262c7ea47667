// Bundles the extension, the language server (and its scan worker) and the CLI into dist/ and copies the grammar .wasm files beside them.
import { build } from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.dirname(new URL(import.meta.url).pathname).replace(/\/scripts$/, '');
const dist = path.join(root, 'dist');
fs.mkdirSync(dist, { recursive: true });

// ESM-only dependencies (web-tree-sitter) read import.meta.url, which a CommonJS bundle lacks: supply it.
// jsonc-parser's UMD build requires files dynamically, so prefer packages' ESM entry points.
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'error',
  absWorkingDir: root,
  mainFields: ['module', 'main'],
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};
const entries = [
  { in: 'server/cli/main.ts', out: 'cli.js' },
  // The CLI's `--jobs` worker threads (server/cli/jobs.ts loads it from beside cli.js).
  { in: 'server/cli/worker.ts', out: 'cliWorker.js' },
  { in: 'server/lsp/main.ts', out: 'server.js' },
  // The workspace scan's worker threads (server/lsp/pool.ts loads it from beside server.js).
  { in: 'server/lsp/scanWorker.ts', out: 'scanWorker.js' },
  { in: 'client/src/extension.ts', out: 'extension.js', external: ['vscode'] },
];
// typescript-estree (TypeScript itself, ~9 of the 12 MB) is a file of its own, dist/estree.js, required when the
// first JavaScript or TypeScript file is parsed: processes that read other languages start faster and smaller.
// It is loaded through V8's code cache (server/common/codecache.ts).
const estreeApart = {
  name: 'estree-apart',
  setup(b) {
    b.onResolve({ filter: /^@typescript-eslint\/typescript-estree$/ }, () => ({ path: 'estree', namespace: 'estree-apart' }));
    b.onLoad({ filter: /.*/, namespace: 'estree-apart' }, () => ({
      contents: "module.exports = require('./server/common/codecache.ts').requireCached(require('path').join(__dirname, 'estree.js')).exports;",
      resolveDir: root,
      loader: 'js',
    }));
  },
};
await build({ ...common, stdin: { contents: "module.exports = require('@typescript-eslint/typescript-estree');", resolveDir: root, loader: 'js' }, outfile: path.join(dist, 'estree.js') });
for (const e of entries) {
  if (!fs.existsSync(path.join(root, e.in))) continue;
  await build({ ...common, entryPoints: [e.in], outfile: path.join(dist, e.out), external: e.external ?? [], plugins: [estreeApart] });
}
fs.chmodSync(path.join(dist, 'cli.js'), 0o755);

const wasm = [
  ['web-tree-sitter', 'web-tree-sitter.wasm'],
  ['tree-sitter-c-sharp', 'tree-sitter-c_sharp.wasm'],
  ['tree-sitter-java', 'tree-sitter-java.wasm'],
  ['tree-sitter-python', 'tree-sitter-python.wasm'],
  ['tree-sitter-powershell', 'tree-sitter-powershell.wasm'],
];
for (const [pkg, file] of wasm) {
  const dir = pkg === 'web-tree-sitter' ? path.dirname(require.resolve(pkg)) : path.dirname(require.resolve(`${pkg}/package.json`));
  fs.copyFileSync(path.join(dir, file), path.join(dist, file));
}
