// Loads web-tree-sitter and the grammar .wasm files shipped by the npm grammar packages, lazily and once.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { Language, Parser, type Edit, type ParseOptions, type Tree } from 'web-tree-sitter';
import type { LanguageId } from '../model/types';

// Root cause of the "grammar loaded after PowerShell takes seconds" pitfall, measured here: V8 tiers the
// PowerShell grammar's huge parse function up to TurboFan in the background, which takes 20+ s of CPU,
// delays every later wasm compile (27 s for Python) and keeps the process from exiting. Liftoff (V8's
// baseline wasm compiler) parses PowerShell as fast here (5,000 lines: ~0.9 s either way), so tier-up is
// switched off before any grammar is compiled. This process-wide flag touches only WebAssembly.
v8.setFlagsFromString('--liftoff-only');

export type TreeSitterLanguage = 'csharp' | 'java' | 'python' | 'powershell';

/** Load order that avoids the slow-after-PowerShell pitfall. */
const ORDER: TreeSitterLanguage[] = ['csharp', 'java', 'python', 'powershell'];

const WASM: Record<TreeSitterLanguage, { pkg: string; file: string }> = {
  csharp: { pkg: 'tree-sitter-c-sharp', file: 'tree-sitter-c_sharp.wasm' },
  java: { pkg: 'tree-sitter-java', file: 'tree-sitter-java.wasm' },
  python: { pkg: 'tree-sitter-python', file: 'tree-sitter-python.wasm' },
  powershell: { pkg: 'tree-sitter-powershell', file: 'tree-sitter-powershell.wasm' },
};

/** Where a .wasm file lives: next to the bundle (dist/), else in its npm package. Overridable for tests. */
export let wasmDirOverride: string | undefined;
export function setWasmDir(dir: string | undefined): void {
  wasmDirOverride = dir;
}

function locate(file: string, pkg: string): string {
  const candidates = [
    ...(wasmDirOverride ? [path.join(wasmDirOverride, file)] : []),
    path.join(__dirname, file),
    path.join(__dirname, 'wasm', file),
  ];
  for (const c of candidates) if (fs.existsSync(c)) return c;
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

const LABEL: Record<TreeSitterLanguage, string> = { csharp: 'C#', java: 'Java', python: 'Python', powershell: 'PowerShell' };

/**
 * A grammar (or web-tree-sitter itself) that failed to load. The failure is kept: that language is not analysed
 * in this process (the engine gives its files an empty model and says why), every other language still is.
 */
export class GrammarUnavailable extends Error {
  constructor(
    readonly language: TreeSitterLanguage,
    reason: string,
  ) {
    super(`not analysed: the ${LABEL[language]} grammar could not be loaded (${reason}); ${LABEL[language]} files are skipped`);
    this.name = 'GrammarUnavailable';
  }
}

let init: Promise<void> | undefined;
const languages = new Map<TreeSitterLanguage, Promise<Language>>();

function initParser(): Promise<void> {
  init ??= Parser.init({
    locateFile: (name: string) => {
      const local = [wasmDirOverride, __dirname].filter(Boolean).map((d) => path.join(d as string, name));
      for (const c of local) if (fs.existsSync(c)) return c;
      return path.join(path.dirname(require.resolve('web-tree-sitter')), name);
    },
  });
  return init;
}

function loadOne(lang: TreeSitterLanguage): Promise<Language> {
  let p = languages.get(lang);
  if (!p) {
    const { pkg, file } = WASM[lang];
    p = initParser()
      .then(() => Language.load(fs.readFileSync(locate(file, pkg))))
      .catch((e: unknown) => {
        // First line of the reason only, without paths: it is shown to users.
        const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0].replace(/\/\S+/g, '…').slice(0, 160);
        throw new GrammarUnavailable(lang, reason);
      });
    p.catch(() => undefined); // the failure is reported by whoever awaits it
    languages.set(lang, p);
  }
  return p;
}

/** The grammar for `lang`. Loading PowerShell first loads the other grammars (cheap) so none ever loads after it. */
export async function grammar(lang: TreeSitterLanguage): Promise<Language> {
  if (lang === 'powershell') {
    for (const other of ORDER.slice(0, -1)) await loadOne(other).catch(() => undefined);
  }
  return loadOne(lang);
}

/** A parser set to `lang`. Parsers are cheap; one per call keeps adapters re-entrant. */
export async function parserFor(lang: TreeSitterLanguage): Promise<Parser> {
  const language = await grammar(lang);
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/**
 * Trees kept for editor documents (key: the document and the parse), so that the next version of the text is
 * parsed incrementally: tree-sitter reuses every subtree the edit did not touch. A 5,000-line file re-parses in
 * a few milliseconds instead of about a hundred. Bounded: the least recently used trees are released.
 */
const kept = new Map<string, { text: string; tree: Tree }>();
const KEEP = 24;
/** How often a kept tree was reused, and how often a text with syntax errors was parsed afresh instead (tests read it). */
export const keptStats = { incremental: 0, fresh: 0 };

/** The single edit that turns `before` into `after`: common prefix and suffix kept, the middle replaced. */
export function editBetween(before: string, after: string): ConstructorParameters<typeof Edit>[0] {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  const point = (text: string, at: number) => {
    let row = 0;
    let lineStart = 0;
    for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) {
      row++;
      lineStart = i + 1;
    }
    return { row, column: at - lineStart };
  };
  const startPosition = point(before, start);
  return {
    startIndex: start,
    oldEndIndex: before.length - tail,
    newEndIndex: after.length - tail,
    startPosition,
    oldEndPosition: point(before, before.length - tail),
    newEndPosition: point(after, after.length - tail),
  };
}

/**
 * `parser.parse(text)`, incremental when `key` names a parse kept from an earlier version of the same document
 * (`ParseOptions.document`). The tree returned is the caller's to delete; a copy is kept for the next version.
 */
export function parseKept(parser: Parser, text: string, progress: ParseOptions | undefined, key: string | undefined): Tree | null {
  if (!key) return parser.parse(text, null, progress);
  const previous = kept.get(key);
  let old: Tree | null = null;
  if (previous) {
    kept.delete(key);
    old = previous.tree;
    old.edit(editBetween(previous.text, text) as Edit);
  }
  let tree: Tree | null;
  try {
    tree = parser.parse(text, old, progress);
  } finally {
    old?.delete();
  }
  // Error recovery may take another path when it starts from reused subtrees: a text with syntax errors is parsed
  // afresh, so the model (and the findings) never depend on the editing history.
  if (old && tree?.rootNode.hasError) {
    tree.delete();
    tree = parser.parse(text, null, progress);
    keptStats.fresh++;
  } else if (old) keptStats.incremental++;
  if (tree) {
    kept.set(key, { text, tree: tree.copy() });
    for (const [k, v] of kept) {
      if (kept.size <= KEEP) break;
      v.tree.delete();
      kept.delete(k);
    }
  }
  return tree;
}

/** Releases the trees kept for a document (closed in the editor). */
export function forgetTrees(document: string): void {
  for (const [k, v] of kept) {
    if (!k.startsWith(`${document}\u0000`)) continue;
    v.tree.delete();
    kept.delete(k);
  }
}

/** The key of a document's parse with a grammar (`forgetTrees` releases every key of the document). */
export function keptKey(document: string | undefined, grammar: TreeSitterLanguage): string | undefined {
  return document === undefined ? undefined : `${document}\u0000${grammar}`;
}

export function isTreeSitterLanguage(l: LanguageId): l is TreeSitterLanguage {
  return (ORDER as string[]).includes(l);
}

export { Parser, Language };
export type { Node, Tree } from 'web-tree-sitter';
