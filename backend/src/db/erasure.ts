/**
 * Erasure of one person's data from Postgres (the "borrar mis datos" right), in the caller's
 * transaction. What stays is anonymous: the user row becomes a tombstone without identity or name
 * (requests and ratings still point at it, so counts and provider rating aggregates stay right);
 * requests keep service, status, neighbourhood and times with the address and the problem
 * description dropped and the place rounded to about a kilometre; ratings keep their stars without comments. Everything else that names the person is
 * deleted: message log, the coverage waitlist, handoffs and their transcripts, idempotency records
 * and audit details that quote their number or name. Returns how many rows each step touched (for the audit log).
 */
import type { Knex } from 'knex';
import { IN_PROGRESS } from '../shared/marketplace-status';

export interface ErasureSubject {
  userId: number;
  /** Every text the person is known by: WhatsApp id, dialable number, BSUID, name(s). */
  identifiers: string[];
  /** Their conversation keys (`wa:…`, `bs:…`). */
  conversationKeys: string[];
}

export type ErasureCounts = Record<string, number>;

/** The person to erase: user row, provider row, identity. Null when the user does not exist. */
export async function findErasureTarget(
  knex: Knex,
  userId: number,
): Promise<{
  userId: number;
  waId: string | null;
  bsuid: string | null;
  name: string | null;
  providerId: number | null;
  providerName: string | null;
} | null> {
  const row = await knex('users as u')
    .leftJoin('providers as p', 'p.user_id', 'u.id')
    .select(
      'u.id as userId',
      'u.wa_id as waId',
      'u.bsuid',
      'u.name',
      'p.id as providerId',
      'p.display_name as providerName',
    )
    .where('u.id', userId)
    .first();
  return row ?? null;
}

/**
 * What the person wrote that others may have been shown (rating comments, problem descriptions,
 * photo captions, messages to an operator): looked for in Redis copies of messages sent to other
 * people (care/erase-redis.ts). Only texts long enough to be recognised (≥ 8 characters).
 */
export async function listPersonTexts(knex: Knex, userId: number): Promise<string[]> {
  const { rows } = await knex.raw<{ rows: { t: string | null }[] }>(
    `select comment as t from ratings where customer_id = :userId
     union select problem from service_requests where customer_id = :userId
     union select caption from media where owner_user_id = :userId
     union select m.body from handoff_messages m join handoffs h on h.id = m.handoff_id
            where h.user_id = :userId and m.author = 'person'`,
    { userId },
  );
  return [...new Set(rows.map((r) => r.t?.trim() ?? '').filter((t) => t.length >= 8))];
}

const like = (s: string): string => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function erasePersonData(
  trx: Knex.Transaction,
  subject: ErasureSubject,
  now: Date,
): Promise<ErasureCounts> {
  const { userId } = subject;
  const ids = subject.identifiers.filter((s) => s.trim().length >= 2);
  const counts: ErasureCounts = {};

  const provider = await trx('providers')
    .select('id')
    .where({ user_id: userId })
    .first<{ id: number } | undefined>();
  const requestIds = trx('service_requests').select('id').where({ customer_id: userId });

  // Open work of the person ends: pending offers withdrawn, providers busy with their job released.
  counts.offersWithdrawn = await trx('offers')
    .update({ status: 'cancelled', answered_at: now })
    .whereIn('request_id', requestIds)
    .where({ status: 'offered' });
  counts.providersReleased = await trx('providers')
    .update({ current_request_id: null, updated_at: now })
    .whereIn(
      'current_request_id',
      trx('service_requests')
        .select('id')
        .where({ customer_id: userId })
        .whereIn('status', [...IN_PROGRESS]),
    );
  counts.requestsCancelled = await trx('service_requests')
    .update({ status: 'cancelled', cancelled_at: now })
    .where({ customer_id: userId })
    .whereIn('status', [...IN_PROGRESS]);
  counts.requestsAnonymised = await trx('service_requests')
    .update({
      address: null,
      problem: null,
      lat: trx.raw('round(lat::numeric, 2)::double precision'),
      lng: trx.raw('round(lng::numeric, 2)::double precision'),
    })
    .where({ customer_id: userId });

  counts.ratingCommentsGiven = await trx('ratings')
    .update({ comment: null })
    .where({ customer_id: userId })
    .whereNotNull('comment');
  if (provider) {
    counts.ratingCommentsReceived = await trx('ratings')
      .update({ comment: null })
      .where({ provider_id: provider.id })
      .whereNotNull('comment');
    counts.offersReceivedWithdrawn = await trx('offers')
      .update({ status: 'cancelled', answered_at: now })
      .where({ provider_id: provider.id, status: 'offered' });
    counts.provider = await trx('providers')
      .update({
        display_name: '—',
        online: false,
        lat: trx.raw('round(lat::numeric, 2)::double precision'),
        lng: trx.raw('round(lng::numeric, 2)::double precision'),
        deleted_at: now,
        updated_at: now,
      })
      .where({ id: provider.id });
  }

  counts.messageLog = await trx('message_log').where({ user_id: userId }).delete();
  counts.coverageWaitlist = await trx('coverage_waitlist').where({ user_id: userId }).delete();
  counts.handoffs = await trx('handoffs')
    .where({ user_id: userId })
    .orWhereIn(
      'conversation_key',
      subject.conversationKeys.length > 0 ? subject.conversationKeys : [''],
    )
    .delete();

  if (ids.length > 0) {
    counts.operationResults = await trx('operation_results')
      .where((q) => {
        for (const id of ids) q.orWhereRaw('result::text like ?', [like(id)]);
      })
      .delete();
    counts.auditDetails = await trx('audit_log')
      .update({ data: JSON.stringify({ erased: true }) })
      .where((q) => {
        for (const id of ids) q.orWhereRaw('data::text like ?', [like(id)]);
      });
  }

  // The tombstone: no identity, no name; it keeps the id that requests and ratings point at.
  counts.user = await trx('users')
    .update({
      wa_id: null,
      bsuid: `erased.${userId}`,
      name: null,
      opted_out_at: null,
      deleted_at: now,
      updated_at: now,
    })
    .where({ id: userId });
  return counts;
}
