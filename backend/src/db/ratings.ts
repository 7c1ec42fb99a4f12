/**
 * Ratings: one per finished request, written together with the provider's aggregate
 * (rating_sum / rating_count) in one transaction, so the aggregate never drifts from the rows.
 */
import type { Knex } from 'knex';
import { selectList, type ColumnMap } from './columns';

export interface Rating {
  id: number;
  requestId: number;
  customerId: number;
  providerId: number;
  stars: number;
  comment: string | null;
  createdAt: Date;
}

const COLUMNS: ColumnMap<Rating> = {
  id: 'id',
  requestId: 'request_id',
  customerId: 'customer_id',
  providerId: 'provider_id',
  stars: 'stars',
  comment: 'comment',
  createdAt: 'created_at',
};
const SELECT = selectList(COLUMNS);

export interface NewRating {
  requestId: number;
  /** The customer rating; a request of someone else is 'not_found'. */
  customerId: number;
  stars: number;
  comment?: string | null;
  now?: Date;
}

export type RateResult =
  | { ok: true; rating: Rating }
  | { ok: false; reason: 'not_found' | 'not_done' | 'already_rated' | 'invalid_stars' };

export async function rateRequest(knex: Knex, input: NewRating): Promise<RateResult> {
  if (!Number.isInteger(input.stars) || input.stars < 1 || input.stars > 5) return { ok: false, reason: 'invalid_stars' };
  return knex.transaction(async (trx): Promise<RateResult> => {
    const request = await trx('service_requests')
      .select('status', 'customer_id as customerId', 'provider_id as providerId')
      .where({ id: input.requestId })
      .forUpdate()
      .first<{ status: string; customerId: number; providerId: number | null } | undefined>();
    if (!request || request.customerId !== input.customerId) return { ok: false, reason: 'not_found' };
    if (request.status !== 'done' || request.providerId === null) return { ok: false, reason: 'not_done' };
    const [rating] = await trx('ratings')
      .insert({
        request_id: input.requestId,
        customer_id: input.customerId,
        provider_id: request.providerId,
        stars: input.stars,
        comment: input.comment ?? null,
        created_at: input.now ?? trx.fn.now(),
      })
      .onConflict('request_id')
      .ignore()
      .returning<Rating[]>(SELECT);
    if (!rating) return { ok: false, reason: 'already_rated' };
    await trx('providers')
      .update({ rating_sum: trx.raw('rating_sum + ?', [input.stars]), rating_count: trx.raw('rating_count + 1') })
      .where({ id: request.providerId });
    return { ok: true, rating };
  });
}

export async function getRatingForRequest(knex: Knex, requestId: number): Promise<Rating | null> {
  return (await knex('ratings').select(SELECT).where({ request_id: requestId }).first<Rating | undefined>()) ?? null;
}

export async function listRatingsForProvider(knex: Knex, providerId: number, limit = 20): Promise<Rating[]> {
  return knex('ratings').select(SELECT).where({ provider_id: providerId }).orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(limit);
}
