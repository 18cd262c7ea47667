// The C# walker: the handler tables of the C# modules, plus the per-file state they share.
import type { Call, Pair } from '../../model/types';
import type { Node } from '../treesitter';
import { Walker } from '../common/walker';
import { callHandlers } from './calls';
import { declarationHandlers } from './declarations';
import { expressionHandlers } from './expressions';
import { stringHandlers } from './strings';

const EXPRESSIONS = { ...expressionHandlers, ...stringHandlers, ...callHandlers };

export class CsWalker extends Walker {
  protected readonly exprHandlers = EXPRESSIONS;
  protected readonly stmtHandlers = declarationHandlers;
  /** The declared type of the declaration whose initializer is node `id`, for target-typed `new(...)`. */
  typeHint: { id: number; type: Node } | undefined;
  /** Pairs made for KeyValuePair constructions, so a collection initializer can list them as its entries. */
  readonly kvPairs = new Map<Call, Pair>();
}
