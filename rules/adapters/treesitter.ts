// Loads web-tree-sitter and the grammar .wasm files shipped by the npm grammar packages, lazily and once.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { Language, Parser } from 'web-tree-sitter';
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

export function isTreeSitterLanguage(l: LanguageId): l is TreeSitterLanguage {
  return (ORDER as string[]).includes(l);
}

export { Parser, Language };
export type { Node, Tree } from 'web-tree-sitter';
