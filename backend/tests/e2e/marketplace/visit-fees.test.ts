/**
 * Visit fees end to end: set at registration (or skipped as "no fee"), changed from the provider's
 * menu, shown to customers in the providers list, on the provider's card and when the request is
 * sent, and the answer to "¿cuánto cobran?" while looking at providers.
 */
import { startTestSystem, type TestSystem } from '../../helpers/system';
import { ChatUser } from '../../helpers/chat';
import { addProvider, ROMA_NORTE, seedServiceTypes } from '../../helpers/marketplace';
import { customerUpToProviders, warmUp } from '../../helpers/journeys';

let t: TestSystem;
let services: Map<string, number>;

beforeAll(async () => {
  t = await startTestSystem({ OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0' });
  services = await seedServiceTypes(t.db.knex);
});
afterAll(async () => {
  await t.stop();
});

const feeOf = async (waId: string) =>
  (
    await t.db
      .knex('providers as p')
      .join('users as u', 'u.id', 'p.user_id')
      .where('u.wa_id', waId)
      .first('p.visit_fee')
  ).visit_fee as number | null;

it('customers see each visit fee in the list, on the card and when booking; "cuánto cobran" answers with them', async () => {
  const paid = new ChatUser(t, '5215570000001', 'Paty');
  const { providerId } = await addProvider(t.db.knex, services, {
    waId: paid.waId,
    displayName: 'Plomería Paty',
    lat: ROMA_NORTE.lat + 0.002,
  });
  await t.db.knex('providers').update({ visit_fee: 1200 }).where({ id: providerId });
  const agreed = new ChatUser(t, '5215570000002', 'Beto');
  await addProvider(t.db.knex, services, {
    waId: agreed.waId,
    displayName: 'Plomería Beto',
    lat: ROMA_NORTE.lat + 0.004,
  });
  for (const p of [paid, agreed]) await warmUp(p);

  const c = new ChatUser(t, '5215570000011', 'Clara');
  await customerUpToProviders(c, 'Clara Núñez');
  const [list] = (await c.expect(/proveedores cerca de ti/)).slice(-1);
  expect(list.options.find((o) => /Plomería Paty/.test(o.title))?.description).toMatch(
    / · Visita \$1,200$/,
  );
  expect(list.options.find((o) => /Plomería Beto/.test(o.title))?.description).toMatch(
    / · Visita a convenir$/,
  );

  await c.say('¿cuánto cobran?');
  const [prices] = (await c.expect(/Esto cobran por ir a ver el trabajo/)).slice(-1);
  expect(prices.text).toContain('• Plomería Paty: $1,200 MXN');
  expect(prices.text).toContain('• Plomería Beto: a convenir');
  // The question is asked again after the answer: the list is still there to choose from.
  await c.expect(/proveedores cerca de ti/);

  await c.tap(/Plomería Paty/);
  const [card] = (await c.expect(/Costo de visita:/)).slice(-1);
  expect(card.text).toContain('Costo de visita: $1,200 MXN');
  await c.say('cuanto cobra');
  await c.expect(/• Plomería Paty: \$1,200 MXN/);
  await c.tap(/Reservar/);
  const [sent] = (await c.expect(/le enviamos tu solicitud a Plomería Paty/)).slice(-1);
  expect(sent.text).toContain('Costo de visita de Plomería Paty: $1,200 MXN');

  // Elsewhere, the general answer.
  await c.say('menú');
  await c.expect(/En qué te ayudo/);
  await c.say('cuánto cobran?');
  const [general] = (await c.expect(/Cada proveedor pone su precio/)).slice(-1);
  expect(general.text).not.toContain('•');
});

it('providers set it when registering ("Sin costo de visita") and change it from the menu', async () => {
  const pro = new ChatUser(t, '5215570000021', 'Nico');
  await pro.register('Nicolás Ramos');
  await pro.tap(/Ser proveedor/);
  await pro.expect(/1\/4/);
  await pro.say('Cerrajería Nico');
  await pro.expect(/2\/4/);
  await pro.tap(/Cerrajería/);
  await pro.expect(/Marcados: Cerrajería/);
  await pro.tap(/Listo/);
  await pro.expect(/3\/4/);
  await pro.location(ROMA_NORTE.lat, ROMA_NORTE.lng);
  await pro.expect(/4\/4/);
  await pro.tap(/Hasta 5 km/);
  const [question] = (await pro.expect(/cuánto cobras por ir a ver el trabajo/)).slice(-1);
  expect(question.options.map((o) => o.title)).toEqual(['Sin costo de visita', 'A convenir']);
  // Something that is not an amount we take gets a hint, not a dead end.
  await pro.say('$350.50');
  await pro.expect(/sin centavos/);
  await pro.say('20,000');
  await pro.expect(/entre \$0 y \$10,000 MXN/);
  await pro.tap(/Sin costo de visita/);
  await pro.expect(/Recibimos tu registro/);
  expect(await feeOf(pro.waId)).toBe(0);

  // Later, from the menu.
  await pro.say('menú');
  await pro.expect((m) => m.options.some((o) => /Costo de visita/.test(o.title)));
  await pro.tap(/Costo de visita/);
  await pro.expect(/Los clientes lo ven antes de elegirte/);
  await pro.say('$1,500 pesos');
  await pro.expect(/tu costo de visita ahora es \$1,500 MXN/);
  expect(await feeOf(pro.waId)).toBe(1500);
  await pro.tap(/Costo de visita/);
  await pro.expect(/Los clientes lo ven antes de elegirte/);
  await pro.tap(/A convenir/);
  await pro.expect(/tu costo de visita ahora es a convenir/);
  expect(await feeOf(pro.waId)).toBeNull();
});
