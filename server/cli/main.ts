#!/usr/bin/env node
// The CLI face of the engine: `partner-auth-lint scan|decode`. Exit 0 clean, 1 findings, 2 usage/internal error.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../rules/registry';
import { CONFIG_FILE, parseConfig, type ProjectConfig } from '../../rules/engine/config';
import { HELP, parseArgs, UsageError, type CliArgs } from './args';
import { collectFiles } from './collect';
import { formatJson, formatSarif, formatSuppressions, formatText, TOOL_VERSION } from './formats';
import { displayPath, scanFiles, type ScanResult } from './scan';
import { defaultJobs, startJobs } from './jobs';
import { fixFiles, unifiedDiff } from './fix';
import type { LintOptions } from '../../rules/engine/lint';
import { BASELINE_FILE, BaselineIndex, formatBaseline, nextBaseline, parseBaseline } from '../../rules/engine/baseline';
import { runDecode } from './decode';
import { buildReadinessReport } from '../../rules/report/readiness';
import { formatReportHtml, formatReportMarkdown, pathHref } from './report';

export interface Io {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdin: () => Promise<string>;
  isTTY: boolean;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv, ALL_RULES.map((r) => r.meta.id));
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`partner-auth-lint: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  switch (args.command) {
    case 'help':
      io.stdout(HELP);
      return 0;
    case 'version':
      io.stdout(`${TOOL_VERSION}\n`);
      return 0;
    case 'decode':
      return runDecode(args, io);
    case 'scan':
      return runScan(args, io);
    case 'fix':
      return runFix(args, io);
    case 'baseline':
      return runBaseline(args, io);
    case 'suppressions':
      return runSuppressions(args, io);
    case 'report':
      return runReport(args, io);
  }
}

function loadConfig(root: string, io: Io): ProjectConfig {
  const file = path.join(root, CONFIG_FILE);
  if (!fs.existsSync(file)) return {};
  const { config, problems } = parseConfig(fs.readFileSync(file, 'utf8'), ALL_RULES.map((r) => r.meta.id));
  for (const p of problems) io.stderr(`partner-auth-lint: warning: ${p}\n`);
  return config;
}

interface Prepared {
  files: string[];
  options: LintOptions;
  baselineFile: string;
  /** Worker threads for the scan (`--jobs`). */
  jobs: number;
}

/** Paths checked, config read, files collected: what every scanning command starts from. */
function prepare(args: CliArgs, io: Io): Prepared | number {
  const missing = args.paths.filter((p) => !fs.existsSync(path.resolve(io.cwd, p)));
  if (missing.length) {
    io.stderr(`partner-auth-lint: no such file or directory: ${missing.join(', ')}\n`);
    return 2;
  }
  const paths = args.paths.length ? args.paths.map((p) => path.resolve(io.cwd, p)) : [io.cwd];
  const config = loadConfig(io.cwd, io);
  const { files } = collectFiles(paths, io.cwd, args.noIgnore ? [] : config.ignore ?? [], !args.noIgnore);
  const options: LintOptions = {
    partnerType: args.partnerType ?? config.partnerType,
    rules: config.rules,
    only: args.rules.length ? args.rules : undefined,
    requireSuppressionReason: config.requireSuppressionReason,
    secretStore: config.secretStore,
    ...(args.noPrefilter ? { prefilter: false } : {}),
  };
  return { files, options, baselineFile: path.resolve(io.cwd, args.baseline ?? BASELINE_FILE), jobs: args.jobs ?? defaultJobs() };
}

async function scanWithProgress(p: Prepared, io: Io, baseline?: BaselineIndex, callSites = false): Promise<ScanResult> {
  const started = Date.now();
  let shownProgress = false;
  const onProgress = io.isTTY
    ? (done: number) => {
        if (Date.now() - started > 1000) {
          shownProgress = true;
          io.stderr(`\r\u001b[2KScanning ${done}/${p.files.length} files…`);
        }
      }
    : undefined;
  // Workers pay off only with several files; they are stopped as soon as the scan is done.
  const jobs = startJobs(p.files.length > 1 ? Math.min(p.jobs, p.files.length) : 1, io.stderr);
  try {
    const result = await scanFiles(p.files, p.options, io.cwd, { baseline, onProgress, callSites, runner: jobs.runner, lanes: jobs.lanes });
    if (shownProgress) io.stderr('\r\u001b[2K');
    return result;
  } finally {
    jobs.dispose();
  }
}

/** The baseline to apply: the named file (which must exist), else the default one when present. */
function readBaseline(args: CliArgs, p: Prepared, io: Io): BaselineIndex | undefined | number {
  if (args.noBaseline) return undefined;
  if (!fs.existsSync(p.baselineFile)) {
    if (args.baseline === undefined) return undefined;
    io.stderr(`partner-auth-lint: no such baseline file: ${args.baseline}\n`);
    return 2;
  }
  const { baseline, problems } = parseBaseline(fs.readFileSync(p.baselineFile, 'utf8'));
  for (const problem of problems) io.stderr(`partner-auth-lint: warning: ${problem}\n`);
  return new BaselineIndex(baseline);
}

function write(args: CliArgs, io: Io, report: string): number {
  if (!args.output) {
    io.stdout(report);
    return 0;
  }
  try {
    fs.writeFileSync(path.resolve(io.cwd, args.output), report);
    return 0;
  } catch (e) {
    io.stderr(`partner-auth-lint: cannot write ${args.output}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
    return 2;
  }
}

async function runScan(args: CliArgs, io: Io): Promise<number> {
  const p = prepare(args, io);
  if (typeof p === 'number') return p;
  const baseline = readBaseline(args, p, io);
  if (typeof baseline === 'number') return baseline;
  const result = await scanWithProgress(p, io, baseline);
  if (args.quiet) result.findings = result.findings.filter((f) => f.severity === 'error');
  const report =
    args.format === 'json' ? formatJson(result) + '\n' : args.format === 'sarif' ? formatSarif(result, ALL_RULES, io.cwd) + '\n' : formatText(result, !args.output && io.isTTY);
  const written = write(args, io, report);
  if (written) return written;
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return 1;
  if (args.maxWarnings !== undefined && warnings > args.maxWarnings) {
    io.stderr(`partner-auth-lint: ${warnings} warnings exceed --max-warnings ${args.maxWarnings}\n`);
    return 1;
  }
  return 0;
}

/** `baseline`: scan without any baseline and write today's findings (or, with --prune, the old entries still found). */
async function runBaseline(args: CliArgs, io: Io): Promise<number> {
  const p = prepare(args, io);
  if (typeof p === 'number') return p;
  const old = fs.existsSync(p.baselineFile) ? parseBaseline(fs.readFileSync(p.baselineFile, 'utf8')) : undefined;
  for (const problem of old?.problems ?? []) io.stderr(`partner-auth-lint: warning: ${problem}\n`);
  const result = await scanWithProgress(p, io);
  const current = result.findings.map((f) => ({ ruleId: f.ruleId, file: f.file, fingerprint: f.fingerprint }));
  const entries = nextBaseline(old?.baseline, current, args.prune ? 'prune' : 'update');
  try {
    fs.writeFileSync(p.baselineFile, formatBaseline(entries));
  } catch (e) {
    io.stderr(`partner-auth-lint: cannot write ${displayPath(p.baselineFile, io.cwd)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
    return 2;
  }
  const before = old?.baseline.entries.length ?? 0;
  const kept = new BaselineIndex({ version: 1, entries });
  const dropped = old ? old.baseline.entries.filter((e) => !kept.has(e)).length : 0;
  io.stdout(`Wrote ${displayPath(p.baselineFile, io.cwd)}: ${entries.length} finding${entries.length === 1 ? '' : 's'} baselined (${before} before, ${dropped} no longer found).\n`);
  for (const e of result.errors) io.stderr(`partner-auth-lint: ${e.file}: ${e.message}\n`);
  return 0;
}

/** `fix`: safe fixes written to the files (or, with --dry-run, printed as a unified diff). */
async function runFix(args: CliArgs, io: Io): Promise<number> {
  const p = prepare(args, io);
  if (typeof p === 'number') return p;
  const { outcomes, errors } = await fixFiles(p.files, p.options, io.cwd, args.dryRun);
  for (const e of errors) io.stderr(`partner-auth-lint: ${e.file}: ${e.message}\n`);
  const fixed = outcomes.reduce((n, o) => n + o.fixed, 0);
  const summary = `${args.dryRun ? 'Would fix' : 'Fixed'} ${fixed} problem${fixed === 1 ? '' : 's'} in ${outcomes.length} file${outcomes.length === 1 ? '' : 's'}.\n`;
  if (args.dryRun) {
    const written = write(args, io, outcomes.map(unifiedDiff).join(''));
    if (written) return written;
    io.stderr(summary);
  } else io.stdout(summary);
  return errors.length ? 2 : 0;
}

/** `suppressions`: every suppression comment, what it silences, why and until when. */
async function runSuppressions(args: CliArgs, io: Io): Promise<number> {
  if (args.format === 'sarif') {
    io.stderr('partner-auth-lint: suppressions --format must be text or json\n');
    return 2;
  }
  const p = prepare(args, io);
  if (typeof p === 'number') return p;
  const result = await scanWithProgress(p, io);
  return write(args, io, args.format === 'json' ? `${JSON.stringify({ version: 1, suppressions: result.suppressions }, null, 2)}\n` : formatSuppressions(result.suppressions));
}

/** `report`: the readiness report (no baseline: accepted debt still counts against readiness). */
async function runReport(args: CliArgs, io: Io): Promise<number> {
  const p = prepare(args, io);
  if (typeof p === 'number') return p;
  const result = await scanWithProgress(p, io, undefined, true);
  for (const e of result.errors) io.stderr(`partner-auth-lint: ${e.file}: ${e.message}\n`);
  const report = buildReadinessReport({ files: result.analysed ?? [], findings: result.findings, partnerType: p.options.partnerType ?? 'unknown' });
  // Links in the report point at the files relative to where the report is written.
  const outDir = args.output ? path.dirname(path.resolve(io.cwd, args.output)) : io.cwd;
  const link = (file: string, line: number) => pathHref(path.relative(outDir, path.resolve(io.cwd, file)).split(path.sep).join('/'), line);
  const text = args.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : args.format === 'html' ? formatReportHtml(report, { link }) : formatReportMarkdown(report, { link });
  return write(args, io, text);
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

if (require.main === module) {
  main(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    stdin: readStdin,
    isTTY: Boolean(process.stderr.isTTY),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`partner-auth-lint: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
