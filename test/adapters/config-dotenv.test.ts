// .env adapter: export prefix, quoting and escapes, comments, empty and multi-line values, malformed lines.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dotenvAdapter } from '../../rules/adapters/dotenv';
import { summarize } from '../../rules/model/summary';
import type { FileModel, StringExpr } from '../../rules/model/types';

const FIXTURES = path.join(__dirname, 'fixtures', 'config');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const slice = (m: FileModel, r: { start: number; end: number }) => m.text.slice(r.start, r.end);

describe('dotenv adapter', () => {
  it('models a .env file as env pairs with unescaped values and exact ranges', async () => {
    const m = await dotenvAdapter.parse(read('sample.env'), 'dotenv', '.env');
    assert.deepEqual(summarize(m), [
      'pair env AZURE_CLIENT_ID = "9c1e2f5a-0000-4000-8000-000000000001" @30-45',
      'pair env AZURE_PASSWORD = "Pa\\"ss\\nword" @90-104',
      'pair env AZURE_TENANT_ID = "contoso.onmicrosoft.com" @129-144',
      'pair env PC_REFRESH_TOKEN = "" @178-194',
      'pair env EMPTY_QUOTED = "" @196-208',
      'pair env SINGLE = "lit $x" @212-218',
      'pair env MULTI = "line1\\nline2" @228-233',
      'string "9c1e2f5a-0000-4000-8000-000000000001" @46-82',
      'string "Pa\\"ss\\nword" @105-119',
      'string "contoso.onmicrosoft.com" @145-168',
      'string "" @195-195',
      'string "" @209-211',
      'string "lit $x" @219-227',
      'string "line1\\nline2" @234-247',
      'comment "Local secrets, never commit" @0-29',
      'comment "inline" @120-128',
      'comment "tenant" @169-177',
    ]);
    const pw = m.pairs[1];
    assert.equal(slice(m, pw.range), 'AZURE_PASSWORD="Pa\\"ss\\nword"');
    assert.equal(slice(m, (pw.value as StringExpr).contentRange), 'Pa\\"ss\\nword');
    assert.equal((pw.value as StringExpr).text, 'Pa"ss\nword');
    assert.deepEqual(pw.path, ['AZURE_PASSWORD']);
    assert.equal(slice(m, (m.pairs[4].value as StringExpr).contentRange), '');
    assert.equal(m.pairs[4].value.range.end - m.pairs[4].value.range.start, 2);
    assert.deepEqual(m.errors, []);
  });

  it('keeps `#` inside unquoted values unless a blank precedes it', async () => {
    const m = await dotenvAdapter.parse('A=p@ss#word\nB= #all comment\nC=x\t# tab comment\n', 'dotenv', '.env');
    assert.deepEqual(summarize(m), [
      'pair env A = "p@ss#word" @0-1',
      'pair env B = "" @12-13',
      'pair env C = "x" @28-29',
      'string "p@ss#word" @2-11',
      'string "" @15-15',
      'string "x" @30-31',
      'comment "all comment" @15-27',
      'comment "tab comment" @32-45',
    ]);
  });

  it('records malformed lines and unterminated quotes, and keeps every readable pair', async () => {
    const m = await dotenvAdapter.parse(read('broken.env'), 'dotenv', 'broken.env');
    assert.deepEqual(summarize(m), [
      'pair env GOOD = "1" @0-4',
      'pair env SECRET = "unterminated" @18-24',
      'pair env LATER = "2" @39-44',
      'string "1" @5-6',
      'string "unterminated" @25-38',
      'string "2" @45-46',
      'error @7-17',
      'error @25-38',
    ]);
    assert.deepEqual(summarize(await dotenvAdapter.parse('', 'dotenv', '.env')), []);
    assert.deepEqual(summarize(await dotenvAdapter.parse('\ufeffA=b', 'dotenv', '.env')), ['pair env A = "b" @1-2', 'string "b" @3-4']);
    assert.deepEqual(summarize(await dotenvAdapter.parse('=novalue\r\nK=v\r\n', 'dotenv', '.env')), ['pair env K = "v" @10-11', 'string "v" @12-13', 'error @0-8']);
  });
});
