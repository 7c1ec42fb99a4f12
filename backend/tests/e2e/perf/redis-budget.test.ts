/**
 * Round-trip budget of one conversation turn, counted (not timed, so it is stable on a noisy
 * machine): Redis commands per turn from INFO commandstats (including commands run inside Lua
 * scripts and BullMQ's own), for a turn in an existing session (text in the main menu → one
 * reply and a mark-as-read). A regression guard for the hot path; the figure is reported in
 * docs/performance.md.
 */
import Redis from 'ioredis';
import { startTestSystem, type TestSystem } from '../../helpers/system';
import { ChatUser } from '../../helpers/chat';
import { sleep } from '../../helpers/redis';
import { startOwnRedis, type OwnRedis } from '../../helpers/own-redis';

let redis: OwnRedis;
let t: TestSystem;
beforeAll(async () => {
  // Its own Redis, so other suites' traffic is not counted.
  redis = await startOwnRedis();
  // The message-log flusher polls per unit of time, not per turn: kept out of the window
  // (its batches are shared by hundreds of turns under load).
  t = await startTestSystem({
    REDIS_URL: redis.url,
    OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0',
    QUEUE_STALLED_INTERVAL_MS: '30000',
    MESSAGE_LOG_FLUSH_MS: '600000',
  });
});
afterAll(async () => {
  await t.stop();
  await redis.destroy();
});

async function commandStats(
  r: Redis,
): Promise<{ total: number; scripts: number; byCommand: Map<string, number> }> {
  const info = await r.info('commandstats');
  let total = 0;
  let scripts = 0;
  const byCommand = new Map<string, number>();
  for (const line of info.split('\n')) {
    const m = /^cmdstat_(\w+):calls=(\d+)/.exec(line);
    if (!m || m[1] === 'info') continue;
    total += Number(m[2]);
    byCommand.set(m[1], Number(m[2]));
    if (m[1] === 'evalsha' || m[1] === 'eval') scripts += Number(m[2]);
  }
  return { total, scripts, byCommand };
}

it('one turn in an existing session stays within its Redis budget', async () => {
  const r = new Redis(redis.url);
  const c = new ChatUser(t, '5215512120001', 'Budget');
  await c.register('Presu Puesto');
  await sleep(500);
  const before = await commandStats(r);
  const turns = 20;
  for (let i = 0; i < turns; i++) {
    await c.say('qwxz');
    await c.expect(/No entendí/);
  }
  await sleep(1000);
  const after = await commandStats(r);
  r.disconnect();
  const perTurn = (after.total - before.total) / turns;
  const scriptsPerTurn = (after.scripts - before.scripts) / turns;
  const breakdown = [...after.byCommand]
    .map(([name, calls]) => [name, (calls - (before.byCommand.get(name) ?? 0)) / turns] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} ${n.toFixed(1)}`)
    .join(', ');
  console.log(
    `redis per turn: ${perTurn.toFixed(1)} commands, ${scriptsPerTurn.toFixed(1)} scripts (${breakdown})`,
  );
  // Measured 56 commands / 7 scripts with the lock+snapshot, commit+snapshot and pop+release
  // scripts (59 / 8 before them; 185 / 20 with a BullMQ wake-up job and a reply job per turn).
  // The message log then moved from Postgres to a Redis buffer: +2 RPUSH per turn (its rows; the
  // flusher's polling is kept out of this window, see above): measured 58 / 7. A regression guard
  // with a little headroom. Commands run inside scripts count too, so the round trips saved by
  // folding reads into scripts show less here than in the worker's CPU.
  expect(perTurn).toBeLessThan(62);
  expect(scriptsPerTurn).toBeLessThan(8);
});

it('a first contact (new person, lookup, name question) stays within its Redis budget and queues no job', async () => {
  const r = new Redis(redis.url);
  await sleep(500);
  const before = await commandStats(r);
  const people = 10;
  for (let i = 0; i < people; i++) {
    const c = new ChatUser(t, `52155121201${String(i).padStart(2, '0')}`, 'Nueva');
    await c.say('hola');
    await c.expect(/Cómo te llamas/);
  }
  await sleep(1000);
  const after = await commandStats(r);
  r.disconnect();
  const delta = (name: string) =>
    (after.byCommand.get(name) ?? 0) - (before.byCommand.get(name) ?? 0);
  const perContact = (after.total - before.total) / people;
  console.log(
    `redis per first contact: ${perContact.toFixed(1)} commands, ${((after.scripts - before.scripts) / people).toFixed(1)} scripts`,
  );
  // The read receipt waits for the reply the lookup leads to and travels with it: no outbound
  // job (BullMQ's moveToActive is an RPOPLPUSH) and no events stream entry (XADD is only the
  // ready-stream signal, one per message). Measured 74 commands and 8 scripts per first contact (154 and 15 with the
  // receipt as its own outbound job).
  expect(delta('rpoplpush')).toBe(0);
  expect(delta('xadd')).toBe(people);
  expect(perContact).toBeLessThan(85);
});
