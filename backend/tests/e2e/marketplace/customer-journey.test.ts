/**
 * The complete customer journey through the real webhook, worker, Postgres and the fake
 * Cloud API: new user → name → service → location → providers → detail → book → provider
 * accepts → done → rating (+ comment); then the returning customer. In Spanish and English.
 */
import { startTestSystem, type TestSystem } from '../../helpers/system';
import { ChatUser } from '../../helpers/chat';
import { addProvider, ROMA_NORTE, seedServiceTypes } from '../../helpers/marketplace';

let t: TestSystem;
let services: Map<string, number>;

beforeAll(async () => {
  t = await startTestSystem({ OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0' });
  services = await seedServiceTypes(t.db.knex);
});
afterAll(async () => {
  await t.stop();
});

it('Spanish: from a new number to a rated job, and back as a returning customer', async () => {
  const provider = new ChatUser(t, '5215511110001', 'Plomería Hernández');
  await addProvider(t.db.knex, services, {
    waId: provider.waId,
    displayName: 'Plomería Hernández',
  });
  // The provider talked to the bot recently: offers arrive as interactive buttons.
  await provider.say('hola');
  await provider.expect(/.+/);

  const ana = new ChatUser(t, '5215522220001', 'Ana');
  await ana.say('hola');
  await ana.expect(/Cómo te llamas/);
  await ana.say('Ana López');
  const [welcome] = await ana.expect((m) =>
    m.options.some((o) => /Pedir un servicio/.test(o.title)),
  );
  expect(welcome.text).toMatch(/Mucho gusto, Ana López/);
  await ana.tap(/Pedir un servicio/);
  await ana.expect(/Qué servicio necesitas/);
  await ana.tap(/Plomería/);
  await ana.expect(/qué pasa|what's wrong/i);
  await ana.tap(/^(Omitir|Skip)$/);
  await ana.expect(/a dónde enviamos al proveedor/);
  await ana.location(ROMA_NORTE.lat + 0.005, ROMA_NORTE.lng);
  const [list] = (await ana.expect(/ordenados por cercanía y calificación/)).slice(-1);
  const row = list.options.find((o) => /Plomería Hernández/.test(o.title));
  expect(row?.description).toMatch(/\d+(\.\d)? (m|km) · Visita a convenir$/);
  await ana.tap(/Plomería Hernández/);
  await ana.expect(/trabajos? terminados?/i);
  await ana.tap(/Reservar/);
  await ana.expect(/\*Plomería\*: le enviamos tu solicitud a Plomería Hernández/);

  const [offer] = (await provider.expect(/Nueva solicitud/)).slice(-1);
  expect(offer.options.map((o) => o.title)).toEqual(['Aceptar', 'Rechazar']);
  await provider.tap(/Aceptar/);
  const accepted = await ana.expect(/aceptó tu solicitud/);
  expect(
    accepted.map((m) => m.text).join('\n') +
      (await ana.expect(/wa\.me|Escríbele/)).map((m) => m.text).join('\n'),
  ).toContain('https://wa.me/525511110001');
  await provider.expect(/El trabajo es tuyo/);
  await provider.expect((m) => m.options.some((o) => /Terminado/.test(o.title)));

  await provider.tap(/Terminado/);
  await provider.expect(/Trabajo terminado/);
  const [asked] = (await ana.expect(/¿Quedó listo\?/)).slice(-1);
  expect(asked.options.map((o) => o.title)).toEqual(['Sí, ya quedó', 'Todavía no']);
  await ana.tap(/Sí, ya quedó/);
  await ana.expect(/Elige de 1 a 5 estrellas/);
  await ana.tap(/★★★★★/);
  await ana.expect(/comentario/);
  await ana.say('Muy puntual y limpio');
  await ana.expect(/Gracias por tu calificación/);

  const rating = await t.db.knex('ratings').first();
  expect(rating).toMatchObject({ stars: 5, comment: 'Muy puntual y limpio' });
  const p = await t.db.knex('providers').where({ display_name: 'Plomería Hernández' }).first();
  expect(p).toMatchObject({ rating_count: 1 });
  expect(Number(p.rating_sum)).toBe(5);
  const request = await t.db.knex('service_requests').first();
  expect(request.status).toBe('done');

  // Returning customer: greeted by name, can repeat the last service.
  await ana.say('menú');
  const menu = await ana.expect((m) =>
    m.options.some((o) => /Repetir último servicio/.test(o.title)),
  );
  expect(menu.map((m) => m.text).join('\n')).toMatch(/Ana López|En qué te ayudo/);
});

it('English: the language switch carries through the whole booking with "let the app choose"', async () => {
  const provider = new ChatUser(t, '5215511110002', 'Electricista García');
  await addProvider(t.db.knex, services, {
    waId: provider.waId,
    displayName: 'Electricista García',
    services: ['electrical'],
  });
  await provider.say('hola');
  await provider.expect(/Hola, Electricista García/);
  // The language switch works from any state.
  await provider.say('english');
  await provider.expect(/English/);

  const bob = new ChatUser(t, '5215522220002', 'Bob');
  // Opening in English gets English from the first reply.
  await bob.say('Hello');
  await bob.expect(/What.*name/i);
  await bob.say('Bob Smith');
  await bob.expect(/Bob Smith/);
  await bob.tap(/Request a service/);
  await bob.expect(/Which service/i);
  await bob.tap(/Electrical/);
  await bob.location(ROMA_NORTE.lat, ROMA_NORTE.lng + 0.004);
  await bob.expect(/providers near you, sorted by distance and rating/);
  await bob.tap(/app choose/i);
  await bob.expect(/we sent your request to/i);

  await provider.expect(/New request/i);
  await provider.tap(/Accept/);
  await bob.expect(/accepted/i);
  await provider.expect(/job is yours/i);
  await provider.tap(/^Done$/);
  await bob.expect(/Is it finished\?/);
  await bob.say('yes');
  await bob.expect(/1 to 5/);
  await bob.tap(/^★★★★ /);
  await bob.expect(/comment/i);
  await bob.tap(/Skip/);
  await bob.expect(/Thank/i);
  const ratings = await t.db.knex('ratings').where({ stars: 4 });
  expect(ratings).toHaveLength(1);
});

it('returning customers: greeted by name in their language, with "repeat last service"; an expired session says welcome back', async () => {
  const known = new ChatUser(t, '5215522220003', 'Carol');
  // A customer who booked before, in English.
  const [user] = await t.db
    .knex('users')
    .insert({ wa_id: known.waId, name: 'Carol King', locale: 'en' })
    .returning('id');
  await t.db.knex('service_requests').insert({
    customer_id: user.id,
    service_type_id: services.get('plumbing'),
    lat: ROMA_NORTE.lat,
    lng: ROMA_NORTE.lng,
    status: 'cancelled',
    idempotency_key: 'seed-carol',
  });
  await known.say('hi');
  const [menu] = await known.expect((m) => m.options.some((o) => /Repeat last/i.test(o.title)));
  expect(menu.text).toMatch(/Carol King/);
  await known.tap(/Repeat last/i);
  await known.expect(/providers|nobody|No .*providers/i);

  // The session expires (state gone, the person is still known): "welcome back".
  const { conversationKeys } = await import('../../../src/queue/keys');
  await t.system.redis.del(conversationKeys(t.prefix, known.key).state);
  await known.say('hello again');
  const [back] = await known.expect(/Welcome back/i);
  expect(back.text).toMatch(/Carol King/);

  // Spanish returning customer.
  const ana = new ChatUser(t, '5215522220004', 'Ana');
  await t.db.knex('users').insert({ wa_id: ana.waId, name: 'Ana Ruiz', locale: 'es' });
  await ana.say('buenas');
  const [es] = await ana.expect((m) => m.options.some((o) => /Pedir un servicio/.test(o.title)));
  expect(es.text).toMatch(/Hola, Ana Ruiz/);
});

it('nobody free nearby is not a dead end: "Buscar de nuevo" runs the same search later', async () => {
  const c = new ChatUser(t, '5215522220005', 'Paty');
  await c.say('ocupo un cerrajero, se atoró la chapa');
  await c.expect(/Cómo te llamas/);
  await c.say('Paty');
  await c.expect(/a dónde enviamos al proveedor/);
  await c.location(ROMA_NORTE.lat, ROMA_NORTE.lng);
  const [none] = (await c.expect(/no hay nadie disponible/)).slice(-1);
  expect(none.options.map((o) => o.title)).toEqual([
    'Buscar de nuevo',
    'Hablar con alguien',
    'Menú',
  ]);
  // A locksmith comes online meanwhile; the same search (service and place) now finds them.
  await addProvider(t.db.knex, services, {
    waId: '5215511110009',
    displayName: 'Cerrajería Ruiz',
    services: ['locksmith'],
  });
  await c.tap(/Buscar de nuevo/);
  const [list] = (await c.expect(/ordenados por cercanía/)).slice(-1);
  expect(list.options.map((o) => o.title)).toContain('Cerrajería Ruiz');
});
