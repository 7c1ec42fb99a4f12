/** completeJob / rateJob / registerProvider / setProviderOnline / getProviderStats against real Postgres. */
import type { Knex } from 'knex';
import type { User } from '../../../src/db/users';
import { createTestDb, type TestDb } from '../../helpers/db';
import { counterValue, handlersFor, makeProvider, makeServiceType, makeUser, near, nextKey, runner, type TestProvider } from './fixtures';

describe('operations: jobs and providers', () => {
  let db: TestDb;
  let knex: Knex;
  let run: ReturnType<typeof runner>;
  let customer: User;
  let svc: { id: number; code: string };

  beforeAll(async () => {
    db = await createTestDb();
    knex = db.knex;
    run = runner(handlersFor(knex));
    customer = await makeUser(knex, 'Sofía');
    svc = await makeServiceType(knex, 'electrician');
  });
  afterAll(async () => {
    await db.destroy();
  });

  /** A provider with an accepted job for `customer`. */
  async function acceptedJob(p?: TestProvider): Promise<{ p: TestProvider; requestId: number }> {
    const provider = p ?? (await makeProvider(knex, { services: [svc.id], at: near(0.2) }));
    const { requestId } = await run(
      'createRequest',
      { idempotencyKey: nextKey('req'), customerUserId: customer.id, serviceTypeId: svc.id, lat: near(0).lat, lng: near(0).lng, address: null },
      customer,
    );
    const o = await run('offerRequest', { idempotencyKey: nextKey('o'), requestId, maxOffers: 3, preferredProviderUserId: provider.user.id }, customer);
    if (o.status !== 'offered' || o.provider.userId !== provider.user.id) throw new Error(`offer went elsewhere: ${JSON.stringify(o)}`);
    const a = await run('answerOffer', { idempotencyKey: nextKey('t'), offerId: o.offerId, providerUserId: provider.user.id, accept: true }, provider.user);
    if (a.status !== 'accepted') throw new Error('not accepted');
    return { p: provider, requestId };
  }

  const complete = (requestId: number, p: TestProvider, key = nextKey('done')) =>
    run('completeJob', { idempotencyKey: key, requestId, providerUserId: p.user.id }, p.user);

  describe('completeJob', () => {
    it('marks the job done, frees the provider, returns the customer key and fresh stats', async () => {
      const { p, requestId } = await acceptedJob();
      const before = await counterValue('serviceRequestsCompleted', { service: 'electrician' });
      const out = await complete(requestId, p);
      expect(out).toEqual({
        status: 'completed',
        requestId,
        serviceName: { es: 'Servicio electrician', en: 'Service electrician' },
        customer: { conversationKey: `wa:${customer.waId}` },
        stats: { status: 'approved', online: true, name: p.provider.displayName, ratingAvg: null, ratingCount: 0, jobsDone: 1 },
      });
      expect((await knex('service_requests').where({ id: requestId }).first()).status).toBe('done');
      expect((await knex('providers').where({ id: p.provider.id }).first()).current_request_id).toBeNull();
      expect(await counterValue('serviceRequestsCompleted', { service: 'electrician' })).toBe(before + 1);
    });

    it('same key → same outcome (counted once); another tap → already_completed', async () => {
      const { p, requestId } = await acceptedJob();
      const key = nextKey('done');
      const before = await counterValue('serviceRequestsCompleted', { service: 'electrician' });
      const first = await complete(requestId, p, key);
      expect(await complete(requestId, p, key)).toEqual(first);
      expect(await complete(requestId, p)).toEqual({ status: 'already_completed', requestId });
      expect(await counterValue('serviceRequestsCompleted', { service: 'electrician' })).toBe(before + 1);
    });

    it('not_allowed for another provider, a job not accepted, or an unknown request', async () => {
      const { p, requestId } = await acceptedJob();
      const other = await makeProvider(knex, { services: [svc.id], at: near(0.4) });
      expect(await complete(requestId, other)).toEqual({ status: 'not_allowed', requestId });
      expect(await complete(requestId, { user: customer } as TestProvider)).toEqual({ status: 'not_allowed', requestId });
      expect(await complete(7777777, p)).toEqual({ status: 'not_allowed', requestId: 7777777 });
      await run('cancelRequest', { requestId, customerUserId: customer.id }, customer);
      expect(await complete(requestId, p)).toEqual({ status: 'not_allowed', requestId });
    });
  });

  describe('rateJob', () => {
    const rate = (requestId: number, stars: number, extra: { comment?: string; key?: string; who?: User } = {}) =>
      run(
        'rateJob',
        { idempotencyKey: extra.key ?? nextKey('rate'), requestId, customerUserId: (extra.who ?? customer).id, stars, ...(extra.comment !== undefined ? { comment: extra.comment } : {}) },
        extra.who ?? customer,
      );

    async function doneJob(p?: TestProvider) {
      const job = await acceptedJob(p);
      await complete(job.requestId, job.p);
      return job;
    }

    it('first stars create the rating and move the aggregate; the comment updates the same rating', async () => {
      const { p, requestId } = await doneJob();
      const out = await rate(requestId, 4);
      expect(out).toEqual({
        status: 'saved',
        requestId,
        stars: 4,
        first: true,
        provider: { conversationKey: `wa:${p.user.waId}`, name: p.provider.displayName, ratingAvg: 4, ratingCount: 1 },
      });
      const second = await rate(requestId, 4, { comment: 'Muy puntual' });
      expect(second).toMatchObject({ status: 'saved', first: false, provider: { ratingAvg: 4, ratingCount: 1 } });
      const rows = await knex('ratings').where({ request_id: requestId });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ stars: 4, comment: 'Muy puntual', provider_id: p.provider.id, customer_id: customer.id });
      expect(await knex('providers').select('rating_sum', 'rating_count').where({ id: p.provider.id }).first()).toEqual({ rating_sum: 4, rating_count: 1 });
    });

    it('changing the stars later moves the aggregate by the difference only; averages are 1-decimal', async () => {
      const { p, requestId } = await doneJob();
      await rate(requestId, 5);
      const second = await doneJob(p);
      await rate(second.requestId, 4);
      const third = await doneJob(p);
      const out = await rate(third.requestId, 4);
      expect(out).toMatchObject({ provider: { ratingAvg: 4.3, ratingCount: 3 } });
      const changed = await rate(requestId, 2, { comment: 'Cambié de opinión' });
      expect(changed).toMatchObject({ first: false, stars: 2, provider: { ratingAvg: 3.3, ratingCount: 3 } });
      expect(await knex('providers').select('rating_sum', 'rating_count').where({ id: p.provider.id }).first()).toEqual({ rating_sum: 10, rating_count: 3 });
    });

    it('same key twice → same outcome (first:true both times), rating counted once', async () => {
      const { p, requestId } = await doneJob();
      const key = nextKey('rate');
      const first = await rate(requestId, 5, { key });
      expect(await rate(requestId, 5, { key })).toEqual(first);
      expect(first).toMatchObject({ first: true });
      expect(await knex('providers').select('rating_sum', 'rating_count').where({ id: p.provider.id }).first()).toEqual({ rating_sum: 5, rating_count: 1 });
    });

    it('eight different ratings of one job at once: one rating row, the aggregate counts it once', async () => {
      const { p, requestId } = await doneJob();
      const outs = await Promise.all([1, 2, 3, 4, 5, 4, 3, 2].map((stars) => rate(requestId, stars)));
      expect(outs.filter((o) => o.status === 'saved' && o.first)).toHaveLength(1);
      const rows = await knex('ratings').where({ request_id: requestId });
      expect(rows).toHaveLength(1);
      expect(await knex('providers').select('rating_sum', 'rating_count').where({ id: p.provider.id }).first()).toEqual({ rating_sum: rows[0].stars, rating_count: 1 });
    });

    it('not_allowed: not done yet, someone else’s request, bad stars, unknown request', async () => {
      const { requestId } = await acceptedJob();
      expect(await rate(requestId, 5)).toEqual({ status: 'not_allowed', requestId });
      const done = await doneJob();
      const other = await makeUser(knex, 'Intrusa');
      expect(await rate(done.requestId, 5, { who: other })).toEqual({ status: 'not_allowed', requestId: done.requestId });
      expect(await rate(done.requestId, 6)).toEqual({ status: 'not_allowed', requestId: done.requestId });
      expect(await rate(done.requestId, 0)).toEqual({ status: 'not_allowed', requestId: done.requestId });
      expect(await rate(5555555, 5)).toEqual({ status: 'not_allowed', requestId: 5555555 });
      expect(await knex('ratings').where({ request_id: done.requestId })).toHaveLength(0);
    });
  });

  describe('registerProvider / setProviderOnline / getProviderStats', () => {
    const register = (user: User, key = nextKey('reg'), name = 'Taller Ruiz', services = [svc.id]) =>
      run('registerProvider', { idempotencyKey: key, userId: user.id, displayName: name, serviceTypeIds: services, lat: near(1).lat, lng: near(1).lng, radiusKm: 8 }, user);

    it('registers a new provider as pending and offline, with its services', async () => {
      const user = await makeUser(knex, 'Raúl Ruiz');
      const inactive = await makeServiceType(knex, `old_${Date.now() % 100000}`);
      await knex('service_types').update({ active: false }).where({ id: inactive.id });
      const key = nextKey('reg');
      const out = await register(user, key, 'Taller Ruiz', [svc.id, inactive.id, 999999]);
      expect(out).toEqual({ status: 'pending', created: true });
      // The same call again (a re-run after a crash) returns the first outcome.
      expect(await register(user, key, 'Taller Ruiz', [svc.id, inactive.id, 999999])).toEqual(out);
      const row = await knex('providers').where({ user_id: user.id }).first();
      expect(row).toMatchObject({ display_name: 'Taller Ruiz', status: 'pending', online: false, radius_km: 8 });
      const services = await knex('provider_services').where({ provider_id: row.id }).pluck('service_type_id');
      expect(services).toEqual([svc.id]);
    });

    it('an existing provider is left as is (created:false with the current status); a rejected one may register again', async () => {
      const user = await makeUser(knex, 'Nora');
      await register(user, nextKey('reg'), 'Nora Plomería');
      await knex('providers').update({ status: 'approved' }).where({ user_id: user.id });
      expect(await register(user, nextKey('reg'), 'Otro nombre')).toEqual({ status: 'approved', created: false });
      expect((await knex('providers').where({ user_id: user.id }).first()).display_name).toBe('Nora Plomería');

      await knex('providers').update({ status: 'rejected' }).where({ user_id: user.id });
      expect(await register(user, nextKey('reg'), 'Nora 2')).toEqual({ status: 'pending', created: true });
      expect(await knex('providers').where({ user_id: user.id })).toMatchObject([{ status: 'pending', display_name: 'Nora 2' }]);
    });

    it('only approved providers go online; anyone registered can go offline', async () => {
      const user = await makeUser(knex, 'Iván');
      const online = (u: User, on: boolean) => run('setProviderOnline', { providerUserId: u.id, online: on }, u);
      expect(await online(user, true)).toEqual({ status: 'not_approved', providerStatus: null });
      await register(user);
      expect(await online(user, true)).toEqual({ status: 'not_approved', providerStatus: 'pending' });
      expect(await online(user, false)).toEqual({ status: 'ok', online: false });
      await knex('providers').update({ status: 'approved' }).where({ user_id: user.id });
      expect(await online(user, true)).toEqual({ status: 'ok', online: true });
      expect(await online(user, true)).toEqual({ status: 'ok', online: true });
      expect((await knex('providers').where({ user_id: user.id }).first()).last_online_at).not.toBeNull();
      expect(await online(user, false)).toEqual({ status: 'ok', online: false });
    });

    it('getProviderStats: numbers for a provider, not_provider otherwise', async () => {
      const { p, requestId } = await acceptedJob();
      await complete(requestId, p);
      await run('rateJob', { idempotencyKey: nextKey('r'), requestId, customerUserId: customer.id, stars: 5 }, customer);
      expect(await run('getProviderStats', { providerUserId: p.user.id }, p.user)).toEqual({
        status: 'ok',
        stats: { status: 'approved', online: true, name: p.provider.displayName, ratingAvg: 5, ratingCount: 1, jobsDone: 1 },
      });
      expect(await run('getProviderStats', { providerUserId: customer.id }, customer)).toEqual({ status: 'not_provider' });
    });
  });
});
