// Untrusted input never executes. The project file selects rules, severities, ignore globs, partnerType,
// requireSuppressionReason and secretStore, nothing else; nothing in a workspace is ever required, imported,
// evaluated or loaded as a grammar; and the code holds no eval, new Function or require/import of a computed
// path outside the few known places listed here (each loads a fixed file of our own).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../rules/registry';
import { parseConfig } from '../../rules/engine/config';
import { lint } from '../../rules/engine/lint';
import { validateSettings } from '../../server/lsp/settings';
import { runCli, workspace } from '../helpers/cli';
import { ensureBuilt } from '../lsp/build';
import { TestClient } from '../lsp/client';

const ROOT = path.resolve(__dirname, '../..');
const RULE_IDS = ALL_RULES.map((r) => r.meta.id);

/** A module that leaves a mark when anything runs it. */
const EVIL = "require('fs').writeFileSync(require('path').join(__dirname, 'EXECUTED-' + require('path').basename(__filename)), 'ran'); module.exports = {};\n";
const ROPC = '$cred = Get-Credential\nConnect-MsolService -Credential $cred\n';

const HOSTILE_CONFIG = JSON.stringify({
  $schema: 'file:///etc/passwd',
  partnerType: 'cpv',
  plugins: ['./evil.js'],
  extends: './evil.js',
  require: ['./evil.js'],
  parser: './evil.js',
  rulesDir: '.',
  rules: { 'no-ropc': 'warning', './evil.js': 'error', constructor: 'off', toString: 'off', hasOwnProperty: 'off' },
  ignore: ['ignored/**'],
}).replace('"rules":{', '"rules":{"__proto__":{"no-stored-credentials":"off","polluted":"yes"},');

describe('untrusted input never executes', function () {
  this.timeout(120_000);

  it('the project file yields rules, severities, ignore globs and the documented settings only; prototype keys are dropped', async () => {
    const { config, problems } = parseConfig(HOSTILE_CONFIG, RULE_IDS);
    assert.deepEqual(config, { partnerType: 'cpv', rules: { 'no-ropc': 'warning' }, ignore: ['ignored/**'] });
    assert.equal(Object.getPrototypeOf(config.rules), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype untouched');
    for (const key of ['plugins', 'extends', 'require', 'parser', 'rulesDir']) assert.ok(problems.some((p) => p.includes(`unknown setting "${key}"`)), key);
    for (const key of ['__proto__', './evil.js', 'constructor']) assert.ok(problems.some((p) => p.includes(`unknown rule "${key}"`)), key);
    assert.ok(!problems.some((p) => p.includes('$schema')), '$schema is allowed (editors use it) and read by nothing');
    // The findings follow: no-stored-credentials was not switched off through the prototype.
    const r = (await lint('password = "Winter2026!x-longer"\nr = app.acquire_token_by_username_password(u, p, scopes=S)\n', 'a.py', config))!;
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.severity]).sort(), [['no-ropc', 'warning'], ['no-stored-credentials', 'error']]);
    const { settings } = validateSettings(JSON.parse(HOSTILE_CONFIG));
    assert.deepEqual(settings.rules, { 'no-ropc': 'warning' });
  });

  it('a workspace full of module-named files, a hostile project file and a fake grammar: the CLI and the server run none of it', async () => {
    const ws = workspace(
      {
        '.partner-auth-lint.json': HOSTILE_CONFIG.replace('file:///etc/passwd', 'file://./evil.js'),
        'evil.js': EVIL,
        'package.json': JSON.stringify({ name: 'victim', main: 'evil.js', 'partner-auth-lint': { plugins: ['./evil.js'] }, scripts: { postinstall: 'node evil.js' } }),
        'typescript.js': EVIL,
        'jsonc-parser.js': EVIL,
        'web-tree-sitter.js': EVIL,
        'partner-auth-lint.config.js': EVIL,
        '.partner-auth-lint.js': EVIL,
        'rules/no-ropc/rule.js': EVIL,
        'node_modules/typescript/index.js': EVIL,
        'node_modules/typescript/package.json': JSON.stringify({ name: 'typescript', main: 'index.js' }),
        'node_modules/@typescript-eslint/typescript-estree/index.js': EVIL,
        'node_modules/@typescript-eslint/typescript-estree/package.json': JSON.stringify({ name: '@typescript-eslint/typescript-estree', main: 'index.js' }),
        // A grammar file where the engine might look for one: it must load its own.
        'tree-sitter-powershell.wasm': Buffer.from('\u0000asm fake grammar'),
        'wasm/tree-sitter-powershell.wasm': Buffer.from('\u0000asm fake grammar'),
        'scripts/sync.ps1': ROPC,
        'src/app.js': "const evil = require('../evil.js');\nimport('../typescript.js');\neval(require('fs').readFileSync('evil.js', 'utf8'));\n",
        'src/settings.py': '__import__("evil")\nexec(open("evil.js").read())\n',
      },
      'pal-untrusted-',
    );
    const marks = () => fs.readdirSync(ws, { recursive: true }).map(String).filter((f) => path.basename(f).startsWith('EXECUTED'));
    // In-process (the CLI's own modules are loaded already), then the bundle as a user runs it, from the workspace.
    const cli = await runCli(ws, 'scan', '--format', 'json', '--jobs', '1');
    assert.equal(cli.code, 0, `warnings only (the project file makes no-ropc a warning): ${cli.stderr}`);
    const found = JSON.parse(cli.stdout) as { findings: { file: string; ruleId: string; severity: string }[] };
    assert.ok(found.findings.some((f) => f.file === 'scripts/sync.ps1' && f.ruleId === 'no-ropc' && f.severity === 'warning'), 'the real PowerShell grammar was used, the project severity applied');
    ensureBuilt();
    const bundled = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'scan', '--format', 'json'], { cwd: ws, encoding: 'utf8', timeout: 60_000 });
    assert.equal(bundled.status, 0, bundled.stderr);
    assert.ok((JSON.parse(bundled.stdout) as typeof found).findings.some((f) => f.file === 'scripts/sync.ps1' && f.ruleId === 'no-ropc'));
    for (const command of [['report', '--format', 'json'], ['baseline'], ['suppressions'], ['fix', '--dry-run']]) {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), ...command], { cwd: ws, encoding: 'utf8', timeout: 60_000 });
      assert.ok(r.status === 0 || r.status === 1, `${command.join(' ')}: ${r.stderr}`);
    }
    // The language server: a workspace scan and the documents opened.
    const client = await TestClient.start({ workspace: ws });
    try {
      const summary = await client.connection.sendRequest<{ files: number; cancelled: boolean }>('partnerAuthLint/scanWorkspace');
      assert.equal(summary.cancelled, false);
      assert.ok(summary.files >= 3);
      client.open(`file://${path.join(ws, 'src/app.js')}`, 'javascript', fs.readFileSync(path.join(ws, 'src/app.js'), 'utf8'));
      await client.diagnosticsFor(`file://${path.join(ws, 'src/app.js')}`);
      await client.connection.sendRequest('partnerAuthLint/readinessReport', {});
      assert.ok(client.alive);
    } finally {
      await client.stop();
    }
    assert.deepEqual(marks(), [], 'nothing in the workspace ran');
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('the code has no eval, new Function, vm or require/import of a computed path outside the known places', () => {
    /** Each known place loads a fixed file of ours, never a path that comes from a workspace, a setting or a document. */
    const KNOWN = new Map<string, string>([
      ['rules/adapters/treesitter.ts:require.resolve', 'the grammar packages and web-tree-sitter, from a fixed table (WASM), to find their .wasm files'],
      ['server/common/heap.ts:vm', "vm.runInNewContext('gc'): the constant 'gc', to collect garbage between files"],
      ['server/common/workers.ts:Worker', 'the scan worker bundled beside the server or CLI (scanWorker.js, cliWorker.js)'],
      ['server/common/codecache.ts:vm', 'new vm.Script of dist/estree.js, a fixed file of our bundle (build.mjs names it), with its V8 code cache'],
      ['server/common/codecache.ts:require', 'dist/estree.js, the same fixed file, when no code cache is used'],
      ['scripts/build.mjs:require.resolve', 'build time: copies the grammar .wasm files into dist/'],
    ]);
    const PATTERNS: [string, RegExp][] = [
      ['eval', /(?<![\w.])eval\s*\(/],
      ['Function', /\bnew\s+Function\s*\(|(?<![\w.])Function\s*\(\s*['"`]/],
      ['vm', /\bnode:vm\b|require\(\s*['"]vm['"]\s*\)|\brunIn(New|This)?Context\b|\bcompileFunction\b/],
      ['require', /(?<![\w.])require\s*\(\s*(?!['"][^'"`$]+['"]\s*\))/],
      ['require.resolve', /\brequire\.resolve\s*\(/],
      // Not a method named `import` (`import(imp: Import)`).
      ['import', /(?<![\w.])import\s*\(\s*(?!['"][^'"`$]+['"]\s*\))(?!\w+\s*:)/],
      ['Worker', /\bnew\s+Worker\s*\(/],
      ['child_process', /\bchild_process\b/],
      ['WebAssembly', /\bWebAssembly\.(compile|instantiate|Module)\b/],
    ];
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const rel = `${dir}/${e.name}`;
        if (e.isDirectory()) {
          if (!['fixtures', 'node_modules'].includes(e.name)) walk(rel);
        } else if (/\.(ts|mjs|js)$/.test(e.name) && !e.name.endsWith('.d.ts')) files.push(rel);
      }
    };
    for (const dir of ['rules', 'server', 'client/src', 'scripts']) if (fs.existsSync(path.join(ROOT, dir))) walk(dir);
    assert.ok(files.length > 100, `${files.length} source files`);
    const hits = new Set<string>();
    for (const rel of files) {
      const lines = fs.readFileSync(path.join(ROOT, rel), 'utf8').split('\n');
      for (const line of lines) {
        const code = line.trim();
        if (code.startsWith('//') || code.startsWith('*') || code.startsWith('/*')) continue;
        // String contents are text, not code (a fix's snippet `require('x')` is written into a document).
        const stripped = line.replace(/`(?:[^`\\]|\\.)*`|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, (m) => (/^(['"]).*\1$/.test(m) && m.length < 200 ? m : '``'));
        for (const [name, re] of PATTERNS) if (re.test(stripped)) hits.add(`${rel}:${name}`);
      }
    }
    assert.deepEqual([...hits].filter((h) => !KNOWN.has(h)).sort(), [], 'new places that evaluate or load code: review them, then list them in KNOWN');
    assert.deepEqual([...KNOWN.keys()].filter((k) => !hits.has(k)), [], 'KNOWN lists a place that no longer exists');
  });
});
