/**
 * Pure ranking of matching candidates: closeness, rating and fairness, each scaled to 0..1 and
 * combined with weights. Rating is a Bayesian average — `(C·m + Σstars) / (C + n)` — so a
 * provider with one 5-star review starts near the prior `m` and earns their way up, instead of
 * outranking someone with fifty 4.8s. Fairness favours whoever was offered work least recently.
 * No I/O, no clock: `now` is passed in.
 */
export interface ScoreWeights {
  distance: number;
  rating: number;
  fairness: number;
}

export interface RatingPrior {
  /** Prior mean in stars (what we assume of a provider with no reviews). */
  m: number;
  /** Prior weight, in pseudo-reviews: how many real reviews it takes to move away from `m`. */
  C: number;
}

export interface ScoreConfig {
  weights: ScoreWeights;
  prior: RatingPrior;
  /** Distance at which the closeness part reaches 0. */
  maxDistanceKm: number;
  /** Time since the last offer after which the fairness part is full (1). */
  fairnessHorizonMs: number;
}

export const DEFAULT_SCORE_CONFIG: ScoreConfig = {
  weights: { distance: 0.5, rating: 0.3, fairness: 0.2 },
  prior: { m: 4, C: 10 },
  maxDistanceKm: 20,
  fairnessHorizonMs: 2 * 3600 * 1000,
};

export interface Scorable {
  providerId: number;
  distanceKm: number;
  /** Mean stars, null when unrated. */
  ratingAvg: number | null;
  ratingCount: number;
  lastOfferedAt: Date | null;
}

export interface ScoreParts {
  distance: number;
  rating: number;
  fairness: number;
}

export type Ranked<T> = T & { score: number; parts: ScoreParts; bayesianRating: number };

/** Bayesian average of a provider's stars, pulled towards the prior mean when reviews are few. */
export function bayesianRating(ratingAvg: number | null, ratingCount: number, prior: RatingPrior): number {
  const n = ratingAvg === null ? 0 : Math.max(0, ratingCount);
  const sum = n > 0 ? ratingAvg! * n : 0;
  return (prior.C * prior.m + sum) / (prior.C + n);
}

const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

export function scoreParts(c: Scorable, config: ScoreConfig, now: Date): { parts: ScoreParts; bayesianRating: number } {
  const rating = bayesianRating(c.ratingAvg, c.ratingCount, config.prior);
  const idleMs = c.lastOfferedAt === null ? Infinity : now.getTime() - c.lastOfferedAt.getTime();
  return {
    bayesianRating: rating,
    parts: {
      distance: config.maxDistanceKm > 0 ? clamp01(1 - c.distanceKm / config.maxDistanceKm) : 0,
      rating: clamp01((rating - 1) / 4),
      fairness: idleMs === Infinity ? 1 : config.fairnessHorizonMs > 0 ? clamp01(idleMs / config.fairnessHorizonMs) : 1,
    },
  };
}

/** Best first. Ties: nearer first, then lower provider id (stable, deterministic). */
export function rankCandidates<T extends Scorable>(candidates: readonly T[], config: ScoreConfig, now: Date): Ranked<T>[] {
  const w = config.weights;
  return candidates
    .map((c) => {
      const { parts, bayesianRating: br } = scoreParts(c, config, now);
      const score = w.distance * parts.distance + w.rating * parts.rating + w.fairness * parts.fairness;
      return { ...c, score, parts, bayesianRating: br };
    })
    .sort((a, b) => b.score - a.score || a.distanceKm - b.distanceKm || a.providerId - b.providerId);
}
