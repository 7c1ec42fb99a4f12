/** findCandidates / getProviderDetail: who can take a job, and one provider's public profile. */
import type { Knex } from 'knex';
import type { Candidate, Review } from '../conversation/operations';
import { findRankedCandidates } from '../matching/candidates';
import { DEFAULT_SCORE_CONFIG, type ScoreConfig } from '../matching/score';
import type { OperationHandler } from './registry';
import { jobsDone, ratingAverage, roundKm } from './lookups';

export const MAX_CANDIDATES = 50;
const MAX_REVIEWS = 20;

/** How many nearest providers to rank to pick the best `limit` (rating and fairness can reorder them). */
export const rankingPool = (limit: number): number => Math.min(100, Math.max(20, limit * 3));

const clampInt = (n: number, min: number, max: number): number => Math.min(max, Math.max(min, Math.floor(Number.isFinite(n) ? n : min)));

export function findCandidates(knex: Knex, score: ScoreConfig = DEFAULT_SCORE_CONFIG): OperationHandler<'findCandidates'> {
  return async (input, ctx) => {
    const limit = clampInt(input.limit, 1, MAX_CANDIDATES);
    const ranked = await findRankedCandidates(
      knex,
      {
        serviceTypeId: input.serviceTypeId,
        lat: input.lat,
        lng: input.lng,
        customerId: input.customerUserId,
        limit: rankingPool(limit),
        ...(input.requestId !== undefined ? { requestId: input.requestId } : {}),
      },
      score,
      new Date(ctx.now),
    );
    const candidates: Candidate[] = ranked.slice(0, limit).map((c) => ({
      providerUserId: c.userId,
      name: c.displayName,
      ratingAvg: c.ratingAvg === null ? null : Math.round(c.ratingAvg * 10) / 10,
      ratingCount: c.ratingCount,
      distanceKm: roundKm(c.distanceKm),
    }));
    return { candidates };
  };
}

interface DetailRow {
  providerId: number;
  userId: number;
  name: string;
  ratingSum: number;
  ratingCount: number;
  distanceKm: number;
}

export function getProviderDetail(knex: Knex): OperationHandler<'getProviderDetail'> {
  return async (input) => {
    const row = await knex('providers as p')
      .select(
        'p.id as providerId',
        'p.user_id as userId',
        'p.display_name as name',
        'p.rating_sum as ratingSum',
        'p.rating_count as ratingCount',
        knex.raw('earth_distance(p.location, ll_to_earth(?, ?)) / 1000.0 as "distanceKm"', [input.lat, input.lng]),
      )
      .where({ 'p.user_id': input.providerUserId, 'p.status': 'approved' })
      .whereNull('p.deleted_at')
      .first<DetailRow | undefined>();
    if (!row) return { status: 'not_found' };
    const [services, reviews, done] = await Promise.all([
      knex('provider_services as ps')
        .join('service_types as st', 'st.id', 'ps.service_type_id')
        .select('st.name_es as es', 'st.name_en as en')
        .where('ps.provider_id', row.providerId)
        .where('st.active', true)
        .whereNull('st.deleted_at')
        .orderBy([{ column: 'st.sort_order' }, { column: 'st.id' }]) as Promise<{ es: string; en: string }[]>,
      latestReviews(knex, row.providerId, clampInt(input.reviewsLimit, 0, MAX_REVIEWS)),
      jobsDone(knex, row.providerId),
    ]);
    return {
      status: 'found',
      provider: {
        userId: row.userId,
        name: row.name,
        ratingAvg: ratingAverage(row.ratingSum, row.ratingCount),
        ratingCount: row.ratingCount,
        jobsDone: done,
        distanceKm: roundKm(row.distanceKm),
        services: services.map((s) => ({ es: s.es, en: s.en })),
      },
      reviews,
    };
  };
}

async function latestReviews(knex: Knex, providerId: number, limit: number): Promise<Review[]> {
  if (limit === 0) return [];
  const rows: { stars: number; comment: string | null; createdAt: Date; authorName: string | null }[] = await knex('ratings as r')
    .leftJoin('users as u', 'u.id', 'r.customer_id')
    .select('r.stars', 'r.comment', 'r.created_at as createdAt', 'u.name as authorName')
    .where('r.provider_id', providerId)
    .orderBy([{ column: 'r.created_at', order: 'desc' }, { column: 'r.id', order: 'desc' }])
    .limit(limit);
  return rows.map((r) => ({ stars: r.stars, comment: r.comment, authorName: firstName(r.authorName), createdAt: r.createdAt.getTime() }));
}

/** "María José López" → "María"; blank → null. */
export function firstName(name: string | null): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first ? first : null;
}
