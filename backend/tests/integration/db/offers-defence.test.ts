/**
 * Second line of defence: even if the one-open-offer-per-provider index were missing and a
 * provider held two open offers, two concurrent Accept taps still give them one job
 * (provider row lock + busy check). Own schema, because the test drops that index.
 */
import { acceptOffer } from '../../../src/db/offer-answers';
import { getProviderById } from '../../../src/db/providers';
import { createTestDb, type TestDb } from '../../helpers/db';
import { makeProvider, makeRequest, makeServiceType, makeUser } from './fixtures';

describe('accept without the unique index', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb({ poolMax: 10 });
    await db.knex.raw('drop index offers_one_open_per_provider_uq');
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('gives one job per provider across 10 rounds of two concurrent Accept taps on two offers', async () => {
    const { knex } = db;
    const svc = await makeServiceType(knex, 'electrical');
    const customer = await makeUser(knex);
    for (let round = 0; round < 10; round++) {
      const p = await makeProvider(knex, { services: [svc] });
      const [r1, r2] = [
        await makeRequest(knex, { customerId: customer.id, serviceTypeId: svc }),
        await makeRequest(knex, { customerId: customer.id, serviceTypeId: svc }),
      ];
      const now = new Date();
      const offers = await knex('offers')
        .insert(
          [r1.id, r2.id].map((request_id) => ({
            request_id,
            provider_id: p.id,
            status: 'offered',
            offered_at: now,
            expires_at: new Date(now.getTime() + 60_000),
          })),
        )
        .returning<{ id: number }[]>('id');
      const taps = await Promise.all(
        offers.map((o) => acceptOffer(knex, { offerId: o.id, providerId: p.id })),
      );
      expect(taps.filter((t) => t.ok)).toHaveLength(1);
      expect(taps.find((t) => !t.ok)).toMatchObject({ reason: 'not_available', why: 'busy' });
      const busyWith = (await getProviderById(knex, p.id))?.currentRequestId;
      const accepted = await knex('service_requests').where({
        provider_id: p.id,
        status: 'accepted',
      });
      expect(accepted.map((r: { id: number }) => r.id)).toEqual([busyWith]);
    }
  });
});
