/**
 * Message log writes from the worker: inbound messages, outbound sends, delivery statuses
 * (metadata only, never the text). Inbound and outbound rows are group-committed (many rows per
 * statement under load); the user is found by the conversation key inside the statement (a
 * subselect), so logging costs no extra round trip. Statuses only move
 * forward (the repository's rank). The log is never on the critical path: a failed write is a
 * warning and the conversation goes on.
 */
import type { Knex } from 'knex';
import { recordMessageStatus, STATUS_RANK } from '../db/message-log';
import type { Logger } from '../observability/logger';
import type { InboxEntry } from '../queue/inbox';
import type { StatusUpdate } from '../queue/jobs';
import { GroupWriter } from './group-writer';

export interface MessageLog {
  logInbound(key: string, entry: InboxEntry): Promise<void>;
  logOutbound(row: { key: string; wamid: string; type: string; correlationId: string }): Promise<void>;
  recordStatus(update: StatusUpdate): Promise<void>;
}

const DELIVERY_STATUSES = new Set(['sent', 'delivered', 'read', 'failed']);
const MAX_TYPE = 32;
const MAX_CORRELATION = 128;
const MAX_WAMID = 255;

const rank = (column: string): string =>
  `case ${column} ${Object.entries(STATUS_RANK)
    .map(([s, r]) => `when '${s}' then ${r}`)
    .join(' ')} else -1 end`;

/** The user of a conversation key as two nullable columns: `wa:<wa_id>` or `bs:<bsuid>`. */
function idsOf(key: string): { wa: string | null; bs: string | null } {
  if (key.startsWith('wa:')) return { wa: key.slice(3), bs: null };
  if (key.startsWith('bs:')) return { wa: null, bs: key.slice(3) };
  return { wa: null, bs: null };
}

/** The user id for unnested (wa, bs) columns, by WhatsApp id or by BSUID. */
const USER_OF = `coalesce((select id from users where wa_id = r.wa limit 1), (select id from users where bsuid = r.bs limit 1))`;

/** Message type as logged: the WhatsApp type where the event keeps it. */
function inboundType(entry: InboxEntry): string {
  const e = entry.event;
  if (e.source !== 'user') return 'internal';
  switch (e.kind) {
    case 'button':
      return 'button';
    case 'listReply':
      return 'list_reply';
    case 'unsupported':
      return e.messageType || 'unsupported';
    default:
      return e.kind;
  }
}

interface InboundRow {
  key: string;
  wamid: string;
  type: string;
  correlationId: string | null;
  createdAt: Date;
}

interface OutboundRow {
  key: string;
  wamid: string;
  type: string;
  correlationId: string | null;
}

export function createMessageLog(knex: Knex, logger: Logger): MessageLog {
  const guard = async (what: string, work: () => Promise<unknown>): Promise<void> => {
    try {
      await work();
    } catch (err) {
      logger.warn({ event: 'message_log.failed', what, err: (err as Error).message }, 'message log write failed');
    }
  };

  // Rows of concurrent conversations share one statement (group commit): under load the
  // number of statements stays small however many messages flow. The rows travel as one JSON
  // array (jsonb_to_recordset), so the statement text is the same for any number of rows: cheap
  // to plan, and the ids follow the order of the rows (the processing order of a conversation).
  const inbound = new GroupWriter<InboundRow>(async (rows) => {
    const json = rows.map((r) => ({ wamid: r.wamid, ...idsOf(r.key), type: r.type, corr: r.correlationId, at: r.createdAt.toISOString() }));
    await knex.raw(
      `insert into message_log (wamid, direction, user_id, message_type, status, correlation_id, created_at)
       select r.wamid, 'in', ${USER_OF}, r.type, 'received', r.corr, r.at
       from rows from (jsonb_to_recordset(?::jsonb) as (wamid text, wa text, bs text, type text, corr text, at timestamptz)) with ordinality as r(wamid, wa, bs, type, corr, at, ord)
       order by r.ord
       on conflict (wamid) do nothing`,
      [JSON.stringify(json)],
    );
  });

  // A status webhook may have created the row first: fill in what the sender knows, keep the
  // furthest status. One row per wamid per statement (Postgres refuses to update a row twice).
  const outbound = new GroupWriter<OutboundRow>(async (rows) => {
    const unique = [...new Map(rows.map((r) => [r.wamid, r])).values()];
    const json = unique.map((r) => ({ wamid: r.wamid, ...idsOf(r.key), type: r.type, corr: r.correlationId }));
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
      [JSON.stringify(json)],
    );
  });

  return {
    logInbound: (key, entry) =>
      guard('inbound', async () => {
        if (entry.event.source !== 'user') return;
        await inbound.add({
          key,
          wamid: entry.event.id.slice(0, MAX_WAMID),
          type: inboundType(entry).slice(0, MAX_TYPE),
          correlationId: entry.correlationId ? entry.correlationId.slice(0, MAX_CORRELATION) : null,
          createdAt: new Date(entry.receivedAt || entry.event.at || Date.now()),
        });
      }),

    logOutbound: (row) =>
      guard('outbound', async () => {
        await outbound.add({
          key: row.key,
          wamid: row.wamid.slice(0, MAX_WAMID),
          type: row.type.slice(0, MAX_TYPE),
          correlationId: row.correlationId ? row.correlationId.slice(0, MAX_CORRELATION) : null,
        });
      }),

    recordStatus: (update) =>
      guard('status', async () => {
        if (!DELIVERY_STATUSES.has(update.status)) return;
        await recordMessageStatus(knex, {
          wamid: update.wamid.slice(0, MAX_WAMID),
          status: update.status as 'sent' | 'delivered' | 'read' | 'failed',
          errorCode: update.errorCode ?? null,
          at: update.timestamp > 0 ? new Date(update.timestamp) : new Date(),
        });
      }),
  };
}
