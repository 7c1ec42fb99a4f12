/**
 * Handoffs: a conversation handed to a person in the console, and its transcript. At most one
 * open handoff per conversation (partial unique index), so opening twice returns the open one.
 */
import type { Knex } from 'knex';
import { deleteInBatches } from './batched-delete';
import { isUniqueViolation } from './errors';

export type HandoffReason = 'user' | 'appeal';
export type HandoffAuthor = 'person' | 'operator' | 'bot' | 'system';

export interface Handoff {
  id: number;
  userId: number | null;
  conversationKey: string;
  reason: HandoffReason;
  status: 'open' | 'closed';
  openedAt: Date;
  closedAt: Date | null;
  closedBy: string | null;
}

/** An open handoff in the inbox, with who is waiting. */
export interface HandoffListItem extends Handoff {
  userName: string | null;
  locale: 'es' | 'en' | null;
  isProvider: boolean;
  messages: number;
}

export interface HandoffMessage {
  id: string;
  handoffId: number;
  author: HandoffAuthor;
  operatorId: number | null;
  operatorName: string | null;
  body: string;
  createdAt: Date;
}

const SELECT = [
  'h.id',
  'h.user_id as userId',
  'h.conversation_key as conversationKey',
  'h.reason',
  'h.status',
  'h.opened_at as openedAt',
  'h.closed_at as closedAt',
  'h.closed_by as closedBy',
];

/**
 * Open a handoff for a conversation, idempotently: the same `idempotencyKey` returns the same
 * handoff; a conversation that already has an open one gets that one (`created: false`).
 */
export async function openHandoff(
  knex: Knex,
  input: {
    conversationKey: string;
    userId: number | null;
    reason: HandoffReason;
    idempotencyKey: string;
    firstMessage?: string;
  },
): Promise<{ handoff: Handoff; created: boolean }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await knex('handoffs as h')
      .select(SELECT)
      .where('h.idempotency_key', input.idempotencyKey)
      .orWhere((q) =>
        q.where('h.conversation_key', input.conversationKey).where('h.status', 'open'),
      )
      .orderBy('h.id', 'desc')
      .first<Handoff | undefined>();
    if (existing) return { handoff: existing, created: false };
    try {
      const handoff = await knex.transaction(async (trx) => {
        const [row] = await trx('handoffs')
          .insert({
            conversation_key: input.conversationKey,
            user_id: input.userId,
            reason: input.reason,
            idempotency_key: input.idempotencyKey,
          })
          .returning<{ id: number }[]>('id');
        if (input.firstMessage)
          await trx('handoff_messages').insert({
            handoff_id: row!.id,
            author: 'person',
            body: input.firstMessage,
          });
        return trx('handoffs as h').select(SELECT).where('h.id', row!.id).first<Handoff>();
      });
      return { handoff, created: true };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // Opened concurrently: read the winner on the next pass.
    }
  }
  throw new Error('openHandoff: could not settle the handoff row');
}

export async function getHandoff(knex: Knex, id: number): Promise<Handoff | null> {
  return (
    (await knex('handoffs as h').select(SELECT).where('h.id', id).first<Handoff | undefined>()) ??
    null
  );
}

export async function getOpenHandoffByKey(
  knex: Knex,
  conversationKey: string,
): Promise<Handoff | null> {
  const row = await knex('handoffs as h')
    .select(SELECT)
    .where({ 'h.conversation_key': conversationKey, 'h.status': 'open' })
    .first<Handoff | undefined>();
  return row ?? null;
}

/** Close an open handoff; null when it was not open (already closed, or unknown). */
export async function closeHandoff(
  knex: Knex,
  id: number,
  closedBy: string,
  at: Date,
): Promise<Handoff | null> {
  const [row] = await knex('handoffs')
    .update({ status: 'closed', closed_at: at, closed_by: closedBy })
    .where({ id, status: 'open' })
    .returning<{ id: number }[]>('id');
  return row ? getHandoff(knex, row.id) : null;
}

/** Open handoffs, oldest first (the inbox). */
export async function listOpenHandoffs(knex: Knex, limit = 100): Promise<HandoffListItem[]> {
  const rows = await knex('handoffs as h')
    .leftJoin('users as u', 'u.id', 'h.user_id')
    .select([
      ...SELECT,
      'u.name as userName',
      'u.locale',
      knex.raw(
        'exists (select 1 from providers p where p.user_id = h.user_id and p.deleted_at is null) as "isProvider"',
      ),
      knex.raw(
        '(select count(*)::int from handoff_messages m where m.handoff_id = h.id) as messages',
      ),
    ])
    .where('h.status', 'open')
    .orderBy([{ column: 'h.opened_at' }, { column: 'h.id' }])
    .limit(limit);
  return rows as HandoffListItem[];
}

/** Recently closed handoffs, newest first. */
/**
 * Retention: closed handoffs that closed strictly before `before`, with their transcripts
 * (handoff_messages cascade), in batches. Open handoffs are never touched. Returns how many went.
 */
export function deleteClosedHandoffsOlderThan(
  knex: Knex,
  before: Date,
  batchSize = 5_000,
): Promise<number> {
  return deleteInBatches(
    knex,
    'handoffs',
    'id',
    (q) => q.where('status', 'closed').where('closed_at', '<', before),
    batchSize,
  );
}

export async function listClosedHandoffs(knex: Knex, limit = 20): Promise<HandoffListItem[]> {
  const rows = await knex('handoffs as h')
    .leftJoin('users as u', 'u.id', 'h.user_id')
    .select([
      ...SELECT,
      'u.name as userName',
      'u.locale',
      knex.raw('false as "isProvider"'),
      knex.raw('0 as messages'),
    ])
    .where('h.status', 'closed')
    .orderBy([
      { column: 'h.closed_at', order: 'desc' },
      { column: 'h.id', order: 'desc' },
    ])
    .limit(limit);
  return rows as HandoffListItem[];
}

/** Append a line; with `sourceId` (a WhatsApp message id) the same message is kept once. */
export async function appendHandoffMessage(
  knex: Knex,
  m: {
    handoffId: number;
    author: HandoffAuthor;
    body: string;
    operatorId?: number | null;
    sourceId?: string;
  },
): Promise<void> {
  await knex('handoff_messages')
    .insert({
      handoff_id: m.handoffId,
      author: m.author,
      body: m.body,
      operator_id: m.operatorId ?? null,
      source_id: m.sourceId ?? null,
    })
    .onConflict('source_id')
    .ignore();
}

export async function listHandoffMessages(
  knex: Knex,
  handoffId: number,
  limit = 500,
): Promise<HandoffMessage[]> {
  const rows = await knex('handoff_messages as m')
    .leftJoin('operators as o', 'o.id', 'm.operator_id')
    .select(
      'm.id',
      'm.handoff_id as handoffId',
      'm.author',
      'm.operator_id as operatorId',
      'o.display_name as operatorName',
      'm.body',
      'm.created_at as createdAt',
    )
    .where('m.handoff_id', handoffId)
    .orderBy('m.id')
    .limit(limit);
  return rows.map((r: HandoffMessage & { id: string | number }) => ({ ...r, id: String(r.id) }));
}
