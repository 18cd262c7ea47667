// A stable, compact text form of a FileModel, one line per fact, for adapter snapshot tests.
import type { Expr, FileModel, Range } from './types';

function r(range: Range): string {
  return `${range.start}-${range.end}`;
}

/** Short form of an expression: strings quoted, names as $name, calls as name(...). */
export function exprToString(e: Expr | undefined): string {
  if (!e) return '-';
  switch (e.kind) {
    case 'string':
      return JSON.stringify(e.text);
    case 'concat':
      return `concat(${e.parts.map(exprToString).join(', ')})`;
    case 'literal':
      return e.text;
    case 'name':
      return `$${e.name}${e.isParameter ? ':param' : ''}`;
    case 'member':
      return e.path.join('.');
    case 'index':
      return `${exprToString(e.object)}[${exprToString(e.key)}]`;
    case 'call':
      return `${e.call.kind === 'new' ? 'new ' : ''}${e.call.callee.join('.')}(...)`;
    case 'object':
      return `{${e.typeName ? e.typeName + ' ' : ''}${e.entries.map((p) => p.key).join(',')}${e.spreads.length ? ',...' : ''}}`;
    case 'array':
      return `[${e.items.map(exprToString).join(', ')}]`;
    case 'spread':
      return `...${exprToString(e.argument)}`;
    case 'unknown':
      return `?${e.children?.length ? '(' + e.children.map(exprToString).join(', ') + ')' : ''}`;
  }
}

/** One line per call, assignment, pair, import, comment and parameter, in source order within each group. */
export function summarize(m: FileModel): string[] {
  const out: string[] = [];
  for (const c of m.calls) {
    const args = c.args.map(exprToString);
    const named = c.named.map((n) => `${n.name}=${n.value ? exprToString(n.value) : 'switch'}`);
    out.push(`call ${c.kind} ${c.callee.join('.')} @${r(c.nameRange)} s${c.scope} (${[...args, ...named].join(', ')})${c.receiver ? ' on ' + exprToString(c.receiver) : ''}`);
  }
  for (const a of m.assignments) out.push(`assign ${a.target.join('.')} = ${exprToString(a.value)} @${r(a.targetRange)} s${a.scope}${a.isConst ? ' const' : ''}`);
  for (const p of m.pairs) out.push(`pair ${p.container} ${p.path.join('/')} = ${exprToString(p.value)} @${r(p.keyRange)}`);
  for (const s of m.strings) out.push(`string ${exprToString(s)} @${r(s.range)}`);
  for (const i of m.imports) out.push(`import ${i.kind} ${i.module}${i.names ? ' {' + i.names.join(',') + '}' : ''} @${r(i.range)}`);
  for (const c of m.comments) out.push(`comment ${JSON.stringify(c.text.trim())} @${r(c.range)}`);
  for (const p of m.parameters) out.push(`param ${p.name} s${p.scope}`);
  for (const e of m.errors) out.push(`error @${r(e)}`);
  return out;
}
