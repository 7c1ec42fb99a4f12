-- Pop the head of a list if it is ARGV[1] (an outbox item, or a command id in a send order).
-- KEYS: list
-- ARGV: expected head
-- Returns 1 when popped, else 0.
if redis.call('LINDEX', KEYS[1], 0) == ARGV[1] then redis.call('LPOP', KEYS[1]) return 1 end
return 0
