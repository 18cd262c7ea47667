// no-token-logging quick fixes: the logged secret becomes `<redacted, N chars>` in each language's idiom (holes,
// arguments, concatenations, object fields), safe except for PowerShell output that a caller may consume, every
// occurrence in the call at once, no fix for whole objects; `partner-auth-lint fix` applies it (dry run and write).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli as run, workspace } from '../helpers/cli';
import { fixesOf, onlyFix } from '../helpers/lint';

const RULE = 'no-token-logging';

const fixes = (text: string, file: string) => fixesOf(RULE, text, file);

/** The one finding's one fix: its title, flags and the fixed text; the fixed text has no finding left. */
async function fixed(text: string, file: string, safe = true): Promise<{ title: string; text: string }> {
  const f = await onlyFix(RULE, text, file);
  assert.deepEqual([f.safe, f.preferred], [safe, true]);
  assert.deepEqual(await fixes(f.text, file), [], 'the redacted form is not a finding');
  return { title: f.title, text: f.text };
}

describe('no-token-logging fixes', () => {
  it('PowerShell: replaces the interpolation hole, keeps CRLF; implicit output is not safe', async () => {
    const ps = '$rt = Get-AzKeyVaultSecret -VaultName kv -Name PartnerRefreshToken -AsPlainText\r\nWrite-Host "Refresh token: $rt"\r\n';
    assert.deepEqual(await fixed(ps, 'a.ps1'), {
      title: "Log the refresh token's length instead of its value",
      text: '$rt = Get-AzKeyVaultSecret -VaultName kv -Name PartnerRefreshToken -AsPlainText\r\nWrite-Host "Refresh token: <redacted, $($rt.Length) chars>"\r\n',
    });
    const sub = '$t = New-PartnerAccessToken -RefreshToken $r -Scopes $s -ServicePrincipal\nWrite-Verbose "Token $($t.AccessToken) for $tenant"\n';
    assert.equal((await fixed(sub, 'b.ps1')).text, sub.replace('$($t.AccessToken)', '<redacted, $($t.AccessToken.Length) chars>'));
    const arg = "$t = New-PartnerAccessToken -RefreshToken $r -Scopes $s -ServicePrincipal\nWrite-Debug ('Token {0}' -f $t.AccessToken)\n";
    assert.equal((await fixed(arg, 'c.ps1')).text, arg.replace("-f $t.AccessToken", '-f "<redacted, $($t.AccessToken.Length) chars>"'));
    const output = '$t = New-PartnerAccessToken -RefreshToken $r -Scopes $s -ServicePrincipal\n"New refresh token: $($t.RefreshToken)"\n';
    assert.equal((await fixed(output, 'd.ps1', false)).text, output.replace('$($t.RefreshToken)', '<redacted, $($t.RefreshToken.Length) chars>'));
  });

  it('C#, Java: a string expression that measures any type, with the import it needs', async () => {
    const cs = 'using System;\nclass A { void M(ILogger<A> logger, AuthenticationResult result) {\n    logger.LogInformation("Token {Token}", result.AccessToken);\n    Console.WriteLine($"id: {result.IdToken,20}");\n} }\n';
    const all = await fixes(cs, 'A.cs');
    assert.deepEqual(all.map((f) => f.fixes[0].safe), [true, true]);
    assert.equal(all[0].fixes[0].text, cs.replace('"Token {Token}", result.AccessToken', '"Token {Token}", $"<redacted, {Convert.ToString(result.AccessToken)?.Length ?? 0} chars>"'));
    assert.equal(all[1].fixes[0].text, cs.replace('{result.IdToken,20}', '<redacted, {Convert.ToString(result.IdToken)?.Length ?? 0} chars>'), 'alignment and format are dropped with the hole');
    const noUsing = 'class A { void M(string clientSecret) { System.Console.WriteLine("secret " + clientSecret); } }\n';
    assert.equal((await fixed(noUsing, 'B.cs')).text, 'using System;\n\nclass A { void M(string clientSecret) { System.Console.WriteLine("secret " + $"<redacted, {Convert.ToString(clientSecret)?.Length ?? 0} chars>"); } }\n');
    const java = 'package p;\n\nimport org.slf4j.Logger;\n\nclass A {\n    void m(Logger log, String refreshToken) {\n        log.info("rt {}", refreshToken);\n    }\n}\n';
    assert.equal(
      (await fixed(java, 'A.java')).text,
      'package p;\n\nimport org.slf4j.Logger;\nimport java.util.Objects;\n\nclass A {\n    void m(Logger log, String refreshToken) {\n        log.info("rt {}", String.format("<redacted, %d chars>", Objects.toString(refreshToken, "").length()));\n    }\n}\n',
    );
    // The import line follows the file's CRLF line endings.
    assert.equal(
      (await fixed(java.replace(/\n/g, '\r\n'), 'A.java')).text,
      'package p;\r\n\r\nimport org.slf4j.Logger;\r\nimport java.util.Objects;\r\n\r\nclass A {\r\n    void m(Logger log, String refreshToken) {\r\n        log.info("rt {}", String.format("<redacted, %d chars>", Objects.toString(refreshToken, "").length()));\r\n    }\r\n}\r\n',
    );
  });

  it('Python, JavaScript, TypeScript: f-string / template holes, the other quote inside, object shorthand', async () => {
    const py = "import logging\nlog = logging.getLogger(__name__)\ndef f(result):\n    log.info(f\"token {result['access_token']!r}\")\n    print('rt', result.get('refresh_token'))\n";
    const all = await fixes(py, 'a.py');
    assert.deepEqual(all.map((f) => f.flagged), ["result['access_token']", "result.get('refresh_token')"]);
    assert.equal(all[0].fixes[0].text, py.replace("{result['access_token']!r}", "<redacted, {len(result['access_token'] or '')} chars>"));
    assert.equal(all[1].fixes[0].text, py.replace("print('rt', result.get('refresh_token'))", "print('rt', f\"<redacted, {len(result.get('refresh_token') or '')} chars>\")"));
    const js = "const logger = require('pino')();\nfunction f(accessToken) {\n  logger.info({ accessToken }, `sent ${accessToken} twice: ${accessToken}`);\n}\n";
    assert.equal(
      (await fixed(js, 'a.js')).text,
      "const logger = require('pino')();\nfunction f(accessToken) {\n  logger.info({ accessToken: `<redacted, ${String(accessToken ?? '').length} chars>` }, `sent <redacted, ${String(accessToken ?? '').length} chars> twice: <redacted, ${String(accessToken ?? '').length} chars>`);\n}\n",
    );
  });

  it('offers no fix for whole token responses, bodies and pipeline variables', async () => {
    const py = 'import msal\ndef f(app):\n    result = app.acquire_token_by_refresh_token(rt, scopes=S)\n    print(result)\n';
    assert.deepEqual(await fixes(py, 'a.py'), [{ flagged: 'result', fixes: [] }]);
    const ps = '$t = New-PartnerAccessToken -RefreshToken $r -Scopes $s -ServicePrincipal\nWrite-Host "##vso[task.setvariable variable=pc]$($t.AccessToken)"\n';
    assert.deepEqual((await fixes(ps, 'a.ps1')).map((f) => f.fixes.length), [0]);
  });

  it('`fix` redacts logged tokens: --dry-run prints the diff, then the file is written', async () => {
    const before = '$rt = $env:PARTNER_REFRESH_TOKEN\nWrite-Host "Using $rt"\nWrite-Host "Done"\n';
    const dir = workspace({ 'sync.ps1': before }, 'pal-tl-');
    const file = path.join(dir, 'sync.ps1');
    const dry = await run(dir, 'fix', '--dry-run', '--rule', RULE);
    assert.equal(dry.code, 0);
    assert.equal(dry.stdout, ['--- a/sync.ps1', '+++ b/sync.ps1', '@@ -1,3 +1,3 @@', ' $rt = $env:PARTNER_REFRESH_TOKEN', '-Write-Host "Using $rt"', '+Write-Host "Using <redacted, $($rt.Length) chars>"', ' Write-Host "Done"', ''].join('\n'));
    assert.equal(dry.stderr, 'Would fix 1 problem in 1 file.\n');
    assert.equal(fs.readFileSync(file, 'utf8'), before);
    const real = await run(dir, 'fix', '--rule', RULE);
    assert.deepEqual([real.code, real.stdout], [0, 'Fixed 1 problem in 1 file.\n']);
    assert.equal(fs.readFileSync(file, 'utf8'), '$rt = $env:PARTNER_REFRESH_TOKEN\nWrite-Host "Using <redacted, $($rt.Length) chars>"\nWrite-Host "Done"\n');
  });
});
