/**
 * Postgres round trips per conversation turn, counted (not timed): every statement the bot's
 * Knex sends (BEGIN and COMMIT included), for each step of a new user's first turns and for a
 * turn in an existing session. A regression guard for the first-contact path, where each round
 * trip to Postgres costs the worker a socket write and a wake-up (docs/performance.md, Run 6).
 */
import { startTestSystem, type TestSystem } from '../../helpers/system';
import { ChatUser } from '../../helpers/chat';
import { sleep } from '../../helpers/redis';

let t: TestSystem;
const statements: string[] = [];
/** The readiness probe and the providers-online gauge (housekeeping/gauges.ts, every 5 s). */
const COLLECTOR = /^select 1$|count\("p"\."id"\) as "n"/i;
beforeAll(async () => {
  // The message-log flusher runs per unit of time, not per turn (its batches are shared by
  // hundreds of turns under load): kept out of the window, like the metrics collector's queries.
  t = await startTestSystem({
    OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0',
    MESSAGE_LOG_FLUSH_MS: '600000',
  });
  t.system.knex.on('query', (q: { sql: string }) => {
    if (!COLLECTOR.test(q.sql)) statements.push(q.sql);
  });
});
afterAll(() => t.stop());

async function counted(step: () => Promise<void>): Promise<string[]> {
  await sleep(300);
  const from = statements.length;
  await step();
  await sleep(300);
  return statements.slice(from);
}

it('first contact, name and an in-session turn stay within their Postgres budget', async () => {
  const c = new ChatUser(t, '5215512130001', 'Pg');
  const firstContact = await counted(async () => {
    await c.say('hola');
    await c.expect(/Cómo te llamas/);
  });
  const name = await counted(async () => {
    await c.say('Ana Pérez');
    await c.expect(/En qué te ayudo/);
  });
  const inSession = await counted(async () => {
    await c.say('qwxz');
    await c.expect(/No entendí/);
  });
  console.log(
    [
      `first contact: ${firstContact.length}`,
      ...firstContact.map((s) => `  ${s.slice(0, 140)}`),
      `name: ${name.length}`,
      ...name.map((s) => `  ${s.slice(0, 140)}`),
      `in session: ${inSession.length}`,
      ...inSession.map((s) => `  ${s.slice(0, 140)}`),
    ].join('\n'),
  );
  // Measured: a new user is looked up and created in one statement (1); saving the name reads
  // the user, updates it and reads the provider status and last request in one statement (3); a
  // turn inside a session needs no Postgres at all (its message-log rows go through Redis).
  expect(firstContact).toHaveLength(1);
  expect(firstContact[0]).toMatch(/^with found as \([\s\S]*insert into users/);
  expect(name.length).toBeLessThanOrEqual(3);
  expect(name.some((s) => /^update "users" set "name"/.test(s))).toBe(true);
  expect(inSession).toHaveLength(0);
});
