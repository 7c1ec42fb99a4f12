/**
 * 20 customers ask for the same service at the same time with 5 providers online who accept
 * everything: nobody holds two jobs, and every customer gets an answer.
 */
import { startTestSystem, type TestSystem } from '../../helpers/system';
import { ChatUser } from '../../helpers/chat';
import { addProvider, seedServiceTypes } from '../../helpers/marketplace';
import { customerUpToProviders, warmUp } from '../../helpers/journeys';

let t: TestSystem;

beforeAll(async () => {
  t = await startTestSystem({
    OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0',
    WORKER_CONCURRENCY: '32',
    MAX_OFFERS_PER_REQUEST: '5',
  });
});
afterAll(async () => {
  await t.stop();
});

it('no provider holds two accepted jobs; every customer is answered', async () => {
  const services = await seedServiceTypes(t.db.knex);
  const providers = Array.from(
    { length: 5 },
    (_, i) => new ChatUser(t, `52155555500${i}0`, `P${i}`),
  );
  for (const [i, p] of providers.entries()) {
    await addProvider(t.db.knex, services, {
      waId: p.waId,
      displayName: `Plomero ${i}`,
      lat: 19.4195 + i * 0.002,
      lng: -99.1617,
    });
    await warmUp(p);
  }
  const customers = Array.from(
    { length: 20 },
    (_, i) => new ChatUser(t, `5215566660${String(i).padStart(3, '0')}`, `C${i}`),
  );
  await Promise.all(customers.map((c, i) => customerUpToProviders(c, `Cliente ${i}`)));

  // Providers accept every offer they get, as fast as they can.
  let stop = false;
  const acceptLoops = providers.map(async (p) => {
    let taps = 0;
    while (!stop) {
      const pending = p
        .all()
        .filter((m) => m.options.some((o) => o.id.startsWith('offer:accept:')));
      if (pending.length > taps) {
        const m = pending[taps++];
        const option = m.options.find((o) => o.id.startsWith('offer:accept:'))!;
        await p.send({ type: 'button_reply', id: option.id, title: option.title }, m.raw.messageId);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  await Promise.all(
    customers.map(async (c) => {
      const [list] = (
        await c.expect(/ordenados por cercanía y calificación|no hay nadie disponible/, 20000)
      ).slice(-1);
      if (list.options.some((o) => /Que la app elija/.test(o.title)))
        await c.tap(/Que la app elija/);
    }),
  );
  await Promise.all(
    customers.map((c) =>
      c.expect(/aceptó tu solicitud|nadie está disponible|no hay proveedores/, 40000),
    ),
  );
  stop = true;
  await Promise.all(acceptLoops);

  const perProvider = await t.db
    .knex('service_requests')
    .where({ status: 'accepted' })
    .groupBy('provider_id')
    .select('provider_id')
    .count('* as n');
  expect(perProvider.length).toBeGreaterThan(0);
  for (const row of perProvider as { n: string }[]) expect(Number(row.n)).toBe(1);
  const acceptedOffers = await t.db
    .knex('offers')
    .where({ status: 'accepted' })
    .groupBy('provider_id')
    .select('provider_id')
    .count('* as n');
  for (const row of acceptedOffers as { n: string }[]) expect(Number(row.n)).toBe(1);
}, 120000);
