import { ipBucket } from '../../../src/security/client-ip';

describe('ipBucket (key of the per-IP limits)', () => {
  it('keeps IPv4 addresses and unwraps IPv4-mapped IPv6', () => {
    expect(ipBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(ipBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(ipBucket('::FFFF:10.0.0.1')).toBe('10.0.0.1');
  });

  it('groups IPv6 addresses by /64, however they are written', () => {
    const a = ipBucket('2001:db8:85a3:1:aaaa:bbbb:cccc:dddd');
    expect(a).toBe('2001:0db8:85a3:0001::/64');
    expect(ipBucket('2001:db8:85a3:1::1')).toBe(a);
    expect(ipBucket('2001:0DB8:85A3:0001:0:0:0:2')).toBe(a);
    expect(ipBucket('fe80::1%eth0')).toBe('fe80:0000:0000:0000::/64');
    expect(ipBucket('::1')).toBe('0000:0000:0000:0000::/64');
    expect(ipBucket('2001:db8:85a3:2::1')).not.toBe(a);
  });

  it('anything else is one shared bucket, never the raw (attacker-chosen) string', () => {
    expect(ipBucket('')).toBe('unknown');
    expect(ipBucket('not an ip')).toBe('unknown');
    expect(ipBucket('1.2.3.4, 5.6.7.8')).toBe('unknown');
  });
});
