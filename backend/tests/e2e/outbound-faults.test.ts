/** Cloud API failures: retryable ones are retried and delivered once, permanent ones dead-lettered. */
import { inboundEnvelope } from '../../dev/fake-cloud-api/payloads';
import { startTestSystem, type TestSystem } from '../helpers/system';
import { eventually, sleep } from '../helpers/redis';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem({ OUTBOUND_MAX_ATTEMPTS: '4' });
});
afterAll(async () => {
  await t.stop();
});

const attempts = (to: string) =>
  t.fake.received().filter((m) => m.kind === 'message' && m.to === to);

it('429 (130429) then 200 → the reply is delivered exactly once', async () => {
  t.fake.failFor('525512346001', 'throughput', 1);
  await t.postWebhook(
    inboundEnvelope({ waId: '5215512346001', name: 'Eva' }, { type: 'text', body: 'hola' }),
  );
  await eventually(async () => attempts('525512346001').some((m) => m.status === 200), 15000);
  await sleep(800);
  const all = attempts('525512346001');
  expect(all.map((m) => m.status)).toEqual([429, 200]);
});

it('500 twice then success → delivered once', async () => {
  t.fake.failFor('525512346002', 'server', 2);
  await t.postWebhook(
    inboundEnvelope({ waId: '5215512346002', name: 'Fer' }, { type: 'text', body: 'hola' }),
  );
  await eventually(async () => attempts('525512346002').some((m) => m.status === 200), 15000);
  await sleep(800);
  expect(attempts('525512346002').map((m) => m.status)).toEqual([500, 500, 200]);
});

it('a permanent error (131026) is dead-lettered with its code, not retried', async () => {
  t.fake.failFor('525512346003', 'undeliverable');
  await t.postWebhook(
    inboundEnvelope({ waId: '5215512346003', name: 'Gil' }, { type: 'text', body: 'hola' }),
  );
  const letter = await eventually(async () => {
    const jobs = await t.system.queues.dead.getJobs(['waiting']);
    return jobs.find((j) => j.data.origin === 'outbound' && j.data.key === 'wa:5215512346003');
  }, 15000);
  expect(letter.data.errorCode).toBe(131026);
  await sleep(800);
  expect(attempts('525512346003')).toHaveLength(1);
  const metrics = await (await fetch(`${t.baseUrl}/metrics`)).text();
  expect(metrics).toMatch(/whatsapp_send_errors_total\{code="131026",retryable="false"\} 1/);
});
