-- Take a lock if it is free.
-- KEYS: lock
-- ARGV: token, ttlMs
-- Returns 1 when taken, else 0.
return redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) and 1 or 0
