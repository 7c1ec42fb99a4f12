/** loadUser / saveUser / listServiceTypes / geocodeAddress / findCandidates / getProviderDetail against real Postgres. */
import type { Knex } from 'knex';
import type { User } from '../../../src/db/users';
import { createTestDb, type TestDb } from '../../helpers/db';
import {
  ctxFor,
  handlersFor,
  makeProvider,
  makeServiceType,
  makeUser,
  near,
  nextKey,
  nextWaId,
  runner,
} from './fixtures';

describe('operations: users, catalogue, matching', () => {
  let db: TestDb;
  let knex: Knex;
  let run: ReturnType<typeof runner>;
  let handlers: ReturnType<typeof handlersFor>;

  beforeAll(async () => {
    db = await createTestDb();
    knex = db.knex;
    handlers = handlersFor(knex);
    run = runner(handlers);
  });
  afterAll(async () => {
    await db.destroy();
  });

  describe('loadUser / saveUser', () => {
    it('creates a bare user for a new wa_id (profile name not stored) and finds it again', async () => {
      const waId = nextWaId();
      const ctx = ctxFor({ waId });
      const first = await handlers.loadUser({ profileName: 'Perfil WhatsApp' }, ctx);
      expect(first).toEqual({
        isNew: true,
        user: {
          id: expect.any(Number),
          name: null,
          locale: 'es',
          role: 'customer',
          phone: `52${waId.slice(3)}`,
          provider: null,
          lastRequest: null,
        },
      });
      const again = await handlers.loadUser({}, ctxFor({ waId }));
      expect(again).toEqual({ ...first, isNew: false });
      expect(await knex('users').where({ wa_id: waId })).toHaveLength(1);
    });

    it('a BSUID-only user has no phone', async () => {
      const bsuid = `MX.${nextKey('bs')}`;
      const out = await handlers.loadUser({}, { ...ctxFor({ waId: null, bsuid }), contact: {} });
      expect(out.user).toMatchObject({ phone: null, role: 'customer' });
      expect(await knex('users').where({ bsuid }).first()).toMatchObject({ wa_id: null });
    });

    it('fills role, provider status and the last request', async () => {
      const svc = await makeServiceType(knex, 'carpentry');
      const p = await makeProvider(knex, {
        services: [svc.id],
        status: 'pending',
        online: false,
        name: 'Carlos',
      });
      const older = near(2);
      for (const [i, at] of [older, near(3)].entries()) {
        await run(
          'createRequest',
          {
            idempotencyKey: nextKey(`req${i}`),
            customerUserId: p.user.id,
            serviceTypeId: svc.id,
            lat: at.lat,
            lng: at.lng,
            address: i === 0 ? 'Viejo' : 'Nuevo',
          },
          p.user,
        );
      }
      const out = await handlers.loadUser({}, ctxFor(p.user));
      expect(out.user).toMatchObject({
        id: p.user.id,
        name: 'Carlos',
        role: 'provider',
        provider: { status: 'pending', online: false },
        lastRequest: {
          serviceTypeId: svc.id,
          serviceName: { es: 'Servicio carpentry', en: 'Service carpentry' },
          lat: near(3).lat,
          lng: near(3).lng,
          address: 'Nuevo',
        },
      });
    });

    it('saveUser writes only the fields given', async () => {
      const user = await makeUser(knex, null);
      const named = await handlers.saveUser({ name: 'Elena' }, ctxFor(user));
      expect(named.user).toMatchObject({ id: user.id, name: 'Elena', locale: 'es' });
      const english = await handlers.saveUser({ locale: 'en' }, ctxFor(user));
      expect(english.user).toMatchObject({ name: 'Elena', locale: 'en' });
    });
  });

  describe('listServiceTypes / geocodeAddress', () => {
    it('active types in display order with both names, at most 30', async () => {
      const before = (await run('listServiceTypes', {}, { waId: nextWaId() })).services.length;
      const late = await makeServiceType(knex, 'zz_late', 90);
      const early = await makeServiceType(knex, 'aa_early', -5);
      const hidden = await makeServiceType(knex, 'hidden_one', 1);
      await knex('service_types').update({ active: false }).where({ id: hidden.id });
      const { services } = await run('listServiceTypes', {}, { waId: nextWaId() });
      expect(services).toHaveLength(before + 2);
      expect(services[0]).toEqual({
        id: early.id,
        code: 'aa_early',
        name: { es: 'Servicio aa_early', en: 'Service aa_early' },
      });
      expect(services.at(-1)).toMatchObject({ id: late.id });
      expect(services.find((s) => s.id === hidden.id)).toBeUndefined();
      for (let i = 0; i < 35; i++) await makeServiceType(knex, `many_${i}`, 50);
      expect((await run('listServiceTypes', {}, { waId: nextWaId() })).services).toHaveLength(30);
    });

    it('geocodes postal codes and typed addresses offline; not_found otherwise', async () => {
      const as = { waId: nextWaId() };
      const cp = await run(
        'geocodeAddress',
        { query: '06700', kind: 'postalCode', country: 'MX' },
        as,
      );
      expect(cp).toMatchObject({
        status: 'found',
        lat: expect.any(Number),
        lng: expect.any(Number),
        label: expect.any(String),
      });
      if (cp.status === 'found') expect(Math.abs(cp.lat - 19.42)).toBeLessThan(0.1);
      const addr = await run(
        'geocodeAddress',
        { query: 'Calle Colima 143, Roma Norte', kind: 'address', country: 'MX' },
        as,
      );
      expect(addr.status).toBe('found');
      expect(
        await run(
          'geocodeAddress',
          { query: 'Nowhere street 1', kind: 'address', country: 'MX' },
          as,
        ),
      ).toEqual({ status: 'not_found' });
      expect(
        await run('geocodeAddress', { query: '1234', kind: 'postalCode', country: 'MX' }, as),
      ).toEqual({ status: 'not_found' });
    });
  });

  describe('findCandidates / getProviderDetail', () => {
    let customer: User;
    beforeAll(async () => {
      customer = await makeUser(knex, 'Cliente');
    });

    it('ranks by the matching score: fifty 4.8s beat one 5-star at the same distance; plain averages shown', async () => {
      const svc = await makeServiceType(knex, 'painting');
      const star = await makeProvider(knex, {
        services: [svc.id],
        at: near(1),
        rating: [5, 1],
        name: 'Una Estrella',
      });
      const steady = await makeProvider(knex, {
        services: [svc.id],
        at: near(-1),
        rating: [240, 50],
        name: 'Constante',
      });
      const fresh = await makeProvider(knex, {
        services: [svc.id],
        at: near(0, 1.5),
        name: 'Nuevo',
      });
      await makeProvider(knex, { services: [svc.id], at: near(0.5), online: false });
      const out = await run(
        'findCandidates',
        {
          serviceTypeId: svc.id,
          lat: near(0).lat,
          lng: near(0).lng,
          customerUserId: customer.id,
          limit: 5,
        },
        customer,
      );
      expect(out.candidates.map((c) => c.providerUserId)).toEqual([
        steady.user.id,
        star.user.id,
        fresh.user.id,
      ]);
      expect(out.candidates[0]).toEqual({
        providerUserId: steady.user.id,
        name: 'Constante',
        ratingAvg: 4.8,
        ratingCount: 50,
        distanceKm: expect.any(Number),
        visitFee: null,
      });
      expect(out.candidates[0]!.distanceKm).toBeCloseTo(1, 1);
      expect(out.candidates[2]).toMatchObject({ ratingAvg: null, ratingCount: 0 });
      const two = await run(
        'findCandidates',
        {
          serviceTypeId: svc.id,
          lat: near(0).lat,
          lng: near(0).lng,
          customerUserId: customer.id,
          limit: 2,
        },
        customer,
      );
      expect(two.candidates).toHaveLength(2);
    });

    it('leaves out the customer themselves, providers out of their radius, and those already offered the request', async () => {
      const svc = await makeServiceType(knex, 'gardening');
      const self = await makeProvider(knex, { services: [svc.id], at: near(0.2) });
      await makeProvider(knex, { services: [svc.id], at: near(8), radiusKm: 3 });
      const other = await makeProvider(knex, { services: [svc.id], at: near(0.4) });
      const query = {
        serviceTypeId: svc.id,
        lat: near(0).lat,
        lng: near(0).lng,
        customerUserId: self.user.id,
        limit: 10,
      };
      expect(
        (await run('findCandidates', query, self.user)).candidates.map((c) => c.providerUserId),
      ).toEqual([other.user.id]);

      const { requestId } = await run(
        'createRequest',
        {
          idempotencyKey: nextKey('req'),
          customerUserId: self.user.id,
          serviceTypeId: svc.id,
          lat: near(0).lat,
          lng: near(0).lng,
          address: null,
        },
        self.user,
      );
      const o = await run(
        'offerRequest',
        { idempotencyKey: nextKey('o'), requestId, maxOffers: 3 },
        self.user,
      );
      expect(o).toMatchObject({ status: 'offered', provider: { userId: other.user.id } });
      await run('expireOffer', { offerId: o.status === 'offered' ? o.offerId : 0 }, self.user);
      expect((await run('findCandidates', query, self.user)).candidates).toHaveLength(1);
      expect((await run('findCandidates', { ...query, requestId }, self.user)).candidates).toEqual(
        [],
      );
    });

    it('getProviderDetail: profile, distance, services, jobs done and latest reviews with first names', async () => {
      const svcA = await makeServiceType(knex, 'roofing', 1);
      const svcB = await makeServiceType(knex, 'welding', 2);
      const p = await makeProvider(knex, {
        services: [svcB.id, svcA.id],
        at: near(2),
        name: 'Herrería Luna',
      });
      const reviewers = [
        await makeUser(knex, 'Ana María Soto'),
        await makeUser(knex, null),
        await makeUser(knex, 'Beto'),
      ];
      for (const [i, who] of reviewers.entries()) {
        const { requestId } = await run(
          'createRequest',
          {
            idempotencyKey: nextKey('req'),
            customerUserId: who.id,
            serviceTypeId: svcA.id,
            lat: near(0).lat,
            lng: near(0).lng,
            address: null,
          },
          who,
        );
        const o = await run(
          'offerRequest',
          {
            idempotencyKey: nextKey('o'),
            requestId,
            maxOffers: 3,
            preferredProviderUserId: p.user.id,
          },
          who,
        );
        if (o.status !== 'offered') throw new Error('no offer');
        await run(
          'answerOffer',
          {
            idempotencyKey: nextKey('a'),
            offerId: o.offerId,
            providerUserId: p.user.id,
            accept: true,
          },
          p.user,
        );
        await run(
          'completeJob',
          { idempotencyKey: nextKey('d'), requestId, providerUserId: p.user.id },
          p.user,
        );
        await run(
          'rateJob',
          {
            idempotencyKey: nextKey('r'),
            requestId,
            customerUserId: who.id,
            stars: [5, 4, 4][i]!,
            ...(i === 0 ? { comment: 'Excelente' } : {}),
          },
          who,
          {
            now: Date.now() + i * 1000,
          },
        );
      }
      await knex('providers').update({ visit_fee: 450 }).where({ id: p.provider.id });
      const out = await run(
        'getProviderDetail',
        { providerUserId: p.user.id, lat: near(0).lat, lng: near(0).lng, reviewsLimit: 2 },
        customer,
      );
      expect(out).toEqual({
        status: 'found',
        provider: {
          userId: p.user.id,
          name: 'Herrería Luna',
          ratingAvg: 4.3,
          ratingCount: 3,
          jobsDone: 3,
          distanceKm: expect.any(Number),
          services: [
            { es: 'Servicio roofing', en: 'Service roofing' },
            { es: 'Servicio welding', en: 'Service welding' },
          ],
          visitFee: 450,
        },
        reviews: [
          { stars: 4, comment: null, authorName: 'Beto', createdAt: expect.any(Number) },
          { stars: 4, comment: null, authorName: null, createdAt: expect.any(Number) },
        ],
      });
      if (out.status === 'found') expect(out.provider.distanceKm).toBeCloseTo(2, 1);
      const all = await run(
        'getProviderDetail',
        { providerUserId: p.user.id, lat: near(0).lat, lng: near(0).lng, reviewsLimit: 10 },
        customer,
      );
      expect(all.status === 'found' && all.reviews.at(-1)).toMatchObject({
        stars: 5,
        comment: 'Excelente',
        authorName: 'Ana',
      });
    });

    it('getProviderDetail: not_found for non-providers and providers not approved', async () => {
      const svc = await makeServiceType(knex, 'masonry');
      const pending = await makeProvider(knex, { services: [svc.id], status: 'pending' });
      const at = { lat: near(0).lat, lng: near(0).lng, reviewsLimit: 3 };
      expect(
        await run('getProviderDetail', { providerUserId: pending.user.id, ...at }, customer),
      ).toEqual({ status: 'not_found' });
      expect(
        await run('getProviderDetail', { providerUserId: customer.id, ...at }, customer),
      ).toEqual({ status: 'not_found' });
    });
  });
});
