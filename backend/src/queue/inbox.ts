/**
 * Durable, at-most-once intake of events into a conversation's inbox, plus the ready signal.
 * Used by the webhook (user messages), timers and `notify` (internal events).
 */
import type { ConversationEvent } from '../conversation/events';
import { conversationKeys, readyStreamKey } from './keys';
import { enqueue, type ScriptedRedis } from './scripts';
import type { Queues } from './queues';
import { Cluster } from 'ioredis';
import { signalReady } from './ready-stream';

/** An event as stored in the inbox: the event plus transport metadata. */
export interface InboxEntry {
  event: ConversationEvent;
  correlationId: string;
  /** When the webhook received it (ms). */
  receivedAt: number;
  /** Where to send replies, as received (phone digits and/or BSUID). */
  contact?: { waId?: string; bsuid?: string };
}

export interface InboxDeps {
  redis: ScriptedRedis;
  queues: Queues;
  prefix: string;
  dedupeTtlMs: number;
}

/**
 * Put entries (all of one conversation) into its inbox, skipping ids seen before, then signal the
 * conversation on the ready stream when anything is pending. Resolves only after both writes are
 * acknowledged by Redis (in that order: on Redis Cluster they live on different nodes, and a
 * signal must never overtake its event; on a single Redis both happen in one script).
 * Returns how many entries were new.
 */
export async function enqueueEntries(
  deps: InboxDeps,
  key: string,
  entries: InboxEntry[],
): Promise<number> {
  const k = conversationKeys(deps.prefix, key);
  const args = {
    nowMs: Date.now(),
    dedupeTtlMs: deps.dedupeTtlMs,
    conversationKey: key,
    events: entries.map((e) => ({
      id: e.event.id,
      atSeconds: Math.floor(e.event.at / 1000),
      json: JSON.stringify(e),
    })),
  };
  // Even when everything was a duplicate, a non-empty inbox is signalled: a retry by Meta
  // after a crash between the two writes must not leave events stranded.
  if (!(deps.redis instanceof Cluster)) {
    // One script: events and signal together (one round trip, no window between them).
    const [accepted] = await enqueue(
      deps.redis,
      { ...k, ready: readyStreamKey(deps.prefix) },
      args,
    );
    return accepted;
  }
  const [accepted, pending] = await enqueue(deps.redis, k, args);
  if (pending > 0) await signalReady(deps.redis, deps.prefix, key);
  return accepted;
}
