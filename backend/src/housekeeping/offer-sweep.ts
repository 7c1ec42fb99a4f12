/**
 * Safety net for offer timeouts. Each offer normally expires through its own delayed timer;
 * if that timer was lost (e.g. Redis restored from an older snapshot), the provider would stay
 * blocked on a pending offer. This sweep finds offers past their deadline (plus a grace period)
 * and delivers the same `offerTimeout` timer event to the customer's conversation, with the
 * same event id, so a timer that did fire is not processed twice.
 */
import type { Knex } from 'knex';
import { listDueOffers } from '../db/offers';
import { conversationKeyOf } from '../db/users';
import { enqueueEntries, type InboxDeps } from '../queue/inbox';
import { timerIds } from '../conversation/timers';

export async function sweepDueOffers(knex: Knex, inbox: InboxDeps, graceMs: number, now = Date.now()): Promise<number> {
  const due = await listDueOffers(knex, new Date(now - graceMs), 200);
  let delivered = 0;
  for (const o of due) {
    const key = conversationKeyOf(o);
    if (!key) continue;
    const timerId = timerIds.offer(o.offerId);
    const event = { source: 'internal' as const, kind: 'timer' as const, id: `timer:${timerId}`, at: now, timer: 'offerTimeout', data: { requestId: o.requestId, offerId: o.offerId } };
    delivered += await enqueueEntries(inbox, key, [{ event, correlationId: `sweep-${o.offerId}`, receivedAt: now }]);
  }
  return delivered;
}
