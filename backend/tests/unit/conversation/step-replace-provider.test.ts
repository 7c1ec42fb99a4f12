/**
 * The customer wants someone else ("quiero otro plomero", "mándame otro", "someone else"):
 * at a profile, the list again; while waiting, the provider lets go at once and the next one is
 * asked; elsewhere, "¿Busco a otro?" first, naming who has the request. Pure flows, plus journeys
 * across the conversations (World).
 */
import { t } from '../../../src/conversation/locales';
import { understand } from '../../../src/conversation/understanding/understand';
import { REQUESTS, SERVICES, Script, callOf, ev, fixture, ids, notifies } from './harness';
import { World } from './world';

const PLUMBING = SERVICES[0]!.name;
const ACCEPTED = REQUESTS[1]!; // request 70, accepted by Juan

describe('what counts as asking for someone else', () => {
  it.each([
    'quiero otro plomero',
    'quiero cambiar de plomero',
    'mándame otro',
    'ya no quiero a ese, mándame otro',
    'el plomero no me contesta, mandame otro',
    'no me late ese, hay otro?',
    'can I get a different plumber',
    'someone else please',
    'otro electricista por favor',
    'cámbiame al técnico',
  ])('%j names a provider', (text) => {
    expect(understand(text).another).toBe('provider');
  });

  it.each(['otro', 'mejor otro', 'ese no'])('%j only in context', (text) => {
    expect(understand(text).another).toBe('bare');
  });

  it.each([
    'necesito cambiar el cable',
    'cambiar la llave del plomero',
    'otra vez no funciona',
    'necesito otro servicio',
    'mejor otro día',
  ])('%j is not about a provider', (text) => {
    const meaning = understand(text);
    expect(meaning.another === undefined || meaning.intent === 'schedule').toBe(true);
  });

  it('"hablar con otra persona" is a person of the team, not another provider', () => {
    expect(understand('quiero hablar con otra persona').intent).toBe('human');
  });
});

describe('looking at a provider or the list', () => {
  it('"quiero otro" on a profile goes back to the list, nothing booked', () => {
    const s = new Script(fixture('providerDetail')).send(ev.text('quiero otro plomero'));
    expect(s.name).toBe('browseProviders');
    expect(s.text()).toContain(t('es', 'providers.pickAnother'));
    expect(s.last.some((c) => c.kind === 'call')).toBe(false);
  });

  it('"otro" at the list says to pick another from it', () => {
    const s = new Script(fixture('browseProviders')).send(ev.text('otro'));
    expect(s.name).toBe('browseProviders');
    expect(s.text()).toContain(t('es', 'providers.pickAnother'));
  });
});

describe('while waiting for a provider to answer', () => {
  it('"mándame otro" lets go of the provider at once', () => {
    const s = new Script(fixture('awaitingProvider')).send(ev.text('mándame otro'));
    expect(callOf(s.last, 'replaceProvider').input).toEqual({
      idempotencyKey: expect.any(String),
      requestId: 77,
      customerUserId: 10,
    });
  });

  it('a bare "mejor otro" is asked about first', () => {
    const s = new Script(fixture('awaitingProvider')).send(ev.text('mejor otro'));
    expect(s.last.some((c) => c.kind === 'call')).toBe(false);
    expect(ids(s.last)).toEqual(['req:change:77', 'req:keep:77']);
    expect(s.text()).toContain('¿busco a otro proveedor');
    expect(s.name).toBe('awaitingProvider');
  });

  it('replaced: the provider told, their timer stopped, the next one asked', () => {
    const s = new Script(fixture('awaitingProvider')).send(ev.text('quiero otro plomero'));
    s.answer('replaceProvider', {
      status: 'replaced',
      requestId: 77,
      serviceName: PLUMBING,
      previous: { conversationKey: 'wa:2', name: 'Juan', offerId: 9, wasAccepted: false },
    });
    expect(notifies(s.last)).toEqual([
      {
        kind: 'notify',
        to: 'wa:2',
        notice: 'requestCancelled',
        data: { requestId: 77, offerId: 9, serviceName: PLUMBING, replaced: true },
      },
    ]);
    expect(s.last).toContainEqual({ kind: 'cancelTimer', timerId: expect.stringContaining('9') });
    expect(s.text()).toContain('ya no se la enviamos a Juan');
    expect(callOf(s.last, 'offerRequest').input).toMatchObject({ requestId: 77 });
    expect(s.state).toMatchObject({ name: 'awaitingProvider', requestId: 77 });
  });

  it('finished or cancelled meanwhile: said plainly, nobody told, nothing offered', () => {
    const s = new Script(fixture('awaitingProvider')).send(ev.text('mándame otro'));
    s.answer('replaceProvider', { status: 'not_open', requestId: 77, current: 'done' });
    expect(s.text()).toContain(t('es', 'replace.notOpen'));
    expect(notifies(s.last)).toEqual([]);
    expect(s.last.some((c) => c.kind === 'call')).toBe(false);
  });
});

describe('from the menu, with a job accepted', () => {
  it('"quiero cambiar de plomero" asks first, naming who took it', () => {
    const s = new Script(fixture('mainMenu')).send(ev.text('quiero cambiar de plomero'));
    expect(callOf(s.last, 'listMyRequests').tag).toBe('requests.replace:1');
    s.answer('listMyRequests', { requests: [ACCEPTED] });
    expect(s.text()).toContain('Juan ya aceptó tu solicitud');
    expect(ids(s.last)).toEqual(['req:change:70', 'req:keep:70']);
    expect(s.last.some((c) => c.kind === 'call')).toBe(false);
  });

  it('"Sí, buscar a otro": the provider is told the job is no longer theirs', () => {
    const s = new Script(fixture('mainMenu')).send(ev.button('req:change:70'));
    expect(callOf(s.last, 'replaceProvider').input).toMatchObject({ requestId: 70 });
    s.answer('replaceProvider', {
      status: 'replaced',
      requestId: 70,
      serviceName: PLUMBING,
      previous: { conversationKey: 'wa:2', name: 'Juan', offerId: null, wasAccepted: true },
    });
    expect(s.text()).toContain('le avisé a Juan que ya no va');
    expect(s.last.some((c) => c.kind === 'cancelTimer')).toBe(false);
    expect(s.state).toMatchObject({ name: 'awaitingProvider', requestId: 70 });
  });

  it('"No, así está bien" changes nothing', () => {
    const s = new Script(fixture('mainMenu')).send(ev.button('req:keep:70'));
    expect(s.last.some((c) => c.kind === 'call')).toBe(false);
    expect(s.text()).toContain(t('es', 'cancel.kept'));
  });

  it('with no open request, a trade named is simply a new request', () => {
    const s = new Script(fixture('mainMenu')).send(ev.text('quiero otro plomero'));
    s.answer('listMyRequests', { requests: [] });
    expect(s.state).toMatchObject({ name: 'mainMenu', want: { service: 'plumbing' } });
    expect(callOf(s.last, 'listServiceTypes').tag).toBe('services.customer');
  });

  it('with several open, the list to pick from; with none and no trade, "no open request"', () => {
    const several = new Script(fixture('mainMenu')).send(ev.text('mándame otro'));
    several.answer('listMyRequests', { requests: REQUESTS });
    expect(several.name).toBe('myRequests');
    const none = new Script(fixture('mainMenu')).send(ev.text('mándame otro'));
    none.answer('listMyRequests', { requests: [] });
    expect(none.text()).toContain(t('es', 'say.noOpenRequest'));
  });

  it('a bare "otro" in the menu is not about a provider', () => {
    const s = new Script(fixture('mainMenu')).send(ev.text('otro'));
    expect(s.last.some((c) => c.kind === 'call' && c.op === 'listMyRequests')).toBe(false);
  });

  it('in English too', () => {
    const en = fixture('mainMenu');
    const s = new Script({ ...en, profile: { ...en.profile, locale: 'en' } }).send(
      ev.text('can I get a different plumber?'),
    );
    s.answer('listMyRequests', { requests: [ACCEPTED] });
    expect(s.text()).toContain('Juan already accepted your request');
    expect(ids(s.last)).toEqual(['req:change:70', 'req:keep:70']);
  });
});

describe('journeys', () => {
  const ANA = 'wa:5215512345678';
  const JUAN = 'wa:5215511110000';
  const LUIS = 'wa:5215511110001';
  const PEPE = 'wa:5215511110002';

  function booked(accepted = false): { w: World; juan: number } {
    const w = new World();
    w.addProvider(JUAN, 'Juan', { lat: 19.4326, lng: -99.1332 });
    w.addProvider(LUIS, 'Luis', { lat: 19.4336, lng: -99.1342 });
    w.addProvider(PEPE, 'Pepe', { lat: 19.4346, lng: -99.1352 });
    const juan = w.bookWith(ANA, 'Ana', JUAN, accepted);
    return { w, juan };
  }

  it('waiting on Juan, "mándame otro": Juan is told, Luis gets it, Juan can no longer accept', () => {
    const { w, juan } = booked();
    const juanOffer = w.offers[0]!;
    w.text(ANA, 'ya no quiero a ese, mándame otro');
    expect(w.take(ANA)).toContain('ya no se la enviamos a Juan');
    expect(w.take(JUAN)).toContain('el cliente prefirió buscar a otro proveedor');
    const luis = w.userByKey(LUIS).id;
    expect(w.offers.filter((o) => o.providerId === luis && o.status === 'pending')).toHaveLength(1);
    // Juan's late tap finds nothing to accept; his offer's timer never fires a second "next".
    w.tap(JUAN, `offer:accept:${juanOffer.id}`);
    expect(w.requests[0]!.acceptedBy).toBeNull();
    w.advance(w.offerTimeoutMs + 1000);
    expect(w.offers.filter((o) => o.providerId === juan)).toHaveLength(1);
  });

  it('accepted by Juan, "quiero cambiar de plomero" → asked → yes: Juan freed, Luis offered', () => {
    const { w, juan } = booked(true);
    w.text(ANA, 'quiero cambiar de plomero');
    expect(w.take(ANA)).toContain('¿Cancelo con Juan y busco a otro proveedor?');
    expect(w.requests[0]!.acceptedBy).toBe(juan);
    w.tap(ANA, `req:change:${w.requests[0]!.id}`);
    expect(w.take(JUAN)).toContain('ya no es tuya');
    const luis = w.userByKey(LUIS).id;
    const luisOffer = w.offers.find((o) => o.providerId === luis)!;
    w.tap(LUIS, `offer:accept:${luisOffer.id}`);
    expect(w.take(ANA)).toContain('Luis');
    expect(w.offers.filter((o) => o.providerId === juan)).toHaveLength(1);
  });
});
