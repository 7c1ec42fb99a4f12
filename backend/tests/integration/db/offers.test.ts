import type { Knex } from 'knex';
import { acceptOffer, declineOffer, expireOffer } from '../../../src/db/offer-answers';
import {
  claimProviderForRequest,
  getOffer,
  listDueOffers,
  listOffersForRequest,
} from '../../../src/db/offers';
import { getProviderById } from '../../../src/db/providers';
import { completeRequest, getRequest, markNoProviders } from '../../../src/db/requests';
import { createTestDb, type TestDb } from '../../helpers/db';
import { makeProvider, makeRequest, makeServiceType, makeUser } from './fixtures';

const TTL = 60;

describe('offers: claim, accept, decline, expire', () => {
  let db: TestDb;
  let knex: Knex;
  let svc: number;
  let customer: number;
  beforeAll(async () => {
    db = await createTestDb({ poolMax: 30 });
    knex = db.knex;
    svc = await makeServiceType(knex, 'plumbing');
    customer = (await makeUser(knex)).id;
  });
  afterAll(async () => {
    await db.destroy();
  });

  const newRequest = () => makeRequest(knex, { customerId: customer, serviceTypeId: svc });
  const newProvider = () => makeProvider(knex, { services: [svc] });

  it('claims a free provider once: 20 requests racing for one provider give exactly one offer', async () => {
    const provider = await newProvider();
    const requests = await Promise.all(Array.from({ length: 20 }, newRequest));
    const results = await Promise.all(
      requests.map((r) =>
        claimProviderForRequest(knex, {
          requestId: r.id,
          providerId: provider.id,
          ttlSeconds: TTL,
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(
      results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === 'provider_unavailable'),
    ).toBe(true);
    const open = await knex('offers').where({ provider_id: provider.id, status: 'offered' });
    expect(open).toHaveLength(1);
    expect((await getProviderById(knex, provider.id))?.lastOfferedAt).not.toBeNull();
  });

  it('refuses a busy, offline, unapproved provider, a repeated offer and a closed request', async () => {
    const [busy, offline, pending, free] = [
      await newProvider(),
      await makeProvider(knex, { services: [svc], online: false }),
      await makeProvider(knex, { services: [svc], status: 'pending', online: true }),
      await newProvider(),
    ];
    const job = await newRequest();
    const o = await claimProviderForRequest(knex, {
      requestId: job.id,
      providerId: busy.id,
      ttlSeconds: TTL,
    });
    if (!o.ok) throw new Error('claim failed');
    expect((await acceptOffer(knex, { offerId: o.offer.id, providerId: busy.id })).ok).toBe(true);

    const r = await newRequest();
    const claim = (providerId: number, requestId = r.id) =>
      claimProviderForRequest(knex, { requestId, providerId, ttlSeconds: TTL });
    expect(await claim(busy.id)).toEqual({ ok: false, reason: 'provider_unavailable' });
    expect(await claim(offline.id)).toEqual({ ok: false, reason: 'provider_unavailable' });
    expect(await claim(pending.id)).toEqual({ ok: false, reason: 'provider_unavailable' });
    const first = await claim(free.id);
    expect(first.ok).toBe(true);
    if (first.ok) await declineOffer(knex, { offerId: first.offer.id, providerId: free.id });
    expect(await claim(free.id)).toEqual({ ok: false, reason: 'already_offered' });
    await markNoProviders(knex, r.id);
    const other = await newProvider();
    expect(await claim(other.id)).toEqual({ ok: false, reason: 'request_closed' });
  });

  it('lets the database itself refuse a second open offer for one provider', async () => {
    const p = await newProvider();
    const [r1, r2] = [await newRequest(), await newRequest()];
    const now = new Date();
    const row = (requestId: number) => ({
      request_id: requestId,
      provider_id: p.id,
      status: 'offered',
      offered_at: now,
      expires_at: new Date(now.getTime() + 60_000),
    });
    await knex('offers').insert(row(r1.id));
    await expect(knex('offers').insert(row(r2.id))).rejects.toMatchObject({
      code: '23505',
      constraint: 'offers_one_open_per_provider_uq',
    });
  });

  it('accepts one of 10 concurrent Accept taps on the same offer', async () => {
    const p = await newProvider();
    const r = await newRequest();
    const claim = await claimProviderForRequest(knex, {
      requestId: r.id,
      providerId: p.id,
      ttlSeconds: TTL,
    });
    if (!claim.ok) throw new Error('claim failed');
    const taps = await Promise.all(
      Array.from({ length: 10 }, () =>
        acceptOffer(knex, { offerId: claim.offer.id, providerId: p.id }),
      ),
    );
    expect(taps.filter((t) => t.ok)).toHaveLength(1);
    for (const t of taps.filter((x) => !x.ok))
      expect(t).toMatchObject({ ok: false, reason: 'not_available', why: 'already_accepted' });
    expect(await getRequest(knex, r.id)).toMatchObject({ status: 'accepted', providerId: p.id });
    expect((await getProviderById(knex, p.id))?.currentRequestId).toBe(r.id);
  });

  it('answers two concurrent taps of one provider on an expired and an open offer with one job', async () => {
    const p = await newProvider();
    const [r1, r2] = [await newRequest(), await newRequest()];
    const t0 = new Date(Date.now() - 120_000);
    const stale = await claimProviderForRequest(knex, {
      requestId: r1.id,
      providerId: p.id,
      ttlSeconds: 30,
      now: t0,
    });
    if (!stale.ok) throw new Error('claim failed');
    expect((await listDueOffers(knex, new Date())).map((o) => o.offerId)).toContain(stale.offer.id);
    expect((await listDueOffers(knex, t0)).map((o) => o.offerId)).not.toContain(stale.offer.id);
    expect((await expireOffer(knex, { offerId: stale.offer.id })).ok).toBe(true);
    const fresh = await claimProviderForRequest(knex, {
      requestId: r2.id,
      providerId: p.id,
      ttlSeconds: TTL,
    });
    if (!fresh.ok) throw new Error('claim failed');
    const [a, b] = await Promise.all([
      acceptOffer(knex, { offerId: stale.offer.id, providerId: p.id }),
      acceptOffer(knex, { offerId: fresh.offer.id, providerId: p.id }),
    ]);
    expect(a).toMatchObject({ ok: false, reason: 'not_available', why: 'expired' });
    expect(b.ok).toBe(true);
    expect((await getProviderById(knex, p.id))?.currentRequestId).toBe(r2.id);
  });

  it('treats an offer past its deadline as expired even before the timer ran', async () => {
    const p = await newProvider();
    const r = await newRequest();
    const claim = await claimProviderForRequest(knex, {
      requestId: r.id,
      providerId: p.id,
      ttlSeconds: 30,
      now: new Date(Date.now() - 60_000),
    });
    if (!claim.ok) throw new Error('claim failed');
    expect(await acceptOffer(knex, { offerId: claim.offer.id, providerId: p.id })).toMatchObject({
      ok: false,
      why: 'expired',
      offer: { status: 'expired' },
    });
    expect((await getProviderById(knex, p.id))?.currentRequestId).toBeNull();
  });

  it('says not_available for a foreign, unknown, declined or taken offer', async () => {
    const [p1, p2] = [await newProvider(), await newProvider()];
    const r = await newRequest();
    // Two parallel offers for one request (non-exclusive claims): the second Accept finds it taken.
    const o1 = await claimProviderForRequest(knex, {
      requestId: r.id,
      providerId: p1.id,
      ttlSeconds: TTL,
    });
    const o2 = await claimProviderForRequest(knex, {
      requestId: r.id,
      providerId: p2.id,
      ttlSeconds: TTL,
    });
    if (!o1.ok || !o2.ok) throw new Error('claim failed');
    expect(await acceptOffer(knex, { offerId: o1.offer.id, providerId: p2.id })).toMatchObject({
      ok: false,
      reason: 'not_available',
      why: 'foreign',
    });
    expect(await acceptOffer(knex, { offerId: 987_654 })).toMatchObject({
      ok: false,
      reason: 'not_available',
      why: 'not_found',
    });
    const won = await acceptOffer(knex, { offerId: o1.offer.id, providerId: p1.id });
    expect(won.ok && won.withdrawn.map((o) => o.id)).toEqual([o2.offer.id]);
    expect(await acceptOffer(knex, { offerId: o2.offer.id, providerId: p2.id })).toMatchObject({
      ok: false,
      why: 'answered',
      offer: { status: 'cancelled' },
    });
    expect(await declineOffer(knex, { offerId: o1.offer.id, providerId: p1.id })).toMatchObject({
      ok: false,
      why: 'already_accepted',
    });
    expect((await getProviderById(knex, p2.id))?.currentRequestId).toBeNull();
  });

  it('puts the request back to searching after a decline or an expiry', async () => {
    const [p1, p2] = [await newProvider(), await newProvider()];
    const r = await newRequest();
    const o1 = await claimProviderForRequest(knex, {
      requestId: r.id,
      providerId: p1.id,
      ttlSeconds: TTL,
    });
    if (!o1.ok) throw new Error('claim failed');
    expect(await getRequest(knex, r.id)).toMatchObject({ status: 'offered', offersCount: 1 });
    const declined = await declineOffer(knex, { offerId: o1.offer.id, providerId: p1.id });
    expect(declined).toMatchObject({
      ok: true,
      offer: { status: 'declined' },
      request: { status: 'searching' },
    });
    expect(await declineOffer(knex, { offerId: o1.offer.id, providerId: p1.id })).toMatchObject({
      ok: false,
      why: 'answered',
    });

    const o2 = await claimProviderForRequest(knex, {
      requestId: r.id,
      providerId: p2.id,
      ttlSeconds: TTL,
    });
    if (!o2.ok) throw new Error('claim failed');
    expect(await expireOffer(knex, { offerId: o2.offer.id })).toMatchObject({
      ok: true,
      offer: { status: 'expired' },
      request: { status: 'searching', offersCount: 2 },
    });
    expect(await expireOffer(knex, { offerId: o2.offer.id })).toMatchObject({
      ok: false,
      why: 'expired',
    });
    expect((await listOffersForRequest(knex, r.id)).map((o) => o.status)).toEqual([
      'declined',
      'expired',
    ]);
  });

  it('frees the provider when the job is completed', async () => {
    const [p1, p2] = [await newProvider(), await newProvider()];
    const [r1, r2] = [await newRequest(), await newRequest()];
    for (const [p, r] of [
      [p1, r1],
      [p2, r2],
    ] as const) {
      const o = await claimProviderForRequest(knex, {
        requestId: r.id,
        providerId: p.id,
        ttlSeconds: TTL,
      });
      if (!o.ok) throw new Error('claim failed');
      expect((await acceptOffer(knex, { offerId: o.offer.id, providerId: p.id })).ok).toBe(true);
    }
    expect(await completeRequest(knex, { requestId: r1.id, providerId: p2.id })).toMatchObject({
      ok: false,
      reason: 'not_found',
    });
    expect(await completeRequest(knex, { requestId: r1.id, providerId: p1.id })).toMatchObject({
      ok: true,
      request: { status: 'done' },
    });
    expect(await completeRequest(knex, { requestId: r1.id })).toMatchObject({
      ok: false,
      reason: 'not_allowed',
    });
    expect((await getProviderById(knex, p1.id))?.currentRequestId).toBeNull();
    expect((await getProviderById(knex, p2.id))?.currentRequestId).toBe(r2.id);
  });

  it('closes a request nobody took: no_providers, its open offer withdrawn, once', async () => {
    const p = await newProvider();
    const r = await newRequest();
    const o = await claimProviderForRequest(knex, {
      requestId: r.id,
      providerId: p.id,
      ttlSeconds: TTL,
    });
    if (!o.ok) throw new Error('claim failed');
    expect(await markNoProviders(knex, r.id)).toMatchObject({ status: 'no_providers' });
    expect(await markNoProviders(knex, r.id)).toBeNull();
    expect((await getOffer(knex, o.offer.id))?.status).toBe('cancelled');
    expect(await acceptOffer(knex, { offerId: o.offer.id, providerId: p.id })).toMatchObject({
      ok: false,
      reason: 'not_available',
    });
  });
});
