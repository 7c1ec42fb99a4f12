/**
 * The Redis part of an erasure: every key of the person's conversations (state, meta, inbox,
 * outbox, send order, dedupe set, lock, attempts, markers), the rate-limiter keys named after
 * them, the session index, template-fallback records and cached provider lists naming them or
 * quoting what they wrote, queued and finished BullMQ jobs about them (outbound, timers, dead
 * letters), and entries of the queues' event streams and of the ready stream that name them.
 *
 * Runs as a job on the timers queue (wiring/worker.ts), after the conversation's last reply: while
 * the conversation is busy (lock held, inbox or outbox not empty) or message-log rows naming the
 * person still wait to be copied to Postgres, it throws and BullMQ retries it; the last attempt
 * sweeps whatever it finds. SCAN walks every master of a Redis Cluster.
 */
import { Cluster, type Redis } from 'ioredis';
import { writeAudit } from '../db/audit-log';
import {
  conversationKeyPattern,
  conversationKeys,
  fallbackPattern,
  messageLogKey,
  providerListPattern,
  rateLimitPatternFor,
  readyStreamKey,
  sessionsKey,
} from '../queue/keys';
import type { CareDeps } from './deps';

export const ERASE_REDIS_JOB = 'erase-redis';

export interface EraseRedisData {
  userId: number;
  /** Conversation keys of the person (`wa:…`, `bs:…`). */
  keys: string[];
  /** Texts that identify the person (WhatsApp id, number, BSUID, names). */
  identifiers: string[];
  /** What they wrote that may be quoted in messages to others (comments, problems, captions). */
  quotes?: string[];
  actor?: string;
}

export class ConversationBusy extends Error {
  constructor(what: string) {
    super(`erasure waits: ${what}`);
  }
}

export interface RedisErasureCounts {
  keys: number;
  jobs: number;
  streamEntries: number;
}

export async function eraseRedis(
  deps: CareDeps,
  data: EraseRedisData,
  opts: { force: boolean },
): Promise<RedisErasureCounts> {
  const { redis, prefix, queues } = deps.inbox;
  const quoted = (data.quotes ?? []).flatMap((q) => [q, JSON.stringify(q).slice(1, -1)]);
  const mentions = (text: string): boolean =>
    data.keys.some((k) => text.includes(k)) ||
    data.identifiers.some((id) => id.length >= 2 && text.includes(id)) ||
    quoted.some((q) => text.includes(q));

  if (!opts.force) {
    for (const key of data.keys) {
      const k = conversationKeys(prefix, key);
      const [lock, inbox, outbox] = await Promise.all([
        redis.exists(k.lock),
        redis.zcard(k.inbox),
        redis.llen(k.outbox),
      ]);
      if (lock || inbox || outbox) throw new ConversationBusy('the conversation is still running');
    }
    const buffered = await redis.lrange(messageLogKey(prefix), 0, -1);
    if (buffered.some(mentions)) throw new ConversationBusy('message-log rows not copied yet');
  }

  let keys = 0;
  const del = async (names: string[]): Promise<void> => {
    for (const name of names) keys += await redis.del(name);
  };
  for (const key of data.keys) {
    await del(await scanAll(redis, conversationKeyPattern(prefix, key)));
    await redis.zrem(sessionsKey(prefix), key);
  }
  // Limiters are keyed by the conversation key or by the number (521… and 52… share a budget).
  for (const id of [...data.keys, ...data.identifiers.filter((i) => /^\d{8,15}$/.test(i))]) {
    await del(await scanAll(redis, rateLimitPatternFor(prefix, id)));
  }
  for (const name of await scanAll(redis, fallbackPattern(prefix))) {
    const value = await redis.get(name);
    if (value !== null && mentions(value)) await del([name]);
  }
  await del(await scanAll(redis, providerListPattern(prefix)));

  let jobs = 0;
  const ownKey = (text: string): boolean => data.keys.some((k) => text.includes(k));
  for (const queue of queues.all) {
    // Work still to do is removed only when it is the person's own (their key); finished jobs and
    // dead letters also when they quote them (a reply to someone else naming them).
    const pending = await queue.getJobs(['waiting', 'delayed', 'paused', 'prioritized']);
    const finished = await queue.getJobs(['completed', 'failed']);
    for (const [list, test] of [
      [pending, ownKey],
      [finished, mentions],
    ] as const) {
      for (const job of list) {
        if (job.name === ERASE_REDIS_JOB) continue;
        if (
          test(
            `${job.id ?? ''} ${JSON.stringify(job.data)} ${JSON.stringify(job.returnvalue ?? '')}`,
          )
        ) {
          await job.remove().catch(() => undefined);
          jobs++;
        }
      }
    }
  }

  let streamEntries = 0;
  for (const stream of [...queues.all.map((q) => q.keys.events), readyStreamKey(prefix)]) {
    const entries = await redis.xrange(stream, '-', '+');
    const ids = entries.filter(([, fields]) => mentions(fields.join(' '))).map(([id]) => id);
    if (ids.length > 0) streamEntries += await redis.xdel(stream, ...ids);
  }

  const counts = { keys, jobs, streamEntries };
  await writeAudit(deps.knex, {
    actor: data.actor ?? `user:${data.userId}`,
    action: 'privacy.erase.redis',
    entity: 'user',
    entityId: data.userId || null,
    data: { ...counts, forced: opts.force },
  });
  return counts;
}

/** Every key matching `pattern`, on one Redis or on every master of a Cluster. */
async function scanAll(redis: Redis | Cluster, pattern: string): Promise<string[]> {
  const nodes: Redis[] = redis instanceof Cluster ? redis.nodes('master') : [redis];
  const out: string[] = [];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      out.push(...keys);
    } while (cursor !== '0');
  }
  return [...new Set(out)];
}

/** The timers-queue job: retried while the conversation is busy; the last attempt forces. */
export async function runEraseRedisJob(
  deps: CareDeps,
  data: EraseRedisData,
  attempt: { made: number; max: number },
): Promise<RedisErasureCounts> {
  return eraseRedis(deps, data, { force: attempt.made + 1 >= attempt.max });
}
