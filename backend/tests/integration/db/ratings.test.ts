import type { Knex } from 'knex';
import { acceptOffer } from '../../../src/db/offer-answers';
import { claimProviderForRequest } from '../../../src/db/offers';
import { getProviderById } from '../../../src/db/providers';
import { getRatingForRequest, listRatingsForProvider, rateRequest } from '../../../src/db/ratings';
import { completeRequest } from '../../../src/db/requests';
import { createTestDb, type TestDb } from '../../helpers/db';
import { makeProvider, makeRequest, makeServiceType, makeUser } from './fixtures';

describe('ratings', () => {
  let db: TestDb;
  let knex: Knex;
  let svc: number;
  beforeAll(async () => {
    db = await createTestDb({ poolMax: 20 });
    knex = db.knex;
    svc = await makeServiceType(knex, 'locksmith');
  });
  afterAll(async () => {
    await db.destroy();
  });

  async function finishedJob(providerId: number, customerId: number): Promise<number> {
    const r = await makeRequest(knex, { customerId, serviceTypeId: svc });
    const o = await claimProviderForRequest(knex, { requestId: r.id, providerId, ttlSeconds: 60 });
    if (!o.ok) throw new Error('claim failed');
    if (!(await acceptOffer(knex, { offerId: o.offer.id, providerId })).ok) throw new Error('accept failed');
    if (!(await completeRequest(knex, { requestId: r.id })).ok) throw new Error('complete failed');
    return r.id;
  }

  it('keeps the provider aggregate equal to the ratings written', async () => {
    const p = await makeProvider(knex, { services: [svc] });
    const customer = await makeUser(knex);
    for (const stars of [5, 4, 3]) {
      const requestId = await finishedJob(p.id, customer.id);
      expect(await rateRequest(knex, { requestId, customerId: customer.id, stars, comment: 'ok' })).toMatchObject({ ok: true, rating: { stars, providerId: p.id } });
    }
    expect(await getProviderById(knex, p.id)).toMatchObject({ ratingSum: 12, ratingCount: 3 });
    expect((await listRatingsForProvider(knex, p.id)).map((r) => r.stars).sort()).toEqual([3, 4, 5]);
  });

  it('rates a request once, even when two ratings race', async () => {
    const p = await makeProvider(knex, { services: [svc] });
    const customer = await makeUser(knex);
    const requestId = await finishedJob(p.id, customer.id);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => rateRequest(knex, { requestId, customerId: customer.id, stars: (i % 5) + 1 })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === 'already_rated')).toHaveLength(7);
    const rating = await getRatingForRequest(knex, requestId);
    expect(await getProviderById(knex, p.id)).toMatchObject({ ratingSum: rating!.stars, ratingCount: 1 });
  });

  it('refuses unfinished, foreign and out-of-range ratings (and the database checks stars too)', async () => {
    const p = await makeProvider(knex, { services: [svc] });
    const customer = await makeUser(knex);
    const open = await makeRequest(knex, { customerId: customer.id, serviceTypeId: svc });
    expect(await rateRequest(knex, { requestId: open.id, customerId: customer.id, stars: 5 })).toEqual({ ok: false, reason: 'not_done' });
    const requestId = await finishedJob(p.id, customer.id);
    expect(await rateRequest(knex, { requestId, customerId: customer.id + 999, stars: 5 })).toEqual({ ok: false, reason: 'not_found' });
    expect(await rateRequest(knex, { requestId, customerId: customer.id, stars: 6 })).toEqual({ ok: false, reason: 'invalid_stars' });
    expect(await rateRequest(knex, { requestId, customerId: customer.id, stars: 0 })).toEqual({ ok: false, reason: 'invalid_stars' });
    await expect(
      knex('ratings').insert({ request_id: requestId, customer_id: customer.id, provider_id: p.id, stars: 7 }),
    ).rejects.toMatchObject({ constraint: 'ratings_stars_check' });
    expect(await getProviderById(knex, p.id)).toMatchObject({ ratingSum: 0, ratingCount: 0 });
  });

  it('stores SQL-injection strings in comments verbatim', async () => {
    const p = await makeProvider(knex, { services: [svc] });
    const customer = await makeUser(knex);
    const requestId = await finishedJob(p.id, customer.id);
    const comment = "Robert'); DROP TABLE providers;-- y '; DROP TABLE users; --";
    const r = await rateRequest(knex, { requestId, customerId: customer.id, stars: 4, comment });
    expect(r.ok && r.rating.comment).toBe(comment);
    expect((await getRatingForRequest(knex, requestId))?.comment).toBe(comment);
  });
});
