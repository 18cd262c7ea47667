// Which files the engine reads in a tree: one decision for the CLI and the language server. Gitignore
// semantics (the `ignore` package) for `.gitignore` files, `.partner-auth-lint.json` `ignore` globs and the
// editor's `partnerAuthLint.exclude`; brace lists (`**/*.{ps1,py}`) in configured globs are expanded.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { languageOf } from '../../rules/adapters/languages';
import { CONFIG_FILE } from '../../rules/engine/config';
import { BASELINE_FILE } from '../../rules/engine/baseline';

/** Folders never walked (nor linted from disk). */
export const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn']);
/** The tool's own files are JSON the engine could read, but never the user's code. */
export const OWN_FILES = new Set([CONFIG_FILE, BASELINE_FILE]);

/** A file name the engine reads (and not one of the tool's own files). */
export function isEngineFile(fileName: string): boolean {
  const base = path.basename(fileName);
  return !!languageOf(base) && !OWN_FILES.has(base);
}

/** `file` relative to `base` with forward slashes, or undefined when it is not below `base`. */
export function relativeTo(base: string, file: string): string | undefined {
  const rel = path.relative(base, file);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/** `a/{b,c}/*.{x,y}` -> the four plain globs (nested lists too); at most 256 results. */
export function expandBraces(glob: string): string[] {
  let depth = 0;
  let start = -1;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' && depth > 0 && --depth === 0) {
      const parts = splitTopLevel(glob.slice(start + 1, i));
      if (parts.length < 2) continue;
      const out: string[] = [];
      for (const part of parts) {
        for (const g of expandBraces(glob.slice(0, start) + part + glob.slice(i + 1))) if (out.length < 256) out.push(g);
      }
      return out;
    }
  }
  return [glob];
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(body.slice(from));
  return parts;
}

const compiled = new Map<string, Ignore>();

/** A gitignore-semantics matcher for configured globs (compiled once per distinct list). */
export function globMatcher(globs: readonly string[]): Ignore {
  const key = JSON.stringify(globs);
  let hit = compiled.get(key);
  if (!hit) {
    hit = ignore().add(globs.flatMap(expandBraces));
    if (compiled.size > 64) compiled.clear();
    compiled.set(key, hit);
  }
  return hit;
}

/** Whether configured `globs` exclude `rel` (a root-relative path with forward slashes). Never throws. */
export function matchesGlobs(globs: readonly string[], rel: string, isDir = false): boolean {
  if (globs.length === 0 || !rel) return false;
  try {
    return globMatcher(globs).ignores(isDir ? `${rel}/` : rel);
  } catch {
    return false; // A malformed glob must not stop linting.
  }
}

interface Layer {
  base: string;
  rules: Ignore;
}

/**
 * The ignore decision for one root: configured globs (relative to `root`) and, when `useIgnoreFiles`,
 * every `.gitignore` from `root` down to the file (each relative to its own folder). Caches the
 * `.gitignore` files it reads; make a new one when they may have changed.
 */
export class FileFilter {
  private readonly gitignores = new Map<string, Ignore | null>();

  constructor(
    readonly root: string,
    private readonly globs: readonly string[],
    private readonly useIgnoreFiles: boolean,
  ) {}

  /** Whether `full` (a file or folder) is left out by a .gitignore, a configured glob or the always-skipped folders. */
  ignores(full: string, isDir: boolean): boolean {
    const rel = relativeTo(this.root, full);
    if (rel && rel.split('/').some((s) => ALWAYS_SKIPPED.has(s))) return true;
    return this.ignoredBy(full, isDir, this.layersFor(path.dirname(full)));
  }

  /** A file a workspace scan would read: an engine file type, not ignored. */
  accepts(file: string): boolean {
    return isEngineFile(file) && !this.ignores(file, false);
  }

  /** Engine files below `dir` (sorted by name per folder), skipping ignored files and folders without entering them. */
  *walk(dir: string): Generator<string> {
    yield* this.walkDir(dir, this.layersFor(path.dirname(dir)));
  }

  private *walkDir(dir: string, parent: Layer[]): Generator<string> {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const layers = this.withOwn(dir, parent);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (ALWAYS_SKIPPED.has(e.name)) continue;
      const full = path.join(dir, e.name);
      const isDir = e.isDirectory();
      if (this.ignoredBy(full, isDir, layers)) continue;
      if (isDir) yield* this.walkDir(full, layers);
      else if (e.isFile() && isEngineFile(e.name)) yield full;
    }
  }

  private ignoredBy(full: string, isDir: boolean, layers: Layer[]): boolean {
    for (const { base, rules } of layers) {
      const rel = relativeTo(base, full);
      if (rel && rules.ignores(isDir ? `${rel}/` : rel)) return true;
    }
    const rel = relativeTo(this.root, full);
    return rel !== undefined && matchesGlobs(this.globs, rel, isDir);
  }

  /** The .gitignore layers that apply to entries of `dir`: from the root (when `dir` is below it) down to `dir`. */
  private layersFor(dir: string): Layer[] {
    if (!this.useIgnoreFiles) return [];
    const rel = path.relative(this.root, dir);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return []; // outside the root: only the folders walked count
    const chain = [this.root];
    if (rel) {
      let at = this.root;
      for (const part of rel.split(path.sep)) chain.push((at = path.join(at, part)));
    }
    return chain.reduce<Layer[]>((layers, d) => this.withOwn(d, layers), []);
  }

  private withOwn(dir: string, layers: Layer[]): Layer[] {
    if (!this.useIgnoreFiles) return layers;
    let rules = this.gitignores.get(dir);
    if (rules === undefined) {
      const file = path.join(dir, '.gitignore');
      rules = fs.existsSync(file) ? ignore().add(safeRead(file)) : null;
      this.gitignores.set(dir, rules);
    }
    return rules ? [...layers, { base: dir, rules }] : layers;
  }
}

export interface Collected {
  files: string[];
  /** Paths given that do not exist. */
  missing: string[];
}

/** Files below `paths` that the engine reads. `root` anchors .gitignore files and ignore globs; a named file is always read. */
export function collectFiles(paths: readonly string[], root: string, ignoreGlobs: readonly string[], useIgnoreFiles: boolean): Collected {
  const filter = new FileFilter(root, useIgnoreFiles ? ignoreGlobs : [], useIgnoreFiles);
  const files: string[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    const abs = path.resolve(p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) files.push(...filter.walk(abs));
    else files.push(abs); // an explicitly named file is always read (or reported as unsupported)
  }
  return { files: [...new Set(files)], missing };
}

function safeRead(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
