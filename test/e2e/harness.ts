// What the end-to-end tests share: the fixture workspace and the findings it must produce in every client.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const FIXTURE = path.join(__dirname, 'fixtures', 'ws');
export const DOCS = 'https://github.com/partner-auth-lint/partner-auth-lint/blob/main/rules/';
/** Time for the first run's tool install (apt + Node 24 + code-server build: ~3 min here, more on a slow mirror). */
export const SETUP_TIMEOUT = 40 * 60_000;

/** The rules the fixture is written for; findings of other rules (the catalog grows) are not asserted. */
export const RULES = ['no-ropc', 'no-stored-credentials', 'no-cpv-app-only'] as const;

export interface Expected {
  file: string;
  rule: (typeof RULES)[number];
  /** 1-based, as editors show it. */
  line: number;
  severity: 'error' | 'warning';
}

/** One file per language and config format, each with the finding it was written for (default settings). */
export const EXPECTED: Expected[] = [
  { file: 'signin.ps1', rule: 'no-ropc', line: 5, severity: 'error' },
  { file: 'signin.ps1', rule: 'no-cpv-app-only', line: 6, severity: 'warning' },
  { file: 'PartnerAuth.cs', rule: 'no-ropc', line: 7, severity: 'error' },
  { file: 'sign_in.py', rule: 'no-ropc', line: 5, severity: 'error' },
  { file: 'token_request.js', rule: 'no-ropc', line: 1, severity: 'error' },
  { file: 'signin.ts', rule: 'no-ropc', line: 3, severity: 'error' },
  { file: 'PartnerConfig.java', rule: 'no-stored-credentials', line: 2, severity: 'error' },
  { file: 'appsettings.json', rule: 'no-stored-credentials', line: 4, severity: 'error' },
  { file: 'azure-pipelines.yml', rule: 'no-ropc', line: 4, severity: 'error' },
  { file: '.env', rule: 'no-ropc', line: 2, severity: 'error' },
  { file: 'web.config', rule: 'no-ropc', line: 4, severity: 'error' },
  { file: 'application.properties', rule: 'no-stored-credentials', line: 2, severity: 'error' },
];
/** Never opened by a test: only "Scan Workspace" reports it. */
export const CLOSED: Expected = { file: 'scripts/nightly.ps1', rule: 'no-ropc', line: 2, severity: 'error' };

export const FILES = [...new Set(EXPECTED.map((e) => e.file))];

/** `rule@line severity` keys of one file's expected findings, sorted. */
export const expectedKeys = (file: string, list: Expected[] = EXPECTED): string[] =>
  list.filter((e) => e.file === file).map((e) => `${e.rule}@${e.line} ${e.severity}`).sort();

/** A fresh folder for one test run; `ws` is a copy of the fixture workspace. */
export function sandbox(prefix: string): { root: string; ws: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `pal-e2e-${prefix}-`));
  const ws = path.join(root, 'ws');
  fs.cpSync(FIXTURE, ws, { recursive: true });
  return { root, ws };
}

export const keep = (): boolean => process.env.PAL_E2E_KEEP === '1';

/** Removes a sandbox unless PAL_E2E_KEEP=1 (then its path is printed for a look at logs and screenshots). */
export function cleanup(root: string | undefined): void {
  if (!root) return;
  if (keep()) console.log(`    (kept ${root})`);
  else fs.rmSync(root, { recursive: true, force: true });
}
