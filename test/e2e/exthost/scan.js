// Inside the real extension host: "Scan Workspace" (pull diagnostics, VS Code's own file watcher): closed files'
// findings reach the Problems view, .gitignore'd files stay out, disk changes update findings, an open document
// shows the editor text, and the baseline applies.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const vscode = require('vscode');
const { waitFor, codeOf, logger } = require('./util');

// The rules under test (the catalog grows; other rules' findings are not this suite's concern).
const KEEP = ['no-ropc', 'no-stored-credentials'];
const ours = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'partner-auth-lint' && KEEP.includes(codeOf(d)));
const lines = (uri) => ours(uri).map((d) => d.range.start.line);
const ROPC = '$cred = Get-Credential\nConnect-MsolService -Credential $cred\n';

async function run() {
  const log = logger('scan');
  const ws = vscode.workspace.workspaceFolders[0].uri;
  const at = (rel) => vscode.Uri.joinPath(ws, rel);
  const write = (rel, text) => {
    fs.mkdirSync(path.dirname(at(rel).fsPath), { recursive: true });
    fs.writeFileSync(at(rel).fsPath, text);
  };
  write('ops/connect.ps1', ROPC);
  write('ops/legacy.ps1', `${ROPC}Connect-AzureAD -Credential $cred\n`);
  write('build/out.ps1', ROPC);
  write('.gitignore', 'build/\n');
  // The CLI's baseline of ops/legacy.ps1: the editor hides the same findings.
  const cli = path.join(vscode.extensions.getExtension('partner-auth-lint.partner-auth-lint').extensionPath, 'dist', 'cli.js');
  execFileSync(process.execPath, [cli, 'baseline', 'ops/legacy.ps1', '--rule', 'no-ropc'], { cwd: ws.fsPath });
  write('ops/legacy.ps1', `# a line above\n${ROPC}Connect-AzureAD -Credential $cred\nConnect-MgGraph -Credential $cred\n`);

  // Activate through a document, then scan.
  const sample = await vscode.workspace.openTextDocument(at('signin.ps1'));
  await vscode.window.showTextDocument(sample);
  await waitFor(() => ours(sample.uri), (d) => d.length === 1, 'the open document\'s diagnostic');
  // The files above were written just now: when VS Code's watcher reports the new .gitignore after the scan
  // began, the server rescans the folder and this request answers "cancelled" (the rescan goes on). Ask again then.
  let summary;
  for (let i = 0; i < 3; i++) {
    summary = await vscode.commands.executeCommand('partnerAuthLint.scanWorkspace');
    log(`scan: ${JSON.stringify(summary)}`);
    if (!summary.cancelled) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  assert.equal(summary.cancelled, false);
  // The same files as the CLI's decision (common/files.ts): the fixture's, ops/*.ps1, not build/ (.gitignore).
  const report = JSON.parse(execFileSync(process.execPath, [cli, 'report', '--format', 'json'], { cwd: ws.fsPath, encoding: 'utf8' }));
  assert.equal(summary.files, report.files);
  assert.ok(summary.files >= 14, `${summary.files} files: the fixture's 12 and ops/connect.ps1, ops/legacy.ps1`);
  assert.equal(summary.baselined, 2);
  await waitFor(() => lines(at('ops/connect.ps1')), (l) => l.length === 1 && l[0] === 1, 'the closed file\'s finding');
  await waitFor(() => lines(at('ops/legacy.ps1')), (l) => l.length === 1 && l[0] === 4, 'only the finding the baseline does not list');
  await waitFor(() => lines(at('.env')), (l) => l.length === 1, 'the .env finding');
  await waitFor(() => lines(at('scripts/nightly.ps1')), (l) => l.length === 1 && l[0] === 1, 'the never opened scripts/nightly.ps1');
  assert.deepEqual(ours(at('build/out.ps1')), [], '.gitignore\'d');
  log('closed files in Problems');

  // Disk changes without a rescan: fixed, then a new file, then a delete.
  write('ops/connect.ps1', 'Connect-AzAccount -Identity\n');
  await waitFor(() => lines(at('ops/connect.ps1')), (l) => l.length === 0, 'the fixed file cleared');
  write('ops/new.ps1', ROPC);
  await waitFor(() => lines(at('ops/new.ps1')), (l) => l.length === 1, 'a created file linted');
  fs.rmSync(at('ops/new.ps1').fsPath);
  await waitFor(() => lines(at('ops/new.ps1')), (l) => l.length === 0, 'a deleted file cleared');
  log('file changes');

  // An open document shows the editor text, whatever is on disk.
  const doc = await vscode.workspace.openTextDocument(at('ops/connect.ps1'));
  await vscode.window.showTextDocument(doc);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, new vscode.Position(1, 0), 'Connect-MsolService -Credential $cred\n');
  assert.ok(await vscode.workspace.applyEdit(edit));
  await waitFor(() => lines(doc.uri), (l) => l.length === 1 && l[0] === 1, 'the unsaved editor text\'s finding');
  write('ops/connect.ps1', 'Write-Host disk\n');
  await new Promise((r) => setTimeout(r, 1500));
  assert.deepEqual(lines(doc.uri), [1], 'the disk change does not replace the open document\'s diagnostics');
  await vscode.commands.executeCommand('workbench.action.files.revert');
  log('open document wins');
  log('all passed');
}

module.exports = { name: 'scan', run };
