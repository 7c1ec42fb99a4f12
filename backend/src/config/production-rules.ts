/**
 * What NODE_ENV=production requires beyond the schema. Each rule returns the problem, phrased to
 * follow the variable's name, or null.
 */
import type { Rule } from './declare';

/** Values that must never reach production (copied from .env.example or left empty). */
export const PLACEHOLDER =
  /^(|change[-_ ]?me.*|replace[-_ ]?me.*|placeholder|xxx+|dev[-_].*|test[-_].*|secret|token)$/i;

/** Not empty, not a placeholder, at least `min` characters. */
export function realSecret(min: number, why = ''): Rule<string> {
  return (s) => {
    if (PLACEHOLDER.test(s)) return 'is missing or a placeholder';
    if (s.length < min) return `must be at least ${min} characters${why}`;
    return null;
  };
}

/** An optional secret: empty is fine, anything else must be a real secret. */
export function emptyOrRealSecret(min: number): Rule<string> {
  const real = realSecret(min);
  return (s) => (s === '' ? null : real(s));
}

/** Every entry (already trimmed) at least `min` characters and not a placeholder. */
export function realSecrets(min: number): Rule<readonly string[]> {
  return (list) =>
    list.some((k) => k.length < min || PLACEHOLDER.test(k))
      ? `entries must be at least ${min} characters (spaces around them do not count) and not placeholders`
      : null;
}

/** 127.0.0.0/8 and ::1 as the WHATWG URL parser writes them. */
function isLoopback(hostname: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname) || hostname === '[::1]';
}

/**
 * https://, or http:// to a loopback address (a local fake or egress proxy: the traffic never
 * leaves the machine). Anything else would send the access token in clear over a network.
 */
export const httpsUnlessLoopback: Rule<string> = (url) => {
  const u = new URL(url);
  if (u.protocol === 'https:' || (u.protocol === 'http:' && isLoopback(u.hostname))) return null;
  return 'must be an https:// URL (http:// only to a loopback address such as 127.0.0.1)';
};
