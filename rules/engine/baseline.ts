// The baseline file `.partner-auth-lint-baseline.json`: today's accepted findings, keyed on content
// (rule, file, fingerprint of the normalised flagged line with the flagged text replaced by its
// length), never on line numbers and never on the flagged text itself.
export const BASELINE_FILE = '.partner-auth-lint-baseline.json';

export interface BaselineEntry {
  ruleId: string;
  /** Workspace-relative path with forward slashes. */
  file: string;
  fingerprint: string;
}

export interface Baseline {
  version: 1;
  entries: BaselineEntry[];
}

const key = (e: BaselineEntry) => `${e.ruleId}\u0000${e.file}\u0000${e.fingerprint}`;

/** Parse and validate; a broken file is reported, never thrown, and treated as empty. */
export function parseBaseline(text: string): { baseline: Baseline; problems: string[] } {
  const empty: Baseline = { version: 1, entries: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { baseline: empty, problems: [`${BASELINE_FILE} is not valid JSON (${e instanceof Error ? e.message : String(e)}); no findings are baselined`] };
  }
  const o = raw as { version?: unknown; findings?: unknown };
  if (typeof raw !== 'object' || raw === null || o.version !== 1 || !Array.isArray(o.findings)) {
    return { baseline: empty, problems: [`${BASELINE_FILE} must be {"version": 1, "findings": [...]}; no findings are baselined`] };
  }
  const problems: string[] = [];
  const entries: BaselineEntry[] = [];
  o.findings.forEach((f: unknown, i) => {
    const e = f as Partial<BaselineEntry> | null;
    if (e && typeof e.ruleId === 'string' && typeof e.file === 'string' && typeof e.fingerprint === 'string') entries.push({ ruleId: e.ruleId, file: e.file, fingerprint: e.fingerprint });
    else problems.push(`${BASELINE_FILE}: entry ${i} needs ruleId, file and fingerprint; ignored`);
  });
  return { baseline: { version: 1, entries }, problems };
}

/** The file's text: entries sorted by file, rule and fingerprint, so a re-run over the same code changes nothing. */
export function formatBaseline(entries: readonly BaselineEntry[]): string {
  const unique = new Map(entries.map((e) => [key(e), { ruleId: e.ruleId, file: e.file, fingerprint: e.fingerprint }]));
  const sorted = [...unique.values()].sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint));
  return `${JSON.stringify({ version: 1, tool: 'partner-auth-lint', findings: sorted }, null, 2)}\n`;
}

export class BaselineIndex {
  private readonly keys: Set<string>;
  constructor(readonly baseline: Baseline) {
    this.keys = new Set(baseline.entries.map(key));
  }
  get size(): number {
    return this.keys.size;
  }
  has(e: BaselineEntry): boolean {
    return this.keys.has(key(e));
  }
}

/**
 * What `baseline` writes. `update`: exactly today's findings (new debt accepted, fixed ones gone).
 * `prune`: the old entries that still match a finding (nothing new is accepted).
 */
export function nextBaseline(old: Baseline | undefined, current: readonly BaselineEntry[], mode: 'update' | 'prune'): BaselineEntry[] {
  if (mode === 'update' || !old) return [...current];
  const now = new Set(current.map(key));
  return old.entries.filter((e) => now.has(key(e)));
}
