// Turns file bytes into text, or a reason not to analyse them (binary, too large, undecodable).

export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

export function decodeSource(buf: Uint8Array, maxBytes = MAX_FILE_BYTES): Decoded {
  if (buf.length > maxBytes) return { ok: false, reason: `skipped: file is ${(buf.length / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB limit` };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(buf.subarray(2)) };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(buf.subarray(2)) };
  const head = buf.subarray(0, 8192);
  if (head.includes(0)) return { ok: false, reason: 'skipped: binary file (contains NUL bytes)' };
  let text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}
