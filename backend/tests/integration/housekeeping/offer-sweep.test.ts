/** Offers whose timeout timer was lost are found and their timeout delivered once. */
import Redis from 'ioredis';
import { sweepDueOffers } from '../../../src/housekeeping/offer-sweep';
import { createQueues, type Queues } from '../../../src/queue/queues';
import { withScripts } from '../../../src/queue/scripts';
import { conversationKeys } from '../../../src/queue/keys';
import type { InboxEntry } from '../../../src/queue/inbox';
import { createTestDb, type TestDb } from '../../helpers/db';
import { deleteByPrefix, testPrefix } from '../../helpers/redis';
import { addProvider, seedServiceTypes } from '../../helpers/marketplace';

let db: TestDb;
let queues: Queues;
const redis = withScripts(new Redis(process.env.REDIS_URL!));
const prefix = testPrefix();

beforeAll(async () => {
  db = await createTestDb();
  queues = createQueues(redis, prefix);
});
afterAll(async () => {
  await queues.close();
  redis.disconnect();
  await deleteByPrefix(process.env.REDIS_URL!, prefix);
  await db.destroy();
});

it('delivers an offerTimeout event to the customer for overdue offers only, once', async () => {
  const services = await seedServiceTypes(db.knex);
  const { providerId } = await addProvider(db.knex, services, {
    waId: '5215500009001',
    displayName: 'P',
  });
  const { providerId: p2 } = await addProvider(db.knex, services, {
    waId: '5215500009002',
    displayName: 'Q',
  });
  const [customer] = await db
    .knex('users')
    .insert({ wa_id: '5215500009100', name: 'C' })
    .returning('id');
  const mkRequest = async (key: string) =>
    (
      await db
        .knex('service_requests')
        .insert({
          customer_id: customer.id,
          service_type_id: services.get('plumbing'),
          lat: 19.42,
          lng: -99.16,
          status: 'offered',
          idempotency_key: key,
        })
        .returning('id')
    )[0].id as number;
  const overdue = await mkRequest('r1');
  const fresh = await mkRequest('r2');
  const now = Date.now();
  const [late] = await db
    .knex('offers')
    .insert({
      request_id: overdue,
      provider_id: providerId,
      status: 'offered',
      offered_at: new Date(now - 600_000),
      expires_at: new Date(now - 300_000),
    })
    .returning('id');
  await db.knex('offers').insert({
    request_id: fresh,
    provider_id: p2,
    status: 'offered',
    offered_at: new Date(now),
    expires_at: new Date(now + 300_000),
  });

  const deps = { redis, queues, prefix, dedupeTtlMs: 60_000 };
  expect(await sweepDueOffers(db.knex, deps, 60_000, now)).toBe(1);
  expect(await sweepDueOffers(db.knex, deps, 60_000, now)).toBe(0);
  const inbox = await redis.zrange(conversationKeys(prefix, 'wa:5215500009100').inbox, 0, -1);
  expect(inbox).toHaveLength(1);
  const entry = JSON.parse(inbox[0]) as InboxEntry;
  expect(entry.event).toMatchObject({
    source: 'internal',
    kind: 'timer',
    id: `timer:offer:${late.id}`,
    timer: 'offerTimeout',
    data: { requestId: overdue, offerId: late.id },
  });
});
