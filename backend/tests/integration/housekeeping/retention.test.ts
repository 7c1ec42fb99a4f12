/** The retention job deletes exactly what is past the horizon, and nothing else. */
import Redis from 'ioredis';
import { runRetention } from '../../../src/housekeeping/retention';
import { sessionsKey } from '../../../src/queue/keys';
import { createTestDb, type TestDb } from '../../helpers/db';
import { deleteByPrefix, testPrefix } from '../../helpers/redis';

const DAY = 24 * 3600 * 1000;
const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
let db: TestDb;
let redis: Redis;
const prefix = testPrefix();

beforeAll(async () => {
  db = await createTestDb();
  redis = new Redis(process.env.REDIS_URL!);
});
afterAll(async () => {
  await db.destroy();
  redis.disconnect();
  await deleteByPrefix(process.env.REDIS_URL!, prefix);
});

it('removes message log rows and idempotency records older than their horizons, and stale session entries', async () => {
  const ages = [0, 1, 89, 90.01, 91, 400]; // days before NOW
  await db.knex('message_log').insert(
    ages.map((d, i) => ({
      wamid: `wamid.${i}`,
      direction: 'in',
      message_type: 'text',
      status: 'received',
      created_at: new Date(NOW - d * DAY),
    })),
  );
  await db.knex('operation_results').insert(
    [1, 29, 31, 60].map((d, i) => ({
      idempotency_key: `k${i}`,
      op: 'createRequest',
      result: JSON.stringify({ ok: true }),
      created_at: new Date(NOW - d * DAY),
    })),
  );
  const skey = sessionsKey(prefix);
  await redis.zadd(skey, NOW - 1000, 'wa:1', NOW - 2 * DAY, 'wa:2', NOW - 10 * DAY, 'wa:3');

  const report = await runRetention(
    db.knex,
    redis,
    prefix,
    { messageLogDays: 90, operationResultsDays: 30, sessionTtlMs: DAY },
    NOW,
  );

  expect(report).toEqual({ messageLog: 3, operationResults: 2, sessions: 2 });
  const left = (await db.knex('message_log').select('wamid').orderBy('wamid')).map(
    (r: { wamid: string }) => r.wamid,
  );
  expect(left).toEqual(['wamid.0', 'wamid.1', 'wamid.2']);
  const keys = (
    await db.knex('operation_results').select('idempotency_key').orderBy('idempotency_key')
  ).map((r: { idempotency_key: string }) => r.idempotency_key);
  expect(keys).toEqual(['k0', 'k1']);
  expect(await redis.zrange(skey, 0, -1)).toEqual(['wa:1']);

  const again = await runRetention(
    db.knex,
    redis,
    prefix,
    { messageLogDays: 90, operationResultsDays: 30, sessionTtlMs: DAY },
    NOW,
  );
  expect(again).toEqual({ messageLog: 0, operationResults: 0, sessions: 0 });
});
