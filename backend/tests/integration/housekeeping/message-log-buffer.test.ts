/**
 * housekeeping/message-log-buffer.ts against real Postgres and Redis: inbound, outbound, statuses, the
 * buffer (order, one flusher at a time, rows kept while Postgres is down), and failures that
 * never block.
 */
import Redis from 'ioredis';
import type { Knex } from 'knex';
import type { Logger } from '../../../src/observability/logger';
import { createKnex } from '../../../src/db/knex';
import {
  bufferStatuses,
  createMessageLog,
  type MessageLog,
} from '../../../src/housekeeping/message-log-buffer';
import { messageLogKey, messageLogLeaseKey } from '../../../src/queue/keys';
import { withScripts, type ScriptedRedis } from '../../../src/queue/scripts';
import { deleteByPrefix, testPrefix } from '../../helpers/redis';
import type { InboxEntry } from '../../../src/queue/inbox';
import { createTestDb, testDatabaseUrl, type TestDb } from '../../helpers/db';
import { makeUser, nextKey, nextWaId } from '../operations/fixtures';

function captureLogger(): { logger: Logger; warnings: unknown[] } {
  const warnings: unknown[] = [];
  const noop = () => undefined;
  const logger = {
    warn: (obj: unknown) => warnings.push(obj),
    info: noop,
    debug: noop,
    error: noop,
    trace: noop,
    fatal: noop,
  } as unknown as Logger;
  return { logger, warnings };
}

const textEntry = (wamid: string, over: Partial<InboxEntry> = {}): InboxEntry => ({
  event: {
    source: 'user',
    kind: 'text',
    text: 'hola',
    id: wamid,
    at: Date.now(),
    profile: { name: 'X' },
  },
  correlationId: nextKey('corr'),
  receivedAt: Date.now(),
  ...over,
});

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('processing: message log', () => {
  let db: TestDb;
  let knex: Knex;
  let redis: ScriptedRedis;
  const prefixes: string[] = [];

  beforeAll(async () => {
    db = await createTestDb();
    knex = db.knex;
    redis = withScripts(new Redis(redisUrl));
  });
  afterAll(async () => {
    redis.disconnect();
    for (const p of prefixes) await deleteByPrefix(redisUrl, p);
    await db.destroy();
  });

  /**
   * A log whose writes reach Postgres at the next `flush` (the worker flushes every 200 ms). Its
   * own prefix unless given: one flusher per prefix holds the lease.
   */
  const logOf = (k: Knex, logger: Logger, own = testPrefix()): MessageLog => {
    prefixes.push(own);
    return createMessageLog(k, logger, { redis, prefix: own });
  };

  const row = (wamid: string) => knex('message_log').where({ wamid }).first();

  it('logs an inbound message once, linked to the user found by the conversation key', async () => {
    const user = await makeUser(knex, 'Alma');
    const { logger, warnings } = captureLogger();
    const log = logOf(knex, logger);
    const wamid = `wamid.${nextKey('in')}`;
    const entry = textEntry(wamid);
    await log.logInbound(`wa:${user.waId}`, entry);
    await log.logInbound(`wa:${user.waId}`, entry);
    await log.flush();
    const rows = await knex('message_log').where({ wamid });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      direction: 'in',
      status: 'received',
      user_id: user.id,
      message_type: 'text',
      correlation_id: entry.correlationId,
    });
    expect(warnings).toEqual([]);
  });

  it('keeps the message type of taps and unsupported media; unknown users and BSUID keys work', async () => {
    const log = logOf(knex, captureLogger().logger);
    const bsUser = await makeUser(knex, 'Bea', { bsuid: `MX.${nextKey('bs')}` });
    const tap = `wamid.${nextKey('tap')}`;
    await log.logInbound(`bs:${bsUser.bsuid}`, {
      ...textEntry(tap),
      event: {
        source: 'user',
        kind: 'listReply',
        rowId: 'r1',
        title: 'Uno',
        id: tap,
        at: Date.now(),
        profile: {},
      },
    });
    await log.flush();
    expect(await row(tap)).toMatchObject({ message_type: 'list_reply', user_id: bsUser.id });
    const img = `wamid.${nextKey('img')}`;
    await log.logInbound(`wa:${nextWaId()}`, {
      ...textEntry(img),
      event: {
        source: 'user',
        kind: 'unsupported',
        messageType: 'image',
        id: img,
        at: Date.now(),
        profile: {},
      },
    });
    await log.flush();
    expect(await row(img)).toMatchObject({ message_type: 'image', user_id: null });
  });

  it('ignores internal events (timers, results, notices)', async () => {
    const log = logOf(knex, captureLogger().logger);
    const id = `timer:${nextKey('t')}`;
    await log.logInbound('wa:5215500000000', {
      ...textEntry(id),
      event: {
        source: 'internal',
        kind: 'timer',
        timer: 'offerTimeout',
        data: {},
        id,
        at: Date.now(),
      },
    });
    await log.flush();
    expect(await row(id)).toBeUndefined();
  });

  it('logs outbound sends as queued and never moves a status backwards', async () => {
    const user = await makeUser(knex, 'Caro');
    const log = logOf(knex, captureLogger().logger);
    const wamid = `wamid.${nextKey('out')}`;
    await log.logOutbound({
      key: `wa:${user.waId}`,
      wamid,
      type: 'interactive',
      correlationId: 'c-1',
    });
    await log.flush();
    expect(await row(wamid)).toMatchObject({
      direction: 'out',
      status: 'queued',
      user_id: user.id,
      message_type: 'interactive',
      correlation_id: 'c-1',
    });

    const at = Date.now();
    await log.recordStatus({ wamid, status: 'delivered', timestamp: at });
    await log.recordStatus({ wamid, status: 'sent', timestamp: at - 1000 });
    await log.flush();
    expect(await row(wamid)).toMatchObject({ status: 'delivered' });
    await log.recordStatus({ wamid, status: 'read', timestamp: at + 1000 });
    await log.logOutbound({
      key: `wa:${user.waId}`,
      wamid,
      type: 'interactive',
      correlationId: 'c-1',
    });
    await log.flush();
    expect(await row(wamid)).toMatchObject({ status: 'read' });
  });

  it('a status that arrives before the send is logged keeps its status; the send fills in the rest', async () => {
    const user = await makeUser(knex, 'Dani');
    const log = logOf(knex, captureLogger().logger);
    const wamid = `wamid.${nextKey('early')}`;
    await log.recordStatus({ wamid, status: 'failed', timestamp: Date.now(), errorCode: 131047 });
    await log.logOutbound({ key: `wa:${user.waId}`, wamid, type: 'text', correlationId: 'c-2' });
    await log.flush();
    expect(await row(wamid)).toMatchObject({
      status: 'failed',
      error_code: 131047,
      user_id: user.id,
      message_type: 'text',
      correlation_id: 'c-2',
    });
    await log.recordStatus({ wamid, status: 'warning', timestamp: Date.now() });
    await log.flush();
    expect(await row(wamid)).toMatchObject({ status: 'failed' });
  });

  it('buffered statuses (the webhook path): one RPUSH, failed handed back; one statement applies each wamid’s furthest, against its send', async () => {
    const user = await makeUser(knex, 'Estela');
    const own = testPrefix();
    const log = logOf(knex, captureLogger().logger, own);
    const a = `wamid.${nextKey('sa')}`;
    const b = `wamid.${nextKey('sb')}`;
    await log.logOutbound({ key: `wa:${user.waId}`, wamid: a, type: 'text', correlationId: 'c' });
    const at = Date.now();
    const rest = await bufferStatuses(redis, own, [
      { wamid: a, status: 'read', timestamp: at },
      { wamid: a, status: 'sent', timestamp: at - 2000 },
      { wamid: a, status: 'delivered', timestamp: at - 1000 },
      { wamid: b, status: 'delivered', timestamp: at },
      { wamid: b, status: 'failed', timestamp: at, errorCode: 131026 },
      { wamid: b, status: 'warning', timestamp: at },
    ]);
    // failed (and anything unknown) go back to the caller, for the queue.
    expect(rest.map((r) => r.status)).toEqual(['failed', 'warning']);
    // The send row and four status rows wait in the list, nothing is in Postgres yet.
    expect(await redis.llen(messageLogKey(own))).toBe(5);
    expect(await row(a)).toBeUndefined();
    expect(await log.flush()).toBe(5);
    expect(await row(a)).toMatchObject({ status: 'read', message_type: 'text', user_id: user.id });
    // A status before its send: the row waits with its status, the send fills it in later.
    expect(await row(b)).toMatchObject({ status: 'delivered', message_type: 'unknown' });
    await log.logOutbound({
      key: `wa:${user.waId}`,
      wamid: b,
      type: 'interactive',
      correlationId: 'c',
    });
    // Redelivered and late statuses never move a row back.
    expect(await bufferStatuses(redis, own, [{ wamid: a, status: 'sent', timestamp: at }])).toEqual(
      [],
    );
    await log.flush();
    expect(await row(a)).toMatchObject({ status: 'read' });
    expect(await row(b)).toMatchObject({
      status: 'delivered',
      message_type: 'interactive',
      user_id: user.id,
    });
    await log.stop();
  });

  it('buffered statuses wait in Redis while Postgres is down and arrive once it is back', async () => {
    const own = testPrefix();
    const broken = createKnex({ url: testDatabaseUrl(), schema: 'no_such_schema_here' });
    try {
      const down = logOf(broken, captureLogger().logger, own);
      const wamid = `wamid.${nextKey('down')}`;
      await bufferStatuses(redis, own, [{ wamid, status: 'delivered', timestamp: Date.now() }]);
      expect(await down.flush()).toBe(0);
      await down.stop();
      expect(await redis.llen(messageLogKey(own))).toBe(1);
      const healthy = logOf(knex, captureLogger().logger, own);
      expect(await healthy.flush()).toBe(1);
      expect(await row(wamid)).toMatchObject({ status: 'delivered' });
      await healthy.stop();
    } finally {
      await broken.destroy();
    }
  });

  it('a failing database is a warning, never an error for the conversation; the rows wait in Redis', async () => {
    const own = testPrefix();
    const broken = createKnex({ url: testDatabaseUrl(), schema: 'no_such_schema_here' });
    try {
      const { logger, warnings } = captureLogger();
      const log = logOf(broken, logger, own);
      const wamid = `wamid.${nextKey('x')}`;
      await expect(log.logInbound('wa:5215511111111', textEntry(wamid))).resolves.toBeUndefined();
      await expect(
        log.logOutbound({
          key: 'wa:5215511111111',
          wamid: `${wamid}.out`,
          type: 'text',
          correlationId: 'c',
        }),
      ).resolves.toBeUndefined();
      await expect(
        log.recordStatus({ wamid: 'wamid.x', status: 'read', timestamp: Date.now() }),
      ).resolves.toBeUndefined();
      expect(await log.flush()).toBe(0);
      expect(warnings.map((w) => (w as { what: string }).what).sort()).toEqual(['flush', 'status']);
      expect(warnings[0]).toMatchObject({ event: 'message_log.failed' });
      // Nothing lost: the same rows reach Postgres once it takes them.
      expect(await redis.llen(messageLogKey(own))).toBe(2);
      // The broken process gives its lease up on stop (its last flush fails too: still kept).
      await log.stop();
      expect(await redis.llen(messageLogKey(own))).toBe(2);
      const healthy = logOf(knex, captureLogger().logger, own);
      expect(await healthy.flush()).toBe(2);
      expect(await row(wamid)).toMatchObject({ direction: 'in' });
      expect(await row(`${wamid}.out`)).toMatchObject({ direction: 'out' });
      expect(await redis.llen(messageLogKey(own))).toBe(0);
      await healthy.stop();
    } finally {
      await broken.destroy();
      await deleteByPrefix(redisUrl, own);
    }
  });

  it('writes rows in the order they were logged, one flusher at a time (lease), at most one copy of each', async () => {
    const own = testPrefix();
    const user = await makeUser(knex, 'Ordo');
    const a = logOf(knex, captureLogger().logger, own);
    const b = logOf(knex, captureLogger().logger, own);
    const wamids = Array.from({ length: 50 }, (_, i) => `wamid.${nextKey(`ord${i}`)}`);
    for (const w of wamids) await a.logInbound(`wa:${user.waId}`, textEntry(w));
    // The first flusher takes the lease; the second one copies nothing while it is held.
    expect(await a.flush()).toBe(50);
    for (const w of wamids) await b.logInbound(`wa:${user.waId}`, textEntry(`${w}.again`));
    expect(await b.flush()).toBe(0);
    expect(await a.flush()).toBe(50);
    const ids = await knex('message_log').whereIn('wamid', wamids).orderBy('id').pluck('wamid');
    expect(ids).toEqual(wamids);
    // Given up on stop: the other process takes over.
    await a.stop();
    await b.logInbound(`wa:${user.waId}`, textEntry(`wamid.${nextKey('after')}`));
    expect(await b.flush()).toBe(1);
    await b.stop();
    await deleteByPrefix(redisUrl, own);
  });

  /** Holds message_log's table lock (inserts wait) until the returned function is called. */
  async function lockLogTable(): Promise<() => Promise<void>> {
    const trx = await knex.transaction();
    await trx.raw('lock table message_log in exclusive mode');
    return async () => {
      await trx.commit();
    };
  }

  it('a slow insert keeps the lease (renewed while the copy runs): no second flusher meanwhile', async () => {
    const own = testPrefix();
    const user = await makeUser(knex, 'Lento');
    prefixes.push(own);
    const a = createMessageLog(knex, captureLogger().logger, {
      redis,
      prefix: own,
      leaseMs: 300,
      batch: 5,
    });
    const b = createMessageLog(knex, captureLogger().logger, {
      redis,
      prefix: own,
      leaseMs: 300,
      batch: 5,
    });
    const wamids = Array.from({ length: 10 }, (_, i) => `wamid.${nextKey(`slow${i}`)}`);
    for (const w of wamids) await a.logInbound(`wa:${user.waId}`, textEntry(w));
    const unlock = await lockLogTable();
    const copying = a.flush();
    // Three times the lease's lifetime with the insert stuck: still a's.
    await new Promise((r) => setTimeout(r, 1000));
    // b gets nothing to do (bounded: a b that took the lease would wait on the same table lock).
    expect(
      await Promise.race([
        b.flush(),
        new Promise((r) => setTimeout(() => r('b is copying too'), 500)),
      ]),
    ).toBe(0);
    await unlock();
    expect(await copying).toBe(10);
    expect(await knex('message_log').whereIn('wamid', wamids).orderBy('id').pluck('wamid')).toEqual(
      wamids,
    );
    expect(await redis.llen(messageLogKey(own))).toBe(0);
    await a.stop();
    await b.stop();
  });

  it('a flusher that lost its lease during a stalled insert leaves the list alone (no row lost)', async () => {
    const own = testPrefix();
    const user = await makeUser(knex, 'Perdido');
    prefixes.push(own);
    const { logger, warnings } = captureLogger();
    const a = createMessageLog(knex, logger, { redis, prefix: own, leaseMs: 300, batch: 5 });
    const wamids = Array.from({ length: 10 }, (_, i) => `wamid.${nextKey(`lost${i}`)}`);
    for (const w of wamids) await a.logInbound(`wa:${user.waId}`, textEntry(w));
    const unlock = await lockLogTable();
    const copying = a.flush(); // a takes the lease and inserts rows 0-4: stuck on the lock
    await new Promise((r) => setTimeout(r, 200));
    // Meanwhile the lease moved on (a frozen past its lifetime) and the new holder copied and
    // removed rows 0-4 itself: what is left in the list is rows 5-9, which nobody copied yet.
    await redis.set(messageLogLeaseKey(own), 'another-flusher', 'PX', 60_000);
    await redis.ltrim(messageLogKey(own), 5, -1);
    await unlock();
    // a's insert completes, but it no longer holds the lease: it must not trim rows 5-9.
    expect(await copying).toBe(0);
    expect(warnings).toContainEqual(
      expect.objectContaining({ event: 'message_log.lease_lost', rows: 5 }),
    );
    expect(await redis.llen(messageLogKey(own))).toBe(5);
    // The other flusher goes away; a takes the lease again and copies the rest.
    await redis.del(messageLogLeaseKey(own));
    expect(await a.flush()).toBe(5);
    expect(await knex('message_log').whereIn('wamid', wamids).orderBy('id').pluck('wamid')).toEqual(
      wamids,
    );
    await a.stop();
  });
});
