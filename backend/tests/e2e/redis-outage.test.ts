/**
 * Redis down → the webhook answers 503 (Meta retries later); Redis back → the retried message
 * and everything accepted before the outage are processed. Runs its own Redis with AOF.
 */
import { inboundEnvelope, newWamid } from '../../dev/fake-cloud-api/payloads';
import { startTestSystem, type TestSystem } from '../helpers/system';
import { startOwnRedis, type OwnRedis } from '../helpers/own-redis';
import { eventually } from '../helpers/redis';

let redis: OwnRedis;
let t: TestSystem;

beforeAll(async () => {
  redis = await startOwnRedis();
  t = await startTestSystem({ REDIS_URL: redis.url }, 'all');
});
afterAll(async () => {
  await t.stop().catch(() => undefined);
  await redis.destroy();
});

const sends = (to: string) =>
  t.fake.received().filter((m) => m.kind === 'message' && m.to === to).length;

it('answers 503 while Redis is down and loses nothing once it is back', async () => {
  const ana = { waId: '5215512348001', name: 'Ana' };
  const beto = { waId: '5215512348002', name: 'Beto' };
  // Accepted just before the outage, while the bot cannot send (Cloud API slow):
  t.fake.setLatency(1500);
  expect((await t.postWebhook(inboundEnvelope(ana, { type: 'text', body: 'hola' }))).status).toBe(
    200,
  );
  await redis.stop();

  const retried = inboundEnvelope(beto, { type: 'text', body: 'hola' }, { id: newWamid() });
  const during = await t.postWebhook(retried);
  expect(during.status).toBe(503);
  expect(during.headers.get('retry-after')).toBeTruthy();
  const ready = await fetch(`${t.baseUrl}/health/ready`);
  expect(ready.status).toBe(503);
  expect(JSON.stringify(await ready.json())).toContain('redis');

  await redis.start();
  t.fake.setLatency(0);
  // Meta retries the delivery that got 503.
  await eventually(async () => (await t.postWebhook(retried)).status === 200, 20000, 250);
  await eventually(async () => sends('525512348002') === 1, 30000);
  await eventually(async () => sends('525512348001') === 1, 30000);
  expect(sends('525512348001')).toBe(1);
  expect(sends('525512348002')).toBe(1);
});
