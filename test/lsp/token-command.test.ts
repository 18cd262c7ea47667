// The "Decode Token" command without VS Code (client/src/tokenCommand.ts): the input choice (selection >
// clipboard holding a token > password box), and the whole command path against the real server, recording
// everything written to the output channel, notifications and the server's log.
import assert from 'node:assert/strict';
import { chooseTokenInput, FOOTER, logLine, looksLikeToken, runTokenCommand, traceShowsParams, VERIFY_ACTION, type CommandDeps, type InputReaders } from '../../client/src/tokenCommand';
import type { DecodeTokenParams, DecodeTokenResult } from '../../server/lsp/protocol';
import { useServer } from './build';
import { rangeOf } from './cases';
import { b64, CLIENT_SECRET, jwe, jwks, jwt, MSA_TOKEN, REFRESH_TOKEN, saml11, saml2, v1 } from '../token/fixtures';

const NOW_S = Math.floor(Date.now() / 1000);

/** Readers that record which ones were used. */
function readers(selection: string | undefined, clipboard: string | Error, typed: string | undefined) {
  const used: string[] = [];
  const r: InputReaders = {
    selection: () => {
      used.push('selection');
      return selection;
    },
    clipboard: async () => {
      used.push('clipboard');
      if (clipboard instanceof Error) throw clipboard;
      return clipboard;
    },
    inputBox: async () => {
      used.push('input box');
      return typed;
    },
  };
  return { r, used };
}

function leaks(lines: string[], token: string): string[] {
  return lines.filter((l) => {
    for (let i = 0; i + 9 <= token.length; i++) if (l.includes(token.slice(i, i + 9))) return true;
    return false;
  });
}

describe('Decode Token command: input choice', () => {
  let token: string;
  before(async () => {
    token = await jwt(v1());
  });

  it('takes the selection first and then reads nothing else', async () => {
    const { r, used } = readers(`  ${token}  `, token, 'typed');
    assert.deepEqual(await chooseTokenInput(r), { source: 'selection', text: `  ${token}  ` });
    assert.deepEqual(used, ['selection']);
  });

  it('takes the clipboard when nothing is selected and it holds a token', async () => {
    for (const sel of [undefined, '', '  \n ']) {
      const { r, used } = readers(sel, `Bearer ${token}`, 'typed');
      assert.deepEqual(await chooseTokenInput(r), { source: 'clipboard', text: `Bearer ${token}` });
      assert.deepEqual(used, ['selection', 'clipboard']);
    }
  });

  it('asks with the input box when the clipboard holds no token (or cannot be read), and stops when it is cancelled', async () => {
    const a = readers(undefined, 'my password is hunter2', token);
    assert.deepEqual(await chooseTokenInput(a.r), { source: 'input box', text: token });
    assert.deepEqual(a.used, ['selection', 'clipboard', 'input box']);
    const b = readers(undefined, new Error('no clipboard'), token);
    assert.deepEqual(await chooseTokenInput(b.r), { source: 'input box', text: token });
    assert.equal(await chooseTokenInput(readers(undefined, '', undefined).r), undefined);
    assert.equal(await chooseTokenInput(readers(undefined, '', '   ').r), undefined);
  });

  it('recognises tokens as the inspector does: JWT, JWE, Bearer, Authorization header, token response, SAML XML and base64', async () => {
    for (const t of [token, `Bearer ${token}`, `Authorization: Bearer ${token}`, `"${token}"`, JSON.stringify({ access_token: token }), await jwe(), saml11(), saml2(), b64(saml2())])
      assert.equal(looksLikeToken(t), true, t.slice(0, 30));
    for (const t of [undefined, '', 'hello', CLIENT_SECRET, REFRESH_TOKEN, MSA_TOKEN, '72f988bf-86f1-41af-91ab-2d7cd011db47', '<html><body>hi</body></html>', '{"name": "x"}', 'https://contoso.com/?q=1'])
      assert.equal(looksLikeToken(t), false, String(t).slice(0, 30));
  });

  it('lowers the protocol trace only when it would print request parameters', () => {
    assert.deepEqual(['off', 'messages', 'verbose', 'compact', { verbosity: 'verbose' }, { verbosity: 'messages' }, undefined].map(traceShowsParams), [false, false, true, true, true, false, false]);
  });

  it('logs one line with at most the first 8 characters of the token', () => {
    const r: DecodeTokenResult = { input: 'jwt', partnerCenter: 'accept', summary: '', tokenId: 'eyJhbGciOiJSUzI1NiIs', markdown: '', signature: { valid: false, reason: 'x' } };
    assert.equal(logLine('clipboard', r), 'Decode Token: eyJhbGci… from the clipboard: jwt, Partner Center accept; signature not valid');
    assert.equal(logLine('input box', { ...r, input: 'invalid', partnerCenter: 'not-a-token', tokenId: null, signature: undefined }), 'Decode Token: no readable token from the input box: invalid, Partner Center not-a-token');
  });
});

describe('Decode Token command: the command path against the server, and what reaches the output', function () {
  this.timeout(60000);
  const s = useServer();
  let token: string;
  let jwksText: string;

  before(async () => {
    token = await jwt(v1({ iat: NOW_S - 600, nbf: NOW_S - 600, exp: NOW_S + 3600 }));
    jwksText = JSON.stringify(await jwks('right'));
  });

  /** A fake editor: records every line written to the output channel, notifications, errors, reports and requests. */
  function editor(o: { selection?: string; clipboard?: string; typed?: string; notifyChoice?: string; jwks?: string; server?: boolean }) {
    const rec = { log: [] as string[], notes: [] as string[], errors: [] as string[], shown: [] as string[], params: [] as DecodeTokenParams[], notified: undefined as Promise<unknown> | undefined };
    let settle: (v: unknown) => void = () => undefined;
    rec.notified = new Promise((resolve) => (settle = resolve));
    const deps: CommandDeps = {
      selection: () => o.selection,
      clipboard: async () => o.clipboard ?? '',
      inputBox: async () => o.typed,
      request: async (params) => {
        rec.params.push(params);
        return o.server === false ? undefined : s.client.connection.sendRequest<DecodeTokenResult>('partnerAuthLint/decodeToken', params);
      },
      show: async (markdown) => {
        rec.shown.push(markdown);
        if (rec.shown.length === 2) settle(undefined);
      },
      log: (line) => rec.log.push(line),
      notify: async (message, ...actions) => {
        rec.notes.push([message, ...actions].join(' | '));
        if (!o.notifyChoice) settle(undefined);
        return o.notifyChoice;
      },
      error: (message) => rec.errors.push(message),
      pickJwks: async () => o.jwks,
    };
    return { deps, rec };
  }

  it('clipboard token: decoded by the server, shown verdict first, one log line with 8 characters, nothing more', async () => {
    const { deps, rec } = editor({ clipboard: `Bearer ${token}` });
    const r = await runTokenCommand(deps, 'decode');
    await rec.notified;
    assert.equal(r?.partnerCenter, 'accept');
    assert.deepEqual(rec.params, [{ text: `Bearer ${token}` }]);
    assert.deepEqual(rec.log, [`Decode Token: ${token.slice(0, 8)}… from the clipboard: jwt, Partner Center accept`]);
    assert.deepEqual(rec.notes, [`Partner Center: ACCEPT - amr is [pwd, mfa]: multi-factor authentication: Partner Center accepts this app + user token | ${VERIFY_ACTION}`]);
    assert.deepEqual(rec.errors, []);
    assert.equal(rec.shown.length, 1);
    assert.ok(rec.shown[0].startsWith('**Partner Center: ACCEPT** (`accept`)'));
    assert.ok(rec.shown[0].endsWith(FOOTER));
    assert.deepEqual(leaks([...rec.log, ...rec.notes, ...rec.errors, ...s.client.logs, ...s.client.stderr.split('\n')], token), []);
    assert.ok(!rec.shown[0].includes(token.split('.')[1]) && !rec.shown[0].includes(token.split('.')[2]), 'the report holds no token segment');
  });

  it('a clipboard that holds no token is never sent, shown or logged: the input box is used', async () => {
    const secret = 'Password1-not-a-token-at-all';
    const { deps, rec } = editor({ clipboard: secret, typed: token });
    await runTokenCommand(deps, 'decode');
    await rec.notified;
    assert.deepEqual(rec.params, [{ text: token }]);
    assert.deepEqual(rec.log, [`Decode Token: ${token.slice(0, 8)}… from the input box: jwt, Partner Center accept`]);
    const all = [...rec.log, ...rec.notes, ...rec.errors, ...rec.shown, ...s.client.logs, s.client.stderr].join('\n');
    assert.ok(!all.includes(secret) && !all.includes('Password1'));
  });

  it('the notification\'s "Verify Signature with JWKS File…" re-checks the same input with the chosen JWKS', async () => {
    const { deps, rec } = editor({ selection: token, notifyChoice: VERIFY_ACTION, jwks: jwksText });
    await runTokenCommand(deps, 'decode');
    await rec.notified;
    assert.deepEqual(rec.params, [{ text: token }, { text: token, jwks: jwksText }]);
    assert.deepEqual(rec.log, [
      `Decode Token: ${token.slice(0, 8)}… from the selection: jwt, Partner Center accept`,
      `Decode Token: ${token.slice(0, 8)}… from the selection: jwt, Partner Center accept; signature valid`,
    ]);
    assert.equal(rec.shown[1].split('\n')[2], '**Signature: valid** - signature valid (RS256, kid k1)');
    assert.deepEqual(leaks([...rec.log, ...rec.notes, ...s.client.logs, ...s.client.stderr.split('\n')], token), []);
  });

  it('"Verify Token Signature with JWKS File…" asks for the file first; cancelling sends nothing', async () => {
    const cancelled = editor({ selection: token });
    assert.equal(await runTokenCommand(cancelled.deps, 'verify'), undefined);
    assert.deepEqual([cancelled.rec.params, cancelled.rec.log, cancelled.rec.shown], [[], [], []]);
    const { deps, rec } = editor({ selection: token, jwks: '[]' });
    const r = await runTokenCommand(deps, 'verify');
    assert.deepEqual(r?.signature, { valid: false, reason: 'the JWKS must be a JSON object with a "keys" array' });
    assert.deepEqual(rec.notes, [], 'no second offer after a verification');
  });

  it('from a hover link: sends the document and range, never the token', async () => {
    const text = `$token = "${token}"\n`;
    const uri = s.uri('link.ps1');
    s.client.open(uri, 'powershell', text);
    await s.client.diagnosticsFor(uri);
    const range = rangeOf(text, `"${token}"`);
    const { deps, rec } = editor({});
    const r = await runTokenCommand(deps, 'decode', { uri, range });
    await rec.notified;
    assert.equal(r?.tokenId, `${token.slice(0, 8)}…`);
    assert.deepEqual(rec.params, [{ textDocument: { uri }, range }]);
    assert.deepEqual(rec.log, [`Decode Token: ${token.slice(0, 8)}… from the document: jwt, Partner Center accept`]);
  });

  it('server not running: an error message, and the log names only the source', async () => {
    const { deps, rec } = editor({ clipboard: token, server: false });
    assert.equal(await runTokenCommand(deps, 'decode'), undefined);
    assert.deepEqual(rec.log, ['Decode Token: no answer from the server (input from the clipboard)']);
    assert.deepEqual(rec.errors, ['Partner Auth Lint: the language server did not answer; run "Partner Auth Lint: Restart Server" and try again.']);
  });

  it('nothing of the token ever reached the server log', () => {
    assert.deepEqual(leaks([...s.client.logs, ...s.client.stderr.split('\n')], token), []);
  });
});
