// Token inspection over LSP: hovers on token-looking string literals, the `partnerAuthLint/decodeToken`
// request (text, document + range, JWKS), the no-stored-credentials message, and nothing of a token logged.
import assert from 'node:assert/strict';
import { inspectToken, renderTokenMarkdown } from '../../rules/token/index';
import { useServer } from './build';
import { positionAt, rangeOf } from './cases';
import { b64, jwks, jwt, NOW_S as FIXTURE_NOW_S, saml2, v1, v2 } from '../token/fixtures';

// Tokens relative to the real clock (the server compares with it): relative times are whole units.
const NOW_S = Math.floor(Date.now() / 1000);
const live = (over: Record<string, unknown> = {}) => v1({ iat: NOW_S - 600, nbf: NOW_S - 600, exp: NOW_S + 3 * 86400, ...over });

type Hover = { contents: { kind: string; value: string }; range: unknown } | null;
type Decoded = { input: string; partnerCenter: string; summary: string; tokenId: string | null; markdown: string; signature?: { valid: boolean; reason: string } };

const commandLink = (uri: string, range: unknown) =>
  `[Open the full token report](command:partnerAuthLint.decodeToken?${encodeURIComponent(JSON.stringify([{ uri, range }]))} "Decode this token offline")`;

/** Every 9-character window of a token: a log line may hold at most its first 8 characters. */
function leaks(lines: string[], token: string): string[] {
  return lines.filter((l) => {
    for (let i = 0; i + 9 <= token.length; i++) if (l.includes(token.slice(i, i + 9))) return true;
    return false;
  });
}

describe('language server: token hovers and the decode request', function () {
  this.timeout(60000);
  const s = useServer();
  let pc: string;
  let graphApp: string;
  let samlB64: string;
  let js: string;
  let jsUri: string;

  before(async () => {
    pc = await jwt(live());
    graphApp = await jwt(live({ aud: 'https://graph.microsoft.com', idtyp: 'app', roles: ['User.Read.All'], scp: undefined, amr: undefined, upn: undefined, unique_name: undefined, exp: NOW_S - 60 * 86400, iat: NOW_S - 60 * 86400 - 3600, nbf: NOW_S - 60 * 86400 - 3600 }));
    samlB64 = b64(saml2({ notOnOrAfter: NOW_S - FIXTURE_NOW_S + 2 * 86400 }));
    js = `const headers = { Authorization: "Bearer ${pc}" };\nconst greeting = 'hello world, this is not a token at all';\nconst assertion = '${samlB64}';\nfetch(url, { headers });\n`;
    jsUri = s.uri('call.js');
    s.client.open(jsUri, 'javascript', js);
    await s.client.diagnosticsFor(jsUri);
  });

  const hover = (uri: string, text: string, offset: number) =>
    s.client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: positionAt(text, offset) });
  const decode = (params: Record<string, unknown>) => s.client.connection.sendRequest<Decoded>('partnerAuthLint/decodeToken', params);

  it('advertises hovers', () => {
    assert.equal(s.client.capabilities.hoverProvider, true);
  });

  it('hovers a JWT in a string literal: kind, audience, user, expiry, MFA, verdict and a link that names the range, not the token', async () => {
    const literal = `"Bearer ${pc}"`;
    const h = await hover(jsUri, js, js.indexOf(pc) + 100);
    assert.deepEqual(h, {
      contents: {
        kind: 'markdown',
        value: [
          '**Partner Auth Lint: JWT v1.0, app+user**',
          '',
          '- Audience: Partner Center API',
          '- User: agent@contoso.onmicrosoft.com',
          '- Expiry: expires in 3 days',
          '- MFA: present (amr: pwd, mfa)',
          '- Partner Center: **would accept**',
          '',
          commandLink(jsUri, rangeOf(js, literal)),
        ].join('\n'),
      },
      range: rangeOf(js, pc),
    });
    assert.ok(!h!.contents.value.includes(pc.split('.')[1].slice(0, 9)), 'the hover does not carry the token');
  });

  it('hovers a base64 SAML assertion, and nothing on other strings or outside strings', async () => {
    const h = await hover(jsUri, js, js.indexOf(samlB64) + 5);
    assert.deepEqual(h, {
      contents: {
        kind: 'markdown',
        value: [
          '**Partner Auth Lint: SAML 2.0 Response**',
          '',
          '- Audience: https://sp.contoso.com/',
          '- User: agent@contoso.com',
          '- Expiry: expires in 2 days',
          '- MFA: absent',
          '- Partner Center: **would answer 401 MFA required**',
          '',
          commandLink(jsUri, rangeOf(js, `'${samlB64}'`)),
        ].join('\n'),
      },
      range: rangeOf(js, samlB64),
    });
    assert.equal(await hover(jsUri, js, js.indexOf('hello world') + 3), null);
    assert.equal(await hover(jsUri, js, js.indexOf('fetch') + 1), null);
    assert.equal(await hover(s.uri('not-open.js'), js, 0), null);
  });

  it('hovers a SAML assertion in a file no rule has words for (linted without parsing; parsed when the hover asks)', async () => {
    const plain = `const assertion = '${samlB64}';\nmodule.exports = { assertion };\n`;
    const uri = s.uri('plain.js');
    s.client.open(uri, 'javascript', plain);
    assert.deepEqual(await s.client.diagnosticsFor(uri), []);
    const [a, b] = await Promise.all([hover(uri, plain, plain.indexOf(samlB64) + 5), hover(uri, plain, plain.indexOf(samlB64) + 9)]);
    assert.equal(a?.contents && (a.contents as { value: string }).value.split('\n')[0], '**Partner Auth Lint: SAML 2.0 Response**');
    assert.deepEqual(b, a, 'concurrent hovers share the one parse');
  });

  it('hovers an expired app-only Graph token in Python with its verdict', async () => {
    const py = `import requests\n\nTOKEN = '${graphApp}'\n`;
    const uri = s.uri('graph.py');
    s.client.open(uri, 'python', py);
    const h = await hover(uri, py, py.indexOf(graphApp) + 1);
    assert.equal(h!.contents.value.split('\n').slice(0, 7).join('\n'), [
      '**Partner Auth Lint: JWT v1.0, app-only**',
      '',
      '- Audience: Microsoft Graph',
      '- User: none (app-only)',
      '- Expiry: expired 60 days ago',
      '- MFA: absent',
      '- Partner Center: **expired**',
    ].join('\n'));
  });

  it('hovers a JWT inside TypeScript and C# interpolated strings whose other parts are unknown, and in .env', async () => {
    for (const [file, languageId, text] of [
      ['call.ts', 'typescript', `const auth = \`Bearer \${prefix}${pc}\`;\n`],
      ['Auth.cs', 'csharp', `class A { string Header = $"Bearer {x}${pc}"; }\n`],
      ['.env', 'plaintext', `PARTNER_TOKEN=${pc}\n`],
    ]) {
      const uri = s.uri(file);
      s.client.open(uri, languageId, text);
      const h = await hover(uri, text, text.indexOf(pc) + 500);
      assert.equal(h?.contents.value.split('\n')[0], '**Partner Auth Lint: JWT v1.0, app+user**', file);
      assert.deepEqual(h?.range, rangeOf(text, pc), file);
    }
  });

  it('says in the no-stored-credentials message what the committed token is and when it expires, without echoing it', async () => {
    const py = `TOKEN = '${graphApp}'\nheaders = {"Authorization": "Bearer ${pc}"}\n`;
    const uri = s.uri('stored.py');
    s.client.open(uri, 'python', py);
    const d = await s.client.diagnosticsFor(uri);
    const why = 'Partner credentials must never be stored in code, config or plain files: read it at run time from Key Vault (or a pipeline secret / environment variable).';
    assert.deepEqual(d.map((x) => [x.code, x.range, x.message]), [
      ['no-stored-credentials', rangeOf(py, `'${graphApp}'`), `Hard-coded access token 'ey…' (${graphApp.length} chars) (JWT: app-only, audience Microsoft Graph, expired 60 days ago) in \`TOKEN\`. ${why}`],
      ['no-stored-credentials', rangeOf(py, `"Bearer ${pc}"`), `Access token (JWT: app+user, audience Partner Center API, expires in 3 days) stored in a string literal. Tokens are credentials: anyone holding it can call the API until it expires. ${why}`],
    ]);
  });

  it('decodes text sent by the client: the report is the core inspector\'s Markdown, verdict first', async () => {
    const r = await decode({ text: `Authorization: Bearer ${pc}` });
    const expected = renderTokenMarkdown(inspectToken(`Authorization: Bearer ${pc}`));
    assert.deepEqual(r, {
      input: 'jwt',
      partnerCenter: 'accept',
      summary: 'Partner Center: ACCEPT - amr is [pwd, mfa]: multi-factor authentication: Partner Center accepts this app + user token',
      tokenId: `${pc.slice(0, 8)}…`,
      markdown: expected,
    });
    assert.ok(r.markdown.startsWith('**Partner Center: ACCEPT** (`accept`) - amr is \\[pwd, mfa\\]'));
    assert.ok(r.markdown.includes('\n| `amr` | pwd, mfa | Authentication methods of the sign-in (v1 only); Partner Center looks for mfa here'));
  });

  it('decodes by document and range (a hover link): the server re-reads the string literal itself', async () => {
    const byRange = await decode({ textDocument: { uri: jsUri }, range: rangeOf(js, `"Bearer ${pc}"`) });
    assert.deepEqual(byRange, await decode({ text: pc }));
    const saml = await decode({ textDocument: { uri: jsUri }, range: rangeOf(js, `'${samlB64}'`) });
    assert.equal(saml.input, 'saml');
    assert.equal(saml.partnerCenter, 'reject-mfa-required');
    assert.equal(saml.tokenId, `${samlB64.slice(0, 8)}…`);
    const missing = await decode({ textDocument: { uri: s.uri('closed.js') }, range: rangeOf(js, `"Bearer ${pc}"`) });
    assert.deepEqual([missing.input, missing.partnerCenter, missing.summary, missing.tokenId], ['invalid', 'not-a-token', 'Partner Center: NOT A TOKEN - the document is not open in the language server', null]);
  });

  it('checks the signature only with a JWKS given by the client (opt-in), after the verdict', async () => {
    const right = await decode({ text: pc, jwks: JSON.stringify(await jwks('right')) });
    assert.deepEqual(right.signature, { valid: true, reason: 'signature valid (RS256, kid k1)' });
    assert.deepEqual(right.markdown.split('\n').slice(1, 4), ['', '**Signature: valid** - signature valid (RS256, kid k1)', '']);
    const wrong = await decode({ text: pc, jwks: JSON.stringify(await jwks('wrong')) });
    assert.deepEqual(wrong.signature, { valid: false, reason: 'signature does not match the key' });
    const bad = await decode({ text: pc, jwks: '{ not json' });
    assert.deepEqual(bad.signature, { valid: false, reason: 'the JWKS file is not valid JSON' });
    const none = await decode({ text: pc });
    assert.equal(none.signature, undefined);
  });

  it('explains unreadable input and never fails the request', async () => {
    const v2Token = await jwt(v2({ iat: NOW_S - 600, nbf: NOW_S - 600, exp: NOW_S + 3600 }));
    assert.equal((await decode({ text: v2Token })).summary.split(' - ')[0], 'Partner Center: REJECT (MFA required)');
    const garbage = await decode({ text: 'this is not a token' });
    assert.deepEqual([garbage.input, garbage.partnerCenter, garbage.tokenId], ['invalid', 'not-a-token', null]);
    const empty = await decode({});
    assert.equal(empty.summary, 'Partner Center: NOT A TOKEN - no token was given');
    assert.ok(s.client.alive);
  });

  it('wrote nothing of any token to the client log or stderr', () => {
    const out = [...s.client.logs, ...s.client.messages.map((m) => m.message), ...s.client.stderr.split('\n')];
    for (const t of [pc, graphApp, samlB64]) assert.deepEqual(leaks(out, t), []);
  });
});
