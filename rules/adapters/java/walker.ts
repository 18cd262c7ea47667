// The Java walker: the handler tables of the Java modules.
import { Walker } from '../common/walker';
import { callHandlers } from './calls';
import { declarationHandlers } from './declarations';
import { expressionHandlers } from './expressions';
import { stringHandlers } from './strings';

const EXPRESSIONS = { ...expressionHandlers, ...stringHandlers, ...callHandlers };

export class JavaWalker extends Walker {
  protected readonly exprHandlers = EXPRESSIONS;
  protected readonly stmtHandlers = declarationHandlers;
}
