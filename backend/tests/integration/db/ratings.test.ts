import type { Knex } from 'knex';
import { acceptOffer } from '../../../src/db/offer-answers';
import { claimProviderForRequest } from '../../../src/db/offers';
import { getProviderById } from '../../../src/db/providers';
import { listLatestReviews, saveRating, type RatingInput } from '../../../src/db/ratings';
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
    if (!(await acceptOffer(knex, { offerId: o.offer.id, providerId })).ok)
      throw new Error('accept failed');
    if (!(await completeRequest(knex, { requestId: r.id })).ok) throw new Error('complete failed');
    return r.id;
  }

  const save = (r: RatingInput) => knex.transaction((trx) => saveRating(trx, r));
  const stored = (requestId: number) => knex('ratings').where({ request_id: requestId });

  it('keeps the provider aggregate equal to the ratings written; reviews newest first with the author', async () => {
    const p = await makeProvider(knex, { services: [svc] });
    const customer = await makeUser(knex, 'María José López');
    for (const [i, stars] of [5, 4, 3].entries()) {
      const requestId = await finishedJob(p.id, customer.id);
      const now = new Date(Date.UTC(2026, 10, 26, 10, i));
      expect(
        await save({
          requestId,
          customerId: customer.id,
          providerId: p.id,
          stars,
          comment: `ok ${stars}`,
          now,
        }),
      ).toEqual({ first: true, changed: false, locked: false });
    }
    expect(await getProviderById(knex, p.id)).toMatchObject({ ratingSum: 12, ratingCount: 3 });
    const reviews = await listLatestReviews(knex, p.id, 2);
    expect(reviews).toEqual([
      {
        stars: 3,
        comment: 'ok 3',
        createdAt: new Date(Date.UTC(2026, 10, 26, 10, 2)),
        authorName: 'María José López',
      },
      {
        stars: 4,
        comment: 'ok 4',
        createdAt: new Date(Date.UTC(2026, 10, 26, 10, 1)),
        authorName: 'María José López',
      },
    ]);
  });

  it('a second save updates the same row and moves the aggregate by the difference only', async () => {
    const p = await makeProvider(knex, { services: [svc] });
    const customer = await makeUser(knex);
    const requestId = await finishedJob(p.id, customer.id);
    const base = { requestId, customerId: customer.id, providerId: p.id, now: new Date() };
    expect(await save({ ...base, stars: 2 })).toEqual({
      first: true,
      changed: false,
      locked: false,
    });
    expect(await save({ ...base, stars: 2, comment: 'llegó tarde' })).toEqual({
      first: false,
      changed: false,
      locked: false,
    });
    expect(await getProviderById(knex, p.id)).toMatchObject({ ratingSum: 2, ratingCount: 1 });
    expect(await save({ ...base, stars: 4 })).toEqual({
      first: false,
      changed: true,
      locked: false,
    });
    expect(await getProviderById(knex, p.id)).toMatchObject({ ratingSum: 4, ratingCount: 1 });
    expect(await stored(requestId)).toEqual([
      expect.objectContaining({ stars: 4, comment: 'llegó tarde' }),
    ]);
  });

  it('the database refuses stars out of range, and the aggregate stays as it was', async () => {
    const p = await makeProvider(knex, { services: [svc] });
    const customer = await makeUser(knex);
    const requestId = await finishedJob(p.id, customer.id);
    await expect(
      save({ requestId, customerId: customer.id, providerId: p.id, stars: 7, now: new Date() }),
    ).rejects.toMatchObject({
      constraint: 'ratings_stars_check',
    });
    expect(await stored(requestId)).toEqual([]);
    expect(await getProviderById(knex, p.id)).toMatchObject({ ratingSum: 0, ratingCount: 0 });
  });

  it('stores SQL-injection strings in comments verbatim', async () => {
    const p = await makeProvider(knex, { services: [svc] });
    const customer = await makeUser(knex);
    const requestId = await finishedJob(p.id, customer.id);
    const comment = "Robert'); DROP TABLE providers;-- y '; DROP TABLE users; --";
    await save({
      requestId,
      customerId: customer.id,
      providerId: p.id,
      stars: 4,
      comment,
      now: new Date(),
    });
    expect((await listLatestReviews(knex, p.id, 5))[0]?.comment).toBe(comment);
  });
});
