// Time helpers: Unix seconds to UTC ISO text and human relative phrases ("expires in 52 minutes").
import type { TimeInfo } from './types';

/** Clock skew tolerated for exp/nbf checks, in seconds (Microsoft.IdentityModel default: 5 minutes). */
export const CLOCK_SKEW_SECONDS = 300;

export function toIso(epochSeconds: number): string | null {
  const ms = epochSeconds * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return null;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** A duration in the coarsest sensible unit: "45 seconds", "52 minutes", "3 hours", "12 days". */
export function span(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 90) return plural(Math.round(s), 'second');
  const minutes = Math.round(s / 60);
  if (minutes < 90) return plural(minutes, 'minute');
  const hours = Math.round(s / 3600);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.round(s / 86400), 'day');
}

type Phrase = { past: (d: string) => string; future: (d: string) => string };

const PHRASES: Record<string, Phrase> = {
  exp: { past: (d) => `expired ${d} ago`, future: (d) => `expires in ${d}` },
  nbf: { past: (d) => `valid since ${d} ago`, future: (d) => `not valid for another ${d}` },
  iat: { past: (d) => `issued ${d} ago`, future: (d) => `issued ${d} in the future (clock skew?)` },
  auth_time: { past: (d) => `signed in ${d} ago`, future: (d) => `sign-in ${d} in the future (clock skew?)` },
  NotOnOrAfter: { past: (d) => `expired ${d} ago`, future: (d) => `expires in ${d}` },
  NotBefore: { past: (d) => `valid since ${d} ago`, future: (d) => `not valid for another ${d}` },
};

export function relative(name: string, epochSeconds: number, nowSeconds: number): string {
  const diff = epochSeconds - nowSeconds;
  const phrase = PHRASES[name] ?? { past: (d: string) => `${d} ago`, future: (d: string) => `in ${d}` };
  return diff <= 0 ? phrase.past(span(diff)) : phrase.future(span(diff));
}

/** A time claim (Unix seconds as number or numeric string) described against `now`. */
export function timeInfo(name: string, value: unknown, nowSeconds: number): TimeInfo {
  const epoch = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  const iso = Number.isFinite(epoch) ? toIso(epoch) : null;
  if (iso === null) return { name, epoch: null, iso: null, relative: 'not a valid time (expected Unix seconds)' };
  return { name, epoch, iso, relative: relative(name, epoch, nowSeconds) };
}

/** An ISO date-time attribute (SAML NotBefore/NotOnOrAfter) described against `now`. */
export function isoTimeInfo(name: string, value: string, nowSeconds: number): TimeInfo {
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) return { name, epoch: null, iso: null, relative: 'not a valid date-time' };
  const epoch = Math.floor(ms / 1000);
  return { name, epoch, iso: toIso(epoch), relative: relative(name, epoch, nowSeconds) };
}
