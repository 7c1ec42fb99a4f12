import { addressList } from '../../../src/config/lists';
import { addressMatcher, trustProxy } from '../../../src/security/trusted-proxies';

describe('addressList (TRUSTED_PROXIES)', () => {
  it('expands presets, turns bare IPs into /32 or /128 and reports what is not an address', () => {
    expect(addressList('loopback, 10.1.2.3, 172.18.0.0/16, 2001:db8::/32, fe80::1')).toEqual({
      entries: [
        '127.0.0.0/8',
        '::1/128',
        '10.1.2.3/32',
        '172.18.0.0/16',
        '2001:db8::/32',
        'fe80::1/128',
      ],
      invalid: [],
    });
    expect(addressList('').entries).toEqual([]);
    expect(
      addressList('proxy.internal, 10.0.0.0/33, 1.2.3, ::1/129, 10.0.0.0/8/1, 10.0.0.0/x').invalid,
    ).toEqual(['proxy.internal', '10.0.0.0/33', '1.2.3', '::1/129', '10.0.0.0/8/1', '10.0.0.0/x']);
  });
});

describe('addressMatcher', () => {
  const m = addressMatcher(addressList('loopback, 10.0.0.0/8, 2001:db8::/32').entries);

  it('matches addresses inside the configured ranges, IPv4-mapped IPv6 included', () => {
    for (const a of [
      '127.0.0.1',
      '127.9.9.9',
      '::1',
      '::ffff:127.0.0.1',
      '10.200.0.1',
      '::FFFF:10.0.0.1',
      '2001:db8:1::5',
    ])
      expect([a, m(a)]).toEqual([a, true]);
  });

  it('does not match anything else, nor garbage', () => {
    for (const a of [
      '11.0.0.1',
      '192.168.1.1',
      '::2',
      '2001:db9::1',
      '::ffff:11.0.0.1',
      '',
      'unknown',
      '10.0.0.1, 1.2.3.4',
    ])
      expect([a, m(a)]).toEqual([a, false]);
  });

  it('an empty list trusts nobody', () => {
    expect(addressMatcher([])('127.0.0.1')).toBe(false);
  });
});

describe('trustProxy (Express trust proxy function)', () => {
  const proxy = addressMatcher(['10.0.0.2/32']);

  it('believes X-Forwarded-For only when the peer is a trusted proxy', () => {
    const trust = trustProxy(1, proxy);
    // hop 0 is the TCP peer.
    expect(trust('10.0.0.2', 0)).toBe(true);
    expect(trust('203.0.113.9', 0)).toBe(false);
    // Never more hops than TRUST_PROXY_HOPS, even from a trusted address.
    expect(trust('10.0.0.2', 1)).toBe(false);
  });

  it('TRUST_PROXY_HOPS=0 trusts nobody, and more hops need each one to be a proxy', () => {
    expect(trustProxy(0, proxy)('10.0.0.2', 0)).toBe(false);
    const two = trustProxy(2, proxy);
    expect(two('10.0.0.2', 1)).toBe(true);
    expect(two('198.51.100.1', 1)).toBe(false);
  });
});
