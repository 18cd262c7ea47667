// Token inspection in the editor: the `partnerAuthLint/decodeToken` request and hovers on token-looking
// string literals. Pure and offline: no I/O, no logging (the token never leaves the process), never throws.
import type { Hover, Position } from 'vscode-languageserver';
import { JWT_IN_TEXT } from '../../rules/common/secrets';
import type { Expr, FileModel } from '../../rules/model/types';
import { inspectToken, renderTokenMarkdown, renderTokenText, verifyTokenSignature, type TokenReport } from '../../rules/token/index';
import { recognise } from '../../rules/token/input';
import { Commands, type DecodeTokenParams, type DecodeTokenResult, type LspRange, type TokenLinkArgs } from './protocol';

/** An open document as the server has it: its text, the linter's model (when the file is analysed) and a range. */
export interface TokenSource {
  text: string;
  model?: FileModel;
  start: number;
  end: number;
}

const SAML_ROOT = /<(?:[\w.-]+:)?(?:Assertion|Response|RequestSecurityTokenResponse)\b/;
/** JWKS files are small; a larger file is refused rather than parsed. */
const MAX_JWKS = 1_000_000;

/** The token inside a string value: the JWT in it (also after `Bearer `), else the whole value when it is a SAML assertion. */
export function tokenIn(value: string): { text: string; offset: number } | undefined {
  const m = JWT_IN_TEXT.exec(value);
  if (m) return { text: m[0], offset: m.index };
  if (value.length < 24) return undefined;
  const rec = recognise(value);
  return rec.type === 'xml' && SAML_ROOT.test(rec.xml) ? { text: value, offset: 0 } : undefined;
}

/** A string with parts unknown statically (`Bearer ${x} eyJ…`): a JWT in its source still counts (JWTs need no escapes). */
function jwtInSource(source: string): { text: string; offset: number } | undefined {
  const m = JWT_IN_TEXT.exec(source);
  return m ? { text: m[0], offset: m.index } : undefined;
}

function valueOf(e: Expr): string | undefined {
  return e.value ?? (e.kind === 'string' ? e.text : undefined);
}

/** The smallest string expression of the model that covers [start, end] (end inclusive for a point) and holds a token. */
export function tokenStringAt(model: FileModel, start: number, end: number): { expr: Expr; token: { text: string; offset: number } } | undefined {
  const point = start === end;
  const covering = model.strings
    .filter((s) => s.range.start <= start && (point ? start < s.range.end : end <= s.range.end))
    .sort((a, b) => a.range.end - a.range.start - (b.range.end - b.range.start));
  for (const expr of covering) {
    const value = valueOf(expr);
    const token = value !== undefined ? tokenIn(value) : jwtInSource(model.text.slice(expr.range.start, expr.range.end));
    if (token) return { expr, token };
  }
  return undefined;
}

/** What the decode request inspects: the text sent, else the token in the string literal at the range, else the raw range. */
export function tokenTextOf(params: DecodeTokenParams, source: TokenSource | undefined): string | undefined {
  if (typeof params.text === 'string') return params.text;
  if (!source) return undefined;
  const hit = source.model ? tokenStringAt(source.model, source.start, source.end) : undefined;
  if (hit) return hit.token.text;
  const raw = source.text.slice(source.start, source.end);
  return tokenIn(raw)?.text ?? raw;
}

function withSignature(markdown: string, signature: { valid: boolean; reason: string } | undefined): string {
  if (!signature) return markdown;
  const nl = markdown.indexOf('\n');
  const line = `**Signature: ${signature.valid ? 'valid' : 'NOT valid'}** - ${signature.reason.replace(/[*_`[\]|<\\]/g, (c) => `\\${c}`)}`;
  return `${markdown.slice(0, nl)}\n\n${line}\n${markdown.slice(nl)}`;
}

async function signatureOf(input: string, jwksText: string): Promise<{ valid: boolean; reason: string }> {
  if (jwksText.length > MAX_JWKS) return { valid: false, reason: 'the JWKS file is too large (over 1 MB)' };
  let jwks: unknown;
  try {
    jwks = JSON.parse(jwksText.replace(/^\uFEFF/, ''));
  } catch {
    return { valid: false, reason: 'the JWKS file is not valid JSON' };
  }
  return verifyTokenSignature(input, jwks);
}

function result(report: TokenReport, signature?: { valid: boolean; reason: string }): DecodeTokenResult {
  return {
    input: report.input,
    partnerCenter: report.partnerCenter,
    summary: renderTokenText(report).split('\n')[0],
    tokenId: report.tokenId,
    markdown: withSignature(renderTokenMarkdown(report), signature),
    ...(signature ? { signature } : {}),
  };
}

/** Answer a decode request. `source` is the open document when the request names one. Never throws. */
export async function decodeToken(params: DecodeTokenParams, source: TokenSource | undefined, now = new Date()): Promise<DecodeTokenResult> {
  try {
    const input = tokenTextOf(params ?? {}, source);
    if (input === undefined) {
      const reason = params?.textDocument ? 'the document is not open in the language server' : 'no token was given';
      return result({ ...inspectToken('', { now }), verdictReason: reason, error: { code: 'empty', message: reason } });
    }
    const report = inspectToken(input, { now });
    const signature = typeof params.jwks === 'string' ? await signatureOf(input, params.jwks) : undefined;
    return result(report, signature);
  } catch {
    return result(inspectToken('', { now }));
  }
}

const VERDICT: Record<string, string> = {
  accept: 'would accept',
  'reject-mfa-required': 'would answer 401 MFA required',
  'app-only': 'app-only token (not MFA-checked)',
  'wrong-audience': 'wrong audience',
  expired: 'expired',
  'not-yet-valid': 'not yet valid',
  'not-a-token': 'not a readable token',
};
const MFA: Record<string, string> = { present: 'present', absent: 'absent', unverifiable: 'cannot be verified' };

function esc(s: string): string {
  return s.replace(/[\\`*_{}[\]<>|#]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

function kindOf(r: TokenReport): string {
  if (r.input === 'jwt') return `JWT${r.version ? ` v${r.version}` : ''}, ${r.kind ?? 'unknown kind'}`;
  if (r.input === 'saml') return `SAML${r.saml?.version ? ` ${r.saml.version}` : ''} ${r.saml?.container ?? 'assertion'}`;
  return `unreadable token (${r.error?.code ?? 'invalid'})`;
}

/** The short hover text of a report (kind, audience, user, expiry, MFA, Partner Center) and a link to the full report. */
export function hoverMarkdown(r: TokenReport, link: TokenLinkArgs): string {
  const lines = [`**Partner Auth Lint: ${esc(kindOf(r))}**`, ''];
  if (r.input === 'invalid') {
    lines.push(`- ${esc(r.error?.message ?? r.verdictReason)}`);
  } else {
    const exp = r.times.find((t) => t.name === 'exp' || t.name === 'NotOnOrAfter');
    const aud = r.audience ? (r.audience.name ?? r.audience.value) : 'none';
    const methods = r.input === 'jwt' && r.authMethods.length ? ` (amr: ${r.authMethods.join(', ')})` : '';
    lines.push(
      `- Audience: ${esc(aud)}`,
      `- User: ${esc(r.user ?? (r.kind === 'app-only' ? 'none (app-only)' : 'not named'))}`,
      `- Expiry: ${esc(exp ? exp.relative : 'no expiry claim')}`,
      `- MFA: ${MFA[r.mfa]}${esc(methods)}`,
      `- Partner Center: **${VERDICT[r.partnerCenter]}**`,
    );
  }
  const args = encodeURIComponent(JSON.stringify([link]));
  lines.push('', `[Open the full token report](command:${Commands.decodeToken}?${args} "Decode this token offline")`);
  return lines.join('\n');
}

/**
 * Hover on a token-looking string literal: `offset` is the hovered position; `position` converts offsets.
 * Undefined when the position is not in a string holding a JWT or SAML assertion.
 */
export function tokenHover(model: FileModel, offset: number, uri: string, position: (offset: number) => Position, now = new Date()): Hover | undefined {
  try {
    const hit = tokenStringAt(model, offset, offset);
    if (!hit) return undefined;
    const { expr } = hit;
    // The JWT's own range when it appears verbatim in the source (JWTs need no escapes); else the whole literal.
    const source = model.text.slice(expr.range.start, expr.range.end);
    const at = source.indexOf(hit.token.text);
    const start = at >= 0 ? expr.range.start + at : expr.range.start;
    const end = at >= 0 ? start + hit.token.text.length : expr.range.end;
    const range: LspRange = { start: position(start), end: position(end) };
    const report = inspectToken(hit.token.text, { now });
    const link: TokenLinkArgs = { uri, range: { start: position(expr.range.start), end: position(expr.range.end) } };
    return { contents: { kind: 'markdown', value: hoverMarkdown(report, link) }, range };
  } catch {
    return undefined;
  }
}
