/**
 * Request statuses as the conversation sees them vs. as Postgres stores them — the one place
 * that translates between the two. The conversation contract (conversation/operations.ts)
 * uses the `service_requests.status` values themselves, so both directions are the identity;
 * the tables stay typed on both sides, so if the two ever diverge the compiler points here
 * and nowhere else.
 */
import type { RequestStatus as ConversationStatus } from '../conversation/operations';
import type { RequestStatus as DbStatus } from '../db/requests';

const TO_CONVERSATION: Readonly<Record<DbStatus, ConversationStatus>> = {
  searching: 'searching',
  offered: 'offered',
  accepted: 'accepted',
  done: 'done',
  cancelled: 'cancelled',
  no_providers: 'no_providers',
};

const TO_DB: Readonly<Record<ConversationStatus, DbStatus>> = {
  searching: 'searching',
  offered: 'offered',
  accepted: 'accepted',
  done: 'done',
  cancelled: 'cancelled',
  no_providers: 'no_providers',
};

export const DB_STATUSES = Object.keys(TO_CONVERSATION) as DbStatus[];
export const CONVERSATION_STATUSES = Object.keys(TO_DB) as ConversationStatus[];

export function toConversationStatus(status: DbStatus): ConversationStatus {
  const mapped = TO_CONVERSATION[status];
  if (!mapped) throw new Error(`unknown request status ${JSON.stringify(status)}`);
  return mapped;
}

export function toDbStatus(status: ConversationStatus): DbStatus {
  const mapped = TO_DB[status];
  if (!mapped) throw new Error(`unknown request status ${JSON.stringify(status)}`);
  return mapped;
}

/** Open for offers: a request that can still be offered, accepted or cancelled before a provider took it. */
export const OPEN_FOR_OFFERS: readonly DbStatus[] = ['searching', 'offered'];
