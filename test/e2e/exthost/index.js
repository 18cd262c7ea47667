// The extension tests' entry point (extensionTestsPath, the @vscode/test-electron model), loaded by code-server's
// Node extension host with the real `vscode` API. vscode-exthost.test.ts passes it in the workbench URL; the
// workbench reports run()'s outcome as an exit code. Plain CommonJS: the extension host loads it as it is.
const all = [require('./api'), require('./scan'), require('./token')];
const only = process.env.PAL_E2E_SUITES; // e.g. "scan,token" while debugging one suite
const suites = only ? all.filter((s) => only.split(',').includes(s.name)) : all;

async function run() {
  const t0 = Date.now();
  for (const suite of suites) {
    console.log(`[itest] suite ${suite.name} (${Date.now() - t0} ms)`);
    await suite.run();
  }
  console.log(`[itest] all suites passed (${Date.now() - t0} ms)`);
}

module.exports = { run };
