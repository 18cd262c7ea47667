// Read a SAML 1.1/2.0 assertion, SAML response or WS-Fed RSTR with a small tag scanner (no XML dependency).
import type { SamlAttribute, SamlInfo, TokenErrorCode } from './types';

export type SamlParse =
  | { ok: true; info: SamlInfo; status: string | null }
  | { ok: false; code: TokenErrorCode; message: string };

interface El {
  attrs: Record<string, string>;
  inner: string;
}

/** Optional namespace prefix (saml:, saml2:, samlp:, none...). */
const PFX = '(?:[A-Za-z_][\\w.-]*:)?';
const ATTRS = `((?:[^>"']|"[^"]*"|'[^']*')*)`;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (m, e: string) => {
    if (e[0] !== '#') return ENTITIES[e];
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Drop comments, processing instructions and DOCTYPE; turn CDATA into escaped text. */
function prepare(xml: string): string {
  return xml
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, t: string) => escapeText(t))
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\?[\s\S]*?\?>/g, '')
    .replace(/<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>/gi, '');
}

function parseAttrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m[1] === 'xmlns' || m[1].startsWith('xmlns:')) continue;
    const local = m[1].includes(':') ? m[1].slice(m[1].lastIndexOf(':') + 1) : m[1];
    out[local] = decodeEntities(m[2] ?? m[3] ?? '');
  }
  return out;
}

/** Sorted start offsets of every `</qname>` in xml. */
function closeOffsets(xml: string, qname: string): number[] {
  const out: number[] = [];
  const re = new RegExp(`</${qname.replace(/\./g, '\\.')}\\s*>`, 'g');
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(m.index);
  return out;
}

function firstAtOrAfter(sorted: number[], pos: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length ? sorted[lo] : -1;
}

/**
 * Elements with this local name (any prefix). Same-name elements nested inside a match are skipped, so the
 * inner texts never overlap and a scan stays linear; an element without a closing tag is treated as empty.
 */
function findAll(xml: string, local: string): El[] {
  const out: El[] = [];
  const closes = new Map<string, number[]>();
  const re = new RegExp(`<(${PFX}${local})(?=[\\s/>])${ATTRS}>`, 'g');
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const attrText = m[2];
    const start = m.index + m[0].length;
    if (attrText.trimEnd().endsWith('/')) {
      out.push({ attrs: parseAttrs(attrText.replace(/\/\s*$/, '')), inner: '' });
      continue;
    }
    let list = closes.get(m[1]);
    if (!list) closes.set(m[1], (list = closeOffsets(xml, m[1])));
    const close = firstAtOrAfter(list, start);
    out.push({ attrs: parseAttrs(attrText), inner: close < 0 ? '' : xml.slice(start, close) });
    if (close >= 0) re.lastIndex = close;
  }
  return out;
}

function textOf(el: El | undefined): string | null {
  if (!el) return null;
  const t = decodeEntities(el.inner.replace(/<[^>]*>/g, '')).trim();
  return t === '' ? null : t;
}

function rootName(xml: string): string {
  const m = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(xml);
  return m ? m[2] : '';
}

const NON_ASSERTIONS: Record<string, string> = {
  AuthnRequest: 'a SAML AuthnRequest (a sign-in request), not an assertion',
  LogoutRequest: 'a SAML LogoutRequest, not an assertion',
  LogoutResponse: 'a SAML LogoutResponse, not an assertion',
  EntityDescriptor: 'SAML federation metadata, not an assertion',
  EntitiesDescriptor: 'SAML federation metadata, not an assertion',
};

export function parseSaml(raw: string): SamlParse {
  const doc = prepare(raw);
  const root = rootName(doc);
  const statusCode = findAll(doc, 'StatusCode')[0]?.attrs.Value ?? null;
  const status = statusCode ? statusCode.replace(/^urn:oasis:names:tc:SAML:2\.0:status:/, '') : null;
  const assertion = findAll(doc, 'Assertion')[0];
  if (!assertion) {
    if (/<(?:[\w.-]+:)?(EncryptedAssertion|EncryptedData)[\s>]/.test(doc))
      return { ok: false, code: 'saml-encrypted', message: "the SAML assertion is encrypted (EncryptedAssertion): its claims cannot be read without the service provider's private key, so MFA cannot be evaluated; this is not a compliance failure" };
    if (NON_ASSERTIONS[root]) return { ok: false, code: 'saml-unreadable', message: `not a token: this is ${NON_ASSERTIONS[root]}` };
    if (root === 'Response' || root === 'RequestSecurityTokenResponse' || root === 'RequestSecurityTokenResponseCollection')
      return { ok: false, code: 'saml-unreadable', message: `a SAML/WS-Fed ${root} without an assertion${status ? ` (status ${status})` : ''}` };
    return { ok: false, code: 'saml-unreadable', message: root ? `an XML document (<${root}>) without a SAML assertion` : 'the input starts with "<" but is not an XML document' };
  }

  const a = assertion.attrs;
  const version: SamlInfo['version'] = a.Version === '2.0' ? '2.0' : a.MajorVersion === '1' ? (a.MinorVersion === '0' ? '1.0' : '1.1') : null;
  const inner = assertion.inner;
  const conditions = findAll(inner, 'Conditions')[0]?.attrs ?? {};
  const statementMethods = [
    ...findAll(inner, 'AuthenticationStatement').map((e) => e.attrs.AuthenticationMethod),
    ...findAll(inner, 'AuthnContextClassRef').map((e) => textOf(e)),
    ...findAll(inner, 'AuthnContextDeclRef').map((e) => textOf(e)),
  ].filter((v): v is string => typeof v === 'string' && v !== '');
  const attributes: SamlAttribute[] = findAll(inner, 'Attribute').map((e) => {
    const ns = e.attrs.AttributeNamespace;
    const name = e.attrs.Name ?? (ns && e.attrs.AttributeName ? `${ns.replace(/\/+$/, '')}/${e.attrs.AttributeName}` : e.attrs.AttributeName ?? '(unnamed)');
    const values = findAll(e.inner, 'AttributeValue').map((v) => textOf(v) ?? '');
    return { name, values };
  });
  const info: SamlInfo = {
    version,
    container: root || 'Assertion',
    issuer: textOf(findAll(inner, 'Issuer')[0]) ?? a.Issuer ?? null,
    subject: textOf(findAll(inner, 'NameID')[0]) ?? textOf(findAll(inner, 'NameIdentifier')[0]),
    audiences: findAll(inner, 'Audience').map((e) => textOf(e)).filter((v): v is string => v !== null),
    notBefore: conditions.NotBefore ?? null,
    notOnOrAfter: conditions.NotOnOrAfter ?? null,
    statementMethods,
    attributes,
    signed: new RegExp(`<${PFX}Signature[\\s>]`).test(doc),
  };
  return { ok: true, info, status };
}
