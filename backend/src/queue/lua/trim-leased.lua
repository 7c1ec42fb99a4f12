-- Drop the first ARGV[2] entries of a list, only while holding its lease (and extend the lease).
-- KEYS: lease, list
-- ARGV: token, count, ttlMs
-- Returns 1 when trimmed, 0 when the lease is not ours.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('LTRIM', KEYS[2], tonumber(ARGV[2]), -1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
