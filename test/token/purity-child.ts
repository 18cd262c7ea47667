// Child process for purity.test.ts: patch network, DNS, file-write, process and console APIs BEFORE importing
// the token inspector, then inspect and render every sample (also through the server's decode request and hover,
// and the client's command logic) and print which patched functions were reached.
import { createRequire, syncBuiltinESMExports } from 'node:module';
import * as path from 'node:path';

// The real (shared) builtin module objects: `import * as` may yield a copy once compiled to CommonJS.
const load = createRequire(path.join(process.cwd(), 'purity-child.js'));
const net = load('node:net');
const tls = load('node:tls');
const http = load('node:http');
const https = load('node:https');
const dns = load('node:dns');
const dgram = load('node:dgram');
const fs = load('node:fs');
const childProcess = load('node:child_process');

const calls: string[] = [];
let recording = false;

function trap(owner: Record<string, unknown>, name: string, label: string, passThrough = false): void {
  const original = owner[name] as (...a: unknown[]) => unknown;
  if (typeof original !== 'function') return;
  owner[name] = function patched(this: unknown, ...args: unknown[]) {
    if (recording) {
      calls.push(label);
      throw new Error(`${label} called during token inspection`);
    }
    if (passThrough) return original.apply(this, args);
    calls.push(`${label} (outside inspection)`);
    throw new Error(`${label} blocked`);
  };
}

const mod = (m: unknown) => m as Record<string, unknown>;
for (const n of ['connect', 'createConnection', 'createServer']) trap(mod(net), n, `net.${n}`);
for (const n of ['connect', 'createServer']) trap(mod(tls), n, `tls.${n}`);
for (const n of ['request', 'get']) {
  trap(mod(http), n, `http.${n}`);
  trap(mod(https), n, `https.${n}`);
}
for (const n of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) trap(mod(dns), n, `dns.${n}`);
trap(mod(dns.promises), 'lookup', 'dns.promises.lookup');
trap(mod(dgram), 'createSocket', 'dgram.createSocket');
for (const n of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) trap(mod(childProcess), n, `child_process.${n}`);
// File writes pass through outside the inspection phase (the TypeScript loader may cache compiled files).
for (const n of ['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createWriteStream', 'mkdir', 'mkdirSync', 'rm', 'rmSync', 'unlink', 'unlinkSync', 'rename', 'renameSync'])
  trap(mod(fs), n, `fs.${n}`, true);
for (const n of ['writeFile', 'appendFile', 'mkdir', 'rm', 'unlink', 'rename', 'open']) trap(mod(fs.promises), n, `fs.promises.${n}`, true);
// Every other way to put bytes in a file: descriptors, copies, links, truncation; opening for writing.
for (const n of ['write', 'writeSync', 'writev', 'writevSync', 'copyFile', 'copyFileSync', 'cp', 'cpSync', 'truncate', 'truncateSync', 'ftruncate', 'ftruncateSync', 'symlink', 'symlinkSync', 'link', 'linkSync', 'rmdir', 'rmdirSync', 'mkdtemp', 'mkdtempSync'])
  trap(mod(fs), n, `fs.${n}`, true);
for (const n of ['copyFile', 'cp', 'truncate', 'symlink', 'link', 'mkdtemp', 'rmdir']) trap(mod(fs.promises), n, `fs.promises.${n}`, true);
for (const n of ['open', 'openSync']) {
  const original = fs[n] as (...a: unknown[]) => unknown;
  fs[n] = function openChecked(this: unknown, file: unknown, flags: unknown, ...rest: unknown[]) {
    if (recording && typeof flags === 'string' && /[wa+]/.test(flags)) calls.push(`fs.${n}(${flags})`);
    if (recording && typeof flags === 'number' && (flags & 3) !== 0) calls.push(`fs.${n}(write flags)`);
    return original.call(this, file, flags, ...rest);
  };
}
// Sockets made without net.connect (a Socket's own connect, TLS over it) and HTTP/2.
trap(mod(load('node:net').Socket.prototype), 'connect', 'net.Socket#connect');
trap(mod(load('node:http2')), 'connect', 'http2.connect');
trap(mod(globalThis), 'fetch', 'fetch');
// undici (Node's fetch engine, also an npm package in node_modules) and any network module loaded while decoding.
try {
  const undici = load('undici');
  for (const n of ['request', 'fetch', 'stream', 'pipeline', 'connect', 'upgrade']) trap(mod(undici), n, `undici.${n}`);
} catch {
  /* not installed: nothing to trap */
}
const NETWORK_MODULES = /^(node:)?(http|https|http2|net|tls|dns|dns\/promises|dgram|undici)$/;
const Module = load('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
const originalLoad = Module._load;
Module._load = function patchedLoad(this: unknown, request: string, ...rest: unknown[]) {
  if (recording && NETWORK_MODULES.test(request)) calls.push(`require(${request})`);
  return originalLoad.call(this, request, ...rest);
};
for (const n of ['log', 'info', 'warn', 'error', 'debug', 'trace']) trap(mod(console), n, `console.${n}`, true);
trap(mod(process.stdout), 'write', 'process.stdout.write', true);
trap(mod(process.stderr), 'write', 'process.stderr.write', true);
syncBuiltinESMExports();

async function main(): Promise<void> {
  const token = await import('../../rules/token/index');
  const { NOW, samples, jwks, jwt, v1 } = await import('./fixtures');
  // The editor paths: the server's decode request and hover (server/lsp/token.ts) and the client command logic.
  const editor = await import('../../server/lsp/token');
  const command = await import('../../client/src/tokenCommand');
  const { lint } = await import('../../rules/engine/lint');
  const all = await samples();
  const keys = JSON.stringify(await jwks('right'));
  const inCode = await jwt(v1());
  const js = `const headers = { Authorization: "Bearer ${inCode}" };\n`;
  const linted = await lint(js, 'call.js'); // parsing is not decoding: done before recording
  const position = (o: number) => ({ line: 0, character: o });
  const verdicts: string[] = [];
  const editorVerdicts: string[] = [];
  recording = true;
  try {
    for (const s of all) {
      const r = token.inspectToken(s.input, { now: NOW });
      token.renderTokenText(r);
      token.renderTokenMarkdown(r);
      JSON.stringify(token.tokenReportJson(r));
      verdicts.push(`${s.label}: ${r.partnerCenter}`);
      const viaRequest = await editor.decodeToken({ text: s.input, jwks: keys }, undefined, NOW);
      const viaCommand = await command.runTokenCommand({
        selection: () => undefined, clipboard: async () => s.input, inputBox: async () => s.input,
        request: (params) => editor.decodeToken(params, undefined, NOW), show: async () => undefined, log: () => undefined,
        notify: async () => undefined, error: () => undefined, pickJwks: async () => keys,
      }, 'verify');
      editorVerdicts.push(`${s.label}: ${viaRequest.partnerCenter}/${viaCommand?.partnerCenter}`);
    }
    const at = js.indexOf(inCode) + 10;
    const hover = linted ? editor.tokenHover(linted.model, at, 'file:///call.js', position, NOW) : undefined;
    const byRange = await editor.decodeToken({ textDocument: { uri: 'file:///call.js' } }, { text: js, model: linted?.model, start: at, end: at }, NOW);
    editorVerdicts.push(`hover: ${hover ? 'yes' : 'no'}`, `by range: ${byRange.partnerCenter}`);
  } finally {
    recording = false;
  }
  process.stdout.write(`${JSON.stringify({ calls, verdicts, editorVerdicts })}\n`);
}

main().catch((err: unknown) => {
  recording = false;
  process.stdout.write(`${JSON.stringify({ calls, fatal: String(err) })}\n`);
});
