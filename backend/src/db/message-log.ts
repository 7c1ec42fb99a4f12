/**
 * The message log: metadata of every WhatsApp message in and out (never the text), and the
 * delivery status Meta reports for outbound ones. Statuses only move forward
 * (queued < sent < failed < delivered < read): a late `sent` never overwrites `read`.
 * A status can arrive before the send is logged, so both writes are upserts on wamid.
 */
import type { Knex } from 'knex';

export type MessageDirection = 'in' | 'out';
export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'received';

export interface MessageLogEntry {
  id: string;
  wamid: string | null;
  direction: MessageDirection;
  userId: number | null;
  messageType: string;
  status: MessageStatus;
  errorCode: number | null;
  correlationId: string | null;
  createdAt: Date;
  statusAt: Date | null;
}

export const STATUS_RANK: Readonly<Record<MessageStatus, number>> = { received: 0, queued: 1, sent: 2, failed: 3, delivered: 4, read: 5 };

const SELECT = [
  'id', 'wamid', 'direction', 'user_id as userId', 'message_type as messageType', 'status',
  'error_code as errorCode', 'correlation_id as correlationId', 'created_at as createdAt', 'status_at as statusAt',
];

const rank = (column: string): string =>
  `case ${column} ${Object.entries(STATUS_RANK).map(([s, r]) => `when '${s}' then ${r}`).join(' ')} else -1 end`;

export interface InboundMessage {
  wamid: string;
  userId?: number | null;
  messageType: string;
  correlationId?: string | null;
  at?: Date;
}

/** Record an inbound message once (a redelivery of the same wamid is ignored). Returns false for a duplicate. */
export async function logInboundMessage(knex: Knex, m: InboundMessage): Promise<boolean> {
  const rows = await knex('message_log')
    .insert({
      wamid: m.wamid, direction: 'in', user_id: m.userId ?? null, message_type: m.messageType,
      status: 'received', correlation_id: m.correlationId ?? null, created_at: m.at ?? knex.fn.now(),
    })
    .onConflict('wamid')
    .ignore()
    .returning('id');
  return rows.length > 0;
}

export interface OutboundMessage {
  /** Null when the Cloud API refused the send (no wamid was issued). */
  wamid?: string | null;
  userId?: number | null;
  messageType: string;
  status: 'queued' | 'sent' | 'failed';
  errorCode?: number | null;
  correlationId?: string | null;
  at?: Date;
}

export async function logOutboundMessage(knex: Knex, m: OutboundMessage): Promise<void> {
  const row = {
    wamid: m.wamid ?? null, direction: 'out', user_id: m.userId ?? null, message_type: m.messageType, status: m.status,
    error_code: m.errorCode ?? null, correlation_id: m.correlationId ?? null, created_at: m.at ?? knex.fn.now(),
  };
  if (!row.wamid) {
    await knex('message_log').insert(row);
    return;
  }
  // A status webhook may have created the row first: fill in what the sender knows, keep the furthest status.
  await knex.raw(
    `insert into message_log as m (wamid, direction, user_id, message_type, status, error_code, correlation_id, created_at)
     values (:wamid, 'out', :user_id, :message_type, :status, :error_code, :correlation_id, :created_at)
     on conflict (wamid) do update set
       user_id = coalesce(m.user_id, excluded.user_id),
       message_type = case when m.message_type = 'unknown' then excluded.message_type else m.message_type end,
       correlation_id = coalesce(m.correlation_id, excluded.correlation_id),
       created_at = least(m.created_at, excluded.created_at),
       status = case when ${rank('excluded.status')} > ${rank('m.status')} then excluded.status else m.status end,
       error_code = coalesce(m.error_code, excluded.error_code)`,
    row,
  );
}

/**
 * Apply a delivery status. Moves forward only; `failed` records its error code.
 * Returns true when the stored status changed.
 */
export async function recordMessageStatus(
  knex: Knex,
  update: { wamid: string; status: 'sent' | 'delivered' | 'read' | 'failed'; errorCode?: number | null; at?: Date },
): Promise<boolean> {
  const at = update.at ?? new Date();
  const result = await knex.raw<{ rows: { changed: boolean }[] }>(
    `insert into message_log as m (wamid, direction, message_type, status, error_code, created_at, status_at)
     values (:wamid, 'out', 'unknown', :status, :error_code, :at, :at)
     on conflict (wamid) do update set
       status = excluded.status,
       status_at = excluded.status_at,
       error_code = coalesce(excluded.error_code, m.error_code)
     where ${rank('excluded.status')} > ${rank('m.status')}
     returning true as changed`,
    { wamid: update.wamid, status: update.status, error_code: update.errorCode ?? null, at },
  );
  return result.rows.length > 0;
}

export async function getMessageByWamid(knex: Knex, wamid: string): Promise<MessageLogEntry | null> {
  const row = await knex('message_log').select(SELECT).where({ wamid }).first<(Omit<MessageLogEntry, 'id'> & { id: string | number }) | undefined>();
  return row ? { ...row, id: String(row.id) } : null;
}

/** Retention: delete rows created strictly before `before`, in batches. Returns how many were deleted. */
export async function deleteMessageLogOlderThan(knex: Knex, before: Date, batchSize = 10_000): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await knex('message_log')
      .whereIn('id', knex('message_log').select('id').where('created_at', '<', before).limit(batchSize))
      .delete();
    total += n;
    if (n < batchSize) return total;
  }
}
