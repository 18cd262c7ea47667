// Reads `expect:` markers from rule fixtures and compares them with what the engine reports.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LanguageId } from '../../rules/model/types';

/** Fixture file name per language: `rules/<id>/fixtures/<name>`. */
export const FIXTURE_FILE: Record<LanguageId, string> = {
  powershell: 'powershell.ps1',
  csharp: 'csharp.cs',
  python: 'python.py',
  javascript: 'javascript.js',
  typescript: 'typescript.ts',
  java: 'java.java',
  json: 'json.json',
  yaml: 'yaml.yml',
  dotenv: 'dotenv.env',
  xml: 'xml.config',
  properties: 'properties.properties',
};

export interface Expectation {
  line: number; // 1-based
  ruleId: string;
  /** Exact source text of the flagged range, when the marker gives it. */
  text?: string;
}

const MARKER = /expect(-next-line)?:\s*(.*?)\s*(?:-->|\*\/|#>)?\s*$/;

/** `expect: rule-id `flagged text`; other-rule` applies to its own line; `expect-next-line:` to the next line. */
export function readExpectations(source: string): Expectation[] {
  const out: Expectation[] = [];
  const lines = source.split(/\r\n|\r|\n/);
  lines.forEach((line, i) => {
    const m = MARKER.exec(line);
    if (!m) return;
    const target = m[1] ? i + 2 : i + 1;
    for (const item of m[2].split(/;\s*(?=[a-z])/)) {
      const mm = /^([a-z][a-z0-9-]*)(?:\s+`(.*)`)?$/.exec(item.trim());
      if (!mm) throw new Error(`bad expect marker on line ${i + 1}: ${item}`);
      out.push({ line: target, ruleId: mm[1], ...(mm[2] !== undefined ? { text: mm[2] } : {}) });
    }
  });
  return out;
}

/** `powershell.ps1` -> `powershell.fixed.ps1`: the expected text of a fixture with all preferred fixes applied. */
export function fixedFileOf(file: string): string {
  const ext = path.extname(file);
  return path.join(path.dirname(file), `${path.basename(file, ext)}.fixed${ext}`);
}

export function fixtureFiles(ruleDir: string): string[] {
  const dir = path.join(ruleDir, 'fixtures');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => !/\.fixed\./.test(f))
    .map((f) => path.join(dir, f));
}
