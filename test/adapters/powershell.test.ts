// PowerShell adapter: fixtures of partner automation as exact summaries, then pipelines, chains, names, strings and ranges in detail.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { powershellAdapter } from '../../rules/adapters/powershell';
import { summarize } from '../../rules/model/summary';
import { emptyModel, type ArrayExpr, type CallExpr, type ConcatExpr, type FileModel, type NameExpr, type Range, type StringExpr } from '../../rules/model/types';

const FIXTURES = path.join(__dirname, 'fixtures', 'powershell');
const parse = (text: string) => powershellAdapter.parse(text, 'powershell', 'test.ps1');
const load = (name: string) => parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));
const slice = (m: FileModel, r: Range) => m.text.slice(r.start, r.end);
const call = (m: FileModel, name: string, nth = 0) => m.calls.filter((c) => c.name === name)[nth];

describe('powershell adapter: fixtures', () => {
  it('credentials.ps1: SecureString from literals and pipelines, PSCredential three ways, Connect-* with credentials and splatting', async () => {
    assert.deepEqual(summarize(await load('credentials.ps1')), [
      'call command ConvertTo-SecureString @150-172 s0 ("P@ss", AsPlainText=switch, Force=switch)',
      'call command ConvertTo-SecureString @228-250 s0 (AsPlainText=switch, Force=switch)',
      'call command New-Object @279-289 s0 ("System.Management.Automation.PSCredential", [$AdminUser, $secure])',
      'call new System.Management.Automation.PSCredential @290-331 s0 ($AdminUser, $secure)',
      'call command New-Object @362-372 s0 (TypeName="PSCredential", ArgumentList=[$AdminUser, $secure2])',
      'call new PSCredential @383-395 s0 ($AdminUser, $secure2)',
      'call new pscredential @441-453 s0 ($AdminUser, $secure)',
      'call command Connect-MsolService @481-500 s0 (Credential=$cred)',
      'call command Connect-AzAccount @519-536 s0 (Credential=$cred2, ServicePrincipal=switch, Tenant=$TenantId)',
      'call command Connect-AzureAD @644-659 s0 (...$p)',
      'call command Connect-PnPOnline @663-680 s0 (Url="https://contoso.sharepoint.com", Credentials=$cred, Verbose=switch)',
      'assign AdminUser = "admin@contoso.onmicrosoft.com" @66-76 s0',
      'assign PlainPassword = "P@ssw0rd!" @111-125 s0',
      'assign secure = ConvertTo-SecureString(...) @140-147 s0',
      'assign secure2 = ConvertTo-SecureString(...) @200-208 s0',
      'assign cred = New-Object(...) @271-276 s0',
      'assign cred2 = New-Object(...) @353-359 s0',
      'assign cred3 = new pscredential(...) @431-437 s0',
      'assign p = {Credential,TenantId} @592-594 s0',
      'pair hashtable Credential = $cred3 @600-610',
      'pair hashtable TenantId = $TenantId @621-629',
      'string "admin@contoso.onmicrosoft.com" @79-110',
      'string "P@ssw0rd!" @128-139',
      'string "P@ss" @173-179',
      'string "System.Management.Automation.PSCredential" @290-331',
      'string "PSCredential" @383-395',
      'string "https://contoso.sharepoint.com" @686-718',
      'comment "Legacy CSP sync: signs in with a stored partner admin password." @0-65',
    ]);
  });

  it('token-request.ps1: ROPC body hashtable, expandable URLs, -f format, Key Vault secrets, partner tokens, here-strings', async () => {
    assert.deepEqual(summarize(await load('token-request.ps1')), [
      'call command Invoke-RestMethod @241-258 s0 (Uri=concat("https://login.microsoftonline.com/", $tenant, "/oauth2/token"), Method="Post", Body=$body)',
      'call command Get-AzKeyVaultSecret @491-511 s0 (VaultName="partner-kv", Name="PartnerRefreshToken", AsPlainText=switch)',
      'call command New-PartnerAccessToken @586-608 s0 (ApplicationId=$appId, Credential=$cred, RefreshToken=$rt, Scopes="https://api.partnercenter.microsoft.com/user_impersonation", ServicePrincipal=switch, Tenant=$tenant)',
      'call command Write-Host @770-780 s0 (concat("token: ", token.AccessToken))',
      'assign tenant = "contoso.onmicrosoft.com" @0-7 s0',
      'assign body = {grant_type,client_id,username,password,resource} @36-41 s0',
      'assign resp = Invoke-RestMethod(...) @233-238 s0',
      'assign env:PARTNER_REFRESH_TOKEN = resp.refresh_token @346-372 s0',
      'assign authority = concat("https://login.microsoftonline.com/", $tenant, "/oauth2/v2.0/token?x={1}") @395-405 s0',
      'assign rt = Get-AzKeyVaultSecret(...) @485-488 s0',
      'assign token = New-PartnerAccessToken(...) @577-583 s0',
      'assign form = concat("grant_type=refresh_token&refresh_token=", $rt, "\\n&client_id=", $appId, "\\tend") @812-817 s0',
      'assign raw = "password=it\'s $notAVariable" @894-898 s0',
      'assign url = concat("https://graph.microsoft.com/v1.0/", $path, "?top=5") @935-939 s0',
      'assign log = concat($log, concat("refreshed \\"", $tenant, "\\"")) @997-1001 s0',
      'pair hashtable grant_type = "password" @51-61',
      'pair hashtable client_id = $env:PARTNER_APP_ID @79-88',
      'pair hashtable username = concat("admin@", $tenant) @116-126',
      'pair hashtable password = $Password @149-157',
      'pair hashtable resource = "https://api.partnercenter.microsoft.com" @176-184',
      'string "contoso.onmicrosoft.com" @10-35',
      'string "password" @64-74',
      'string concat("admin@", $tenant) @129-144',
      'string "https://api.partnercenter.microsoft.com" @189-230',
      'string concat("https://login.microsoftonline.com/", $tenant, "/oauth2/token") @264-320',
      'string "Post" @329-333',
      'string concat("https://login.microsoftonline.com/", $tenant, "/oauth2/v2.0/token?x={1}") @408-484',
      'string "partner-kv" @523-535',
      'string "PartnerRefreshToken" @542-563',
      'string "https://api.partnercenter.microsoft.com/user_impersonation" @675-735',
      'string concat("token: ", token.AccessToken) @781-811',
      'string concat("grant_type=refresh_token&refresh_token=", $rt, "\\n&client_id=", $appId, "\\tend") @820-893',
      'string "password=it\'s $notAVariable" @901-934',
      'string concat("https://graph.microsoft.com/v1.0/", $path, "?top=5") @942-996',
      'string concat($log, concat("refreshed \\"", $tenant, "\\"")) @997-1028',
    ]);
  });

  it('msal.ps1: using namespace before param(), MSAL builder and token chains, static .NET calls, casts', async () => {
    assert.deepEqual(summarize(await load('msal.ps1')), [
      'call call Microsoft.Identity.Client.PublicClientApplicationBuilder.Create @255-261 s0 ($ClientId:param)',
      'call call Microsoft.Identity.Client.PublicClientApplicationBuilder.Create().WithAuthority @273-286 s0 ("https://login.microsoftonline.com/organizations") on Microsoft.Identity.Client.PublicClientApplicationBuilder.Create(...)',
      'call call Microsoft.Identity.Client.PublicClientApplicationBuilder.Create().WithAuthority().Build @338-343 s0 () on Microsoft.Identity.Client.PublicClientApplicationBuilder.Create().WithAuthority(...)',
      'call call app.AcquireTokenByUsernamePassword @361-391 s0 ($scopes, $User:param, $Pass:param) on $app',
      'call call app.AcquireTokenByUsernamePassword().ExecuteAsync @415-427 s0 () on app.AcquireTokenByUsernamePassword(...)',
      'call call app.AcquireTokenByUsernamePassword().ExecuteAsync().GetAwaiter @430-440 s0 () on app.AcquireTokenByUsernamePassword().ExecuteAsync(...)',
      'call call app.AcquireTokenByUsernamePassword().ExecuteAsync().GetAwaiter().GetResult @443-452 s0 () on app.AcquireTokenByUsernamePassword().ExecuteAsync().GetAwaiter(...)',
      'call call app.AcquireTokenByRefreshToken @514-540 s0 ($scopes, result.RefreshToken) on $app',
      'call call app.AcquireTokenByRefreshToken().ExecuteAsync @572-584 s0 () on app.AcquireTokenByRefreshToken(...)',
      'call new System.Net.NetworkCredential @610-627 s0 ($User:param, $Pass:param)',
      'call call Runtime.InteropServices.Marshal.PtrToStringAuto @692-707 s0 (Runtime.InteropServices.Marshal.SecureStringToBSTR(...))',
      'call call Runtime.InteropServices.Marshal.SecureStringToBSTR @743-761 s0 ($Pass:param)',
      'call call Environment.GetEnvironmentVariable @860-882 s0 ("PARTNER_SECRET")',
      'call call list.foreach @914-921 s0 (?) on $list',
      'assign scopes = ["https://api.partnercenter.microsoft.com/user_impersonation"] @104-111 s0',
      'assign app = Microsoft.Identity.Client.PublicClientApplicationBuilder.Create().WithAuthority().Build(...) @188-192 s0',
      'assign result = app.AcquireTokenByUsernamePassword().ExecuteAsync().GetAwaiter().GetResult(...) @346-353 s0',
      'assign again = app.AcquireTokenByRefreshToken().ExecuteAsync(...) @455-461 s0',
      'assign netCred = new System.Net.NetworkCredential(...) @587-595 s0',
      'assign plain = Runtime.InteropServices.Marshal.PtrToStringAuto(...) @648-654 s0',
      'assign headers = {Authorization} @770-778 s0',
      'assign fromEnv = Environment.GetEnvironmentVariable(...) @834-842 s0',
      'assign ids = list.foreach(...) @901-905 s0',
      'pair hashtable Authorization = concat("Bearer ", result.AccessToken) @784-797',
      'string "https://api.partnercenter.microsoft.com/user_impersonation" @126-186',
      'string "https://login.microsoftonline.com/organizations" @287-336',
      'string concat("Bearer ", result.AccessToken) @800-831',
      'string "PARTNER_SECRET" @883-899',
      'import using Microsoft.Identity.Client @16-41',
      'param ClientId s0',
      'param User s0',
      'param Pass s0',
    ]);
  });

  it('structure.ps1: #Requires, [CmdletBinding()] param block, imports, functions, script blocks, a class', async () => {
    assert.deepEqual(summarize(await load('structure.ps1')), [
      'call command Import-Module @312-325 s0 ("MSOnline", Force=switch)',
      'call command Import-Module @342-355 s0 (Name="AzureAD")',
      'call command ipmo @370-374 s0 ("PartnerCenter")',
      'call command Install-Module @389-403 s0 ("MSAL.PS", Scope="CurrentUser")',
      'call command Get-MsolUser @575-587 s1 (TenantId=$TenantId:param)',
      'call command ForEach-Object @610-624 s1 (?)',
      'call command Set-MsolUser @627-639 s2 (UserPrincipalName=_.UserPrincipalName, TenantId=$TenantId:param)',
      'call command Get-Content @899-910 s4 (Path=this.Path, Raw=switch)',
      'assign Password = "Summer2024!" @283-292 s0',
      'assign Secret = $env:PARTNER_SECRET @477-484 s1',
      'assign lastTenant = $TenantId:param @540-558 s0', // `$script:lastTenant` is the script's variable
      'assign Path = concat($env:TEMP, "\\\\tokens.json") @757-762 s3',
      'assign this.Secret = Get-Content(...) @884-896 s4',
      'string "prod" @228-234',
      'string "test" @236-242',
      'string "Summer2024!" @295-308',
      'string "MSOnline" @326-334',
      'string "AzureAD" @362-369',
      'string "PartnerCenter" @375-388',
      'string "MSAL.PS" @404-411',
      'string "CurrentUser" @419-430',
      'string concat($env:TEMP, "\\\\tokens.json") @765-788',
      'import requires MSOnline @32-40',
      'import requires PartnerCenter @43-56',
      'import requires AzureAD @73-80',
      'import module MSOnline @326-334',
      'import module AzureAD @362-369',
      'import module PartnerCenter @375-388',
      'comment "Requires -Version 5.1 -Modules MSOnline, \\"PartnerCenter\\", @{ModuleName=\'AzureAD\'; ModuleVersion=\'2.0.2.140\'}" @0-109',
      'comment ".SYNOPSIS\\n  Nightly customer sync." @110-150',
      'comment "read the cache" @859-875',
      'param Environment s0',
      'param Password s0',
      'param TenantId s1',
      'param Secret s1',
      'param Force s1',
      'param name s4',
    ]);
  });

  it('manifest.psd1: a module manifest is a hashtable with nested key paths', async () => {
    assert.deepEqual(summarize(await load('manifest.psd1')), [
      'pair hashtable ModuleVersion = "1.0.0" @7-20',
      'pair hashtable RootModule = "PartnerSync.psm1" @35-45',
      'pair hashtable RequiredModules = ["MSOnline", {ModuleName,ModuleVersion}] @71-86',
      'pair hashtable RequiredModules/ModuleName = "PartnerCenter" @106-116',
      'pair hashtable RequiredModules/ModuleVersion = "3.0.0" @136-149',
      'pair hashtable PrivateData = {PSData} @167-178',
      'pair hashtable PrivateData/PSData = {Tags} @192-198',
      'pair hashtable PrivateData/PSData/Tags = ["CSP", "Partner"] @204-208',
      'string "1.0.0" @23-30',
      'string "PartnerSync.psm1" @48-66',
      'string "MSOnline" @91-101',
      'string "PartnerCenter" @119-134',
      'string "3.0.0" @152-159',
      'string "CSP" @213-218',
      'string "Partner" @220-229',
    ]);
  });

  it('broken-brace.ps1: an unclosed hashtable and brace keep the calls before and after', async () => {
    assert.deepEqual(summarize(await load('broken-brace.ps1')), [
      'call command Connect-MsolService @0-19 s0 (Credential=$cred)',
      'call command Get-MsolPartnerContract @56-79 s0 (All=switch)',
      'call command Invoke-RestMethod @141-158 s0 (Uri=$url, Body=$body)',
      'assign body = {grant_type} @85-90 s0',
      'pair hashtable grant_type = "password" @96-106',
      'string "password" @109-119',
      'error @120-138',
      'error @180-180',
    ]);
  });

  it('broken-string.ps1: an unclosed string swallows the rest of the file, calls before it stay', async () => {
    assert.deepEqual(summarize(await load('broken-string.ps1')), [
      'call command ConvertTo-SecureString @10-32 s0 ("P@ss", AsPlainText=switch, Force=switch)',
      'call command Connect-MsolService @60-79 s0 (Credential=$cred)',
      'assign secure = ConvertTo-SecureString(...) @0-7 s0',
      'string "P@ss" @33-39',
      'error @98-151',
    ]);
  });
});

describe('powershell adapter: details', () => {
  it('an empty file gives an empty model; a comment-only file has comments and no error', async () => {
    assert.deepEqual(await parse(''), emptyModel('powershell', ''));
    const m = await parse('# only a comment\n<# and a block #>\n');
    assert.deepEqual(summarize(m), ['comment "only a comment" @0-16', 'comment "and a block" @17-34']);
  });

  it('pipeline input: the first command has none, each next command gets the previous element', async () => {
    const m = await load('credentials.ps1');
    const fromPipe = call(m, 'ConvertTo-SecureString', 1);
    assert.equal(fromPipe.input?.kind, 'name');
    assert.equal((fromPipe.input as NameExpr).name, 'PlainPassword');
    assert.equal(slice(m, fromPipe.input!.range), '$PlainPassword');
    assert.equal(call(m, 'ConvertTo-SecureString', 0).input, undefined);

    const p = await parse('$r = Get-A -B | Get-C | Get-D');
    const value = p.assignments[0].value as CallExpr;
    assert.equal(value.call, call(p, 'Get-D'));
    assert.equal((call(p, 'Get-D').input as CallExpr).call, call(p, 'Get-C'));
    assert.equal((call(p, 'Get-C').input as CallExpr).call, call(p, 'Get-A'));
    assert.equal(call(p, 'Get-A').input, undefined);
  });

  it('method chains: each call is recorded, the receiver of the outer call is the inner call', async () => {
    const m = await load('msal.ps1');
    const ropc = call(m, 'AcquireTokenByUsernamePassword');
    const exec = call(m, 'ExecuteAsync');
    assert.equal((exec.receiver as CallExpr).call, ropc);
    assert.equal(slice(m, ropc.nameRange), 'AcquireTokenByUsernamePassword');
    assert.equal(slice(m, ropc.calleeRange), '$app.AcquireTokenByUsernamePassword');
    assert.equal(slice(m, ropc.range), '$app.AcquireTokenByUsernamePassword($scopes, $User, $Pass)');
    // `([IByRefreshToken]$app).Method()`: parentheses and the cast are transparent.
    const byRt = call(m, 'AcquireTokenByRefreshToken');
    assert.equal(byRt.receiver?.kind, 'name');
    assert.equal(slice(m, byRt.receiver!.range), '$app');
    const cred = call(m, 'NetworkCredential');
    assert.equal(cred.kind, 'new');
    assert.equal(slice(m, cred.nameRange), 'NetworkCredential');
    assert.equal(slice(m, cred.calleeRange), 'System.Net.NetworkCredential');
    assert.equal(cred.receiver, undefined);
    const foreach = call(m, 'foreach');
    assert.equal(slice(m, foreach.nameRange), 'foreach');
  });

  it('command arguments: -Param value, -Param:value, switches, known switches before a value, splats, bare-word lists', async () => {
    const m = await parse(
      [
        'Connect-MsolService -Credential $cred -Force',
        'Invoke-RestMethod -Method:Post -Uri:$u -UseBasicParsing',
        'ConvertTo-SecureString -AsPlainText -Force $pw',
        'Connect-AzureAD @params -Confirm:$false',
        'Import-Module -Name MSOnline,AzureAD',
        'Write-Output -InputObject $app.GetToken($scope)',
      ].join('\n'),
    );
    assert.deepEqual(summarize(m).filter((l) => l.startsWith('call') || l.startsWith('import')), [
      'call command Connect-MsolService @0-19 s0 (Credential=$cred, Force=switch)',
      'call command Invoke-RestMethod @45-62 s0 (Method="Post", Uri=$u, UseBasicParsing=switch)',
      'call command ConvertTo-SecureString @101-123 s0 ($pw, AsPlainText=switch, Force=switch)',
      'call command Connect-AzureAD @148-163 s0 (...$params, Confirm=$false)',
      'call command Import-Module @188-201 s0 (Name=["MSOnline", "AzureAD"])',
      'call command Write-Output @225-237 s0 (InputObject=app.GetToken(...))',
      'call call app.GetToken @256-264 s0 ($scope) on $app',
      'import module MSOnline @208-216',
      'import module AzureAD @217-224',
    ]);
    const [credential, force] = m.calls[0].named;
    assert.equal(slice(m, credential.range), '-Credential $cred');
    assert.equal(slice(m, credential.nameRange), '-Credential');
    assert.equal(slice(m, force.range), '-Force');
    assert.equal(force.value, undefined);
    assert.equal(slice(m, m.calls[1].named[1].range), '-Uri:$u');
    assert.equal(m.calls[3].args[0].kind, 'spread');
    assert.equal(slice(m, m.calls[6].range), '$app.GetToken($scope)');
  });

  it('a named argument with a parenthesized value covers the closing parenthesis', async () => {
    const m = await parse('New-PSSession -Authentication ([System.Management.Automation.Runspaces.AuthenticationMechanism]::Basic) -Credential (Get-Credential)\n');
    const [auth, cred] = m.calls[0].named;
    assert.equal(slice(m, auth.range), '-Authentication ([System.Management.Automation.Runspaces.AuthenticationMechanism]::Basic)');
    assert.equal(slice(m, auth.value!.range), '[System.Management.Automation.Runspaces.AuthenticationMechanism]::Basic');
    assert.equal(slice(m, cred.range), '-Credential (Get-Credential)');
  });

  it('New-Object also records a synthetic constructor call with the type name range', async () => {
    const m = await load('credentials.ps1');
    const [cmd, ctor] = m.calls.filter((c) => slice(m, c.range).includes('System.Management.Automation.PSCredential'));
    assert.equal(cmd.kind, 'command');
    assert.equal(ctor.kind, 'new');
    assert.deepEqual(ctor.range, cmd.range);
    assert.equal(slice(m, ctor.nameRange), 'System.Management.Automation.PSCredential');
    assert.deepEqual(ctor.callee, ['System', 'Management', 'Automation', 'PSCredential']);
    const generic = await parse("New-Object 'System.Collections.Generic.Dictionary[string,string]'\nNew-Object -ComObject WScript.Shell");
    assert.deepEqual(summarize(generic).filter((l) => l.startsWith('call')), [
      'call command New-Object @0-10 s0 ("System.Collections.Generic.Dictionary[string,string]")',
      'call new System.Collections.Generic.Dictionary @12-64 s0 ()',
      'call command New-Object @66-76 s0 (ComObject="WScript.Shell")',
    ]);
  });

  it('variables: scope qualifiers stripped, env: kept, braces removed, $true/$null are literals', async () => {
    const m = await parse('Use-It $x ${y} $script:z $Global:g $env:PARTNER_SECRET ${Env:Other} $using:u $_ $true $NULL');
    assert.deepEqual(summarize(m), ['call command Use-It @0-6 s0 ($x, $y, $z, $g, $env:PARTNER_SECRET, $env:Other, $u, $_, $true, $NULL)']);
  });

  it('strings: verbatim and expandable escapes, here-strings without their line breaks (CRLF too), exact content ranges', async () => {
    const src = "$a = 'it''s'\r\n$b = \"a`tb\"\"c`u{263A}\"\r\n$c = @'\r\nline1\r\nline2\r\n'@\r\n$d = @\"\r\nhi $name\r\n\"@\r\n";
    const m = await parse(src);
    assert.deepEqual(summarize(m).filter((l) => l.startsWith('string')), [
      'string "it\'s" @5-12',
      'string "a\\tb\\"c☺" @19-36',
      'string "line1\\r\\nline2" @43-63',
      'string concat("hi ", $name) @70-86',
    ]);
    const [a, b, c, d] = m.strings as [StringExpr, StringExpr, StringExpr, ConcatExpr];
    assert.equal(slice(m, a.contentRange), "it''s");
    assert.equal(slice(m, b.contentRange), 'a`tb""c`u{263A}');
    assert.equal(slice(m, c.contentRange), 'line1\r\nline2');
    assert.deepEqual(d.parts.map((p) => slice(m, p.range)), ['hi ', '$name']);
  });

  it('-f splits a literal format at its placeholders; + concatenates strings; other arithmetic is unknown', async () => {
    const m = await parse('$u = "{0}/oauth2/{1}" -f $tenant, $v\n$w = \'a\' + $b + "c"\n$n = $i + 1\n$f = $fmt -f $x');
    assert.deepEqual(summarize(m).filter((l) => l.startsWith('assign')), [
      'assign u = concat($tenant, "/oauth2/", $v) @0-2 s0',
      'assign w = concat("a", $b, "c") @37-39 s0',
      'assign n = ?($i, 1) @57-59 s0',
      'assign f = ?($fmt, $x) @69-71 s0',
    ]);
    const format = m.assignments[0].value as ConcatExpr;
    assert.deepEqual(format.parts.map((p) => slice(m, p.range)), ['$tenant', '/oauth2/', '$v']);
    assert.equal(m.strings.length, 2);
  });

  it('assignments: casts, properties, env, index, +=, multiple targets; $null = ... is not an assignment', async () => {
    const m = await parse("[string]$x = 'v'\n$obj.Prop.Sub = $y\n$env:PW = 's'\n$h['k'] = 1\n$log += 'x'\n$a, $b = 1, 2\n$null = Get-X");
    assert.deepEqual(summarize(m).filter((l) => l.startsWith('assign')), [
      'assign x = "v" @8-10 s0',
      'assign obj.Prop.Sub = $y @17-30 s0',
      'assign env:PW = "s" @36-43 s0',
      'assign h.k = 1 @50-57 s0',
      'assign log = concat($log, "x") @62-66 s0',
      'assign a = ?([1, 2]) @74-76 s0',
      'assign b = ?([1, 2]) @78-80 s0',
    ]);
  });

  it('an element set by a computed or numeric index (`$h[$key] = v`, `$a[0] = v`) is an unnamed element of the variable, not the variable', async () => {
    const m = await parse("$form = @{}\nforeach ($key in $req.Keys) { $form[$key] = $req[$key] }\n$list[0] = 'x'\n$form['client_secret'] = $secret\nWrite-Host ($form | ConvertTo-Json)\n");
    assert.deepEqual(summarize(m).filter((l) => l.startsWith('assign')), [
      'assign form = {} @0-5 s0',
      'assign key = req.Keys[?] @21-25 s0',
      'assign form.? = $req[$key] @42-53 s0',
      'assign list.? = "x" @69-77 s0',
      'assign form.client_secret = $secret @84-106 s0',
    ]);
    const use = m.references.find((r) => r.kind === 'name' && r.name === 'form' && r.range.start > 110);
    assert.ok(use && use.kind === 'name', 'the serialized $form is read');
    assert.equal(slice(m, m.calls.find((c) => c.name === 'ConvertTo-Json')!.input!.range), '$form');
    assert.deepEqual(m.errors, []);
  });

  it('hashtables: [ordered] and [pscustomobject] type names, quoted keys, computed keys skipped but walked', async () => {
    const m = await parse("$o = [ordered]@{ 'client_id' = $id; $k = Get-Secret }\n$p = [PSCustomObject]@{ Name = 'n' }");
    assert.deepEqual(summarize(m), [
      'call command Get-Secret @41-51 s0 ()',
      'assign o = {ordered client_id} @0-2 s0',
      'assign p = {PSCustomObject Name} @54-56 s0',
      'pair hashtable client_id = $id @17-28',
      'pair hashtable Name = "n" @78-82',
      'string "n" @85-88',
    ]);
    assert.equal(m.pairs[0].container, 'hashtable');
  });

  it('scopes and parameters: functions, nested script blocks, classes and methods; parameters seen from inner blocks', async () => {
    const m = await load('structure.ps1');
    assert.deepEqual(
      m.scopes.map((s) => [s.id, s.parent, slice(m, s.range).split('\n')[0]]),
      [
        [1, 0, 'function Get-PartnerToken([string]$TenantId, $Secret = $env:PARTNER_SECRET) {'],
        [2, 1, '{ Set-MsolUser -UserPrincipalName $_.UserPrincipalName -TenantId $TenantId }'],
        [3, 0, 'class TokenCache {'],
        [4, 3, '[string] Load([string]$name) {'],
      ],
    );
    assert.deepEqual(m.parameters.map((p) => slice(m, p.range)), ['$Environment', '$Password', '$TenantId', '$Secret', '$Force', '$name']);
    const inner = call(m, 'Set-MsolUser').named[1].value as NameExpr;
    assert.equal(inner.isParameter, true);
    assert.equal(inner.scope, 2);
  });

  it('imports: #Requires modules, Import-Module, using; ranges cover the module name only', async () => {
    const m = await load('structure.ps1');
    assert.deepEqual(m.imports.map((i) => [i.kind, i.module, slice(m, i.range)]), [
      ['requires', 'MSOnline', 'MSOnline'],
      ['requires', 'PartnerCenter', 'PartnerCenter'],
      ['requires', 'AzureAD', 'AzureAD'],
      ['module', 'MSOnline', 'MSOnline'],
      ['module', 'AzureAD', 'AzureAD'],
      ['module', 'PartnerCenter', 'PartnerCenter'],
    ]);
    const u = await parse('# header\nusing module Az.Accounts\nusing namespace System.Text\nparam($X)\nGet-It $X');
    assert.deepEqual(summarize(u), [
      'call command Get-It @72-78 s0 ($X:param)',
      'import using Az.Accounts @22-33',
      'import using System.Text @50-61',
      'comment "header" @0-8',
      'param X s0',
    ]);
  });

  it('broken code: error ranges, and the statements around them are modelled', async () => {
    const m = await load('broken-brace.ps1');
    assert.deepEqual(m.errors.map((e) => slice(m, e)), ["Write-Host 'after'", '']);
    assert.equal(m.errors[1].start, m.text.trimEnd().length);
    assert.deepEqual(m.calls.map((c) => c.name), ['Connect-MsolService', 'Get-MsolPartnerContract', 'Invoke-RestMethod']);
  });

  it('parameter names with digits (-Oauth2AllowImplicitFlow) stay one parameter; strings keep their digits', async () => {
    const m = await parse('Set-AzureADApplication -ObjectId $o -Oauth2AllowImplicitFlow $true\nNew-AzureADApplication -DisplayName "x -Sha256 y" -Oauth2AllowImplicitFlow:$false\n');
    assert.deepEqual(summarize(m), [
      'call command Set-AzureADApplication @0-22 s0 (ObjectId=$o, Oauth2AllowImplicitFlow=$true)',
      'call command New-AzureADApplication @67-89 s0 (DisplayName="x -Sha256 y", Oauth2AllowImplicitFlow=$false)',
      'string "x -Sha256 y" @103-116',
    ]);
    assert.equal(slice(m, call(m, 'Set-AzureADApplication').named[1].nameRange), '-Oauth2AllowImplicitFlow');
    assert.deepEqual(m.errors, []);
  });

  it('parameters written with an en dash, em dash or horizontal bar (pasted from Word) are parameters, `:value` included', async () => {
    const m = await parse('ConvertTo-SecureString –String $password –AsPlainText -Force\nConnect-MsolService —Credential:$cred\nSend-MailMessage –SmtpServer smtp.office365.com ―Port:587 -UseSsl\n');
    assert.deepEqual(summarize(m), [
      'call command ConvertTo-SecureString @0-22 s0 (String=$password, AsPlainText=switch, Force=switch)',
      'call command Connect-MsolService @61-80 s0 (Credential=$cred)',
      'call command Send-MailMessage @99-115 s0 (SmtpServer="smtp.office365.com", Port="587", UseSsl=switch)',
      'string "smtp.office365.com" @128-146',
      'string "587" @153-156',
    ]);
    const [str] = call(m, 'ConvertTo-SecureString').named;
    assert.equal(slice(m, str.range), '–String $password');
    assert.equal(slice(m, str.nameRange), '–String');
    const [cred] = call(m, 'Connect-MsolService').named;
    assert.equal(slice(m, cred.range), '—Credential:$cred');
    assert.equal(slice(m, cred.nameRange), '—Credential');
    assert.equal(slice(m, cred.value!.range), '$cred');
    assert.deepEqual(m.references.map((r) => slice(m, r.range)), ['$password', '$cred']);
    assert.deepEqual(m.errors, []);
  });

  it('bare-word lists with blanks after the commas (`A, B`, `A, \'B\'`) are one list argument and do not swallow the next lines', async () => {
    const m = await parse(
      [
        'Import-Module -Name MSOnline, AzureAD -Force',
        'Write-Host "AzureAD is retired, use Microsoft.Graph"',
        'Get-MgUser -All | Select-Object DisplayName,  Id, "Mail"',
        "if ($x) { Install-Module MSOnline, 'AzureAD' }",
        'Get-Module A ,B',
      ].join('\n') + '\n',
    );
    assert.deepEqual(summarize(m).filter((l) => l.startsWith('call') || l.startsWith('import')), [
      'call command Import-Module @0-13 s0 (Name=["MSOnline", "AzureAD"], Force=switch)',
      'call command Write-Host @45-55 s0 ("AzureAD is retired, use Microsoft.Graph")',
      'call command Get-MgUser @98-108 s0 (All=switch)',
      'call command Select-Object @116-129 s0 (["DisplayName", "Id", "Mail"])',
      'call command Install-Module @165-179 s0 (["MSOnline", "AzureAD"])',
      'call command Get-Module @202-212 s0 ("A", ",B")', // a real `A ,B` is left as the grammar reads it
      'import module MSOnline @20-28',
      'import module AzureAD @30-37',
    ]);
    const list = call(m, 'Select-Object').args[0] as ArrayExpr;
    assert.deepEqual(list.items.map((i) => slice(m, (i as StringExpr).contentRange)), ['DisplayName', 'Id', 'Mail']);
    const install = call(m, 'Install-Module').args[0] as ArrayExpr;
    assert.equal(slice(m, (install.items[1] as StringExpr).contentRange), 'AzureAD');
    assert.equal((call(m, 'Write-Host').args[0] as StringExpr).text, 'AzureAD is retired, use Microsoft.Graph', 'strings after the list keep their text');
    assert.deepEqual(m.errors, []);
  });
});

describe('powershell adapter: loops', () => {
  it('binds the foreach variable to an element of the collection', async () => {
    const m = await parse('foreach ($token in $tokens) { Write-Host $token }\n');
    assert.deepEqual(summarize(m), [
      'call command Write-Host @30-40 s0 ($token)',
      'assign token = $tokens[?] @9-15 s0',
    ]);
    assert.equal(slice(m, m.assignments[0].range), 'foreach ($token in $tokens) { Write-Host $token }');
  });
});
