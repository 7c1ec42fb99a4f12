/**
 * Fault: the Cloud API (the local fake) misbehaves during a load.
 *
 * The whole bot in-process. 30 phones × 5 messages; while they arrive the fake
 *   1. answers every send with 429 (130429 throughput) or 500 (131000), alternating, for 2 s;
 *   2. then answers correctly but slowly (400 ms per call) for 2 s;
 *   3. then is healthy.
 * Three phones also get a permanent error (131026 undeliverable) on their first reply: it must
 * not be retried, must land in the dead-letter queue with its code, and `replayDeadLetter`
 * (what `npm run replay-dlq -- replay <id>` runs) must then deliver it exactly once.
 */
import type { Job } from 'bullmq';
import { LoadDriver, formatReport, type Delivery } from '../../helpers/load-driver';
import { replayDeadLetter } from '../../../src/queue/replay';
import type { DeadLetter } from '../../../src/queue/jobs';
import { eventually } from '../../helpers/redis';
import { startFaultSystem, type FaultSystem } from './harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let s: FaultSystem;

beforeAll(async () => {
  s = await startFaultSystem({ role: 'all', env: { OUTBOUND_MAX_ATTEMPTS: '12' } });
}, 30_000);

afterAll(async () => {
  await s?.stop();
}, 30_000);

it('delivers every reply exactly once through 429/500/slow phases; permanent errors are dead-lettered and replayable', async () => {
  const started = Date.now();
  const driver = new LoadDriver({
    targets: [s.webhookUrl!],
    appSecret: s.config.whatsapp.appSecret,
    fake: s.fake,
    redis: s.redis,
    prefix: s.prefix,
    phones: 30,
  });
  await driver.warmUp();
  const permanent = driver.phones.slice(0, 3);
  const armPermanent = () => {
    for (const p of permanent) {
      if (!s.fake.receivedFor(p.sendTo, driver.baselineSeq).some((m) => m.errorCode === 131026))
        s.fake.failFor(p.sendTo, 'undeliverable', 1);
    }
  };

  // Phase 1: 429/500 on every send for 2 s.
  for (let i = 0; i < 3000; i++) s.fake.failNext(1, i % 2 === 0 ? 'throughput' : 'server');
  armPermanent();
  const loading = driver.load({ messages: 5, gapMs: 400 });
  await sleep(2000);
  // Phase 2: healthy but slow for 2 s.
  s.fake.clearFailures();
  armPermanent();
  s.fake.setLatency(400);
  await sleep(2000);
  // Phase 3: healthy.
  s.fake.setLatency(0);
  await loading;
  await driver.settle({ timeoutMs: 40_000, quietMs: 1000, missing: permanent.length });
  const before = await driver.report({ knex: s.knex });
  console.log(
    formatReport('cloud-api-429-500-slow/before-replay', before, {
      seconds: Math.round((Date.now() - started) / 1000),
    }),
  );

  // Exactly the three permanent failures are missing, each dead-lettered once with its code.
  expect(before.lost).toBe(permanent.length);
  expect(new Set(before.lostMessages.map((m) => m.phone))).toEqual(
    new Set(permanent.map((p) => p.sendTo.slice(-4))),
  );
  expect(before.cloudErrors['400/131026']).toBe(permanent.length);
  expect(before.cloudErrors['429/130429']).toBeGreaterThan(0);
  expect(before.cloudErrors['500/131000']).toBeGreaterThan(0);
  const letters = (await eventually(async () => {
    const jobs = (await s.system!.queues.dead.getJobs(['waiting'])).filter(
      (j) => j.data.origin === 'outbound',
    );
    return jobs.length === permanent.length ? jobs : null;
  }, 10_000)) as Job<DeadLetter>[];
  expect(letters.map((j) => j.data.errorCode)).toEqual([131026, 131026, 131026]);
  expect(new Set(letters.map((j) => j.data.key))).toEqual(new Set(permanent.map((p) => p.key)));

  // Replay them (npm run replay-dlq -- replay <id>): delivered once each.
  const replayIds = new Map<string, string[]>();
  for (const job of letters) {
    const commandId = (job.data.job as { commandId: string }).commandId;
    const wamid = commandId.slice(0, commandId.indexOf('#'));
    replayIds.set(wamid, [...(replayIds.get(wamid) ?? []), `${commandId}/replay${job.id}`]);
    await replayDeadLetter(s.system!.inbox, job, s.config.queue.outboundMaxAttempts);
  }
  const extraIds = (d: Delivery) => replayIds.get(d.wamid) ?? [];
  await driver.settle({ timeoutMs: 20_000, quietMs: 1500, extraIds });
  const after = await driver.report({ knex: s.knex, extraIds });
  console.log(
    formatReport('cloud-api-429-500-slow/after-replay', after, {
      deadLettered: letters.length,
      replayed: letters.length,
      seconds: Math.round((Date.now() - started) / 1000),
    }),
  );

  expect(after.gaveUp).toBe(0);
  expect(after.acknowledged).toBe(150);
  expect(after.lost).toBe(0);
  expect(after.replied).toBe(150);
  expect(after.duplicated).toBe(0);
  expect(after.multiReplies).toBe(0);
  expect(after.processed).toBe(150);
  expect(after.commits).toBe(150);
  expect(after.orderViolations).toBe(0);
  // Permanent errors were never retried: one 131026 per letter, and the letters are gone.
  expect(after.cloudErrors['400/131026']).toBe(permanent.length);
  expect(
    (await s.system!.queues.dead.getJobs(['waiting'])).filter((j) => j.data.origin === 'outbound'),
  ).toHaveLength(0);
}, 90_000);
