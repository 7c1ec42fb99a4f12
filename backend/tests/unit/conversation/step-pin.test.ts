/**
 * A pin sent from the menu while a provider has the customer's job: the job moves there and the
 * provider gets it with a maps link (links and phone numbers in its label never reach them);
 * with no job accepted, the pin is where a new request goes, as before.
 */
import { t } from '../../../src/conversation/locales';
import type { ActiveState } from '../../../src/conversation/state';
import { SERVICES, Script, callOf, ev, fixture, notifies, profile, sentText } from './harness';
import { World } from './world';

const PLUMBING = SERVICES[0]!;
const menu = (): ActiveState => ({
  name: 'mainMenu',
  profile: profile({
    lastRequest: {
      serviceTypeId: PLUMBING.id,
      serviceName: PLUMBING.name,
      lat: 19.41,
      lng: -99.16,
      address: null,
    },
  }),
});

describe('a pin from the menu', () => {
  it('is offered to the accepted job first', () => {
    const s = new Script(menu()).send(ev.location(19.4201, -99.1702, { address: 'Durango 200' }));
    expect(callOf(s.last, 'shareJobLocation').input).toMatchObject({
      customerUserId: 10,
      lat: 19.4201,
      lng: -99.1702,
    });
  });

  it('shared: the provider gets it, the customer is told, the menu forgets the pin', () => {
    const s = new Script(menu()).send(ev.location(19.4201, -99.1702));
    s.answer('shareJobLocation', {
      status: 'shared',
      requestId: 70,
      serviceName: PLUMBING.name,
      provider: { conversationKey: 'wa:2', name: 'Juan' },
      customerName: 'Ana',
      lat: 19.4201,
      lng: -99.1702,
      label: null,
    });
    expect(notifies(s.last)).toEqual([
      {
        kind: 'notify',
        to: 'wa:2',
        notice: 'jobPin',
        data: {
          requestId: 70,
          serviceName: PLUMBING.name,
          lat: 19.4201,
          lng: -99.1702,
          label: null,
          customerName: 'Ana',
        },
      },
    ]);
    expect(s.text()).toContain('le pasé tu ubicación a Juan');
    expect(s.state).toEqual({ name: 'mainMenu', profile: menu().profile });
  });

  it('no job accepted: the pin is where a new request goes (which service?)', () => {
    const s = new Script(menu()).send(ev.location(19.4201, -99.1702));
    s.answer('shareJobLocation', { status: 'none' });
    expect(callOf(s.last, 'listServiceTypes').tag).toBe('services.customer');
    expect(s.state).toMatchObject({ want: { place: { lat: 19.4201, lng: -99.1702 } } });
  });

  it('someone who never asked for anything: straight to which service, no lookup', () => {
    const s = new Script(fixture('mainMenu')).send(ev.location(19.4201, -99.1702));
    expect(callOf(s.last, 'listServiceTypes').tag).toBe('services.customer');
    expect(s.last.some((c) => c.kind === 'call' && c.op === 'shareJobLocation')).toBe(false);
  });
});

describe("the provider's side", () => {
  it('the place and a maps link; links and numbers in the label never reach them', () => {
    const s = new Script({ name: 'mainMenu', profile: profile({ userId: 501 }) }).send(
      ev.notice('jobPin', {
        requestId: 70,
        serviceName: PLUMBING.name,
        lat: 19.4201,
        lng: -99.1702,
        label: 'Durango 200, paga en https://pagos-ubermench.top 5512345678',
        customerName: 'Ana',
      }),
    );
    const text = sentText(s.last);
    expect(text).toContain('Ubicación exacta de Ana para *Plomería*');
    expect(text).toContain('https://maps.google.com/?q=19.420100,-99.170200');
    expect(text).toContain('Durango 200');
    expect(text).not.toMatch(/pagos-ubermench|5512345678/);
  });

  it('a customer without a name is "tu cliente", never "?"', () => {
    const s = new Script({ name: 'mainMenu', profile: profile({ userId: 501 }) }).send(
      ev.notice('jobPin', {
        requestId: 70,
        serviceName: PLUMBING.name,
        lat: 19.42,
        lng: -99.17,
        label: null,
        customerName: '',
      }),
    );
    expect(sentText(s.last)).toMatch(/^📍 Ubicación exacta de tu cliente para \*Plomería\*/);
  });

  it('journey: the job card follows the pin', () => {
    const ANA = 'wa:5215512345678';
    const JUAN = 'wa:5215511110000';
    const w = new World();
    w.addProvider(JUAN, 'Juan', { lat: 19.4326, lng: -99.1332 });
    w.bookWith(ANA, 'Ana', JUAN);
    w.location(ANA, 19.4331, -99.1339);
    expect(w.take(ANA)).toContain(t('es', 'pin.shared', { name: 'Juan' }));
    expect(w.take(JUAN)).toContain('https://maps.google.com/?q=19.433100,-99.133900');
    expect(w.requests[0]).toMatchObject({ lat: 19.4331, lng: -99.1339 });
  });
});
