// The fuzzer's seeds: every rule fixture and every adapter fixture, with the file name that selects its adapter.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { languageOf } from '../../rules/adapters/languages';
import type { LanguageId } from '../../rules/model/types';

export const ROOT = path.resolve(__dirname, '../..');

export interface Seed {
  /** Repository-relative path of the fixture. */
  path: string;
  /** The name the engine sees (decides the adapter). */
  fileName: string;
  language: LanguageId;
  text: string;
}

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

let cached: Seed[] | undefined;

/** Rule fixtures (`rules/<id>/fixtures/*`, the `.fixed` ones too) and adapter fixtures (`test/adapters/fixtures/**`), sorted. */
export function corpus(): Seed[] {
  if (cached) return cached;
  const rules = fs.readdirSync(path.join(ROOT, 'rules')).flatMap((d) => files(path.join(ROOT, 'rules', d, 'fixtures')));
  const adapters = files(path.join(ROOT, 'test/adapters/fixtures'));
  const seeds: Seed[] = [];
  for (const file of [...rules, ...adapters].sort()) {
    const rel = path.relative(ROOT, file).split(path.sep).join('/');
    // The adapter fixture of a package manifest is stored under another name so that npm does not read it.
    const fileName = path.basename(file) === 'npm-package.json' ? path.join(path.dirname(file), 'package.json') : file;
    const language = languageOf(fileName);
    if (!language) continue;
    seeds.push({ path: rel, fileName, language, text: fs.readFileSync(file, 'utf8') });
  }
  return (cached = seeds);
}

/** The smallest seed of each language (for truncation at every position). */
export function smallestPerLanguage(seeds: readonly Seed[] = corpus(), withFindingsOnly = false, hasFindings?: (s: Seed) => boolean): Seed[] {
  const best = new Map<LanguageId, Seed>();
  for (const s of seeds) {
    if (withFindingsOnly && hasFindings && !hasFindings(s)) continue;
    const b = best.get(s.language);
    if (!b || s.text.length < b.text.length) best.set(s.language, s);
  }
  return [...best.values()].sort((a, b) => a.language.localeCompare(b.language));
}
