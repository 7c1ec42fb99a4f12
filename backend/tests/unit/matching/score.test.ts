import { bayesianRating, DEFAULT_SCORE_CONFIG, rankCandidates, scoreParts, type ScoreConfig, type Scorable } from '../../../src/matching/score';

const NOW = new Date('2026-11-26T12:00:00Z');
const cand = (over: Partial<Scorable> & { providerId: number }): Scorable => ({
  distanceKm: 2,
  ratingAvg: null,
  ratingCount: 0,
  lastOfferedAt: null,
  ...over,
});
const only = (w: Partial<ScoreConfig['weights']>): ScoreConfig => ({ ...DEFAULT_SCORE_CONFIG, weights: { distance: 0, rating: 0, fairness: 0, ...w } });

describe('bayesianRating', () => {
  it('is the prior mean without reviews and tends to the real mean with many', () => {
    const prior = { m: 4, C: 10 };
    expect(bayesianRating(null, 0, prior)).toBe(4);
    expect(bayesianRating(5, 1, prior)).toBeCloseTo(45 / 11);
    expect(bayesianRating(4.8, 1000, prior)).toBeCloseTo(4.79, 2);
  });

  it('does not let one 5-star review beat fifty 4.8s', () => {
    const prior = DEFAULT_SCORE_CONFIG.prior;
    expect(bayesianRating(4.8, 50, prior)).toBeGreaterThan(bayesianRating(5, 1, prior));
    const ranked = rankCandidates(
      [cand({ providerId: 1, ratingAvg: 5, ratingCount: 1 }), cand({ providerId: 2, ratingAvg: 4.8, ratingCount: 50 })],
      only({ rating: 1 }),
      NOW,
    );
    expect(ranked.map((r) => r.providerId)).toEqual([2, 1]);
  });
});

describe('rankCandidates', () => {
  it('prefers the nearer provider when only distance counts', () => {
    const ranked = rankCandidates([cand({ providerId: 1, distanceKm: 9 }), cand({ providerId: 2, distanceKm: 1 }), cand({ providerId: 3, distanceKm: 30 })], only({ distance: 1 }), NOW);
    expect(ranked.map((r) => r.providerId)).toEqual([2, 1, 3]);
    expect(ranked[2]!.parts.distance).toBe(0);
  });

  it('prefers whoever was offered work least recently when only fairness counts', () => {
    const ago = (min: number) => new Date(NOW.getTime() - min * 60_000);
    const ranked = rankCandidates(
      [cand({ providerId: 1, lastOfferedAt: ago(5) }), cand({ providerId: 2, lastOfferedAt: null }), cand({ providerId: 3, lastOfferedAt: ago(60) })],
      only({ fairness: 1 }),
      NOW,
    );
    expect(ranked.map((r) => r.providerId)).toEqual([2, 3, 1]);
  });

  it('combines the parts with the given weights', () => {
    const near = cand({ providerId: 1, distanceKm: 0.5, ratingAvg: 3, ratingCount: 40, lastOfferedAt: NOW });
    const good = cand({ providerId: 2, distanceKm: 6, ratingAvg: 4.9, ratingCount: 80, lastOfferedAt: null });
    expect(rankCandidates([near, good], only({ distance: 1 }), NOW)[0]!.providerId).toBe(1);
    expect(rankCandidates([near, good], only({ rating: 1, fairness: 1 }), NOW)[0]!.providerId).toBe(2);
    const [top] = rankCandidates([good], DEFAULT_SCORE_CONFIG, NOW);
    const w = DEFAULT_SCORE_CONFIG.weights;
    expect(top!.score).toBeCloseTo(w.distance * top!.parts.distance + w.rating * top!.parts.rating + w.fairness * top!.parts.fairness);
  });

  it('keeps every part within 0..1 and breaks ties by distance, then id', () => {
    const parts = scoreParts(cand({ providerId: 1, distanceKm: -1, ratingAvg: 5, ratingCount: 1e6, lastOfferedAt: new Date(NOW.getTime() + 60_000) }), DEFAULT_SCORE_CONFIG, NOW).parts;
    for (const v of Object.values(parts)) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    const ranked = rankCandidates([cand({ providerId: 9, distanceKm: 3 }), cand({ providerId: 4, distanceKm: 3 }), cand({ providerId: 7, distanceKm: 1 })], only({}), NOW);
    expect(ranked.map((r) => r.providerId)).toEqual([7, 4, 9]);
  });

  it('does not mutate its input', () => {
    const input = [cand({ providerId: 2, distanceKm: 5 }), cand({ providerId: 1, distanceKm: 1 })];
    const copy = JSON.parse(JSON.stringify(input));
    rankCandidates(input, DEFAULT_SCORE_CONFIG, NOW);
    expect(JSON.parse(JSON.stringify(input))).toEqual(copy);
  });
});
