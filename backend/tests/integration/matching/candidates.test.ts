import type { Knex } from 'knex';
import { acceptOffer } from '../../../src/db/offer-answers';
import { claimProviderForRequest } from '../../../src/db/offers';
import { candidateQuery, findCandidateByUserId, findCandidates } from '../../../src/db/candidates';
import { findRankedCandidates } from '../../../src/matching/ranking';
import { DEFAULT_SCORE_CONFIG } from '../../../src/matching/score';
import { createTestDb, type TestDb } from '../../helpers/db';
import { makeProvider, makeRequest, makeServiceType, makeUser, near, ROMA } from '../db/fixtures';

describe('matching candidates', () => {
  let db: TestDb;
  let knex: Knex;
  let plumbing: number;
  let electrical: number;
  let customer: number;
  beforeAll(async () => {
    db = await createTestDb();
    knex = db.knex;
    plumbing = await makeServiceType(knex, 'plumbing');
    electrical = await makeServiceType(knex, 'electrical');
    customer = (await makeUser(knex)).id;
  });
  afterAll(async () => {
    await db.destroy();
  });
  beforeEach(async () => {
    await knex.raw(
      'truncate offers, service_requests, provider_services, providers restart identity cascade',
    );
  });

  const ids = async (q: Parameters<typeof findCandidates>[1]) =>
    (await findCandidates(knex, q)).map((c) => c.providerId);

  it('returns only approved, online, not deleted providers of the service, nearest first', async () => {
    const far = await makeProvider(knex, { at: near(4), services: [plumbing], name: 'Lejos' });
    const close = await makeProvider(knex, { at: near(1), services: [plumbing], name: 'Cerca' });
    const closest = await makeProvider(knex, {
      at: near(0.2),
      services: [plumbing, electrical],
      name: 'Muy cerca',
    });
    await makeProvider(knex, { at: near(0.5), services: [plumbing], online: false });
    await makeProvider(knex, {
      at: near(0.5),
      services: [plumbing],
      status: 'pending',
      online: true,
    });
    await makeProvider(knex, { at: near(0.5), services: [plumbing], status: 'suspended' });
    await makeProvider(knex, { at: near(0.5), services: [plumbing], status: 'rejected' });
    await makeProvider(knex, { at: near(0.1), services: [electrical] });
    const deleted = await makeProvider(knex, { at: near(0.3), services: [plumbing] });
    await knex('providers')
      .update({ deleted_at: new Date(), online: false })
      .where({ id: deleted.id });

    const rows = await findCandidates(knex, { serviceTypeId: plumbing, ...ROMA });
    expect(rows.map((r) => r.providerId)).toEqual([closest.id, close.id, far.id]);
    expect(rows[0]).toMatchObject({
      displayName: 'Muy cerca',
      ratingAvg: null,
      ratingCount: 0,
      lastOfferedAt: null,
    });
    // earthdistance's sphere (R = 6378.168 km) vs the fixtures' flat offsets: within 1 %.
    expect(rows[1]!.distanceKm).toBeCloseTo(1, 1);
    expect(rows[2]!.distanceKm).toBeCloseTo(4, 1);
    expect(await ids({ serviceTypeId: plumbing, ...ROMA, limit: 2 })).toEqual([
      closest.id,
      close.id,
    ]);
  });

  it('respects each provider’s own radius', async () => {
    const small = await makeProvider(knex, { at: near(3), radiusKm: 2, services: [plumbing] });
    const wide = await makeProvider(knex, { at: near(8), radiusKm: 10, services: [plumbing] });
    const edge = await makeProvider(knex, { at: near(0, 4.9), radiusKm: 5, services: [plumbing] });
    await makeProvider(knex, { at: near(0, 5.1), radiusKm: 5, services: [plumbing] });
    await makeProvider(knex, { at: near(60), radiusKm: 50, services: [plumbing] });
    expect(await ids({ serviceTypeId: plumbing, ...ROMA })).toEqual([edge.id, wide.id]);
    // 2.5 km north: `small` (0.5 km away, radius 2) and `wide` (5.5 km, radius 10) reach; `edge` (5.5 km, radius 5) does not.
    expect(await ids({ serviceTypeId: plumbing, ...near(2.5) })).toEqual([small.id, wide.id]);
  });

  it('leaves out busy providers, holders of an open offer, and those already offered this request', async () => {
    const [a, b, c, d] = [
      await makeProvider(knex, { at: near(0.1), services: [plumbing] }),
      await makeProvider(knex, { at: near(0.2), services: [plumbing] }),
      await makeProvider(knex, { at: near(0.3), services: [plumbing] }),
      await makeProvider(knex, { at: near(0.4), services: [plumbing] }),
    ];
    const job = await makeRequest(knex, { customerId: customer, serviceTypeId: plumbing });
    const o = await claimProviderForRequest(knex, {
      requestId: job.id,
      providerId: a.id,
      ttlSeconds: 60,
    });
    if (!o.ok) throw new Error('claim failed');
    await acceptOffer(knex, { offerId: o.offer.id, providerId: a.id });

    const other = await makeRequest(knex, { customerId: customer, serviceTypeId: plumbing });
    await claimProviderForRequest(knex, { requestId: other.id, providerId: b.id, ttlSeconds: 60 });

    const r = await makeRequest(knex, { customerId: customer, serviceTypeId: plumbing });
    const oc = await claimProviderForRequest(knex, {
      requestId: r.id,
      providerId: c.id,
      ttlSeconds: 60,
    });
    if (!oc.ok) throw new Error('claim failed');
    expect(await ids({ serviceTypeId: plumbing, ...ROMA, requestId: r.id })).toEqual([d.id]);
    const { declineOffer } = await import('../../../src/db/offer-answers');
    await declineOffer(knex, { offerId: oc.offer.id });
    // c is free again but was already offered r; for another request it is a candidate.
    expect(await ids({ serviceTypeId: plumbing, ...ROMA, requestId: r.id })).toEqual([d.id]);
    expect(await ids({ serviceTypeId: plumbing, ...ROMA })).toEqual([c.id, d.id]);
  });

  it('never offers customers their own job', async () => {
    const p = await makeProvider(knex, { at: near(0.1), services: [plumbing] });
    expect(await ids({ serviceTypeId: plumbing, ...ROMA, customerId: p.userId })).toEqual([]);
  });

  it('finds one provider by user id only while they are a candidate', async () => {
    const [a, b] = [
      await makeProvider(knex, { at: near(0.1), services: [plumbing] }),
      await makeProvider(knex, { at: near(3), services: [plumbing] }),
    ];
    expect(
      await findCandidateByUserId(knex, { serviceTypeId: plumbing, ...ROMA }, b.userId),
    ).toMatchObject({ providerId: b.id, userId: b.userId });
    expect(
      await findCandidateByUserId(knex, { serviceTypeId: electrical, ...ROMA }, b.userId),
    ).toBeNull();
    expect(
      await findCandidateByUserId(
        knex,
        { serviceTypeId: plumbing, ...ROMA, customerId: a.userId },
        a.userId,
      ),
    ).toBeNull();
    await knex('providers').update({ online: false }).where({ id: b.id });
    expect(
      await findCandidateByUserId(knex, { serviceTypeId: plumbing, ...ROMA }, b.userId),
    ).toBeNull();
  });

  it('ranks with score.ts: a well-rated provider a bit further away can come first', async () => {
    const nearUnrated = await makeProvider(knex, { at: near(1), services: [plumbing] });
    const furtherRated = await makeProvider(knex, { at: near(1.5), services: [plumbing] });
    await knex('providers')
      .update({ rating_sum: 245, rating_count: 50 })
      .where({ id: furtherRated.id });
    const config = {
      ...DEFAULT_SCORE_CONFIG,
      weights: { distance: 0.3, rating: 0.7, fairness: 0 },
    };
    const ranked = await findRankedCandidates(knex, { serviceTypeId: plumbing, ...ROMA }, config);
    expect(ranked.map((r) => r.providerId)).toEqual([furtherRated.id, nearUnrated.id]);
    expect(ranked[0]).toMatchObject({ ratingAvg: 4.9, ratingCount: 50 });
  });

  it('uses the matching GiST index with a nearest-neighbour scan', async () => {
    const plan = await knex.transaction(async (trx) => {
      await trx.raw('set local enable_bitmapscan = off');
      await trx.raw('set local enable_seqscan = off');
      const { sql, bindings } = candidateQuery(trx, {
        serviceTypeId: plumbing,
        ...ROMA,
        requestId: 1,
      }).toSQL();
      const res = await trx.raw<{ rows: { 'QUERY PLAN': string }[] }>(`explain ${sql}`, bindings);
      return res.rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Index Scan using provider_services_matching_gist/);
    expect(plan).toMatch(/Order By: \(\(location\)::cube <-> /);
  });
});

describe('matching inside a caller transaction', () => {
  it('does not leave its planner setting behind', async () => {
    const db = await createTestDb({ poolMax: 2 });
    try {
      const svc = await makeServiceType(db.knex, 'gas');
      await makeProvider(db.knex, { services: [svc] });
      await db.knex.transaction(async (trx) => {
        expect(await findCandidates(trx, { serviceTypeId: svc, ...ROMA })).toHaveLength(1);
        const { rows } = await trx.raw<{ rows: { enable_bitmapscan: string }[] }>(
          'show enable_bitmapscan',
        );
        expect(rows[0]!.enable_bitmapscan).toBe('on');
      });
    } finally {
      await db.destroy();
    }
  });
});
