// Exact source ranges of a start tag's name and attributes; the XML parser supplies values but no positions.

export interface RawAttribute {
  name: string;
  nameStart: number;
  nameEnd: number;
  /** The value as written, including its quotes when quoted. */
  valueStart: number;
  valueEnd: number;
  /** The value without its quotes. */
  contentStart: number;
  contentEnd: number;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Scans the start tag in text[start, end) (start at `<`, end just past `>`). Tolerant of what the
 * parser already reported as errors (unquoted values, missing values), so ranges survive them.
 */
export function scanStartTag(text: string, start: number, end: number): { nameEnd: number; attributes: RawAttribute[] } {
  let i = start + 1;
  while (i < end && !isBlank(text.charCodeAt(i)) && text[i] !== '>' && text[i] !== '/') i++;
  const nameEnd = i;
  const attributes: RawAttribute[] = [];
  while (i < end) {
    while (i < end && isBlank(text.charCodeAt(i))) i++;
    const c = text[i];
    if (i >= end || c === '>' || (c === '/' && text[i + 1] === '>')) break;
    const nameStart = i;
    while (i < end && !isBlank(text.charCodeAt(i)) && text[i] !== '=' && text[i] !== '>' && !(text[i] === '/' && text[i + 1] === '>')) i++;
    const attrNameEnd = i;
    if (attrNameEnd === nameStart) {
      i++; // a stray character such as a lone '/': skip it rather than loop
      continue;
    }
    while (i < end && isBlank(text.charCodeAt(i))) i++;
    let valueStart = i;
    let valueEnd = i;
    let contentStart = i;
    let contentEnd = i;
    if (text[i] === '=') {
      i++;
      while (i < end && isBlank(text.charCodeAt(i))) i++;
      valueStart = i;
      const q = text[i];
      if (q === '"' || q === "'") {
        const close = text.indexOf(q, i + 1);
        const stop = close < 0 || close >= end ? end - 1 : close;
        contentStart = i + 1;
        contentEnd = stop;
        valueEnd = Math.min(stop + 1, end);
        i = valueEnd;
      } else {
        while (i < end && !isBlank(text.charCodeAt(i)) && text[i] !== '>') i++;
        contentStart = valueStart;
        contentEnd = valueEnd = i;
      }
    } else {
      valueStart = valueEnd = contentStart = contentEnd = attrNameEnd;
    }
    attributes.push({ name: text.slice(nameStart, attrNameEnd), nameStart, nameEnd: attrNameEnd, valueStart, valueEnd, contentStart, contentEnd });
  }
  return { nameEnd, attributes };
}
