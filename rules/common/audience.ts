// Which API a scope or resource string names: `https://api.partnercenter.microsoft.com/.default`,
// `…/user_impersonation`, a bare resource URI or an application id. Built on token/tables audienceInfo().
import { audienceInfo } from '../token/tables';
import type { AudienceInfo } from '../token/types';

/** Stands for an unknown part in approximate string text (same character as engine/resolve UNKNOWN). */
const UNKNOWN = '\uFFFC';
const ORIGIN = /^([a-z][a-z0-9+.-]*:\/\/[^/?#\s]+)(\/.*)?$/i;
const APP_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\/.*)?$/i;

/**
 * The well-known audience of one scope or resource (`<resource>/.default`, `<resource>/<permission>`,
 * `<resource>`, `<app id>/.default`), or undefined. Text after an unknown part (U+FFFC) is ignored, but
 * the host (or app id) must be complete: `https://api.partnercenter.microsoft.com/￼` still names Partner Center.
 */
export function audienceOfScope(scope: string): AudienceInfo | undefined {
  let t = scope.trim().replace(/^['"]+|['"]+$/g, '');
  const cut = t.indexOf(UNKNOWN);
  const partial = cut >= 0;
  if (partial) t = t.slice(0, cut);
  const known = (candidate: string) => {
    const info = audienceInfo(candidate);
    return info.name !== null ? info : undefined;
  };
  const url = ORIGIN.exec(t);
  if (url && (!partial || url[2] !== undefined)) {
    if (!partial) {
      const whole = known(t);
      if (whole) return whole;
    }
    return known(url[1]);
  }
  const id = APP_ID.exec(t);
  if (id && (!partial || id[2] !== undefined)) return known(id[1]);
  return undefined;
}

/** Audiences named in a scope list (`scope=a b`, `"a,b"`), in order. */
export function audiencesIn(text: string): AudienceInfo[] {
  const out: AudienceInfo[] = [];
  for (const token of text.split(/[\s,;]+/)) {
    const info = token ? audienceOfScope(token) : undefined;
    if (info) out.push(info);
  }
  return out;
}
