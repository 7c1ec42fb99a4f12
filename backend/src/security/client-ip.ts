/**
 * The client address a per-IP limit is keyed by. `req.ip` already honours Express
 * `trust proxy` (TRUST_PROXY_HOPS): X-Forwarded-For is believed only for the configured hops.
 * IPv4-mapped IPv6 addresses count as the IPv4 address; other IPv6 addresses are grouped by
 * their /64 prefix (one subscriber usually owns a whole /64, so per-address limits would be
 * trivial to dodge).
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { Request } from 'express';

export function clientIp(req: Request): string {
  return ipBucket(req.ip ?? req.socket?.remoteAddress ?? '');
}

export function ipBucket(raw: string): string {
  const ip = raw.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (isIPv4(ip)) return ip;
  if (isIPv6(ip)) return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
  return 'unknown';
}

/** Eight 4-digit lowercase groups (zone id dropped, embedded IPv4 turned into two groups). */
function expandIPv6(ip: string): string[] {
  let addr = ip.split('%')[0]!.toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(addr);
  if (v4) {
    const [a, b, c, d] = v4[1]!.split('.').map(Number) as [number, number, number, number];
    addr =
      addr.slice(0, -v4[1]!.length) +
      `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = addr.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((g) => g.padStart(4, '0'));
}
