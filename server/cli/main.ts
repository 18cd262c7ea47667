#!/usr/bin/env node
// The CLI face of the engine: `partner-auth-lint scan|decode`. Exit 0 clean, 1 findings, 2 usage/internal error.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../rules/registry';
import { CONFIG_FILE, parseConfig, type ProjectConfig } from '../../rules/engine/config';
import { HELP, parseArgs, UsageError, type CliArgs } from './args';
import { collectFiles } from './collect';
import { formatJson, formatSarif, formatText, TOOL_VERSION } from './formats';
import { scanFiles } from './scan';
import { runDecode } from './decode';

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
  }
}

function loadConfig(root: string, io: Io): ProjectConfig {
  const file = path.join(root, CONFIG_FILE);
  if (!fs.existsSync(file)) return {};
  const { config, problems } = parseConfig(fs.readFileSync(file, 'utf8'), ALL_RULES.map((r) => r.meta.id));
  for (const p of problems) io.stderr(`partner-auth-lint: warning: ${p}\n`);
  return config;
}

async function runScan(args: CliArgs, io: Io): Promise<number> {
  const missing = args.paths.filter((p) => !fs.existsSync(path.resolve(io.cwd, p)));
  if (missing.length) {
    io.stderr(`partner-auth-lint: no such file or directory: ${missing.join(', ')}\n`);
    return 2;
  }
  const paths = args.paths.length ? args.paths.map((p) => path.resolve(io.cwd, p)) : [io.cwd];
  const config = loadConfig(io.cwd, io);
  const { files } = collectFiles(paths, io.cwd, args.noIgnore ? [] : config.ignore ?? [], !args.noIgnore);
  const started = Date.now();
  let shownProgress = false;
  const progress = io.isTTY
    ? (done: number) => {
        if (Date.now() - started > 1000) {
          shownProgress = true;
          io.stderr(`\r\u001b[2KScanning ${done}/${files.length} files…`);
        }
      }
    : undefined;
  const result = await scanFiles(files, { partnerType: args.partnerType ?? config.partnerType, rules: config.rules, only: args.rules.length ? args.rules : undefined }, io.cwd, progress);
  if (shownProgress) io.stderr('\r\u001b[2K');
  if (args.quiet) result.findings = result.findings.filter((f) => f.severity === 'error');
  const report =
    args.format === 'json' ? formatJson(result) + '\n' : args.format === 'sarif' ? formatSarif(result, ALL_RULES, io.cwd) + '\n' : formatText(result, !args.output && io.isTTY);
  if (args.output) {
    try {
      fs.writeFileSync(path.resolve(io.cwd, args.output), report);
    } catch (e) {
      io.stderr(`partner-auth-lint: cannot write ${args.output}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
      return 2;
    }
  } else io.stdout(report);
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return 1;
  if (args.maxWarnings !== undefined && warnings > args.maxWarnings) {
    io.stderr(`partner-auth-lint: ${warnings} warnings exceed --max-warnings ${args.maxWarnings}\n`);
    return 1;
  }
  return 0;
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
