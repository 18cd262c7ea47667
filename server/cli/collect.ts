// Which files a scan reads: the given paths, walked recursively, minus .gitignore'd and configured ignores.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { languageOf } from '../../rules/adapters/languages';
import { CONFIG_FILE } from '../../rules/engine/config';
import { BASELINE_FILE } from '../../rules/engine/baseline';

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn']);
/** The tool's own files are JSON the engine could read, but never the user's code. */
const OWN_FILES = new Set([CONFIG_FILE, BASELINE_FILE]);

export interface Collected {
  files: string[];
  /** Paths given on the command line that do not exist. */
  missing: string[];
}

/** Files below `paths` that the engine reads. `root` anchors .gitignore and ignore globs. */
export function collectFiles(paths: readonly string[], root: string, ignoreGlobs: readonly string[], useIgnoreFiles: boolean): Collected {
  const files: string[] = [];
  const missing: string[] = [];
  const rootIgnore = ignore().add(ignoreGlobs as string[]);
  const walk = (dir: string, rules: Ignore[]) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    let local = rules;
    if (useIgnoreFiles) {
      const gi = path.join(dir, '.gitignore');
      if (fs.existsSync(gi)) {
        const ig = ignore().add(safeRead(gi));
        (ig as Ignore & { base?: string }).base = dir;
        local = [...rules, ig];
      }
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (ALWAYS_SKIPPED.has(e.name)) continue;
      const full = path.join(dir, e.name);
      if (isIgnored(full, e.isDirectory(), local, root, useIgnoreFiles ? rootIgnore : undefined)) continue;
      if (e.isDirectory()) walk(full, local);
      else if (e.isFile() && languageOf(e.name) && !OWN_FILES.has(e.name)) files.push(full);
    }
  };
  for (const p of paths) {
    const abs = path.resolve(p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(abs, []);
    else files.push(abs); // an explicitly named file is always read (or reported as unsupported)
  }
  return { files: [...new Set(files)], missing };
}

function isIgnored(full: string, isDir: boolean, rules: Ignore[], root: string, rootIgnore: Ignore | undefined): boolean {
  for (const r of rules) {
    const base = (r as Ignore & { base?: string }).base!;
    const rel = path.relative(base, full).split(path.sep).join('/');
    if (rel && !rel.startsWith('..') && r.ignores(isDir ? rel + '/' : rel)) return true;
  }
  if (rootIgnore) {
    const rel = path.relative(root, full).split(path.sep).join('/');
    if (rel && !rel.startsWith('..') && rootIgnore.ignores(isDir ? rel + '/' : rel)) return true;
  }
  return false;
}

function safeRead(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
