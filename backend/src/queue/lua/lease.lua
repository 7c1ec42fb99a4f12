-- Take a lease, or extend it if it is ours.
-- KEYS: lease
-- ARGV: token, ttlMs
-- Returns 1 when held, else 0.
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0
