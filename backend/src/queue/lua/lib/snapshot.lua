-- What the conversation worker needs to decide its next step, read in the same atomic step as
-- the write before it: {state {v, s, d}, meta {hadSession, lastInboundAt, waId, bsuid},
-- inbox head (0 or 1 member), the first 16 outbox items, sendq length}.
-- Parsed by conversation/runner/store.ts (parseSnapshot).
local function snapshot(state, meta, inbox, outbox, sendq)
  return {
    redis.call('HMGET', state, 'v', 's', 'd'),
    redis.call('HMGET', meta, 'hadSession', 'lastInboundAt', 'waId', 'bsuid'),
    redis.call('ZRANGE', inbox, 0, 0),
    redis.call('LRANGE', outbox, 0, 15),
    redis.call('LLEN', sendq)
  }
end
