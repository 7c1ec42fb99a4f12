/**
 * Safety net for offer timeouts. Each offer normally expires through its own delayed timer;
 * if that timer was lost (e.g. Redis restored from an older snapshot), the provider would stay
 * blocked on a pending offer. This sweep finds offers past their deadline (plus a grace period)
 * and delivers the same `offerTimeout` timer event to the customer's conversation, with the
 * same event id, so a timer that did fire is not processed twice.
 */
import type { Knex } from 'knex';
import { listDueOffers } from '../db/offers';
import { conversationKeyOf } from '../shared/conversation-key';
import { enqueueEntries, type InboxDeps } from '../queue/inbox';
import { timerFiredEvent, timerIds } from '../conversation/timers';

export async function sweepDueOffers(
  knex: Knex,
  inbox: InboxDeps,
  graceMs: number,
  now = Date.now(),
): Promise<number> {
  const due = await listDueOffers(knex, new Date(now - graceMs), 200);
  let delivered = 0;
  for (const o of due) {
    const key = conversationKeyOf(o);
    if (!key) continue;
    const event = timerFiredEvent(
      timerIds.offer(o.offerId),
      'offerTimeout',
      { requestId: o.requestId, offerId: o.offerId },
      now,
    );
    delivered += await enqueueEntries(inbox, key, [
      { event, correlationId: `sweep-${o.offerId}`, receivedAt: now },
    ]);
  }
  return delivered;
}
