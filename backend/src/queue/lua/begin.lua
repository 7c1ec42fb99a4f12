-- Take the conversation lock and, if it was free, return the snapshot (else 0).
-- KEYS: lock, state, meta, inbox, outbox, sendq
-- ARGV: token, ttlMs
--@include lib/snapshot.lua
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
return snapshot(KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6])
