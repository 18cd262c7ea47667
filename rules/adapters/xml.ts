// XML adapter (web.config, app.config, *.csproj, packages.config, pom.xml, any .xml): attributes and leaf elements become 'xml' Pairs.
import { SaxesParser, type SaxesTag } from 'saxes';
import type { FileModel, LanguageId, StringExpr } from '../model/types';
import type { Adapter } from './adapter';
import { ConfigModel, isSpace, rng, str, trimEnd, trimStart } from './config/build';
import { attributeIdioms, closedIdioms, leafIdioms, type XmlElement } from './config/xmlidioms';
import { scanStartTag } from './config/xmltag';

export const xmlAdapter: Adapter = {
  languages: ['xml'],
  async parse(text: string, language: LanguageId): Promise<FileModel> {
    return parseXml(text, language);
  },
};

/**
 * Element paths stop growing at this depth. Real config files are far shallower, but unclosed tags
 * (`<add ...>` without `/`) nest everything after them, and full paths would then cost quadratic time.
 */
const MAX_PATH = 64;

export function parseXml(text: string, language: LanguageId = 'xml'): FileModel {
  const out = new ConfigModel(language, text, 'xml');
  if (text.length === 0) return out.finish();
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let tagStart = 0;

  parser.on('error', () => {
    const at = parser.position;
    out.error(at - 1, at);
  });
  parser.on('opentagstart', () => {
    tagStart = Math.max(0, text.lastIndexOf('<', parser.position - 1));
  });
  parser.on('opentag', (tag: SaxesTag) => {
    const parent = stack[stack.length - 1];
    if (parent) parent.hasChild = true;
    const openEnd = parser.position;
    const raw = scanStartTag(text, tagStart, openEnd);
    const el: XmlElement = {
      name: tag.name,
      nameRange: rng(tagStart + 1, raw.nameEnd),
      start: tagStart,
      openEnd,
      path: !parent ? [tag.name] : parent.path.length >= MAX_PATH ? parent.path : [...parent.path, tag.name],
      parent,
      attributes: new Map(),
      text: [],
      hasChild: false,
      leaves: new Map(),
    };
    const rawByName = new Map(raw.attributes.map((a) => [a.name, a]));
    for (const [name, value] of Object.entries(tag.attributes as Record<string, string>)) {
      const a = rawByName.get(name);
      if (!a) continue;
      const expr = str(value, a.contentStart, a.contentEnd, a.valueStart, a.valueEnd);
      out.string(expr);
      out.pair(name, rng(a.nameStart, a.nameEnd), expr, rng(a.nameStart, a.valueEnd), [...el.path, name]);
      el.attributes.set(name.toLowerCase(), expr);
    }
    attributeIdioms(el, rng(tagStart, openEnd), out);
    stack.push(el);
  });
  parser.on('text', (t: string) => stack[stack.length - 1]?.text.push(t));
  parser.on('cdata', (t: string) => stack[stack.length - 1]?.text.push(t));
  parser.on('comment', (body: string) => {
    const start = text.lastIndexOf('<!--', parser.position);
    if (start < 0) return;
    const close = text.indexOf('-->', start + 4);
    const end = close < 0 ? parser.position : close + 3;
    out.comment(close < 0 ? body : text.slice(start + 4, close), start, end);
  });
  parser.on('closetag', (tag: SaxesTag) => {
    const el = stack.pop();
    if (!el) return;
    const closeEnd = parser.position;
    if (!tag.isSelfClosing && !el.hasChild) leaf(el, closeEnd);
    closedIdioms(el, out);
  });

  const leaf = (el: XmlElement, closeEnd: number) => {
    const closeStart = Math.max(el.openEnd, text.lastIndexOf('</', closeEnd - 1));
    const value = leafValue(text, el, closeStart);
    out.string(value);
    out.pair(el.name, el.nameRange, value, rng(el.start, Math.max(closeEnd, closeStart)), el.path);
    if (el.parent) el.parent.leaves.set(el.name, value);
    leafIdioms(el, value, rng(el.start, closeEnd), out);
  };

  try {
    parser.write(text).close();
  } catch {
    // saxes reports through the error handler; this guards against anything it still throws.
    out.error(parser.position, text.length);
  }
  return out.finish();
}

/** A leaf's text, trimmed; its content range is the trimmed raw text, or the inside of a lone CDATA section. */
function leafValue(text: string, el: XmlElement, closeStart: number): StringExpr {
  const s = trimStart(text, el.openEnd, closeStart);
  const e = trimEnd(text, s, closeStart);
  let cs = s;
  let ce = e;
  if (text.startsWith('<![CDATA[', s) && text.endsWith(']]>', e) && text.indexOf(']]>', s) === e - 3) {
    cs = s + 9;
    ce = e - 3;
  }
  return str(trimXmlSpace(el.text.join('')), cs, ce, s, e);
}

function trimXmlSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}
