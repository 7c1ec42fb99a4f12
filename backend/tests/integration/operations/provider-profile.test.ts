/**
 * A provider's own profile against real Postgres (and Redis for the cached lists):
 * getProviderStats with the settings and the latest rating comments; updateProviderProfile
 * replacing the services at once, moving the base (refused outside coverage), changing the
 * radius; matching follows at once; idempotent by key; cached provider lists invalidated.
 */
import Redis from 'ioredis';
import type { Knex } from 'knex';
import type { User } from '../../../src/db/users';
import { createOperationHandlers } from '../../../src/operations';
import { createTestDb, type TestDb } from '../../helpers/db';
import { deleteByPrefix, testPrefix } from '../../helpers/redis';
import {
  handlersFor,
  makeProvider,
  makeServiceType,
  makeUser,
  near,
  nextKey,
  ROMA,
  runner,
  type TestProvider,
} from './fixtures';

const MONTERREY = { lat: 25.6866, lng: -100.3161 };

describe("operations: a provider's own profile", () => {
  let db: TestDb;
  let knex: Knex;
  let run: ReturnType<typeof runner>;
  let customer: User;
  let plumbing: { id: number; code: string };
  let gas: { id: number; code: string };
  let glass: { id: number; code: string };

  beforeAll(async () => {
    db = await createTestDb();
    knex = db.knex;
    run = runner(handlersFor(knex));
    customer = await makeUser(knex, 'Sofía Treviño');
    plumbing = await makeServiceType(knex, 'plomeria_p', 1);
    gas = await makeServiceType(knex, 'gas_p', 2);
    glass = await makeServiceType(knex, 'vidrio_p', 3);
  });
  afterAll(async () => {
    await db.destroy();
  });

  const servicesOf = async (p: TestProvider): Promise<number[]> =>
    (
      await knex('provider_services')
        .where({ provider_id: p.provider.id })
        .orderBy('service_type_id')
    ).map((r: { service_type_id: number }) => r.service_type_id);
  const update = (
    p: TestProvider,
    change: { serviceTypeIds?: number[]; base?: { lat: number; lng: number }; radiusKm?: number },
    key = nextKey('upd'),
  ) =>
    run(
      'updateProviderProfile',
      { idempotencyKey: key, providerUserId: p.user.id, ...change },
      p.user,
    );
  /** Who a customer at `at` would be shown for `serviceTypeId`. */
  const shown = async (
    serviceTypeId: number,
    at: { lat: number; lng: number },
  ): Promise<number[]> =>
    (
      await run(
        'findCandidates',
        { serviceTypeId, lat: at.lat, lng: at.lng, customerUserId: customer.id, limit: 9 },
        customer,
      )
    ).candidates.map((c) => c.providerUserId);

  /** A job done for `customer` by `p`, rated with `stars` and maybe a comment. */
  async function ratedJob(
    p: TestProvider,
    stars: number,
    comment?: string,
    at = Date.now(),
  ): Promise<void> {
    const { requestId } = await run(
      'createRequest',
      {
        idempotencyKey: nextKey('req'),
        customerUserId: customer.id,
        serviceTypeId: plumbing.id,
        lat: near(0.3).lat,
        lng: near(0.3).lng,
        address: null,
      },
      customer,
    );
    const o = await run(
      'offerRequest',
      { idempotencyKey: nextKey('o'), requestId, maxOffers: 3, preferredProviderUserId: p.user.id },
      customer,
    );
    if (o.status !== 'offered') throw new Error(`not offered: ${JSON.stringify(o)}`);
    await run(
      'answerOffer',
      { idempotencyKey: nextKey('a'), offerId: o.offerId, providerUserId: p.user.id, accept: true },
      p.user,
    );
    await run(
      'completeJob',
      { idempotencyKey: nextKey('d'), requestId, providerUserId: p.user.id },
      p.user,
    );
    await run(
      'rateJob',
      { idempotencyKey: nextKey('s'), requestId, customerUserId: customer.id, stars },
      customer,
      { now: at },
    );
    if (comment !== undefined)
      await run(
        'rateJob',
        { idempotencyKey: nextKey('c'), requestId, customerUserId: customer.id, stars, comment },
        customer,
        { now: at },
      );
  }

  describe('getProviderStats', () => {
    it('returns the settings and the latest comments, newest first, without who wrote them', async () => {
      const p = await makeProvider(knex, {
        services: [gas.id, plumbing.id],
        at: ROMA,
        radiusKm: 7,
        name: 'Gas y Agua Ruiz',
      });
      await knex('providers').update({ visit_fee: 250 }).where({ id: p.provider.id });
      const t0 = Date.now() - 10 * 60_000;
      await ratedJob(p, 5, 'Muy puntual', t0);
      await ratedJob(p, 4, undefined, t0 + 60_000);
      await ratedJob(p, 2, 'Llegó tarde', t0 + 120_000);
      await ratedJob(p, 3, '   ', t0 + 150_000);
      await ratedJob(p, 4, 'Buen trabajo, limpio', t0 + 180_000);

      const out = await run('getProviderStats', { providerUserId: p.user.id }, p.user);
      if (out.status !== 'ok') throw new Error('not ok');
      expect(out.stats).toMatchObject({
        status: 'approved',
        name: 'Gas y Agua Ruiz',
        ratingCount: 5,
        jobsDone: 5,
      });
      expect(out.profile).toEqual({
        services: [
          {
            id: plumbing.id,
            code: plumbing.code,
            name: { es: 'Servicio plomeria_p', en: 'Service plomeria_p' },
          },
          { id: gas.id, code: gas.code, name: { es: 'Servicio gas_p', en: 'Service gas_p' } },
        ],
        lat: ROMA.lat,
        lng: ROMA.lng,
        area: 'Roma Norte, Cuauhtémoc, CDMX',
        radiusKm: 7,
        visitFee: 250,
      });
      // Ratings without a comment (or only spaces) are skipped; three by default.
      expect(out.comments).toEqual([
        { stars: 4, comment: 'Buen trabajo, limpio', createdAt: t0 + 180_000 },
        { stars: 2, comment: 'Llegó tarde', createdAt: t0 + 120_000 },
        { stars: 5, comment: 'Muy puntual', createdAt: t0 },
      ]);
      const two = await run(
        'getProviderStats',
        { providerUserId: p.user.id, commentsLimit: 2 },
        p.user,
      );
      expect(two.status === 'ok' && two.comments.map((c) => c.comment)).toEqual([
        'Buen trabajo, limpio',
        'Llegó tarde',
      ]);
      const none = await run(
        'getProviderStats',
        { providerUserId: p.user.id, commentsLimit: 0 },
        p.user,
      );
      expect(none.status === 'ok' && none.comments).toEqual([]);
    });

    it('not_provider for a customer and for a deleted provider', async () => {
      expect(await run('getProviderStats', { providerUserId: customer.id }, customer)).toEqual({
        status: 'not_provider',
      });
      const p = await makeProvider(knex, { services: [gas.id] });
      await knex('providers').update({ deleted_at: new Date() }).where({ id: p.provider.id });
      expect(await run('getProviderStats', { providerUserId: p.user.id }, p.user)).toEqual({
        status: 'not_provider',
      });
    });
  });

  describe('updateProviderProfile', () => {
    it('replaces the services at once (unknown and inactive ids ignored); matching follows', async () => {
      const p = await makeProvider(knex, { services: [plumbing.id, gas.id], at: near(0.5) });
      const old = await makeServiceType(knex, `old_${Date.now() % 100000}`);
      await knex('service_types').update({ active: false }).where({ id: old.id });
      expect(await shown(plumbing.id, ROMA)).toContain(p.user.id);

      const out = await update(p, { serviceTypeIds: [gas.id, glass.id, old.id, 999999, glass.id] });
      expect(out).toMatchObject({
        status: 'updated',
        profile: { services: [{ id: gas.id }, { id: glass.id }], radiusKm: 10 },
      });
      expect(await servicesOf(p)).toEqual([gas.id, glass.id].sort((a, b) => a - b));
      expect(await shown(plumbing.id, ROMA)).not.toContain(p.user.id);
      expect(await shown(glass.id, ROMA)).toContain(p.user.id);
    });

    it('never leaves a provider without services', async () => {
      const p = await makeProvider(knex, { services: [plumbing.id] });
      expect(await update(p, { serviceTypeIds: [999999] })).toEqual({ status: 'no_services' });
      expect(await update(p, { serviceTypeIds: [] })).toEqual({ status: 'no_services' });
      expect(await servicesOf(p)).toEqual([plumbing.id]);
    });

    it('moves the base: requests near the new one reach the provider, near the old one no longer', async () => {
      const p = await makeProvider(knex, { services: [glass.id], at: ROMA, radiusKm: 3 });
      const north = near(8);
      expect(await shown(glass.id, ROMA)).toContain(p.user.id);
      expect(await shown(glass.id, north)).not.toContain(p.user.id);

      const out = await update(p, { base: north });
      expect(out).toMatchObject({
        status: 'updated',
        profile: { lat: north.lat, lng: north.lng, radiusKm: 3 },
      });
      expect(await shown(glass.id, north)).toContain(p.user.id);
      expect(await shown(glass.id, ROMA)).not.toContain(p.user.id);
    });

    it('refuses a base where the marketplace does not work yet, and changes nothing else asked with it', async () => {
      const p = await makeProvider(knex, { services: [plumbing.id], at: ROMA, radiusKm: 5 });
      const out = await update(p, { base: MONTERREY, serviceTypeIds: [gas.id], radiusKm: 20 });
      expect(out).toEqual({
        status: 'outside_coverage',
        coverage: {
          covered: false,
          place: { es: 'Monterrey', en: 'Monterrey' },
          served: [expect.objectContaining({ es: expect.any(String) })],
        },
      });
      const row = await knex('providers').where({ id: p.provider.id }).first();
      expect({ lat: row.lat, lng: row.lng, radius: row.radius_km }).toEqual({
        lat: ROMA.lat,
        lng: ROMA.lng,
        radius: 5,
      });
      expect(await servicesOf(p)).toEqual([plumbing.id]);
    });

    it('changes the radius within 0.5–50 km; matching follows', async () => {
      const p = await makeProvider(knex, { services: [gas.id], at: ROMA, radiusKm: 3 });
      const fourKm = near(4);
      expect(await shown(gas.id, fourKm)).not.toContain(p.user.id);
      expect(await update(p, { radiusKm: 5 })).toMatchObject({
        status: 'updated',
        profile: { radiusKm: 5 },
      });
      expect(await shown(gas.id, fourKm)).toContain(p.user.id);
      expect(await update(p, { radiusKm: 80 })).toMatchObject({ profile: { radiusKm: 50 } });
      expect(await update(p, { radiusKm: 0.1 })).toMatchObject({ profile: { radiusKm: 0.5 } });
      await expect(update(p, { radiusKm: Number.NaN })).rejects.toThrow(/invalid radius/);
    });

    it('is idempotent by key: a replay returns the first outcome without doing it again', async () => {
      const p = await makeProvider(knex, { services: [plumbing.id] });
      const key = nextKey('upd');
      const first = await update(p, { serviceTypeIds: [gas.id] }, key);
      await update(p, { serviceTypeIds: [glass.id] });
      expect(await update(p, { serviceTypeIds: [gas.id] }, key)).toEqual(first);
      expect(await servicesOf(p)).toEqual([glass.id]);
    });

    it('pending and suspended providers may change theirs; customers and deleted providers may not', async () => {
      for (const status of ['pending', 'suspended'] as const) {
        const p = await makeProvider(knex, { services: [plumbing.id], status, online: false });
        expect(await update(p, { radiusKm: 12, serviceTypeIds: [gas.id] })).toMatchObject({
          status: 'updated',
          profile: { radiusKm: 12 },
        });
        const row = await knex('providers').where({ id: p.provider.id }).first();
        expect({ status: row.status, online: row.online }).toEqual({ status, online: false });
      }
      expect(
        await run(
          'updateProviderProfile',
          { idempotencyKey: nextKey('u'), providerUserId: customer.id, radiusKm: 4 },
          customer,
        ),
      ).toEqual({ status: 'not_provider' });
      const gone = await makeProvider(knex, { services: [plumbing.id] });
      await knex('providers').update({ deleted_at: new Date() }).where({ id: gone.provider.id });
      expect(await update(gone, { radiusKm: 4 })).toEqual({ status: 'not_provider' });
    });
  });

  it('a change shows at once in cached provider lists', async () => {
    const redis = new Redis(process.env.REDIS_URL!);
    const prefix = testPrefix();
    try {
      const handlers = createOperationHandlers({
        knex,
        config: {
          marketplace: {
            offerTimeoutSeconds: 300,
            maxOffersPerRequest: 5,
            missedOffersBeforeOffline: 3,
            jobDoneMinMinutes: 0,
            rateReminderMinutes: 240,
            providerListCacheSeconds: 30,
          },
        },
        cache: { redis, prefix, ttlSeconds: 30 },
      });
      const cached = runner(handlers);
      const p = await makeProvider(knex, { services: [glass.id], at: near(0, 0.4) });
      const list = async () =>
        (
          await cached(
            'findCandidates',
            {
              serviceTypeId: glass.id,
              lat: ROMA.lat,
              lng: ROMA.lng,
              customerUserId: customer.id,
              limit: 9,
            },
            customer,
          )
        ).candidates.map((c) => c.providerUserId);
      expect(await list()).toContain(p.user.id);
      await cached(
        'updateProviderProfile',
        { idempotencyKey: nextKey('u'), providerUserId: p.user.id, serviceTypeIds: [gas.id] },
        p.user,
      );
      expect(await list()).not.toContain(p.user.id);
    } finally {
      redis.disconnect();
      await deleteByPrefix(process.env.REDIS_URL!, prefix);
    }
  });
});
