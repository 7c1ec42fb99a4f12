/**
 * A worker process SIGKILLed in the middle of a job: after a new worker starts, the message
 * is processed and answered exactly once.
 */
import type { ChildProcess } from 'node:child_process';
import type { Knex } from 'knex';
import { inboundEnvelope } from '../../dev/fake-cloud-api/payloads';
import { conversationKeys } from '../../src/queue/keys';
import { startTestSystem, type TestSystem } from '../helpers/system';
import { eventually, sleep } from '../helpers/redis';
import { outputOf, spawnBot, waitExit } from '../helpers/child';

let t: TestSystem;
const children: ChildProcess[] = [];

beforeAll(async () => {
  t = await startTestSystem({}, 'web');
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await t.stop();
});

function workerEnv(): Record<string, string> {
  return {
    PORT: '0',
    DATABASE_SCHEMA: t.config.db.schema,
    REDIS_KEY_PREFIX: t.prefix,
    WHATSAPP_API_BASE_URL: t.config.whatsapp.apiBaseUrl,
    QUEUE_STALLED_INTERVAL_MS: '1000',
    QUEUE_LOCK_DURATION_MS: '2000',
    CONVERSATION_LOCK_MS: '1500',
  };
}

it('processes the message after the worker is killed mid-job and restarted', async () => {
  const user = { waId: '5215512347001', name: 'Dora' };
  const key = `wa:${user.waId}`;
  const keys = conversationKeys(t.prefix, key);
  // Hold the users table so the worker blocks inside its database call for this message.
  const trx: Knex.Transaction = await t.db.knex.transaction();
  await trx.raw('lock table users in access exclusive mode');

  const first = spawnBot('worker', workerEnv());
  children.push(first);
  expect((await t.postWebhook(inboundEnvelope(user, { type: 'text', body: 'hola' }))).status).toBe(
    200,
  );
  // The worker has taken the conversation and is stuck in the middle of the job.
  await eventually(async () => (await t.system.redis.exists(keys.lock)) === 1, 20000);
  first.kill('SIGKILL');
  const exit = await waitExit(first);
  expect(exit.signal).toBe('SIGKILL');
  await trx.rollback();
  expect(t.fake.received().filter((m) => m.kind === 'message')).toHaveLength(0);

  const second = spawnBot('worker', workerEnv());
  children.push(second);
  try {
    await t.fake.waitFor((m) => m.kind === 'message' && m.to === '525512347001', 30000);
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${outputOf(second)}`);
  }
  await sleep(1500);
  expect(
    t.fake.received().filter((m) => m.kind === 'message' && m.to === '525512347001'),
  ).toHaveLength(1);

  second.kill('SIGTERM');
  const graceful = await waitExit(second);
  expect(graceful.code).toBe(0);
});
