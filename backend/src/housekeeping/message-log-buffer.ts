/**
 * Message log writes from the worker: inbound messages, outbound sends, delivery statuses
 * (metadata only, never the text). Statuses only move forward (the repository's rank). The log
 * is never on the critical path: a failed write is a warning and the conversation goes on.
 *
 * Inbound and outbound rows are not written to Postgres by the turn: they are appended to a
 * Redis list (`<prefix>:{msglog}`, one RPUSH issued with the turn's other commands) and copied
 * to Postgres in large batches by one flusher at a time (a lease in Redis; every worker process
 * runs a flusher, one of them holds the lease). So:
 * - a turn costs Postgres nothing (thousands of rows per statement instead of a few);
 * - the log's row order is the processing order of every conversation, across processes (the
 *   drain pushes its row under the conversation lock; the list keeps the order; one flusher
 *   inserts in list order);
 * - while Postgres is down, rows wait in Redis (bounded by `maxBacklog`, oldest dropped beyond it)
 *   instead of being skipped;
 * - a crash between the insert and the trim re-inserts a batch: harmless, every write is an
 *   upsert on the wamid;
 * - the lease is renewed while a copy runs (a slow Postgres holds it, a dead process loses it
 *   after `leaseMs`), and a batch is removed from the list only by the holder of the lease: a
 *   flusher that lost its lease during a stalled insert leaves the list alone instead of
 *   trimming rows the new holder has not copied yet.
 * Delivery statuses take the same road: the web process appends a webhook's `sent` / `delivered`
 * / `read` to the list (`bufferStatuses`, one RPUSH before the 200, as durable as a queued job)
 * instead of queueing a job each, and the flusher applies a batch of them in one statement (each
 * wamid's furthest status; forward only, so a redelivered status changes nothing). A `failed`
 * status still goes through the inbound queue (outbound/statuses.ts: it is counted, logged and may
 * trigger the template fallback) and is written directly by `recordStatus`. The statements are
 * db/message-log.ts's (the one writer of the table).
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import {
  applyMessageStatuses,
  insertInboundMessages,
  recordMessageStatus,
  upsertOutboundMessages,
  type MessageStatusRow,
} from '../db/message-log';
import type { Logger } from '../observability/logger';
import type { InboxEntry } from '../queue/inbox';
import type { StatusUpdate } from '../queue/jobs';
import type { RedisClient } from '../queue/redis';
import { messageLogKey, messageLogLeaseKey } from '../queue/keys';
import { contactFromKey } from '../shared/conversation-key';
import { lease as takeLease, trimLeased, unlease, type ScriptedRedis } from '../queue/scripts';

export interface MessageLog {
  logInbound(key: string, entry: InboxEntry): Promise<void>;
  logOutbound(row: {
    key: string;
    wamid: string;
    type: string;
    correlationId: string;
  }): Promise<void>;
  recordStatus(update: StatusUpdate): Promise<void>;
  /** Copy buffered rows to Postgres now, if this process holds (or gets) the lease; rows written. */
  flush(): Promise<number>;
  /** Flush every `everyMs` (worker processes). */
  start(): void;
  /** Stop the timer, flush what is left (if ours to flush) and give the lease up. */
  stop(): Promise<void>;
}

export interface MessageLogBuffer {
  redis: ScriptedRedis;
  prefix: string;
  /** Flush interval (default 200 ms). */
  everyMs?: number;
  /** Rows per statement (default 2,000). */
  batch?: number;
  /** Rows kept in Redis while Postgres cannot take them (default 200,000; oldest dropped beyond). */
  maxBacklog?: number;
  /** How long a flusher that stopped renewing keeps the lease (default 5,000 ms). */
  leaseMs?: number;
}

/** One buffered message row (JSON in the list). */
interface LogRow {
  d: 'in' | 'out';
  wamid: string;
  wa: string | null;
  bs: string | null;
  type: string;
  corr: string | null;
  /** Inbound only: when the message arrived. */
  at?: string;
}

/** One buffered delivery status (JSON in the list). */
interface StatusRow {
  d: 'st';
  wamid: string;
  status: 'sent' | 'delivered' | 'read';
  /** When Meta says it happened (ISO 8601). */
  at: string;
}

const DELIVERY_STATUSES = new Set(['sent', 'delivered', 'read', 'failed']);
/** Statuses buffered through the list; `failed` goes through the queue (see the header). */
const BUFFERED_STATUSES = new Set(['sent', 'delivered', 'read']);
const MAX_TYPE = 32;
const MAX_CORRELATION = 128;
const MAX_WAMID = 255;
const LEASE_MS = 5000;
/** Batches copied per tick at most (a backlog after an outage drains over several ticks). */
const BATCHES_PER_TICK = 10;

/** The user of a conversation key as two nullable columns: `wa:<wa_id>` or `bs:<bsuid>`. */
function idsOf(key: string): { wa: string | null; bs: string | null } {
  const { waId, bsuid } = contactFromKey(key);
  return { wa: waId ?? null, bs: bsuid ?? null };
}

/** Message type as logged: the WhatsApp type where the event keeps it. */
function inboundType(entry: InboxEntry): string {
  const e = entry.event;
  if (e.source !== 'user') return 'internal';
  switch (e.kind) {
    case 'button':
      return 'button';
    case 'listReply':
      return 'list_reply';
    case 'media':
      return e.mediaType;
    case 'unsupported':
      return e.messageType || 'unsupported';
    default:
      return e.kind;
  }
}

function parseRows(raws: string[]): (LogRow | StatusRow)[] {
  const rows: (LogRow | StatusRow)[] = [];
  for (const raw of raws) {
    try {
      const row = JSON.parse(raw) as LogRow | StatusRow;
      if (typeof row.wamid !== 'string') continue;
      if (row.d === 'in' || row.d === 'out') rows.push(row);
      else if (row.d === 'st' && BUFFERED_STATUSES.has(row.status) && typeof row.at === 'string')
        rows.push(row);
    } catch {
      /* a row that is not ours: skipped */
    }
  }
  return rows;
}

/**
 * Split a webhook's statuses: `sent` / `delivered` / `read` are appended to the buffered log in
 * one RPUSH (resolves once Redis has them); the rest (`failed`, anything unknown) are returned
 * for the inbound queue.
 */
export async function bufferStatuses(
  redis: Pick<RedisClient, 'rpush'>,
  prefix: string,
  updates: readonly StatusUpdate[],
): Promise<StatusUpdate[]> {
  const rest: StatusUpdate[] = [];
  const rows: string[] = [];
  for (const u of updates) {
    if (!BUFFERED_STATUSES.has(u.status)) {
      rest.push(u);
      continue;
    }
    const row: StatusRow = {
      d: 'st',
      wamid: u.wamid.slice(0, MAX_WAMID),
      status: u.status as StatusRow['status'],
      at: new Date(u.timestamp > 0 ? u.timestamp : Date.now()).toISOString(),
    };
    rows.push(JSON.stringify(row));
  }
  if (rows.length > 0) await redis.rpush(messageLogKey(prefix), ...rows);
  return rest;
}

export function createMessageLog(knex: Knex, logger: Logger, buffer: MessageLogBuffer): MessageLog {
  const { redis, prefix } = buffer;
  const everyMs = buffer.everyMs ?? 200;
  const batch = buffer.batch ?? 2000;
  const maxBacklog = buffer.maxBacklog ?? 200_000;
  const leaseMs = buffer.leaseMs ?? LEASE_MS;
  const list = messageLogKey(prefix);
  const lease = messageLogLeaseKey(prefix);
  const token = randomUUID();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  const guard = async (what: string, work: () => Promise<unknown>): Promise<void> => {
    try {
      await work();
    } catch (err) {
      logger.warn(
        { event: 'message_log.failed', what, err: (err as Error).message },
        'message log write failed',
      );
    }
  };
  const push = (row: LogRow) =>
    guard(row.d === 'in' ? 'inbound' : 'outbound', () => redis.rpush(list, JSON.stringify(row)));

  const copy = async (): Promise<number> => {
    // Idle costs one command per tick; the lease is taken (or kept) only when there are rows.
    if ((await redis.llen(list)) === 0) return 0;
    if (!(await takeLease(redis, lease, { token, ttlMs: leaseMs }))) return 0;
    // Renewed while this copy runs: a slow statement keeps the lease, a dead process loses it.
    const heartbeat = setInterval(
      () => void takeLease(redis, lease, { token, ttlMs: leaseMs }).catch(() => undefined),
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    try {
      return await copyBatches();
    } finally {
      clearInterval(heartbeat);
    }
  };

  const copyBatches = async (): Promise<number> => {
    let written = 0;
    for (let i = 0; i < BATCHES_PER_TICK; i++) {
      const raws = await redis.lrange(list, 0, batch - 1);
      if (raws.length === 0) break;
      const rows = parseRows(raws);
      try {
        // Inbound first: their order is the one that matters (and is kept). Statuses last, so
        // most find their send's row already there.
        const inbound: LogRow[] = [];
        const outbound: LogRow[] = [];
        const statuses: MessageStatusRow[] = [];
        for (const r of rows)
          if (r.d === 'st') statuses.push({ wamid: r.wamid, status: r.status, at: r.at });
          else if (r.d === 'in') inbound.push(r);
          else outbound.push(r);
        if (inbound.length > 0) await insertInboundMessages(knex, inbound);
        if (outbound.length > 0) await upsertOutboundMessages(knex, outbound);
        if (statuses.length > 0) await applyMessageStatuses(knex, statuses);
      } catch (err) {
        logger.warn(
          {
            event: 'message_log.failed',
            what: 'flush',
            rows: raws.length,
            err: (err as Error).message,
          },
          'message log flush failed; rows kept in Redis',
        );
        const backlog = await redis.llen(list);
        // Like every trim of the list, only while holding the lease.
        if (
          backlog > maxBacklog &&
          (await trimLeased(
            redis,
            { lease, list },
            { token, count: backlog - maxBacklog, ttlMs: leaseMs },
          ))
        ) {
          logger.error(
            { event: 'message_log.dropped', rows: backlog - maxBacklog },
            'message log backlog over its bound: oldest rows dropped',
          );
        }
        return written;
      }
      // Only the lease holder removes the batch: if the lease moved on during a stalled insert,
      // the new holder copies these rows again (upserts) and trims them itself.
      if (
        !(await trimLeased(redis, { lease, list }, { token, count: raws.length, ttlMs: leaseMs }))
      ) {
        logger.warn(
          { event: 'message_log.lease_lost', rows: raws.length },
          'message log flusher lost its lease during a copy; batch left to the new holder',
        );
        return written;
      }
      written += rows.length;
      if (raws.length < batch) break;
    }
    return written;
  };

  const copyInTurn = (): Promise<number> => {
    // One copy at a time per process; a caller during a copy waits for it and then copies again.
    const next = (running ?? Promise.resolve(0)).then(copy, copy).finally(() => {
      if (running === next) running = null;
    });
    running = next;
    return next;
  };

  return {
    logInbound: async (key, entry) => {
      if (entry.event.source !== 'user') return;
      await push({
        d: 'in',
        wamid: entry.event.id.slice(0, MAX_WAMID),
        ...idsOf(key),
        type: inboundType(entry).slice(0, MAX_TYPE),
        corr: entry.correlationId ? entry.correlationId.slice(0, MAX_CORRELATION) : null,
        at: new Date(entry.receivedAt || entry.event.at || Date.now()).toISOString(),
      });
    },

    logOutbound: (row) =>
      push({
        d: 'out',
        wamid: row.wamid.slice(0, MAX_WAMID),
        ...idsOf(row.key),
        type: row.type.slice(0, MAX_TYPE),
        corr: row.correlationId ? row.correlationId.slice(0, MAX_CORRELATION) : null,
      }),

    recordStatus: (update) =>
      guard('status', async () => {
        if (!DELIVERY_STATUSES.has(update.status)) return;
        await recordMessageStatus(knex, {
          wamid: update.wamid.slice(0, MAX_WAMID),
          status: update.status as 'sent' | 'delivered' | 'read' | 'failed',
          errorCode: update.errorCode ?? null,
          at: update.timestamp > 0 ? new Date(update.timestamp) : new Date(),
        });
      }),

    flush: () =>
      copyInTurn().catch((err: Error) => {
        logger.warn(
          { event: 'message_log.failed', what: 'flush', err: err.message },
          'message log flush failed',
        );
        return 0;
      }),

    start: () => {
      if (timer) return;
      timer = setInterval(() => {
        copyInTurn().catch(() => undefined);
      }, everyMs);
      timer.unref();
    },

    stop: async () => {
      if (timer) clearInterval(timer);
      timer = null;
      await copyInTurn().catch(() => 0);
      await unlease(redis, lease, token).catch(() => undefined);
    },
  };
}
