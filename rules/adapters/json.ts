// JSON / JSONC adapter: every object member becomes a 'json' Pair with its full key path; package.json dependencies become package imports.
import * as path from 'node:path';
import { createScanner, parseTree, SyntaxKind, type Node, type ParseError } from 'jsonc-parser';
import type { Expr, FileModel, LanguageId, Pair } from '../model/types';
import type { Adapter } from './adapter';
import { MAX_WALK_DEPTH, WalkGuard, type Budget } from './budget';
import { blank } from './common/blanking';
import { deepRegions } from './javascript/brackets';
import { ConfigModel, contentStart, lit, rng, str } from './config/build';

const DEPENDENCY_SECTIONS = new Set(['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']);

export const jsonAdapter: Adapter = {
  languages: ['json'],
  async parse(text: string, language: LanguageId, fileName: string, budget?: Budget): Promise<FileModel> {
    return parseJson(text, language, fileName, budget);
  },
};

export function parseJson(text: string, language: LanguageId, fileName: string, budget?: Budget): FileModel {
  const out = new ConfigModel(language, text, 'json');
  if (text.length === 0) return out.finish();
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    // jsonc-parser rejects a byte-order mark; a space of the same length keeps every offset.
    let source = contentStart(text) ? ' ' + text.slice(1) : text;
    try {
      root = parseTree(source, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
    } catch (e) {
      // jsonc-parser recurses per nesting level: on a stack overflow, blank what the walk would not descend into anyway.
      const deep = e instanceof RangeError ? deepRegions(source, MAX_WALK_DEPTH) : [];
      if (!deep.length) throw e;
      for (const r of deep) {
        out.error(r.start, r.end);
        source = blank(source, r);
      }
      errors.length = 0;
      root = parseTree(source, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
    }
  } catch {
    out.error(0, text.length);
  }
  for (const e of errors) out.error(e.offset, e.offset + e.length);
  collectComments(text, out);
  if (root) {
    const isManifest = path.basename(fileName).toLowerCase() === 'package.json';
    try {
      new JsonWalker(text, out, isManifest, new WalkGuard(out.model.errors, text.length, budget)).value(root, []);
    } catch {
      // A walker bug must not escape the adapter: keep what was built, flag the file.
      out.error(0, text.length);
    }
  }
  return out.finish();
}

class JsonWalker {
  constructor(
    private readonly text: string,
    private readonly out: ConfigModel,
    private readonly isManifest: boolean,
    private readonly guard: WalkGuard,
  ) {}

  value(node: Node, path: string[]): Expr {
    const start = node.offset;
    const end = node.offset + node.length;
    // Nested too deeply (a stack overflow otherwise) or out of time: kept as unknown, recorded as an error.
    if (!this.guard.enter(start, end)) return { kind: 'unknown', text: this.text.slice(start, end), range: rng(start, end) };
    try {
      return this.convert(node, path, start, end);
    } finally {
      this.guard.leave();
    }
  }

  private convert(node: Node, path: string[], start: number, end: number): Expr {
    switch (node.type) {
      case 'string': {
        // A string node that the parser had to cut short (unterminated) has no closing quote.
        const closed = node.length >= 2 && this.text.charCodeAt(end - 1) === 34;
        const e = str(String(node.value ?? ''), start + 1, closed ? end - 1 : end, start, end);
        this.out.string(e);
        return e;
      }
      case 'object': {
        const entries: Pair[] = [];
        for (const prop of node.children ?? []) {
          const pair = this.property(prop, path);
          if (pair) entries.push(pair);
        }
        return { kind: 'object', entries, spreads: [], range: rng(start, end) };
      }
      case 'array': {
        const items = (node.children ?? []).map((child, i) => this.value(child, [...path, String(i)]));
        return { kind: 'array', items, range: rng(start, end) };
      }
      case 'property':
        // Not reachable for well-formed trees; keep the text rather than drop it.
        return { kind: 'unknown', text: this.text.slice(start, end), range: rng(start, end) };
      default:
        return lit(this.text.slice(start, end), start, end);
    }
  }

  private property(prop: Node, parentPath: string[]): Pair | undefined {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || keyNode.type !== 'string') return undefined;
    const key = String(keyNode.value);
    const keyEnd = keyNode.offset + keyNode.length;
    const keyClosed = keyNode.length >= 2 && this.text.charCodeAt(keyEnd - 1) === 34;
    const keyRange = rng(keyNode.offset + 1, keyClosed ? keyEnd - 1 : keyEnd);
    const path = [...parentPath, key];
    if (!valueNode) return undefined; // `"key":` cut off by a syntax error; the error is recorded
    const value = this.value(valueNode, path);
    const pair = this.out.pair(key, keyRange, value, rng(prop.offset, prop.offset + prop.length), path);
    if (this.isManifest && parentPath.length === 1 && DEPENDENCY_SECTIONS.has(parentPath[0])) {
      this.out.packageImport(key, keyRange);
    }
    return pair;
  }
}

/** JSONC line and block comments, found with the tokenizer so strings that contain `//` are not mistaken. */
function collectComments(text: string, out: ConfigModel): void {
  const scanner = createScanner(text, false);
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind !== SyntaxKind.LineCommentTrivia && kind !== SyntaxKind.BlockCommentTrivia) continue;
    const start = scanner.getTokenOffset();
    const end = start + scanner.getTokenLength();
    const raw = text.slice(start, end);
    const body = kind === SyntaxKind.LineCommentTrivia ? raw.slice(2) : raw.slice(2, raw.endsWith('*/') && raw.length >= 4 ? -2 : undefined);
    out.comment(body, start, end);
  }
}
