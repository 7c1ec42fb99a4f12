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

/** `(select id from users where wa_id = ?)` for `wa:<wa_id>`, by BSUID for `bs:<bsuid>`. */
function userOf(knex: Knex, key: string): Knex.Raw {
  if (key.startsWith('wa:')) return knex.raw('(select id from users where wa_id = ? limit 1)', [key.slice(3)]);
  if (key.startsWith('bs:')) return knex.raw('(select id from users where bsuid = ? limit 1)', [key.slice(3)]);
  return knex.raw('null::integer');
}

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
  // number of statements stays small however many messages flow.
  const inbound = new GroupWriter<InboundRow>(async (rows) => {
    await knex('message_log')
      .insert(
        rows.map((r) => ({
          wamid: r.wamid,
          direction: 'in',
          user_id: userOf(knex, r.key),
          message_type: r.type,
          status: 'received',
          correlation_id: r.correlationId,
          created_at: r.createdAt,
        })),
      )
      .onConflict('wamid')
      .ignore();
  });

  // A status webhook may have created the row first: fill in what the sender knows, keep the
  // furthest status. One row per wamid per statement (Postgres refuses to update a row twice).
  const outbound = new GroupWriter<OutboundRow>(async (rows) => {
    const unique = [...new Map(rows.map((r) => [r.wamid, r])).values()];
    await knex('message_log as m')
      .insert(unique.map((r) => ({ wamid: r.wamid, direction: 'out', user_id: userOf(knex, r.key), message_type: r.type, status: 'queued', correlation_id: r.correlationId })))
      .onConflict('wamid')
      .merge({
        user_id: knex.raw('coalesce(m.user_id, excluded.user_id)'),
        message_type: knex.raw(`case when m.message_type = 'unknown' then excluded.message_type else m.message_type end`),
        correlation_id: knex.raw('coalesce(m.correlation_id, excluded.correlation_id)'),
        status: knex.raw(`case when ${rank('excluded.status')} > ${rank('m.status')} then excluded.status else m.status end`),
      });
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
