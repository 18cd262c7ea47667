// The language server under stress, over stdio: 1,000 rapid edits, versions out of order (and reused), a client
// that cancels every request, 500 open documents, a settings change in the middle of a workspace scan, a project
// file rewritten malformed and hostile, and a grammar .wasm that fails to load. Each time the server stays up and
// what it finally publishes equals a fresh lint of the final text. No timing assertions.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CancellationTokenSource, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { languageFromEditor } from '../../rules/adapters/languages';
import { lint, type LintOptions } from '../../rules/engine/lint';
import { incompleteDiagnostic, toDiagnostics } from '../../server/lsp/diagnostics';
import { ensureBuilt, tempWorkspace, useServer } from './build';
import { CASES } from './cases';
import { ROOT, TestClient } from './client';
import { Rng } from '../fuzz/prng';

/** What a fresh lint of `text` gives, as the server would publish it (default settings unless `options`). */
async function fresh(text: string, file: string, languageId: string, options: LintOptions = {}): Promise<Diagnostic[]> {
  const language = languageFromEditor(languageId, file);
  const r = language ? await lint(text, file, { partnerType: 'unknown', rules: {}, requireSuppressionReason: false, secretStore: { kind: 'environment' }, ...options, language }) : undefined;
  if (!r) return [];
  const list = toDiagnostics(r);
  if (r.incomplete?.kind === 'cut-short') list.push(incompleteDiagnostic(r.incomplete.message));
  return list;
}

const shape = (list: Diagnostic[]) => list.map((d) => ({ range: d.range, code: d.code, severity: d.severity, message: d.message }));

const LINES = [
  'Connect-ExchangeOnline -Credential $cred',
  "$password = 'P@ssw0rd-2026!x'",
  'Write-Host ok',
  '$cred = Get-Credential',
  'Connect-AzAccount -Credential $cred -TenantId $t',
  '# partner-auth-lint-disable-next-line no-ropc -- test',
  'function F { param($p) Connect-MsolService -Credential $p }',
  '@{ grant_type = "password"; username = $u; password = $p }',
  '$x = @(',
  "'unterminated",
  '}',
];

describe('language server: stress', function () {
  this.timeout(300_000);

  describe('one server, push diagnostics', () => {
    const s = useServer();

    it('1,000 rapid edits: the last publish equals a fresh lint of the final text, versions never go back', async () => {
      const u = s.uri('rapid.ps1');
      s.client.open(u, 'powershell', '$cred = Get-Credential\n');
      const rng = new Rng(1000);
      for (let i = 0; i < 1000; i++) {
        const doc = s.client.docs.get(u)!;
        const line = rng.int(doc.lineCount);
        const r = rng.next();
        if (r < 0.5 || doc.lineCount < 3) {
          s.client.change(u, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${rng.pick(LINES)}\n` }]);
        } else if (r < 0.8) {
          s.client.change(u, [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' }]);
        } else {
          // Typing inside a line: one character at a time, sometimes a quote or a bracket.
          const text = doc.getText().split('\n')[line] ?? '';
          const at = rng.int(text.length + 1);
          s.client.change(u, [{ range: { start: { line, character: at }, end: { line, character: at } }, newText: rng.pick(['a', ' ', '$', "'", '"', '(', '{', '}', '-']) }]);
        }
      }
      const final = s.client.docs.get(u)!;
      const got = await s.client.diagnosticsFor(u, 60_000);
      assert.deepEqual(shape(got), shape(await fresh(final.getText(), 'rapid.ps1', 'powershell')));
      const versions = (s.client.published.get(u) ?? []).map((p) => p.version!);
      assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'never an older version after a newer one');
      assert.ok(s.client.alive);
    });

    it('versions out of order, repeated and skipped: the diagnostics of the text the server holds last equal a fresh lint of it', async () => {
      const u = s.uri('order.py');
      const texts = [
        'import msal\nr = app.acquire_token_by_username_password(u, p, scopes=S)\n',
        'CLIENT_SECRET = "abc8Q~0123456789abcdefghijklmnopqrstuvwx"\n',
        'x = 1\n',
        'def f(:\n  "unterminated\n',
        'import adal\npassword = "Winter2026!x"\n',
      ];
      s.client.open(u, 'python', texts[0]);
      await s.client.diagnosticsFor(u);
      // Whole-text changes with versions 7, 3, 3 (again, other text), 12, 5, 5: the last one received is what counts.
      const sends: [number, string][] = [[7, texts[1]], [3, texts[2]], [3, texts[3]], [12, texts[2]], [5, texts[1]], [5, texts[4]]];
      for (const [version, text] of sends) {
        void s.client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: u, version }, contentChanges: [{ text }] });
      }
      const expected = shape(await fresh(texts[4], 'order.py', 'python'));
      const last = await s.client.until(() => {
        const list = s.client.published.get(u) ?? [];
        const p = list[list.length - 1];
        return p && p.version === 5 && JSON.stringify(shape(p.diagnostics)) === JSON.stringify(expected) ? p : undefined;
      }, 'the diagnostics of version 5 (the last text sent)', 20_000);
      assert.deepEqual(shape(last.diagnostics), expected);
      assert.ok(s.client.alive);
    });

    it('a client that cancels every request: each is answered or cancelled, the server keeps serving', async () => {
      const u = s.uri('cancel.ps1');
      const text = "$password = 'P@ssw0rd-2026!x'\nConnect-ExchangeOnline -Credential $cred\n";
      s.client.open(u, 'powershell', text);
      const diagnostics = await s.client.diagnosticsFor(u);
      const requests: [string, unknown][] = [
        ['textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 15 } }],
        ['textDocument/codeAction', { textDocument: { uri: u }, range: diagnostics[0].range, context: { diagnostics } }],
        ['partnerAuthLint/decodeToken', { text: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.' }],
        ['partnerAuthLint/rules', {}],
        ['partnerAuthLint/scanWorkspace', {}],
        ['partnerAuthLint/readinessReport', {}],
        ['workspace/diagnostic', { previousResultIds: [] }],
      ];
      let answered = 0;
      let cancelled = 0;
      const pending: Promise<void>[] = [];
      for (let i = 0; i < 300; i++) {
        const [method, params] = requests[i % requests.length];
        const source = new CancellationTokenSource();
        const p = s.client.connection.sendRequest(method, params, source.token).then(
          () => void answered++,
          (e: { code?: number }) => {
            // Cancelled (-32800), or the server's own "superseded"/method-not-found for a push-only client.
            assert.ok([-32800, -32802, -32601].includes(e.code ?? 0), `${method}: ${JSON.stringify(e)}`);
            cancelled++;
          },
        );
        source.cancel();
        pending.push(p);
      }
      await Promise.all(pending);
      assert.equal(answered + cancelled, 300);
      // Still serving: an edit is linted, a request without cancellation is answered.
      const next = s.client.change(u, [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, newText: '' }]);
      assert.deepEqual(shape(await s.client.diagnosticsFor(u)), shape(await fresh(next.getText(), 'cancel.ps1', 'powershell')));
      const rules = await s.client.connection.sendRequest<unknown[]>('partnerAuthLint/rules', {});
      assert.ok(rules.length > 0);
      assert.ok(s.client.alive);
    });

    it('500 open documents: every one gets exactly what a fresh lint gives', async () => {
      const docs: { uri: string; file: string; languageId: string; text: string }[] = [];
      for (let i = 0; i < 500; i++) {
        const c = CASES[i % CASES.length];
        const dir = `many/${String(i).padStart(3, '0')}`;
        // Vary the text a little so the documents are not all identical.
        const text = c.languageId === 'json' || c.languageId === 'xml' ? c.text : `${c.text}${c.languageId === 'powershell' || c.languageId === 'python' || c.languageId === 'yaml' || c.languageId === 'plaintext' || c.languageId === 'properties' ? '#' : '//'} ${i}\n`;
        docs.push({ uri: s.uri(`${dir}/${c.file}`), file: c.file, languageId: c.languageId, text });
      }
      for (const d of docs) s.client.open(d.uri, d.languageId, d.text);
      for (const d of docs) {
        const got = await s.client.diagnosticsFor(d.uri, 60_000);
        assert.deepEqual(shape(got), shape(await fresh(d.text, d.file, d.languageId)), d.uri);
      }
      for (const d of docs) s.client.close(d.uri);
      assert.ok(s.client.alive);
    });

    it('a project file rewritten malformed, hostile and valid in quick succession: one warning per bad version, the valid one applies', async () => {
      const u = s.uri('project.ps1');
      const text = '$cred = Get-Credential\nConnect-ExchangeOnline -Credential $cred\n';
      s.client.open(u, 'powershell', text);
      await s.client.diagnosticsFor(u);
      const file = path.join(s.ws, '.partner-auth-lint.json');
      const versions = [
        '{ "rules": { "no-ropc": "warning", }',
        '\u0000\u0001{{{',
        '{"rules": {"__proto__": {"no-ropc": "off"}, "constructor": "off"}, "$schema": "file:///etc/passwd", "ignored": ["**/*.ps1"]}',
        '{"rules": {"no-ropc": "info"}}',
      ];
      for (const v of versions) {
        fs.writeFileSync(file, v);
        await s.client.watchedFileChanged(file);
      }
      const expected = shape(await fresh(text, 'project.ps1', 'powershell', { rules: { 'no-ropc': 'info' } }));
      await s.client.until(() => {
        const list = s.client.published.get(u) ?? [];
        return JSON.stringify(shape(list[list.length - 1]?.diagnostics ?? [])) === JSON.stringify(expected) ? true : undefined;
      }, 'the diagnostics under the last, valid project file', 20_000);
      assert.equal(({} as Record<string, unknown>)['no-ropc'], undefined);
      fs.rmSync(file);
      await s.client.watchedFileChanged(file, 3);
      assert.ok(s.client.alive);
    });
  });

  describe('one server, pull diagnostics', () => {
    const s = useServer({ pull: true });

    it('a version number reused for another text: the pull answers for the text, not for the number', async () => {
      const u = s.uri('reuse.py');
      const a = 'CLIENT_SECRET = "abc8Q~0123456789abcdefghijklmnopqrstuvwx"\n';
      const b = 'import msal\nr = app.acquire_token_by_username_password(u, p, scopes=S)\n';
      s.client.open(u, 'python', a);
      assert.deepEqual(shape((await s.client.pull(u)).items), shape(await fresh(a, 'reuse.py', 'python')));
      await s.client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: 1 }, contentChanges: [{ text: b }] });
      assert.deepEqual(shape((await s.client.pull(u)).items), shape(await fresh(b, 'reuse.py', 'python')));
    });

    it('every pull cancelled as soon as it is sent, during edits: the server answers the next one right', async () => {
      const u = s.uri('pulls.ps1');
      s.client.open(u, 'powershell', '$cred = Get-Credential\n');
      const pending: Promise<unknown>[] = [];
      for (let i = 0; i < 200; i++) {
        if (i % 10 === 0) s.client.change(u, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: i % 20 ? 'Connect-ExchangeOnline -Credential $cred\n' : '# note\n' }]);
        const source = new CancellationTokenSource();
        pending.push(s.client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: u } }, source.token).catch((e: { code?: number }) => assert.ok([-32800, -32802].includes(e.code ?? 0), JSON.stringify(e))));
        source.cancel();
      }
      await Promise.all(pending);
      const final = s.client.docs.get(u)!;
      assert.deepEqual(shape((await s.client.pull(u)).items), shape(await fresh(final.getText(), 'pulls.ps1', 'powershell')));
      assert.ok(s.client.alive);
    });
  });

  describe('a settings change in the middle of a workspace scan', () => {
    let client: TestClient;
    let ws = '';
    before(async () => {
      ensureBuilt();
      ws = tempWorkspace();
      for (let i = 0; i < 400; i++) {
        const c = CASES[i % CASES.length];
        fs.mkdirSync(path.join(ws, `pkg${i % 20}`, String(i)), { recursive: true });
        fs.writeFileSync(path.join(ws, `pkg${i % 20}`, String(i), c.file), c.text);
      }
      client = await TestClient.start({ workspace: ws, env: { PARTNER_AUTH_LINT_SCAN_WORKERS: '2' } });
    });
    after(async () => client?.stop());

    it('rescans with the new settings: every closed file ends with what a fresh lint under them gives', async () => {
      const scan = client.connection.sendRequest<{ cancelled: boolean }>('partnerAuthLint/scanWorkspace');
      await client.until(() => ([...client.progress.values()][0]?.some((e) => e.kind === 'report' && (e as { percentage?: number }).percentage! > 5) ? true : undefined), 'the scan under way', 60_000);
      await client.changeSettings({ rules: { 'no-ropc': 'warning', 'no-stored-credentials': 'off' } });
      await scan;
      const expected = new Map<string, string>();
      for (let i = 0; i < 400; i++) {
        const c = CASES[i % CASES.length];
        const rel = path.join(`pkg${i % 20}`, String(i), c.file);
        expected.set(`file://${path.join(ws, rel)}`, JSON.stringify(shape(await fresh(c.text, c.file, c.languageId, { rules: { 'no-ropc': 'warning', 'no-stored-credentials': 'off' } }))));
      }
      await client.until(() => {
        for (const [uri, want] of expected) {
          const list = client.published.get(uri) ?? [];
          const last = list.length ? JSON.stringify(shape(list[list.length - 1].diagnostics)) : '[]';
          if (last !== want) return undefined;
        }
        return true;
      }, 'every file published under the new settings', 120_000);
      assert.ok(client.alive);
    });
  });

  describe('a grammar .wasm that fails to load', () => {
    let client: TestClient;
    let ws = '';
    before(async () => {
      ensureBuilt();
      // The server bundle (and the files it loads: workers, the TypeScript parser) and the grammars, with the
      // PowerShell grammar corrupted.
      const dist = tempWorkspace();
      for (const f of fs.readdirSync(path.join(ROOT, 'dist'))) if (/\.(js|wasm)$/.test(f) && f !== 'extension.js') fs.copyFileSync(path.join(ROOT, 'dist', f), path.join(dist, f));
      fs.writeFileSync(path.join(dist, 'tree-sitter-powershell.wasm'), Buffer.from('\u0000asm not really a grammar'));
      ws = tempWorkspace();
      client = await TestClient.start({ workspace: ws, server: path.join(dist, 'server.js') });
    });
    after(async () => client?.stop());

    it('disables PowerShell with one log line; the other languages keep working; edits and more files change nothing', async () => {
      const uri = (name: string) => `file://${path.join(ws, name)}`;
      const ps = "$password = 'P@ssw0rd-2026!x'\nConnect-ExchangeOnline -Credential $cred\n";
      for (const name of ['a.ps1', 'b.ps1', 'c.psm1']) client.open(uri(name), 'powershell', ps);
      for (const c of CASES.filter((x) => x.languageId !== 'powershell' && x.languageId !== 'yaml')) client.open(uri(c.file), c.languageId, c.text);
      for (const name of ['a.ps1', 'b.ps1', 'c.psm1']) assert.deepEqual(await client.diagnosticsFor(uri(name)), [], name);
      for (const c of CASES.filter((x) => x.languageId !== 'powershell' && x.languageId !== 'yaml')) {
        assert.deepEqual(shape(await client.diagnosticsFor(uri(c.file))), shape(await fresh(c.text, c.file, c.languageId)), `${c.file}: ${client.logs.join('\n')}\n${client.stderr}`);
      }
      // Inline PowerShell in a pipeline: the YAML itself is still read.
      const yml = CASES.find((x) => x.languageId === 'yaml')!;
      client.open(uri(yml.file), 'yaml', yml.text);
      await client.diagnosticsFor(uri(yml.file));
      for (let i = 0; i < 20; i++) client.change(uri('a.ps1'), [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `# ${i}\n` }]);
      assert.deepEqual(await client.diagnosticsFor(uri('a.ps1')), []);
      const about = client.logs.filter((l) => /PowerShell grammar could not be loaded/.test(l));
      assert.equal(about.length, 1, client.logs.join('\n'));
      assert.match(about[0], /PowerShell files are skipped/);
      assert.deepEqual(client.messages, [], 'no pop-up');
      assert.ok(client.alive);
    });
  });
});
