// Turns file bytes into text, or a reason not to analyse them (binary, too large, undecodable).

export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** How the bytes were encoded, so a fixed file is written back the same way. */
export type SourceEncoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';

export type Decoded = { ok: true; text: string; encoding: SourceEncoding } | { ok: false; reason: string };

export function decodeSource(buf: Uint8Array, maxBytes = MAX_FILE_BYTES): Decoded {
  if (buf.length > maxBytes) return { ok: false, reason: `skipped: file is ${(buf.length / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB limit` };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf16be' };
  const head = buf.subarray(0, 8192);
  if (head.includes(0)) return { ok: false, reason: 'skipped: binary file (contains NUL bytes)' };
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(buf);
  if (text.charCodeAt(0) === 0xfeff) return { ok: true, text: text.slice(1), encoding: 'utf8-bom' };
  return { ok: true, text, encoding: 'utf8' };
}

/** Bytes for `text` in the encoding it was read in (byte order mark included where there was one). */
export function encodeSource(text: string, encoding: SourceEncoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.from('\uFEFF' + text, 'utf8');
    case 'utf16le':
      return Buffer.from('\uFEFF' + text, 'utf16le');
    case 'utf16be':
      return Buffer.from('\uFEFF' + text, 'utf16le').swap16();
  }
}
