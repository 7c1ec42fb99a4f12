/**
 * A provider's own profile (issue 14, item 3): "Mi perfil de proveedor" shows the numbers, the
 * settings and the latest rating comments; services, base and radius are changed by asking
 * registration's questions again (`editing`) and saved at once with updateProviderProfile; typed
 * wishes ("cambiar mis servicios", "cambiar radio", "mi perfil") lead to the same places.
 */
import type { Operations } from '../../../src/conversation/operations';
import type { ActiveState } from '../../../src/conversation/state';
import {
  COMMENTS,
  OWN_PROFILE,
  PROFILE_STATS,
  SERVICES,
  Script,
  callOf,
  calls,
  ev,
  ids,
  profile,
  providerProfile,
  sentMessages,
} from './harness';

type StatsOk = Extract<Operations['getProviderStats']['output'], { status: 'ok' }>;
const LOADED: StatsOk = {
  status: 'ok',
  stats: PROFILE_STATS,
  profile: OWN_PROFILE,
  comments: COMMENTS,
};
const menu = (overrides = {}): ActiveState => ({
  name: 'mainMenu',
  profile: providerProfile(overrides),
});
const OUTSIDE = {
  covered: false as const,
  place: { es: 'Monterrey', en: 'Monterrey' },
  served: [{ es: 'Ciudad de México', en: 'Mexico City' }],
};

/** The provider at their profile, as loaded from the menu row. */
function atProfile(overrides = {}, loaded: StatsOk = LOADED): Script {
  return new Script(menu(overrides)).send(ev.row('menu:stats')).answer('getProviderStats', loaded);
}

describe('the profile', () => {
  it('shows numbers, services, base, radius, fee and the latest comments, with what can be changed', () => {
    const s = new Script(menu()).send(ev.row('menu:stats'));
    expect(callOf(s.last, 'getProviderStats').input).toEqual({
      providerUserId: 501,
      commentsLimit: 3,
    });
    s.answer('getProviderStats', LOADED);
    expect(s.name).toBe('provProfile');
    const text = s.text();
    expect(text).toContain('Calificación: ★4.5 (2 reseñas)');
    expect(text).toContain('🧰 Servicios: Plomería y Electricidad');
    expect(text).toContain('📍 Base: Roma Norte · hasta 10 km');
    expect(text).toContain('💵 Costo de visita: $350');
    expect(text).toContain(
      '💬 Los últimos 2 comentarios de tus clientes:\n★★★★★ “Muy puntual y limpio”\n★★★☆☆ “Llegó tarde pero quedó bien”',
    );
    expect(ids(s.last)).toEqual([
      'prof:services',
      'prof:base',
      'prof:radius',
      'menu:fee',
      'prov:offline',
      'menu:open',
    ]);
    const [list] = sentMessages(s.last);
    expect(
      list?.type === 'list' && list.sections[0]!.rows.slice(0, 4).map((r) => r.description),
    ).toEqual([
      'Ahora ofreces 2 servicios',
      'Desde dónde sales a trabajar',
      'Ahora hasta 10 km de tu base',
      'Ahora: $350 MXN',
    ]);
  });

  it('says one comment in the singular, and when there are none yet; a phone number in a comment is not shown', () => {
    let s = atProfile(
      {},
      {
        ...LOADED,
        comments: [{ stars: 4, comment: 'Muy bien, mi cel 55 1234 5678', createdAt: 0 }],
      },
    );
    expect(s.text()).toContain(
      '💬 El último comentario de tus clientes:\n★★★★☆ “Muy bien, mi cel …”',
    );
    expect(s.text()).not.toMatch(/1234|5678/);
    s = atProfile({}, { ...LOADED, comments: [] });
    expect(s.text()).toContain('Aún no tienes comentarios');
  });

  it('a pending or suspended provider sees it too and can change things, without the online switch', () => {
    const s = atProfile(
      { provider: { status: 'pending', online: false } },
      {
        ...LOADED,
        stats: { ...PROFILE_STATS, status: 'pending', online: false },
        profile: { ...OWN_PROFILE, area: null, services: [SERVICES[2]!] },
      },
    );
    expect(s.text()).toContain('Estado: en revisión');
    expect(s.text()).toContain('📍 Base: https://maps.google.com/?q=19.4195');
    expect(ids(s.last)).toEqual([
      'prof:services',
      'prof:base',
      'prof:radius',
      'menu:fee',
      'menu:open',
    ]);
  });

  it('is shown again after "ayuda" and in English after a language switch', () => {
    const s = atProfile().send(ev.text('english'));
    expect(s.name).toBe('provProfile');
    expect(s.text()).toContain('🧰 Services: Plumbing and Electrical');
    expect(s.text()).toContain('💬 The latest 2 comments from your customers:');
  });

  it('not a provider (any more): told so', () => {
    const s = new Script(menu())
      .send(ev.row('menu:stats'))
      .answer('getProviderStats', { status: 'not_provider' });
    expect(s.text()).toContain('Aún no eres proveedor');
    expect(s.state).toMatchObject({ profile: { provider: null } });
  });
});

describe('changing the services', () => {
  it('marks the current ones, toggles, and saves the whole set at once; one confirmation with the menu', () => {
    const s = atProfile().send(ev.row('prof:services'));
    expect(callOf(s.last, 'listServiceTypes').tag).toBe('services.edit');
    s.answer('listServiceTypes', { services: SERVICES });
    expect(s.state).toMatchObject({
      name: 'provServices',
      editing: true,
      draft: { serviceIds: [1, 2] },
    });
    expect(s.text()).toContain('Marcados: Plomería, Electricidad.');
    expect(s.text()).toContain('¿Qué servicios ofreces?');
    expect(s.text()).not.toContain('2/4');
    const [list] = sentMessages(s.last);
    expect(list?.type === 'list' && list.sections[0]!.rows.map((r) => r.title)).toEqual([
      '✓ Plomería',
      '✓ Electricidad',
      'Cerrajería',
      'Listo ✓',
    ]);

    s.send(ev.row('psvc:1')).send(ev.row('psvc:3'));
    expect(s.state).toMatchObject({ draft: { serviceIds: [2, 3] } });
    const done = ev.row('psvc:done');
    s.send(done);
    expect(s.name).toBe('provServices');
    expect(callOf(s.last, 'updateProviderProfile').input).toEqual({
      idempotencyKey: done.id,
      providerUserId: 501,
      serviceTypeIds: [2, 3],
    });
    s.answer('updateProviderProfile', {
      status: 'updated',
      profile: { ...OWN_PROFILE, services: [SERVICES[1]!, SERVICES[2]!] },
    });
    expect(s.name).toBe('mainMenu');
    expect(sentMessages(s.last)).toHaveLength(1);
    expect(s.text()).toContain('✅ Listo: ahora ofreces Electricidad y Cerrajería.');
    expect(s.text()).toContain('¿En qué te ayudo?');
  });

  it('never saves an empty set', () => {
    const s = atProfile()
      .send(ev.row('prof:services'))
      .answer('listServiceTypes', { services: SERVICES });
    s.send(ev.row('psvc:1')).send(ev.row('psvc:2')).send(ev.text('listo'));
    expect(calls(s.last)).toEqual([]);
    expect(s.text()).toContain('Marca al menos un servicio');
    s.send(ev.row('psvc:3')).send(ev.text('listo'));
    s.answer('updateProviderProfile', { status: 'no_services' });
    expect(s.name).toBe('provServices');
    expect(s.text()).toContain('Marca al menos un servicio');
  });

  it('a failed save keeps the choice to try again', () => {
    const s = atProfile()
      .send(ev.row('prof:services'))
      .answer('listServiceTypes', { services: SERVICES });
    s.send(ev.row('psvc:3')).send(ev.row('psvc:done')).failCall('updateProviderProfile');
    expect(s.state).toMatchObject({
      name: 'provServices',
      editing: true,
      draft: { serviceIds: [1, 2, 3] },
    });
    expect(s.text()).toContain('algo falló');
  });
});

describe('changing the base', () => {
  it('a pin is saved at once', () => {
    const s = atProfile().send(ev.row('prof:base'));
    expect(s.state).toMatchObject({ name: 'provLocation', editing: true });
    expect(sentMessages(s.last)[0]?.type).toBe('locationRequest');
    expect(s.text()).toContain('¿Desde dónde trabajas ahora?');
    expect(s.text()).not.toContain('3/4');
    const pin = ev.location(19.41, -99.17);
    s.send(pin);
    expect(callOf(s.last, 'updateProviderProfile').input).toEqual({
      idempotencyKey: pin.id,
      providerUserId: 501,
      base: { lat: 19.41, lng: -99.17 },
    });
    s.answer('updateProviderProfile', {
      status: 'updated',
      profile: { ...OWN_PROFILE, lat: 19.41, lng: -99.17, area: 'Condesa' },
    });
    expect(s.name).toBe('mainMenu');
    expect(s.text()).toContain('✅ Listo: tu base ahora es Condesa.');
  });

  it('a postal code is geocoded first; a place we do not serve is refused and asked again', () => {
    const s = atProfile().send(ev.row('prof:base')).send(ev.text('64000'));
    expect(callOf(s.last, 'geocodeAddress').input).toEqual({
      query: '64000',
      kind: 'postalCode',
      country: 'MX',
    });
    s.answer('geocodeAddress', {
      status: 'found',
      lat: 25.67,
      lng: -100.31,
      label: 'Centro, Monterrey',
      coverage: OUTSIDE,
    });
    expect(callOf(s.last, 'updateProviderProfile').input).toMatchObject({
      base: { lat: 25.67, lng: -100.31 },
    });
    s.answer('updateProviderProfile', { status: 'outside_coverage', coverage: OUTSIDE });
    expect(s.state).toMatchObject({ name: 'provLocation', editing: true });
    expect(s.text()).toContain('Aún no llegamos a Monterrey');
    expect(s.text()).toContain('tu base sigue igual');
    expect(s.text()).toContain('Ciudad de México');
    expect(s.text()).toContain('¿Desde dónde trabajas ahora?');

    s.send(ev.text('Av. Álvaro Obregón 100, Roma Norte'));
    s.answer('geocodeAddress', {
      status: 'found',
      lat: 19.4195,
      lng: -99.1617,
      label: 'Roma Norte',
    });
    s.answer('updateProviderProfile', {
      status: 'updated',
      profile: { ...OWN_PROFILE, area: null },
    });
    // No known neighbourhood near the point: the geocoder's label, as typed places are named.
    expect(s.text()).toContain('✅ Listo: tu base ahora es Roma Norte.');
  });

  it('a suspended provider can change it too', () => {
    const s = atProfile(
      { provider: { status: 'suspended', online: false } },
      { ...LOADED, stats: { ...PROFILE_STATS, status: 'suspended', online: false } },
    ).send(ev.row('prof:base'));
    expect(s.state).toMatchObject({ name: 'provLocation', editing: true });
  });
});

describe('changing the radius', () => {
  it('shows the current one, and a choice is saved at once', () => {
    const s = atProfile().send(ev.row('prof:radius'));
    expect(s.state).toMatchObject({ name: 'provRadius', editing: true, draft: { radiusKm: 10 } });
    expect(s.text()).toContain('Ahora vas hasta 10 km.');
    expect(ids(s.last)).toEqual(['radius:3', 'radius:5', 'radius:10', 'radius:20']);
    s.send(ev.row('radius:20'));
    expect(callOf(s.last, 'updateProviderProfile').input).toMatchObject({
      providerUserId: 501,
      radiusKm: 20,
    });
    expect(callOf(s.last, 'updateProviderProfile').input).not.toHaveProperty('base');
    s.answer('updateProviderProfile', {
      status: 'updated',
      profile: { ...OWN_PROFILE, radiusKm: 20 },
    });
    expect(s.name).toBe('mainMenu');
    expect(s.text()).toContain('✅ Listo: ahora te enviaremos solicitudes hasta 20 km de tu base.');
  });

  it('typed "7 km" works too', () => {
    const s = atProfile().send(ev.row('prof:radius')).send(ev.text('7 km'));
    expect(callOf(s.last, 'updateProviderProfile').input).toMatchObject({ radiusKm: 7 });
  });
});

describe('from anywhere', () => {
  it('an old "Cambiar distancia" tap loads the profile first, then asks (no profile message in between)', () => {
    const s = new Script(menu()).send(ev.row('prof:radius'));
    expect(s.name).toBe('mainMenu');
    expect(callOf(s.last, 'getProviderStats').tag).toBe('provider.edit:3');
    s.answer('getProviderStats', { ...LOADED, profile: { ...OWN_PROFILE, radiusKm: 5 } });
    expect(s.state).toMatchObject({
      name: 'provRadius',
      editing: true,
      draft: { radiusKm: 5, serviceIds: [1, 2] },
    });
    expect(sentMessages(s.last)).toHaveLength(1);
    expect(s.text()).toContain('Ahora vas hasta 5 km.');
  });

  it.each([
    ['cambiar mis servicios', 'provider.edit:1'],
    ['quiero cambiar mi zona', 'provider.edit:2'],
    ['cambiar radio', 'provider.edit:3'],
    ['mi perfil', 'provider.stats'],
  ])('typed "%s" by a provider', (text, tag) => {
    const s = new Script(menu()).send(ev.text(text));
    expect(callOf(s.last, 'getProviderStats').tag).toBe(tag);
  });

  it('typed "cambiar mis servicios" ends in the services list', () => {
    const s = new Script(menu())
      .send(ev.text('cambiar mis servicios'))
      .answer('getProviderStats', LOADED);
    expect(s.name).toBe('provProfile');
    s.answer('listServiceTypes', { services: SERVICES });
    expect(s.state).toMatchObject({
      name: 'provServices',
      editing: true,
      draft: { serviceIds: [1, 2] },
    });
  });

  it('typed "cambiar mi costo de visita" opens the visit fee question', () => {
    const s = new Script(menu()).send(ev.text('cambiar mi costo de visita'));
    expect(s.name).toBe('editFee');
  });

  it.each([
    ['cambiar mi costo de visita a 250', 250],
    ['cambiar mi costo de visita a $1,200 pesos', 1200],
    ['quiero que mi costo de visita sea gratis', 0],
    ['cambiar mi costo de visita a convenir', null],
  ])('typed %j saves the fee at once (%s), not asked again', (text, fee) => {
    const s = new Script(menu()).send(ev.text(text));
    expect(callOf(s.last, 'setVisitFee').input).toEqual({ providerUserId: 501, visitFee: fee });
    s.answer('setVisitFee', { status: 'ok', visitFee: fee });
    expect(s.name).toBe('mainMenu');
  });

  it('"¿cuánto cobro de visita?" from a provider shows their own profile (with the fee), not how prices work', () => {
    const s = new Script(menu()).send(ev.text('¿cuánto cobro de visita?'));
    expect(callOf(s.last, 'getProviderStats').input).toMatchObject({ providerUserId: 501 });
    expect(s.text()).not.toContain('Cada proveedor pone su precio');
  });

  it('for a customer the words change nothing and nothing is loaded', () => {
    const s = new Script({ name: 'mainMenu', profile: profile() }).send(
      ev.text('cambiar mis servicios'),
    );
    expect(calls(s.last)).toEqual([]);
    expect(s.name).toBe('mainMenu');
    const tap = new Script({ name: 'mainMenu', profile: profile() }).send(ev.row('prof:base'));
    expect(calls(tap.last)).toEqual([]);
    expect(tap.text()).toContain('Aún no eres proveedor');
  });

  it('"menú" while changing leaves everything as it was', () => {
    const s = atProfile().send(ev.row('prof:base')).send(ev.text('menú'));
    expect(s.name).toBe('mainMenu');
    expect(calls(s.last)).toEqual([]);
  });
});
