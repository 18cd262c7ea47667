// C# adapter: exact model summaries of realistic partner code, plus chains, initializers, string kinds, scopes and errors.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { csharpAdapter } from '../../rules/adapters/csharp';
import { summarize } from '../../rules/model/summary';
import type { Call, ConcatExpr, Expr, FileModel, ObjectExpr, Range } from '../../rules/model/types';

const FIXTURES = path.join(__dirname, 'fixtures', 'csharp');
const parse = (name: string) => csharpAdapter.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'), 'csharp', name);
const slice = (m: FileModel, r: Range) => m.text.slice(r.start, r.end);
const callNamed = (m: FileModel, name: string, nth = 0): Call => m.calls.filter((c) => c.name === name)[nth];
const assigned = (m: FileModel, target: string): Expr => m.assignments.find((a) => a.target.join('.') === target)!.value;

describe('csharp adapter', () => {
  it('records declared parameter types (rules tell a CancellationToken from a token string)', async () => {
    const m = await csharpAdapter.parse('class A { void F(CancellationToken token, string accessToken, Dictionary<string, string> form, int n = 1) { } }', 'csharp', 'A');
    assert.deepEqual(m.parameters.map((p) => `${p.name}:${p.type}`), ['token:CancellationToken', 'accessToken:string', 'form:Dictionary<string,string>', 'n:int']);
  });

  it('models MSAL.NET, ADAL and Key Vault code (PartnerAuth.cs)', async () => {
    const m = await parse('PartnerAuth.cs');
    assert.deepEqual(summarize(m), [
      'call call PublicClientApplicationBuilder.Create().WithAuthority().Build @897-902 s4 () on PublicClientApplicationBuilder.Create().WithAuthority(...)',
      'call call PublicClientApplicationBuilder.Create().WithAuthority @855-868 s4 ($Authority) on PublicClientApplicationBuilder.Create(...)',
      'call call PublicClientApplicationBuilder.Create @782-788 s4 (Environment.GetEnvironmentVariable(...)) on $PublicClientApplicationBuilder',
      'call call Environment.GetEnvironmentVariable @801-823 s4 ("CLIENT_ID") on $Environment',
      'call call app.AcquireTokenByUsernamePassword().ExecuteAsync @1002-1014 s4 () on app.AcquireTokenByUsernamePassword(...)',
      'call call app.AcquireTokenByUsernamePassword @941-971 s4 ($Scopes, $user:param, $securePassword:param) on $app',
      'call call Console.WriteLine @1038-1047 s4 (concat("token ", result.AccessToken)) on $Console',
      'call call _logger.LogInformation @1100-1114 s4 ("Got token {Token} for {User}", result.AccessToken, $user:param) on $_logger',
      'call call ConfidentialClientApplicationBuilder.Create().WithClientSecret().WithAuthority().Build @1503-1508 s5 () on ConfidentialClientApplicationBuilder.Create().WithClientSecret().WithAuthority(...)',
      'call call ConfidentialClientApplicationBuilder.Create().WithClientSecret().WithAuthority @1452-1465 s5 (new Uri(...)) on ConfidentialClientApplicationBuilder.Create().WithClientSecret(...)',
      'call call ConfidentialClientApplicationBuilder.Create().WithClientSecret @1410-1426 s5 ($secret:param) on ConfidentialClientApplicationBuilder.Create(...)',
      'call call ConfidentialClientApplicationBuilder.Create @1376-1382 s5 ($clientId:param) on $ConfidentialClientApplicationBuilder',
      'call new Uri @1470-1473 s5 ($Authority)',
      'call call cca.AcquireTokenForClient().ExecuteAsync @1628-1640 s5 () on cca.AcquireTokenForClient(...)',
      'call call cca.AcquireTokenForClient @1544-1565 s5 (["https://api.partnercenter.microsoft.com/.default"]) on $cca',
      'call call cca.AcquireTokenByRefreshToken().ExecuteAsync @1766-1778 s5 () on cca.AcquireTokenByRefreshToken(...)',
      'call call cca.AcquireTokenByRefreshToken @1701-1727 s5 ($Scopes, GetRefreshTokenAsync(...)) on $cca',
      'call call GetRefreshTokenAsync @1742-1762 s5 ()',
      'call new SecretClient @1933-1945 s6 (new Uri(...), new DefaultAzureCredential(...))',
      'call new Uri @1950-1953 s6 ("https://contoso-kv.vault.azure.net/")',
      'call new DefaultAzureCredential @1998-2020 s6 ()',
      'call call client.GetSecretAsync @2074-2088 s6 (secretName="PartnerRefreshToken") on $client',
      'call new Adal.AuthenticationContext @2273-2294 s7 ($Authority)',
      'call new UserPasswordCredential @2340-2362 s7 ($user:param, $pwd:param)',
      'call call context.AcquireTokenAsync @2424-2441 s7 ("https://graph.windows.net", "1950a258-227b-4e31-a9cf-717495945fc2", $credential) on $context',
      'assign Authority = "https://login.microsoftonline.com/contoso.onmicrosoft.com" @301-310 s1 const',
      'assign Scopes = ["https://api.partnercenter.microsoft.com/user_impersonation"] @415-421 s1 const',
      'assign ServiceAccount = "svc-partner@contoso.onmicrosoft.com" @554-568 s1',
      'assign app = PublicClientApplicationBuilder.Create().WithAuthority().Build(...) @745-748 s4',
      'assign result = app.AcquireTokenByUsernamePassword().ExecuteAsync(...) @922-928 s4',
      'assign cca = ConfidentialClientApplicationBuilder.Create().WithClientSecret().WithAuthority().Build(...) @1333-1336 s5',
      'assign app = cca.AcquireTokenForClient().ExecuteAsync(...) @1528-1531 s5',
      'assign refreshed = cca.AcquireTokenByRefreshToken().ExecuteAsync(...) @1660-1669 s5',
      'assign client = new SecretClient(...) @1920-1926 s6',
      'assign secret = client.GetSecretAsync(...) @2052-2058 s6',
      'assign context = new Adal.AuthenticationContext(...) @2254-2261 s7',
      'assign credential = new UserPasswordCredential(...) @2323-2333 s7',
      'string "https://login.microsoftonline.com/contoso.onmicrosoft.com" @313-372',
      'string "https://api.partnercenter.microsoft.com/user_impersonation" @426-486',
      'string "svc-partner@contoso.onmicrosoft.com" @585-622',
      'string "CLIENT_ID" @824-835',
      'string concat("token ", result.AccessToken) @1048-1077',
      'string "Got token {Token} for {User}" @1115-1145',
      'string "https://api.partnercenter.microsoft.com/.default" @1574-1624',
      'string "https://contoso-kv.vault.azure.net/" @1954-1991',
      'string "PartnerRefreshToken" @2101-2122',
      'string "https://graph.windows.net" @2442-2469',
      'string "1950a258-227b-4e31-a9cf-717495945fc2" @2471-2509',
      'import using System @0-13',
      'import using System.Security @14-36',
      'import using Microsoft.Identity.Client @37-69',
      'import using Microsoft.IdentityModel.Clients.ActiveDirectory @70-131',
      'comment "<summary>Gets Partner Center tokens for the nightly sync.</summary>" @165-236',
      'comment "ADAL password flow" @2375-2396',
      'param value s3',
      'param user s4',
      'param securePassword s4',
      'param clientId s5',
      'param secret s5',
      'param user s7',
      'param pwd s7',
    ]);
  });

  it('links every call of a chain to the call it is made on, with exact ranges', async () => {
    const m = await parse('PartnerAuth.cs');
    const ropc = callNamed(m, 'AcquireTokenByUsernamePassword');
    const execute = callNamed(m, 'ExecuteAsync');
    assert.equal(execute.receiver?.kind, 'call');
    assert.equal(execute.receiver.kind === 'call' && execute.receiver.call, ropc);
    assert.equal(slice(m, execute.range), 'app.AcquireTokenByUsernamePassword(Scopes, user, securePassword).ExecuteAsync()');
    assert.equal(slice(m, execute.calleeRange), 'app.AcquireTokenByUsernamePassword(Scopes, user, securePassword).ExecuteAsync');
    assert.equal(slice(m, ropc.nameRange), 'AcquireTokenByUsernamePassword');
    // The cast is transparent: the receiver is `cca` itself.
    const refresh = callNamed(m, 'AcquireTokenByRefreshToken');
    assert.deepEqual(refresh.receiver && { kind: refresh.receiver.kind, range: slice(m, refresh.receiver.range) }, { kind: 'name', range: 'cca' });
    const named = callNamed(m, 'GetSecretAsync').named[0];
    assert.deepEqual([slice(m, named.range), slice(m, named.nameRange)], ['secretName: "PartnerRefreshToken"', 'secretName']);
  });

  it('models form posts, initializers and credentials (Http.cs)', async () => {
    const m = await parse('Http.cs');
    assert.deepEqual(summarize(m), [
      'call new FormUrlEncodedContent @270-291 s2 (new Dictionary(...))',
      'call new Dictionary @296-306 s2 ({Dictionary grant_type,client_id,username,password})',
      'call new List @550-554 s2 ({List scope})',
      'call new KeyValuePair @591-603 s2 ("scope", "openid")',
      'call call http.PostAsync @676-685 s2 (concat("https://login.microsoftonline.com/", $tenant:param, "/oauth2/v2.0/token"), $body) on $http:param',
      'call call response.Content.ReadAsStringAsync @801-818 s2 () on response.Content',
      'call new SmtpClient @898-908 s3 ("smtp.office365.com", 587, {SmtpClient Credentials,EnableSsl})',
      'call new NetworkCredential @976-993 s3 ($user:param, "P@ssw0rd!")',
      'call new NetworkCredential @1092-1095 s3 ($user:param, "C:\\\\secrets\\\\\\"pw\\"")',
      'call call string.Format @1258-1264 s3 ("https://{0}/tenants/{1:D}", "api.partnercenter.microsoft.com", $user:param) on $string',
      'assign body = new FormUrlEncodedContent(...) @259-263 s2',
      'assign pairs = new List(...) @538-543 s2',
      'assign response = http.PostAsync(...) @654-662 s2',
      'assign smtp = new SmtpClient(...) @887-891 s3',
      'assign fallback = new NetworkCredential(...) @1081-1089 s3',
      'assign smtp.Credentials = $fallback @1133-1149 s3',
      'assign payload = {grant_type,user} @1174-1181 s3',
      'assign url = concat("https://", "api.partnercenter.microsoft.com", "/tenants/", $user:param) @1245-1248 s3',
      'assign raw = "{\\"grant_type\\": \\"password\\"}" @1348-1351 s3',
      'assign note = concat("line\\tone!", 42) @1400-1404 s3',
      'assign note = concat($note, "!") @1439-1443 s3',
      'pair initializer grant_type = "password" @347-359',
      'pair initializer client_id = "9c1e2f5a-0000-4000-8000-000000000001" @388-399',
      'pair initializer username = $user:param @457-467',
      'pair initializer password = $password:param @490-500',
      'pair initializer scope = "openid" @620-627',
      'pair initializer Credentials = new NetworkCredential(...) @958-969',
      'pair initializer EnableSsl = true @1026-1035',
      'pair object grant_type = "client_credentials" @1190-1200',
      'pair object user = $user:param @1225-1229',
      'string "grant_type" @347-359',
      'string "password" @361-371',
      'string "client_id" @388-399',
      'string "9c1e2f5a-0000-4000-8000-000000000001" @403-441',
      'string "username" @457-467',
      'string "password" @490-500',
      'string "scope" @620-627',
      'string "openid" @629-637',
      'string concat("https://login.microsoftonline.com/", $tenant:param, "/oauth2/v2.0/token") @686-754',
      'string "smtp.office365.com" @909-929',
      'string "P@ssw0rd!" @1000-1011',
      'string "C:\\\\secrets\\\\\\"pw\\"" @1102-1122',
      'string "client_credentials" @1203-1223',
      'string concat("https://", "api.partnercenter.microsoft.com", "/tenants/", $user:param) @1251-1334',
      'string "{\\"grant_type\\": \\"password\\"}" @1354-1386',
      'string concat("line\\tone!", 42) @1407-1429',
      'string concat($note, "!") @1439-1450',
      'import using System.Collections.Generic @0-33',
      'import using System.Net @34-51',
      'import using System.Net.Http @52-74',
      'import using System.Net.Mail @75-97',
      'param http s2',
      'param tenant s2',
      'param user s2',
      'param password s2',
      'param user s3',
    ]);
  });

  it('puts an initializer last among the arguments of its `new`, with the same pairs as the file list', async () => {
    const m = await parse('Http.cs');
    const dict = callNamed(m, 'Dictionary');
    const init = dict.args[dict.args.length - 1] as ObjectExpr;
    assert.equal(init.kind, 'object');
    assert.equal(init.typeName, 'Dictionary');
    assert.deepEqual(init.entries, m.pairs.slice(0, 4));
    assert.equal(callNamed(m, 'FormUrlEncodedContent').args[0].kind === 'call' && (callNamed(m, 'FormUrlEncodedContent').args[0] as { call: Call }).call, dict);
    const list = callNamed(m, 'List').args[0] as ObjectExpr;
    assert.deepEqual(list.entries.map((p) => [p.key, slice(m, p.range)]), [['scope', 'new KeyValuePair<string, string>("scope", "openid")']]);
    const smtp = callNamed(m, 'SmtpClient');
    assert.deepEqual(slice(m, smtp.args[2].range).split('\n')[0].trim(), '{');
  });

  it('unescapes every string kind, with exact content ranges (Strings.cs)', async () => {
    const m = await parse('Strings.cs');
    assert.deepEqual(summarize(m), [
      'call call string.Format @586-592 s1 ("{0}:{1}", $user, "pw") on $string',
      'call call String.Format @646-652 s1 (CultureInfo.InvariantCulture, "{0,5:N2}-{{{1}}}", [$a, $b]) on $String',
      'call call string.Format @758-764 s1 ($fmt, $a) on $string',
      'assign Regular = "tab\\there \\"q\\" éA" @33-40 s1 const',
      'assign Verbatim = "C:\\\\vault\\\\\\"secret\\"" @90-98 s1 const',
      'assign Interpolated = concat("Bearer ", $token, " {literal} ", $expires, "\\n") @136-148 s1',
      'assign VerbatimInterpolated = concat("C:\\\\", $dir, "\\\\file") @216-236 s1',
      'assign Raw = "{\\"grant_type\\": \\"password\\"}" @269-272 s1',
      'assign MultiRaw = "line one\\n  line two" @320-328 s1',
      'assign RawInterpolated = concat("{\\"user\\": \\"", $user, "\\"}") @395-410 s1',
      'assign Empty = "" @472-477 s1',
      'assign Joined = concat("a", 1, \'c\', "d") @495-501 s1',
      'assign Numbers = concat(?(1, 2), "x") @536-543 s1',
      'assign Format = concat($user, ":", "pw") @570-576 s1',
      'assign Provider = concat($a, "-{", $b, "}") @628-636 s1',
      'assign NotLiteral = string.Format(...) @738-748 s1',
      'assign Ch = \'x\' @783-785 s1',
      'string "tab\\there \\"q\\" éA" @43-71',
      'string "C:\\\\vault\\\\\\"secret\\"" @101-123',
      'string concat("Bearer ", $token, " {literal} ", $expires, "\\n") @151-203',
      'string concat("C:\\\\", $dir, "\\\\file") @239-256',
      'string "{\\"grant_type\\": \\"password\\"}" @275-307',
      'string "line one\\n  line two" @331-382',
      'string concat("{\\"user\\": \\"", $user, "\\"}") @413-459',
      'string "" @480-482',
      'string concat("a", 1, \'c\', "d") @504-523',
      'string concat(?(1, 2), "x") @546-557',
      'string concat($user, ":", "pw") @579-615',
      'string concat($a, "-{", $b, "}") @639-725',
    ]);
    const contents = m.strings.filter((s) => s.kind === 'string').map((s) => s.kind === 'string' && slice(m, s.contentRange));
    assert.deepEqual(contents, [
      'tab\\there \\"q\\" \\u00e9\\x41',
      'C:\\vault\\""secret""',
      '{"grant_type": "password"}',
      '\n        line one\n          line two\n        ',
      '',
    ]);
    const format = assigned(m, 'Format') as ConcatExpr;
    assert.deepEqual(format.parts.map((p) => slice(m, p.range)), ['user', ':', '"pw"']);
    const interpolated = assigned(m, 'Interpolated') as ConcatExpr;
    assert.deepEqual(interpolated.parts.map((p) => slice(m, p.range)), ['Bearer ', 'token', ' {{literal}} ', 'expires', '\\n']);
  });

  it('declares scopes and parameters for types, members, accessors, lambdas and local functions (Scopes.cs)', async () => {
    const m = await parse('Scopes.cs');
    assert.deepEqual(summarize(m), [
      'call call Run @25-28 s0 ($args[0])',
      'call call this @264-268 s6 ("x")',
      'call call Use @416-419 s9 ($q:param, $a:param)',
      'call call Use @461-464 s10 ($b:param, $a:param, $primary:param)',
      'assign top = Run(...) @19-22 s0',
      'assign _secret = $value:param @178-185 s4',
      'assign f = ?(?($x:param, $a:param)) @357-358 s7',
      'assign g = ? @393-394 s7',
      'string "x" @269-272',
      'import using System @0-13',
      'param k s1',
      'param primary s2',
      'param value s4',
      'param key s5',
      'param a s7',
      'param rest s7',
      'param x s8',
      'param q s9',
      'param b s10',
    ]);
    assert.deepEqual(
      m.scopes.map((s) => [s.id, s.parent, slice(m, s.range).split('\n')[0]]),
      [
        [1, 0, 'int Local(int k) => k + top;'],
        [2, 0, '(string primary)'],
        [3, 2, 'get => _secret;'],
        [4, 2, 'set { _secret = value; }'],
        [5, 2, 'public string this[string key] => key;'],
        [6, 2, 'public Scopes() : this("x") { }'],
        [7, 2, 'void M(string a, params string[] rest)'],
        [8, 7, 'x => x + a'],
        [9, 7, 'delegate (int q) { Use(q, a); }'],
        [10, 7, 'void Inner(string b) { Use(b, a, primary); }'],
      ],
    );
  });

  it('sees through casts, await, `as`, `!`, `global::` and generics; names target-typed `new` (Expressions.cs)', async () => {
    const m = await parse('Expressions.cs');
    assert.deepEqual(summarize(m), [
      'call new HttpClient @121-124 s1 ()',
      'call new NetworkCredential @181-184 s1 ("svc", "pw")',
      'call call app.AcquireTokenByRefreshToken().ExecuteAsync @398-410 s3 () on app.AcquireTokenByRefreshToken(...)',
      'call call app.AcquireTokenByRefreshToken @342-368 s3 ($scopes:param, $cfg:param["RefreshToken"]) on $app:param',
      'call call app.AcquireTokenSilent().ExecuteAsync @518-530 s3 () on app.AcquireTokenSilent(...)',
      'call call app.AcquireTokenSilent @476-494 s3 ($scopes:param, account=null) on $app:param',
      'call call Graph.Helpers.Create @599-605 s3 (cfg.GetSection(...)["ClientSecret"]) on Graph.Helpers',
      'call call cfg.GetSection @618-628 s3 ("AzureAd") on $cfg:param',
      'call new NetworkCredential @690-693 s3 ($user, "pw", {NetworkCredential Domain})',
      'call new Options @750-757 s3 ({Options Inner,Name})',
      'call call nameof @794-800 s3 ($silent)',
      'call call KeyValuePair.Create @842-848 s3 ("client_secret", $cfg:param["Secret"]) on $KeyValuePair',
      'call call Callback @1071-1079 s3 (?(app.Dispose(...)))',
      'call call app.Dispose @1090-1097 s4 () on $app:param',
      'assign _http = new HttpClient(...) @113-118 s1 const',
      'assign Cred = new NetworkCredential(...) @165-169 s1',
      'assign result = app.AcquireTokenByRefreshToken().ExecuteAsync(...) @304-310 s3',
      'assign silent = app.AcquireTokenSilent().ExecuteAsync(...) @426-432 s3',
      'assign secret = Graph.Helpers.Create(...) @568-574 s3',
      'assign nc = new NetworkCredential(...) @685-687 s3',
      'assign o = new Options(...) @742-743 s3',
      'assign kv = KeyValuePair.Create(...) @824-826 s3',
      'assign list = ["a", ...$scopes:param] @899-903 s3',
      'assign arr = ["b"] @935-938 s3',
      'assign n = 0 @968-969 s3',
      'assign n = ?($n, 1) @983-984 s3',
      'assign t = ?(?($n, 0), "yes", "no") @1003-1004 s3',
      'assign this.Field = ? @1037-1047 s3',
      'assign _ = Callback(...) @1067-1068 s3',
      'pair initializer Domain = "contoso" @708-714',
      'pair initializer Inner = {Secret} @760-765',
      'pair initializer Inner/Secret = "s3" @770-776',
      'pair initializer Name = nameof(...) @787-791',
      'pair initializer client_secret = $cfg:param["Secret"] @849-864',
      'string "svc" @185-190',
      'string "pw" @192-196',
      'string "RefreshToken" @381-395',
      'string "AzureAd" @629-638',
      'string "ClientSecret" @640-654',
      'string "pw" @700-704',
      'string "contoso" @717-726',
      'string "s3" @779-783',
      'string "client_secret" @849-864',
      'string "Secret" @870-878',
      'string "a" @907-910',
      'string "b" @949-952',
      'string "yes" @1015-1020',
      'string "no" @1023-1027',
      'import using System.Console @0-28',
      'import using Microsoft.Graph @29-59',
      'param app s3',
      'param cfg s3',
      'param scopes s3',
    ]);
    assert.equal(slice(m, callNamed(m, 'NetworkCredential', 1).nameRange), 'new');
    assert.deepEqual(assigned(m, 'secret').kind, 'call');
  });

  it('keeps modelling the code around a syntax error and reports the error range (Broken.cs)', async () => {
    const m = await parse('Broken.cs');
    assert.deepEqual(summarize(m), [
      'call call Connect @35-42 s2 ("before")',
      'call call PublicClientApplicationBuilder.Create @128-134 s3 ($id) on $PublicClientApplicationBuilder',
      'call call Log @190-193 s3 ("after")',
      'call call Connect @230-237 s4 ("after")',
      'assign app = PublicClientApplicationBuilder.Create().WithAuthority @91-94 s3',
      'string "before" @43-51',
      'string "after" @194-201',
      'string "after" @238-245',
      'error @152-179',
    ]);
    assert.equal(slice(m, m.errors[0]), '(\n        var token = await');
  });

  it('returns an empty model for an empty file and never throws on garbage', async () => {
    const empty = await csharpAdapter.parse('', 'csharp', 'Empty.cs');
    assert.deepEqual(summarize(empty), []);
    assert.deepEqual(empty.scopes, []);
    const garbage = await csharpAdapter.parse('}{ ) "unterminated\n@"', 'csharp', 'Garbage.cs');
    assert.deepEqual(summarize(garbage), ['error @0-21']);
  });

  it('binds foreach variables (also deconstructed) to an element of the collection', async () => {
    const src = [
      'class A { void F(List<string> tokens, Dictionary<string, string> d) {',
      '  foreach (var token in tokens) Console.WriteLine(token);',
      '  foreach (var (k, v) in d) Use(k, v);',
      '} }',
      '',
    ].join('\n');
    const m = await csharpAdapter.parse(src, 'csharp', 'Loops.cs');
    assert.deepEqual(summarize(m), [
      'call call Console.WriteLine @110-119 s2 ($token) on $Console',
      'call call Use @156-159 s2 ($k, $v)',
      'assign token = $tokens:param[?] @85-90 s2',
      'assign k = ?($d:param[?]) @144-145 s2',
      'assign v = ?($d:param[?]) @147-148 s2',
      'param tokens s2',
      'param d s2',
    ]);
    const loop = m.assignments[0];
    assert.equal(loop.value.kind === 'index' && loop.value.key.kind, 'unknown');
    assert.equal(slice(m, loop.range), 'foreach (var token in tokens) Console.WriteLine(token);');
  });
});
