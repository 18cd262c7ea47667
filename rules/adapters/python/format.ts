// `"..." % args` and `"...".format(...)` with a literal format become ConcatExpr: pieces split at exact source offsets.
import type { Expr, NamedArg, Range, StringExpr, UnknownExpr } from '../../model/types';
import type { PyContext } from './context';
import { unescapePython, type RawSegment } from './strings';

/** A literal run (raw source pieces, unescaped later) or a placeholder to fill from the arguments. */
type Slot =
  | { kind: 'text'; text: string; range: Range }
  | { kind: 'field'; key: string | number; range: Range; text: string; access: boolean };

const PERCENT = /%(?:\(([^)]*)\))?[#0 +-]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsab%])/g;

function pushText(slots: Slot[], seg: RawSegment, from: number, to: number, extra = ''): void {
  if (from >= to && !extra) return;
  const text = unescapePython(seg.raw.slice(from, to), seg.isRaw, seg.isBytes) + extra;
  const last = slots[slots.length - 1];
  const start = seg.start + from;
  // Adjacent runs of the same segment (split only by `%%` or `{{`) stay one piece.
  if (last?.kind === 'text' && last.range.end === start) {
    last.text += text;
    last.range = { start: last.range.start, end: seg.start + to + (extra ? extra.length * 2 : 0) };
  } else slots.push({ kind: 'text', text, range: { start, end: seg.start + to + (extra ? extra.length * 2 : 0) } });
}

function percentSlots(segments: RawSegment[]): Slot[] | undefined {
  const slots: Slot[] = [];
  let auto = 0;
  for (const seg of segments) {
    let pos = 0;
    PERCENT.lastIndex = 0;
    for (let m = PERCENT.exec(seg.raw); m; m = PERCENT.exec(seg.raw)) {
      if (seg.raw.slice(pos, m.index).includes('%')) return undefined;
      if (m[4] === '%') {
        pushText(slots, seg, pos, m.index, '%');
      } else {
        if (m[2] === '*' || m[3] === '*') return undefined;
        pushText(slots, seg, pos, m.index);
        const range = { start: seg.start + m.index, end: seg.start + m.index + m[0].length };
        slots.push({ kind: 'field', key: m[1] !== undefined ? m[1] : auto++, range, text: m[0], access: false });
      }
      pos = m.index + m[0].length;
    }
    if (seg.raw.slice(pos).includes('%')) return undefined;
    pushText(slots, seg, pos, seg.raw.length);
  }
  return slots;
}

const FIELD = /^([^.[!:]*)([^!:]*)/;
const DIGITS = /^\d+$/;

function braceSlots(segments: RawSegment[]): Slot[] | undefined {
  const slots: Slot[] = [];
  let auto = 0;
  let manual = false;
  for (const seg of segments) {
    const raw = seg.raw;
    let pos = 0;
    let i = 0;
    while (i < raw.length) {
      const c = raw[i];
      if (c === '\\' && !seg.isRaw && raw[i + 1] === 'N' && raw[i + 2] === '{') {
        const close = raw.indexOf('}', i);
        i = close < 0 ? raw.length : close + 1;
      } else if ((c === '{' && raw[i + 1] === '{') || (c === '}' && raw[i + 1] === '}')) {
        pushText(slots, seg, pos, i, c);
        i += 2;
        pos = i;
      } else if (c === '}') {
        return undefined;
      } else if (c === '{') {
        const close = raw.indexOf('}', i);
        const field = close < 0 ? '' : raw.slice(i + 1, close);
        if (close < 0 || field.includes('{')) return undefined;
        const m = FIELD.exec(field)!;
        let key: string | number;
        if (m[1] === '') {
          if (manual) return undefined;
          key = auto++;
        } else if (DIGITS.test(m[1])) {
          key = Number(m[1]);
          manual = true;
        } else key = m[1];
        pushText(slots, seg, pos, i);
        slots.push({ kind: 'field', key, range: { start: seg.start + i, end: seg.start + close + 1 }, text: raw.slice(i, close + 1), access: m[2] !== '' });
        i = close + 1;
        pos = i;
      } else i++;
    }
    pushText(slots, seg, pos, raw.length);
  }
  return slots;
}

function assemble(ctx: PyContext, fmt: StringExpr, slots: Slot[], lookup: (key: string | number) => Expr | undefined, range: Range): Expr | undefined {
  const holes: (Expr | undefined)[] = [];
  for (const s of slots) {
    if (s.kind === 'text') holes.push(undefined);
    else {
      const arg = lookup(s.key);
      if (!arg) return undefined;
      holes.push(s.access ? ({ kind: 'unknown', text: s.text, range: s.range, children: [arg] } satisfies UnknownExpr) : arg);
    }
  }
  // Only now create the pieces, so a format that cannot be mapped leaves no stray strings behind.
  const items = slots.map((s, i) => holes[i] ?? ctx.piece((s as { text: string }).text, s.range));
  ctx.b.hide(fmt);
  return ctx.b.concat(items, range);
}

/** `fmt % right`: a tuple fills positional specs in order, a dict fills `%(name)s`, anything else the single spec. */
export function percentFormat(ctx: PyContext, fmt: StringExpr, right: Expr, rightIsTuple: boolean, range: Range): Expr | undefined {
  const segments = ctx.rawOf.get(fmt);
  const slots = segments && percentSlots(segments);
  if (!slots) return undefined;
  const fields = slots.filter((s) => s.kind === 'field');
  const named = fields.some((f) => typeof f.key === 'string');
  if (named) {
    if (right.kind !== 'object' || fields.some((f) => typeof f.key !== 'string')) return undefined;
    return assemble(ctx, fmt, slots, (k) => right.entries.find((p) => p.key === k)?.value, range);
  }
  let args: Expr[];
  if (rightIsTuple && right.kind === 'array') args = right.items;
  else args = [right];
  if (args.length !== fields.length || args.some((a) => a.kind === 'spread')) return undefined;
  return assemble(ctx, fmt, slots, (k) => args[k as number], range);
}

/** `fmt.format(*args, **named)` with literal `fmt`: auto-numbered, numbered and named fields. */
export function braceFormat(ctx: PyContext, fmt: StringExpr, args: Expr[], named: NamedArg[], range: Range): Expr | undefined {
  const segments = ctx.rawOf.get(fmt);
  if (!segments || args.some((a) => a.kind === 'spread')) return undefined;
  const slots = braceSlots(segments);
  if (!slots) return undefined;
  return assemble(ctx, fmt, slots, (k) => (typeof k === 'number' ? args[k] : named.find((n) => n.name === k)?.value), range);
}
