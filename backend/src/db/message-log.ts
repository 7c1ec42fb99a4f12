/**
 * The message log: metadata of every WhatsApp message in and out (never the text), and the
 * delivery status Meta reports for outbound ones. The one writer of `message_log`: the batch
 * inserts of the buffered rows (housekeeping/message-log-buffer.ts flushes them), the status upsert and
 * the retention delete.
 *
 * Statuses only move forward (queued < sent < failed < delivered < read): a late `sent` never
 * overwrites `read`. A status can arrive before the send is logged, so both writes are upserts
 * on wamid.
 */
import type { Knex } from 'knex';
import { deleteInBatches } from './batched-delete';

export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'received';

const STATUS_RANK: Readonly<Record<MessageStatus, number>> = {
  received: 0,
  queued: 1,
  sent: 2,
  failed: 3,
  delivered: 4,
  read: 5,
};

const rank = (column: string): string =>
  `case ${column} ${Object.entries(STATUS_RANK)
    .map(([s, r]) => `when '${s}' then ${r}`)
    .join(' ')} else -1 end`;

/**
 * One message as the worker buffers it. The user is named by their WhatsApp id or BSUID (the
 * conversation key), and resolved to `users.id` by the insert itself.
 */
export interface MessageLogRow {
  wamid: string;
  wa: string | null;
  bs: string | null;
  /** Message type (`text`, `button`, `interactive`, …). */
  type: string;
  corr: string | null;
  /** Inbound only: when the message arrived (ISO 8601). */
  at?: string;
}

/** The user id for recordset (wa, bs) columns, by WhatsApp id or by BSUID. */
const USER_OF = `coalesce((select id from users where wa_id = r.wa limit 1), (select id from users where bsuid = r.bs limit 1))`;

/**
 * Inbound messages, once per wamid (a redelivery is ignored). The rows travel as one JSON array
 * (jsonb_to_recordset): the statement text is the same for any number of rows (cheap to plan),
 * and the ids follow the order of the rows.
 */
export async function insertInboundMessages(
  knex: Knex,
  rows: readonly MessageLogRow[],
): Promise<void> {
  await knex.raw(
    `insert into message_log (wamid, direction, user_id, message_type, status, correlation_id, created_at)
     select r.wamid, 'in', ${USER_OF}, r.type, 'received', r.corr, r.at
     from rows from (jsonb_to_recordset(?::jsonb) as (wamid text, wa text, bs text, type text, corr text, at timestamptz)) with ordinality as r(wamid, wa, bs, type, corr, at, ord)
     order by r.ord
     on conflict (wamid) do nothing`,
    [JSON.stringify(rows)],
  );
}

/**
 * Outbound sends, as queued. A status webhook may have created the row first: fill in what the
 * sender knows, keep the furthest status. One row per wamid per statement (Postgres refuses to
 * update a row twice), so a repeated wamid keeps its last row.
 */
export async function upsertOutboundMessages(
  knex: Knex,
  rows: readonly MessageLogRow[],
): Promise<void> {
  const unique = [...new Map(rows.map((r) => [r.wamid, r])).values()];
  await knex.raw(
    `insert into message_log as m (wamid, direction, user_id, message_type, status, correlation_id)
     select r.wamid, 'out', ${USER_OF}, r.type, 'queued', r.corr
     from rows from (jsonb_to_recordset(?::jsonb) as (wamid text, wa text, bs text, type text, corr text)) with ordinality as r(wamid, wa, bs, type, corr, ord)
     order by r.ord
     on conflict (wamid) do update set
       user_id = coalesce(m.user_id, excluded.user_id),
       message_type = case when m.message_type = 'unknown' then excluded.message_type else m.message_type end,
       correlation_id = coalesce(m.correlation_id, excluded.correlation_id),
       status = case when ${rank('excluded.status')} > ${rank('m.status')} then excluded.status else m.status end`,
    [JSON.stringify(unique)],
  );
}

/**
 * Apply a delivery status. Moves forward only; `failed` records its error code.
 * Returns true when the stored status changed.
 */
export async function recordMessageStatus(
  knex: Knex,
  update: {
    wamid: string;
    status: 'sent' | 'delivered' | 'read' | 'failed';
    errorCode?: number | null;
    at?: Date;
  },
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

/** One delivery status as the buffered log carries it (see applyMessageStatuses). */
export interface MessageStatusRow {
  wamid: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  errorCode?: number | null;
  /** When Meta says it happened (ISO 8601). */
  at: string;
}

/**
 * Many delivery statuses in one statement (the buffered log's flush): each wamid's furthest
 * status of the batch, applied like recordMessageStatus (forward only; a status before its send
 * creates the row, the send fills it in). Returns how many stored statuses changed.
 */
export async function applyMessageStatuses(
  knex: Knex,
  rows: readonly MessageStatusRow[],
): Promise<number> {
  const furthest = new Map<string, MessageStatusRow>();
  for (const r of rows) {
    const seen = furthest.get(r.wamid);
    if (!seen || STATUS_RANK[r.status] > STATUS_RANK[seen.status])
      furthest.set(r.wamid, { ...r, errorCode: r.errorCode ?? seen?.errorCode ?? null });
  }
  if (furthest.size === 0) return 0;
  const result = await knex.raw<{ rows: unknown[] }>(
    `insert into message_log as m (wamid, direction, message_type, status, error_code, created_at, status_at)
     select r.wamid, 'out', 'unknown', r.status, r.code, r.at, r.at
     from jsonb_to_recordset(?::jsonb) as r(wamid text, status text, code int, at timestamptz)
     on conflict (wamid) do update set
       status = excluded.status,
       status_at = excluded.status_at,
       error_code = coalesce(excluded.error_code, m.error_code)
     where ${rank('excluded.status')} > ${rank('m.status')}
     returning 1`,
    [
      JSON.stringify(
        [...furthest.values()].map((r) => ({
          wamid: r.wamid,
          status: r.status,
          code: r.errorCode ?? null,
          at: r.at,
        })),
      ),
    ],
  );
  return result.rows.length;
}

/** Retention: delete rows created strictly before `before`, in batches. Returns how many were deleted. */
export function deleteMessageLogOlderThan(
  knex: Knex,
  before: Date,
  batchSize = 10_000,
): Promise<number> {
  return deleteInBatches(
    knex,
    'message_log',
    'id',
    (q) => q.where('created_at', '<', before),
    batchSize,
  );
}
