// .properties / .ini / .toml-style key=value files and requirements*.txt package imports.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { propertiesAdapter } from '../../rules/adapters/properties';
import { summarize } from '../../rules/model/summary';
import type { FileModel, StringExpr } from '../../rules/model/types';

const FIXTURES = path.join(__dirname, 'fixtures', 'config');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const slice = (m: FileModel, r: { start: number; end: number }) => m.text.slice(r.start, r.end);

describe('properties adapter', () => {
  it('models application.properties: separators, escapes, continuations, sections, comments', async () => {
    const m = await propertiesAdapter.parse(read('application.properties'), 'properties', 'src/main/resources/application.properties');
    assert.deepEqual(summarize(m), [
      'pair properties partnercenter.clientId = "9c1e2f5a-0000-4000-8000-000000000001" @17-39',
      'pair properties partnercenter.clientSecret = "s3cr=t!" @77-103',
      'pair properties partnercenter.password = "Summer2024!" @132-154',
      'pair properties partnercenter.scopes = "https://api.partnercenter.microsoft.com/.default offline_access" @169-189',
      'pair properties db/db.url = "jdbc:sqlserver://x" @265-271',
      'string "9c1e2f5a-0000-4000-8000-000000000001" @40-76',
      'string "s3cr=t!" @104-117',
      'string "Summer2024!" @157-168',
      'string "https://api.partnercenter.microsoft.com/.default offline_access" @190-259',
      'string "jdbc:sqlserver://x" @272-290',
      'comment "Partner Center" @0-16',
      'comment "legacy flow" @118-131',
    ]);
    const secret = m.pairs[1];
    assert.equal(slice(m, secret.range), 'partnercenter.clientSecret=s3cr\\=t\\u0021');
    assert.equal(slice(m, (secret.value as StringExpr).contentRange), 's3cr\\=t\\u0021');
    assert.deepEqual(m.errors, []);
  });

  it('models .ini files: sections, quoted values, inline comments, and records malformed lines', async () => {
    const m = await propertiesAdapter.parse(read('settings.ini'), 'properties', 'settings.ini');
    assert.deepEqual(summarize(m), [
      'pair properties auth/username = "admin@contoso.com" @19-27',
      'pair properties auth/password = "Pa;ss" @48-56',
      'pair properties graph/tenant = "contoso" @92-98',
      'string "admin@contoso.com" @30-47',
      'string "Pa;ss" @59-66',
      'string "contoso" @100-107',
      'comment "sync tool" @0-11',
      'comment "quoted keeps ;" @67-83',
      'error @108-115',
      'error @116-133',
    ]);
    assert.equal(slice(m, (m.pairs[1].value as StringExpr).contentRange), 'Pa;ss');
  });

  it('reads .toml-style files line by line, including multi-line strings and continuation lines', async () => {
    const text = '[azure]\nclient_secret = "a\\"b" # c\nnote = """\nline1\nline2"""\nurl = x\n[tool.setup]\ninstall_requires =\n    adal\n';
    const m = await propertiesAdapter.parse(text, 'properties', 'pyproject.toml');
    assert.deepEqual(summarize(m), [
      'pair properties azure/client_secret = "a\\"b" @8-21',
      'pair properties azure/note = "line1\\nline2" @35-39',
      'pair properties azure/url = "x" @61-64',
      'pair properties tool.setup/install_requires = "" @82-98',
      'string "a\\"b" @24-30',
      'string "line1\\nline2" @42-60',
      'string "x" @67-68',
      'string "" @100-100',
      'comment "c" @31-34',
    ]);
    assert.equal(slice(m, (m.pairs[1].value as StringExpr).contentRange), 'line1\nline2');
  });

  it('turns requirements*.txt lines into package imports', async () => {
    const m = await propertiesAdapter.parse(read('requirements.txt'), 'properties', 'requirements.txt');
    assert.deepEqual(summarize(m), [
      'import package adal @7-11',
      'import package msal @19-23',
      'import package azure-identity @41-55',
      'comment "auth" @0-6',
      'comment "current" @31-40',
    ]);
    const dev = await propertiesAdapter.parse('MSAL-Extensions==1.0\n', 'properties', 'ci/requirements-dev.txt');
    assert.deepEqual(summarize(dev), ['import package MSAL-Extensions @0-15']);
    assert.deepEqual(summarize(await propertiesAdapter.parse('', 'properties', 'requirements.txt')), []);
    assert.deepEqual(summarize(await propertiesAdapter.parse('\ufeffadal\n', 'properties', 'requirements.txt')), ['import package adal @1-5']);
    assert.deepEqual(summarize(await propertiesAdapter.parse('\ufeffk=v', 'properties', 'a.ini')), ['pair properties k = "v" @1-2', 'string "v" @3-4']);
  });
});
