// State shared by the Python adapter's modules while one file is converted.
import type { Node } from 'web-tree-sitter';
import type { Expr, Range, StringExpr, UnknownExpr } from '../../model/types';
import type { Budget } from '../budget';
import { ModelCollector } from '../common/model-collector';
import type { RawSegment } from './strings';

export function rng(n: Node): Range {
  return { start: n.startIndex, end: n.endIndex };
}

export class PyContext {
  readonly b: ModelCollector;
  /** Source segments of plain literals, for splitting `%` / `.format` formats. */
  readonly rawOf = new WeakMap<StringExpr, RawSegment[]>();
  /** `from m import name as alias`: alias -> name. */
  readonly aliases = new Map<string, string>();

  constructor(text: string, budget?: Budget) {
    this.b = new ModelCollector('python', text, budget);
  }

  /** A string piece of a larger literal: its range is its content. */
  piece(text: string, range: Range): StringExpr {
    return this.b.str(text, range, range);
  }

  unknown(n: Node, children?: Expr[]): UnknownExpr {
    const e: UnknownExpr = { kind: 'unknown', text: n.text, range: rng(n) };
    if (children?.length) e.children = children;
    return e;
  }
}
