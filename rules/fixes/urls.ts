// URLs inside flattened strings (see strings.ts): where a URL starts and ends, its path segments and its
// query parameters, all as flattened offsets, and edits that drop or add query parameters in place.
import type { LanguageId } from '../model/types';
import type { TextEdit } from '../engine/types';
import { HOLE, sourceRange, type FlatString } from './strings';

export interface UrlSegment {
  /** [start, end) in the flattened text. */
  start: number;
  end: number;
  text: string;
}

export interface QueryParam extends UrlSegment {
  key: string;
}

export interface ParsedUrl {
  start: number;
  end: number;
  /** End of `scheme://host[:port]`. */
  hostEnd: number;
  /** Path segments after the host (without the slashes). */
  segments: UrlSegment[];
  /** Offset of `?`, or -1. */
  question: number;
  params: QueryParam[];
  /** The separator between parameters as written (`&`, or `&amp;` in XML). */
  sep: string;
}

const END = /[\s"'`<>|\\]/;

/**
 * The URL (scheme to the first space/quote) around flattened offset `at`, parsed; undefined without a scheme
 * before `at`, unless `authorityHole`: then a string that starts with a hole (`authority + '/adminconsent?…'`)
 * counts as a URL whose scheme and host are that hole.
 */
export function urlAt(f: FlatString, at: number, language: LanguageId, authorityHole = false): ParsedUrl | undefined {
  const text = f.text;
  const before = text.slice(0, at + 1);
  const m = /(?:[A-Za-z][A-Za-z0-9+.-]*|\uFFFC):\/\/(?:(?![\s"'`<>]).)*$/.exec(before);
  const holeStart = !m && authorityHole && text.startsWith(HOLE) && !/[\s"'`<>]/.test(before);
  if (!m && !holeStart) return undefined;
  const start = m ? m.index : 0;
  let end = at;
  while (end < text.length && !END.test(text[end])) end++;
  const hostStart = m ? text.indexOf('://', start) + 3 : 0;
  let hostEnd = hostStart;
  while (hostEnd < end && !/[/?#]/.test(text[hostEnd])) hostEnd++;
  const q = text.indexOf('?', hostEnd);
  const question = q >= 0 && q < end ? q : -1;
  const pathEnd = question >= 0 ? question : (() => {
    const h = text.indexOf('#', hostEnd);
    return h >= 0 && h < end ? h : end;
  })();
  const segments: UrlSegment[] = [];
  let pos = hostEnd;
  while (pos < pathEnd) {
    if (text[pos] === '/') {
      pos++;
      continue;
    }
    let e = pos;
    while (e < pathEnd && text[e] !== '/') e++;
    segments.push({ start: pos, end: e, text: text.slice(pos, e) });
    pos = e;
  }
  const sep = language === 'xml' ? '&amp;' : '&';
  const params: QueryParam[] = [];
  if (question >= 0) {
    let qEnd = text.indexOf('#', question);
    if (qEnd < 0 || qEnd > end) qEnd = end;
    let p = question + 1;
    while (p < qEnd) {
      let e = text.indexOf(sep, p);
      if (e < 0 || e > qEnd) e = qEnd;
      const seg = text.slice(p, e);
      const eq = seg.indexOf('=');
      params.push({ start: p, end: e, text: seg, key: (eq >= 0 ? seg.slice(0, eq) : seg).toLowerCase() });
      p = e + sep.length;
    }
  }
  return { start, end, hostEnd, segments, question, params, sep };
}

/**
 * Edits that remove query parameters `drop` (with their separator) from `url`. A parameter that holds a hole
 * whose span cannot be edited is kept. Returns the edits and the flattened ranges removed.
 */
export function dropParams(f: FlatString, url: ParsedUrl, drop: (p: QueryParam) => boolean): { edits: TextEdit[]; removed: [number, number][]; kept: QueryParam[] } {
  const edits: TextEdit[] = [];
  const removed: [number, number][] = [];
  const kept: QueryParam[] = [];
  const doomed = url.params.filter((p) => drop(p) && sourceRange(f, p.start, p.end) !== undefined);
  for (const p of url.params) if (!doomed.includes(p)) kept.push(p);
  for (const p of doomed) {
    const i = url.params.indexOf(p);
    const keptBefore = kept.some((k) => url.params.indexOf(k) < i);
    const keptAfter = kept.some((k) => url.params.indexOf(k) > i);
    // `?a&b&c` dropping a and b leaves `?c`; dropping every parameter drops the `?` too.
    let range: [number, number];
    if (keptBefore) range = [p.start - url.sep.length, p.end];
    else if (keptAfter) range = [p.start, url.params[i + 1].start];
    else range = i === 0 ? [url.question, p.end] : [p.start - url.sep.length, p.end];
    const r = sourceRange(f, range[0], range[1]);
    if (!r) continue;
    edits.push({ range: r, text: '' });
    removed.push(range);
  }
  return { edits: mergeEdits(edits), removed, kept };
}

function mergeEdits(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && e.range.start <= last.range.end && !e.text && !last.text) last.range = { start: last.range.start, end: Math.max(last.range.end, e.range.end) };
    else out.push({ range: { ...e.range }, text: e.text });
  }
  return out;
}

/** The file offset where flattened offset `at` lies in the source (an insertion point), or undefined. */
export function literalPoint(f: FlatString, at: number): number | undefined {
  const p = f.pieces.find((x) => x.literal && at >= x.from && at <= x.to);
  if (p) return p.src.start + (at - p.from);
  // Next to a hole whose span includes its delimiters (`{id}`, `${id}`, `%s`), the source point is known too.
  const h = f.pieces.find((x) => !x.literal && x.replaceable && (at === x.from || at === x.to));
  return h ? (at === h.from ? h.src.start : h.src.end) : undefined;
}
