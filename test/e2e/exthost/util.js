// Helpers of the extension-host suites.
const vscode = require('vscode');

/** Polls `get` until `ok` holds; fails with what was seen last. */
async function waitFor(get, ok, what, ms = 30000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`[itest] timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ours = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'partner-auth-lint');
const codeOf = (d) => (typeof d.code === 'object' ? d.code.value : d.code);
const severityName = (s) => ['error', 'warning', 'info', 'hint'][s];

function logger(name) {
  const t0 = Date.now();
  return (m) => console.log(`[itest] ${name}: ${m} (${Date.now() - t0} ms)`);
}

module.exports = { waitFor, ours, codeOf, severityName, logger };
