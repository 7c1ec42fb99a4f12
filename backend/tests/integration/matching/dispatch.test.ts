import type { Knex } from 'knex';
import { acceptOffer, declineOffer } from '../../../src/db/offer-answers';
import { cancelRequest, completeRequest } from '../../../src/db/requests';
import { offerToBestCandidate, type DispatchResult } from '../../../src/matching/dispatch';
import { createTestDb, type TestDb } from '../../helpers/db';
import { makeProvider, makeRequest, makeServiceType, makeUser, near } from '../db/fixtures';

const OPTS = { ttlSeconds: 120, maxOffers: 3 };

describe('offerToBestCandidate', () => {
  let db: TestDb;
  let knex: Knex;
  let svc: number;
  beforeAll(async () => {
    db = await createTestDb({ poolMax: 40 });
    knex = db.knex;
    svc = await makeServiceType(knex, 'plumbing');
  });
  afterAll(async () => {
    await db.destroy();
  });
  beforeEach(async () => {
    await knex.raw('truncate offers, service_requests, provider_services, providers restart identity cascade');
  });

  const openOffersPerProvider = async (): Promise<number> => {
    const rows = await knex('offers').where({ status: 'offered' }).groupBy('provider_id').select('provider_id').count<{ n: string }[]>('* as n');
    return Math.max(0, ...rows.map((r) => Number(r.n)));
  };

  it('20 requests racing for 5 providers: 5 offers, never two for one provider, never two jobs', async () => {
    const providers = await Promise.all(Array.from({ length: 5 }, (_, i) => makeProvider(knex, { at: near(i * 0.3), services: [svc] })));
    const customers = await Promise.all(Array.from({ length: 20 }, () => makeUser(knex)));
    const requests = await Promise.all(customers.map((c, i) => makeRequest(knex, { customerId: c.id, serviceTypeId: svc, at: near(0.1 * (i % 4)) })));

    const results = await Promise.all(requests.map((r) => offerToBestCandidate(knex, r.id, OPTS)));
    const offered = results.filter((r): r is Extract<DispatchResult, { kind: 'offered' }> => r.kind === 'offered');
    expect(offered).toHaveLength(5);
    expect(new Set(offered.map((r) => r.offer.providerId))).toEqual(new Set(providers.map((p) => p.id)));
    expect(results.filter((r) => r.kind === 'no_candidates')).toHaveLength(15);
    expect(await openOffersPerProvider()).toBe(1);

    // Every offered provider taps Accept twice at the same time.
    const taps = await Promise.all(offered.flatMap((r) => [r, r]).map((r) => acceptOffer(knex, { offerId: r.offer.id, providerId: r.offer.providerId })));
    expect(taps.filter((t) => t.ok)).toHaveLength(5);
    const jobs = await knex('service_requests').where({ status: 'accepted' }).select('provider_id');
    expect(new Set(jobs.map((j: { provider_id: number }) => j.provider_id)).size).toBe(5);
    const busy = await knex('providers').whereNotNull('current_request_id').count<{ n: string }[]>('* as n');
    expect(Number(busy[0]!.n)).toBe(5);

    // Everyone is busy now; finishing one job frees exactly one provider for the next request.
    const waiting = requests.filter((r) => !offered.some((o) => o.offer.requestId === r.id));
    expect((await offerToBestCandidate(knex, waiting[0]!.id, OPTS)).kind).toBe('no_candidates');
    await completeRequest(knex, { requestId: offered[0]!.offer.requestId });
    const next = await Promise.all(waiting.slice(0, 6).map((r) => offerToBestCandidate(knex, r.id, OPTS)));
    expect(next.filter((r) => r.kind === 'offered')).toHaveLength(1);
    expect(await openOffersPerProvider()).toBe(1);
  });

  it('offers one at a time, moves on after a decline, and stops at maxOffers', async () => {
    const [a, b, c, d] = await Promise.all([0.1, 0.2, 0.3, 0.4].map((km) => makeProvider(knex, { at: near(km), services: [svc] })));
    const customer = await makeUser(knex);
    const r = await makeRequest(knex, { customerId: customer.id, serviceTypeId: svc });
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await offerToBestCandidate(knex, r.id, OPTS);
      if (res.kind !== 'offered') throw new Error(`expected an offer, got ${res.kind}`);
      // Calling again while the offer is open is harmless (a retried command).
      expect(await offerToBestCandidate(knex, r.id, OPTS)).toMatchObject({ kind: 'pending', offer: { id: res.offer.id } });
      seen.push(res.offer.providerId);
      await declineOffer(knex, { offerId: res.offer.id, providerId: res.offer.providerId });
    }
    expect(new Set(seen).size).toBe(3);
    expect(seen.every((id) => [a.id, b.id, c.id, d.id].includes(id))).toBe(true);
    expect(await offerToBestCandidate(knex, r.id, OPTS)).toEqual({ kind: 'exhausted', offersCount: 3 });
    await cancelRequest(knex, { requestId: r.id });
    expect(await offerToBestCandidate(knex, r.id, OPTS)).toEqual({ kind: 'request_closed', status: 'cancelled' });
    expect(await offerToBestCandidate(knex, 9999, OPTS)).toEqual({ kind: 'request_closed', status: 'not_found' });
  });

  it('dispatching one request concurrently still makes one offer', async () => {
    await Promise.all([0.1, 0.2, 0.3, 0.4, 0.5].map((km) => makeProvider(knex, { at: near(km), services: [svc] })));
    const customer = await makeUser(knex);
    const r = await makeRequest(knex, { customerId: customer.id, serviceTypeId: svc });
    const results = await Promise.all(Array.from({ length: 8 }, () => offerToBestCandidate(knex, r.id, OPTS)));
    const offered = results.filter((x) => x.kind === 'offered');
    expect(offered).toHaveLength(1);
    expect(await knex('offers').where({ request_id: r.id })).toHaveLength(1);
  });
});
