// Code actions over stdio: fixes from diagnostic data, disable for line/file in each comment syntax, ignore for JSON, docs.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, TextDocumentEdit, CreateFile } from 'vscode-languageserver-protocol';
import { useServer } from './build';
import { DOCS } from './cases';

describe('language server: code actions', function () {
  this.timeout(60000);
  const s = useServer();
  const uri = s.uri;

  /** Open, get the one finding, list its actions. */
  async function actionsFor(name: string, languageId: string, text: string): Promise<{ diags: Diagnostic[]; actions: CodeAction[] }> {
    s.client.open(uri(name), languageId, text);
    const diags = await s.client.diagnosticsFor(uri(name));
    assert.equal(diags.length, 1, `one finding in ${name}`);
    return { diags, actions: await s.client.codeActions(uri(name), diags) };
  }

  async function applyAndRelint(name: string, action: CodeAction | undefined): Promise<{ text: string; diags: Diagnostic[] }> {
    assert.ok(action?.edit, 'the action has an edit');
    const doc = s.client.applyEdit(uri(name), action.edit);
    return { text: doc.getText(), diags: await s.client.diagnosticsFor(uri(name)) };
  }

  it('offers disable-line, disable-file and docs; disable-line keeps indentation and CRLF and silences the finding', async () => {
    const text = 'if ($true) {\r\n    Connect-ExchangeOnline -Credential $cred\r\n}\r\n';
    const { diags, actions } = await actionsFor('crlf.ps1', 'powershell', text);
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [
      ['Connect with an access token from the stored refresh token (New-PartnerAccessToken, Secure Application Model)', 'quickfix'],
      ['Disable no-ropc for this line', 'quickfix'],
      ['Disable no-ropc for this file', 'quickfix'],
      ['Show documentation for no-ropc', 'quickfix'],
    ]);
    assert.deepEqual(actions[3].command, { title: 'Show documentation for no-ropc', command: 'partnerAuthLint.openRuleDocs', arguments: ['no-ropc', `${DOCS}no-ropc/README.md`] });
    assert.deepEqual(actions[1].diagnostics, diags);
    const after = await applyAndRelint('crlf.ps1', actions[1]);
    assert.equal(after.text, 'if ($true) {\r\n    # partner-auth-lint-disable-next-line no-ropc -- reason\r\n    Connect-ExchangeOnline -Credential $cred\r\n}\r\n');
    assert.deepEqual(after.diags, []);
  });

  it('disable-file goes after a shebang and an encoding line (Python)', async () => {
    const text = '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nimport msal\nr = app.acquire_token_by_username_password(u, p, scopes=S)\n';
    const { actions } = await actionsFor('script.py', 'python', text);
    const after = await applyAndRelint('script.py', actions.find((a) => a.title === 'Disable no-ropc for this file'));
    assert.equal(after.text, '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n# partner-auth-lint-disable no-ropc -- reason\nimport msal\nr = app.acquire_token_by_username_password(u, p, scopes=S)\n');
    assert.deepEqual(after.diags, []);
  });

  it('uses // in JavaScript, C#, Java and TypeScript', async () => {
    const secret = 'abc8Q~0123456789abcdefghijklmnopqrstuvwx';
    const files: [string, string, string][] = [
      ['a.js', 'javascript', `function f() {\n\tconst clientSecret = '${secret}';\n}\n`],
      ['A.cs', 'csharp', `class A {\n  private const string ClientSecret = "${secret}";\n}\n`],
      ['A.java', 'java', `class A {\n  private static final String CLIENT_SECRET = "${secret}";\n}\n`],
      ['a.ts', 'typescript', `export const clientSecret = '${secret}';\n`],
    ];
    for (const [name, lang, text] of files) {
      const { actions } = await actionsFor(name, lang, text);
      const after = await applyAndRelint(name, actions.find((a) => a.title === 'Disable no-stored-credentials for this line'));
      const lines = text.split('\n');
      const indent = /^\s*/.exec(lines[name === 'a.ts' ? 0 : 1])![0];
      lines.splice(name === 'a.ts' ? 0 : 1, 0, `${indent}// partner-auth-lint-disable-next-line no-stored-credentials -- reason`);
      assert.equal(after.text, lines.join('\n'), name);
      assert.deepEqual(after.diags, [], name);
    }
  });

  it('uses # in .env, YAML and .properties', async () => {
    const files: [string, string, string, string][] = [
      ['.env', 'plaintext', 'A=1\nOAUTH_GRANT_TYPE=password\n', 'A=1\n# partner-auth-lint-disable-next-line no-ropc -- reason\nOAUTH_GRANT_TYPE=password\n'],
      ['pipeline.yml', 'yaml', 'variables:\n  - name: grant_type\n    value: password\n', 'variables:\n  - name: grant_type\n    # partner-auth-lint-disable-next-line no-ropc -- reason\n    value: password\n'],
      ['app.properties', 'properties', 'oauth.grant_type=password\n', '# partner-auth-lint-disable-next-line no-ropc -- reason\noauth.grant_type=password\n'],
    ];
    for (const [name, lang, text, want] of files) {
      const { actions } = await actionsFor(name, lang, text);
      const after = await applyAndRelint(name, actions.find((a) => a.title === 'Disable no-ropc for this line'));
      assert.equal(after.text, want, name);
      assert.deepEqual(after.diags, [], name);
    }
  });

  it('writes XML comments without "--" inside (valid XML), after the XML declaration for the whole file', async () => {
    const text = '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <appSettings>\n    <add key="ida:GrantType" value="password" />\n  </appSettings>\n</configuration>\n';
    const { actions } = await actionsFor('web.config', 'xml', text);
    const line = actions.find((a) => a.title === 'Disable no-ropc for this line')!;
    const file = actions.find((a) => a.title === 'Disable no-ropc for this file')!;
    assert.deepEqual(file.edit!.changes![uri('web.config')], [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '<!-- partner-auth-lint-disable no-ropc -->\n' }]);
    const after = await applyAndRelint('web.config', line);
    assert.equal(after.text, text.replace('    <add', '    <!-- partner-auth-lint-disable-next-line no-ropc -->\n    <add'));
    assert.deepEqual(after.diags, []);
  });

  it('offers "Ignore this file" for plain JSON: creates .partner-auth-lint.json, then appends to it', async () => {
    const secret = 'abc8Q~0123456789abcdefghijklmnopqrstuvwx';
    const { actions } = await actionsFor('appsettings.json', 'json', `{ "ClientSecret": "${secret}" }\n`);
    assert.deepEqual(actions.map((a) => a.title), [
      'Move the client secret to the environment variable ClientSecret',
      'Ignore this file in .partner-auth-lint.json',
      'Show documentation for no-stored-credentials',
    ]);
    const ignoreAction = (list: typeof actions) => list.find((a) => a.title === 'Ignore this file in .partner-auth-lint.json')!;
    const configPath = path.join(s.ws, '.partner-auth-lint.json');
    const [create, insert] = ignoreAction(actions).edit!.documentChanges as [CreateFile, TextDocumentEdit];
    assert.deepEqual(create, { kind: 'create', uri: `file://${configPath}`, options: { ignoreIfExists: true } });
    const created = (insert.edits[0] as { newText: string }).newText;
    assert.equal(created, '{\n  "ignore": [\n    "appsettings.json"\n  ]\n}\n');
    // Apply as the editor would (create + write), and let the watcher tell the server.
    const since = s.client.publishCount(uri('appsettings.json'));
    fs.writeFileSync(configPath, created);
    await s.client.watchedFileChanged(configPath, 1);
    assert.deepEqual(await s.client.nextDiagnostics(uri('appsettings.json'), since), []);
    // A second JSON file: the existing config gets the path appended.
    fs.mkdirSync(path.join(s.ws, 'cfg'));
    const second = await actionsFor('cfg/local.settings.json', 'json', `{ "Values": { "ClientSecret": "${secret}" } }\n`);
    const edit = ignoreAction(second.actions).edit!.changes![`file://${configPath}`][0];
    assert.equal(edit.newText, '{\n  "ignore": [\n    "appsettings.json",\n    "cfg/local.settings.json"\n  ]\n}\n');
    fs.unlinkSync(configPath);
    await s.client.watchedFileChanged(configPath, 3);
  });

  it('turns fixes in diagnostic data into quick fixes with no server-side cache, preferred one marked', async () => {
    const u = uri('crlf.ps1');
    const range = { start: { line: 2, character: 4 }, end: { line: 2, character: 23 } };
    const data = { ruleId: 'no-ropc', fixes: [
      { title: 'Use Connect-AzAccount -Identity', preferred: true, edits: [{ range, newText: 'Connect-AzAccount -Identity' }] },
      { title: 'Remove the call', edits: [{ range, newText: '' }] },
    ] };
    const actions = await s.client.codeActions(u, [{ range, message: 'm', source: 'partner-auth-lint', code: 'no-ropc', data } as Diagnostic]);
    assert.deepEqual(actions.slice(0, 2).map((a) => [a.title, a.kind, a.isPreferred, a.edit]), [
      ['Use Connect-AzAccount -Identity', 'quickfix', true, { changes: { [u]: [{ range, newText: 'Connect-AzAccount -Identity' }] } }],
      ['Remove the call', 'quickfix', false, { changes: { [u]: [{ range, newText: '' }] } }],
    ]);
    const others = await s.client.codeActions(u, [{ range, message: 'm', source: 'eslint', code: 'no-ropc', data } as Diagnostic]);
    assert.deepEqual(others, [], 'diagnostics of other sources get no actions');
  });
});
