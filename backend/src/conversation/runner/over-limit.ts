/**
 * In the conversation worker, before the pure step: a user message over the per-user limits
 * is consumed without running the step. Which budget it counts against is the pure core's call
 * (`isAnswer` on the state the message arrives in): answers to the bot's own questions have a
 * generous budget, anything else the strict one. The commit keeps the state as it is (same Lua
 * commit as a normal step: version check, event removed from the inbox atomically) and carries
 * the "slow down" reply, stating the real wait, only for the first dropped message of a window.
 * Internal events (timers, notices, results) never come here.
 */
import type { Logger } from '../../observability/logger';
import { metrics } from '../../observability/metrics';
import { maskKey } from '../../shared/mask';
import { isAnswer } from '../expected-input';
import type { ConversationState } from '../state';
import type { ConversationStore, OutboxItem } from './store';
import type { InboxEntry } from '../../queue/inbox';
import type { InboundLimiter, LimitBudget } from './inbound-limiter';
import { localeOfState, slowDownMessage } from './slow-down';

export interface LimitDropDeps {
  store: ConversationStore;
  limiter: InboundLimiter;
  logger: Logger;
}

/**
 * True when the entry was over the limit and has been consumed (the caller must not process it).
 * `state` is the conversation's current state (the snapshot the step would run on).
 */
export async function dropIfRateLimited(
  deps: LimitDropDeps,
  key: string,
  member: string,
  entry: InboxEntry,
  state: ConversationState | null,
): Promise<boolean> {
  const { event } = entry;
  if (event.source !== 'user' || !deps.limiter.enabled) return false;
  const budget: LimitBudget = isAnswer(state, event) ? 'answers' : 'free';
  const decision = await deps.limiter.check(key, budget);
  if (decision.allowed) return false;
  for (let attempt = 0; attempt < 5; attempt++) {
    const loaded = await deps.store.load(key);
    const commands: OutboxItem[] = decision.notify
      ? [
          {
            id: `${event.id}#slow-down`,
            command: {
              kind: 'send',
              message: slowDownMessage(localeOfState(loaded.state), decision.retryAfterMs),
            },
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
    if (committed === 'ok')
      metrics.droppedRateLimited.inc({ budget: decision.budget, window: decision.window });
    deps.logger.info(
      {
        event: 'conversation.rate_limited',
        correlationId: entry.correlationId,
        key: maskKey(key),
        budget: decision.budget,
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
