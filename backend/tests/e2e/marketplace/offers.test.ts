/**
 * Offers end to end: decline and timeout both re-offer to the next provider automatically;
 * exhaustion ends politely with a retry option; stale and foreign taps are refused.
 */
import { startTestSystem, type TestSystem } from '../../helpers/system';
import { ChatUser } from '../../helpers/chat';
import { addProvider, seedServiceTypes } from '../../helpers/marketplace';
import { customerUpToProviders, warmUp } from '../../helpers/journeys';

let t: TestSystem;
let services: Map<string, number>;

beforeAll(async () => {
  t = await startTestSystem({
    OFFER_TIMEOUT_SECONDS: '5',
    MAX_OFFERS_PER_REQUEST: '3',
    OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0',
  });
  services = await seedServiceTypes(t.db.knex);
});
afterAll(async () => {
  await t.stop();
});

it('decline → the next provider gets it; timeout → the next again; a late tap is refused', async () => {
  const near = new ChatUser(t, '5215533330001', 'Near');
  const mid = new ChatUser(t, '5215533330002', 'Mid');
  const far = new ChatUser(t, '5215533330003', 'Far');
  await addProvider(t.db.knex, services, {
    waId: near.waId,
    displayName: 'Gas Cercano',
    services: ['gas'],
    lat: 19.4196,
    lng: -99.1617,
  });
  await addProvider(t.db.knex, services, {
    waId: mid.waId,
    displayName: 'Gas Medio',
    services: ['gas'],
    lat: 19.4296,
    lng: -99.1617,
  });
  await addProvider(t.db.knex, services, {
    waId: far.waId,
    displayName: 'Gas Lejano',
    services: ['gas'],
    lat: 19.4396,
    lng: -99.1617,
  });
  for (const p of [near, mid, far]) await warmUp(p);

  const c = new ChatUser(t, '5215544440001', 'Carla');
  await customerUpToProviders(c, 'Carla Ruiz', /^Gas$/);
  await c.expect(/ordenados por cercanía y calificación/);
  await c.tap(/Que la app elija/);
  await c.expect(/le enviamos tu solicitud/);

  await near.expect(/Nueva solicitud/);
  await near.tap(/Rechazar/);
  await near.expect(/rechazaste/);
  await c.expect(/no puede atender/);
  await mid.expect(/Nueva solicitud/);
  // mid never answers: the offer times out and goes to the next provider.
  await c.expect(/no respondió a tiempo/, 20000);
  await far.expect(/Nueva solicitud/, 10000);
  await mid.expect(/Se acabó el tiempo/, 10000);
  // mid taps Accept on the expired offer: politely refused, no double assignment.
  await mid.tap(/Aceptar/);
  await mid.expect(/ya no está disponible/);
  await far.tap(/Aceptar/);
  await c.expect(/aceptó tu solicitud/);
  const offers = await t.db.knex('offers').orderBy('id');
  expect(offers.map((o: { status: string }) => o.status)).toEqual([
    'declined',
    'expired',
    'accepted',
  ]);
  const accepted = await t.db.knex('service_requests').where({ status: 'accepted' });
  expect(accepted).toHaveLength(1);
});

it('when everybody declines, the customer is told honestly and can retry later', async () => {
  const only = new ChatUser(t, '5215533330010', 'Solo');
  await addProvider(t.db.knex, services, {
    waId: only.waId,
    displayName: 'Cerrajero Único',
    services: ['locksmith'],
  });
  await warmUp(only);
  const c = new ChatUser(t, '5215544440010', 'Dani');
  await customerUpToProviders(c, 'Dani Pérez', /Cerrajería/);
  await c.expect(/ordenados por cercanía y calificación/);
  await c.tap(/Cerrajero Único/);
  await c.expect(/Reservar/);
  await c.tap(/Reservar/);
  await only.expect(/Nueva solicitud/);
  await only.tap(/Rechazar/);
  // They had chosen this provider: asked before anyone else is looked for.
  await c.expect(/busquemos a otro proveedor/);
  await c.tap(/Buscar a otro/);
  await c.expect(/nadie está disponible/);
  await c.expect((m) => m.options.some((o) => /Intentar de nuevo/.test(o.title)));
  const req = await t.db
    .knex('service_requests')
    .where({ customer_id: t.db.knex('users').select('id').where({ wa_id: c.waId }) })
    .first();
  expect(req.status).toBe('no_providers');
});

it("a stale button from an old message and a tap on someone else's offer get a helpful answer", async () => {
  const p = new ChatUser(t, '5215533330020', 'Otro');
  await addProvider(t.db.knex, services, {
    waId: p.waId,
    displayName: 'Electricista Otro',
    services: ['electrical'],
  });
  await warmUp(p);
  await p.tapId('offer:accept:999999', 'Aceptar');
  await p.expect(/ya no está disponible/);
  const c = new ChatUser(t, '5215544440020', 'Eli');
  await c.say('hola');
  await c.expect(/Cómo te llamas/);
  await c.tapId('svc:12345', 'Viejo');
  await c.expect(/Cómo te llamas|nombre/);
  await c.send({ type: 'sticker' });
  await c.expect(/no lo puedo leer aquí/);
});
