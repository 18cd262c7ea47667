// Secret hygiene: for every rule fixture that holds a secret (what no-stored-credentials flags there, and every JWT),
// the secret's full text appears in no diagnostic message, fix title, hover, code action, CLI output (text, JSON,
// SARIF, suppressions), readiness report (Markdown, HTML, JSON), baseline file, decode output or log line.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { languageOf } from '../../rules/adapters/languages';
import { JWT_IN_TEXT } from '../../rules/common/secrets';
import { lint } from '../../rules/engine/lint';
import { LineIndex } from '../../rules/engine/lines';
import { runCli, workspace } from '../helpers/cli';
import { ensureBuilt } from '../lsp/build';
import { TestClient } from '../lsp/client';

const ROOT = path.resolve(__dirname, '../..');
const OPTIONS = { partnerType: 'cpv' as const, today: '2026-11-22' };
/** Shorter values are not secrets worth the name (and the mask shows none of their characters anyway). */
const MIN_LENGTH = 8;

interface Fixture {
  rel: string;
  text: string;
}

interface Secret {
  value: string;
  rel: string;
  offset: number;
}

const LANGUAGE_ID: Record<string, string> = { powershell: 'powershell', csharp: 'csharp', python: 'python', javascript: 'javascript', typescript: 'typescript', java: 'java', json: 'json', yaml: 'yaml', dotenv: 'plaintext', xml: 'xml', properties: 'properties' };

function fixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const id of fs.readdirSync(path.join(ROOT, 'rules')).sort()) {
    const dir = path.join(ROOT, 'rules', id, 'fixtures');
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) if (!f.includes('.fixed.')) out.push({ rel: `rules/${id}/fixtures/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') });
  }
  return out;
}

/**
 * The secrets of a fixture: the literals no-stored-credentials flags (quotes off) and every JWT. Its findings of
 * secrets written to plain files flag the code that writes them (`$token.RefreshToken`), which is no secret.
 */
async function secretsOf(f: Fixture): Promise<Secret[]> {
  const out: Secret[] = [];
  const r = (await lint(f.text, f.rel, OPTIONS))!;
  for (const x of r.findings.filter((y) => y.ruleId === 'no-stored-credentials' && !y.message.includes('is written in clear text to a plain file'))) {
    const raw = f.text.slice(x.range.start, x.range.end);
    const quote = /^(@?["'`]|\$")/.exec(raw)?.[0] ?? '';
    const value = raw.slice(quote.length, raw.length - (/["'`]$/.test(raw) && quote ? 1 : 0));
    if (value.length >= MIN_LENGTH) out.push({ value, rel: f.rel, offset: x.range.start + quote.length });
  }
  for (const m of f.text.matchAll(new RegExp(JWT_IN_TEXT.source, 'g'))) out.push({ value: m[0], rel: f.rel, offset: m.index ?? 0 });
  return out;
}

/** The secrets found in `output`, as they are or JSON/HTML-escaped. */
function leaked(output: string, secrets: readonly Secret[]): string[] {
  const forms = (s: string) => [s, JSON.stringify(s).slice(1, -1), s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')];
  return [...new Set(secrets.filter((s) => forms(s.value).some((v) => output.includes(v))).map((s) => `${s.rel}: ${s.value}`))];
}

describe('secret hygiene over every fixture', function () {
  this.timeout(300_000);
  const all = fixtures();
  let secrets: Secret[] = [];
  let ws = '';

  before(async () => {
    for (const f of all) secrets.push(...(await secretsOf(f)));
    secrets = secrets.filter((s, i) => secrets.findIndex((t) => t.value === s.value && t.rel === s.rel) === i);
    ws = workspace(Object.fromEntries(all.map((f) => [f.rel, f.text])), 'pal-hygiene-');
  });
  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('finds secrets and tokens to check in the fixtures', () => {
    assert.ok(secrets.length >= 20, `${secrets.length} secrets`);
    assert.ok(secrets.some((s) => s.value.startsWith('eyJ')), 'JWTs among them');
    assert.ok(new Set(secrets.map((s) => languageOf(s.rel))).size >= 8, 'in most languages');
  });

  it('no finding message or fix title holds one (every rule, every fixture)', async () => {
    for (const f of all) {
      const r = (await lint(f.text, f.rel, OPTIONS))!;
      const out = r.findings.map((x) => `${x.message}\n${x.fixes.map((fix) => fix.title).join('\n')}`).join('\n');
      assert.deepEqual(leaked(out, secrets), [], f.rel);
    }
  });

  it('no CLI output holds one: scan (text, JSON, SARIF), suppressions, report (Markdown, HTML, JSON), the baseline file, stderr', async () => {
    const outputs: [string, string][] = [];
    for (const format of ['text', 'json', 'sarif']) {
      const r = await runCli(ws, 'scan', 'rules', '--format', format, '--jobs', '1', '--no-baseline');
      assert.equal(r.code, 1, `${format}: findings`);
      outputs.push([`scan ${format}`, r.stdout + r.stderr]);
    }
    for (const format of ['text', 'json']) {
      const r = await runCli(ws, 'suppressions', 'rules', '--format', format, '--jobs', '1');
      outputs.push([`suppressions ${format}`, r.stdout + r.stderr]);
    }
    for (const format of ['md', 'html', 'json']) {
      const r = await runCli(ws, 'report', 'rules', '--format', format, '--jobs', '1');
      assert.equal(r.code, 0, r.stderr);
      outputs.push([`report ${format}`, r.stdout + r.stderr]);
    }
    const b = await runCli(ws, 'baseline', 'rules', '--jobs', '1');
    assert.equal(b.code, 0, b.stderr);
    outputs.push(['baseline output', b.stdout + b.stderr], ['baseline file', fs.readFileSync(path.join(ws, '.partner-auth-lint-baseline.json'), 'utf8')]);
    for (const [what, out] of outputs) {
      assert.ok(out.length > 0, `${what} printed something`);
      assert.deepEqual(leaked(out, secrets), [], what);
    }
  });

  it('decode shows at most the first 8 characters of a token', async () => {
    for (const jwt of [...new Set(secrets.filter((s) => s.value.startsWith('eyJ')).map((s) => s.value))]) {
      for (const format of ['text', 'json']) {
        const r = await runCli(ws, 'decode', jwt, '--format', format);
        assert.ok(r.stdout.length > 0);
        assert.ok(!(r.stdout + r.stderr).includes(jwt.slice(0, 9)), `decode --format ${format} shows more than 8 characters of ${jwt.slice(0, 12)}…`);
      }
    }
  });

  it('the language server: no diagnostic, hover (on every secret), code action or log line holds one', async () => {
    ensureBuilt();
    const client = await TestClient.start({ workspace: ws, settings: { partnerType: 'cpv' } });
    try {
      const seen: string[] = [];
      for (const f of all) {
        const uri = `file://${path.join(ws, f.rel)}`;
        const language = languageOf(f.rel);
        if (!language) continue;
        client.open(uri, LANGUAGE_ID[language], f.text);
        const diagnostics = await client.diagnosticsFor(uri, 30_000);
        seen.push(JSON.stringify(diagnostics.map((d) => [d.message, d.code, d.codeDescription, d.source])));
        if (diagnostics.length) seen.push(JSON.stringify((await client.codeActions(uri, diagnostics)).map((a) => [a.title, a.command?.title, a.diagnostics?.map((d) => d.message)])));
        const lines = new LineIndex(f.text);
        for (const s of secrets.filter((x) => x.rel === f.rel)) {
          for (const at of [s.offset, s.offset + Math.floor(s.value.length / 2)]) {
            const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: lines.position(at) });
            if (hover) seen.push(JSON.stringify(hover));
          }
        }
        client.close(uri);
      }
      assert.ok(seen.some((h) => h.includes('partnerAuthLint.decodeToken')), 'token hovers were shown');
      assert.deepEqual(leaked(seen.join('\n'), secrets), [], 'diagnostics, code actions and hovers');
      assert.deepEqual(leaked([...client.logs, ...client.messages.map((m) => m.message), client.stderr].join('\n'), secrets), [], 'log lines');
      assert.ok(client.alive);
    } finally {
      await client.stop();
    }
  });
});
