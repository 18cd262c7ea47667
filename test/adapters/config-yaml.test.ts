// YAML adapter: key paths, scalar kinds and ranges, anchors, pipeline variables, and inline PowerShell merged back into the file.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Adapter } from '../../rules/adapters/adapter';
import { createYamlAdapter, yamlAdapter } from '../../rules/adapters/yaml';
import { summarize } from '../../rules/model/summary';
import { emptyModel, type Call, type FileModel, type StringExpr } from '../../rules/model/types';

const FIXTURES = path.join(__dirname, 'fixtures', 'config');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const slice = (m: FileModel, r: { start: number; end: number }) => m.text.slice(r.start, r.end);

/**
 * Stands in for the PowerShell adapter: every `Verb-Noun` is a command (with `-Name $var` as a named
 * argument), every '...' a string, and the whole script one nested scope (id 1), so the test can see
 * ranges and scope ids being mapped back into the YAML file.
 */
const fakePowerShell: Adapter = {
  languages: ['powershell'],
  async parse(text) {
    const m = emptyModel('powershell', text);
    m.scopes.push({ id: 1, parent: 0, range: { start: 0, end: text.length } });
    for (const c of text.matchAll(/([A-Z][a-z]+-[A-Za-z]+)(?: -(\w+) \$(\w+))?/g)) {
      const s = c.index!;
      const nameRange = { start: s, end: s + c[1].length };
      const call: Call = { kind: 'command', callee: [c[1]], name: c[1], args: [], named: [], range: { start: s, end: s + c[0].length }, calleeRange: nameRange, nameRange, scope: 1 };
      if (c[2]) {
        const ns = s + c[1].length + 1;
        const vs = ns + c[2].length + 2;
        call.named.push({ name: c[2], nameRange: { start: ns, end: ns + c[2].length + 1 }, value: { kind: 'name', name: c[3], scope: 1, range: { start: vs, end: vs + c[3].length + 1 } }, range: { start: ns, end: vs + c[3].length + 1 } });
      }
      m.calls.push(call);
    }
    for (const q of text.matchAll(/'([^']*)'/g)) {
      const s = q.index!;
      m.strings.push({ kind: 'string', text: q[1], contentRange: { start: s + 1, end: s + q[0].length - 1 }, range: { start: s, end: s + q[0].length } });
    }
    return m;
  },
};

const withFake = createYamlAdapter(async () => fakePowerShell);
const withoutPowerShell = createYamlAdapter(async () => {
  throw new Error('not available');
});

describe('yaml adapter', () => {
  it('models an Azure Pipelines file: pairs, list-form variables, comments, and the AzurePowerShell inline script', async () => {
    const m = await withFake.parse(read('azure-pipelines.yml'), 'yaml', 'azure-pipelines.yml');
    assert.deepEqual(summarize(m), [
      'call command New-Object @393-403 s2 ()',
      'call command Connect-AzAccount @451-468 s2 (Credential=$cred)',
      'call command Connect-MsolService @776-795 s4 (Credential=$cred)',
      'pair yaml trigger = ["main"] @20-27',
      'pair yaml variables = [{name,value}, {group}, {name,value}] @39-48',
      'pair yaml variables/0/name = "PartnerCenterPassword" @54-58',
      'pair yaml variables/PartnerCenterPassword = "Winter2024!" @60-81',
      'pair yaml variables/0/value = "Winter2024!" @118-123',
      'pair yaml variables/1/group = "partner-secrets" @143-148',
      'pair yaml variables/2/name = "TenantId" @170-174',
      'pair yaml variables/TenantId = "contoso.onmicrosoft.com" @176-184',
      'pair yaml variables/2/value = "contoso.onmicrosoft.com" @189-194',
      'pair yaml steps = [{task,displayName,inputs}, {task,inputs}, {task,inputs}, {pwsh,displayName}] @221-226',
      'pair yaml steps/0/task = "AzurePowerShell@5" @232-236',
      'pair yaml steps/0/displayName = "Sync customers" @260-271',
      'pair yaml steps/0/inputs = {azureSubscription,ScriptType,Inline,azurePowerShellVersion} @292-298',
      'pair yaml steps/0/inputs/azureSubscription = "prod" @306-323',
      'pair yaml steps/0/inputs/ScriptType = "InlineScript" @336-346',
      'pair yaml steps/0/inputs/Inline = "$cred = New-Object PSCredential(\'admin@contoso.com\', $pw)\\nConnect-AzAccount -Credential $cred\\n" @367-373',
      'pair yaml steps/0/inputs/azurePowerShellVersion = "LatestVersion" @493-515',
      'pair yaml steps/1/task = "PowerShell@2" @535-539',
      'pair yaml steps/1/inputs = {targetType,filePath} @558-564',
      'pair yaml steps/1/inputs/targetType = "filePath" @572-582',
      'pair yaml steps/1/inputs/filePath = "scripts/run.ps1" @599-607',
      'pair yaml steps/2/task = "AzureCLI@2" @629-633',
      'pair yaml steps/2/inputs = {azureSubscription,scriptType,inlineScript} @650-656',
      'pair yaml steps/2/inputs/azureSubscription = "prod" @664-681',
      'pair yaml steps/2/inputs/scriptType = "bash" @694-704',
      'pair yaml steps/2/inputs/inlineScript = "az login -u $(User) -p $(Password)" @717-729',
      'pair yaml steps/3/pwsh = "Connect-MsolService -Credential $cred" @770-774',
      'pair yaml steps/3/displayName = "legacy" @818-829',
      'string "main" @33-37',
      'string "PartnerCenterPassword" @60-81',
      'string "Winter2024!" @125-138',
      'string "partner-secrets" @150-165',
      'string "TenantId" @176-184',
      'string "contoso.onmicrosoft.com" @196-219',
      'string "AzurePowerShell@5" @238-255',
      'string "Sync customers" @273-287',
      'string "prod" @325-329',
      'string "InlineScript" @348-360',
      'string "admin@contoso.com" @417-436',
      'string "LatestVersion" @517-530',
      'string "PowerShell@2" @541-553',
      'string "filePath" @584-592',
      'string "scripts/run.ps1" @609-624',
      'string "AzureCLI@2" @635-645',
      'string "prod" @683-687',
      'string "bash" @706-710',
      'string "az login -u $(User) -p $(Password)" @731-765',
      'string "legacy" @831-837',
      'comment "CSP customer sync" @0-19',
      'comment "should be a secret variable" @84-113',
    ]);
    const connect = m.calls[1];
    assert.equal(slice(m, connect.nameRange), 'Connect-AzAccount');
    assert.equal(slice(m, connect.range), 'Connect-AzAccount -Credential $cred');
    assert.equal(slice(m, connect.named[0].nameRange), '-Credential');
    assert.equal(slice(m, connect.named[0].value!.range), '$cred');
    const embedded = m.strings.find((s) => s.kind === 'string' && s.text === 'admin@contoso.com') as StringExpr;
    assert.equal(slice(m, embedded.contentRange), 'admin@contoso.com');
    assert.equal(slice(m, embedded.range), "'admin@contoso.com'");
    assert.equal(slice(m, m.calls[2].range), 'Connect-MsolService -Credential $cred');
    // Each script: its file scope renumbered (1, 3) with parent 0, its nested scope (2, 4) under it.
    assert.deepEqual(
      m.scopes.map((s) => `${s.id}<${s.parent} ${s.range.start}-${s.range.end}`),
      ['1<0 385-486', '2<1 385-486', '3<0 776-813', '4<3 776-813'],
    );
    const inline = m.pairs.find((p) => p.key === 'Inline')!.value as StringExpr;
    assert.equal(slice(m, inline.contentRange), "$cred = New-Object PSCredential('admin@contoso.com', $pw)\n        Connect-AzAccount -Credential $cred");
    assert.deepEqual(m.scopes[0].range, inline.contentRange, "the script's scope covers exactly its content lines");
    const variable = m.pairs.find((p) => p.key === 'PartnerCenterPassword')!;
    assert.equal(variable.value, m.pairs.find((p) => p.path.join('/') === 'variables/0/value')!.value, 'derived pair shares the value expr');
    assert.equal(slice(m, variable.range), "name: PartnerCenterPassword   # should be a secret variable\n    value: 'Winter2024!'");
  });

  it('merges the real PowerShell adapter\'s model for inline scripts, in file coordinates', async () => {
    const m = await yamlAdapter.parse(read('azure-pipelines.yml'), 'yaml', 'azure-pipelines.yml');
    assert.equal(m.language, 'yaml');
    const calls = m.calls.map((c) => `${c.kind} ${c.name} ${JSON.stringify(slice(m, c.nameRange))} s${c.scope}`);
    assert.ok(calls.includes('command Connect-AzAccount "Connect-AzAccount" s1'), calls.join('\n'));
    assert.ok(calls.includes('command Connect-MsolService "Connect-MsolService" s2'), calls.join('\n'));
    const connect = m.calls.find((c) => c.name === 'Connect-AzAccount')!;
    const credential = connect.named.find((n) => n.name.toLowerCase() === 'credential')!;
    assert.equal(slice(m, credential.value!.range), '$cred');
    const assignment = m.assignments.find((a) => a.target.join('.') === 'cred')!;
    assert.equal(slice(m, assignment.targetRange), '$cred');
    assert.equal(assignment.scope, 1);
    const user = m.strings.find((s) => s.kind === 'string' && s.text === 'admin@contoso.com') as StringExpr;
    assert.equal(slice(m, user.contentRange), 'admin@contoso.com');
    assert.deepEqual(m.scopes.filter((s) => s.parent === 0).map((s) => `${s.id} ${JSON.stringify(slice(m, s.range))}`), [
      '1 "$cred = New-Object PSCredential(\'admin@contoso.com\', $pw)\\n        Connect-AzAccount -Credential $cred"',
      '2 "Connect-MsolService -Credential $cred"',
    ]);
  });

  it('merges inline scripts\' reads (conditions, bare statements) into the file\'s references, in file coordinates', async () => {
    const text = 'steps:\n  - pwsh: |\n      $r = Invoke-RestMethod -Uri $u\n      if ($r.refresh_token) { $r }\n';
    const m = await yamlAdapter.parse(text, 'yaml', 'azure-pipelines.yml');
    assert.deepEqual(
      m.references.map((e) => `${e.kind} ${JSON.stringify(slice(m, e.range))} @${e.range.start}`),
      ['name "$u" @53', 'name "$r" @25', 'name "$r" @66', 'member "$r.refresh_token" @66', 'name "$r" @86'],
    );
  });

  it('keeps a script as a plain string when the PowerShell adapter is unavailable', async () => {
    const m = await withoutPowerShell.parse(read('azure-pipelines.yml'), 'yaml', 'azure-pipelines.yml');
    assert.deepEqual(m.calls, []);
    assert.deepEqual(m.scopes, []);
    const strings = summarize(m).filter((l) => l.startsWith('string "$cred') || l.startsWith('string "Connect-'));
    assert.deepEqual(strings, [
      'string "$cred = New-Object PSCredential(\'admin@contoso.com\', $pw)\\nConnect-AzAccount -Credential $cred\\n" @375-487',
      'string "Connect-MsolService -Credential $cred" @776-813',
    ]);
  });

  it('embeds GitHub Actions run steps whose shell (own or job default) is pwsh, and not bash ones', async () => {
    const m = await withFake.parse(read('github-workflow.yml'), 'yaml', '.github/workflows/sync.yml');
    assert.deepEqual(summarize(m).filter((l) => l.startsWith('call') || l.startsWith('string')), [
      'call command Connect-PartnerCenter @222-243 s2 (Credential=$cred)',
      'string "sync" @6-10',
      'string "push" @16-20',
      'string "windows-latest" @49-63',
      'string "pwsh" @104-108',
      'string "${{ secrets.PC_PASSWORD }}" @137-163',
      'string "actions/checkout@v4" @189-208',
      'string "bash step" @276-285',
      'string "bash" @301-305',
      'string "echo \\"$PC_PASSWORD\\"" @319-338',
    ]);
    assert.equal(m.pairs.find((p) => p.path.join('/') === 'jobs/sync/env/PC_PASSWORD')?.key, 'PC_PASSWORD');
  });

  it('recognizes each PowerShell step form and maps block, CRLF, plain and quoted scripts exactly', async () => {
    const text = [
      'defaults: {run: {shell: powershell}}',
      'jobs:',
      '  a:',
      '    steps:',
      '      - run: "\\u0041 \\tGet-Secret -Name $n"', // double-quoted with escapes
      "      - run: 'Set-Item ''x'' -Path $p'", // single-quoted with doubled quotes
      '      - task: PowerShell@2',
      '        inputs: {targetType: inline, script: Add-Content -Value $v}',
      '      - task: AzureCLI@2',
      '        inputs: {scriptType: pscore, scriptLocation: inlineScript, inlineScript: Get-AzContext}',
      '      - task: AzureCLI@2',
      '        inputs: {scriptType: ps, scriptLocation: scriptPath, inlineScript: Not-Embedded}',
      '      - task: AzurePowerShell@4',
      '        inputs: {ScriptType: FilePath, Inline: Not-Embedded}',
      '      - powershell: |-',
      '          Write-Host',
      '',
      '            Get-Item -Path $x',
      'notAStep:',
      '  powershell: Not-Embedded',
    ].join('\r\n');
    const m = await withFake.parse(text, 'yaml', 'ci.yml');
    const calls = m.calls.map((c) => `${c.name} ${JSON.stringify(slice(m, c.range))} s${c.scope}`);
    assert.deepEqual(calls, [
      'Get-Secret "Get-Secret -Name $n" s2',
      'Set-Item "Set-Item" s4',
      'Add-Content "Add-Content -Value $v" s6',
      'Get-AzContext "Get-AzContext" s8',
      'Write-Host "Write-Host" s10',
      'Get-Item "Get-Item -Path $x" s10',
    ]);
    assert.deepEqual(m.strings.filter((s) => s.kind === 'string' && s.text === 'x').map((s) => slice(m, s.range)), ["''x''"]);
    assert.ok(!m.strings.some((s) => s.kind === 'string' && s.text.startsWith('Write-Host')), 'an embedded script is not also one big string');
    assert.equal(m.strings.filter((s) => s.kind === 'string' && s.text === 'Not-Embedded').length, 3);
  });

  it('models scalar kinds, block scalar content ranges, anchors, flow collections and multiple documents', async () => {
    const text = 'a: plain  # c\nb: "dq\\tx"\nc: |\n  l1\n    l2\nd: 12\ne: true\nf:\ng: &anc {k: v}\nh: *anc\n---\n- x\n- [1, y]\n';
    const m = await withFake.parse(text, 'yaml', 'x.yaml');
    assert.deepEqual(summarize(m), [
      'pair yaml a = "plain" @0-1',
      'pair yaml b = "dq\\tx" @14-15',
      'pair yaml c = "l1\\n  l2\\n" @25-26',
      'pair yaml d = 12 @42-43',
      'pair yaml e = true @48-49',
      'pair yaml f =  @56-57',
      'pair yaml g = {k} @59-60',
      'pair yaml g/k = "v" @68-69',
      'pair yaml h = {k} @74-75',
      'string "plain" @3-8',
      'string "dq\\tx" @17-24',
      'string "l1\\n  l2\\n" @28-42',
      'string "v" @71-72',
      'string "x" @88-89',
      'string "y" @96-97',
      'comment "c" @10-13',
    ]);
    const block = m.strings[2] as StringExpr;
    assert.equal(slice(m, block.contentRange), 'l1\n    l2');
    assert.equal(slice(m, (m.strings[1] as StringExpr).contentRange), 'dq\\tx');
    assert.equal(m.pairs[8].value, m.pairs[6].value, 'an alias is the anchored node\'s expression');
  });

  it('keeps what parsed before a syntax error, records errors, and never throws', async () => {
    const m = await withFake.parse(read('broken.yml'), 'yaml', 'broken.yml');
    assert.deepEqual(summarize(m), [
      'pair yaml variables = {ClientSecret,Other} @0-9',
      'pair yaml variables/ClientSecret = "abc123" @13-25',
      'pair yaml variables/Other = ["unclosed", "list"] @36-41',
      'pair yaml steps = {} @59-64',
      'string "abc123" @27-33',
      'string "unclosed" @44-52',
      'string "list" @54-58',
      'error @59-60',
      'error @67-68',
    ]);
    assert.deepEqual(summarize(await withFake.parse('', 'yaml', 'e.yml')), []);
    assert.deepEqual(summarize(await withFake.parse('a: 1\na: 2\n', 'yaml', 'd.yml')), ['pair yaml a = 1 @0-1', 'pair yaml a = 2 @5-6', 'error @5-6']);
    const odd = await withFake.parse('? [complex, key]\n: value\nk: : x\n"unterminated: x\n', 'yaml', 'o.yml');
    assert.ok(odd.errors.length > 0);
    assert.ok(odd.strings.some((s) => s.kind === 'string' && s.text === 'value'), 'values under complex keys are kept');
  });
});
