// Writes images/icon.png (128x128 RGBA): a shield with a check mark, drawn pixel by pixel so no tool or network is needed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const root = path.dirname(new URL(import.meta.url).pathname).replace(/\/scripts$/, '');

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** Inside the shield: straight sides, then a curve to the point at the bottom. */
function inShield(x, y) {
  const cx = 64, top = 14, bottom = 118, half = 46;
  if (y < top || y > bottom) return false;
  const w = y < 66 ? half : half * Math.sqrt(Math.max(0, 1 - ((y - 66) / (bottom - 66)) ** 2));
  return Math.abs(x - cx) <= w;
}

function distToSegment(px, py, ax, ay, bx, by) {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    let rgba = [0, 0, 0, 0];
    if (inShield(x, y)) rgba = inShield(x, y - 5) && inShield(x - 5, y) && inShield(x + 5, y) && inShield(x, y + 5) ? [0, 103, 184, 255] : [0, 69, 124, 255];
    const check = Math.min(distToSegment(x, y, 40, 66, 58, 84), distToSegment(x, y, 58, 84, 90, 48));
    if (inShield(x, y) && check < 7) rgba = [255, 255, 255, 255];
    raw.set(rgba, o);
  }
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
fs.mkdirSync(path.join(root, 'images'), { recursive: true });
fs.writeFileSync(path.join(root, 'images/icon.png'), png);
