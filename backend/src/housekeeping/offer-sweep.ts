/**
 * Safety net for offer timeouts. Each offer normally expires through its own delayed timer;
 * if that timer was lost (e.g. Redis restored from an older snapshot), the provider would stay
 * blocked on a pending offer. This sweep finds offers past their deadline (plus a grace period)
 * and delivers the same `offerTimeout` timer event to the customer's conversation, with the
 * same event id, so a timer that did fire is not processed twice.
 */
import type { Knex } from 'knex';
import { conversationKeyOf } from '../shared/conversation-key';
import { enqueueEntries, type InboxDeps } from '../queue/inbox';
import { timerFiredEvent, timerIds } from '../conversation/timers';

export async function sweepDueOffers(knex: Knex, inbox: InboxDeps, graceMs: number, now = Date.now()): Promise<number> {
  const due = await knex('offers as o')
    .join('service_requests as r', 'r.id', 'o.request_id')
    .join('users as u', 'u.id', 'r.customer_id')
    .where('o.status', 'offered')
    .where('o.expires_at', '<=', new Date(now - graceMs))
    .select<{ offerId: number; requestId: number; waId: string | null; bsuid: string | null }[]>('o.id as offerId', 'o.request_id as requestId', 'u.wa_id as waId', 'u.bsuid as bsuid')
    .orderBy('o.expires_at')
    .limit(200);
  let delivered = 0;
  for (const o of due) {
    const key = conversationKeyOf(o);
    if (!key) continue;
    const event = timerFiredEvent(timerIds.offer(o.offerId), 'offerTimeout', { requestId: o.requestId, offerId: o.offerId }, now);
    delivered += await enqueueEntries(inbox, key, [{ event, correlationId: `sweep-${o.offerId}`, receivedAt: now }]);
  }
  return delivered;
}
