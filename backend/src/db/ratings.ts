/**
 * Ratings: one per finished request, written together with the provider's aggregate
 * (rating_sum / rating_count) in the caller's transaction, so the aggregate never drifts from
 * the rows.
 */
import type { Knex } from 'knex';

export interface RatingInput {
  requestId: number;
  customerId: number;
  providerId: number;
  stars: number;
  /** Undefined keeps the stored comment (a later call changing only the stars). */
  comment?: string;
  now: Date;
}

/**
 * One rating per request, upserted: the first call creates it and adds its stars to the
 * provider's aggregate; a later call (the comment, or new stars) updates the same row and moves
 * the aggregate by the difference only. The rating row is locked; the caller has locked the
 * provider and the request before (the order of every offer/job transaction).
 * Returns whether this call created the rating.
 */
export async function saveRating(
  trx: Knex.Transaction,
  r: RatingInput & { editWindowMs?: number },
): Promise<{ first: boolean; changed: boolean; locked: boolean }> {
  const existing = await trx('ratings')
    .select('id', 'stars', 'comment', 'created_at as createdAt')
    .where({ request_id: r.requestId })
    .forUpdate()
    .first<{ id: number; stars: number; comment: string | null; createdAt: Date } | undefined>();
  if (!existing) {
    await trx('ratings').insert({
      request_id: r.requestId,
      customer_id: r.customerId,
      provider_id: r.providerId,
      stars: r.stars,
      comment: r.comment ?? null,
      created_at: r.now,
    });
    await trx('providers')
      .update({
        rating_sum: trx.raw('rating_sum + ?', [r.stars]),
        rating_count: trx.raw('rating_count + 1'),
      })
      .where({ id: r.providerId });
    return { first: true, changed: false, locked: false };
  }
  // One rating per job: it can be changed only within a short window after it was given; the
  // first comment to the same stars is welcome whenever it comes.
  const late =
    r.editWindowMs !== undefined && r.now.getTime() - existing.createdAt.getTime() > r.editWindowMs;
  const firstComment = r.stars === existing.stars && existing.comment === null;
  if (late && !firstComment) return { first: false, changed: false, locked: true };
  await trx('ratings')
    .update({ stars: r.stars, ...(r.comment !== undefined ? { comment: r.comment } : {}) })
    .where({ id: existing.id });
  if (existing.stars !== r.stars) {
    await trx('providers')
      .update({ rating_sum: trx.raw('rating_sum + ?', [r.stars - existing.stars]) })
      .where({ id: r.providerId });
  }
  return { first: false, changed: existing.stars !== r.stars, locked: false };
}

/** A review as customers see it: stars, comment and the author's name. */
export interface ReviewRow {
  stars: number;
  comment: string | null;
  createdAt: Date;
  authorName: string | null;
}

/** A provider's latest reviews, newest first (`commentedOnly`: only those with a comment). */
export async function listLatestReviews(
  knex: Knex,
  providerId: number,
  limit: number,
  opts: { commentedOnly?: boolean } = {},
): Promise<ReviewRow[]> {
  return knex('ratings as r')
    .leftJoin('users as u', 'u.id', 'r.customer_id')
    .select('r.stars', 'r.comment', 'r.created_at as createdAt', 'u.name as authorName')
    .where('r.provider_id', providerId)
    .modify((q) => {
      if (opts.commentedOnly) q.whereNotNull('r.comment').whereRaw("btrim(r.comment) <> ''");
    })
    .orderBy([
      { column: 'r.created_at', order: 'desc' },
      { column: 'r.id', order: 'desc' },
    ])
    .limit(limit);
}

/** Whether a request has a rating. */
export async function hasRating(knex: Knex, requestId: number): Promise<boolean> {
  const row = await knex('ratings').select('id').where({ request_id: requestId }).first();
  return row !== undefined;
}
