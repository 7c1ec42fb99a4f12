-- Accept events into a conversation inbox, at most once per event id; with a 4th key, also
-- signal the conversation on the ready stream when the inbox is not empty, in the same atomic
-- step (single Redis only: on Cluster the stream lives in another slot, and the signal is a
-- second command).
-- KEYS: seen, inbox, seq[, ready stream]
-- ARGV: nowMs, dedupeTtlMs, conversationKey, then (id, atSeconds, json) triples
-- Returns {acceptedCount, inboxLength}.
local now = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ttl)
local accepted = 0
for i = 4, #ARGV, 3 do
  if redis.call('ZADD', KEYS[1], 'NX', now, ARGV[i]) == 1 then
    local seq = redis.call('INCR', KEYS[3]) % 1000000
    redis.call('ZADD', KEYS[2], tonumber(ARGV[i + 1]) * 1000000 + seq, ARGV[i + 2])
    accepted = accepted + 1
  end
end
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('PEXPIRE', KEYS[3], ttl)
local pending = redis.call('ZCARD', KEYS[2])
if #KEYS == 4 and pending > 0 then redis.call('XADD', KEYS[4], '*', 'k', ARGV[3]) end
return { accepted, pending }
