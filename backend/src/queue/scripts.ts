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
 * Commit one processed event: version check, new state, consume the event, queue its commands.
 * KEYS: state, inbox, outbox, meta.
 * ARGV: expectedVersion, newVersion, schema, stateJson ('' = delete), ttlMs,
 *       source ('inbox' | 'outbox'), consumedMember (inbox member or outbox head), lastInboundAt ('' = keep),
 *       waId ('' = keep), bsuid ('' = keep), then command JSONs.
 * Returns 1 on success, 0 on version conflict, -1 when the event is no longer at the head.
 */
const COMMIT = `
local current = redis.call('HGET', KEYS[1], 'v')
if (current or '0') ~= ARGV[1] then return 0 end
if ARGV[6] == 'inbox' then
  if redis.call('ZREM', KEYS[2], ARGV[7]) == 0 then return -1 end
else
  if redis.call('LINDEX', KEYS[3], 0) ~= ARGV[7] then return -1 end
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
return 1
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

/** Pop the first ARGV[1] outbox items if the head is ARGV[2]. KEYS: outbox. */
const POP_OUTBOX_RUN = `
if redis.call('LINDEX', KEYS[1], 0) == ARGV[2] then redis.call('LTRIM', KEYS[1], tonumber(ARGV[1]), -1) return 1 end
return 0
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

export interface ConversationScripts {
  ubEnqueue(seen: string, inbox: string, seq: string, ...args: (string | number)[]): Promise<[number, number]>;
  ubEnqueueAndSignal(seen: string, inbox: string, seq: string, ready: string, ...args: (string | number)[]): Promise<[number, number]>;
  ubCommit(state: string, inbox: string, outbox: string, meta: string, ...args: (string | number)[]): Promise<number>;
  ubPopOutboxHead(outbox: string, head: string): Promise<number>;
  ubPopOutboxRun(outbox: string, count: number, head: string): Promise<number>;
  ubSendqPush(sendq: string, commandId: string): Promise<number>;
  ubDropInboxMember(inbox: string, member: string): Promise<number>;
  ubLock(lock: string, token: string, ttlMs: number): Promise<number>;
  ubRenew(lock: string, token: string, ttlMs: number): Promise<number>;
  ubReleaseAndPeek(lock: string, inbox: string, outbox: string, token: string): Promise<number>;
}

export type ScriptedRedis = RedisClient & ConversationScripts;

export function withScripts(client: RedisClient): ScriptedRedis {
  const defs: [string, number, string][] = [
    ['ubEnqueue', 3, ENQUEUE_EVENTS],
    ['ubEnqueueAndSignal', 4, ENQUEUE_AND_SIGNAL],
    ['ubCommit', 4, COMMIT],
    ['ubPopOutboxHead', 1, POP_OUTBOX_HEAD],
    ['ubPopOutboxRun', 1, POP_OUTBOX_RUN],
    ['ubSendqPush', 1, SENDQ_PUSH],
    ['ubDropInboxMember', 1, DROP_INBOX_MEMBER],
    ['ubLock', 1, LOCK],
    ['ubRenew', 1, RENEW],
    ['ubReleaseAndPeek', 3, RELEASE_AND_PEEK],
  ];
  for (const [name, numberOfKeys, lua] of defs) {
    if (!(name in client)) client.defineCommand(name, { numberOfKeys, lua });
  }
  return client as ScriptedRedis;
}
