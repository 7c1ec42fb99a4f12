-- Append a reply to the conversation's send order, once.
-- KEYS: sendq
-- ARGV: command id, ttlMs
if not redis.call('LPOS', KEYS[1], ARGV[1]) then redis.call('RPUSH', KEYS[1], ARGV[1]) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
