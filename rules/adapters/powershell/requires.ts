// Comments, `#Requires -Modules ...` and leading `using` statements (which the grammar cannot read before `param(...)`).
import type { Comment, Import } from '../../model/types';
import type { Node } from '../treesitter';

const REQUIRES = /^#requires\b/i;
const MODULES_PARAM = /-modules?\b/iy;
const MODULE_NAME_KEY = /\bModuleName\s*=\s*(['"]?)([^'";}\s]+)\1/i;
const USING = /^(\s*)using(\s+)(namespace|module|assembly)(\s+)/iy;

/** Comment text without `#` or `<# #>`. */
export function comment(n: Node): Comment {
  const t = n.text;
  const text = t.startsWith('<#') ? t.slice(2).replace(BLOCK_END, '') : t.slice(1);
  return { text, range: { start: n.startIndex, end: n.endIndex } };
}
const BLOCK_END = /#+>$/;

/** One `requires` import per module named by `#Requires -Modules A, "B", @{ModuleName='C'; ...}`. */
export function requiresImports(c: Comment, raw: string): Import[] {
  if (!REQUIRES.test(raw)) return [];
  const out: Import[] = [];
  for (let i = 9; i < raw.length; i++) {
    if (raw[i] !== '-') continue;
    MODULES_PARAM.lastIndex = i;
    if (!MODULES_PARAM.test(raw)) continue;
    for (const m of moduleSpecs(raw, MODULES_PARAM.lastIndex)) out.push({ module: m.name, range: { start: c.range.start + m.start, end: c.range.start + m.end }, kind: 'requires' });
    break;
  }
  return out;
}

interface Spec {
  name: string;
  start: number;
  end: number;
}

/** A comma-separated list of module names or module specification hashtables, from `pos` to the next `-Param` or the end. */
export function moduleSpecs(s: string, pos: number): Spec[] {
  const out: Spec[] = [];
  for (;;) {
    while (pos < s.length && (s[pos] === ' ' || s[pos] === '\t')) pos++;
    if (pos >= s.length || s[pos] === '-' || s[pos] === '#' || s[pos] === '\r' || s[pos] === '\n') return out;
    if (s.startsWith('@{', pos)) {
      const close = s.indexOf('}', pos);
      const end = close < 0 ? s.length : close + 1;
      const body = s.slice(pos, end);
      const m = MODULE_NAME_KEY.exec(body);
      if (m) {
        const start = pos + m.index + m[0].length - m[1].length - m[2].length;
        out.push({ name: m[2], start, end: start + m[2].length });
      }
      pos = end;
    } else if (s[pos] === "'" || s[pos] === '"') {
      const close = s.indexOf(s[pos], pos + 1);
      const end = close < 0 ? s.length : close;
      out.push({ name: s.slice(pos + 1, end), start: pos + 1, end });
      pos = close < 0 ? s.length : close + 1;
    } else {
      const start = pos;
      while (pos < s.length && !' \t\r\n,;#'.includes(s[pos])) pos++;
      out.push({ name: s.slice(start, pos), start, end: pos });
    }
    while (pos < s.length && (s[pos] === ' ' || s[pos] === '\t')) pos++;
    if (s[pos] !== ',') return out;
    pos++;
  }
}

/**
 * `using namespace/module/assembly` lines before any other code become imports and are blanked (same length) in the
 * text given to the parser: tree-sitter-powershell only accepts `param(...)` first and would misread it otherwise.
 */
export function leadingUsings(text: string): { source: string; imports: Import[] } {
  const imports: Import[] = [];
  let source = text;
  let pos = 0;
  while (pos < text.length) {
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(pos, lineEnd);
    const trimmed = line.trim();
    if (trimmed.startsWith('<#')) {
      const close = text.indexOf('#>', pos + line.indexOf('<#') + 2);
      if (close < 0) break;
      pos = close + 2;
      continue;
    }
    if (trimmed === '' || trimmed.startsWith('#')) {
      pos = lineEnd + 1;
      continue;
    }
    USING.lastIndex = 0;
    const m = USING.exec(line);
    if (!m) break;
    const spec = moduleSpecs(line, m[0].length)[0];
    if (spec) imports.push({ module: spec.name, range: { start: pos + spec.start, end: pos + spec.end }, kind: 'using' });
    source = source.slice(0, pos) + line.replace(NOT_CR, ' ') + source.slice(lineEnd);
    pos = lineEnd + 1;
  }
  return { source, imports };
}
const NOT_CR = /[^\r]/g;
