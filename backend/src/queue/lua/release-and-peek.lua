-- Release the conversation lock if we own it and report how many events and commands wait.
-- KEYS: lock, inbox, outbox
-- ARGV: token
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return redis.call('ZCARD', KEYS[2]) + redis.call('LLEN', KEYS[3])
