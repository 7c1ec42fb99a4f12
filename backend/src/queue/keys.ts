/**
 * Every Redis key name of the service (all under the deployment's prefix, REDIS_KEY_PREFIX).
 * Everything of one conversation shares the hash tag `{<key>}`, so the multi-key Lua scripts
 * stay in one slot on Redis Cluster; deployment-wide structures (ready stream, message log) have
 * a hash tag of their own.
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

/**
 * Per-user "you are over the limit" notice marker (one per window and budget); `point` is the
 * limiter's point for the person (runner/inbound-limiter.ts `limitPoint`), used as hash tag.
 */
export function limitNoticeKey(prefix: string, point: string, budget: string): string {
  return `${prefix}:{${point}}:rl:notice:${budget}`;
}

/** Prefix of BullMQ's keys (queues, jobs, schedulers). */
export function bullPrefix(prefix: string): string {
  return `${prefix}:bull`;
}

/** The ready stream (queue/ready-stream.ts): one per deployment, in one Cluster slot. */
export function readyStreamKey(prefix: string): string {
  return `${prefix}:{ready}`;
}

/** The message-log buffer (housekeeping/message-log-buffer.ts) and its flusher's lease. */
export function messageLogKey(prefix: string): string {
  return `${prefix}:{msglog}`;
}
export function messageLogLeaseKey(prefix: string): string {
  return `${prefix}:{msglog}:lease`;
}

/**
 * Key prefixes of the rate limiters (rate-limiter-flexible appends the point: a number id, a
 * conversation key or an IP): the business number's and each recipient's send rate, per-user
 * inbound windows, per-IP guards.
 */
export type RateLimitName = 'biz' | 'rcpt' | `in:${string}` | `ip:${string}`;
export function rateLimitPrefix(prefix: string, name: RateLimitName): string {
  return `${prefix}:rl:${name}`;
}

/** Version of the cached provider lists: bumped to make every cached list stale at once. */
export function providerListVersionKey(prefix: string): string {
  return `${prefix}:cache:providers:v`;
}

/** One cached provider list: the version, then what identifies the search (service, spot, size). */
export function providerListKey(
  prefix: string,
  version: string,
  search: (string | number)[],
): string {
  return `${prefix}:cache:cand:${version}:${search.join(':')}`;
}

/** BullMQ job ids cannot contain ':'. */
export function jobIdOf(id: string): string {
  return id.replace(/:/g, '|');
}

/** HASH of feature-flag rules set at runtime (flags/): field = flag key, value = JSON rule. */
export function flagsKey(prefix: string): string {
  return `${prefix}:flags`;
}

/** SET of user ids a status broadcast (broadcast/) has already enqueued a notice for. */
export function broadcastKey(prefix: string, broadcastId: string): string {
  return `${prefix}:broadcast:${broadcastId}`;
}

/* ---- human help, privacy and the ops console (care/, console/) ---- */

/**
 * Set while a person's conversation is handed to an operator (value: the handoff id): the worker
 * records their messages for the console instead of running the bot (conversation/runner/drain.ts).
 * Shares the conversation's hash tag.
 */
export function handoffKey(prefix: string, key: string): string {
  return `${prefix}:{${key}}:handoff`;
}

/**
 * Set (with a TTL) when the person was last told "your message is with the team" or an operator
 * last answered them: no new note while it exists (care/handoffs.ts).
 */
export function handoffQuietKey(prefix: string, key: string): string {
  return `${prefix}:{${key}}:handoff:quiet`;
}

/** Every key of one conversation (SCAN pattern; the key's glob characters escaped). */
export function conversationKeyPattern(prefix: string, key: string): string {
  return `${prefix}:{${globEscape(key)}}:*`;
}

/** Rate-limiter keys that name a conversation (recipient pair rate, inbound windows). */
export function rateLimitPatternFor(prefix: string, key: string): string {
  return `${prefix}:rl:*${globEscape(key)}*`;
}

/** Every template-fallback record (their values name the conversation). */
export function fallbackPattern(prefix: string): string {
  return `${prefix}:fallback:*`;
}

/** Every cached provider list (names of providers inside). */
export function providerListPattern(prefix: string): string {
  return `${prefix}:cache:cand:*`;
}

/** One console session (value: operator id, role, CSRF token, expiry). */
export function consoleSessionKey(prefix: string, sessionId: string): string {
  return `${prefix}:console:sess:${sessionId}`;
}

/** Failed console sign-ins, per client IP and per user name (rate-limiter-flexible points). */
export function consoleLoginLimitPrefix(prefix: string, by: 'ip' | 'user'): string {
  return `${prefix}:rl:console-login:${by}`;
}

function globEscape(s: string): string {
  return s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
