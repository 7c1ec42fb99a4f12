/**
 * The ready stream: "conversation X has pending work", one Redis Stream entry per signal, read by
 * the conversation workers through a consumer group. It replaces a BullMQ wake-up job per message
 * (several scripts and a dozen keys each) with one XADD, a batched XREADGROUP and a batched
 * XACK + XDEL. Entries of a crashed consumer stay pending and are claimed by another one
 * (XAUTOCLAIM) once idle for longer than the conversation lock. See docs/architecture.md.
 */
import type { RedisClient } from './redis';
import { readyStreamKey } from './keys';

export const READY_GROUP = 'drain';
export const READY_FIELD = 'k';

/** Signal that a conversation has pending work. Resolves once Redis has the entry. */
export async function signalReady(redis: RedisClient, prefix: string, key: string): Promise<void> {
  await redis.xadd(readyStreamKey(prefix), '*', READY_FIELD, key);
}

/** Create the consumer group (reading from the start of the stream) if it does not exist. */
export async function ensureReadyGroup(redis: RedisClient, prefix: string): Promise<void> {
  try {
    await redis.xgroup('CREATE', readyStreamKey(prefix), READY_GROUP, '0', 'MKSTREAM');
  } catch (err) {
    if (!/BUSYGROUP/.test((err as Error).message)) throw err;
  }
}

/** Entries waiting or in progress, and the age of the oldest (seconds); for the queue gauges. */
export async function readyBacklog(
  redis: RedisClient,
  prefix: string,
  now = Date.now(),
): Promise<{ depth: number; oldestAgeSeconds: number }> {
  const key = readyStreamKey(prefix);
  const [depth, first] = await Promise.all([
    redis.xlen(key),
    redis.xrange(key, '-', '+', 'COUNT', 1),
  ]);
  const id = first[0]?.[0];
  const at = id ? Number(id.split('-')[0]) : now;
  return { depth, oldestAgeSeconds: Math.max(0, (now - at) / 1000) };
}

/** Parse XREADGROUP / XAUTOCLAIM entries into (id, conversation key) pairs. */
export function entriesOf(raw: unknown): { id: string; key: string }[] {
  const out: { id: string; key: string }[] = [];
  if (!Array.isArray(raw)) return out;
  for (const entry of raw) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) continue;
    const fields = entry[1] as unknown[];
    for (let i = 0; i + 1 < fields.length; i += 2) {
      if (fields[i] === READY_FIELD && typeof fields[i + 1] === 'string')
        out.push({ id: entry[0], key: fields[i + 1] as string });
    }
  }
  return out;
}

/** Entries delivered to a consumer and not yet acknowledged (drains in progress or orphaned). */
export async function readyInProgress(redis: RedisClient, prefix: string): Promise<number> {
  const res = (await redis.xpending(readyStreamKey(prefix), READY_GROUP)) as [number, ...unknown[]];
  return Number(res[0] ?? 0);
}
