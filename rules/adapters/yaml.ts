// YAML adapter (pipelines, workflows, any .yml): mappings become 'yaml' Pairs with full key paths; inline PowerShell steps are parsed and merged in.
import { Composer, isAlias, isMap, isScalar, isSeq, Parser, type Node, type Pair as YamlPair, type Scalar, type YAMLMap } from 'yaml';
import type { Expr, FileModel, LanguageId, Pair, StringExpr } from '../model/types';
import type { Adapter } from './adapter';
import type { Budget } from './budget';
import { getAdapter } from './index';
import { ConfigModel, lit, rng } from './config/build';
import { embedScripts, type PendingScript } from './config/embed';
import { defaultShell, getValue, powershellScript } from './config/pipelines';
import { scalarExpr } from './config/yamlscalar';

/** `loadPowerShell` is injectable so the embedding can be tested without the real PowerShell adapter. */
export function createYamlAdapter(loadPowerShell: () => Promise<Adapter> = () => getAdapter('powershell')): Adapter {
  return {
    languages: ['yaml'],
    async parse(text: string, language: LanguageId, fileName: string, budget?: Budget): Promise<FileModel> {
      const out = new ConfigModel(language, text, 'yaml');
      const scripts: PendingScript[] = [];
      if (text.length > 0) {
        try {
          const tokens = Array.from(new Parser().parse(text));
          collectComments(tokens, out);
          // uniqueKeys is quadratic in the yaml package (each key compared with all before it); the walker checks duplicates with a Set.
          for (const doc of new Composer({ keepSourceTokens: true, uniqueKeys: false }).compose(tokens)) {
            for (const e of doc.errors) out.error(e.pos[0], e.pos[1]);
            if (doc.contents) new YamlWalker(text, out, scripts).node(doc.contents, [], undefined, false);
          }
        } catch {
          // The yaml package is error-tolerant; this only guards against a bug in it.
          out.error(0, text.length);
        }
      }
      await embedScripts(out, scripts, loadPowerShell, fileName, budget);
      return out.finish();
    },
  };
}

export const yamlAdapter: Adapter = createYamlAdapter();

class YamlWalker {
  /** Anchor name -> the expression of the most recent node with that anchor (what an alias refers to). */
  private readonly anchors = new Map<string, Expr>();
  /** Node -> its expression, so derived pairs reuse the value already built (and already in `strings`). */
  private readonly built = new Map<unknown, Expr>();
  /** Scalars found to hold an inline PowerShell script (they sit in the step or in its `inputs`). */
  private readonly scriptNodes = new Set<Scalar>();

  constructor(
    private readonly text: string,
    private readonly out: ConfigModel,
    private readonly scripts: PendingScript[],
  ) {}

  node(n: unknown, path: string[], shell: string | undefined, inSequence: boolean): Expr {
    let e: Expr;
    if (isMap(n)) e = this.mapping(n, path, shell, inSequence);
    else if (isSeq(n)) {
      const items = n.items.map((item, i) => this.node(item, [...path, String(i)], shell, true));
      e = { kind: 'array', items, range: this.range(n) };
    } else if (isScalar(n)) {
      e = scalarExpr(n, this.text);
      this.out.string(e);
    } else if (isAlias(n)) {
      const [s, end] = n.range ?? [0, 0];
      e = this.anchors.get(n.source) ?? { kind: 'unknown', text: this.text.slice(s, end), range: rng(s, end) };
    } else {
      return lit('', 0, 0);
    }
    const anchor = (n as Node).anchor;
    if (anchor) this.anchors.set(anchor, e);
    this.built.set(n, e);
    return e;
  }

  private mapping(map: YAMLMap, path: string[], inherited: string | undefined, inSequence: boolean): Expr {
    const shell = defaultShell(map) ?? inherited;
    const script = inSequence ? powershellScript(map, shell) : undefined;
    if (script) this.scriptNodes.add(script);
    const entries: Pair[] = [];
    const keys = new Set<string>();
    for (const item of map.items) {
      const pair = this.pair(item as YamlPair, path, shell);
      if (!pair) continue;
      if (keys.has(pair.key)) this.out.error(pair.keyRange.start, pair.keyRange.end);
      keys.add(pair.key);
      entries.push(pair);
    }
    return { kind: 'object', entries, spreads: [], range: this.range(map) };
  }

  private pair(item: YamlPair, path: string[], shell: string | undefined): Pair | undefined {
    const keyNode = item.key;
    const keyExpr = isScalar(keyNode) && keyNode.range && keyNode.range[1] > keyNode.range[0] ? scalarExpr(keyNode, this.text) : undefined;
    if (!keyExpr) {
      // Complex or empty keys: no pair, but strings inside still count.
      if (keyNode) this.node(keyNode, path, shell, false);
      this.node(item.value, path, shell, false);
      return undefined;
    }
    const key = keyExpr.kind === 'string' ? keyExpr.text : keyExpr.kind === 'literal' ? keyExpr.text : '';
    const keyRange = keyExpr.kind === 'string' ? keyExpr.contentRange : keyExpr.range;
    const childPath = [...path, key];
    let value: Expr;
    if (isScalar(item.value) && this.scriptNodes.has(item.value)) {
      // The script's text is represented by the embedded model; the whole block is not one more string.
      value = scalarExpr(item.value, this.text);
      this.scripts.push({ node: item.value, expr: value as StringExpr, text: this.text });
    } else if (item.value == null) {
      value = lit('', keyRange.end, keyRange.end);
    } else {
      value = this.node(item.value, childPath, shell, false);
    }
    const end = Math.max(keyExpr.range.end, value.range.end);
    const pair = this.out.pair(key, keyRange, value, rng(keyExpr.range.start, end), childPath);
    if (key === 'variables' && isSeq(item.value)) this.listVariables(item.value.items, childPath);
    return pair;
  }

  /** Azure Pipelines `variables:` list form (`- name: X` / `value: Y`): also a pair named X, so secret-like names are seen. */
  private listVariables(items: unknown[], path: string[]): void {
    for (const item of items) {
      if (!isMap(item)) continue;
      const nameNode = getValue(item, 'name');
      if (!isScalar(nameNode) || typeof nameNode.value !== 'string') continue;
      const nameExpr = scalarExpr(nameNode, this.text);
      if (nameExpr.kind !== 'string') continue;
      const valueNode = getValue(item, 'value');
      const value = this.built.get(valueNode);
      const start = this.range(item).start;
      const end = Math.max(nameExpr.range.end, value?.range.end ?? 0);
      this.out.pair(nameExpr.text, nameExpr.contentRange, value ?? lit('', end, end), rng(start, end), [...path, nameExpr.text]);
    }
  }

  private range(n: Node) {
    const [s, valueEnd] = n.range ?? [0, 0];
    return rng(s, valueEnd);
  }
}

interface CstLike {
  type?: string;
  offset?: number;
  source?: string;
}

/** Comments live only in the CST; walk it generically since they can sit in many token fields. */
function collectComments(tokens: unknown[], out: ConfigModel): void {
  const stack: unknown[] = [...tokens];
  while (stack.length) {
    const t = stack.pop();
    if (Array.isArray(t)) {
      for (const x of t) stack.push(x);
      continue;
    }
    if (!t || typeof t !== 'object') continue;
    const tok = t as CstLike;
    if (tok.type === 'comment' && typeof tok.offset === 'number' && typeof tok.source === 'string') {
      out.comment(tok.source.slice(1), tok.offset, tok.offset + tok.source.length);
      continue;
    }
    for (const v of Object.values(t)) if (v && typeof v === 'object') stack.push(v);
  }
}
