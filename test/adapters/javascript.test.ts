// JavaScript/TypeScript adapter: fixtures of real partner code as exact summaries, ranges, scopes, recovery.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { javascriptAdapter } from '../../rules/adapters/javascript';
import { summarize } from '../../rules/model/summary';
import type { CallExpr, ConcatExpr, FileModel, LanguageId, Range, StringExpr } from '../../rules/model/types';

const FIXTURES = path.join(__dirname, 'fixtures', 'javascript');
const lang = (name: string): LanguageId => (/\.[mc]?tsx?$/.test(name) ? 'typescript' : 'javascript');
const parse = (text: string, name = 'test.js') => javascriptAdapter.parse(text, lang(name), name);
const load = (name: string) => parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'), name);
const slice = (m: FileModel, r: Range) => m.text.slice(r.start, r.end);
const scopes = (m: FileModel) => m.scopes.map((s) => [s.id, s.parent, slice(m, s.range).split('\n')[0]]);

describe('javascript/typescript adapter', () => {
  it('msal_node.js: msal-node ROPC and client credentials, require, destructuring, env, template logging', async () => {
    const m = await load('msal_node.js');
    assert.deepEqual(summarize(m), [
      'call call require @51-58 s0 ("@azure/msal-node")',
      'call call require @147-154 s0 ("@azure/msal-node")',
      'call new PublicClientApplication @547-570 s1 ($config)',
      'call call pca.acquireTokenByUsernamePassword @607-637 s1 ({scopes,username,password}) on $pca',
      'call call console.log @681-684 s1 (concat("token ", result.accessToken, " for ", $username:param)) on $console',
      'call new msal.ConfidentialClientApplication @822-851 s2 ({cache,...})',
      'call call cca.acquireTokenByClientCredential @906-936 s2 ({scopes}) on $cca',
      'assign msal = require(...) @44-48 s0 const',
      'assign PublicClientApplication = require().PublicClientApplication @88-111 s0 const',
      'assign ConfidentialClientApplication = require().ConfidentialClientApplication @113-142 s0 const',
      'assign scopes = ["https://api.partnercenter.microsoft.com/user_impersonation"] @183-189 s0 const',
      'assign config = {auth} @262-268 s0 const',
      'assign password = process.env.PC_PASSWORD @491-499 s1',
      'assign pca = new PublicClientApplication(...) @537-540 s1 const',
      'assign result = pca.acquireTokenByUsernamePassword(...) @588-594 s1 const',
      'assign getAppToken = ? @771-782 s0 const',
      'assign cca = new msal.ConfidentialClientApplication(...) @807-810 s2 const',
      'assign module.exports = {getUserToken,getAppToken} @1022-1036 s0',
      'pair object auth = {clientId,authority,clientSecret} @275-279',
      'pair object auth/clientId = process.env.CLIENT_ID @287-295',
      'pair object auth/authority = concat("https://login.microsoftonline.com/", process.env["TENANT_ID"]) @324-333',
      'pair object auth/clientSecret = "Zx8Q~fake.secret_value" @404-416',
      'pair object scopes = $scopes @640-646',
      'pair object username = $username:param @648-656',
      'pair object password = $password:param @658-666',
      'pair object cache = undefined @865-870',
      'pair object scopes = ["https://api.partnercenter.microsoft.com/.default"] @939-945',
      'pair object getUserToken = $getUserToken @1041-1053',
      'pair object getAppToken = $getAppToken @1055-1066',
      'string "@azure/msal-node" @59-77',
      'string "@azure/msal-node" @155-173',
      'string "https://api.partnercenter.microsoft.com/user_impersonation" @193-253',
      'string concat("https://login.microsoftonline.com/", process.env["TENANT_ID"]) @335-398',
      'string "TENANT_ID" @384-395',
      'string "Zx8Q~fake.secret_value" @418-442',
      'string concat("token ", result.accessToken, " for ", $username:param) @685-730',
      'string "https://api.partnercenter.microsoft.com/.default" @948-998',
      'import require @azure/msal-node @51-78',
      'import require @azure/msal-node @147-174',
      'comment "Partner Center sync job (Node 18)." @0-37',
      'param username s1',
      'param password s1',
    ]);
    assert.deepEqual(scopes(m), [
      [1, 0, 'async function getUserToken(username, password = process.env.PC_PASSWORD) {'],
      [2, 0, 'async () => {'],
    ]);
    const ropc = m.calls[3];
    assert.equal(slice(m, ropc.nameRange), 'acquireTokenByUsernamePassword');
    assert.equal(slice(m, ropc.range), 'pca.acquireTokenByUsernamePassword({ scopes, username, password })');
    assert.deepEqual(m.errors, []);
  });

  it('http_flows.mjs: fetch + URLSearchParams, step-by-step query string, axios, nodemailer, dynamic import', async () => {
    const m = await load('http_flows.mjs');
    assert.deepEqual(summarize(m), [
      'call call fetch @256-261 s1 ($TOKEN_URL, {method,headers,body})',
      'call new URLSearchParams @379-394 s1 ({grant_type,username,password,client_id})',
      'call call res.json @496-500 s1 () on $res',
      'call new URLSearchParams @574-589 s2 ()',
      'call call params.set @602-605 s2 ("grant_type", "password") on $params',
      'call call params.append @642-648 s2 ("username", $user:param) on $params',
      'call call params.append @677-683 s2 ("password", $pass:param) on $params',
      'call call encodeURIComponent @759-777 s2 ($SCOPE)',
      'call call axios.post @817-821 s2 ($TOKEN_URL, params.toString(...), {headers}) on $axios',
      'call call params.toString @840-848 s2 () on $params',
      'call call btoa @889-893 s2 (concat($id, ":", $secret))',
      'call call nodemailer.createTransport @985-1000 s0 ({host,port,auth}) on $nodemailer',
      'assign TOKEN_URL = concat("https://login.microsoftonline.com/", $tenant, "/oauth2/v2.0/token") @112-121 s0 const',
      'assign res = fetch(...) @244-247 s1 const',
      'assign params = new URLSearchParams(...) @561-567 s2 const',
      'assign qs = concat("client_id=", $clientId) @709-711 s2',
      'assign qs = concat($qs, "&scope=", encodeURIComponent(...)) @741-743 s2',
      'assign data = axios.post().data @796-800 s2 const',
      'assign mailer = nodemailer.createTransport(...) @965-971 s0 const',
      'assign adal = ?.default @1128-1132 s0 const',
      'pair object method = "POST" @279-285',
      'pair object headers = {Content-Type} @299-306',
      'pair object headers/Content-Type = "application/x-www-form-urlencoded" @310-324',
      'pair object body = new URLSearchParams(...) @369-373',
      'pair object grant_type = "password" @397-407',
      'pair object username = $user:param @421-429',
      'pair object password = $pass:param @437-445',
      'pair object client_id = $clientId @453-462',
      'pair object headers = {Authorization} @854-861',
      'pair object headers/Authorization = concat("Basic ", btoa(...)) @865-878',
      'pair object host = "smtp.office365.com" @1005-1009',
      'pair object port = 587 @1035-1039',
      'pair object auth = {user,pass} @1048-1052',
      'pair object auth/user = "reports@contoso.com" @1056-1060',
      'pair object auth/pass = "P@ssw0rd!" @1085-1089',
      'string concat("https://login.microsoftonline.com/", $tenant, "/oauth2/v2.0/token") @124-192',
      'string "POST" @287-293',
      'string "application/x-www-form-urlencoded" @326-361',
      'string "password" @409-419',
      'string "grant_type" @606-618',
      'string "password" @620-630',
      'string "username" @649-659',
      'string "password" @684-694',
      'string concat("client_id=", $clientId) @714-737',
      'string concat($qs, "&scope=", encodeURIComponent(...)) @741-784',
      'string concat("Basic ", btoa(...)) @880-914',
      'string concat($id, ":", $secret) @894-911',
      'string "smtp.office365.com" @1011-1031',
      'string "reports@contoso.com" @1062-1083',
      'string "P@ssw0rd!" @1091-1102',
      'string "adal-node" @1150-1161',
      'import import axios @0-26',
      'import import nodemailer @27-63',
      'import import querystring {stringify} @64-104',
      'import import adal-node @1143-1162',
      'param user s1',
      'param pass s1',
      'param user s2',
      'param pass s2',
    ]);
    const set = m.calls.find((c) => c.name === 'set')!;
    assert.equal(slice(m, set.nameRange), 'set');
    assert.equal(slice(m, (set.args[1] as StringExpr).contentRange), 'password');
    assert.deepEqual(m.errors, []);
  });

  it('partner_client.ts: types, casts, generics, enums, parameter properties, class fields, satisfies', async () => {
    const m = await load('partner_client.ts');
    assert.deepEqual(summarize(m), [
      'call call this.cca.acquireTokenByRefreshToken @861-887 s3 ({refreshToken,scopes}) on this.cca',
      'call new PartnerClient @1286-1299 s0 (new ConfidentialClientApplication(...), {})',
      'call new ConfidentialClientApplication @1316-1345 s0 ({auth})',
      'assign GrantType.Password = "password" @243-251 s0 const',
      'assign GrantType.Refresh = "refresh_token" @268-275 s0 const',
      'assign PartnerClient.RESOURCE = "https://api.partnercenter.microsoft.com" @418-426 s1 const',
      'assign this.token = undefined @482-487 s1',
      'assign this.cca = $cca:param @553-556 s2 const',
      'assign this.cache = $cache:param @599-604 s2',
      'assign tenant = "common" @609-615 s2',
      'assign rt = this.cache.refreshToken @700-702 s3 const',
      'assign result = this.cca.acquireTokenByRefreshToken(...) @741-747 s3 const',
      'assign this.token = result.accessToken @963-973 s3',
      'assign this.headers = ? @1045-1052 s1',
      'assign settings = {clientId,grant} @1173-1181 s0 const',
      'assign client = new PartnerClient(...) @1273-1279 s0 const',
      'pair object refreshToken = $rt @890-902',
      'pair object scopes = [concat(PartnerClient.RESOURCE, "/.default")] @908-914',
      'pair object Authorization = concat("Bearer ", this.token) @1088-1101',
      'pair object clientId = process.env.CLIENT_ID @1186-1194',
      'pair object grant = GrantType.Password @1229-1234',
      'pair object auth = $settings @1363-1367',
      'string "password" @254-264',
      'string "refresh_token" @278-293',
      'string "https://api.partnercenter.microsoft.com" @429-470',
      'string "common" @618-626',
      'string concat(PartnerClient.RESOURCE, "/.default") @917-953',
      'string concat("Bearer ", this.token) @1103-1126',
      'import import @azure/msal-node {Configuration} @0-54',
      'import import @azure/msal-node {ConfidentialClientApplication,AuthenticationResult} @55-147',
      'import require adal-node @148-183',
      'comment "Secure Application Model client." @185-223',
      'param cca s2',
      'param cache s2',
      'param tenant s2',
    ]);
    assert.deepEqual(scopes(m), [
      [1, 0, 'class PartnerClient<T extends TokenCache> {'],
      [2, 1, "constructor(private readonly cca: ConfidentialClientApplication, protected cache: T, tenant = 'common') {}"],
      [3, 1, 'async refresh(): Promise<AuthenticationResult | null> {'],
      [4, 1, "(): Record<string, string> => ({ Authorization: 'Bearer ' + this.token! }) satisfies Record<string, string>"],
    ]);
    assert.equal(slice(m, m.calls[0].nameRange), 'acquireTokenByRefreshToken');
    assert.equal(slice(m, m.assignments[4].targetRange), 'cca');
    assert.equal(slice(m, m.assignments[4].range), 'private readonly cca: ConfidentialClientApplication');
    assert.deepEqual(m.errors, []);
  });

  it('broken.js: an unfinished call is blanked and the rest of the file is still modelled', async () => {
    const m = await load('broken.js');
    assert.deepEqual(summarize(m), [
      'call call require @13-20 s0 ("@azure/msal-node")',
      'call new msal.PublicClientApplication @64-87 s0 ({auth})',
      'call call fetch @280-285 s1 ($url, {method,body})',
      'call call JSON.stringify @320-329 s1 ({user}) on $JSON',
      'call call console.log @354-357 s0 ("done") on $console',
      'assign msal = require(...) @6-10 s0 const',
      'assign pca = new msal.PublicClientApplication(...) @49-52 s0 const',
      'pair object auth = {clientId} @90-94',
      'pair object auth/clientId = $clientId @98-106',
      'pair object method = "POST" @293-299',
      'pair object body = JSON.stringify(...) @309-313',
      'pair object user = $user:param @332-336',
      'string "@azure/msal-node" @21-39',
      'string "POST" @301-307',
      'string "done" @358-364',
      'import require @azure/msal-node @13-40',
      'param user s1',
      'error @113-197',
      'error @198-241',
    ]);
    assert.deepEqual(m.errors.map((e) => slice(m, e)), [
      'const result = await pca.acquireTokenByUsernamePassword({ scopes, username, password',
      'const other = await pca.acquireTokenSilent(',
    ]);
  });

  it('broken.ts: a half-typed expression inside a method; an unclosed class is closed at the end', async () => {
    const m = await load('broken.ts');
    assert.deepEqual(summarize(m), [
      'call new ConfidentialClientApplication @199-228 s2 ({auth})',
      'call call fetch @409-414 s3 ("/upload", {headers})',
      'assign this.secret = process.env.PC_SECRET @106-112 s1 const',
      'assign cca = new ConfidentialClientApplication(...) @189-192 s2 const',
      'pair object auth = {clientSecret} @231-235',
      'pair object auth/clientSecret = this.secret @239-251',
      'pair object headers = {Authorization} @428-435',
      'pair object headers/Authorization = concat("Bearer ", $t:param) @439-452',
      'string "/upload" @415-424',
      'string concat("Bearer ", $t:param) @454-467',
      'import import @azure/msal-node {ConfidentialClientApplication} @0-65',
      'param t s3',
      'error @67-86',
      'error @271-341',
      'error @342-370',
    ]);
    assert.deepEqual(m.errors.map((e) => slice(m, e)), [
      'export class Sync {',
      '    const token = await cca.acquireTokenByClientCredential({ scopes: [',
      '    await this.upload(token.',
    ]);
  });

  it('calls: casts, non-null, optional chaining, generics and computed names are transparent', async () => {
    const m = await parse(
      [
        'async function run() {',
        '  const r = await (<IByRefreshToken>app).acquireTokenByRefreshToken!(rt, scopes)?.executeAsync<Result>();',
        '  const c = new Ns.Client<string>(`${base}/v1`, { retry: 3 } as Options);',
        '  obj[\'login\'](user, pw);',
        '  f(...args, ...[1, 2]);',
        '}',
        '',
      ].join('\n'),
      'test.ts',
    );
    assert.deepEqual(summarize(m), [
      'call call app.acquireTokenByRefreshToken @64-90 s1 ($rt, $scopes) on $app',
      'call call app.acquireTokenByRefreshToken().executeAsync @105-117 s1 () on app.acquireTokenByRefreshToken(...)',
      'call new Ns.Client @148-154 s1 (concat($base, "/v1"), {retry})',
      'call call obj.login @210-215 s1 ($user, $pw) on $obj',
      'call call f @231-232 s1 (...$args, ...[1, 2])',
      'assign r = app.acquireTokenByRefreshToken().executeAsync(...) @31-32 s1 const',
      'assign c = new Ns.Client(...) @137-138 s1 const',
      'pair object retry = 3 @179-184',
      'string concat($base, "/v1") @163-175',
    ]);
    const [inner, outer] = m.calls;
    assert.equal((outer.receiver as CallExpr).call, inner);
    assert.equal(slice(m, inner.receiver!.range), 'app');
    assert.equal(slice(m, inner.calleeRange), '(<IByRefreshToken>app).acquireTokenByRefreshToken!');
    assert.equal(slice(m, m.calls[3].nameRange), 'login');
    assert.equal(m.calls[2].receiver, undefined);
  });

  it('strings: escapes, plain and substituted templates with exact piece ranges, tagged templates, arithmetic', async () => {
    const m = await parse(
      [
        'const a = \'it\\\'s\' + "\\u0041";',
        'const b = `plain`;',
        'const c = `Bearer ${token}!`;',
        'const d = gql`query ${id}`;',
        'const e = n + 1;',
        '',
      ].join('\n'),
    );
    assert.deepEqual(summarize(m), [
      'assign a = concat("it\'s", "A") @6-7 s0 const',
      'assign b = "plain" @36-37 s0 const',
      'assign c = concat("Bearer ", $token, "!") @55-56 s0 const',
      'assign d = ?($gql, concat("query ", $id)) @85-86 s0 const',
      'assign e = ?($n, 1) @113-114 s0 const',
      'string concat("it\'s", "A") @10-28',
      'string "plain" @40-47',
      'string concat("Bearer ", $token, "!") @59-77',
      'string concat("query ", $id) @92-105',
    ]);
    const tpl = m.strings[2] as ConcatExpr;
    assert.deepEqual(tpl.parts.map((p) => slice(m, p.range)), ['Bearer ', 'token', '!']);
    assert.equal(slice(m, (m.strings[1] as StringExpr).contentRange), 'plain');
    assert.equal(slice(m, ((m.strings[0] as ConcatExpr).parts[0] as StringExpr).contentRange), "it\\'s");
  });

  it('imports: default, namespace, side-effect, re-exports, require (also a call), TS import =, export default', async () => {
    const m = await parse(
      [
        'import def, * as ns from \'side\';',
        'import \'polyfill\';',
        'export { a as b } from \'./re\';',
        'export * from \'./all\';',
        'const m = require(`adal-node`);',
        'const x = require(name);',
        '',
      ].join('\n'),
    );
    assert.deepEqual(summarize(m), [
      'call call require @116-123 s0 ("adal-node")',
      'call call require @148-155 s0 ($name)',
      'assign m = require(...) @112-113 s0 const',
      'assign x = require(...) @144-145 s0 const',
      'string "adal-node" @124-135',
      'import import side @0-32',
      'import import polyfill @33-51',
      'import import ./re {a} @52-82',
      'import import ./all {*} @83-105',
      'import require adal-node @116-136',
    ]);
    const ts = await parse(
      [
        'import fs = require(\'fs\');',
        'export default { auth: { clientSecret: \'shh\' } };',
        '',
      ].join('\n'),
      'test.ts',
    );
    assert.deepEqual(summarize(ts), [
      'pair object auth = {clientSecret} @44-48',
      'pair object auth/clientSecret = "shh" @52-64',
      'string "shh" @66-71',
      'import require fs @0-26',
    ]);
  });

  it('bindings and scopes: destructuring, defaults, rest, compound and member assignments, closures, JSX', async () => {
    const m = await parse(
      [
        'function outer(user, { password = \'dflt\', ...rest }, [first], ...more) {',
        '  const check = (v, w = user) => v || password;',
        '  return class Inner {',
        '    m(self) { return user; }',
        '  };',
        '}',
        'let x;',
        'x ||= \'fallback\';',
        '[a, b] = [\'1\', \'2\'];',
        '({ token: this.token } = result);',
        'const el = <Login user="admin" pass={secret} />;',
        '',
      ].join('\n'),
    );
    assert.deepEqual(summarize(m), [
      'assign password = "dflt" @23-31 s1',
      'assign check = ? @81-86 s1 const',
      'assign w = $user:param @93-94 s2',
      'assign x = ?($x, "fallback") @187-188 s0',
      'assign a = "1" @206-207 s0',
      'assign b = "2" @209-210 s0',
      'assign this.token = result.token @236-246 s0',
      'assign el = ?(?(?("admin"), ?(?($secret)))) @266-268 s0 const',
      'string "dflt" @34-40',
      'string "fallback" @193-203',
      'string "1" @215-218',
      'string "2" @220-223',
      'string "admin" @283-290',
      'param user s1',
      'param password s1',
      'param rest s1',
      'param first s1',
      'param more s1',
      'param v s2',
      'param w s2',
      'param self s4',
    ]);
    assert.deepEqual(scopes(m), [
      [1, 0, "function outer(user, { password = 'dflt', ...rest }, [first], ...more) {"],
      [2, 1, '(v, w = user) => v || password'],
      [3, 1, 'class Inner {'],
      [4, 3, 'm(self) { return user; }'],
    ]);
    assert.deepEqual(m.parameters.map((p) => slice(m, p.range)), ['user', 'password', 'rest', 'first', 'more', 'v', 'w', 'self']);
  });

  it('comments are found lexically: not inside strings, templates, regexes, JSX text; hashbang skipped', async () => {
    const m = await parse(
      [
        '#!/usr/bin/env node',
        'const re = /https?:\\/\\/[a-z]+/g; // after regex',
        'const s = \'not // a comment\' + "nor /* this */";',
        'const t = `tpl // no ${ /* hole comment */ x + `inner ${\'//\'}` } still // tpl`;',
        'type U = \'//type\' | "/*x*/";',
        'const el = <p title="a // b">Don\'t // do {/* jsx comment */ v} this</p>;',
        '/* block',
        '   comment */ const d = a / b; // division then comment',
        '',
      ].join('\n'),
      'test.tsx',
    );
    assert.deepEqual(summarize(m), [
      'assign re = ? @26-28 s0 const',
      'assign s = concat("not // a comment", "nor /* this */") @74-75 s0 const',
      'assign t = concat("tpl // no ", $x, "inner ", "//", " still // tpl") @123-124 s0 const',
      'assign el = ?(?($v), ?(?("a // b"))) @232-234 s0 const',
      'assign d = ?($a, $b) @328-329 s0 const',
      'string concat("not // a comment", "nor /* this */") @78-115',
      'string concat("tpl // no ", $x, "inner ", "//", " still // tpl") @127-195',
      'string "a // b" @246-254',
      'comment "after regex" @53-67',
      'comment "hole comment" @141-159',
      'comment "jsx comment" @268-285',
      'comment "block\\n   comment" @299-321',
      'comment "division then comment" @339-363',
    ]);
  });
  it('recovery: unclosed block at the end, unterminated string, hopeless input never throws', async () => {
    const unclosed = await parse('function f() {\n  login(user, pw);\n');
    // The error points at the line whose `{` is never closed; the appended `}` stays outside every range.
    assert.deepEqual(summarize(unclosed), ['call call login @17-22 s1 ($user, $pw)', 'error @0-14']);
    assert.deepEqual(unclosed.scopes, [{ id: 1, parent: 0, range: { start: 0, end: 34 } }]);
    const unterminated = await parse('const a = "unterminated\nlogin(u, p);\n');
    assert.deepEqual(summarize(unterminated), ['call call login @24-29 s0 ($u, $p)', 'error @0-23']);
    const garbage = ')))(((\n}}}{{{\n@@@ ###\n'.repeat(20) + 'ok();\n';
    const g = await parse(garbage);
    assert.deepEqual(summarize(g), [`error @0-${garbage.length}`]);
  });

  it('language and file name decide TS vs JS and JSX: <T> casts in .ts, comparisons in .js', async () => {
    const asJs = await parse('let x = <T>y;\nfoo(x as T);\n', 'noext');
    assert.deepEqual(summarize(asJs), ['call call foo @14-17 s0 ($x)', 'error @0-13']);
    const asTs = await javascriptAdapter.parse('let x = <T>y;\nfoo(x as T);\n', 'typescript', 'noext');
    assert.deepEqual(summarize(asTs), ['call call foo @14-17 s0 ($x)', 'assign x = $y @4-5 s0']);
    assert.equal(asTs.language, 'typescript');
    const js = await parse('let x = get<T>(y);\n', 'a.js');
    assert.deepEqual(summarize(js), ['assign x = ?(?($get, $T), $y) @4-5 s0']);
    assert.equal(js.language, 'javascript');
  });

  it('empty and whitespace-only files give the empty model', async () => {
    for (const text of ['', '\n  \n']) {
      const m = await parse(text, 'a.ts');
      assert.deepEqual(summarize(m), []);
      assert.deepEqual(m.scopes, []);
      assert.equal(m.text, text);
    }
  });

  it('a 5,000-line file is modelled completely (speed is measured by the benchmark, not here)', async () => {
    const block = [
      'async function fn{i}(user, password = \'p{i}\') {',
      '  const pca = new msal.PublicClientApplication({ auth: { clientId, authority: `https://login.microsoftonline.com/${tenant}` } });',
      '  const result = await pca.acquireTokenByUsernamePassword({ scopes: [\'https://graph.microsoft.com/.default\'], username: user, password });',
      '  const body = new URLSearchParams({ grant_type: \'password\', username: user, n: {i} });',
      '  // comment {i}',
      '  const r = await fetch(URL + \'/token\', { method: \'POST\', body, headers: { a: \'b\' } });',
      '  console.log(`token ${result.accessToken} for ${user}`);',
      '  const s = \'x\' + a + "y";',
      '  return (await r.json()).access_token;',
      '}',
      '',
    ].join('\n');
    const text = Array.from({ length: 500 }, (_, i) => block.replaceAll('{i}', String(i))).join('');
    assert.equal(text.split('\n').length - 1, 5000);
    await parse(block.replaceAll('{i}', '0'));
    const m = await parse(text);
    assert.equal(m.calls.length, 500 * 6);
    assert.equal(m.pairs.length, 500 * 13);
    assert.equal(m.comments.length, 500);
    assert.deepEqual(m.errors, []);
  });

  it('loop variables, promise callbacks and import aliases: for-of/for-in elements, `.then`/`.subscribe` parameters, unaliased callees', async () => {
    const src = [
      'import { post as httpPost, get } from \'axios\';',
      'for (const token of tokenize(src)) console.log(token);',
      'for (const [k, v] of Object.entries(o)) use(k, v);',
      'for (key in o) use(key);',
      'pca.acquireTokenByRefreshToken(req).then((response) => console.log(response));',
      'obs.subscribe(function (r) { use(r); });',
      'httpPost(url, body);',
      '',
    ].join('\n');
    const m = await parse(src);
    assert.deepEqual(summarize(m), [
      'call call tokenize @67-75 s0 ($src)',
      'call call console.log @90-93 s0 ($token) on $console',
      'call call Object.entries @130-137 s0 ($o) on $Object',
      'call call use @142-145 s0 ($k, $v)',
      'call call use @168-171 s0 ($key)',
      'call call pca.acquireTokenByRefreshToken @182-208 s0 ($req) on $pca',
      'call call pca.acquireTokenByRefreshToken().then @214-218 s0 (?) on pca.acquireTokenByRefreshToken(...)',
      'call call console.log @241-244 s1 ($response:param) on $console',
      'call call obs.subscribe @261-270 s0 (?) on $obs',
      'call call use @286-289 s2 ($r:param)',
      'call call post @298-306 s0 ($url, $body)',
      'assign token = tokenize(...)[?] @58-63 s0 const',
      'assign k = Object.entries(...)[?][0] @114-115 s0 const',
      'assign v = Object.entries(...)[?][1] @117-118 s0 const',
      'assign key = $o[?] @158-161 s0',
      'assign response = ?(pca.acquireTokenByRefreshToken(...)) @220-228 s1',
      'assign r = ?($obs) @281-282 s2',
      'import import axios {post,get} @0-46',
      'param response s1',
      'param r s2',
    ]);
    // `.then((response) => …)`: the parameter stands for the settled promise, whose range it keeps.
    const settled = m.assignments.find((a) => a.target[0] === 'response')!;
    assert.equal(slice(m, settled.value.range), 'pca.acquireTokenByRefreshToken(req)');
    assert.equal(slice(m, settled.range), 'response');
    // The aliased import's call: callee `post`, written name `httpPost`.
    assert.equal(slice(m, m.calls[m.calls.length - 1].nameRange), 'httpPost');
  });
});
