// ctx.references: every name/member/index read (conditions, arguments, return values), assignment targets left
// out, sorted by position, and names there resolved like any other (a returned variable knows its assignment).
import assert from 'node:assert/strict';
import { createContext } from '../../rules/engine/context';
import { parseFile } from '../../rules/engine/lint';
import { resolveModel } from '../../rules/engine/resolve';

async function reads(text: string, fileName: string): Promise<string[]> {
  const model = await parseFile(text, fileName);
  assert.ok(model, `the engine reads ${fileName}`);
  const ctx = createContext(model, fileName, { partnerType: 'unknown' }, resolveModel(model));
  return ctx.references.map((e) => {
    const def = e.kind === 'name' && e.defRange ? ` <- ${text.slice(e.defRange.start, e.defRange.end)}@${e.defRange.start}` : '';
    return `${e.kind} ${text.slice(e.range.start, e.range.end)} @${e.range.start}${def}`;
  });
}

// Each snippet: `r` assigned from a call, `r.refresh_token` read in a condition, `r.access_token` passed on, `r` returned.
const CASES: [string, string, string[]][] = [
  [
    'a.ps1',
    'function Get-T {\n  $r = Invoke-RestMethod -Uri $u\n  if ($r.refresh_token) { Save-Token $r.access_token }\n  return $r\n}\n',
    ['name $u @47', 'name $r @56 <- $r@19', 'member $r.refresh_token @56', 'name $r @87 <- $r@19', 'member $r.access_token @87', 'name $r @114 <- $r@19'],
  ],
  [
    'a.cs',
    'class C { object M() { var r = Send(u); if (r.refresh_token != null) { Save(r.access_token); } return r; } }\n',
    ['name u @36', 'name r @44 <- r@27', 'member r.refresh_token @44', 'name r @76 <- r@27', 'member r.access_token @76', 'name r @102 <- r@27'],
  ],
  [
    'a.py',
    'def m():\n    r = send(u)\n    if r.refresh_token:\n        save(r.access_token)\n    return r\n',
    ['name u @22', 'name r @32 <- r@13', 'member r.refresh_token @32', 'name r @62 <- r@13', 'member r.access_token @62', 'name r @89 <- r@13'],
  ],
  [
    'a.js',
    'function m() { const r = send(u); if (r.refresh_token) { save(r.access_token); } return r; }\n',
    ['name u @30', 'name r @38 <- r@21', 'member r.refresh_token @38', 'name r @62 <- r@21', 'member r.access_token @62', 'name r @88 <- r@21'],
  ],
  [
    'a.ts',
    'function m(): Token { const r: Token = send(u); if (r.refresh_token) { save(r.access_token); } return r; }\n',
    ['name u @44', 'name r @52 <- r@28', 'member r.refresh_token @52', 'name r @76 <- r@28', 'member r.access_token @76', 'name r @102 <- r@28'],
  ],
  [
    'A.java',
    'class C { Object m() { var r = send(u); if (r.refresh_token != null) { save(r.access_token); } return r; } }\n',
    ['name u @36', 'name r @44 <- r@27', 'member r.refresh_token @44', 'name r @76 <- r@27', 'member r.access_token @76', 'name r @102 <- r@27'],
  ],
];

describe('ctx.references', () => {
  for (const [file, text, expected] of CASES) {
    it(`${file}: the condition's r.refresh_token and the returned r are reads, resolved to r's assignment`, async () => {
      assert.deepEqual(await reads(text, file), expected);
    });
  }

  it('leaves assignment targets out (the model keeps them), lists each read once and sorts by position', async () => {
    const text = '$b = @{ x = $a }\n$c = $b.x\n';
    const model = (await parseFile(text, 'b.ps1'))!;
    assert.ok(model.references.some((e) => text.slice(e.range.start, e.range.end) === '$c'), 'the model lists the target');
    assert.deepEqual(await reads(text, 'b.ps1'), ['name $a @12', 'name $b @22 <- $b@0', 'member $b.x @22']);
  });
});
