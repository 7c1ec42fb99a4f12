/**
 * Graceful shutdown under load: SIGTERM to one of two worker processes in the middle of a load
 * (the Cloud API answering in 150 ms, so sends are in flight). The worker must stop taking jobs,
 * finish the ones it holds, close its pools and exit 0 within SHUTDOWN_TIMEOUT_MS; no job may be
 * left for stalled-job recovery, and the other worker carries on with the rest: nothing lost,
 * nothing sent twice.
 */
import { LoadDriver, formatReport } from '../../helpers/load-driver';
import { waitExit } from '../../helpers/child';
import { readyInProgress } from '../../../src/queue/ready-stream';
import {
  Children,
  readyPendingOf,
  redisHostPort,
  startFaultSystem,
  watchStalled,
  withOutput,
  type FaultSystem,
} from './harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SHUTDOWN_TIMEOUT_MS = 5000;

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

it('SIGTERM mid-load: in-flight work finished, exit 0 within the bound, nothing lost or doubled', async () => {
  const started = Date.now();
  const env = s.childEnv({ SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) });
  try {
    const [leaving, staying] = await Promise.all([
      children.start('worker', { ...env, LOG_LEVEL: 'info' }),
      children.start('worker', env),
    ]);
    const driver = new LoadDriver({
      targets: [s.webhookUrl!],
      appSecret: s.config.whatsapp.appSecret,
      fake: s.fake,
      redis: s.redis,
      prefix: s.prefix,
      phones: 30,
    });
    await driver.warmUp();
    s.fake.setLatency(150);
    const loading = driver.load({ messages: 5, gapMs: 300 });
    await sleep(1000);

    const activeAtSigterm =
      (await s.system!.queues.outbound.getActiveCount()) +
      (await readyInProgress(s.redis, s.prefix));
    const stalledBefore = stalled!.count();
    const termAt = Date.now();
    leaving.child.kill('SIGTERM');
    const exit = await waitExit(leaving.child, SHUTDOWN_TIMEOUT_MS + 10_000);
    const exitMs = Date.now() - termAt;
    // Conversations the leaving worker had taken and did not finish (left for a takeover).
    const leftPending = await readyPendingOf(s.redis, s.prefix, leaving.child.pid);

    await loading;
    await driver.settle({ timeoutMs: 30_000, quietMs: 1500 });
    s.fake.setLatency(0);
    const r = await driver.report({ knex: s.knex });

    // What the leaving worker finished after it was told to stop (its own log lines).
    const lines = leaving.output().split('\n');
    const from = lines.findIndex((l) => l.includes('"shutdown.start"'));
    const finishedAfterSigterm = lines
      .slice(from)
      .filter((l) => l.includes('"send.ok"') || l.includes('"conversation.transition"')).length;
    const stalledDuringRun = stalled!.count() - stalledBefore;
    console.log(
      formatReport('graceful-shutdown-sigterm', r, {
        exitCode: exit.code,
        exitMs,
        shutdownTimeoutMs: SHUTDOWN_TIMEOUT_MS,
        activeJobsAtSigterm: activeAtSigterm,
        stepsAndSendsFinishedAfterSigterm: finishedAfterSigterm,
        stalledJobsRecovered: stalledDuringRun,
        conversationsLeftPending: leftPending,
        otherWorkerAlive: staying.alive(),
        seconds: Math.round((Date.now() - started) / 1000),
      }),
    );

    expect(exit.code).toBe(0);
    expect(exitMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 1000);
    expect(from).toBeGreaterThanOrEqual(0);
    expect(lines.some((l) => l.includes('"shutdown.done"'))).toBe(true);
    expect(activeAtSigterm).toBeGreaterThan(0);
    expect(stalledDuringRun).toBe(0);
    expect(leftPending).toBe(0);
    expect(r.gaveUp).toBe(0);
    expect(r.acknowledged).toBe(150);
    expect(r.lost).toBe(0);
    expect(r.replied).toBe(150);
    expect(r.duplicated).toBe(0);
    expect(r.multiReplies).toBe(0);
    expect(r.processed).toBe(150);
    expect(r.commits).toBe(150);
    expect(r.orderViolations).toBe(0);
  } catch (err) {
    throw withOutput(children, err);
  }
}, 90_000);
