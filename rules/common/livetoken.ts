// What a live token committed to source says about itself (kind, audience, expiry), for finding messages.
// Built on the offline token inspector; never returns any part of the token.
import { inspectToken } from '../token/index';
import { JWT_IN_TEXT } from './secrets';

/**
 * "app+user, audience Partner Center, expires in 3 days" for the first JWT in `value` ("expired 2 months ago"
 * once past `exp`, relative to `now`); undefined when `value` holds no readable JWT.
 */
export function liveTokenFacts(value: string, now: Date = new Date()): string | undefined {
  const m = JWT_IN_TEXT.exec(value);
  if (!m) return undefined;
  const r = inspectToken(m[0], { now });
  if (r.input !== 'jwt') return undefined;
  const exp = r.times.find((t) => t.name === 'exp');
  return [
    r.kind ?? 'unknown kind',
    r.audience ? `audience ${r.audience.name ?? clip(r.audience.value)}` : 'no audience',
    exp?.iso ? exp.relative : 'no expiry',
  ].join(', ');
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}
