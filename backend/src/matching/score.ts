/**
 * Pure ranking of matching candidates, in the order the customer sees them and dispatch offers
 * them ("ordenados por cercanía y calificación"):
 *
 * - Rated providers by a score of closeness and rating, plus a small fairness term. Rating is a
 *   Bayesian average — `(C·m + Σstars) / (C + n)` — so one 5-star review starts near the prior
 *   `m` and earns its way up instead of outranking fifty 4.8s. Fairness favours whoever was
 *   offered work least recently, counted in whole clock hours (`fairnessBucketMs`), so two
 *   identical searches give the same order unless the top of an hour falls between them.
 * - New providers (no ratings yet) are not scored against them — no rating is not a good
 *   rating. The one who has waited longest for work (then the nearest) takes a fixed slot
 *   (`newcomerSlot`), where the list labels them "Nuevo"; other new providers follow the rated ones.
 *
 * Same inputs → same order: ties fall to distance, then provider id. No I/O, no clock: `now`
 * is passed in.
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
  /** Fairness counts whole clock buckets of this length (1 h): it moves only at their edges. */
  fairnessBucketMs: number;
  /** 0-based position of the one featured new provider (after the rated ones when fewer). */
  newcomerSlot: number;
}

export const DEFAULT_SCORE_CONFIG: ScoreConfig = {
  weights: { distance: 0.6, rating: 0.3, fairness: 0.1 },
  prior: { m: 4, C: 10 },
  maxDistanceKm: 20,
  fairnessHorizonMs: 6 * 3600 * 1000,
  fairnessBucketMs: 3600 * 1000,
  newcomerSlot: 2,
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
export function bayesianRating(
  ratingAvg: number | null,
  ratingCount: number,
  prior: RatingPrior,
): number {
  const n = ratingAvg === null ? 0 : Math.max(0, ratingCount);
  const sum = n > 0 ? ratingAvg! * n : 0;
  return (prior.C * prior.m + sum) / (prior.C + n);
}

const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/** Whole buckets between the last offer and now (Infinity when never offered). */
function idleBuckets(lastOfferedAt: Date | null, now: Date, bucketMs: number): number {
  if (lastOfferedAt === null) return Infinity;
  if (!(bucketMs > 0)) return Math.max(0, now.getTime() - lastOfferedAt.getTime());
  return Math.max(
    0,
    Math.floor(now.getTime() / bucketMs) - Math.floor(lastOfferedAt.getTime() / bucketMs),
  );
}

export function scoreParts(
  c: Scorable,
  config: ScoreConfig,
  now: Date,
): { parts: ScoreParts; bayesianRating: number } {
  const rating = bayesianRating(c.ratingAvg, c.ratingCount, config.prior);
  const buckets = idleBuckets(c.lastOfferedAt, now, config.fairnessBucketMs);
  const idleMs = config.fairnessBucketMs > 0 ? buckets * config.fairnessBucketMs : buckets;
  return {
    bayesianRating: rating,
    parts: {
      distance: config.maxDistanceKm > 0 ? clamp01(1 - c.distanceKm / config.maxDistanceKm) : 0,
      rating: clamp01((rating - 1) / 4),
      fairness:
        idleMs === Infinity
          ? 1
          : config.fairnessHorizonMs > 0
            ? clamp01(idleMs / config.fairnessHorizonMs)
            : 1,
    },
  };
}

/** No ratings yet: shown as "Nuevo", placed by `newcomerSlot`, never scored as if rated. */
export function isNewcomer(c: Pick<Scorable, 'ratingAvg' | 'ratingCount'>): boolean {
  return c.ratingAvg === null || c.ratingCount <= 0;
}

const byScore = <T extends Scorable>(a: Ranked<T>, b: Ranked<T>): number =>
  b.score - a.score || a.distanceKm - b.distanceKm || a.providerId - b.providerId;
const byWaitThenDistance = <T extends Scorable>(a: Ranked<T>, b: Ranked<T>): number =>
  b.parts.fairness - a.parts.fairness || a.distanceKm - b.distanceKm || a.providerId - b.providerId;

/** Rated providers best first with one new provider at `newcomerSlot`, other new ones last. */
export function rankCandidates<T extends Scorable>(
  candidates: readonly T[],
  config: ScoreConfig,
  now: Date,
): Ranked<T>[] {
  const w = config.weights;
  const scored = candidates.map((c) => {
    const { parts, bayesianRating: br } = scoreParts(c, config, now);
    const score =
      w.distance * parts.distance + w.rating * parts.rating + w.fairness * parts.fairness;
    return { ...c, score, parts, bayesianRating: br };
  });
  const rated = scored.filter((c) => !isNewcomer(c)).sort(byScore);
  const newcomers = scored.filter(isNewcomer).sort(byWaitThenDistance);
  const [featured, ...others] = newcomers;
  if (featured === undefined) return rated;
  const slot = Math.min(Math.max(0, Math.floor(config.newcomerSlot)), rated.length);
  return [...rated.slice(0, slot), featured, ...rated.slice(slot), ...others];
}
