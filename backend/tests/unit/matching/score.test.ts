import fc from 'fast-check';
import {
  bayesianRating,
  DEFAULT_SCORE_CONFIG,
  rankCandidates,
  scoreParts,
  type ScoreConfig,
  type Scorable,
} from '../../../src/matching/score';

const NOW = new Date('2026-11-26T12:00:00Z');
const cand = (over: Partial<Scorable> & { providerId: number }): Scorable => ({
  distanceKm: 2,
  ratingAvg: null,
  ratingCount: 0,
  lastOfferedAt: null,
  ...over,
});
const only = (w: Partial<ScoreConfig['weights']>): ScoreConfig => ({
  ...DEFAULT_SCORE_CONFIG,
  weights: { distance: 0, rating: 0, fairness: 0, ...w },
});

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
      [
        cand({ providerId: 1, ratingAvg: 5, ratingCount: 1 }),
        cand({ providerId: 2, ratingAvg: 4.8, ratingCount: 50 }),
      ],
      only({ rating: 1 }),
      NOW,
    );
    expect(ranked.map((r) => r.providerId)).toEqual([2, 1]);
  });
});

describe('rankCandidates', () => {
  it('prefers the nearer provider when only distance counts', () => {
    const ranked = rankCandidates(
      [
        cand({ providerId: 1, distanceKm: 9 }),
        cand({ providerId: 2, distanceKm: 1 }),
        cand({ providerId: 3, distanceKm: 30 }),
      ],
      only({ distance: 1 }),
      NOW,
    );
    expect(ranked.map((r) => r.providerId)).toEqual([2, 1, 3]);
    expect(ranked[2]!.parts.distance).toBe(0);
  });

  it('prefers whoever was offered work least recently (in whole hours) when only fairness counts', () => {
    const ago = (min: number) => new Date(NOW.getTime() - min * 60_000);
    const rated = { ratingAvg: 4.5, ratingCount: 20 };
    const ranked = rankCandidates(
      [
        cand({ providerId: 1, ...rated, lastOfferedAt: ago(5) }),
        cand({ providerId: 2, ...rated, lastOfferedAt: null }),
        cand({ providerId: 3, ...rated, lastOfferedAt: ago(180) }),
      ],
      only({ fairness: 1 }),
      NOW,
    );
    expect(ranked.map((r) => r.providerId)).toEqual([2, 3, 1]);
  });

  it('combines the parts with the given weights', () => {
    const near = cand({
      providerId: 1,
      distanceKm: 0.5,
      ratingAvg: 3,
      ratingCount: 40,
      lastOfferedAt: NOW,
    });
    const good = cand({
      providerId: 2,
      distanceKm: 6,
      ratingAvg: 4.9,
      ratingCount: 80,
      lastOfferedAt: null,
    });
    expect(rankCandidates([near, good], only({ distance: 1 }), NOW)[0]!.providerId).toBe(1);
    expect(rankCandidates([near, good], only({ rating: 1, fairness: 1 }), NOW)[0]!.providerId).toBe(
      2,
    );
    const [top] = rankCandidates([good], DEFAULT_SCORE_CONFIG, NOW);
    const w = DEFAULT_SCORE_CONFIG.weights;
    expect(top!.score).toBeCloseTo(
      w.distance * top!.parts.distance +
        w.rating * top!.parts.rating +
        w.fairness * top!.parts.fairness,
    );
  });

  it('keeps every part within 0..1 and breaks ties by distance, then id', () => {
    const parts = scoreParts(
      cand({
        providerId: 1,
        distanceKm: -1,
        ratingAvg: 5,
        ratingCount: 1e6,
        lastOfferedAt: new Date(NOW.getTime() + 60_000),
      }),
      DEFAULT_SCORE_CONFIG,
      NOW,
    ).parts;
    for (const v of Object.values(parts)) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    const ranked = rankCandidates(
      [
        cand({ providerId: 9, distanceKm: 3 }),
        cand({ providerId: 4, distanceKm: 3 }),
        cand({ providerId: 7, distanceKm: 1 }),
      ],
      only({}),
      NOW,
    );
    expect(ranked.map((r) => r.providerId)).toEqual([7, 4, 9]);
  });

  it('does not mutate its input', () => {
    const input = [cand({ providerId: 2, distanceKm: 5 }), cand({ providerId: 1, distanceKm: 1 })];
    const copy = JSON.parse(JSON.stringify(input));
    rankCandidates(input, DEFAULT_SCORE_CONFIG, NOW);
    expect(JSON.parse(JSON.stringify(input))).toEqual(copy);
  });
});

describe('the order customers see', () => {
  const rated = (
    providerId: number,
    distanceKm: number,
    ratingAvg: number,
    ratingCount = 30,
    lastOfferedAt: Date | null = null,
  ) => cand({ providerId, distanceKm, ratingAvg, ratingCount, lastOfferedAt });
  const fresh = (providerId: number, distanceKm: number, lastOfferedAt: Date | null = null) =>
    cand({ providerId, distanceKm, lastOfferedAt });
  const order = (cs: Scorable[], now = NOW) =>
    rankCandidates(cs, DEFAULT_SCORE_CONFIG, now).map((r) => r.providerId);

  it('never ranks a new provider 2.4 km away above a ★4.7 one at 740 m: new ones take one fixed slot', () => {
    const list = [
      fresh(1, 2.4),
      rated(2, 0.74, 4.7, 60),
      rated(3, 1.1, 4.5),
      rated(4, 1.9, 4.8),
      rated(5, 3, 4.2),
      fresh(6, 0.9),
    ];
    const ranked = order(list);
    expect(ranked[0]).toBe(2);
    // The nearest new provider who has waited longest is third; the other new one comes after every rated one.
    expect(ranked).toEqual([2, 3, 6, 4, 5, 1]);
    expect(DEFAULT_SCORE_CONFIG.newcomerSlot).toBe(2);
  });

  it('puts the featured new provider after the rated ones when there are fewer than the slot, and lists only new ones by distance', () => {
    expect(order([fresh(1, 0.2), rated(2, 3, 4.1)])).toEqual([2, 1]);
    expect(order([fresh(3, 2), fresh(1, 0.5), fresh(2, 1)])).toEqual([1, 2, 3]);
  });

  it('rotates the featured slot among new providers: whoever was offered work longest ago', () => {
    const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600_000);
    const list = [
      rated(10, 1, 4.6),
      rated(11, 2, 4.6),
      fresh(1, 0.5, hoursAgo(0.2)),
      fresh(2, 3, hoursAgo(5)),
    ];
    expect(order(list)).toEqual([10, 11, 2, 1]);
  });

  it('gives the same order for identical searches a minute apart, whatever order the rows came in', () => {
    const ms = 60_000;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            distanceKm: fc.double({ min: 0, max: 30, noNaN: true }),
            rated: fc.boolean(),
            ratingAvg: fc.double({ min: 1, max: 5, noNaN: true }),
            ratingCount: fc.integer({ min: 1, max: 500 }),
            offeredMinutesAgo: fc.option(fc.integer({ min: 0, max: 3000 })),
          }),
          { maxLength: 40 },
        ),
        fc.integer({ min: 0, max: 58 }),
        fc.integer({ min: 0, max: 1000 }),
        (rows, minuteOfHour, seed) => {
          const now = new Date(Date.UTC(2026, 10, 26, 12, minuteOfHour, 0));
          const list = rows.map((r, i) =>
            cand({
              providerId: i + 1,
              distanceKm: r.distanceKm,
              ratingAvg: r.rated ? r.ratingAvg : null,
              ratingCount: r.rated ? r.ratingCount : 0,
              lastOfferedAt:
                r.offeredMinutesAgo === null
                  ? null
                  : new Date(now.getTime() - r.offeredMinutesAgo * ms),
            }),
          );
          const shuffled = [...list].sort(
            (a, b) => ((a.providerId * 7919 + seed) % 101) - ((b.providerId * 7919 + seed) % 101),
          );
          const first = order(list, now);
          expect(order(shuffled, new Date(now.getTime() + ms))).toEqual(first);
          expect(order(list, new Date(now.getTime() + 30_000))).toEqual(first);
        },
      ),
      { numRuns: 300 },
    );
  });
});
