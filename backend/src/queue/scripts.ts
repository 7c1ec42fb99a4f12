/**
 * Lua scripts: each one is a single atomic step on one conversation's keys.
 */
import type { RedisClient } from './redis';

/**
 * Accept events into a conversation inbox, at most once per event id.
 * KEYS: seen, inbox, seq[, ready stream]. ARGV: nowMs, dedupeTtlMs, then (id, atSeconds, json)
 * triples[, then the conversation key]. Returns [acceptedCount, inboxLength].
 * The signalling form also appends the key to the ready stream when the inbox is not empty, in
 * the same atomic step (single Redis only: on Cluster the stream lives in another slot, and the
 * signal is a second command).
 */
const enqueueScript = (signal: boolean): string => `
local now = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ttl)
local accepted = 0
for i = 3, #ARGV - ${signal ? 1 : 0}, 3 do
  if redis.call('ZADD', KEYS[1], 'NX', now, ARGV[i]) == 1 then
    local seq = redis.call('INCR', KEYS[3]) % 1000000
    redis.call('ZADD', KEYS[2], tonumber(ARGV[i + 1]) * 1000000 + seq, ARGV[i + 2])
    accepted = accepted + 1
  end
end
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('PEXPIRE', KEYS[3], ttl)
local pending = redis.call('ZCARD', KEYS[2])
${signal ? "if pending > 0 then redis.call('XADD', KEYS[4], '*', 'k', ARGV[#ARGV]) end" : ''}
return { accepted, pending }
`;
const ENQUEUE_EVENTS = enqueueScript(false);
const ENQUEUE_AND_SIGNAL = enqueueScript(true);

/**
 * What the conversation worker needs to decide its next step, read in the same atomic step as
 * the write before it: [state {v, s, d}, meta {hadSession, lastInboundAt, waId, bsuid},
 * inbox head (0 or 1 member), the first 16 outbox items, sendq length].
 */
const SNAPSHOT_FN = `
local function snapshot(state, meta, inbox, outbox, sendq)
  return {
    redis.call('HMGET', state, 'v', 's', 'd'),
    redis.call('HMGET', meta, 'hadSession', 'lastInboundAt', 'waId', 'bsuid'),
    redis.call('ZRANGE', inbox, 0, 0),
    redis.call('LRANGE', outbox, 0, 15),
    redis.call('LLEN', sendq)
  }
end
`;

/** The snapshot alone. KEYS: state, meta, inbox, outbox, sendq. */
const SNAPSHOT = `${SNAPSHOT_FN}
return snapshot(KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])
`;

/**
 * Take the conversation lock and, if it was free, return the snapshot (else 0).
 * KEYS: lock, state, meta, inbox, outbox, sendq. ARGV: token, ttlMs.
 */
const BEGIN = `${SNAPSHOT_FN}
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
return snapshot(KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6])
`;

/**
 * Commit one processed event: version check, new state, consume the event, queue its commands.
 * KEYS: state, inbox, outbox, meta, sendq.
 * ARGV: expectedVersion, newVersion, schema, stateJson ('' = delete), ttlMs,
 *       source ('inbox' | 'outbox'), consumedMember (inbox member or outbox head), lastInboundAt ('' = keep),
 *       waId ('' = keep), bsuid ('' = keep), then command JSONs.
 * Returns {1, snapshot after the commit} on success, {0} on version conflict, {-1} when the event
 * is no longer at the head.
 */
const COMMIT = `${SNAPSHOT_FN}
local current = redis.call('HGET', KEYS[1], 'v')
if (current or '0') ~= ARGV[1] then return {0} end
if ARGV[6] == 'inbox' then
  if redis.call('ZREM', KEYS[2], ARGV[7]) == 0 then return {-1} end
else
  if redis.call('LINDEX', KEYS[3], 0) ~= ARGV[7] then return {-1} end
  redis.call('LPOP', KEYS[3])
end
if ARGV[4] == '' then
  redis.call('DEL', KEYS[1])
else
  redis.call('HSET', KEYS[1], 'v', ARGV[2], 's', ARGV[3], 'd', ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
end
for i = 11, #ARGV do redis.call('RPUSH', KEYS[3], ARGV[i]) end
redis.call('HSET', KEYS[4], 'hadSession', '1')
if ARGV[8] ~= '' then redis.call('HSET', KEYS[4], 'lastInboundAt', ARGV[8]) end
if ARGV[9] ~= '' then redis.call('HSET', KEYS[4], 'waId', ARGV[9]) end
if ARGV[10] ~= '' then redis.call('HSET', KEYS[4], 'bsuid', ARGV[10]) end
redis.call('PEXPIRE', KEYS[4], 2592000000)
return {1, snapshot(KEYS[1], KEYS[4], KEYS[2], KEYS[3], KEYS[5])}
`;

/** Pop the outbox head if it is `ARGV[1]`. KEYS: outbox. */
const POP_OUTBOX_HEAD = `
if redis.call('LINDEX', KEYS[1], 0) == ARGV[1] then redis.call('LPOP', KEYS[1]) return 1 end
return 0
`;

/** Append a reply to the send order, once. KEYS: sendq. ARGV: command id. */
const SENDQ_PUSH = `
if not redis.call('LPOS', KEYS[1], ARGV[1]) then redis.call('RPUSH', KEYS[1], ARGV[1]) end
redis.call('PEXPIRE', KEYS[1], 604800000)
return 1
`;

/**
 * Pop the first ARGV[1] outbox items if the head is ARGV[2]; then, when nothing is left to do
 * (outbox and inbox empty) and ARGV[3] is the lock's token, release the lock in the same step.
 * KEYS: outbox, lock, state, meta, inbox, sendq.
 * Returns {popped (1/0), 0 when released | the snapshot after the pop}.
 */
const POP_OUTBOX_RUN = `${SNAPSHOT_FN}
local popped = 0
if redis.call('LINDEX', KEYS[1], 0) == ARGV[2] then
  redis.call('LTRIM', KEYS[1], tonumber(ARGV[1]), -1)
  popped = 1
end
if ARGV[3] ~= '' and redis.call('LLEN', KEYS[1]) == 0 and redis.call('ZCARD', KEYS[5]) == 0 and redis.call('GET', KEYS[2]) == ARGV[3] then
  redis.call('DEL', KEYS[2])
  return {popped, 0}
end
return {popped, snapshot(KEYS[3], KEYS[4], KEYS[5], KEYS[1], KEYS[6])}
`;

/** Remove an inbox member (dead-lettering a poison event). KEYS: inbox. */
const DROP_INBOX_MEMBER = `return redis.call('ZREM', KEYS[1], ARGV[1])`;

/** Take the lock if free. KEYS: lock. ARGV: token, ttlMs. */
const LOCK = `return redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) and 1 or 0`;

/** Extend the lock if we still own it. KEYS: lock. ARGV: token, ttlMs. */
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

/** Release the lock if we own it and report how many events wait. KEYS: lock, inbox, outbox. */
const RELEASE_AND_PEEK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return redis.call('ZCARD', KEYS[2]) + redis.call('LLEN', KEYS[3])
`;

/** Take a lease (or extend it if it is ours). KEYS: lease. ARGV: token, ttlMs. Returns 1 when held. */
const LEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0
`;

/**
 * Drop the first `count` entries of a list, only while holding its lease (and extend the lease).
 * KEYS: lease, list. ARGV: token, count, ttlMs. Returns 1 when trimmed, 0 when the lease is not ours.
 */
const TRIM_LEASED = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('LTRIM', KEYS[2], tonumber(ARGV[2]), -1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

/** Give a lease up if it is ours. KEYS: lease. ARGV: token. */
const UNLEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export interface ConversationScripts {
  ubEnqueue(seen: string, inbox: string, seq: string, ...args: (string | number)[]): Promise<[number, number]>;
  ubEnqueueAndSignal(seen: string, inbox: string, seq: string, ready: string, ...args: (string | number)[]): Promise<[number, number]>;
  ubSnapshot(state: string, meta: string, inbox: string, outbox: string, sendq: string): Promise<SnapshotReply>;
  ubBegin(lock: string, state: string, meta: string, inbox: string, outbox: string, sendq: string, token: string, ttlMs: number): Promise<SnapshotReply | 0>;
  ubCommit(state: string, inbox: string, outbox: string, meta: string, sendq: string, ...args: (string | number)[]): Promise<[number, SnapshotReply?]>;
  ubPopOutboxHead(outbox: string, head: string): Promise<number>;
  ubPopOutboxRun(outbox: string, lock: string, state: string, meta: string, inbox: string, sendq: string, count: number, head: string, token: string): Promise<[number, SnapshotReply | 0]>;
  ubSendqPush(sendq: string, commandId: string): Promise<number>;
  ubDropInboxMember(inbox: string, member: string): Promise<number>;
  ubLock(lock: string, token: string, ttlMs: number): Promise<number>;
  ubRenew(lock: string, token: string, ttlMs: number): Promise<number>;
  ubReleaseAndPeek(lock: string, inbox: string, outbox: string, token: string): Promise<number>;
  ubLease(lease: string, token: string, ttlMs: number): Promise<number>;
  ubUnlease(lease: string, token: string): Promise<number>;
  ubTrimLeased(lease: string, list: string, token: string, count: number, ttlMs: number): Promise<number>;
}

/** The raw snapshot reply (see SNAPSHOT_FN); parsed by conversation/runner/store.ts. */
export type SnapshotReply = [
  [string | null, string | null, string | null],
  [string | null, string | null, string | null, string | null],
  string[],
  string[],
  number,
];

export type ScriptedRedis = RedisClient & ConversationScripts;

export function withScripts(client: RedisClient): ScriptedRedis {
  const defs: [string, number, string][] = [
    ['ubEnqueue', 3, ENQUEUE_EVENTS],
    ['ubEnqueueAndSignal', 4, ENQUEUE_AND_SIGNAL],
    ['ubSnapshot', 5, SNAPSHOT],
    ['ubBegin', 6, BEGIN],
    ['ubCommit', 5, COMMIT],
    ['ubPopOutboxHead', 1, POP_OUTBOX_HEAD],
    ['ubPopOutboxRun', 6, POP_OUTBOX_RUN],
    ['ubSendqPush', 1, SENDQ_PUSH],
    ['ubDropInboxMember', 1, DROP_INBOX_MEMBER],
    ['ubLock', 1, LOCK],
    ['ubRenew', 1, RENEW],
    ['ubReleaseAndPeek', 3, RELEASE_AND_PEEK],
    ['ubLease', 1, LEASE],
    ['ubUnlease', 1, UNLEASE],
    ['ubTrimLeased', 2, TRIM_LEASED],
  ];
  for (const [name, numberOfKeys, lua] of defs) {
    if (!(name in client)) client.defineCommand(name, { numberOfKeys, lua });
  }
  return client as ScriptedRedis;
}
