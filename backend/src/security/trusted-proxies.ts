/**
 * Which peers may speak for someone else. X-Forwarded-For is believed only when the address that
 * handed it over is a configured proxy (TRUSTED_PROXIES: CIDRs, read by config/lists.ts), and for at
 * most TRUST_PROXY_HOPS hops: a client that reaches the app port directly is its own TCP address,
 * whatever header it sends, so it can neither dodge a per-IP limit nor spend someone else's.
 */
import { BlockList, isIPv4 } from 'node:net';

/** True when `address` (as Node reports a peer, IPv4-mapped IPv6 included) is in the set. */
export type AddressMatcher = (address: string) => boolean;

/** A matcher for CIDRs such as '127.0.0.0/8' and '::1/128'. Empty list → matches nothing. */
export function addressMatcher(cidrs: readonly string[]): AddressMatcher {
  if (cidrs.length === 0) return () => false;
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [net = '', bits = ''] = cidr.split('/');
    list.addSubnet(net, Number(bits), isIPv4(net) ? 'ipv4' : 'ipv6');
  }
  return (address) => {
    const ip = unmapped(address.trim());
    try {
      return list.check(ip, isIPv4(ip) ? 'ipv4' : 'ipv6');
    } catch {
      return false; // not an IP at all
    }
  };
}

/**
 * Express `trust proxy` function: hop 0 is the TCP peer, hop 1 the last X-Forwarded-For entry, and
 * so on. A hop is trusted (and the address before it believed) only while it is a configured proxy
 * and fewer than `hops` hops were trusted already.
 */
export function trustProxy(
  hops: number,
  trusted: AddressMatcher,
): (address: string, hop: number) => boolean {
  return (address, hop) => hop < hops && trusted(address);
}

function unmapped(ip: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return m ? m[1]! : ip;
}
