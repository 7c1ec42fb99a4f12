/** Provider lists are cached briefly in Redis and invalidated when a provider toggles. */
import Redis from 'ioredis';
import { createOperationHandlers } from '../../../src/operations';
import type { OperationContext } from '../../../src/operations/registry';
import { createTestDb, type TestDb } from '../../helpers/db';
import { deleteByPrefix, testPrefix } from '../../helpers/redis';
import { addProvider, ROMA_NORTE, seedServiceTypes } from '../../helpers/marketplace';

let db: TestDb;
const redis = new Redis(process.env.REDIS_URL!);
const prefix = testPrefix();

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  redis.disconnect();
  await deleteByPrefix(process.env.REDIS_URL!, prefix);
  await db.destroy();
});

const ctx = (key: string): OperationContext => ({
  key,
  contact: {},
  commandId: `c-${Math.random()}`,
  correlationId: 'x',
  now: Date.now(),
});

it("serves repeated lists from the cache, drops the customer's own profile, and refreshes after a toggle", async () => {
  const services = await seedServiceTypes(db.knex);
  const a = await addProvider(db.knex, services, { waId: '5215500007001', displayName: 'Uno' });
  const b = await addProvider(db.knex, services, {
    waId: '5215500007002',
    displayName: 'Dos',
    lat: ROMA_NORTE.lat + 0.01,
  });
  const handlers = createOperationHandlers({
    knex: db.knex,
    config: {
      marketplace: {
        offerTimeoutSeconds: 300,
        maxOffersPerRequest: 5,
        missedOffersBeforeOffline: 3,
        jobDoneMinMinutes: 0,
        rateReminderMinutes: 240,
        providerListCacheSeconds: 30,
      },
    },
    cache: { redis, prefix, ttlSeconds: 30 },
  });
  const input = {
    serviceTypeId: services.get('plumbing')!,
    lat: ROMA_NORTE.lat,
    lng: ROMA_NORTE.lng,
    customerUserId: 999999,
    limit: 5,
  };

  const first = await handlers.findCandidates(input, ctx('wa:1'));
  expect(first.candidates.map((c) => c.name)).toEqual(['Uno', 'Dos']);
  expect(first.coverage).toEqual({ covered: true });
  // Change the database behind the cache's back: the cached list is still served, coverage included...
  await db.knex('providers').where({ id: b.providerId }).update({ online: false });
  const cached = await handlers.findCandidates(input, ctx('wa:1'));
  expect(cached.candidates.map((c) => c.name)).toEqual(['Uno', 'Dos']);
  expect(cached.coverage).toEqual({ covered: true });
  // ...and a customer who is also provider "Uno" never sees themselves.
  expect(
    (
      await handlers.findCandidates({ ...input, customerUserId: a.userId }, ctx('wa:2'))
    ).candidates.map((c) => c.name),
  ).toEqual(['Dos']);

  // A provider toggling through the conversation invalidates every cached list.
  await handlers.setProviderOnline(
    { providerUserId: a.userId, online: false },
    ctx('wa:5215500007001'),
  );
  expect((await handlers.findCandidates(input, ctx('wa:1'))).candidates).toEqual([]);
  await handlers.setProviderOnline(
    { providerUserId: a.userId, online: true },
    ctx('wa:5215500007001'),
  );
  expect((await handlers.findCandidates(input, ctx('wa:1'))).candidates.map((c) => c.name)).toEqual(
    ['Uno'],
  );

  // Lists for a specific request (re-offers) never come from the cache.
  const before = (await redis.keys(`${prefix}:cache:cand:*`)).length;
  await handlers.findCandidates({ ...input, requestId: 12345 }, ctx('wa:1'));
  expect((await redis.keys(`${prefix}:cache:cand:*`)).length).toBe(before);
});
