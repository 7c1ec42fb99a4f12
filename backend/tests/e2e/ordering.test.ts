/** Two messages of one person are processed one after the other, in order. */
import { batchEnvelope, inboundEnvelope } from '../../src/dev/fake-cloud-api/payloads';
import { conversationKeys } from '../../src/queue/keys';
import { startTestSystem, type TestSystem } from '../helpers/system';
import { eventually } from '../helpers/redis';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem({ WORKER_CONCURRENCY: '16' });
});
afterAll(async () => {
  await t.stop();
});

async function version(key: string): Promise<number> {
  return Number((await t.system.redis.hget(conversationKeys(t.prefix, key).state, 'v')) ?? 0);
}
const sends = (to: string) => t.fake.received().filter((m) => m.kind === 'message' && m.to === to).length;

it('two messages arriving together (one batch, and two concurrent deliveries) each advance the state once', async () => {
  const user = { waId: '5215512349001', name: 'Carla' };
  const key = `wa:${user.waId}`;
  await t.postWebhook(inboundEnvelope(user, { type: 'text', body: 'hola' }));
  await eventually(async () => sends('525512349001') === 1);
  await eventually(async () => (await t.system.redis.llen(conversationKeys(t.prefix, key).outbox)) === 0);
  const v0 = await version(key);

  const batch = batchEnvelope([
    { user, content: { type: 'text', body: 'uno' } },
    { user, content: { type: 'text', body: 'dos' } },
  ]);
  expect((await t.postWebhook(batch)).status).toBe(200);
  await eventually(async () => (await version(key)) === v0 + 2);
  await eventually(async () => sends('525512349001') === 3);

  const [a, b] = await Promise.all([
    t.postWebhook(inboundEnvelope(user, { type: 'text', body: 'tres' })),
    t.postWebhook(inboundEnvelope(user, { type: 'text', body: 'cuatro' })),
  ]);
  expect([a.status, b.status]).toEqual([200, 200]);
  await eventually(async () => (await version(key)) === v0 + 4);
  await eventually(async () => sends('525512349001') === 5);
  expect(await version(key)).toBe(v0 + 4);
});

it('many people at once are all answered', async () => {
  const users = Array.from({ length: 30 }, (_, i) => ({ waId: `52155123491${String(i).padStart(2, '0')}`, name: `U${i}` }));
  const res = await Promise.all(users.map((u) => t.postWebhook(inboundEnvelope(u, { type: 'text', body: 'hola' }))));
  expect(res.every((r) => r.status === 200)).toBe(true);
  await eventually(async () => users.every((u) => sends(`52${u.waId.slice(3)}`) === 1), 20000);
});
