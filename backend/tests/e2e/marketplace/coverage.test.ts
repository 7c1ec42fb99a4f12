/**
 * Outside the covered area, through the real webhook, worker, Postgres and the fake Cloud API:
 * the customer is told "Aún no llegamos a Monterrey" (never "nobody is available, try later"),
 * can ask to be told when we arrive, and that wish is stored once.
 */
import { startTestSystem, type TestSystem } from '../../helpers/system';
import { ChatUser } from '../../helpers/chat';
import { addProvider, ROMA_NORTE, seedServiceTypes } from '../../helpers/marketplace';

let t: TestSystem;
let services: Map<string, number>;

beforeAll(async () => {
  t = await startTestSystem({ OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0' });
  services = await seedServiceTypes(t.db.knex);
  // Someone serves Mexico City: the marketplace is not empty, Monterrey is just not covered.
  await addProvider(t.db.knex, services, {
    waId: '5215511119001',
    displayName: 'Electricista Roma',
    services: ['electrical'],
  });
});
afterAll(async () => {
  await t.stop();
});

const waitlistOf = async (waId: string) =>
  t.db
    .knex('coverage_waitlist as w')
    .join('users as u', 'u.id', 'w.user_id')
    .where('u.wa_id', waId)
    .select('w.city', 'w.lat', 'w.lng');

it('Spanish: a pin in Monterrey → "Aún no llegamos a Monterrey" → "Sí, avísame" → one waitlist row, kind confirmation', async () => {
  const rosa = new ChatUser(t, '5218112340001', 'Rosa');
  await rosa.register('Rosa Garza');
  await rosa.tap(/Pedir un servicio/);
  await rosa.expect(/Qué servicio necesitas/);
  await rosa.tap(/Electricidad/);
  await rosa.expect(/qué pasa|what's wrong/i);
  await rosa.tap(/^(Omitir|Skip)$/);
  await rosa.expect(/a dónde enviamos al proveedor/);
  await rosa.location(25.6714, -100.3098);

  const [told] = (await rosa.expect(/Aún no llegamos a Monterrey/)).slice(-1);
  expect(told.text).toContain('Por ahora damos servicio en Ciudad de México');
  expect(told.text).not.toMatch(/más tarde|nadie está disponible/);
  expect(told.options.map((o) => o.title)).toEqual(['Sí, avísame', 'Menú']);

  await rosa.tap(/Sí, avísame/);
  const [thanks] = (await rosa.expect(/Te escribimos en cuanto lleguemos a Monterrey/)).slice(-1);
  expect(thanks.options.some((o) => /Pedir un servicio/.test(o.title))).toBe(true);
  expect(await waitlistOf(rosa.waId)).toEqual([{ city: 'monterrey', lat: 25.67, lng: -100.31 }]);

  // A second tap on the same button is confirmed again, and stored once.
  await rosa.tap(/Sí, avísame/);
  await rosa.expect(/Te escribimos en cuanto lleguemos a Monterrey/);
  expect(await waitlistOf(rosa.waId)).toHaveLength(1);
  expect(await t.db.knex('service_requests')).toEqual([]);
});

it('English: a typed "New York" address is recognised and answered honestly', async () => {
  const joe = new ChatUser(t, '5215512340002', 'Joe');
  await t.db.knex('users').insert({ wa_id: joe.waId, name: 'Joe Pérez', locale: 'en' });
  await joe.say('hi');
  await joe.expect((m) => m.options.some((o) => /Request a service/.test(o.title)));
  await joe.tap(/Request a service/);
  await joe.expect(/Which service/);
  await joe.tap(/Plumbing/);
  await joe.expect(/qué pasa|what's wrong/i);
  await joe.tap(/^(Omitir|Skip)$/);
  await joe.expect(/where should the provider go/);
  await joe.say('I live at 350 5th Ave, New York');
  const [told] = (await joe.expect(/not in New York yet/)).slice(-1);
  expect(told.text).toContain('For now we serve Mexico City');
  await joe.tap(/Yes, let me know/);
  await joe.expect(/as soon as we get to New York/);
  expect(await waitlistOf(joe.waId)).toEqual([{ city: 'new-york', lat: 40.71, lng: -74.01 }]);
});

it('inside the covered area nothing changes: providers are listed by distance and rating', async () => {
  const ana = new ChatUser(t, '5215512340003', 'Ana');
  await ana.register('Ana Ruiz');
  await ana.tap(/Pedir un servicio/);
  await ana.expect(/Qué servicio necesitas/);
  await ana.tap(/Electricidad/);
  await ana.expect(/qué pasa|what's wrong/i);
  await ana.tap(/^(Omitir|Skip)$/);
  await ana.expect(/a dónde enviamos al proveedor/);
  await ana.location(ROMA_NORTE.lat, ROMA_NORTE.lng);
  const [list] = (await ana.expect(/ordenados por cercanía y calificación/)).slice(-1);
  expect(list.options.map((o) => o.title)).toContain('Electricista Roma');
  expect(list.text).not.toContain('Aún no llegamos');
});
