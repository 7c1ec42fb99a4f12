/** Two messages of one person are processed one after the other, in order. */
import { batchEnvelope, inboundEnvelope } from '../../dev/fake-cloud-api/payloads';
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
const sends = (to: string) =>
  t.fake.received().filter((m) => m.kind === 'message' && m.to === to).length;

async function stateName(key: string): Promise<string | undefined> {
  const d = await t.system.redis.hget(conversationKeys(t.prefix, key).state, 'd');
  return d ? (JSON.parse(d) as { name: string }).name : undefined;
}

async function idle(key: string): Promise<boolean> {
  const k = conversationKeys(t.prefix, key);
  return (await t.system.redis.zcard(k.inbox)) === 0 && (await t.system.redis.llen(k.outbox)) === 0;
}

it('two messages arriving together (one batch, and two concurrent deliveries) each advance the state once, in order', async () => {
  const user = { waId: '5215512349001', name: 'Carla' };
  const key = `wa:${user.waId}`;
  // Get to the main menu: greeting, then the name.
  await t.postWebhook(inboundEnvelope(user, { type: 'text', body: 'hola' }));
  await eventually(async () => (await idle(key)) && sends('525512349001') >= 1);
  await t.postWebhook(inboundEnvelope(user, { type: 'text', body: 'Carla' }));
  await eventually(async () => (await idle(key)) && (await stateName(key)) === 'mainMenu');
  await eventually(
    async () =>
      t.fake.received().filter((m) => m.kind === 'message').length === sends('525512349001') &&
      idle(key),
  );
  const v0 = await version(key);
  const s0 = sends('525512349001');

  // In the menu, text it does not understand is answered without any database call:
  // exactly one state commit per message.
  const batch = batchEnvelope([
    { user, content: { type: 'text', body: 'qwxz uno' } },
    { user, content: { type: 'text', body: 'qwxz dos' } },
  ]);
  expect((await t.postWebhook(batch)).status).toBe(200);
  await eventually(async () => (await version(key)) === v0 + 2 && idle(key));
  await eventually(async () => sends('525512349001') >= s0 + 2);

  const [a, b] = await Promise.all([
    t.postWebhook(inboundEnvelope(user, { type: 'text', body: 'qwxz tres' })),
    t.postWebhook(inboundEnvelope(user, { type: 'text', body: 'qwxz cuatro' })),
  ]);
  expect([a.status, b.status]).toEqual([200, 200]);
  await eventually(async () => (await version(key)) === v0 + 4 && idle(key));
  expect(await version(key)).toBe(v0 + 4);
  expect(await stateName(key)).toBe('mainMenu');
});

it('many people at once are all answered', async () => {
  const users = Array.from({ length: 30 }, (_, i) => ({
    waId: `52155123491${String(i).padStart(2, '0')}`,
    name: `U${i}`,
  }));
  const res = await Promise.all(
    users.map((u) => t.postWebhook(inboundEnvelope(u, { type: 'text', body: 'hola' }))),
  );
  expect(res.every((r) => r.status === 200)).toBe(true);
  await eventually(async () => users.every((u) => sends(`52${u.waId.slice(3)}`) >= 1), 20000);
});
