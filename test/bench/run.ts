// `npm run bench`: partner-auth-lint's speed and memory against its floor and its peers, on a generated corpus
// (or any folder: --corpus DIR). Prints a table and the JSON, and writes test/bench/results.json.
// Figures are medians of several runs after a warm-up; wall time, CPU time and peak RSS come from
// /usr/bin/time when present (else /proc is polled). Nothing here asserts a time: see the targets section.
//
//   npx tsx test/bench/run.ts [--small N] [--large N] [--runs R] [--large-runs R] [--corpus DIR]
//                             [--edits N] [--no-large] [--no-peers] [--no-lsp] [--out FILE]
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { defaultJobs } from '../../server/cli/jobs';
import { codeFileOfLines, describeFolder, generateCorpus, LANGUAGES, type BenchLanguage, type CorpusStats } from './corpus';
import { editLatency, firstDiagnostics, openMany, percentile } from './lsp';
import { languageOf } from '../../rules/adapters/languages';
import { collectFiles } from '../../server/common/files';

const ROOT = path.resolve(__dirname, '../..');
const BENCH = __dirname;
const DIST = path.join(ROOT, 'dist');
const CLI = path.join(DIST, 'cli.js');
const SERVER = path.join(DIST, 'server.js');
const BUILD = path.join(BENCH, 'node_modules', '.bench');
const PEERS = path.join(BENCH, 'node_modules');

// ---------------------------------------------------------------------------------------------------------------
// Options

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const opt = (name: string, fallback: number) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : Number(process.env[`BENCH_${name.slice(2).toUpperCase().replace(/-/g, '_')}`] ?? fallback);
};
const optStr = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const O = {
  small: opt('--small', 100),
  large: opt('--large', 1000),
  runs: opt('--runs', 3),
  largeRuns: opt('--large-runs', 2),
  warmup: opt('--warmup', 1),
  edits: opt('--edits', 200),
  lspRuns: opt('--lsp-runs', 3),
  seed: opt('--seed', 1),
  corpus: optStr('--corpus'),
  noLarge: flag('--no-large'),
  noPeers: flag('--no-peers'),
  noLsp: flag('--no-lsp'),
  out: optStr('--out') ?? path.join(BENCH, 'results.json'),
};
const CORES = os.availableParallelism();
/** The CLI's default `--jobs` on this machine (server/cli/jobs.ts): what users get, and what the floors use. */
const JOBS = defaultJobs(CORES);

// ---------------------------------------------------------------------------------------------------------------
// Running and measuring a command

interface Run {
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  code: number | null;
}

const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Run a command; wall time, CPU time (user + system, children included) and peak RSS of the process tree's largest process. */
function measure(cmd: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const stats = path.join(os.tmpdir(), `bench-time-${process.pid}-${Math.random().toString(36).slice(2)}`);
    const [file, full] = TIME ? [TIME, ['-f', '%e %U %S %M', '-o', stats, cmd, ...args]] : [cmd, args];
    const t0 = process.hrtime.bigint();
    const child = spawn(file, full, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString();
    });
    // GNU time exits with the command's status.
    // Without GNU time: poll /proc for the peak (VmHWM) and CPU ticks.
    let peakKb = 0;
    let ticks = 0;
    const poll = TIME
      ? undefined
      : setInterval(() => {
          try {
            const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
            peakKb = Math.max(peakKb, Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0));
            const stat = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
            ticks = Number(stat[11]) + Number(stat[12]);
          } catch {
            // gone
          }
        }, 25);
    child.on('error', reject);
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0 && code !== 1) log(`  ${path.basename(cmd)} exited with ${code}: ${stderr.slice(0, 600)}`);
      if (TIME) {
        const line = fs.readFileSync(stats, 'utf8').trim().split('\n').pop() ?? '';
        fs.rmSync(stats, { force: true });
        const m = /([\d.]+) ([\d.]+) ([\d.]+) (\d+)$/.exec(line);
        if (!m) return reject(new Error(`cannot read the time of ${cmd} ${args.slice(0, 3).join(' ')}: ${line} ${stderr.slice(0, 500)}`));
        resolve({ wallMs, cpuMs: (Number(m[2]) + Number(m[3])) * 1000, peakRssMb: Math.round(Number(m[4]) / 1024), code });
      } else {
        resolve({ wallMs, cpuMs: (ticks * 1000) / 100, peakRssMb: Math.round(peakKb / 1024), code });
      }
    });
  });
}

interface Figure {
  runs: number;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  /** Every run's wall time, for the spread. */
  wallMsAll: number[];
}

const median = (xs: number[]) => percentile(xs, 50);

async function repeat(label: string, cmd: string, args: string[], cwd: string, runs: number, warmup: number, okCodes = [0, 1]): Promise<Figure> {
  const all: Run[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const r = await measure(cmd, args, cwd);
    if (r.code !== null && !okCodes.includes(r.code)) throw new Error(`${label}: exit status ${r.code}`);
    if (i >= warmup) all.push(r);
    log(`  ${label}${i < warmup ? ' (warm-up)' : ''}: ${(r.wallMs / 1000).toFixed(2)} s wall, ${(r.cpuMs / 1000).toFixed(2)} s CPU, ${r.peakRssMb} MB`);
  }
  return { runs, wallMs: median(all.map((r) => r.wallMs)), cpuMs: median(all.map((r) => r.cpuMs)), peakRssMb: median(all.map((r) => r.peakRssMb)), wallMsAll: all.map((r) => Math.round(r.wallMs)) };
}

function log(s: string): void {
  process.stderr.write(s + '\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Corpora

interface Corpus {
  name: string;
  dir: string;
  generated: boolean;
  stats: Pick<CorpusStats, 'files' | 'lines' | 'bytes'> & Partial<CorpusStats>;
  /** Paths (relative to dir) to scan for a set of languages. */
  paths(langs?: readonly string[]): string[];
}

function generated(name: string, perLanguage: number): Corpus {
  const dir = path.join(BENCH, 'corpus', name);
  const stamp = path.join(dir, '.stamp.json');
  const source = fs.readFileSync(path.join(BENCH, 'corpus.ts'), 'utf8');
  const key = JSON.stringify({ perLanguage, seed: O.seed, source: hash(source) });
  let stats: CorpusStats;
  if (fs.existsSync(stamp) && JSON.parse(fs.readFileSync(stamp, 'utf8')).key === key) {
    stats = JSON.parse(fs.readFileSync(stamp, 'utf8')).stats;
    log(`corpus ${name}: reusing ${dir} (${stats.files} files)`);
  } else {
    const t0 = Date.now();
    stats = generateCorpus(dir, { perLanguage, seed: O.seed });
    fs.writeFileSync(stamp, JSON.stringify({ key, stats }));
    log(`corpus ${name}: generated ${stats.files} files in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const projects = fs.readdirSync(dir).filter((d) => d.startsWith('project-')).sort();
  return {
    name,
    dir,
    generated: true,
    stats,
    paths: (langs) => (langs ? projects.flatMap((p) => langs.map((l) => `${p}/${l}`)).filter((p) => fs.existsSync(path.join(dir, p))) : ['.']),
  };
}

function folder(dir: string): Corpus {
  const abs = path.resolve(dir);
  const { files } = collectFiles([abs], abs, [], true);
  const stats = describeFolder(files);
  log(`corpus ${abs}: ${stats.files} files the engine reads`);
  const rel = files.map((f) => path.relative(abs, f));
  return {
    name: path.basename(abs),
    dir: abs,
    generated: false,
    stats,
    paths: (langs) => (langs ? rel.filter((f) => langs.includes(languageOf(f) ?? '')) : rel),
  };
}

function hash(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h.toString(16);
}

// ---------------------------------------------------------------------------------------------------------------
// The figures

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pal-bench-'));
const node = process.execPath;

function ourScan(c: Corpus, extra: string[] = [], langs?: readonly string[]): [string, string[]] {
  return [node, [CLI, 'scan', ...c.paths(langs), '--format', 'json', '--output', path.join(tmp, 'ours.json'), ...extra]];
}

function floor(c: Corpus, mode: 'parser' | 'model', jobs: number): [string, string[]] {
  return [node, [path.join(BUILD, 'floor.js'), '--mode', mode, '--jobs', String(jobs), '--wasm', DIST, ...c.paths()]];
}

interface ScanFigures {
  corpus: Corpus['stats'] & { name: string };
  scan: Figure & { jobs: number; filesPerSec: number; linesPerSec: number };
  scanJobsCores?: Figure;
  scanNoPrefilter?: Figure;
  parserFloor?: Figure;
  modelFloor?: Figure;
  findings?: number;
}

async function scanFigures(c: Corpus, runs: number, warmup: number, full: boolean): Promise<ScanFigures> {
  log(`\n== CLI scan: ${c.name} (${c.stats.files} files, ${c.stats.lines} lines)`);
  const scan = await repeat(`scan (default --jobs ${JOBS})`, ...ourScan(c), c.dir, runs, warmup);
  const findings = JSON.parse(fs.readFileSync(path.join(tmp, 'ours.json'), 'utf8')).findings.length as number;
  const out: ScanFigures = {
    corpus: { name: c.name, ...c.stats },
    scan: { ...scan, jobs: JOBS, filesPerSec: Math.round(c.stats.files / (scan.wallMs / 1000)), linesPerSec: Math.round(c.stats.lines / (scan.wallMs / 1000)) },
    findings,
  };
  out.parserFloor = await repeat(`parser floor --jobs ${JOBS}`, ...floor(c, 'parser', JOBS), c.dir, runs, 0);
  if (full) {
    // One lane per core, for comparison with the default.
    out.scanJobsCores = await repeat(`scan --jobs ${CORES}`, ...ourScan(c, ['--jobs', String(CORES)]), c.dir, runs, 0);
    out.scanNoPrefilter = await repeat(`scan --no-prefilter --jobs ${JOBS}`, ...ourScan(c, ['--no-prefilter']), c.dir, runs, 0);
    const plain = JSON.parse(fs.readFileSync(path.join(tmp, 'ours.json'), 'utf8')).findings.length as number;
    if (plain !== findings) log(`  !! findings differ with --no-prefilter: ${plain} vs ${findings}`);
    out.modelFloor = await repeat(`model floor --jobs ${JOBS}`, ...floor(c, 'model', JOBS), c.dir, runs, 0);
  }
  return out;
}

interface PeerFigure {
  tool: string;
  version: string;
  files: string;
  tool_: Figure;
  ours: Figure;
  /** Peer wall time / ours: above 1 means partner-auth-lint is faster. */
  ratio: number;
  cpuRatio: number;
  note?: string;
}

const AST_GREP_LANGS = ['csharp', 'python', 'javascript', 'typescript', 'java', 'json', 'yaml'];

function astGrepBinary(): string {
  const pkg = path.dirname(require.resolve('@ast-grep/cli-linux-x64-gnu/package.json', { paths: [path.join(PEERS, '@ast-grep/cli')] }));
  return path.join(pkg, 'ast-grep');
}

const version = (pkg: string) => JSON.parse(fs.readFileSync(path.join(PEERS, pkg, 'package.json'), 'utf8')).version as string;

async function peers(c: Corpus, runs: number, warmup: number, ourAll: Figure): Promise<PeerFigure[]> {
  const out: PeerFigure[] = [];
  const row = (tool: string, ver: string, files: string, peer: Figure, ours: Figure, note?: string): PeerFigure => ({
    tool, version: ver, files, tool_: peer, ours, ratio: +(peer.wallMs / ours.wallMs).toFixed(2), cpuRatio: +(peer.cpuMs / ours.cpuMs).toFixed(2), ...(note ? { note } : {}),
  });

  log(`\n== Peers on ${c.name}`);
  // ESLint (+ no-secrets, + Microsoft SDL) on the JavaScript and TypeScript files.
  const js = ['javascript', 'typescript'];
  const eslint = await repeat('eslint (no-secrets, sdl) JS/TS', node, [path.join(PEERS, 'eslint/bin/eslint.js'), '--config', path.join(BENCH, 'eslint.config.mjs'), '--format', 'json', '--output-file', path.join(tmp, 'eslint.json'), ...c.paths(js)], c.dir, runs, warmup);
  const eslintOut = JSON.parse(fs.readFileSync(path.join(tmp, 'eslint.json'), 'utf8')) as { messages: { fatal?: boolean }[] }[];
  const fatal = eslintOut.reduce((n, f) => n + f.messages.filter((m) => m.fatal).length, 0);
  const oursJs = await repeat('ours on the same JS/TS files', ...ourScan(c, [], js), c.dir, runs, warmup);
  out.push(row('ESLint + eslint-plugin-no-secrets + @microsoft/eslint-plugin-sdl', version('eslint'), `${eslintOut.length} .js/.ts`, eslint, oursJs, fatal ? `${fatal} files ESLint could not parse` : undefined));

  // secretlint (recommended preset) on every file.
  const slArgs = [path.join(PEERS, 'secretlint/bin/secretlint.js'), '--secretlintrc', path.join(BENCH, '.secretlintrc.json'), '--format', 'compact', '--output', path.join(tmp, 'secretlint.txt'), '--no-color'];
  const secretlint = await repeat('secretlint (recommended) all files', node, c.generated ? [...slArgs, '**/*'] : [...slArgs, '--no-glob', ...c.paths()], c.dir, runs, warmup);
  out.push(row('secretlint + @secretlint/secretlint-rule-preset-recommend', version('secretlint'), `${c.stats.files} (all)`, secretlint, ourAll));

  // ast-grep with ROPC / grant_type=password rules, on the languages it parses.
  const sg = astGrepBinary();
  const astGrep = await repeat('ast-grep (ROPC rules)', sg, ['scan', '--rule', path.join(BENCH, 'ast-grep-rules.yml'), '--json=compact', ...c.paths(AST_GREP_LANGS)], c.dir, runs, warmup);
  const oursAg = await repeat('ours on the same files', ...ourScan(c, [], AST_GREP_LANGS), c.dir, runs, warmup);
  out.push(row('ast-grep (ROPC and grant_type=password patterns)', version('@ast-grep/cli'), `${AST_GREP_LANGS.join(', ')}`, astGrep, oursAg, 'native (Rust) binary, multi-threaded; no PowerShell, XML or .env grammar'));
  return out;
}

interface LspFigures {
  firstDiagnostics: { language: string; file: string; lines: number; initializeToDiagnosticsMs: number; spawnToDiagnosticsMs: number; serverCpuMs?: number; warmInitializeToDiagnosticsMs?: number }[];
  edits: { language: string; lines: number; mode: 'push' | 'pull'; p50: number; p95: number; max: number; edits: number }[];
  open200?: { files: number; rssMb?: number; peakMb?: number; ms: number };
}

async function lspFigures(c: Corpus): Promise<LspFigures> {
  log('\n== Language server');
  const out: LspFigures = { firstDiagnostics: [], edits: [] };
  const work = path.join(tmp, 'lsp');
  fs.mkdirSync(work, { recursive: true });
  const byLang = new Map<string, string[]>();
  for (const rel of c.paths(LANGUAGES as unknown as string[])) {
    const abs = path.join(c.dir, rel);
    const files = fs.statSync(abs).isDirectory() ? fs.readdirSync(abs).map((f) => path.join(abs, f)) : [abs];
    for (const f of files) {
      const lang = languageOf(f);
      if (lang) byLang.set(lang, [...(byLang.get(lang) ?? []), f]);
    }
  }
  const lines = (f: string) => fs.readFileSync(f, 'utf8').split('\n').length;
  // initialize -> first diagnostics: a fresh server per language, a mid-sized file of it.
  for (const lang of LANGUAGES) {
    const files = (byLang.get(lang) ?? []).map((f) => ({ f, n: lines(f) })).sort((a, b) => a.n - b.n);
    if (!files.length) continue;
    const pick = files[Math.floor(files.length / 2)];
    // Cold: the first start after installing (an empty code-cache folder each run). Warm: every later start (the
    // server keeps V8's code cache of the TypeScript parser, server/common/codecache.ts).
    const runs: { initializeToDiagnosticsMs: number; spawnToDiagnosticsMs: number; serverCpuMs?: number }[] = [];
    const warmRuns: number[] = [];
    const warmDir = path.join(tmp, `codecache-warm-${lang}`);
    for (let i = 0; i < O.lspRuns + 1; i++) {
      const r = await firstDiagnostics(SERVER, c.dir, pick.f, lang, { PARTNER_AUTH_LINT_CACHE_DIR: fs.mkdtempSync(path.join(tmp, 'codecache-cold-')) });
      if (i > 0) runs.push(r);
      const w = await firstDiagnostics(SERVER, c.dir, pick.f, lang, { PARTNER_AUTH_LINT_CACHE_DIR: warmDir });
      if (i > 0) warmRuns.push(w.initializeToDiagnosticsMs);
    }
    const fig = {
      language: lang,
      file: path.relative(c.dir, pick.f),
      lines: pick.n,
      initializeToDiagnosticsMs: Math.round(median(runs.map((r) => r.initializeToDiagnosticsMs))),
      spawnToDiagnosticsMs: Math.round(median(runs.map((r) => r.spawnToDiagnosticsMs))),
      serverCpuMs: Math.round(median(runs.map((r) => r.serverCpuMs ?? NaN))),
      warmInitializeToDiagnosticsMs: Math.round(median(warmRuns)),
    };
    out.firstDiagnostics.push(fig);
    log(`  first diagnostics ${lang} (${pick.n} lines): ${fig.initializeToDiagnosticsMs} ms after initialize (first start; ${fig.warmInitializeToDiagnosticsMs} ms with the code cache), ${fig.spawnToDiagnosticsMs} ms after spawn, server CPU ${fig.serverCpuMs} ms`);
  }
  // Edit latency: a 300-line and a 5,000-line file per language listed.
  const editDir = path.join(tmp, 'edits');
  fs.mkdirSync(editDir, { recursive: true });
  const editLangs = (optStr('--edit-languages') ?? 'powershell,csharp,typescript').split(',');
  for (const lang of editLangs) {
    for (const n of [300, 5000]) {
      const file = c.generated ? generatedOfLines(lang, n, editDir) : sized(byLang.get(lang) ?? [], n, editDir, lang);
      if (!file) continue;
      for (const mode of n === 300 ? (['pull', 'push'] as const) : (['pull'] as const)) {
        const r = await editLatency(SERVER, c.dir, file, lang, O.edits, mode);
        out.edits.push({ language: lang, lines: lines(file), mode, ...roundAll(r) });
        log(`  edit latency ${lang} ${lines(file)} lines (${mode}): p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms over ${r.edits} edits`);
      }
    }
  }
  // Memory after opening 200 files (20 of each language).
  const open: { file: string; language: string }[] = [];
  for (const lang of LANGUAGES) for (const f of (byLang.get(lang) ?? []).slice(0, 20)) open.push({ file: f, language: lang });
  out.open200 = await openMany(SERVER, c.dir, open.slice(0, 200));
  log(`  ${out.open200.files} files open: RSS ${out.open200.rssMb} MB (peak ${out.open200.peakMb} MB), all diagnostics in ${(out.open200.ms / 1000).toFixed(1)} s`);
  return out;
}

const roundAll = <T extends Record<string, number>>(o: T): T => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v * 10) / 10])) as T;

/** A file of about `n` lines of `lang`: corpus files concatenated from the start of one (code stays code). */
/** A well-formed generated file of `n` lines (the generated corpus's language and style). */
function generatedOfLines(lang: string, n: number, dir: string): string | undefined {
  if (!(LANGUAGES as readonly string[]).includes(lang)) return undefined;
  const text = codeFileOfLines(lang as BenchLanguage, n, O.seed);
  const out = path.join(dir, `${lang}-${n}${EXTENSION[lang] ?? ''}`);
  fs.writeFileSync(out, text);
  return out;
}

const EXTENSION: Record<string, string> = { powershell: '.ps1', csharp: '.cs', python: '.py', javascript: '.js', typescript: '.ts', java: '.java' };

/** The first `n` lines of the corpus file closest to `n` lines (a folder corpus: the cut may leave a block open). */
function sized(files: string[], n: number, dir: string, lang: string): string | undefined {
  if (!files.length) return undefined;
  const sorted = files.map((f) => ({ f, t: fs.readFileSync(f, 'utf8') })).sort((a, b) => Math.abs(a.t.split('\n').length - n) - Math.abs(b.t.split('\n').length - n));
  const best = sorted[0];
  const text = best.t.split('\n').slice(0, n).join('\n');
  const out = path.join(dir, `${lang}-${n}${path.extname(best.f)}`);
  fs.writeFileSync(out, text);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Report

const s = (ms: number) => (ms / 1000).toFixed(2);
const num = (x: number) => x.toLocaleString('en-US');

interface Target {
  target: string;
  measured: string;
  met: boolean | null;
}

function targets(small: ScanFigures, large: ScanFigures | undefined, peerRows: PeerFigure[], lsp: LspFigures | undefined): Target[] {
  const t: Target[] = [];
  for (const p of peerRows.filter((p) => /ESLint|secretlint/.test(p.tool))) {
    t.push({ target: `full scan >= 2x faster than ${p.tool.split(' ')[0]} (same files)`, measured: `${p.ratio}x wall, ${p.cpuRatio}x CPU`, met: p.ratio >= 2 });
  }
  if (small.parserFloor) {
    const r = small.scan.wallMs / small.parserFloor.wallMs;
    t.push({ target: 'full scan within 1.5x of the parser floor', measured: `${r.toFixed(2)}x (with pre-filter)${small.scanNoPrefilter ? `, ${(small.scanNoPrefilter.wallMs / small.parserFloor.wallMs).toFixed(2)}x without` : ''}`, met: r <= 1.5 });
  }
  if (large) {
    const per = (f: ScanFigures) => f.scan.wallMs / f.corpus.lines;
    const g = per(large) / per(small);
    t.push({ target: 'linear growth 1k -> 10k files (time per line)', measured: `${g.toFixed(2)}x per line (${(large.scan.wallMs / small.scan.wallMs).toFixed(1)}x time for ${(large.corpus.lines / small.corpus.lines).toFixed(1)}x lines)`, met: g <= 1.2 });
    t.push({ target: 'peak RSS < 300 MB for the 10k-file scan', measured: `${large.scan.peakRssMb} MB (--jobs ${JOBS})`, met: large.scan.peakRssMb < 300 });
  }
  if (lsp) {
    const big = lsp.edits.filter((e) => e.lines >= 4000 && e.mode === 'pull');
    for (const e of big) t.push({ target: `edit p95 < 50 ms, ${e.lines}-line ${e.language} file`, measured: `${e.p95} ms (p50 ${e.p50} ms)`, met: e.p95 < 50 });
    const worst = Math.max(...lsp.firstDiagnostics.map((f) => f.initializeToDiagnosticsMs));
    const which = lsp.firstDiagnostics.find((f) => f.initializeToDiagnosticsMs === worst);
    const warm = Math.max(...lsp.firstDiagnostics.map((f) => f.warmInitializeToDiagnosticsMs ?? NaN));
    t.push({ target: 'first diagnostics < 500 ms after initialize (every language)', measured: `${worst} ms at worst on a first start (${which?.language}); ${warm} ms at worst on later starts (code cache)`, met: worst < 500 });
  }
  return t;
}

function table(results: Results): string {
  const L: string[] = [];
  const m = results.machine;
  L.push(`Partner Auth Lint benchmark, ${results.date}`);
  L.push(`Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}, load average ${m.loadBefore.join(' ')} before, ${m.loadAfter.join(' ')} after`);
  L.push('');
  const cols = [results.small, results.large].filter((x): x is ScanFigures => !!x);
  L.push(`| CLI scan | ${cols.map((c) => `${c.corpus.name}: ${num(c.corpus.files)} files, ${num(c.corpus.lines)} lines`).join(' | ')} |`);
  L.push(`|---|${cols.map(() => '---:').join('|')}|`);
  const r = (label: string, f: (c: ScanFigures) => string) => L.push(`| ${label} | ${cols.map(f).join(' | ')} |`);
  r(`wall time, --jobs ${JOBS} (the default here) (s)`, (c) => s(c.scan.wallMs));
  r('files/s', (c) => num(c.scan.filesPerSec));
  r('lines/s', (c) => num(c.scan.linesPerSec));
  r('CPU time (s)', (c) => s(c.scan.cpuMs));
  r('peak RSS (MB)', (c) => String(c.scan.peakRssMb));
  r(`wall time, --jobs ${CORES} (s)`, (c) => (c.scanJobsCores ? `${s(c.scanJobsCores.wallMs)} (${c.scanJobsCores.peakRssMb} MB)` : '-'));
  r('wall time, --no-prefilter (s)', (c) => (c.scanNoPrefilter ? s(c.scanNoPrefilter.wallMs) : '-'));
  r(`parser floor, --jobs ${JOBS} (s)`, (c) => (c.parserFloor ? s(c.parserFloor.wallMs) : '-'));
  r(`parse + model floor, --jobs ${JOBS} (s)`, (c) => (c.modelFloor ? s(c.modelFloor.wallMs) : '-'));
  r('scan / parser floor', (c) => (c.parserFloor ? (c.scan.wallMs / c.parserFloor.wallMs).toFixed(2) : '-'));
  r('findings', (c) => String(c.findings ?? '-'));
  if (results.growth) L.push(`\nGrowth ${results.small.corpus.name} -> ${results.large!.corpus.name}: ${results.growth.time}x time for ${results.growth.lines}x lines (${results.growth.perLine}x per line)`);
  if (results.peers.length) {
    L.push('\n| Peer (same files) | version | files | peer wall (s) | ours wall (s) | peer / ours wall | peer / ours CPU |');
    L.push('|---|---|---|---:|---:|---:|---:|');
    for (const p of results.peers) L.push(`| ${p.tool}${p.note ? ` (${p.note})` : ''} | ${p.version} | ${p.files} | ${s(p.tool_.wallMs)} | ${s(p.ours.wallMs)} | ${p.ratio} | ${p.cpuRatio} |`);
  }
  if (results.lsp) {
    L.push('\n| Language server: initialize -> first diagnostics | lines | ms after initialize, first start | ms after initialize, later starts (code cache) | ms after spawn, first start | server CPU ms, first start |');
    L.push('|---|---:|---:|---:|---:|---:|');
    for (const f of results.lsp.firstDiagnostics) L.push(`| ${f.language} | ${f.lines} | ${f.initializeToDiagnosticsMs} | ${f.warmInitializeToDiagnosticsMs ?? '-'} | ${f.spawnToDiagnosticsMs} | ${f.serverCpuMs ?? '-'} |`);
    L.push('\n| Edit latency (didChange -> diagnostics) | lines | mode | p50 ms | p95 ms | max ms | edits |');
    L.push('|---|---:|---|---:|---:|---:|---:|');
    for (const e of results.lsp.edits) L.push(`| ${e.language} | ${e.lines} | ${e.mode === 'push' ? 'push (includes the 150 ms typing pause)' : 'pull (textDocument/diagnostic)'} | ${e.p50} | ${e.p95} | ${e.max} | ${e.edits} |`);
    if (results.lsp.open200) L.push(`\nServer RSS after opening ${results.lsp.open200.files} files: ${results.lsp.open200.rssMb} MB (peak ${results.lsp.open200.peakMb} MB)`);
  }
  L.push('\n| Target | measured | met |');
  L.push('|---|---|---|');
  for (const t of results.targets) L.push(`| ${t.target} | ${t.measured} | ${t.met === null ? '-' : t.met ? 'yes' : 'NO'} |`);
  return L.join('\n');
}

interface Results {
  date: string;
  machine: { cpu: string; cores: number; memoryGb: number; node: string; platform: string; loadBefore: number[]; loadAfter: number[] };
  options: typeof O;
  small: ScanFigures;
  large?: ScanFigures;
  growth?: { time: number; lines: number; perLine: number };
  peers: PeerFigure[];
  lsp?: LspFigures;
  targets: Target[];
  totalSeconds: number;
}

async function main(): Promise<void> {
  const started = Date.now();
  for (const f of [CLI, SERVER]) if (!fs.existsSync(f)) throw new Error(`${path.relative(ROOT, f)} is missing: run \`npm run build\` (npm run bench does)`);
  await build({
    entryPoints: [path.join(BENCH, 'floor.ts')], outfile: path.join(BUILD, 'floor.js'), bundle: true, platform: 'node', target: 'node18', format: 'cjs', logLevel: 'error',
    mainFields: ['module', 'main'], define: { 'import.meta.url': '__importMetaUrl' }, banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" }, absWorkingDir: ROOT,
  });
  const loadBefore = os.loadavg().map((x) => +x.toFixed(2));
  const small = O.corpus ? folder(O.corpus) : generated(`gen-${O.small * LANGUAGES.length}`, O.small);
  const smallFigures = await scanFigures(small, O.runs, O.warmup, true);
  let largeFigures: ScanFigures | undefined;
  if (!O.corpus && !O.noLarge) largeFigures = await scanFigures(generated(`gen-${O.large * LANGUAGES.length}`, O.large), O.largeRuns, 0, false);
  const peerRows = O.noPeers ? [] : await peers(small, O.runs, O.warmup, smallFigures.scan);
  const lsp = O.noLsp ? undefined : await lspFigures(small);
  const results: Results = {
    date: new Date().toISOString(),
    machine: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: CORES, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}`, loadBefore, loadAfter: os.loadavg().map((x) => +x.toFixed(2)) },
    options: { ...O, out: path.relative(ROOT, O.out) },
    small: smallFigures,
    ...(largeFigures ? { large: largeFigures, growth: { time: +(largeFigures.scan.wallMs / smallFigures.scan.wallMs).toFixed(2), lines: +(largeFigures.corpus.lines / smallFigures.corpus.lines).toFixed(2), perLine: +(largeFigures.scan.wallMs / largeFigures.corpus.lines / (smallFigures.scan.wallMs / smallFigures.corpus.lines)).toFixed(2) } } : {}),
    peers: peerRows,
    ...(lsp ? { lsp } : {}),
    targets: targets(smallFigures, largeFigures, peerRows, lsp),
    totalSeconds: Math.round((Date.now() - started) / 1000),
  };
  const text = table(results);
  process.stdout.write(`\n${text}\n\n${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(O.out, JSON.stringify(results, null, 2) + '\n');
  log(`\nbench: ${results.totalSeconds} s in all; results in ${path.relative(process.cwd(), O.out)}`);
  fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  log(`bench failed: ${e instanceof Error ? e.stack : String(e)}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  process.exitCode = 1;
});
