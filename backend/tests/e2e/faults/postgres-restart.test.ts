/**
 * Fault: Postgres crashes (`pg_ctl stop -m immediate`: no checkpoint, WAL recovery on start) and
 * comes back during a load.
 *
 * Own throw-away Postgres cluster, the whole bot in-process (shared Redis, own prefix).
 * - 20 known users (already at the main menu) send 5 messages each over ~3 s: their turns need
 *   no database call (only the best-effort message log), so they must flow through the outage.
 * - 20 users new to the system send their first "hola" while Postgres is down: that turn must
 *   load/create the user (a `call` to Postgres), fails, and is retried by the worker with
 *   backoff until Postgres is back; then each gets the name question exactly once.
 */
import { LoadDriver, formatReport } from '../../helpers/load-driver';
import { startOwnPostgres, type OwnPostgres } from '../../helpers/own-postgres';
import { startFaultSystem, type FaultSystem } from './harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let pg: OwnPostgres;
let s: FaultSystem;
/** Knex prints its pool's connection errors with console.log; count them instead of flooding the output. */
let knexWarnings = 0;

beforeAll(async () => {
  const log = console.log.bind(console);
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    if (typeof args[0] === 'string' && /Acquire connection error|Connection Error/.test(args[0]))
      knexWarnings++;
    else log(...args);
  });
  pg = await startOwnPostgres();
  s = await startFaultSystem({ role: 'all', backing: { databaseUrl: pg.url } });
}, 60_000);

afterAll(async () => {
  if (pg && !(await pg.isUp())) await pg.start().catch(() => undefined);
  await s?.stop();
  await pg?.destroy();
  jest.restoreAllMocks();
}, 30_000);

it('keeps answering known users and answers new users once Postgres is back, losing nothing', async () => {
  const started = Date.now();
  const common = {
    targets: [s.webhookUrl!],
    appSecret: s.config.whatsapp.appSecret,
    fake: s.fake,
    redis: s.redis,
    prefix: s.prefix,
  };
  const known = new LoadDriver({ ...common, phones: 20 });
  const fresh = new LoadDriver({
    ...common,
    phones: 20,
    run: known.phones[0].waId.slice(5, 9),
    firstIndex: 100,
  });
  await known.warmUp();
  await fresh.takeBaseline();

  const loading = known.load({ messages: 5, gapMs: 600 });
  await sleep(500);
  await pg.stop('immediate');
  const downAt = Date.now();
  // First contact of 20 new users, acknowledged (Redis is fine) while Postgres is down.
  const freshLoad = await fresh.load({ messages: 1, text: () => 'hola', gapMs: 200 });
  const repliedWhileDown = await fresh.repliedCount();
  await sleep(Math.max(0, 3000 - (Date.now() - downAt)));
  await pg.start();
  const upAt = Date.now();
  const downMs = upAt - downAt;
  const freshAckedWhileDown = freshLoad.filter(
    (d) => d.ackedAt !== null && d.ackedAt < upAt,
  ).length;
  await loading;
  await Promise.all([
    known.settle({ timeoutMs: 40_000, quietMs: 1000 }),
    fresh.settle({ timeoutMs: 40_000, quietMs: 1000 }),
  ]);

  const rk = await known.report({ knex: s.knex });
  const rf = await fresh.report({ knex: s.knex });
  const failedAttempts = s.logs.filter((l) => l.includes('"conversation.failed"')).length;
  // Message-log rows are kept in Redis while Postgres is down; these are the flushes that failed.
  const logFlushesFailed = s.logs.filter((l) => l.includes('"message_log.failed"')).length;
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(
    formatReport('postgres-crash-restart/known-users', rk, {
      postgresDownMs: downMs,
      messageLogFlushesFailed: logFlushesFailed,
      knexPoolWarnings: knexWarnings,
      seconds,
    }),
  );
  console.log(
    formatReport('postgres-crash-restart/new-users', rf, {
      postgresDownMs: downMs,
      ackedWhileDown: freshAckedWhileDown,
      repliedWhileDown,
      failedAttemptsRetried: failedAttempts,
    }),
  );

  for (const r of [rk, rf]) {
    expect(r.gaveUp).toBe(0);
    expect(r.lost).toBe(0);
    expect(r.duplicated).toBe(0);
    expect(r.multiReplies).toBe(0);
    expect(r.orderViolations).toBe(0);
  }
  expect(rk.acknowledged).toBe(100);
  expect(rk.replied).toBe(100);
  expect(rk.commits).toBe(100);
  expect(rf.acknowledged).toBe(20);
  expect(rf.replied).toBe(20);
  // The new users really needed Postgres: nobody was answered while it was down, and the
  // worker's attempts failed and were retried.
  expect(freshAckedWhileDown).toBe(20);
  expect(repliedWhileDown).toBe(0);
  expect(failedAttempts).toBeGreaterThan(0);
  // Every new user now exists in Postgres exactly once.
  const users = await s
    .knex('users')
    .whereIn(
      'wa_id',
      fresh.phones.map((p) => p.waId),
    )
    .count<{ n: string }[]>('* as n');
  expect(Number(users[0].n)).toBe(20);
}, 90_000);
