/**
 * "Cancelar" halfway through a booking or a sign-up, then "no espera, sí lo necesito" /
 * "actually I still need it": picked up where it was, as the very next message only.
 */
import { t } from '../../../src/conversation/locales';
import type { ActiveState } from '../../../src/conversation/state';
import { takesBackCancel } from '../../../src/conversation/understanding/understand';
import { Script, callOf, ev, fixture } from './harness';

function cancelled(from: ActiveState): Script {
  return new Script(from).send(ev.text('cancelar'));
}

describe('taking back a "cancelar"', () => {
  it.each([
    'seguir',
    'no espera, sí lo necesito',
    'todavía lo ocupo',
    'lo cancelé por error',
    'actually I still need it',
    'wait',
    'undo',
  ])('%j takes it back', (text) => {
    expect(takesBackCancel(text)).toBe(true);
  });

  it.each(['hola', 'necesito un electricista', 'gracias', 'no'])('%j does not', (text) => {
    expect(takesBackCancel(text)).toBe(false);
  });

  it('the list of providers comes back as it was, with nothing booked meanwhile', () => {
    const s = cancelled(fixture('browseProviders'));
    expect(s.name).toBe('mainMenu');
    expect(s.text()).toContain(t('es', 'menu.cancelledResumable'));
    s.send(ev.text('no espera, sí lo necesito'));
    expect(s.name).toBe('browseProviders');
    expect(s.text()).toContain(t('es', 'menu.resumed'));
    expect(s.state).toMatchObject({ candidates: fixture('browseProviders').candidates });
    expect(s.last.some((c) => c.kind === 'call')).toBe(false);
  });

  it('"lo cancelé por error" resumes the booking (it is not about messages to opt back in to)', () => {
    const s = cancelled(fixture('providerDetail')).send(ev.text('lo cancelé por error'));
    expect(s.name).toBe('providerDetail');
    expect(s.last.some((c) => c.kind === 'call' && c.op === 'setOptOut')).toBe(false);
  });

  it('a place being looked up when it was cancelled is asked for again', () => {
    const inFlight: ActiveState = {
      ...fixture('shareLocation'),
      place: { lat: 19.4, lng: -99.1, label: 'Roma' },
    };
    const s = cancelled(inFlight).send(ev.text('seguir'));
    expect(s.state).toMatchObject({ name: 'shareLocation', place: null });
    expect(s.text()).toMatch(/a dónde enviamos al proveedor/);
  });

  it('a provider sign-up too, in English', () => {
    const from = fixture('provRadius');
    const en: ActiveState = { ...from, profile: { ...from.profile, locale: 'en' } };
    const s = cancelled(en);
    expect(s.text()).toContain(t('en', 'menu.cancelledResumable'));
    s.send(ev.text('actually I still want to sign up, continue'));
    expect(s.name).toBe('provRadius');
    expect(s.text()).toContain(t('en', 'menu.resumed'));
  });

  it('only as the next message: anything else in between lets the cancelled step go', () => {
    const s = cancelled(fixture('browseProviders')).send(ev.text('hola'));
    expect(s.name).toBe('mainMenu');
    expect(s.state).not.toHaveProperty('resume');
    s.send(ev.text('seguir'));
    expect(s.name).toBe('mainMenu');
    expect(s.text()).not.toContain(t('es', 'menu.resumed'));
  });

  it('a request already sent is really cancelled (the provider is told): not taken back by words', () => {
    const s = cancelled(fixture('awaitingProvider'));
    expect(callOf(s.last, 'cancelRequest').input).toMatchObject({ requestId: 77 });
    expect(s.text()).not.toContain(t('es', 'menu.cancelledResumable'));
  });
});
