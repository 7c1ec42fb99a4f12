/**
 * Redis key layout. Everything of one conversation shares the hash tag `{<key>}`, so the
 * multi-key Lua scripts stay in one slot on Redis Cluster.
 */
export interface ConversationKeys {
  /** ZSET of pending events (score = timestamp-seconds * 1e6 + per-conversation sequence). */
  inbox: string;
  /** ZSET of event ids already accepted (score = time), for at-most-once intake. */
  seen: string;
  /** Counter used for the inbox ordering sequence. */
  seq: string;
  /** HASH { v: version, s: schema, d: state JSON }; expires after the session TTL. */
  state: string;
  /** LIST of commands committed with the last event and not yet executed. */
  outbox: string;
  /** Per-conversation lock (value = owner token). */
  lock: string;
  /** HASH { lastInboundAt, waId, bsuid, hadSession }. */
  meta: string;
  /** LIST of command ids of replies not yet sent, in conversation order (the sender keeps it). */
  sendq: string;
}

export function conversationKeys(prefix: string, key: string): ConversationKeys {
  const base = `${prefix}:{${key}}`;
  return {
    inbox: `${base}:inbox`,
    seen: `${base}:seen`,
    seq: `${base}:seq`,
    state: `${base}:state`,
    outbox: `${base}:outbox`,
    lock: `${base}:lock`,
    meta: `${base}:meta`,
    sendq: `${base}:sendq`,
  };
}

export function attemptsKey(prefix: string, key: string, eventId: string): string {
  return `${prefix}:{${key}}:attempts:${eventId}`;
}

/** Marker written after a send succeeded: the same command is never sent twice. */
export function sentKey(prefix: string, commandId: string): string {
  return `${prefix}:sent:${commandId}`;
}

/** Template fallback remembered for a sent message, used if a `failed` 131047 status arrives. */
export function fallbackKey(prefix: string, wamid: string): string {
  return `${prefix}:fallback:${wamid}`;
}

export function sessionsKey(prefix: string): string {
  return `${prefix}:sessions`;
}

/** BullMQ job ids cannot contain ':'. */
export function jobIdOf(id: string): string {
  return id.replace(/:/g, '|');
}
