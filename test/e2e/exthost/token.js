// Inside the real extension host: the stored-token finding, the hover, "Decode Token" from the selection, the
// clipboard and a hover link, with the protocol trace at verbose. vscode-exthost.test.ts then scans every log
// file of the session for the token.
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { waitFor, ours, codeOf, logger } = require('./util');

const reports = () => vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'partner-auth-lint-token');
const tabLabels = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));

async function run() {
  const log = logger('token');
  const ws = vscode.workspace.workspaceFolders[0].uri;
  const now = Math.floor(Date.now() / 1000);
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const tid = '72f988bf-86f1-41af-91ab-2d7cd011db47';
  const claims = {
    aud: 'https://api.partnercenter.microsoft.com', iss: `https://sts.windows.net/${tid}/`, iat: now - 600, nbf: now - 600, exp: now + 3 * 86400,
    amr: ['pwd', 'mfa'], appid: '0b9f6d0b-2c1f-4bb1-9a7c-0f1c2e2a6b11', appidacr: '1', scp: 'user_impersonation', tid,
    upn: 'agent@contoso.onmicrosoft.com', ver: '1.0',
  };
  const token = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${b64(claims)}.${Buffer.from('not-a-real-signature-'.repeat(8)).toString('base64url')}`;
  const file = vscode.Uri.joinPath(ws, 'token.js');
  const text = `const headers = { Authorization: "Bearer ${token}" };\n`;
  await vscode.workspace.fs.writeFile(file, Buffer.from(text));
  const doc = await vscode.workspace.openTextDocument(file);
  const editor = await vscode.window.showTextDocument(doc);

  const d = await waitFor(() => ours(doc.uri), (x) => x.some((y) => codeOf(y) === 'no-stored-credentials'), 'the stored-token finding');
  assert.match(d.find((y) => codeOf(y) === 'no-stored-credentials').message, /^Access token \(JWT: app\+user, audience Partner Center API, expires in 3 days\) stored in a string literal\./);
  log('finding');

  // From here on the protocol trace is verbose: a token sent as text must not reach it.
  await vscode.workspace.getConfiguration('partnerAuthLint').update('trace.server', 'verbose', vscode.ConfigurationTarget.Workspace);
  await new Promise((r) => setTimeout(r, 1000));

  const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, doc.positionAt(text.indexOf(token) + 50));
  const md = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
  assert.ok(md.includes('**Partner Auth Lint: JWT v1.0, app+user**'), md);
  assert.ok(md.includes('- Expiry: expires in 3 days') && md.includes('- Partner Center: **would accept**'), md);
  const link = JSON.parse(decodeURIComponent(/decodeToken\?([^ )]+)/.exec(md)[1]))[0];
  assert.equal(link.uri, doc.uri.toString());
  log('hover');

  const at = text.indexOf(token);
  editor.selection = new vscode.Selection(doc.positionAt(at), doc.positionAt(at + token.length));
  await vscode.commands.executeCommand('partnerAuthLint.decodeToken');
  const first = await waitFor(reports, (r) => r.length === 1, 'the report of the selection');
  assert.equal(first[0].uri.path, '/Token report 1.md');
  assert.ok(first[0].getText().startsWith('**Partner Center: ACCEPT** (`accept`)'), first[0].getText().slice(0, 80));
  assert.ok(first[0].getText().includes('| `amr` | pwd, mfa |'));
  await waitFor(tabLabels, (l) => l.some((x) => x.includes('Token report 1')), 'the preview tab');
  log(`report from the selection; tabs: ${tabLabels().join(', ')}`);

  await vscode.commands.executeCommand('partnerAuthLint.decodeToken', link);
  await waitFor(reports, (r) => r.some((x) => x.uri.path === '/Token report 2.md'), 'the report of the hover link');
  log('report from the hover link');

  // The clipboard (the browser may refuse it: then the input box opens, and is closed).
  editor.selection = new vscode.Selection(doc.positionAt(0), doc.positionAt(0));
  let clipboard = false;
  try {
    await vscode.env.clipboard.writeText(`Bearer ${token}`);
    clipboard = (await vscode.env.clipboard.readText()) === `Bearer ${token}`;
  } catch {
    clipboard = false;
  }
  const pending = vscode.commands.executeCommand('partnerAuthLint.decodeToken');
  if (clipboard) {
    await pending;
    await waitFor(reports, (r) => r.some((x) => x.uri.path === '/Token report 3.md'), 'the report of the clipboard');
    log('report from the clipboard');
  } else {
    await new Promise((r) => setTimeout(r, 1000));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await pending;
    log('clipboard not readable here: the input box opened instead');
  }
  await vscode.env.clipboard.writeText('').then(undefined, () => undefined);

  const onDisk = await vscode.workspace.findFiles('**/*Token report*');
  assert.deepEqual(onDisk, []);
  await vscode.workspace.getConfiguration('partnerAuthLint').update('trace.server', undefined, vscode.ConfigurationTarget.Workspace);
  await new Promise((r) => setTimeout(r, 2000)); // let the trace setting settle and the logs flush before they are read
  log('all passed');
}

module.exports = { name: 'token', run };
