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

it('removes message log rows, idempotency records and closed handoffs (with transcripts) older than their horizons, and stale session entries; open handoffs stay', async () => {
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
  // Handoffs: closed long ago (gone, with their transcript), closed recently, and open for
  // longer than the horizon (an open one is never deleted).
  const handoff = async (key: string, status: 'open' | 'closed', daysAgo: number) => {
    const [row] = await db
      .knex('handoffs')
      .insert({
        conversation_key: key,
        reason: 'user',
        status,
        idempotency_key: `h-${key}`,
        opened_at: new Date(NOW - (daysAgo + 1) * DAY),
        closed_at: status === 'closed' ? new Date(NOW - daysAgo * DAY) : null,
        closed_by: status === 'closed' ? 'timeout' : null,
      })
      .returning<{ id: number }[]>('id');
    await db.knex('handoff_messages').insert({
      handoff_id: row!.id,
      author: 'person',
      body: 'necesito ayuda',
      source_id: `wamid.h-${key}`,
    });
    return row!.id;
  };
  const oldClosed = await handoff('wa:old', 'closed', 91);
  const recentClosed = await handoff('wa:recent', 'closed', 89);
  const longOpen = await handoff('wa:open', 'open', 200);
  const skey = sessionsKey(prefix);
  await redis.zadd(skey, NOW - 1000, 'wa:1', NOW - 2 * DAY, 'wa:2', NOW - 10 * DAY, 'wa:3');

  const report = await runRetention(
    db.knex,
    redis,
    prefix,
    { messageLogDays: 90, operationResultsDays: 30, handoffDays: 90, sessionTtlMs: DAY },
    NOW,
  );

  expect(report).toEqual({ messageLog: 3, operationResults: 2, handoffs: 1, sessions: 2 });
  const handoffsLeft = (await db.knex('handoffs').select('id').orderBy('id')).map(
    (r: { id: number }) => r.id,
  );
  expect(handoffsLeft).toEqual([recentClosed, longOpen]);
  const transcripts = await db.knex('handoff_messages').select('handoff_id');
  expect(transcripts.map((r: { handoff_id: number }) => r.handoff_id).sort()).toEqual(
    [recentClosed, longOpen].sort(),
  );
  expect(oldClosed).toBeGreaterThan(0);
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
    { messageLogDays: 90, operationResultsDays: 30, handoffDays: 90, sessionTtlMs: DAY },
    NOW,
  );
  expect(again).toEqual({ messageLog: 0, operationResults: 0, handoffs: 0, sessions: 0 });
});
