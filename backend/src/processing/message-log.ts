/**
 * Message log writes from the worker: inbound messages, outbound sends, delivery statuses
 * (metadata only, never the text). Each write is one statement; the user is found by the
 * conversation key inside it (a subselect), so logging costs one round trip. Statuses only move
 * forward (the repository's rank). The log is never on the critical path: a failed write is a
 * warning and the conversation goes on.
 */
import type { Knex } from 'knex';
import { recordMessageStatus, STATUS_RANK } from '../db/message-log';
import type { Logger } from '../observability/logger';
import type { InboxEntry } from '../queue/inbox';
import type { StatusUpdate } from '../queue/jobs';

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

export function createMessageLog(knex: Knex, logger: Logger): MessageLog {
  const guard = async (what: string, work: () => Promise<unknown>): Promise<void> => {
    try {
      await work();
    } catch (err) {
      logger.warn({ event: 'message_log.failed', what, err: (err as Error).message }, 'message log write failed');
    }
  };

  return {
    logInbound: (key, entry) =>
      guard('inbound', async () => {
        if (entry.event.source !== 'user') return;
        await knex('message_log')
          .insert({
            wamid: entry.event.id.slice(0, MAX_WAMID),
            direction: 'in',
            user_id: userOf(knex, key),
            message_type: inboundType(entry).slice(0, MAX_TYPE),
            status: 'received',
            correlation_id: entry.correlationId ? entry.correlationId.slice(0, MAX_CORRELATION) : null,
            created_at: new Date(entry.receivedAt || entry.event.at || Date.now()),
          })
          .onConflict('wamid')
          .ignore();
      }),

    // A status webhook may have created the row first: fill in what the sender knows, keep the furthest status.
    logOutbound: (row) =>
      guard('outbound', async () => {
        await knex.raw(
          `insert into message_log as m (wamid, direction, user_id, message_type, status, correlation_id)
           values (?, 'out', ?, ?, 'queued', ?)
           on conflict (wamid) do update set
             user_id = coalesce(m.user_id, excluded.user_id),
             message_type = case when m.message_type = 'unknown' then excluded.message_type else m.message_type end,
             correlation_id = coalesce(m.correlation_id, excluded.correlation_id),
             status = case when ${rank('excluded.status')} > ${rank('m.status')} then excluded.status else m.status end`,
          [row.wamid.slice(0, MAX_WAMID), userOf(knex, row.key), row.type.slice(0, MAX_TYPE), row.correlationId ? row.correlationId.slice(0, MAX_CORRELATION) : null],
        );
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
