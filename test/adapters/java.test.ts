// Java adapter: exact model summaries of realistic partner code, plus builder chains, string kinds, scopes and errors.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { javaAdapter } from '../../rules/adapters/java';
import { summarize } from '../../rules/model/summary';
import type { Call, ConcatExpr, Expr, FileModel, Range } from '../../rules/model/types';

const FIXTURES = path.join(__dirname, 'fixtures', 'java');
const parse = (name: string) => javaAdapter.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'), 'java', name);
const slice = (m: FileModel, r: Range) => m.text.slice(r.start, r.end);
const callNamed = (m: FileModel, name: string, nth = 0): Call => m.calls.filter((c) => c.name === name)[nth];
const assigned = (m: FileModel, target: string): Expr => m.assignments.find((a) => a.target.join('.') === target)!.value;

describe('java adapter', () => {
  it('records declared parameter types (rules tell a CancellationToken from a token string)', async () => {
    const m = await javaAdapter.parse('class A { void f(final String token, Map<String, String> m, int... ns) { } }', 'java', 'A');
    assert.deepEqual(m.parameters.map((p) => `${p.name}:${p.type}`), ['token:String', 'm:Map<String,String>', 'ns:int']);
  });

  it('models msal4j public and confidential client flows (Msal4jFlows.java)', async () => {
    const m = await parse('Msal4jFlows.java');
    assert.deepEqual(summarize(m), [
      'call call singleton @396-405 s1 ("https://api.partnercenter.microsoft.com/user_impersonation")',
      'call call System.getenv @512-518 s1 ("PARTNER_CLIENT_ID") on $System',
      'call call PublicClientApplication.builder().authority().build @720-725 s2 () on PublicClientApplication.builder().authority(...)',
      'call call PublicClientApplication.builder().authority @699-708 s2 ($AUTHORITY) on PublicClientApplication.builder(...)',
      'call call PublicClientApplication.builder @681-688 s2 ($clientId) on $PublicClientApplication',
      'call call UserNamePasswordParameters.builder().build @846-851 s2 () on UserNamePasswordParameters.builder(...)',
      'call call UserNamePasswordParameters.builder @800-807 s2 ($SCOPES, $user:param, password.toCharArray(...)) on $UserNamePasswordParameters',
      'call call password.toCharArray @831-842 s2 () on $password:param',
      'call call app.acquireToken().get @919-922 s2 () on app.acquireToken(...)',
      'call call app.acquireToken @898-910 s2 ($params) on $app',
      'call call System.out.println @945-952 s2 (concat("token ", result.accessToken(...))) on System.out',
      'call call result.accessToken @971-982 s2 () on $result',
      'call call result.accessToken @1009-1020 s2 () on $result',
      'call call ConfidentialClientApplication.builder().authority().build @1281-1286 s3 () on ConfidentialClientApplication.builder().authority(...)',
      'call call ConfidentialClientApplication.builder().authority @1247-1256 s3 ($AUTHORITY) on ConfidentialClientApplication.builder(...)',
      'call call ConfidentialClientApplication.builder @1166-1173 s3 ($clientId, ClientCredentialFactory.createFromSecret(...)) on $ConfidentialClientApplication',
      'call call ClientCredentialFactory.createFromSecret @1208-1224 s3 ($secret:param) on $ClientCredentialFactory',
      'call call ClientCredentialParameters.builder().build @1424-1429 s3 () on ClientCredentialParameters.builder(...)',
      'call call ClientCredentialParameters.builder @1365-1372 s3 (singleton(...)) on $ClientCredentialParameters',
      'call call singleton @1373-1382 s3 ("https://graph.microsoft.com/.default")',
      'call call cca.acquireToken @1495-1507 s3 ($parameters) on $cca',
      'call call future.thenApply().join @1575-1579 s3 () on future.thenApply(...)',
      'call call future.thenApply @1543-1552 s3 (?(r.accessToken(...))) on $future',
      'call call r.accessToken @1560-1571 s4 () on $r:param',
      'call call RefreshTokenParameters.builder().build @1818-1823 s5 () on RefreshTokenParameters.builder(...)',
      'call call RefreshTokenParameters.builder @1788-1795 s5 ($SCOPES, $refreshToken:param) on $RefreshTokenParameters',
      'call call cca.acquireToken().get().accessToken @1869-1880 s5 () on cca.acquireToken().get(...)',
      'call call cca.acquireToken().get @1863-1866 s5 () on cca.acquireToken(...)',
      'call call cca.acquireToken @1846-1858 s5 ($rt) on $cca:param',
      'assign AUTHORITY = "https://login.microsoftonline.com/contoso.onmicrosoft.com/" @276-285 s1 const',
      'assign SCOPES = singleton(...) @387-393 s1 const',
      'assign clientId = System.getenv(...) @494-502 s1 const',
      'assign app = PublicClientApplication.builder().authority().build(...) @651-654 s2',
      'assign params = UserNamePasswordParameters.builder().build(...) @764-770 s2',
      'assign result = app.acquireToken().get(...) @885-891 s2',
      'assign cca = ConfidentialClientApplication.builder().authority().build(...) @1130-1133 s3',
      'assign parameters = ClientCredentialParameters.builder().build(...) @1325-1335 s3',
      'assign future = cca.acquireToken(...) @1482-1488 s3',
      'assign rt = RefreshTokenParameters.builder().build(...) @1760-1762 s5',
      'string "https://login.microsoftonline.com/contoso.onmicrosoft.com/" @288-348',
      'string "https://api.partnercenter.microsoft.com/user_impersonation" @406-466',
      'string "PARTNER_CLIENT_ID" @519-538',
      'string concat("token ", result.accessToken(...)) @953-984',
      'string "https://graph.microsoft.com/.default" @1383-1421',
      'import import com.microsoft.aad.msal4j @30-64',
      'import import java.util.Collections.singleton @65-111',
      'import import java.util.concurrent.CompletableFuture @112-158',
      'comment "Partner Center tokens for the billing export." @160-216',
      'comment "exchange the stored refresh token" @1692-1728',
      'param user s2',
      'param password s2',
      'param secret s3',
      'param r s4',
      'param cca s5',
      'param refreshToken s5',
    ]);
  });

  it('links every call of a builder chain to the call it is made on, with exact ranges', async () => {
    const m = await parse('Msal4jFlows.java');
    const builder = callNamed(m, 'builder', 1);
    const build = callNamed(m, 'build', 1);
    assert.equal(build.receiver?.kind === 'call' && build.receiver.call, builder);
    assert.equal(slice(m, builder.range), 'UserNamePasswordParameters.builder(SCOPES, user, password.toCharArray())');
    assert.equal(slice(m, build.calleeRange), 'UserNamePasswordParameters.builder(SCOPES, user, password.toCharArray()).build');
    assert.equal(slice(m, build.nameRange), 'build');
    const password = builder.args[2];
    assert.equal(password.kind === 'call' && password.call, callNamed(m, 'toCharArray'));
  });

  it('models adal4j, OkHttp, SLF4J and string building (LegacyClient.java)', async () => {
    const m = await parse('LegacyClient.java');
    assert.deepEqual(summarize(m), [
      'call call LoggerFactory.getLogger @306-315 s1 (?) on $LoggerFactory',
      'call new AuthenticationContext @606-627 s2 ("https://login.windows.net/common", false, $service:param)',
      'call call context.acquireToken @735-747 s2 ("https://api.partnercenter.microsoft.com", "1950a258-227b-4e31-a9cf-717495945fc2", $user:param, $password:param, null) on $context',
      'call call future.get @899-902 s2 () on $future',
      'call call log.info @918-922 s2 ("{}", result.getAccessToken(...)) on $log',
      'call call result.getAccessToken @936-950 s2 () on $result',
      'call call FormBody.Builder().add().add().add().build @1162-1167 s3 () on FormBody.Builder().add().add().add(...)',
      'call call FormBody.Builder().add().add().add @1136-1139 s3 ("password", $PASSWORD) on FormBody.Builder().add().add(...)',
      'call call FormBody.Builder().add().add @1114-1117 s3 ("username", $user:param) on FormBody.Builder().add(...)',
      'call call FormBody.Builder().add @1084-1087 s3 ("grant_type", "password") on new FormBody.Builder(...)',
      'call new FormBody.Builder @1074-1081 s3 ()',
      'call call String.format @1199-1205 s3 ("https://login.microsoftonline.com/%s/oauth2/token?user=%s", $tenant:param, $user:param) on $String',
      'call call Map.of @1321-1323 s3 ("grant_type", "client_credentials", "client_id", "id") on $Map',
      'call new Runnable @1409-1417 s3 ()',
      'call call log.debug @1480-1485 s5 (concat("posted to ", $url)) on $log',
      'call call Request.Builder().url().post().build @1676-1681 s3 () on Request.Builder().url().post(...)',
      'call call Request.Builder().url().post @1665-1669 s3 ($body) on Request.Builder().url(...)',
      'call call Request.Builder().url @1608-1611 s3 (concat("https://login.microsoftonline.com/", $tenant:param)) on new Request.Builder(...)',
      'call new Request.Builder @1598-1605 s3 ()',
      'call call ?.concat @1649-1655 s3 ($tenant:param) on "https://login.microsoftonline.com/"',
      'assign PASSWORD = "Summer2024!\\tA" @220-228 s1 const',
      'assign log = LoggerFactory.getLogger(...) @286-289 s1 const',
      'assign query = "{\\n  \\"grant_type\\": \\"password\\", \\"scope\\": \\"openid\\"\\n}\\n" @348-353 s1',
      'assign context = new AuthenticationContext(...) @592-599 s2',
      'assign future = context.acquireToken(...) @718-724 s2',
      'assign result = future.get(...) @883-889 s2',
      'assign body = FormBody.Builder().add().add().add().build(...) @1054-1058 s3',
      'assign url = concat("https://login.microsoftonline.com/", $tenant:param, "/oauth2/token?user=", $user:param) @1186-1189 s3',
      'assign form = Map.of(...) @1310-1314 s3',
      'assign audit = new Runnable(...) @1397-1402 s3',
      'assign this.lastUrl = $url @1528-1540 s3',
      'assign url = concat($url, "&x=1") @1556-1559 s3',
      'string "Summer2024!\\tA" @231-252',
      'string "{\\n  \\"grant_type\\": \\"password\\", \\"scope\\": \\"openid\\"\\n}\\n" @356-455',
      'string "https://login.windows.net/common" @628-662',
      'string "https://api.partnercenter.microsoft.com" @748-789',
      'string "1950a258-227b-4e31-a9cf-717495945fc2" @791-829',
      'string "{}" @923-927',
      'string "grant_type" @1088-1100',
      'string "password" @1102-1112',
      'string "username" @1118-1128',
      'string "password" @1140-1150',
      'string concat("https://login.microsoftonline.com/", $tenant:param, "/oauth2/token?user=", $user:param) @1192-1280',
      'string "grant_type" @1324-1336',
      'string "client_credentials" @1338-1358',
      'string "client_id" @1360-1371',
      'string "id" @1373-1377',
      'string concat("posted to ", $url) @1486-1504',
      'string concat($url, "&x=1") @1556-1569',
      'string concat("https://login.microsoftonline.com/", $tenant:param) @1612-1663',
      'import import com.microsoft.aad.adal4j.AuthenticationContext @0-54',
      'import import com.microsoft.aad.adal4j.AuthenticationResult @55-108',
      'import import java.util.Map @109-130',
      'import import okhttp3 @131-148',
      'import import org.slf4j.Logger @149-173',
      'param service s2',
      'param user s2',
      'param password s2',
      'param tenant s3',
      'param user s3',
    ]);
    const form = callNamed(m, 'Builder');
    assert.deepEqual([form.kind, slice(m, form.calleeRange), slice(m, form.nameRange)], ['new', 'FormBody.Builder', 'Builder']);
  });

  it('unescapes string literals and text blocks, and splits format strings (Strings.java)', async () => {
    const m = await parse('Strings.java');
    assert.deepEqual(summarize(m), [
      'call call String.format @319-325 s1 ("%s:%s %%done%n", $user, "pw") on $String',
      'call call String.format @385-391 s1 (Locale.ROOT, "%2$s-%1$s-%<s", $a, $b) on $String',
      'call call ?.formatted @464-473 s1 ($token) on "Bearer %s"',
      'call call ?.concat @513-519 s1 ($host) on "https://"',
      'call call String.format @558-564 s1 ($fmt, $a) on $String',
      'assign REGULAR = "tab\\there \\"q\\" éA " @40-47 s1 const',
      'assign BLOCK = "{\\"grant_type\\": \\"password\\", \\"scope\\": \\"openid\\"}\\n  indented\\n" @106-111 s1 const',
      'assign joined = concat("a", 1, \'c\', "d") @228-234 s1',
      'assign numbers = concat(?(1, 2), "x") @269-276 s1',
      'assign format = concat($user, ":", "pw", " %done\\n") @303-309 s1',
      'assign indexed = concat($b, "-", $a, "-", $a) @368-375 s1',
      'assign formatted = concat("Bearer ", $token) @440-449 s1',
      'assign concat = concat("https://", $host) @493-499 s1',
      'assign notLiteral = String.format(...) @538-548 s1',
      'assign empty = "" @585-590 s1',
      'assign ch = \'x\' @606-608 s1',
      'assign number = 0x1F @624-630 s1',
      'string "tab\\there \\"q\\" éA " @50-80',
      'string "{\\"grant_type\\": \\"password\\", \\"scope\\": \\"openid\\"}\\n  indented\\n" @114-215',
      'string concat("a", 1, \'c\', "d") @237-256',
      'string concat(?(1, 2), "x") @279-290',
      'string concat($user, ":", "pw", " %done\\n") @312-355',
      'string concat($b, "-", $a, "-", $a) @378-427',
      'string concat("Bearer ", $token) @452-480',
      'string concat("https://", $host) @502-525',
      'string "" @593-595',
    ]);
    const block = m.strings[1];
    assert.equal(block.kind === 'string' && slice(m, block.contentRange).startsWith('\n        {"grant_type"'), true);
    assert.equal(block.kind === 'string' && slice(m, block.contentRange).endsWith('indented\n        '), true);
    const format = assigned(m, 'format') as ConcatExpr;
    assert.deepEqual(format.parts.map((p) => slice(m, p.range)), ['user', ':', '"pw"', ' %%done%n']);
  });

  it('declares scopes and parameters for classes, lambdas, anonymous classes, records and enums (Scopes.java)', async () => {
    const m = await parse('Scopes.java');
    assert.deepEqual(summarize(m), [
      'call call init @72-76 s2 ("static")',
      'call new Runnable @381-389 s4 ()',
      'call call use @426-429 s8 ($a:param, $secret)',
      'call call check @527-532 s10 ($user:param)',
      'assign this.secret = $secret:param @147-158 s3',
      'assign f = ?(?($x:param, $a:param)) @246-247 s4',
      'assign g = ? @305-306 s4',
      'assign r = new Runnable(...) @373-374 s4',
      'string "static" @77-85',
      'string "https://login.microsoftonline.com" @581-616',
      'string "public" @643-651',
      'import import java.util.function.Function @0-35',
      'param secret s3',
      'param a s4',
      'param rest s4',
      'param x s5',
      'param p s6',
      'param q s6',
      'param user s9',
      'param password s9',
      'param authority s14',
    ]);
    assert.deepEqual(
      m.scopes.map((s) => [s.id, s.parent, slice(m, s.range).split('\n')[0]]),
      [
        [1, 0, '{'],
        [2, 1, 'static { init("static"); }'],
        [3, 1, 'Scopes(String secret) { this.secret = secret; }'],
        [4, 1, 'void run(String a, String... rest) {'],
        [5, 4, 'x -> x + a'],
        [6, 4, '(String p, String q) -> { return p + q + a; }'],
        [7, 4, '{'],
        [8, 7, 'public void run() { use(a, secret); }'],
        [9, 1, '(String user, String password) {'],
        [10, 9, 'Creds { check(user); }'],
        [11, 1, '{'],
        [12, 11, '{ String host() { return "public"; } }'],
        [13, 12, 'String host() { return "public"; }'],
        [14, 11, 'Cloud(String authority) { }'],
      ],
    );
  });

  it('sees through casts and parentheses, strips generics, reads imports (Expressions.java)', async () => {
    const m = await parse('Expressions.java');
    assert.deepEqual(summarize(m), [
      'call new java.util.HashMap @211-218 s1 ()',
      'call call client.getSecret().getValue @407-415 s2 () on client.getSecret(...)',
      'call call client.getSecret @374-383 s2 ("PartnerRefreshToken") on $client',
      'call call props.getProperty @445-456 s2 ("partnercenter.clientId", System.getenv(...)) on $props:param',
      'call call System.getenv @490-496 s2 ("CLIENT_ID") on $System',
      'call call cca.acquireToken().get @678-681 s2 () on cca.acquireToken(...)',
      'call call cca.acquireToken @573-585 s2 (ClientCredentialParameters.builder().build(...)) on $cca:param',
      'call call ClientCredentialParameters.builder().build @669-674 s2 () on ClientCredentialParameters.builder(...)',
      'call call ClientCredentialParameters.builder @613-620 s2 (Set.of(...)) on $ClientCredentialParameters',
      'call call Set.of @625-627 s2 ("https://graph.microsoft.com/.default") on $Set',
      'call call settings.put @702-705 s2 ("client_secret", $secret) on $settings',
      'call call this.settings.clear @953-958 s2 () on this.settings',
      'call call super.toString @976-984 s2 () on $super',
      'call call HttpClient.newHttpClient @1023-1036 s2 () on $HttpClient',
      'call call r.accessToken @1062-1073 s2 () on $r',
      'assign settings = new java.util.HashMap(...) @186-194 s1 const',
      'assign secret = client.getSecret().getValue(...) @341-347 s2',
      'assign id = props.getProperty(...) @434-436 s2',
      'assign r = cca.acquireToken().get(...) @542-543 s2',
      'assign codes = [401, 403] @746-751 s2',
      'assign names = ["a", "b"] @783-788 s2',
      'assign first = $names[0] @833-838 s2',
      'assign n = 0 @863-864 s2',
      'assign n = ?($n, 1) @878-879 s2',
      'assign label = ?(?($n, 0), "yes", "no") @901-906 s2',
      'assign http = HttpClient.newHttpClient(...) @1005-1009 s2',
      'string "PartnerRefreshToken" @384-405',
      'string "partnercenter.clientId" @457-481',
      'string "CLIENT_ID" @497-508',
      'string "https://graph.microsoft.com/.default" @628-666',
      'string "client_secret" @706-721',
      'string "a" @806-809',
      'string "b" @811-814',
      'string "yes" @917-922',
      'string "no" @925-929',
      'import import com.microsoft.aad.msal4j.ClientCredentialFactory.createFromSecret @0-80',
      'import import com.azure.security.keyvault.secrets @81-126',
      'param cca s2',
      'param props s2',
    ]);
  });

  it('keeps modelling the code around a syntax error and reports the error ranges (Broken.java)', async () => {
    const m = await parse('Broken.java');
    assert.deepEqual(summarize(m), [
      'call call connect @35-42 s2 ("before")',
      'call call ConfidentialClientApplication.builder @123-130 s3 ($id, $secret) on $ConfidentialClientApplication',
      'call call log @176-179 s3 ("after")',
      'call call connect @216-223 s4 ("after")',
      'assign app = ConfidentialClientApplication.builder(...) @87-90 s3',
      'string "before" @43-51',
      'string "after" @180-187',
      'string "after" @224-231',
      'error @142-142',
      'error @164-165',
    ]);
    assert.deepEqual(m.errors.map((e) => slice(m, e)), ['', '=']);
  });

  it('returns an empty model for an empty file and never throws on garbage', async () => {
    assert.deepEqual(summarize(await javaAdapter.parse('', 'java', 'Empty.java')), []);
    const garbage = await javaAdapter.parse('}{ ) (( class', 'java', 'Garbage.java');
    assert.deepEqual(summarize(garbage), ['error @0-13']);
  });

  it('binds enhanced-for variables to an element of the collection', async () => {
    const src = [
      'class A { void f(List<String> tokens) {',
      '  for (final String token : tokens) System.out.println(token);',
      '} }',
      '',
    ].join('\n');
    const m = await javaAdapter.parse(src, 'java', 'Loops.java');
    assert.deepEqual(summarize(m), [
      'call call System.out.println @87-94 s2 ($token) on System.out',
      'assign token = $tokens:param[?] @60-65 s2 const',
      'param tokens s2',
    ]);
    assert.equal(slice(m, m.assignments[0].range), 'for (final String token : tokens) System.out.println(token);');
  });
});
