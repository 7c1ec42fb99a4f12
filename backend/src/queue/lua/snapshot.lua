-- The conversation snapshot alone.
-- KEYS: state, meta, inbox, outbox, sendq
--@include lib/snapshot.lua
return snapshot(KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])
