// XML adapter: attribute and leaf-element pairs, the <add key value/> and <setting><value> idioms, package manifests, malformed input.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { xmlAdapter } from '../../rules/adapters/xml';
import { summarize } from '../../rules/model/summary';
import type { FileModel, StringExpr } from '../../rules/model/types';

const FIXTURES = path.join(__dirname, 'fixtures', 'config');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const slice = (m: FileModel, r: { start: number; end: number }) => m.text.slice(r.start, r.end);

describe('xml adapter', () => {
  it('models web.config: attributes, appSettings/connectionStrings/setting idioms, leaf text, CDATA, comments', async () => {
    const m = await xmlAdapter.parse(read('web.config'), 'xml', 'web.config');
    assert.deepEqual(summarize(m), [
      'pair xml configuration/appSettings/ida:ClientId = "9c1e2f5a-0000-4000-8000-000000000001" @110-122',
      'pair xml configuration/appSettings/add/key = "ida:ClientId" @105-108',
      'pair xml configuration/appSettings/add/value = "9c1e2f5a-0000-4000-8000-000000000001" @124-129',
      'pair xml configuration/appSettings/ida:ClientSecret = "p&ss" @186-202',
      'pair xml configuration/appSettings/add/key = "ida:ClientSecret" @181-184',
      'pair xml configuration/appSettings/add/value = "p&ss" @204-209',
      'pair xml configuration/connectionStrings/PartnerDb = "Server=.;Password=Hunter2" @278-287',
      'pair xml configuration/connectionStrings/add/name = "PartnerDb" @272-276',
      'pair xml configuration/connectionStrings/add/connectionString = "Server=.;Password=Hunter2" @289-305',
      'pair xml configuration/connectionStrings/add/providerName = "System.Data.SqlClient" @334-346',
      'pair xml configuration/applicationSettings/Sync.Properties.Settings/ApiPassword = "Spring2024!" @473-484',
      'pair xml configuration/applicationSettings/Sync.Properties.Settings/setting/name = "ApiPassword" @467-471',
      'pair xml configuration/applicationSettings/Sync.Properties.Settings/setting/serializeAs = "String" @486-497',
      'pair xml configuration/applicationSettings/Sync.Properties.Settings/setting/value = "Spring2024!" @517-522',
      'pair xml configuration/partner/password = "a<b" @629-637',
      'string "ida:ClientId" @109-123',
      'string "9c1e2f5a-0000-4000-8000-000000000001" @130-168',
      'string "ida:ClientSecret" @185-203',
      'string "p&ss" @210-220',
      'string "PartnerDb" @277-288',
      'string "Server=.;Password=Hunter2" @306-333',
      'string "System.Data.SqlClient" @347-370',
      'string "ApiPassword" @472-485',
      'string "String" @498-506',
      'string "Spring2024!" @523-534',
      'string "a<b" @638-653',
      'comment "ADAL settings" @57-79',
    ]);
    const secret = m.pairs.find((p) => p.key === 'ida:ClientSecret')!;
    const value = secret.value as StringExpr;
    assert.equal(value.text, 'p&ss');
    assert.equal(slice(m, value.contentRange), 'p&amp;ss', 'ranges are on the raw attribute value');
    assert.equal(slice(m, secret.keyRange), 'ida:ClientSecret');
    assert.equal(slice(m, secret.range), '<add key="ida:ClientSecret" value="p&amp;ss" />');
    assert.equal(value, m.pairs[5].value, 'the idiom pair shares the value attribute\'s expression');
    const cdata = m.pairs[14].value as StringExpr;
    assert.equal(slice(m, cdata.contentRange), 'a<b');
    assert.equal(slice(m, m.pairs[14].keyRange), 'password');
    assert.equal(slice(m, m.pairs[10].range), '<setting name="ApiPassword" serializeAs="String">\n        <value>Spring2024!</value>');
    assert.deepEqual(m.errors, []);
  });

  it('turns packages.config, .csproj and pom.xml dependencies into package imports', async () => {
    const imports = async (name: string) => {
      const m = await xmlAdapter.parse(read(name), 'xml', name);
      return m.imports.map((i) => `${i.module} ${JSON.stringify(slice(m, i.range))}`);
    };
    assert.deepEqual(await imports('packages.config'), [
      'Microsoft.IdentityModel.Clients.ActiveDirectory "Microsoft.IdentityModel.Clients.ActiveDirectory"',
      'Microsoft.Store.PartnerCenter "Microsoft.Store.PartnerCenter"',
    ]);
    assert.deepEqual(await imports('Sync.csproj'), [
      'Microsoft.IdentityModel.Clients.ActiveDirectory "Microsoft.IdentityModel.Clients.ActiveDirectory"',
      'Microsoft.Identity.Client "Microsoft.Identity.Client"',
      'Microsoft.Store.PartnerCenter "Microsoft.Store.PartnerCenter"',
    ]);
    assert.deepEqual(await imports('pom.xml'), ['com.microsoft.azure:adal4j "adal4j"']);
    const pom = await xmlAdapter.parse(read('pom.xml'), 'xml', 'pom.xml');
    assert.deepEqual(summarize(pom), [
      'pair xml project/xmlns = "http://maven.apache.org/POM/4.0.0" @9-14',
      'pair xml project/dependencies/dependency/groupId = "com.microsoft.azure" @93-100',
      'pair xml project/dependencies/dependency/artifactId = "adal4j" @138-148',
      'pair xml project/dependencies/dependency/version = "1.6.7" @176-183',
      'string "http://maven.apache.org/POM/4.0.0" @15-50',
      'string "com.microsoft.azure" @101-120',
      'string "adal4j" @149-155',
      'string "1.6.7" @184-189',
      'import package com.microsoft.azure:adal4j @149-155',
    ]);
  });

  it('turns .nuspec <dependency id=…> into package imports, and leaves pom.xml <exclusion> alone', async () => {
    const nuspec = '<package><metadata><dependencies><group targetFramework="net472"><dependency id="Microsoft.IdentityModel.Clients.ActiveDirectory" version="[3.19.8,)" /></group></dependencies></metadata></package>';
    const m = await xmlAdapter.parse(nuspec, 'xml', 'Contoso.Sync.nuspec');
    assert.deepEqual(m.imports.map((i) => `${i.kind} ${i.module} ${JSON.stringify(slice(m, i.range))}`), [
      'package Microsoft.IdentityModel.Clients.ActiveDirectory "Microsoft.IdentityModel.Clients.ActiveDirectory"',
    ]);
    const pom = '<project><dependencies><dependency><groupId>com.microsoft.azure</groupId><artifactId>msal4j</artifactId><exclusions><exclusion><groupId>com.microsoft.azure</groupId><artifactId>adal4j</artifactId></exclusion></exclusions></dependency></dependencies></project>';
    const p = await xmlAdapter.parse(pom, 'xml', 'pom.xml');
    assert.deepEqual(p.imports.map((i) => i.module), ['com.microsoft.azure:msal4j']);
  });

  it('keeps what it read before and around errors, records them, and never throws', async () => {
    const m = await xmlAdapter.parse(read('broken.xml'), 'xml', 'broken.xml');
    assert.deepEqual(summarize(m), [
      'pair xml configuration/appSettings/ClientSecret = "abc" @46-58',
      'pair xml configuration/appSettings/add/key = "ClientSecret" @41-44',
      'pair xml configuration/appSettings/add/value = "abc" @60-65',
      'pair xml configuration/appSettings/Broken = "unquoted" @89-95',
      'pair xml configuration/appSettings/add/key = "Broken" @84-87',
      'pair xml configuration/appSettings/add/value = "unquoted" @97-102',
      'pair xml configuration/oops = "" @135-139',
      'string "ClientSecret" @45-59',
      'string "abc" @66-71',
      'string "Broken" @88-96',
      'string "unquoted" @103-111',
      'string "" @140-140',
      'error @103-104',
      'error @155-156',
    ]);
    assert.deepEqual(summarize(await xmlAdapter.parse('', 'xml', 'a.xml')), []);
    const truncated = await xmlAdapter.parse('<a><b k="v"/><c>text', 'xml', 'a.xml');
    assert.deepEqual(summarize(truncated), ['pair xml a/b/k = "v" @6-7', 'string "v" @8-11', 'error @19-20']);
    const garbage = await xmlAdapter.parse('not xml at all <<< & >', 'xml', 'a.xml');
    assert.ok(garbage.errors.length > 0);
  });

  it('reads the name/value idiom in other vocabularies (Spring <property>, Service Fabric <Parameter>)', async () => {
    const m = await xmlAdapter.parse('<beans><bean><property name="password" value="s3cret"/></bean><Parameters><Parameter Name="ClientSecret" DefaultValue="x"/></Parameters></beans>', 'xml', 'beans.xml');
    assert.deepEqual(
      m.pairs.filter((p) => p.path.length === 3).map((p) => `${p.path.join('/')} = ${(p.value as StringExpr).text}`),
      ['beans/bean/password = s3cret', 'beans/Parameters/ClientSecret = x'],
    );
  });
});
