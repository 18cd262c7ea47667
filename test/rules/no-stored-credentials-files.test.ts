// no-stored-credentials: secrets written in clear text to plain files. Exact messages (what, where it came from,
// which file and API), the token-cache advice, log files left to no-token-logging, and the writes that are not
// of a secret (expiry, reports, reads, DPAPI exports).
import assert from 'node:assert/strict';
import { flagged } from '../helpers/lint';

const RULE = 'no-stored-credentials';
const STORE = 'Partner credentials must never be stored in code, config or plain files';
const KV = 'keep it in Key Vault (Set-AzKeyVaultSecret, SetSecretAsync, set_secret, setSecret) and read it from there.';
const RT = 'a refresh token grants up to 90 days of access to every audience the consented partner account can reach';
const run = (text: string, file: string) => flagged(RULE, text, file, {}, ['line', 'text', 'message']);

describe('no-stored-credentials: secrets written to plain files', () => {
  it('PowerShell: Out-File of a rotated refresh token, with the path as written and where the value came from', async () => {
    const ps = [
      "$t = New-PartnerAccessToken -ApplicationId $app -Credential $cred -RefreshToken $rt -Scopes 'https://api.partnercenter.microsoft.com/user_impersonation' -ServicePrincipal -Tenant $tid",
      '$new = $t.RefreshToken',
      '$new | Out-File -FilePath "$PSScriptRoot\\rt.txt"',
      '$t.RefreshToken | Out-File -FilePath .\\logs\\sync.log',
      '$t.ExpiresOn | Out-File -FilePath .\\expiry.txt',
      '$cred | Export-Clixml -Path .\\cred.xml',
      '',
    ].join('\n');
    assert.deepEqual(await run(ps, 'sync.ps1'), [
      { line: 3, text: '$new', message: `The refresh token in \`$new\` (from \`$t.RefreshToken\`, line 2) is written in clear text to a plain file (\`…\\rt.txt\`) by \`Out-File\`; ${RT}. ${STORE}: ${KV}` },
    ]);
  });

  it('Python: a serialized token cache gets the encrypted-cache advice; a file opened for reading is not a write', async () => {
    const py = [
      'import msal',
      'cache = msal.SerializableTokenCache()',
      'with open("cache.bin", "w") as f:',
      '    f.write(cache.serialize())',
      'with open("cache.bin") as f2:',
      '    f2.write(cache.serialize())',
      '',
    ].join('\n');
    assert.deepEqual(await run(py, 'app.py'), [
      { line: 4, text: 'cache.serialize()', message: `The token cache in \`cache.serialize()\` is written in clear text to a plain file (\`cache.bin\`) by \`f.write\`; a serialized MSAL token cache holds refresh tokens. ${STORE}: keep the cache in Key Vault or an encrypted cache (msal-extensions, Microsoft.Identity.Client.Extensions.Msal).` },
    ]);
  });

  it('JavaScript, C# and Java: the file APIs of each, and only secret values', async () => {
    const js = "const fs = require('fs');\nasync function f(cca) {\n  const r = await cca.acquireTokenSilent(req);\n  fs.writeFileSync('at.txt', r.accessToken);\n  fs.writeFileSync('n.txt', String(r.expiresOn));\n}\n";
    assert.deepEqual((await run(js, 'a.js')).map((f) => [f.line, f.text]), [[4, 'r.accessToken']]);
    const cs = 'class C {\n  void F(string clientSecret, string report) {\n    File.AppendAllText("s.txt", clientSecret);\n    File.AppendAllText("r.txt", report);\n  }\n}\n';
    assert.deepEqual(await run(cs, 'C.cs'), [
      { line: 3, text: 'clientSecret', message: `The client secret in \`clientSecret\` is written in clear text to a plain file (\`s.txt\`) by \`File.AppendAllText\`; anyone who reads the file can sign in as the application. ${STORE}: ${KV}` },
    ]);
    const java = 'class J {\n  void f(String password, String data) throws Exception {\n    Files.write(Path.of("p.txt"), password.getBytes());\n    Files.write(Path.of("d.txt"), data.getBytes());\n  }\n}\n';
    assert.deepEqual((await run(java, 'J.java')).map((f) => [f.line, f.text]), [[3, 'password']]);
  });
});
