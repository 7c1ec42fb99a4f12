import { parseTap, tapId } from '../../../src/conversation/ids';
import type { Tap } from '../../../src/conversation/ids';

const ALL: Tap[] = [
  { kind: 'menu.open' },
  { kind: 'menu.new' },
  { kind: 'menu.repeat' },
  { kind: 'menu.mine' },
  { kind: 'menu.provider' },
  { kind: 'menu.stats' },
  { kind: 'menu.help' },
  { kind: 'lang.set', locale: 'en' },
  { kind: 'lang.set', locale: 'es' },
  { kind: 'prov.online' },
  { kind: 'prov.offline' },
  { kind: 'name.profile' },
  { kind: 'svc.pick', serviceId: 3 },
  { kind: 'svc.page', page: 2 },
  { kind: 'pick.provider', providerUserId: 501 },
  { kind: 'pick.auto' },
  { kind: 'detail.book', providerUserId: 501 },
  { kind: 'detail.back' },
  { kind: 'offer.accept', offerId: 123456789012 },
  { kind: 'offer.decline', offerId: 9 },
  { kind: 'job.done', requestId: 7 },
  { kind: 'req.show', requestId: 7 },
  { kind: 'req.cancel', requestId: 7 },
  { kind: 'req.retry', requestId: 7 },
  { kind: 'rate.stars', requestId: 7, stars: 4 },
  { kind: 'rate.skip', requestId: 7 },
  { kind: 'pname.same' },
  { kind: 'psvc.toggle', serviceId: 4 },
  { kind: 'psvc.page', page: 1 },
  { kind: 'psvc.done' },
  { kind: 'radius', km: 10 },
];

describe('tap ids', () => {
  it.each(ALL.map((tap) => [tapId(tap), tap]))('%s round-trips', (id, tap) => {
    expect(parseTap(id as string)).toEqual(tap);
    expect((id as string).length).toBeLessThanOrEqual(200);
  });

  it('every id is distinct', () => {
    const ids = ALL.map(tapId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses the documented offer ids (also the template quick-reply payloads)', () => {
    expect(tapId({ kind: 'offer.accept', offerId: 42 })).toBe('offer:accept:42');
    expect(tapId({ kind: 'offer.decline', offerId: 42 })).toBe('offer:decline:42');
  });

  it.each([
    '',
    'x',
    'menu',
    'menu:new:1',
    'svc:',
    'svc:abc',
    'svc:1:2',
    'offer:accept',
    'offer:accept:-1',
    'offer:accept:1e3',
    'lang:fr',
    'rate:7:x',
    'confirm_yes',
    'offer:accept:12345678901234567890',
  ])('rejects %j', (id) => {
    expect(parseTap(id)).toBeNull();
  });
});
