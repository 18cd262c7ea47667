// Command-line parsing for `partner-auth-lint <command> [paths...] [flags]`; errors become exit status 2.
import type { PartnerType } from '../../rules/engine/types';

export class UsageError extends Error {}

export interface CliArgs {
  command: 'scan' | 'decode' | 'fix' | 'baseline' | 'suppressions' | 'report' | 'help' | 'version';
  paths: string[];
  /** text, json or sarif; `report`: md (default), html or json. */
  format: 'text' | 'json' | 'sarif' | 'md' | 'html';
  output?: string;
  partnerType?: PartnerType;
  rules: string[];
  maxWarnings?: number;
  quiet: boolean;
  noIgnore: boolean;
  jwks?: string;
  /** Baseline file (scan: read it; baseline: write it). Default: .partner-auth-lint-baseline.json in the current directory. */
  baseline?: string;
  noBaseline: boolean;
  /** `baseline --prune`: only drop entries that no longer match (the default, `--update`, rewrites to today's findings). */
  prune: boolean;
  /** `fix --dry-run`: print the unified diff, write nothing. */
  dryRun: boolean;
  /** `--jobs N`: files linted on N worker threads (default: the core count). */
  jobs?: number;
  /** `--no-prefilter`: run every rule on every file, even without its vocabulary (engine/prefilter.ts). */
  noPrefilter: boolean;
}

const COMMANDS = ['scan', 'decode', 'fix', 'baseline', 'suppressions', 'report', 'help', 'version'] as const;

export function parseArgs(argv: readonly string[], knownRules: readonly string[]): CliArgs {
  const a: CliArgs = { command: 'scan', paths: [], format: 'text', rules: [], quiet: false, noIgnore: false, noBaseline: false, prune: false, dryRun: false, noPrefilter: false };
  let i = 0;
  let format: string | undefined;
  if (argv[0] && (COMMANDS as readonly string[]).includes(argv[0])) a.command = argv[i++] as CliArgs['command'];
  const value = (flag: string): string => {
    const v = argv[++i];
    if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const take = () => (inline !== undefined ? inline : value(flag));
    switch (flag) {
      case '--format':
      case '-f':
        format = take(); // checked below: the formats depend on the command
        break;
      case '--output':
      case '-o':
        a.output = take();
        break;
      case '--partner-type': {
        const t = take();
        if (!['csp', 'cpv', 'unknown'].includes(t)) throw new UsageError(`--partner-type must be csp, cpv or unknown (got "${t}")`);
        a.partnerType = t as PartnerType;
        break;
      }
      case '--rule': {
        const r = take();
        if (!knownRules.includes(r)) throw new UsageError(`unknown rule "${r}" (known: ${knownRules.join(', ')})`);
        a.rules.push(r);
        break;
      }
      case '--max-warnings': {
        const n = take();
        if (!/^\d+$/.test(n)) throw new UsageError(`--max-warnings needs a non-negative whole number (got "${n}")`);
        a.maxWarnings = Number(n);
        break;
      }
      case '--jwks':
        a.jwks = take();
        break;
      case '--jobs':
      case '-j': {
        const n = take();
        if (!/^\d+$/.test(n) || Number(n) < 1 || Number(n) > 64) throw new UsageError(`--jobs needs a whole number from 1 to 64 (got "${n}")`);
        a.jobs = Number(n);
        break;
      }
      case '--baseline':
        a.baseline = take();
        break;
      case '--no-baseline':
        a.noBaseline = true;
        break;
      case '--update':
        a.prune = false;
        break;
      case '--prune':
        a.prune = true;
        break;
      case '--dry-run':
        a.dryRun = true;
        break;
      case '--quiet':
        a.quiet = true;
        break;
      case '--no-ignore':
        a.noIgnore = true;
        break;
      case '--no-prefilter':
        a.noPrefilter = true;
        break;
      case '--help':
      case '-h':
        a.command = 'help';
        break;
      case '--version':
      case '-v':
        a.command = 'version';
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        a.paths.push(arg);
    }
  }
  if (a.command === 'report') {
    if (format !== undefined && !['md', 'html', 'json'].includes(format)) throw new UsageError(`report --format must be md, html or json (got "${format}")`);
    a.format = (format ?? 'md') as CliArgs['format'];
  } else if (format !== undefined && a.command !== 'help' && a.command !== 'version') {
    if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif (got "${format}")`);
    a.format = format as CliArgs['format'];
  }
  return a;
}

export const HELP = `Usage: partner-auth-lint <command> [options]

Commands:
  scan [paths...]     Find authentication mistakes (default command; paths default to .)
  decode [TOKEN|-]    Decode a JWT or SAML assertion offline and say whether Partner Center accepts it
  fix [paths...]      Apply the fixes marked safe (behaviour-preserving); --dry-run prints the diff instead.
                      SAM rewrites stay editor suggestions: they need a consented app and a stored token
  baseline [paths...] Accept today's findings: write .partner-auth-lint-baseline.json (--update, the
                      default, rewrites it to today's findings; --prune only drops fixed ones)
  suppressions [paths...]
                      List every suppression comment with its rules, reason, expiry and effect
  report [paths...]   Readiness report: authentication call sites by kind (SAM, interactive, token
                      injection, app-only, password), by language and folder; findings by rule,
                      severity, language and folder; the share of user sign-ins that can satisfy MFA

Options (scan):
  --format text|json|sarif   Output format (default text)
  --output FILE              Write the report to FILE
  --partner-type csp|cpv|unknown
  --rule <id>                Run only this rule (repeatable)
  --max-warnings N           Exit 1 when there are more than N warnings
  --quiet                    Report errors only
  --no-ignore                Do not honour .gitignore or the config's ignore globs
  --baseline FILE            Leave out findings listed in FILE (default .partner-auth-lint-baseline.json, if present)
  --no-baseline              Report baselined findings too
  --jobs N                   Lint on N threads (default: one fewer than the cores, at least 1; 1: in-process)
  --no-prefilter             Parse every file and run every rule, also where a rule's words are absent

Options (report):
  --format md|html|json      Markdown (default), one self-contained HTML file, or the data as JSON
  --output FILE              Write the report to FILE (links to files are relative to it)
  --partner-type csp|cpv|unknown
                             Decides the verdict on app-only calls to Partner Center

Options (decode):
  --format text|json         Output format (default text)
  --jwks FILE                Also verify the signature against this JWKS file (offline)

Exit status: 0 clean, 1 findings (or a token Partner Center would refuse), 2 usage or internal error.
`;
