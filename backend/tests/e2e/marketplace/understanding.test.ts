/**
 * Issue 13 through the real webhook, worker, Postgres and the fake Cloud API: a request said in
 * the first message (several services and ways of saying it) survives the name question and
 * leads straight to "where"; a request typed at the name question is kept and never saved as a
 * name; the name can be changed at any time; a first message in English is answered in English;
 * the address said in the first message places the job without asking where.
 */
import { startTestSystem, type TestSystem } from '../../helpers/system';
import { ChatUser } from '../../helpers/chat';
import { addProvider, ROMA_NORTE, seedServiceTypes } from '../../helpers/marketplace';
import { warmUp } from '../../helpers/journeys';

let t: TestSystem;
let services: Map<string, number>;
let phone = 5215530000000;
const nextPhone = (): string => String(++phone);

beforeAll(async () => {
  t = await startTestSystem({ OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0' });
  services = await seedServiceTypes(t.db.knex);
  await addProvider(t.db.knex, services, {
    waId: '5215519990001',
    displayName: 'Cerrajería Rápida',
    services: ['locksmith'],
  });
  await addProvider(t.db.knex, services, {
    waId: '5215519990002',
    displayName: 'Plomería Torres',
    services: ['plumbing'],
  });
  await addProvider(t.db.knex, services, {
    waId: '5215519990003',
    displayName: 'Luz y Fuerza Gómez',
    services: ['electrical'],
  });
});
afterAll(async () => {
  await t.stop();
});

const nameOf = async (waId: string): Promise<string | null> =>
  ((await t.db.knex('users').where({ wa_id: waId }).first()) as { name: string | null } | undefined)
    ?.name ?? null;

it.each([
  ['Buenas, ocupo un cerrajero, me quedé afuera de mi casa', /Cerrajería/, /Cerrajería Rápida/],
  [
    'necesito un plomero urgente!! se esta saliendo el agua debajo del fregadero',
    /Plomería/,
    /Plomería Torres/,
  ],
  [
    'hola, se fue la luz en media casa, ocupo electrisista xfa',
    /Electricidad/,
    /Luz y Fuerza Gómez/,
  ],
])(
  'the first message "%s" is remembered across the name question',
  async (first, service, provider) => {
    const u = new ChatUser(t, nextPhone(), 'Cliente');
    await u.say(first);
    await u.expect(/Cómo te llamas/);
    await u.say('Sofía Ramírez');
    const [where] = (await u.expect(/Dónde|ubicación/)).slice(-1);
    expect(where.text).toMatch(service);
    expect(where.text).toMatch(/Mucho gusto, Sofía Ramírez/);
    expect(await nameOf(u.waId)).toBe('Sofía Ramírez');
    await u.location(ROMA_NORTE.lat, ROMA_NORTE.lng);
    await u.expect((m) => m.options.some((o) => provider.test(o.title)));
  },
);

it('a request typed at the name question is kept, and is never saved as the name', async () => {
  const u = new ChatUser(t, nextPhone(), '🙂');
  await u.say('hola');
  await u.expect(/Cómo te llamas/);
  await u.say('necesito un plomero urgente');
  const [again] = await u.expect(/Cómo te llamas/);
  expect(again.text).not.toMatch(/Mucho gusto/);
  expect(await nameOf(u.waId)).toBeNull();
  await u.say('Me llamo Ana Laura');
  const [where] = (await u.expect(/Dónde|ubicación/)).slice(-1);
  expect(where.text).toMatch(/Plomería/);
  expect(await nameOf(u.waId)).toBe('Ana Laura');
});

it('the name can be changed at any time', async () => {
  const u = new ChatUser(t, nextPhone(), 'Sofi');
  await u.register('Sofi');
  await u.say('no, me llamo Sofía');
  await u.expect(/ahora te llamo Sofía/);
  expect(await nameOf(u.waId)).toBe('Sofía');
  await u.say('cambiar mi nombre');
  await u.expect(/Cómo quieres que te llame/);
  await u.say('Sofía Méndez');
  await u.expect(/Sofía Méndez/);
  expect(await nameOf(u.waId)).toBe('Sofía Méndez');
});

it('a first message in English is answered in English, request kept', async () => {
  const u = new ChatUser(t, nextPhone(), 'Tom');
  await u.say('Hi, I need an electrician');
  const [ask] = await u.expect(/What's your name/);
  expect(ask.text).not.toMatch(/Cómo te llamas/);
  await u.say('Tom Baker');
  const [where] = (await u.expect(/Where|location/)).slice(-1);
  expect(where.text).toMatch(/Electrical/);
  const row = (await t.db.knex('users').where({ wa_id: u.waId }).first()) as {
    locale: string;
    name: string;
  };
  expect(row).toMatchObject({ locale: 'en', name: 'Tom Baker' });
});

it('the address said in the first message places the job: no "¿a dónde?", the street only for who accepts', async () => {
  const u = new ChatUser(t, nextPhone(), 'Lupita');
  await u.say(
    'Hola buenas tardes, necesito un plomero urgente en Durango 200, Roma Norte, se rompió un tubo en la cocina',
  );
  await u.expect(/Cómo te llamas/);
  await u.say('Lupita Hernández');
  await u.expect(/anoté la dirección: Durango 200, Roma Norte/);
  await u.expect((m) => m.options.some((o) => /Plomería Torres/.test(o.title)));
  expect(u.all().some((m) => /a dónde enviamos al proveedor/.test(m.text))).toBe(false);
  const request = async () =>
    (await t.db
      .knex('service_requests')
      .where({ customer_id: t.db.knex('users').select('id').where({ wa_id: u.waId }) })
      .first()) as { address: string | null; problem: string | null } | undefined;
  await u.tap(/Plomería Torres/);
  await u.expect((m) => m.options.some((o) => /Reservar/.test(o.title)));
  await u.tap(/Reservar/);
  await u.expect(/le enviamos tu solicitud a Plomería Torres/);
  // The job's address is the street as typed; the problem providers read before accepting has no street.
  expect(await request()).toMatchObject({ address: 'Durango 200, Roma Norte' });
  expect((await request())?.problem).toMatch(/se rompió un tubo en la cocina/);
  expect((await request())?.problem).not.toMatch(/Durango/);
});

it('"cancelar" by mistake is taken back with the next message: the same providers, booked as before', async () => {
  // Plomería Segura has the request of the test before: this one books someone else.
  await addProvider(t.db.knex, services, {
    waId: '5215519990004',
    displayName: 'Plomería Segura',
    services: ['plumbing'],
  });
  const u = new ChatUser(t, nextPhone(), 'Mike');
  await u.say('hey there');
  await u.expect(/What's your name/);
  await u.say('Mike');
  await u.say('my kitchen sink is clogged, im at Durango 200, Roma Norte');
  await u.expect((m) => m.options.some((o) => /Plomería Segura/.test(o.title)));
  await u.say('nvm, cancel it');
  await u.expect(/Was that a mistake\? Write “continue”/);
  await u.say('actually no wait i still need it');
  await u.expect(/pick up where we left off/);
  await u.expect((m) => m.options.some((o) => /Plomería Segura/.test(o.title)));
  await u.tap(/Plomería Segura/);
  await u.expect((m) => m.options.some((o) => /^Book$/.test(o.title)));
  await u.tap(/^Book$/);
  await u.expect(/we sent your request to Plomería Segura/);
  const request = (await t.db
    .knex('service_requests')
    .where({ customer_id: t.db.knex('users').select('id').where({ wa_id: u.waId }) })
    .first()) as { address: string | null; problem: string | null };
  expect(request).toMatchObject({ address: 'Durango 200, Roma Norte' });
  expect(request.problem).toMatch(/kitchen sink is clogged/);
});

it('asking about the open job ("¿me puede traer un tinaco?") gets its news and contact, not a second request', async () => {
  await addProvider(t.db.knex, services, {
    waId: '5215519990005',
    displayName: 'Plomería Tinacos',
    services: ['plumbing'],
  });
  const pro = new ChatUser(t, '5215519990005', 'Plomería Tinacos');
  const u = new ChatUser(t, nextPhone(), 'Rosa');
  await u.register('Rosa Méndez');
  await u.say('se me tapó el fregadero, estoy en Durango 200, Roma Norte');
  await u.expect((m) => m.options.some((o) => /Plomería Tinacos/.test(o.title)));
  await u.tap(/Plomería Tinacos/);
  await u.expect((m) => m.options.some((o) => /Reservar/.test(o.title)));
  await u.tap(/Reservar/);
  await pro.expect(/Plomería/);
  await pro.say('acepto');
  await u.expect(/Plomería Tinacos aceptó/);

  await u.say('oiga me puede traer un tinaco de 1100 litros?');
  await u.expect(/¿Es otro trabajo aparte\?/);
  const requests = async () =>
    (await t.db
      .knex('service_requests')
      .where({ customer_id: t.db.knex('users').select('id').where({ wa_id: u.waId }) })
      .count('* as n')
      .first()) as { n: string | number };
  expect(Number((await requests()).n)).toBe(1);
  await u.tap(/Pedir otro aparte/);
  await u.expect(/¿a dónde enviamos al proveedor\?/);
});

it('"¡urgente!" reaches the provider: the offer opens with it, and the request is marked', async () => {
  await addProvider(t.db.knex, services, {
    waId: '5215519990006',
    displayName: 'Plomería Veloz',
    services: ['plumbing'],
  });
  const pro = new ChatUser(t, '5215519990006', 'Plomería Veloz');
  // Inside the 24 h window: the offer arrives as a message with buttons, not the template.
  await warmUp(pro);
  const u = new ChatUser(t, nextPhone(), 'Irene');
  await u.register('Irene Paz');
  await u.say(
    'necesito un plomero urgente, se está saliendo el agua, estoy en Durango 200, Roma Norte',
  );
  await u.expect((m) => m.options.some((o) => /Plomería Veloz/.test(o.title)));
  await u.tap(/Plomería Veloz/);
  await u.expect((m) => m.options.some((o) => /Reservar/.test(o.title)));
  await u.tap(/Reservar/);
  const [offer] = (await pro.expect(/Nueva solicitud: Plomería/)).slice(-1);
  expect(offer!.text.trimStart()).toMatch(/^⚡ \*Urgente\*/);
  const row = (await t.db
    .knex('service_requests')
    .where({ customer_id: t.db.knex('users').select('id').where({ wa_id: u.waId }) })
    .first()) as { urgent: boolean };
  expect(row.urgent).toBe(true);
});
