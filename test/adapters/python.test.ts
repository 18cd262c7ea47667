// Python adapter: fixtures of real partner code as exact summaries, plus ranges, scopes and recovery in detail.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pythonAdapter } from '../../rules/adapters/python';
import { summarize } from '../../rules/model/summary';
import type { CallExpr, ConcatExpr, FileModel, MemberExpr, NameExpr, Range, StringExpr } from '../../rules/model/types';

const FIXTURES = path.join(__dirname, 'fixtures', 'python');
const parse = (text: string) => pythonAdapter.parse(text, 'python', 'test.py');
const load = (name: string) => parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));
const slice = (m: FileModel, r: Range) => m.text.slice(r.start, r.end);
const scopes = (m: FileModel) => m.scopes.map((s) => [s.id, s.parent, slice(m, s.range).split('\n')[0]]);

describe('python adapter', () => {
  it('msal_ropc.py: msal ROPC, client credentials, refresh token, f-string logging, env defaults', async () => {
    const m = await load('msal_ropc.py');
    assert.deepEqual(summarize(m), [
      'call call os.environ.get @448-451 s0 ("PC_PASSWORD") on os.environ',
      'call call msal.PublicClientApplication @484-507 s1 ($CLIENT_ID, authority=$AUTHORITY) on $msal',
      'call call app.get_accounts @559-571 s1 (username=$username:param) on $app',
      'call call app.acquire_token_silent @629-649 s1 ($SCOPES, account=$accounts[0]) on $app',
      'call call app.acquire_token_by_username_password @760-794 s1 ($username:param, $password:param, scopes=$SCOPES) on $app',
      'call call logging.info @877-881 s1 (concat("token ", $token[?(8)], " for ", $username:param)) on $logging',
      'call call ConfidentialClientApplication @1008-1037 s2 ($CLIENT_ID, client_credential=$secret:param, authority=$AUTHORITY)',
      'call call cca.acquire_token_for_client @1154-1178 s2 (scopes=["https://api.partnercenter.microsoft.com/.default"]) on $cca',
      'call call cca.acquire_token_by_refresh_token @1293-1323 s3 ($rt:param, scopes=[concat($RESOURCE, "/.default")]) on $cca:param',
      'call call result.get @1379-1382 s3 ("refresh_token", $rt:param) on $result',
      'assign CLIENT_ID = "4a1aa1d5-c567-49d0-ad0b-cd957a47f842" @202-211 s0',
      'assign AUTHORITY = "https://login.microsoftonline.com/contoso.onmicrosoft.com" @253-262 s0',
      'assign SCOPES = ["https://api.partnercenter.microsoft.com/user_impersonation"] @325-331 s0',
      'assign password = os.environ.get(...) @428-436 s1',
      'assign app = msal.PublicClientApplication(...) @473-476 s1',
      'assign accounts = app.get_accounts(...) @544-552 s1',
      'assign result = app.acquire_token_silent(...) @616-622 s1',
      'assign result = app.acquire_token_by_username_password(...) @747-753 s1',
      'assign token = $result["access_token"] @834-839 s1',
      'assign secret = os.environ["PC_SECRET"] @958-964 s2',
      'assign cca = ConfidentialClientApplication(...) @1002-1005 s2',
      'assign result = cca.acquire_token_by_refresh_token(...) @1274-1280 s3',
      'string "Nightly sync of customer subscriptions from Partner Center (legacy service account)." @0-90',
      'string "4a1aa1d5-c567-49d0-ad0b-cd957a47f842" @214-252',
      'string "https://login.microsoftonline.com/contoso.onmicrosoft.com" @265-324',
      'string "https://api.partnercenter.microsoft.com/user_impersonation" @335-395',
      'string "PC_PASSWORD" @452-465',
      'string "access_token" @849-863',
      'string concat("token ", $token[?(8)], " for ", $username:param) @882-919',
      'string "PC_SECRET" @983-994',
      'string "https://api.partnercenter.microsoft.com/.default" @1187-1237',
      'string concat($RESOURCE, "/.default") @1336-1358',
      'string "refresh_token" @1383-1398',
      'import import logging @98-105',
      'import import os @113-115',
      'import import msal @124-128',
      'import import msal {PublicClientApplication,ConfidentialClientApplication} @129-200',
      'comment "ROPC: breaks as soon as MFA is enforced" @697-738',
      'comment "app-only" @1093-1103',
      'param username s1',
      'param password s1',
      'param secret s2',
      'param cca s3',
      'param rt s3',
    ]);
    assert.deepEqual(scopes(m), [
      [1, 0, 'def get_user_token(username, password=os.environ.get("PC_PASSWORD")):'],
      [2, 0, 'def get_app_token(secret: str = os.environ["PC_SECRET"]):'],
      [3, 0, 'async def refresh(cca, rt):'],
    ]);
  });

  it('adal_requests.py: adal, requests form data, Key Vault chain, smtplib login, %/format/+ strings', async () => {
    const m = await load('adal_requests.py');
    assert.deepEqual(summarize(m), [
      'call call SecretClient @301-313 s0 (vault_url="https://partner-kv.vault.azure.net/", credential=DefaultAzureCredential(...))',
      'call call DefaultAzureCredential @374-396 s0 ()',
      'call call vault.get_secret @417-427 s0 ("svc-password") on $vault',
      'call call legacy_adal.AuthenticationContext @636-657 s2 (concat("https://login.windows.net/", $TENANT)) on $legacy_adal',
      'call call self.context.acquire_token_with_username_password @731-767 s2 (self.resource, $user:param, ?($pw:param, $password), $CLIENT_ID) on self.context',
      'call call dict @1001-1005 s3 (resource=self.resource, scope="openid")',
      'call call requests.post @1067-1071 s3 ($TOKEN_URL, data=$data, json=$body, timeout=30) on $requests',
      'call call r.json @1134-1138 s3 () on $r',
      'call call smtplib.SMTP @1203-1207 s4 ("smtp.office365.com", 587) on $smtplib',
      'call call smtp.starttls @1257-1265 s4 () on $smtp',
      'call call smtp.login @1281-1286 s4 ($user:param, $pw:param) on $smtp',
      'call call smtp.sendmail @1310-1318 s4 ($user:param, [$user:param], concat("Subject: ", "report", "\\n\\n", "done")) on $smtp',
      'call call ?.format @1353-1359 s4 ("report", "done") on "Subject: {}\\n\\n{}"',
      'call call get_token @1423-1432 s4 ()',
      'call call UsernamePasswordCredential @1447-1473 s4 (client_id=$CLIENT_ID, username=$user:param, password=$pw:param)',
      'assign TENANT = "contoso.onmicrosoft.com" @185-191 s0',
      'assign TOKEN_URL = concat("https://login.microsoftonline.com/", $TENANT, "/oauth2/token") @220-229 s0',
      'assign vault = SecretClient(...) @293-298 s0',
      'assign password = vault.get_secret().value @400-408 s0',
      'assign resource = "https://api.partnercenter.microsoft.com" @483-491 s1',
      'assign pw = None @566-568 s2',
      'assign self.user = $user:param @584-593 s2',
      'assign self.context = legacy_adal.AuthenticationContext(...) @609-621 s2',
      'assign self.token = self.context.acquire_token_with_username_password(...) @705-715 s2',
      'assign data = {grant_type,username,password,...} @865-869 s3',
      'assign data.client_id = $CLIENT_ID @956-973 s3',
      'assign body = dict(...) @994-998 s3',
      'assign r = requests.post(...) @1054-1055 s3',
      'assign smtp = smtplib.SMTP(...) @1238-1242 s4',
      'assign headers = {Authorization} @1383-1390 s4',
      'assign cred = UsernamePasswordCredential(...) @1440-1444 s4',
      'pair dict grant_type = "password" @873-885',
      'pair dict username = $user:param @899-909',
      'pair dict password = $password @917-927',
      'pair dict resource = self.resource @1006-1014',
      'pair dict scope = "openid" @1030-1035',
      'pair dict Authorization = concat("Bearer ", get_token(...)) @1394-1409',
      'string "contoso.onmicrosoft.com" @194-219',
      'string concat("https://login.microsoftonline.com/", $TENANT, "/oauth2/token") @232-292',
      'string "https://partner-kv.vault.azure.net/" @324-361',
      'string "svc-password" @428-442',
      'string "https://api.partnercenter.microsoft.com" @494-535',
      'string concat("https://login.windows.net/", $TENANT) @658-695',
      'string "password" @887-897',
      'string "client_id" @961-972',
      'string "openid" @1036-1044',
      'string "access_token" @1141-1155',
      'string "smtp.office365.com" @1208-1228',
      'string concat("Subject: ", "report", "\\n\\n", "done") @1333-1377',
      'string concat("Bearer ", get_token(...)) @1411-1434',
      'import import smtplib @7-14',
      'import import adal @22-41',
      'import import requests @49-57',
      'import import azure.identity {DefaultAzureCredential,UsernamePasswordCredential} @58-135',
      'import import azure.keyvault.secrets {SecretClient} @136-183',
      'param self s2',
      'param user s2',
      'param pw s2',
      'param self s3',
      'param user s3',
      'param extra s3',
      'param user s4',
      'param pw s4',
    ]);
    assert.deepEqual(scopes(m), [
      [1, 0, 'class PartnerCenterClient:'],
      [2, 1, 'def __init__(self, user, pw=None):'],
      [3, 1, 'def raw_token(self, user, **extra):'],
      [4, 0, 'def send_report(user, pw):'],
    ]);
  });

  it('strings.py: prefixes, escapes, triple quotes, implicit concatenation, f-strings, % and .format', async () => {
    const m = await load('strings.py');
    assert.deepEqual(summarize(m), [
      'call call ?.format @299-305 s0 ($base, $path) on "{0}/{1}/{0}"',
      'call call ?.format @339-345 s0 ($u, user=$acct) on "{user.name} {}"',
      'assign a = "C:\\\\certs\\\\newtab\\therecafé" @0-1 s0',
      'assign b = "A\\n\\\\x41" @45-46 s0',
      'assign c = "line1\\nline2 joined" @68-69 s0',
      'assign d = concat("Bearer ", $token, "{literal} ", $user, "plain") @99-100 s0',
      'assign e = concat($x, "/", $y) @157-158 s0',
      'assign f = concat("user=", $u, "&pw=", $p) @178-179 s0',
      'assign g = concat($host, ":", $port, "%") @231-232 s0',
      'assign h = concat("only ", $name) @260-261 s0',
      'assign i = concat($base, "/", $path, "/", $base) @281-282 s0',
      'assign j = concat(?($acct), " ", $u) @318-319 s0',
      'assign k = ?("%s %s", $args) @360-361 s0',
      'pair dict user = $u @211-217',
      'pair dict pw = $p @222-226',
      'string "C:\\\\certs\\\\newtab\\therecafé" @4-44',
      'string "A\\n\\\\x41" @49-67',
      'string "line1\\nline2 joined" @72-98',
      'string concat("Bearer ", $token, "{literal} ", $user, "plain") @103-156',
      'string concat($x, "/", $y) @161-177',
      'string concat("user=", $u, "&pw=", $p) @182-230',
      'string concat($host, ":", $port, "%") @235-259',
      'string concat("only ", $name) @264-280',
      'string concat($base, "/", $path, "/", $base) @285-317',
      'string concat(?($acct), " ", $u) @322-359',
      'string "%s %s" @364-371',
    ]);
  });

  it('broken.py: a half-typed call is blanked and the rest of the file is still modelled', async () => {
    const m = await load('broken.py');
    assert.deepEqual(summarize(m), [
      'call call msal.PublicClientApplication @24-47 s0 ($CLIENT_ID) on $msal',
      'call call app.acquire_token_for_client @140-164 s1 (scopes=$SCOPES) on $app',
      'call call requests.post @198-202 s0 ($URL, data={grant_type}) on $requests',
      'call call print @241-246 s0 ("done")',
      'assign app = msal.PublicClientApplication(...) @13-16 s0',
      'assign token = requests.post(...) @181-186 s0',
      'pair dict grant_type = "password" @214-226',
      'string "password" @228-238',
      'string "done" @247-253',
      'import import msal @7-11',
      'error @59-107',
      'error @123-123',
    ]);
    assert.equal(slice(m, m.errors[0]), 'result = app.acquire_token_by_username_password(');
    assert.deepEqual(scopes(m), [[1, 0, 'def half_typed(:']]);
  });
  it('calls: chains, await and parentheses, subscripted callees; receivers and exact ranges', async () => {
    const src = [
      'token = app.acquire_token_by_username_password(u, p, scopes=S).get("access_token")',
      'r = (await client.get(url))["value"]',
      'h = handlers["x"](1)',
      '',
    ].join('\n');
    const m = await parse(src);
    assert.deepEqual(summarize(m), [
      'call call app.acquire_token_by_username_password @12-46 s0 ($u, $p, scopes=$S) on $app',
      'call call app.acquire_token_by_username_password().get @63-66 s0 ("access_token") on app.acquire_token_by_username_password(...)',
      'call call client.get @101-104 s0 ($url) on $client',
      'call call handlers.x @124-137 s0 (1)',
      'assign token = app.acquire_token_by_username_password().get(...) @0-5 s0',
      'assign r = client.get(...)["value"] @83-84 s0',
      'assign h = handlers.x(...) @120-121 s0',
      'string "access_token" @67-81',
      'string "value" @111-118',
      'string "x" @133-136',
    ]);
    const [inner, outer, get] = m.calls;
    assert.equal((outer.receiver as CallExpr).call, inner);
    assert.equal(slice(m, outer.calleeRange), 'app.acquire_token_by_username_password(u, p, scopes=S).get');
    assert.equal(slice(m, outer.range), 'app.acquire_token_by_username_password(u, p, scopes=S).get("access_token")');
    assert.equal(outer.name, 'get');
    assert.equal(slice(m, inner.named[0].nameRange), 'scopes');
    assert.equal(slice(m, inner.named[0].range), 'scopes=S');
    assert.equal(slice(m, get.range), 'client.get(url)');
    const rv = m.assignments[1].value;
    assert.equal(rv.kind === 'index' && rv.object.kind === 'call' && rv.object.call, get);
    assert.deepEqual(m.errors, []);
  });

  it('string literals: unescaped text and exact content ranges, f-string pieces, implicit concatenation', async () => {
    const m = await parse('x = r"a\\\\b" "c"\ny = """doc\nline"""\nz = f"A{b}C"\nw = b"\\x41"\n');
    assert.deepEqual(summarize(m), [
      'assign x = "a\\\\\\\\bc" @0-1 s0',
      'assign y = "doc\\nline" @16-17 s0',
      'assign z = concat("A", $b, "C") @35-36 s0',
      'assign w = "A" @48-49 s0',
      'string "a\\\\\\\\bc" @4-15',
      'string "doc\\nline" @20-34',
      'string concat("A", $b, "C") @39-47',
      'string "A" @52-59',
    ]);
    const [x, y, z, w] = m.strings;
    assert.equal(slice(m, (x as StringExpr).contentRange), 'a\\\\b" "c');
    assert.equal(slice(m, (y as StringExpr).contentRange), 'doc\nline');
    assert.deepEqual((z as ConcatExpr).parts.map((p) => slice(m, p.range)), ['A', 'b', 'C']);
    assert.deepEqual((z as ConcatExpr).parts.map((p) => (p.kind === 'string' ? slice(m, p.contentRange) : p.kind)), ['A', 'name', 'C']);
    assert.equal(slice(m, (w as StringExpr).contentRange), '\\x41');
  });

  it('scopes and parameters: functions, lambdas, comprehensions, classes; closures see outer parameters', async () => {
    const src = [
      'def outer(user, *args, secret: str = "s", **kw):',
      '    check = lambda v, w=user: v or secret',
      '    names = [n.upper() for n in args]',
      '    class Inner:',
      '        def m(self):',
      '            log(user, self)',
      '    return check(names)',
      '',
    ].join('\n');
    const m = await parse(src);
    assert.deepEqual(summarize(m), [
      'call call n.upper @106-111 s3 () on $n',
      'call call log @179-182 s5 ($user:param, $self:param)',
      'call call check @206-211 s1 ($names)',
      'assign secret = "s" @23-29 s1',
      'assign check = ? @53-58 s1',
      'assign w = $user:param @71-72 s2',
      'assign names = ? @95-100 s1',
      'assign n = $args:param[?] @118-119 s3',
      'string "s" @37-40',
      'param user s1',
      'param args s1',
      'param secret s1',
      'param kw s1',
      'param v s2',
      'param w s2',
      'param self s5',
    ]);
    assert.deepEqual(scopes(m), [
      [1, 0, 'def outer(user, *args, secret: str = "s", **kw):'],
      [2, 1, 'lambda v, w=user: v or secret'],
      [3, 1, '[n.upper() for n in args]'],
      [4, 1, 'class Inner:'],
      [5, 4, 'def m(self):'],
    ]);
    assert.deepEqual(m.parameters.map((p) => slice(m, p.range)), ['user', 'args', 'secret', 'kw', 'v', 'w', 'self']);
    assert.deepEqual(m.scopes[0].range, { start: 0, end: src.length - 1 });
  });

  it('assignments: chained, unpacking, walrus, Final, augmented, attribute and literal-key subscript targets', async () => {
    const src = [
      'a = b = "x"',
      'c, d = "1", "2"',
      'e, f = pair()',
      'if (g := "w"):',
      '    pass',
      'LIMIT: Final = "ten"',
      'n -= 1',
      'obj.attr.x = os.environ["X"]',
      'data[key] = "v"',
      'x = cond and "a" or "b"',
      '',
    ].join('\n');
    const m = await parse(src);
    assert.deepEqual(summarize(m), [
      'call call pair @35-39 s0 ()',
      'assign a = "x" @0-1 s0',
      'assign b = "x" @4-5 s0',
      'assign c = "1" @12-13 s0',
      'assign d = "2" @15-16 s0',
      'assign e = ?(pair(...)) @28-29 s0',
      'assign f = ?(pair(...)) @31-32 s0',
      'assign g = "w" @46-47 s0',
      'assign LIMIT = "ten" @66-71 s0 const',
      'assign n = ?($n, 1) @87-88 s0',
      'assign obj.attr.x = os.environ["X"] @94-104 s0',
      'assign x = ?(?($cond, "a"), "b") @139-140 s0',
      'string "x" @8-11',
      'string "1" @19-22',
      'string "2" @24-27',
      'string "w" @51-54',
      'string "ten" @81-86',
      'string "X" @118-121',
      'string "v" @135-138',
      'string "a" @152-155',
      'string "b" @159-162',
    ]);
    const env = m.assignments[9].value;
    assert.equal(env.kind, 'index');
    assert.deepEqual(env.kind === 'index' && env.path, ['os', 'environ', 'X']);
    assert.equal(slice(m, m.assignments[9].range), 'obj.attr.x = os.environ["X"]');
    assert.equal((m.assignments[0].value as StringExpr).text, 'x');
    assert.equal(m.assignments[0].value, m.assignments[1].value);
  });

  it('dicts: nested literal and dict(k=v) paths, computed keys skipped with their values kept; imports', async () => {
    const src = [
      'd = {"a": {"b": dict(c=1)}, k: call(), **extra}',
      'from __future__ import annotations',
      'from ..pkg.sub import *',
      'import a.b.c as abc, os',
      '',
    ].join('\n');
    const m = await parse(src);
    assert.deepEqual(summarize(m), [
      'call call dict @16-20 s0 (c=1)',
      'call call call @31-35 s0 ()',
      'assign d = {a,...} @0-1 s0',
      'pair dict a = {b} @5-8',
      'pair dict a/b = dict(...) @11-14',
      'pair dict a/b/c = 1 @21-22',
      'import import __future__ {annotations} @48-82',
      'import import ..pkg.sub {*} @83-106',
      'import import a.b.c @114-126',
      'import import os @128-130',
    ]);
    const d = m.assignments[0].value;
    assert.equal(d.kind === 'object' && (d.spreads[0] as NameExpr).name, 'extra');
    assert.equal(slice(m, m.pairs[0].range), '"a": {"b": dict(c=1)}');
    assert.equal(slice(m, m.pairs[2].range), 'c=1');
    assert.equal(m.pairs[0].container, 'dict');
  });

  it('comments are found lexically: not inside strings, triple quotes or f-string fields', async () => {
    const src = [
      '#!/usr/bin/env python3',
      'a = "# not" \'# nor\' + """',
      '# inside triple',
      '"""  # real one',
      'b = f"{x[\'#k\']!r} # no" f\'{y:{w}}\'  # after f-strings',
      'c = "" "tail"',
      '',
    ].join('\n');
    const m = await parse(src);
    assert.deepEqual(summarize(m), [
      'assign a = concat("# not# nor", "\\n# inside triple\\n") @23-24 s0',
      'assign b = concat($x["#k"], " # no", $y) @81-82 s0',
      'assign c = "tail" @135-136 s0',
      'string concat("# not# nor", "\\n# inside triple\\n") @27-68',
      'string concat($x["#k"], " # no", $y) @85-115',
      'string "#k" @90-94',
      'string "tail" @139-148',
      'comment "!/usr/bin/env python3" @0-22',
      'comment "real one" @70-80',
      'comment "after f-strings" @117-134',
    ]);
    assert.equal(slice(m, (m.strings[3] as StringExpr).contentRange), '" "tail');
  });

  it('empty and whitespace-only files give the empty model', async () => {
    for (const text of ['', '\n\n   \n']) {
      const m = await parse(text);
      assert.deepEqual(summarize(m), []);
      assert.deepEqual(m.scopes, []);
      assert.equal(m.text, text);
      assert.equal(m.language, 'python');
    }
  });

  it('a 5,000-line file is modelled completely (speed is measured by the benchmark, not here)', async () => {
    const block = [
      'def fn{i}(user, password="p{i}"):',
      '    app = msal.PublicClientApplication(CLIENT_ID, authority=f"https://login.microsoftonline.com/{tenant}")',
      '    result = app.acquire_token_by_username_password(user, password, scopes=["https://graph.microsoft.com/.default"])',
      '    data = {"grant_type": "password", "username": user, "n": {i}}',
      '    # comment {i}',
      '    r = requests.post(URL + "/token", data=data, headers={"a": "b"})',
      '    logging.info("token %s for %s" % (result["access_token"], user))',
      '    s = "{} and {x}".format(a, x=b)',
      '    return r.json().get("access_token")',
      '',
      '',
    ].join('\n');
    const text = Array.from({ length: 500 }, (_, i) => block.replaceAll('{i}', String(i))).join('');
    assert.equal(text.split('\n').length - 1, 5000);
    await parse(block.replaceAll('{i}', '0'));
    const m = await parse(text);
    assert.equal(m.calls.length, 500 * 7);
    assert.equal(m.pairs.length, 500 * 4);
    assert.equal(m.comments.length, 500);
    assert.deepEqual(m.errors, []);
  });

  it('loop variables are bound to an element of the iterable (for, async for, comprehensions); py2 print; import aliases', async () => {
    const src = [
      'from requests import post as http_post, get',
      'for token in lexer.analyze():',
      '    print(token)',
      'for k, v in result.items():',
      '    pass',
      'names = [t.upper() for t in tokens if t]',
      'print >>sys.stderr, "rt", rt',
      'print token,',
      'r = http_post(url, data=d)',
      '',
    ].join('\n');
    const m = await parse(src);
    assert.deepEqual(summarize(m), [
      'call call lexer.analyze @63-70 s0 () on $lexer',
      'call call print @78-83 s0 ($token)',
      'call call result.items @110-115 s0 () on $result',
      'call call t.upper @139-144 s1 () on $t',
      'call call print @169-174 s0 ("rt", $rt, file=sys.stderr)',
      'call call print @198-203 s0 ($token)',
      'call call post @215-224 s0 ($url, data=$d)',
      'assign token = lexer.analyze(...)[?] @48-53 s0',
      'assign k = ?(result.items(...)[?]) @95-96 s0',
      'assign v = ?(result.items(...)[?]) @98-99 s0',
      'assign names = ? @128-133 s0',
      'assign t = $tokens[?] @151-152 s1',
      'assign r = post(...) @211-212 s0',
      'string "rt" @189-193',
      'import import requests {post,get} @0-43',
    ]);
    // The loop variable is its own definition: an element (unknown key) of the iterable, for the whole loop.
    const loop = m.assignments[0];
    assert.equal(loop.value.kind === 'index' && loop.value.key.kind, 'unknown');
    assert.equal(slice(m, loop.range).split('\n')[0], 'for token in lexer.analyze():');
    assert.equal(slice(m, m.assignments[4].range), '[t.upper() for t in tokens if t]');
    // The aliased function's call keeps its written name's range.
    assert.equal(slice(m, m.calls[6].nameRange), 'http_post');
  });
});
