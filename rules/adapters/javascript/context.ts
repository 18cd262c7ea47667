// State shared by the JavaScript/TypeScript adapter's modules while one file is converted.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Expr, LanguageId, Range, UnknownExpr } from '../../model/types';
import type { Budget } from '../budget';
import { ModelCollector } from '../common/model-collector';

export type N = TSESTree.Node;

export class JsContext {
  readonly b: ModelCollector;
  /** String, regex and JSX text ranges, which the lexical comment scan must not look into. */
  readonly opaque: Range[] = [];
  /** `import { name as alias } from 'm'`: alias -> name. */
  readonly aliases = new Map<string, string>();
  private readonly length: number;

  constructor(
    language: LanguageId,
    readonly text: string,
    budget?: Budget,
  ) {
    this.b = new ModelCollector(language, text, budget);
    this.length = text.length;
  }

  /** Node range, clamped: recovery may have appended closing brackets past the end of the real text. */
  rng(n: { range: [number, number] }): Range {
    return { start: Math.min(n.range[0], this.length), end: Math.min(n.range[1], this.length) };
  }

  unknown(n: { range: [number, number] }, children?: Expr[]): UnknownExpr {
    const range = this.rng(n);
    const e: UnknownExpr = { kind: 'unknown', text: this.text.slice(range.start, range.end), range };
    if (children?.length) e.children = children;
    return e;
  }
}

/** Range of an identifier's name alone (typescript-estree includes `: Type` and `?` in a typed identifier). */
export function idRange(ctx: JsContext, id: TSESTree.Identifier): Range {
  const r = ctx.rng(id);
  return { start: r.start, end: Math.min(r.end, r.start + id.name.length) };
}
