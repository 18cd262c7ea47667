// The "Decode Token" and "Verify Token Signature with JWKS File…" commands without the vscode API (the editor
// wiring is in tokenReport.ts), so the input choice and everything written to the output channel are unit-tested.
import { recognise } from '../../rules/token/input';
import type { DecodeTokenParams, DecodeTokenResult, TokenLinkArgs } from '../../server/lsp/protocol';

export type InputSource = 'selection' | 'clipboard' | 'input box' | 'document';

export interface TokenInput {
  source: InputSource;
  text: string;
}

/** What the command may read. The clipboard is read only when there is no selection. */
export interface InputReaders {
  /** Text of the active editor's selection; empty or undefined when nothing is selected. */
  selection(): string | undefined;
  clipboard(): Thenable<string>;
  /** A password-masked input box; undefined when cancelled. */
  inputBox(): Thenable<string | undefined>;
}

const SAML_ROOT = /<(?:[\w.-]+:)?(?:Assertion|Response|RequestSecurityTokenResponse)\b/;

/**
 * True when `text` holds a token the inspector can read: a JWT (also JWE, `Bearer …`, an Authorization header,
 * a token response) or a SAML assertion. Uses the inspector's own input recognition (rules/token/input.ts).
 */
export function looksLikeToken(text: string | undefined): boolean {
  if (!text || text.length > 2_000_000) return false;
  try {
    const rec = recognise(text);
    if (rec.type === 'compact') return true;
    return rec.type === 'xml' && SAML_ROOT.test(rec.xml);
  } catch {
    return false;
  }
}

/** Selection, else the clipboard when it holds a token (never shown or logged otherwise), else the input box. */
export async function chooseTokenInput(read: InputReaders): Promise<TokenInput | undefined> {
  const selected = read.selection();
  if (selected && selected.trim() !== '') return { source: 'selection', text: selected };
  let clip = '';
  try {
    clip = await read.clipboard();
  } catch {
    clip = '';
  }
  if (looksLikeToken(clip)) return { source: 'clipboard', text: clip };
  const typed = await read.inputBox();
  return typed && typed.trim() !== '' ? { source: 'input box', text: typed } : undefined;
}

/**
 * The language client traces request parameters at `verbose` (and `compact`) into the output channel: a token
 * sent as text would land there whole. True when the trace level must be lowered while such a request runs.
 */
export function traceShowsParams(setting: unknown): boolean {
  const level = typeof setting === 'string' ? setting : setting && typeof setting === 'object' ? (setting as { verbosity?: unknown }).verbosity : undefined;
  return level === 'verbose' || level === 'compact';
}

/** The one line the output channel gets per decode: at most the first 8 characters of the token. */
export function logLine(source: InputSource, r: DecodeTokenResult): string {
  const id = r.tokenId ? `${r.tokenId.slice(0, 8)}…` : 'no readable token';
  const sig = r.signature ? `; signature ${r.signature.valid ? 'valid' : 'not valid'}` : '';
  return `Decode Token: ${id} from the ${source}: ${r.input}, Partner Center ${r.partnerCenter}${sig}`;
}

export const VERIFY_ACTION = 'Verify Signature with JWKS File…';
export const FOOTER =
  '\n---\n\n_Decoded offline by Partner Auth Lint: the token was not sent over the network, written to disk or logged. ' +
  'To check its signature, run **Partner Auth Lint: Verify Token Signature with JWKS File…** (signatures of Microsoft Graph tokens cannot be verified by third parties)._\n';

export interface CommandDeps extends InputReaders {
  /** Send `partnerAuthLint/decodeToken`; undefined when the server is not running. */
  request(params: DecodeTokenParams): Promise<DecodeTokenResult | undefined | null>;
  /** Open the report (Markdown) in a read-only editor tab. */
  show(markdown: string, result: DecodeTokenResult): Thenable<void>;
  /** The output channel. */
  log(line: string): void;
  /** A notification with actions; resolves with the chosen one. */
  notify(message: string, ...actions: string[]): Thenable<string | undefined>;
  error(message: string): void;
  /** Let the user choose a JWKS file and return its text; undefined when cancelled. */
  pickJwks(): Thenable<string | undefined>;
}

export type Mode = 'decode' | 'verify';

async function inspect(deps: CommandDeps, source: InputSource, params: DecodeTokenParams): Promise<DecodeTokenResult | undefined> {
  let r: DecodeTokenResult | undefined | null;
  try {
    r = await deps.request(params);
  } catch {
    r = undefined;
  }
  if (!r) {
    deps.error('Partner Auth Lint: the language server did not answer; run "Partner Auth Lint: Restart Server" and try again.');
    deps.log(`Decode Token: no answer from the server (input from the ${source})`);
    return undefined;
  }
  deps.log(logLine(source, r));
  await deps.show(r.markdown + FOOTER, r);
  return r;
}

async function verify(deps: CommandDeps, source: InputSource, params: DecodeTokenParams): Promise<DecodeTokenResult | undefined> {
  const jwks = await deps.pickJwks();
  if (jwks === undefined) return undefined;
  return inspect(deps, source, { ...params, jwks });
}

/**
 * Run a command: from a hover link (`link`: document + range, the server re-reads the token), else from the
 * selection, the clipboard or the input box. A decoded JWT is followed by a notification that offers the
 * opt-in signature check with the same input (held only until the notification closes).
 */
export async function runTokenCommand(deps: CommandDeps, mode: Mode, link?: TokenLinkArgs): Promise<DecodeTokenResult | undefined> {
  let source: InputSource;
  let params: DecodeTokenParams;
  if (link && typeof link.uri === 'string' && link.range) {
    source = 'document';
    params = { textDocument: { uri: link.uri }, range: link.range };
  } else {
    const input = await chooseTokenInput(deps);
    if (!input) return undefined;
    source = input.source;
    params = { text: input.text };
  }
  if (mode === 'verify') return verify(deps, source, params);
  const r = await inspect(deps, source, params);
  if (r?.input === 'jwt') {
    void Promise.resolve(deps.notify(r.summary, VERIFY_ACTION)).then((choice) => (choice === VERIFY_ACTION ? verify(deps, source, params) : undefined), () => undefined);
  }
  return r;
}
