// Inputs that ever failed a fuzz check, kept as JSON fixtures in test/fuzz/regressions/ and replayed on every run.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FuzzInput } from './mutate';

export const REGRESSIONS_DIR = path.join(__dirname, 'regressions');

export interface Regression {
  /** The file name the engine sees (repository-relative; decides the adapter). */
  fileName: string;
  origin: string;
  ops: string[];
  /** How to draw it again: `npm run test:fuzz -- --seed <seed> --only <iteration>`. */
  seed?: number;
  iteration?: number;
  /** What failed when it was found (and, once fixed, what the fix was). */
  failure: string;
  fixed?: string;
  text?: string;
  /** The input as bytes, base64 (byte-level inputs: bit flips, UTF-16, random bytes). */
  bytes?: string;
  /** `intact`: `text` cut at `cut` must keep the findings of the clean prefixes around the cut (intact.ts). */
  check?: 'intact';
  cut?: number;
}

export function toInput(r: Regression): FuzzInput {
  return { fileName: r.fileName, origin: r.origin, ops: r.ops, ...(r.bytes !== undefined ? { bytes: new Uint8Array(Buffer.from(r.bytes, 'base64')) } : { text: r.text ?? '' }) };
}

export function loadRegressions(): { file: string; regression: Regression }[] {
  if (!fs.existsSync(REGRESSIONS_DIR)) return [];
  return fs
    .readdirSync(REGRESSIONS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: f, regression: JSON.parse(fs.readFileSync(path.join(REGRESSIONS_DIR, f), 'utf8')) as Regression }));
}

/** Writes the input as a regression fixture (named by its content, so the same input is kept once); returns the file name. */
export function saveRegression(input: FuzzInput, failure: string, where: { seed?: number; iteration?: number } = {}, root = path.resolve(__dirname, '../..')): string {
  const body = input.bytes ? Buffer.from(input.bytes) : Buffer.from(input.text ?? '', 'utf16le');
  const hash = createHash('sha256').update(input.fileName).update(body).digest('hex').slice(0, 12);
  const name = `${hash}-${path.basename(input.fileName)}.json`;
  const r: Regression = {
    fileName: path.isAbsolute(input.fileName) ? path.relative(root, input.fileName).split(path.sep).join('/') : input.fileName,
    origin: input.origin,
    ops: input.ops,
    ...where,
    failure,
    ...(input.bytes ? { bytes: Buffer.from(input.bytes).toString('base64') } : { text: input.text ?? '' }),
  };
  fs.mkdirSync(REGRESSIONS_DIR, { recursive: true });
  const file = path.join(REGRESSIONS_DIR, name);
  if (!fs.existsSync(file)) fs.writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
  return name;
}
