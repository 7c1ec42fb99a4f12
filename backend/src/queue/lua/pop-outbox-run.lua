-- Pop the first ARGV[1] outbox items if the head is ARGV[2]; then, when nothing is left to do
-- (outbox and inbox empty) and ARGV[3] is the lock's token, release the lock in the same step.
-- KEYS: outbox, lock, state, meta, inbox, sendq
-- ARGV: count, head, token ('' = keep the lock)
-- Returns {popped (1/0), 0 when released | the snapshot after the pop}.
--@include lib/snapshot.lua
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
