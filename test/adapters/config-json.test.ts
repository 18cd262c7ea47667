// JSON / JSONC adapter: key paths, unescaped strings with exact ranges, comments, package.json imports, broken input.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { jsonAdapter } from '../../rules/adapters/json';
import { summarize } from '../../rules/model/summary';
import type { FileModel, StringExpr } from '../../rules/model/types';

const FIXTURES = path.join(__dirname, 'fixtures', 'config');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const slice = (m: FileModel, r: { start: number; end: number }) => m.text.slice(r.start, r.end);

describe('json adapter', () => {
  it('models appsettings.json (JSONC) as pairs with full key paths, strings and comments', async () => {
    const m = await jsonAdapter.parse(read('appsettings.json'), 'json', 'src/appsettings.json');
    assert.deepEqual(summarize(m), [
      'pair json AzureAd = {Instance,TenantId,ClientId,ClientSecret} @42-49',
      'pair json AzureAd/Instance = "https://login.microsoftonline.com/" @59-67',
      'pair json AzureAd/TenantId = "contoso.onmicrosoft.com" @113-121',
      'pair json AzureAd/ClientId = "9c1e2f5a-0000-4000-8000-000000000001" @156-164',
      'pair json AzureAd/ClientSecret = "Xy7~qAbc\\"def" @212-224',
      'pair json KeyVaultName = "contoso-partner-kv" @257-269',
      'pair json Retries = 3 @318-325',
      'pair json UseCache = false @334-342',
      'pair json Proxy = null @355-360',
      'pair json ConnectionStrings = {Default} @372-389',
      'pair json ConnectionStrings/Default = "Server=tcp:x;User ID=u;Password=p" @395-402',
      'pair json Scopes = ["https://api.partnercenter.microsoft.com/user_impersonation", {Name}] @447-453',
      'pair json Scopes/1/Name = "graph" @522-526',
      'string "https://login.microsoftonline.com/" @70-106',
      'string "contoso.onmicrosoft.com" @124-149',
      'string "9c1e2f5a-0000-4000-8000-000000000001" @167-205',
      'string "Xy7~qAbc\\"def" @227-247',
      'string "contoso-partner-kv" @272-292',
      'string "Server=tcp:x;User ID=u;Password=p" @405-440',
      'string "https://api.partnercenter.microsoft.com/user_impersonation" @457-517',
      'string "graph" @529-536',
      'comment "Partner Center app registration" @4-38',
      'comment "retry policy" @296-314',
    ]);
    const secret = m.pairs.find((p) => p.key === 'ClientSecret')!;
    assert.equal(slice(m, secret.keyRange), 'ClientSecret');
    assert.equal(slice(m, secret.range), '"ClientSecret": "Xy7~q\\u0041bc\\"def"');
    const value = secret.value as StringExpr;
    assert.equal(value.kind, 'string');
    assert.equal(value.text, 'Xy7~qAbc"def');
    assert.equal(slice(m, value.contentRange), 'Xy7~q\\u0041bc\\"def');
    assert.equal(m.strings[3], value, 'the pair value and the strings entry are the same object');
    const azureAd = m.pairs[0].value;
    assert.equal(azureAd.kind === 'object' && azureAd.entries[3], secret, 'nested pairs are shared with the ObjectExpr');
    assert.deepEqual(m.errors, []);
  });

  it('models local.settings.json Values', async () => {
    const m = await jsonAdapter.parse(read('local.settings.json'), 'json', 'local.settings.json');
    assert.deepEqual(summarize(m), [
      'pair json IsEncrypted = false @5-16',
      'pair json Values = {AzureWebJobsStorage,PartnerCenter:Password,PartnerCenter:UserName} @29-35',
      'pair json Values/AzureWebJobsStorage = "UseDevelopmentStorage=true" @45-64',
      'pair json Values/PartnerCenter:Password = "Summer2024!" @102-124',
      'pair json Values/PartnerCenter:UserName = "admin@contoso.onmicrosoft.com" @147-169',
      'string "UseDevelopmentStorage=true" @67-95',
      'string "Summer2024!" @127-140',
      'string "admin@contoso.onmicrosoft.com" @172-203',
    ]);
  });

  it('turns package.json dependency names into package imports, and only for that file name', async () => {
    const text = read('npm-package.json');
    const m = await jsonAdapter.parse(text, 'json', '/repo/package.json');
    assert.deepEqual(
      summarize(m).filter((l) => l.startsWith('import')),
      ['import package adal-node @45-54', 'import package @azure/msal-node @68-84', 'import package typescript @122-132'],
    );
    assert.equal(slice(m, m.imports[1].range), '@azure/msal-node');
    const other = await jsonAdapter.parse(text, 'json', '/repo/package.fixture.json');
    assert.deepEqual(other.imports, []);
    assert.equal(other.pairs.length, m.pairs.length);
  });

  it('keeps the pairs before a syntax error and records the error', async () => {
    const m = await jsonAdapter.parse(read('broken.json'), 'json', 'broken.json');
    assert.deepEqual(summarize(m), [
      'pair json ClientId = "abc" @5-13',
      'pair json ClientSecret = "s3cret" @26-38',
      'pair json Next = [1, 2] @53-57',
      'string "abc" @16-21',
      'string "s3cret" @41-49',
      'error @52-58',
      'error @66-67',
    ]);
  });

  it('handles empty, scalar-only, unterminated and comment-only input without throwing', async () => {
    assert.deepEqual(summarize(await jsonAdapter.parse('', 'json', 'a.json')), []);
    assert.deepEqual(summarize(await jsonAdapter.parse('"just a string"', 'json', 'a.json')), ['string "just a string" @0-15']);
    assert.deepEqual(summarize(await jsonAdapter.parse('// nothing\n', 'json', 'a.json')), ['comment "nothing" @0-10']);
    assert.deepEqual(summarize(await jsonAdapter.parse('\ufeff{"a": "b"}', 'json', 'a.json')), ['pair json a = "b" @3-4', 'string "b" @7-10']);
    assert.deepEqual(summarize(await jsonAdapter.parse('{"a": "unterminated', 'json', 'a.json')), [
      'pair json a = "unterminated" @2-3',
      'string "unterminated" @6-19',
      'error @6-19',
      'error @18-19',
    ]);
  });

  it('paths index into arrays of objects', async () => {
    const m = await jsonAdapter.parse('[{"env": {"PASSWORD": "x"}}, {"k": [true, 1.5]}]', 'json', 'a.json');
    assert.deepEqual(summarize(m), [
      'pair json 0/env = {PASSWORD} @3-6',
      'pair json 0/env/PASSWORD = "x" @11-19',
      'pair json 1/k = [true, 1.5] @31-32',
      'string "x" @22-25',
    ]);
  });
});
