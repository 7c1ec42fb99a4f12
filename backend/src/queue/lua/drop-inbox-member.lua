-- Remove an inbox member (dead-lettering a poison event).
-- KEYS: inbox
-- ARGV: member
return redis.call('ZREM', KEYS[1], ARGV[1])
