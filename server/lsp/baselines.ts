// The editor side of the baseline: each workspace folder's `.partner-auth-lint-baseline.json` (written by
// `partner-auth-lint baseline`) hides the findings it lists, matched exactly as the CLI matches them (rule,
// folder-relative path with forward slashes, fingerprints() over the file text). Counts what it hid per file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { BASELINE_FILE, BaselineIndex, parseBaseline } from '../../rules/engine/baseline';
import type { Log } from './log';

/** A diagnostic and the fingerprint of its finding (none for diagnostics that are not findings). */
export interface Item {
  diagnostic: Diagnostic;
  fingerprint?: string;
}

export class Baselines {
  private readonly indexes = new Map<string, BaselineIndex | undefined>();
  private readonly hidden = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private lastSent = -1;

  /** `changed` hears the total of hidden findings (throttled). Untrusted workspaces get no baseline: it hides findings. */
  constructor(
    private readonly log: Log,
    private readonly trusted: () => boolean,
    private readonly changed: (total: number) => void,
  ) {}

  /** Re-read a folder's baseline (all when no folder is given) the next time it is needed. */
  invalidate(root?: string): void {
    if (root === undefined) this.indexes.clear();
    else this.indexes.delete(root);
  }

  index(root: string): BaselineIndex | undefined {
    if (!this.trusted()) return undefined;
    if (this.indexes.has(root)) return this.indexes.get(root);
    let index: BaselineIndex | undefined;
    const file = path.join(root, BASELINE_FILE);
    let text: string | undefined;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      text = undefined; // no baseline: the normal case
    }
    if (text !== undefined) {
      const { baseline, problems } = parseBaseline(text);
      for (const p of problems) this.log.once(`baseline:${root}:${p}`, `partner-auth-lint: ${p}`);
      index = new BaselineIndex(baseline);
      this.log.info(`partner-auth-lint: ${BASELINE_FILE} in ${root}: ${index.size} baselined finding${index.size === 1 ? '' : 's'}`);
    }
    this.indexes.set(root, index);
    return index;
  }

  /** The diagnostics to show for `uri`: those whose finding the folder's baseline does not list. */
  apply(uri: string, root: string | undefined, rel: string | undefined, items: readonly Item[]): Diagnostic[] {
    const index = root && rel ? this.index(root) : undefined;
    if (!index || index.size === 0) {
      this.setHidden(uri, 0);
      return items.map((i) => i.diagnostic);
    }
    const shown: Diagnostic[] = [];
    let hidden = 0;
    for (const i of items) {
      const ruleId = typeof i.diagnostic.code === 'string' ? i.diagnostic.code : undefined;
      if (ruleId && i.fingerprint && index.has({ ruleId, file: rel!, fingerprint: i.fingerprint })) hidden++;
      else shown.push(i.diagnostic);
    }
    this.setHidden(uri, hidden);
    return shown;
  }

  /** Hidden findings of one file (after its last `apply`). */
  hiddenIn(uri: string): number {
    return this.hidden.get(uri) ?? 0;
  }

  /** The file no longer has diagnostics (closed without a scan, deleted, ignored). */
  forget(uri: string): void {
    this.setHidden(uri, 0);
  }

  total(): number {
    let n = 0;
    for (const v of this.hidden.values()) n += v;
    return n;
  }

  private setHidden(uri: string, n: number): void {
    if ((this.hidden.get(uri) ?? 0) === n) return;
    if (n === 0) this.hidden.delete(uri);
    else this.hidden.set(uri, n);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, 200);
  }

  /** Send the total now if it changed (the end of a scan does this). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const total = this.total();
    if (total === this.lastSent) return;
    this.lastSent = total;
    this.changed(total);
  }
}
