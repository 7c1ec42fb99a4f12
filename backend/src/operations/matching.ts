/** findCandidates / getProviderDetail: who can take a job, and one provider's public profile. */
import type { Knex } from 'knex';
import type { Candidate, Review } from '../conversation/operations';
import { getApprovedProviderOfUser, listProviderServiceNames } from '../db/providers';
import { listLatestReviews } from '../db/ratings';
import { countDoneJobs } from '../db/requests';
import { findRankedCandidates, rankingPool } from '../matching/ranking';
import { DEFAULT_SCORE_CONFIG, type ScoreConfig } from '../matching/score';
import { coverageOf } from './coverage';
import type { OperationHandler } from './registry';
import { ratingAverage, roundKm } from './lookups';

export const MAX_CANDIDATES = 50;
const MAX_REVIEWS = 20;

const clampInt = (n: number, min: number, max: number): number =>
  Math.min(max, Math.max(min, Math.floor(Number.isFinite(n) ? n : min)));

export function findCandidates(
  knex: Knex,
  score: ScoreConfig = DEFAULT_SCORE_CONFIG,
): OperationHandler<'findCandidates'> {
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
      visitFee: c.visitFee,
    }));
    return { candidates, coverage: coverageOf(input.lat, input.lng) };
  };
}

export function getProviderDetail(knex: Knex): OperationHandler<'getProviderDetail'> {
  return async (input) => {
    const row = await getApprovedProviderOfUser(knex, input.providerUserId, {
      lat: input.lat,
      lng: input.lng,
    });
    if (!row) return { status: 'not_found' };
    const [services, reviews, done] = await Promise.all([
      listProviderServiceNames(knex, row.providerId),
      latestReviews(knex, row.providerId, clampInt(input.reviewsLimit, 0, MAX_REVIEWS)),
      countDoneJobs(knex, row.providerId),
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
        visitFee: row.visitFee,
      },
      reviews,
    };
  };
}

async function latestReviews(knex: Knex, providerId: number, limit: number): Promise<Review[]> {
  if (limit === 0) return [];
  const rows = await listLatestReviews(knex, providerId, limit);
  return rows.map((r) => ({
    stars: r.stars,
    comment: r.comment,
    authorName: firstName(r.authorName),
    createdAt: r.createdAt.getTime(),
  }));
}

/** "María José López" → "María"; blank → null. */
export function firstName(name: string | null): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first ? first : null;
}
