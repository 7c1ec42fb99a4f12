/**
 * A request for the trade of a request still open ("¿me puede traer un tinaco?" while the plumber
 * is on the way): that request's news and contact first, with "Pedir otro aparte"; nothing new is
 * started unless asked. Looked up only when the last request was for that trade.
 */
import { t } from '../../../src/conversation/locales';
import type { RequestSummary } from '../../../src/conversation/operations';
import type { ActiveState } from '../../../src/conversation/state';
import { NOW, SERVICES, Script, callOf, ev, fixture, ids, profile } from './harness';

const PLUMBING = SERVICES[0]!;
const lastPlumbing = {
  serviceTypeId: PLUMBING.id,
  serviceName: PLUMBING.name,
  lat: 19.41,
  lng: -99.16,
  address: 'Durango 200, Roma Norte',
};
const menu = (): ActiveState => ({
  name: 'mainMenu',
  profile: profile({ lastRequest: lastPlumbing }),
});
const accepted: RequestSummary = {
  requestId: 88,
  serviceName: PLUMBING.name,
  status: 'accepted',
  createdAt: NOW - 20 * 60_000,
  providerName: 'Plomería Díaz',
  providerPhone: '525510000000',
};

describe('a request for the trade of an open one', () => {
  it('"¿me puede traer un tinaco?" while the plumber has the job: their news and contact, nothing started', () => {
    const s = new Script(menu()).send(
      ev.text('me puede traer un tinaco de 1100 litros el plomero?'),
    );
    expect(callOf(s.last, 'listMyRequests').tag).toBe('requests.before');
    s.answer('listMyRequests', { requests: [accepted] });
    expect(s.text()).toContain('Plomería Díaz aceptó tu solicitud');
    expect(s.text()).toContain('https://wa.me/525510000000');
    expect(s.text()).toContain(t('es', 'request.sameTradeOpen'));
    expect(ids(s.last)).toEqual(['want:go', 'req:cancel:88', 'menu:open']);
    expect(s.last.some((c) => c.kind === 'call')).toBe(false);
  });

  it('"Pedir otro aparte" starts the request as asked (the problem kept)', () => {
    const s = new Script(menu()).send(ev.text('necesito un plomero, se tapó el baño de arriba'));
    s.answer('listMyRequests', { requests: [accepted] });
    s.send(ev.button('want:go'));
    expect(callOf(s.last, 'listServiceTypes').tag).toBe('services.customer');
    expect(s.state).toMatchObject({
      name: 'mainMenu',
      want: { service: 'plumbing', problem: { text: expect.stringContaining('baño de arriba') } },
    });
  });

  it('nothing of that trade open (done, or another trade): on with the request at once', () => {
    const done = new Script(menu()).send(ev.text('necesito un plomero'));
    done.answer('listMyRequests', {
      requests: [
        { ...accepted, status: 'done' },
        { ...accepted, serviceName: SERVICES[1]!.name },
      ],
    });
    expect(callOf(done.last, 'listServiceTypes').tag).toBe('services.customer');
    // A lookup that failed does not block the request either.
    const failed = new Script(menu()).send(ev.text('necesito un plomero'));
    failed.failCall('listMyRequests');
    expect(callOf(failed.last, 'listServiceTypes').tag).toBe('services.customer');
  });

  it('no lookup when the last request was another trade, or there was none', () => {
    const s = new Script(menu()).send(ev.text('necesito un electricista'));
    expect(callOf(s.last, 'listServiceTypes').tag).toBe('services.customer');
    const first = new Script(fixture('mainMenu')).send(ev.text('necesito un plomero'));
    expect(callOf(first.last, 'listServiceTypes').tag).toBe('services.customer');
  });

  it('in English too', () => {
    const base = menu();
    const s = new Script({ ...base, profile: { ...base.profile, locale: 'en' } }).send(
      ev.text('can the plumber bring a new faucet?'),
    );
    s.answer('listMyRequests', { requests: [accepted] });
    expect(s.text()).toContain(t('en', 'request.sameTradeOpen'));
  });
});
