/**
 * The nearest eligible providers (db/candidates.ts), ranked by score.ts: who to show a customer
 * and who to offer a request to first.
 */
import type { Knex } from 'knex';
import { findCandidates, type CandidateQuery, type CandidateRow } from '../db/candidates';
import { DEFAULT_SCORE_CONFIG, rankCandidates, type Ranked, type ScoreConfig } from './score';

/** How many nearest providers to rank to pick the best `limit` (rating and fairness can reorder them). */
export const rankingPool = (limit: number): number => Math.min(100, Math.max(20, limit * 3));

/** Nearest eligible providers, ranked by score.ts (best first). */
export async function findRankedCandidates(
  knex: Knex,
  q: CandidateQuery,
  config: ScoreConfig = DEFAULT_SCORE_CONFIG,
  now: Date = new Date(),
): Promise<Ranked<CandidateRow>[]> {
  return rankCandidates(await findCandidates(knex, q), config, now);
}
