// Every config adapter on every prefix of every config fixture: never throws, and every range stays inside the text.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Adapter } from '../../rules/adapters/adapter';
import { dotenvAdapter } from '../../rules/adapters/dotenv';
import { jsonAdapter } from '../../rules/adapters/json';
import { propertiesAdapter } from '../../rules/adapters/properties';
import { xmlAdapter } from '../../rules/adapters/xml';
import { createYamlAdapter } from '../../rules/adapters/yaml';
import { emptyModel, type FileModel, type LanguageId, type Range } from '../../rules/model/types';

const FIXTURES = path.join(__dirname, 'fixtures', 'config');
// The real PowerShell adapter is covered in config-yaml.test.ts; an empty stand-in keeps this test fast.
const yaml = createYamlAdapter(async () => ({ languages: ['powershell'], parse: async (t) => emptyModel('powershell', t) }));

function adapterFor(file: string): [Adapter, LanguageId, string] {
  if (file.endsWith('.json')) return [jsonAdapter, 'json', file === 'npm-package.json' ? 'package.json' : file];
  if (file.endsWith('.yml')) return [yaml, 'yaml', file];
  if (file.endsWith('.env')) return [dotenvAdapter, 'dotenv', file];
  if (/\.(config|csproj|xml)$/.test(file)) return [xmlAdapter, 'xml', file];
  return [propertiesAdapter, 'properties', file];
}

/** Every Range object reachable from the model (ranges, content ranges, key ranges...). */
function ranges(m: FileModel): Range[] {
  const out: Range[] = [];
  const seen = new Set<object>();
  const walk = (v: unknown) => {
    if (!v || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    const o = v as Record<string, unknown>;
    if (typeof o.start === 'number' && typeof o.end === 'number') out.push(o as unknown as Range);
    for (const [k, x] of Object.entries(o)) if (k !== 'text') walk(x);
  };
  walk({ ...m, text: undefined });
  return out;
}

describe('config adapters on truncated input', () => {
  for (const file of fs.readdirSync(FIXTURES).sort()) {
    it(`never throw and keep ranges in bounds for every prefix of ${file}`, async () => {
      const full = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
      const [adapter, language, name] = adapterFor(file);
      for (let cut = 0; cut <= full.length; cut += 7) {
        const text = full.slice(0, cut);
        const m = await adapter.parse(text, language, name);
        assert.equal(m.text, text);
        for (const r of ranges(m)) {
          assert.ok(r.start >= 0 && r.start <= r.end && r.end <= text.length, `${file}[0,${cut}): range ${r.start}-${r.end}`);
        }
      }
    });
  }
});
