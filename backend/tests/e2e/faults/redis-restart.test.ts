/**
 * Fault: Redis crashes (SIGKILL, no shutdown save) and comes back during a load.
 *
 * Own redis-server with AOF (`appendfsync always`, like production), the whole bot in-process.
 * 30 phones × 5 messages; about a second into the load Redis is killed and restarted 2.5 s later
 * from its AOF. While it is down the webhook must answer 503 (nothing was made durable, so Meta
 * must redeliver); the driver redelivers like Meta. Expect every message answered once.
 */
import { execFileSync } from 'node:child_process';
import { LoadDriver, formatReport } from '../../helpers/load-driver';
import { startOwnRedis, type OwnRedis } from '../../helpers/own-redis';
import { eventually } from '../../helpers/redis';
import { startFaultSystem, type FaultSystem } from './harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let redis: OwnRedis;
let s: FaultSystem;

beforeAll(async () => {
  redis = await startOwnRedis();
  s = await startFaultSystem({ role: 'all', backing: { redisUrl: redis.url } });
}, 30_000);

afterAll(async () => {
  await s?.stop();
  await redis?.destroy();
}, 30_000);

/** SIGKILL the redis-server (a crash: no SAVE, no AOF rewrite, only what was fsynced survives). */
function crash(port: number): void {
  const info = execFileSync('redis-cli', ['-p', String(port), 'info', 'server'], {
    timeout: 2000,
  }).toString();
  const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
  if (!pid) throw new Error('no redis pid');
  process.kill(pid, 'SIGKILL');
}

it('answers 503 while Redis is down and loses nothing after it comes back from its AOF', async () => {
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
  const loading = driver.load({ messages: 5, gapMs: 500 });
  await sleep(1000);
  crash(redis.port);
  const downAt = Date.now();
  await eventually(async () => {
    try {
      execFileSync('redis-cli', ['-p', String(redis.port), 'ping'], {
        stdio: 'ignore',
        timeout: 500,
      });
      return false;
    } catch {
      return true;
    }
  }, 5000);
  const ready = await fetch(`${s.webhookUrl!.replace('/webhook', '')}/health/ready`);
  await sleep(2500);
  await redis.start();
  const downMs = Date.now() - downAt;
  await loading;
  await driver.settle({ timeoutMs: 40_000, quietMs: 1500 });
  const r = await driver.report({ knex: s.knex });
  const deliveredDuringOutage = driver.deliveries.filter(
    (d) => d.phase === 'load' && d.outcomes.length > 1,
  ).length;
  console.log(
    formatReport('redis-crash-restart', r, {
      redisDownMs: downMs,
      messagesRedelivered: deliveredDuringOutage,
      readinessWhileDown: ready.status,
      seconds: Math.round((Date.now() - started) / 1000),
    }),
  );

  expect(ready.status).toBe(503);
  expect(r.refused['503'] ?? 0).toBeGreaterThan(0);
  expect(Object.keys(r.refused).every((k) => k === '503')).toBe(true);
  expect(r.gaveUp).toBe(0);
  expect(r.acknowledged).toBe(150);
  expect(r.lost).toBe(0);
  expect(r.processed).toBe(150);
  expect(r.commits).toBe(150);
  expect(r.duplicated).toBe(0);
  expect(r.multiReplies).toBe(0);
  expect(r.orderViolations).toBe(0);
}, 90_000);
