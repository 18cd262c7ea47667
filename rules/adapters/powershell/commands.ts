// PowerShell commands: `Verb-Noun -Param value -Switch positional @splat`, `& $cmd`, `. ./x.ps1`, and what New-Object / Import-Module / using imply.
import type { Call, Expr, NameExpr, NamedArg, StringExpr } from '../../model/types';
import { noteReference } from '../../model/types';
import type { Node } from '../treesitter';
import type { Ctx } from './context';
import { argumentList, callExpr, expr, invocationParts } from './expr';
import { splitTypeName, variableName } from './names';
import { unwrap } from './nodes';
import { visit } from './statements';

/**
 * Parameters that are switches wherever they appear, so a value after them is positional
 * (`ConvertTo-SecureString -AsPlainText -Force $pw`). Any other `-Name value` binds the value.
 */
const SWITCHES = new Set(['asplaintext', 'force', 'passthru', 'verbose', 'debug', 'whatif', 'serviceprincipal', 'usedeviceauthentication', 'assecurestring']);

/** The grammar reads `1..3 | % {}` as a command named `1..3`. */
const RANGE_AS_COMMAND = /^[0-9]+\.\.[0-9]*$/;

/** Converts a `command` node (with its pipeline input); undefined when it is not really a command (`using ...`, `1..3`). */
export function commandCall(ctx: Ctx, n: Node, input?: Expr): Call | undefined {
  const nameNode = n.childForFieldName('command_name');
  const elements = n.childForFieldName('command_elements');
  const name = nameNode ? commandName(ctx, nameNode) : undefined;
  if (!nameNode || name === undefined) {
    if (elements) visit(ctx, elements);
    return undefined;
  }
  const lower = name.toLowerCase();
  if (lower === 'using' && elements) {
    usingImport(ctx, elements);
    return undefined;
  }
  const call: Call = { kind: 'command', callee: [name], name, args: [], named: [], range: ctx.range(n), calleeRange: ctx.range(nameNode), nameRange: ctx.range(nameNode), scope: ctx.scope };
  if (input) call.input = input;
  ctx.addCall(call);
  if (elements) commandElements(ctx, elements, call);
  if (lower === 'new-object') newObject(ctx, call);
  else if (lower === 'import-module' || lower === 'ipmo') importModule(ctx, call);
  return call;
}

/** The command's name as written; `& 'x'` gives x, `& { ... }` gives '{}' (the block is walked as a scope). */
function commandName(ctx: Ctx, nameNode: Node): string | undefined {
  if (nameNode.type === 'command_name') return RANGE_AS_COMMAND.test(nameNode.text) ? undefined : nameNode.text;
  const inner = nameNode.namedChild(0);
  if (!inner || inner.type === 'command_name' || inner.type === 'path_command_name') return nameNode.text;
  const e = expr(ctx, inner);
  if (e.kind === 'string') return e.text;
  return inner.type === 'script_block_expression' ? '{}' : nameNode.text;
}

/** Binds `-Param value`, `-Param:value`, switches and positional values, in source order. */
function commandElements(ctx: Ctx, el: Node, call: Call): void {
  let pending: NamedArg | undefined;
  let colon = false;
  let last: { get: () => Expr; set: (e: Expr) => void } | undefined;
  const flush = () => {
    if (pending) call.named.push(pending);
    pending = undefined;
  };
  const add = (v: Expr, end = v.range.end) => {
    if (pending && (colon || !SWITCHES.has(pending.name.toLowerCase()))) {
      const arg = pending;
      arg.value = v;
      // `end`: the argument's own end, past a parenthesized value's closing `)`.
      arg.range = { start: arg.range.start, end: Math.max(v.range.end, end) };
      call.named.push(arg);
      pending = undefined;
      last = { get: () => arg.value!, set: (e) => (arg.value = e) };
    } else {
      flush();
      const i = call.args.push(v) - 1;
      last = { get: () => call.args[i], set: (e) => (call.args[i] = e) };
    }
    colon = false;
  };
  const children = el.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    const dashed = c.type === 'generic_token' ? DASH_PARAMETER.exec(c.text) : null;
    if (dashed) {
      // `–Credential $cred`: PowerShell reads an en/em dash as `-` (scripts pasted from Word and blogs); the grammar reads a bare word.
      flush();
      const nameEnd = c.startIndex + 1 + dashed[1].length;
      pending = { name: dashed[1], nameRange: { start: c.startIndex, end: nameEnd }, range: { start: c.startIndex, end: nameEnd } };
      colon = dashed[2] !== undefined;
      if (dashed[2]) add(dashedValue(ctx, dashed[2], { start: nameEnd + 1, end: c.endIndex }));
      continue;
    }
    switch (c.type) {
      case 'comment':
      case 'stop_parsing':
        continue;
      case 'command_argument_sep':
        if (ctx.model.text[c.startIndex] === ':') colon = true;
        continue;
      case 'command_parameter': {
        flush();
        colon = false;
        if (c.text === '--') continue;
        pending = { name: ctx.model.text.slice(c.startIndex, c.endIndex).replace(LEADING_DASHES, ''), nameRange: ctx.range(c), range: ctx.range(c) };
        continue;
      }
      case 'redirection':
        visit(ctx, c);
        continue;
      case 'argument_list': {
        const items = argumentList(ctx, c);
        add(items.length === 1 ? items[0] : { kind: 'array', items, range: ctx.range(c) });
        continue;
      }
    }
    const next = children[i + 1];
    const inner = unwrap(c);
    if (next?.type === 'argument_list' && next.startIndex === c.endIndex && inner.type === 'member_access') {
      // The grammar splits `$app.Method($x)` in command arguments into a member access and an argument list.
      add(callExpr(invocationParts(ctx, inner, [next], { start: c.startIndex, end: next.endIndex })));
      i++;
      continue;
    }
    const prev = last?.get();
    if (c.type === 'generic_token' && c.text.startsWith(',') && prev && (prev.range.end === c.startIndex || blanksAfterComma(ctx.model.text, prev.range.end, c.startIndex))) {
      // The grammar splits a bare-word list `A,B` into tokens 'A' and ',B' (`A, B` is parsed as `A ,B`: see powershell.ts).
      const raw = c.text.slice(1);
      const q = QUOTED.test(raw) ? 1 : 0; // `A, 'B'` arrives as the token `,'B'`
      const item = ctx.string(raw.slice(q, raw.length - q), { start: c.startIndex + 1, end: c.endIndex }, { start: c.startIndex + 1 + q, end: c.endIndex - q });
      if (prev.kind === 'array' && listsFromTokens.has(prev)) {
        prev.items.push(item);
        prev.range = { start: prev.range.start, end: c.endIndex };
      } else {
        const arr: Expr = { kind: 'array', items: [prev, item], range: { start: prev.range.start, end: c.endIndex } };
        listsFromTokens.add(arr);
        last!.set(arr);
      }
      continue;
    }
    const value = expr(ctx, c);
    if (value.kind === 'array' && prev && prev.range.end === c.startIndex && ctx.model.text[c.startIndex] === ',') {
      // `A, 'B'` / `A,$b`: the grammar reads the bare word, then a unary-comma array: one list, as PowerShell binds it.
      const list: Expr = prev.kind === 'array' && listsFromTokens.has(prev) ? prev : { kind: 'array', items: [prev], range: prev.range };
      if (list.kind === 'array') {
        list.items.push(...value.items);
        list.range = { start: list.range.start, end: c.endIndex };
        listsFromTokens.add(list);
        if (list !== prev) last!.set(list);
      }
      continue;
    }
    add(value, c.endIndex);
  }
  flush();
}

const LEADING_DASHES = /^-+/;
/** A parameter written with an en dash, em dash or horizontal bar (one token, with its `:value` when there is one). */
const DASH_PARAMETER = /^[\u2013\u2014\u2015]([A-Za-z_]\w*)(?::([^]*))?$/;

/** The value glued to a dashed parameter (`—Credential:$cred`, `–Name:x`): a variable or a bare word. */
function dashedValue(ctx: Ctx, raw: string, range: { start: number; end: number }): Expr {
  if (/^\$[\w:]+$/.test(raw)) {
    const name: NameExpr = { kind: 'name', name: variableName(raw), scope: ctx.scope, range };
    if (ctx.isParameter(name.name)) name.isParameter = true;
    return noteReference(ctx.model, name);
  }
  const q = QUOTED.test(raw) ? 1 : 0;
  return ctx.string(raw.slice(q, raw.length - q), range, { start: range.start + q, end: range.end - q });
}
const QUOTED = /^(?:'[^']*'|"[^"$`]*")$/;

/** The original text has `,` then only blanks between `from` and `to` (`A, B`), where the parser saw `A ,B`. */
function blanksAfterComma(text: string, from: number, to: number): boolean {
  return to > from && text[from] === ',' && /^[ \t]+$/.test(text.slice(from + 1, to + 1));
}
const listsFromTokens = new WeakSet<Expr>();

/** Named argument whose name is a prefix (as PowerShell allows) of one of `names`, at least `min` letters long. */
function namedValue(call: Call, names: string[], min = 1): Expr | undefined {
  for (const n of call.named) {
    const l = n.name.toLowerCase();
    if (l.length >= min && names.some((full) => full.startsWith(l))) return n.value;
  }
  return undefined;
}

/** `New-Object T($u, $p)` / `New-Object -TypeName T -ArgumentList $u, $p` also construct T: a synthetic 'new' call. */
function newObject(ctx: Ctx, call: Call): void {
  if (call.named.some((n) => n.name.toLowerCase().startsWith('c'))) return; // -ComObject
  const positional = [...call.args];
  const type = namedValue(call, ['typename']) ?? positional.shift();
  const args = namedValue(call, ['argumentlist', 'args']) ?? positional.shift();
  if (type?.kind !== 'string') return;
  const callee = splitTypeName(type.text);
  if (!callee.length) return;
  ctx.addCall({
    kind: 'new',
    callee,
    name: callee[callee.length - 1],
    args: args ? (args.kind === 'array' ? args.items : [args]) : [],
    named: [],
    range: call.range,
    calleeRange: type.contentRange,
    nameRange: type.contentRange,
    scope: call.scope,
  });
}

/** `Import-Module X`, `-Name A,B`, `-FullyQualifiedName @{ModuleName='X'}`, `ipmo X`. */
function importModule(ctx: Ctx, call: Call): void {
  const value = namedValue(call, ['name'], 2) ?? namedValue(call, ['fullyqualifiedname'], 2) ?? call.args[0];
  for (const s of moduleNames(value)) ctx.model.imports.push({ module: s.text, range: s.contentRange, kind: 'module' });
}

function moduleNames(e: Expr | undefined): StringExpr[] {
  if (!e) return [];
  if (e.kind === 'string') return [e];
  if (e.kind === 'array') return e.items.flatMap(moduleNames);
  if (e.kind === 'object') {
    const entry = e.entries.find((p) => p.key.toLowerCase() === 'modulename');
    return entry?.value.kind === 'string' ? [entry.value] : [];
  }
  return [];
}

/** `using module X` / `using namespace X` / `using assembly X` where the grammar reads them as a command. */
function usingImport(ctx: Ctx, elements: Node): void {
  const values = elements.namedChildren.filter((c) => c.type !== 'command_argument_sep' && c.type !== 'comment');
  const target = values[1];
  if (!target) return;
  const e = expr(ctx, target);
  if (e.kind !== 'string') return;
  ctx.absorb(e);
  ctx.model.imports.push({ module: e.text, range: e.contentRange, kind: 'using' });
}
