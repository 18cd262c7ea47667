// Makes sure dist/server.js is built from the current sources before the integration tests start it.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, SERVER, TestClient, type StartOptions } from './client';

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, e.name === 'fixtures' ? 0 : newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

export function ensureBuilt(): void {
  const built = fs.existsSync(SERVER) ? fs.statSync(SERVER).mtimeMs : 0;
  const sources = Math.max(newestSource(path.join(ROOT, 'server/lsp')), newestSource(path.join(ROOT, 'rules')));
  if (built < sources) execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

export function tempWorkspace(files: Record<string, string> = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'pal-lsp-')));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** A server for the enclosing `describe`: started in a fresh temp workspace before its tests, stopped after. */
export function useServer(options: Omit<StartOptions, 'workspace'> = {}): { readonly ws: string; readonly client: TestClient; uri(name: string): string } {
  let ws = '';
  let client: TestClient | undefined;
  before(async () => {
    ensureBuilt();
    ws = tempWorkspace();
    client = await TestClient.start({ ...options, workspace: ws });
  });
  after(async () => client?.stop());
  return {
    get ws() {
      return ws;
    },
    get client() {
      if (!client) throw new Error('the server is not started yet');
      return client;
    },
    uri: (name: string) => `file://${path.join(ws, name)}`,
  };
}
