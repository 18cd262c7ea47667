// Inside the real extension host: activation, contributed commands, the settings schema, diagnostics of every
// fixture file, code actions through vscode.executeCodeActionProvider, settings changes, a server restart and
// the status bar item (checked in the workbench DOM by the test through a handshake file).
const assert = require('node:assert/strict');
const fs = require('node:fs');
const vscode = require('vscode');
const { waitFor, ours, codeOf, severityName, logger } = require('./util');

const ID = 'partner-auth-lint.partner-auth-lint';

async function run() {
  const log = logger('api');
  const { expected, rules, docs, handshake } = JSON.parse(process.env.PAL_E2E_CONTEXT);
  const ws = vscode.workspace.workspaceFolders[0].uri;
  const ext = vscode.extensions.getExtension(ID);
  assert.ok(ext, `${ID} is loaded`);
  const pkg = ext.packageJSON;

  // Activation: no document is open yet; workspaceContains:**/.env (the fixture has one) activates it.
  assert.ok(!pkg.activationEvents.includes('*'));
  for (const e of ['onLanguage:powershell', 'onLanguage:csharp', 'onLanguage:python', 'onLanguage:java', 'workspaceContains:**/.env', 'workspaceContains:**/web.config']) {
    assert.ok(pkg.activationEvents.includes(e), e);
  }
  // No workspace file is open (VS Code itself may have loaded the user settings.json as a document).
  assert.deepEqual(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file' && d.uri.path.startsWith(`${ws.path}/`)).map((d) => d.uri.path), []);
  await waitFor(() => ext.isActive, (a) => a, 'activation by workspaceContains');
  log('activated');

  // Every contributed command is registered (and the status bar's own).
  const commands = await vscode.commands.getCommands(true);
  for (const c of [...pkg.contributes.commands.map((x) => x.command), 'partnerAuthLint.showProblems']) assert.ok(commands.includes(c), `${c} is registered`);
  assert.ok(pkg.contributes.commands.length >= 7);

  // The settings schema: every declared default is what VS Code reports; a workspace value reads back.
  const properties = pkg.contributes.configuration.properties;
  for (const [key, schema] of Object.entries(properties)) {
    assert.deepEqual(vscode.workspace.getConfiguration().inspect(key).defaultValue, schema.default, `${key} default`);
  }
  assert.deepEqual(properties['partnerAuthLint.partnerType'].enum, ['auto', 'csp', 'cpv', 'unknown']);
  assert.deepEqual(properties['partnerAuthLint.run'].enum, ['onType', 'onSave']);
  log('commands and settings schema');

  // Diagnostics of every file, as VS Code's languageIds name them (generic ones for .env and web.config).
  const languageIds = {};
  const docs2 = {};
  const files = [...new Set(expected.map((e) => e.file))];
  for (const file of files) docs2[file] = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(ws, file));
  for (const file of files) {
    const doc = docs2[file];
    languageIds[file] = doc.languageId;
    const want = expected.filter((e) => e.file === file).map((e) => `${e.rule}@${e.line} ${e.severity}`).sort();
    const got = await waitFor(
      () => ours(doc.uri).filter((d) => rules.includes(codeOf(d))).map((d) => `${codeOf(d)}@${d.range.start.line + 1} ${severityName(d.severity)}`).sort(),
      (keys) => keys.join() === want.join(), `the findings of ${file} (${doc.languageId})`);
    for (const d of ours(doc.uri)) assert.equal(d.code.target.toString(), `${docs}${codeOf(d)}/README.md`);
    log(`${file} (${doc.languageId}): ${got.join(', ')}`);
  }
  assert.ok(['plaintext', 'dotenv', 'properties', 'shellscript'].includes(languageIds['.env']), languageIds['.env']);
  assert.equal(languageIds['web.config'], 'xml');

  // Code actions through the provider API, then the disable-line edit applied.
  const ps = docs2['signin.ps1'];
  const editor = await vscode.window.showTextDocument(ps);
  const ropc = ours(ps.uri).find((d) => codeOf(d) === 'no-ropc');
  // (the 4th argument resolves lazily computed edits, as the light bulb does when an action is chosen)
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', ps.uri, ropc.range, undefined, 20);
  const titles = actions.map((a) => a.title);
  for (const t of ['Disable no-ropc for this line', 'Disable no-ropc for this file', 'Show documentation for no-ropc']) assert.ok(titles.includes(t), `${t} in ${titles}`);
  const fix = actions.find((a) => a.kind && a.kind.value === 'quickfix' && !/^(Disable|Show documentation)/.test(a.title));
  assert.ok(fix, `a rule fix among ${titles}`);
  assert.ok(fix.edit && fix.edit.size > 0, `"${fix.title}" has an edit`);
  assert.ok(await vscode.workspace.applyEdit(actions.find((a) => a.title === 'Disable no-ropc for this line').edit));
  assert.equal(ps.lineAt(4).text, '# partner-auth-lint-disable-next-line no-ropc -- reason');
  await waitFor(() => ours(ps.uri).filter((d) => codeOf(d) === 'no-ropc'), (d) => d.length === 0, 'no no-ropc after disable-line');
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitFor(() => ours(ps.uri).filter((d) => codeOf(d) === 'no-ropc'), (d) => d.length === 1, 'no-ropc back after revert');
  assert.equal(editor.document, ps);
  log('code actions');

  // Settings: a rule's severity and partnerType, changed in the workspace, reach the server.
  const config = () => vscode.workspace.getConfiguration('partnerAuthLint');
  const sev = (rule) => ours(ps.uri).filter((d) => codeOf(d) === rule).map((d) => severityName(d.severity)).join();
  await config().update('rules', { 'no-ropc': 'warning' }, vscode.ConfigurationTarget.Workspace);
  await waitFor(() => sev('no-ropc'), (s) => s === 'warning', 'no-ropc at warning');
  await config().update('partnerType', 'cpv', vscode.ConfigurationTarget.Workspace);
  await waitFor(() => sev('no-cpv-app-only'), (s) => s === 'error', 'no-cpv-app-only at error (cpv)');
  await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
  await config().update('partnerType', undefined, vscode.ConfigurationTarget.Workspace);
  await waitFor(() => `${sev('no-ropc')} ${sev('no-cpv-app-only')}`, (s) => s === 'error warning', 'defaults back');
  log('settings');

  await vscode.commands.executeCommand('partnerAuthLint.restartServer');
  await waitFor(() => sev('no-ropc'), (s) => s === 'error', 'diagnostics after a restart');
  log('restart');

  // The status bar item: the workbench must show our count (the test reads the DOM and answers in a file).
  let count = 0;
  for (const [, list] of vscode.languages.getDiagnostics()) count += list.filter((d) => d.source === 'partner-auth-lint').length;
  console.log(`[itest] status-bar Partner Auth ${count}`);
  const answer = await waitFor(() => (fs.existsSync(handshake) ? fs.readFileSync(handshake, 'utf8') : ''), (a) => a !== '', 'the status bar check', 20000);
  assert.equal(answer, 'ok', answer);
  await vscode.commands.executeCommand('partnerAuthLint.showProblems');
  log(`status bar: Partner Auth ${count}`);

  await vscode.commands.executeCommand('partnerAuthLint.showOutput');
  // The test workbench refuses dialogs, so reaching VS Code's "open the external website?" prompt proves the URL was opened.
  await assert.rejects(vscode.commands.executeCommand('partnerAuthLint.openRuleDocs', 'no-ropc'), /open the external website/);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  log('all passed');
}

module.exports = { name: 'api', run };
