-- Commit one processed event: version check, new state, consume the event, queue its commands.
-- KEYS: state, inbox, outbox, meta, sendq
-- ARGV: expectedVersion, newVersion, schema, stateJson ('' = delete), ttlMs,
--       source ('inbox' | 'outbox'), consumedMember (inbox member or outbox head),
--       lastInboundAt ('' = keep), waId ('' = keep), bsuid ('' = keep), then command JSONs
-- Returns {1, snapshot after the commit} on success, {0} on version conflict, {-1} when the event
-- is no longer at the head.
--@include lib/snapshot.lua
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
