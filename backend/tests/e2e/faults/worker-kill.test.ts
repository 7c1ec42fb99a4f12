/**
 * Fault: worker processes SIGKILLed repeatedly during a load.
 *
 * Web in-process; two workers as real child processes. 30 phones × 5 messages over ~12 s while
 * a worker is killed four times (alternating, each replaced by a fresh process):
 *   - kills 1 and 3 land mid-job for certain: the fake Cloud API holds every send first
 *     (`holdSends`), so drains block in their reply after the commit (conversation lock held,
 *     command still in the outbox, ready-stream entry pending) — then SIGKILL, then the fake lets
 *     go (the killed worker's held sends are dropped unrecorded: they never reached "Meta");
 *   - kills 2 and 4 land wherever the worker happens to be.
 * Expect: nothing lost, each message applied once (commits == processed), order kept, and no
 * duplicate reply except — reported separately, never hidden — a send the fake had accepted
 * while the killed worker was still waiting for its answer (the Cloud API has no idempotency
 * key, so nobody can tell whether such a send went out; see docs/reliability.md).
 */
import { LoadDriver, formatReport } from '../../helpers/load-driver';
import { conversationKeys } from '../../../src/queue/keys';
import {
  boundaryDuplicates,
  Children,
  readyPendingOf,
  redisHostPort,
  startFaultSystem,
  watchStalled,
  withOutput,
  type BotChild,
  type FaultSystem,
} from './harness';
import { readyInProgress } from '../../../src/queue/ready-stream';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let s: FaultSystem;
const children = new Children();
let stalled: Awaited<ReturnType<typeof watchStalled>> | null = null;

beforeAll(async () => {
  s = await startFaultSystem({ role: 'web' });
  stalled = await watchStalled(redisHostPort(process.env.REDIS_URL!), s.prefix, [
    '{inbound}',
    '{outbound}',
  ]);
}, 30_000);

afterAll(async () => {
  await children.killAll();
  await stalled?.close();
  await s?.stop();
}, 30_000);

it('loses nothing and sends nothing twice when workers are SIGKILLed 4 times under load', async () => {
  const started = Date.now();
  const env = s.childEnv();
  const slots: Promise<BotChild>[] = [children.start('worker', env), children.start('worker', env)];
  await Promise.all(slots);
  const driver = new LoadDriver({
    targets: [s.webhookUrl!],
    appSecret: s.config.whatsapp.appSecret,
    fake: s.fake,
    redis: s.redis,
    prefix: s.prefix,
    phones: 30,
  });
  try {
    await driver.warmUp();
    s.fake.setLatency(20);
    let loadDone = false;
    const loading = driver.load({ messages: 5, gapMs: 2500 }).finally(() => (loadDone = true));

    // Alternate victims; a replacement starts at once (not awaited) so the next kill, of the
    // other slot, does not wait for it — only a kill of that slot does.
    const kills: {
      at: number;
      midJob: boolean;
      locksHeld: number;
      orphaned: number;
      loadRunning: boolean;
    }[] = [];
    for (let i = 0; i < 4; i++) {
      const victim = await slots[i % 2];
      await sleep(400);
      const midJob = i % 2 === 0;
      let locksHeld = 0;
      let at = 0;
      if (midJob) {
        const release = s.fake.holdSends();
        try {
          await sleep(600); // new messages arrive; drains block in their reply, after the commit
          for (const p of driver.phones)
            locksHeld += await s.redis.exists(conversationKeys(s.prefix, p.key).lock);
          at = Date.now();
          await children.kill(victim);
          await sleep(200); // the fake sees the dead worker's connections close before it lets go
        } finally {
          release();
        }
      } else {
        at = Date.now();
        await children.kill(victim);
      }
      // Conversations the killed worker was draining: left pending in the ready stream for the
      // other worker to take over.
      const orphaned = await readyPendingOf(s.redis, s.prefix, victim.child.pid);
      kills.push({ at, midJob, locksHeld, orphaned, loadRunning: !loadDone });
      slots[i % 2] = children.start('worker', env);
    }
    await Promise.all(slots);
    await loading;
    await driver.settle({ timeoutMs: 30_000, quietMs: 1500 });
    const r = await driver.report({ knex: s.knex });

    // A duplicate is "explained" only if the fake accepted the first copy while a killed worker
    // could still have been waiting for the answer (arrival ≤ 500 ms before the kill) and the same
    // message went out again after that kill.
    const boundary = boundaryDuplicates(
      r,
      s.fake,
      kills.map((k) => k.at),
      500,
    );
    const explained = boundary.length;
    // For each such copy: which kill (1-4), and how long before it the fake had accepted it.
    const byKill = boundary.map((m) => {
      const i = kills.findIndex((k) => m.at <= k.at && k.at - m.at <= 500);
      return { kill: i + 1, midJob: kills[i].midJob, msBeforeKill: kills[i].at - m.at };
    });
    console.log(
      formatReport('worker-sigkill', r, {
        kills: kills.length,
        midJobKills: kills.filter((k) => k.midJob).length,
        conversationLocksHeldAtMidJobKills: kills.filter((k) => k.midJob).map((k) => k.locksHeld),
        killsDuringLoad: kills.filter((k) => k.loadRunning).length,
        stalledJobsRecovered: stalled!.count(),
        orphanedConversationsTakenOver: kills.map((k) => k.orphaned),
        duplicatesAtHttpBoundary: explained,
        ...(byKill.length ? { boundaryDuplicateKills: byKill } : {}),
        seconds: Math.round((Date.now() - started) / 1000),
      }),
    );
    expect(r.gaveUp).toBe(0);
    expect(r.acknowledged).toBe(150);
    expect(r.lost).toBe(0);
    expect(r.replied).toBe(150);
    expect(r.processed).toBe(150);
    expect(r.commits).toBe(150);
    expect(r.multiReplies).toBe(0);
    expect(r.duplicated - explained).toBe(0);
    expect(r.orderViolations).toBe(0);
    expect(kills.every((k) => k.loadRunning)).toBe(true);
    expect(kills.filter((k) => k.midJob).every((k) => k.locksHeld > 0)).toBe(true);
    // The mid-job kills really left work behind, and all of it was taken over.
    expect(kills.filter((k) => k.midJob).every((k) => k.orphaned > 0)).toBe(true);
    expect(await readyInProgress(s.redis, s.prefix)).toBe(0);
  } catch (err) {
    throw withOutput(children, err);
  }
}, 90_000);
