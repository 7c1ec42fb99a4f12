/**
 * In the conversation worker, before the pure step: a user message over the per-user limits
 * is consumed without running the step. The commit keeps the state as it is (same Lua commit
 * as a normal step: version check, event removed from the inbox atomically) and carries the
 * "slow down" reply only for the first dropped message of a window. Internal events (timers,
 * notices, results) never come here.
 */
import type { Logger } from '../../observability/logger';
import { metrics } from '../../observability/metrics';
import { maskKey } from '../../shared/mask';
import type { ConversationStore, OutboxItem } from './store';
import type { InboxEntry } from '../../queue/inbox';
import type { InboundLimiter } from './inbound-limiter';
import { localeOfState, slowDownMessage } from './slow-down';

export interface LimitDropDeps {
  store: ConversationStore;
  limiter: InboundLimiter;
  logger: Logger;
}

/** True when the entry was over the limit and has been consumed (the caller must not process it). */
export async function dropIfRateLimited(deps: LimitDropDeps, key: string, member: string, entry: InboxEntry): Promise<boolean> {
  const { event } = entry;
  if (event.source !== 'user' || !deps.limiter.enabled) return false;
  const decision = await deps.limiter.check(key);
  if (decision.allowed) return false;
  for (let attempt = 0; attempt < 5; attempt++) {
    const loaded = await deps.store.load(key);
    const commands: OutboxItem[] = decision.notify
      ? [
          {
            id: `${event.id}#slow-down`,
            command: { kind: 'send', message: slowDownMessage(localeOfState(loaded.state)) },
            correlationId: entry.correlationId,
            receivedAt: entry.receivedAt,
          },
        ]
      : [];
    const committed = await deps.store.commit({
      key,
      expectedVersion: loaded.version,
      state: loaded.state,
      consumed: { from: 'inbox', member },
      // The user did write: the 24-hour window is open (lets the notice go out as free text).
      lastInboundAt: Math.max(event.at, entry.receivedAt),
      commands,
    });
    if (committed === 'conflict') continue;
    if (committed === 'ok') metrics.droppedRateLimited.inc({ window: decision.window });
    deps.logger.info(
      {
        event: 'conversation.rate_limited',
        correlationId: entry.correlationId,
        key: maskKey(key),
        window: decision.window,
        retryAfterMs: decision.retryAfterMs,
        notified: decision.notify,
      },
      'message over the per-user limit dropped',
    );
    return true;
  }
  throw new Error('state version conflict persisted');
}
