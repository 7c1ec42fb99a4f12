/** completeJob / rateJob / registerProvider / setProviderOnline / getProviderStats against real Postgres. */
import type { Knex } from 'knex';
import type { User } from '../../../src/db/users';
import { RATING_EDIT_WINDOW_MS } from '../../../src/conversation/operations';
import { MAX_REOPENS } from '../../../src/db/requests';
import { createOperationHandlers } from '../../../src/operations';
import { createTestDb, type TestDb } from '../../helpers/db';
import {
  counterValue,
  handlersFor,
  makeProvider,
  makeServiceType,
  makeUser,
  near,
  nextKey,
  runner,
  type TestProvider,
} from './fixtures';

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

  /** Operations where a provider's "done" within 10 minutes of accepting needs the customer's word. */
  function tenMinuteRunner(): ReturnType<typeof runner> {
    return runner(
      createOperationHandlers({
        knex,
        config: {
          marketplace: {
            offerTimeoutSeconds: 60,
            maxOffersPerRequest: 5,
            missedOffersBeforeOffline: 3,
            jobDoneMinMinutes: 10,
            rateReminderMinutes: 240,
            providerListCacheSeconds: 0,
          },
        },
      }),
    );
  }

  /** A provider with an accepted job for `customer` (or `who`). */
  async function acceptedJob(
    p?: TestProvider,
    who: User = customer,
  ): Promise<{ p: TestProvider; requestId: number }> {
    const provider = p ?? (await makeProvider(knex, { services: [svc.id], at: near(0.2) }));
    const { requestId } = await run(
      'createRequest',
      {
        idempotencyKey: nextKey('req'),
        customerUserId: who.id,
        serviceTypeId: svc.id,
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
        preferredProviderUserId: provider.user.id,
      },
      who,
    );
    if (o.status !== 'offered' || o.provider.userId !== provider.user.id)
      throw new Error(`offer went elsewhere: ${JSON.stringify(o)}`);
    const a = await run(
      'answerOffer',
      {
        idempotencyKey: nextKey('t'),
        offerId: o.offerId,
        providerUserId: provider.user.id,
        accept: true,
      },
      provider.user,
    );
    if (a.status !== 'accepted') throw new Error('not accepted');
    return { p: provider, requestId };
  }

  const complete = (requestId: number, p: TestProvider, key = nextKey('done')) =>
    run('completeJob', { idempotencyKey: key, requestId, providerUserId: p.user.id }, p.user);

  describe('listMyJobs', () => {
    it("each accepted job with the customer's conversation key (to tell them 'va en camino') and the provider's name", async () => {
      const { p, requestId } = await acceptedJob();
      const out = await run('listMyJobs', { providerUserId: p.user.id }, p.user);
      expect(out.jobs).toEqual([
        expect.objectContaining({
          requestId,
          customerName: 'Sofía',
          customerKey: `wa:${customer.waId}`,
          providerName: p.provider.displayName,
        }),
      ]);
      await complete(requestId, p);
      expect((await run('listMyJobs', { providerUserId: p.user.id }, p.user)).jobs).toEqual([]);
    });

    it('a customer known only by BSUID (number withheld) still has a key, but no phone', async () => {
      const hidden = await makeUser(knex, 'Oculta', { bsuid: 'MX.1234567890123456' });
      const { p, requestId } = await acceptedJob(undefined, hidden);
      const [job] = (await run('listMyJobs', { providerUserId: p.user.id }, p.user)).jobs;
      expect(job).toMatchObject({
        requestId,
        customerKey: 'bs:MX.1234567890123456',
        customerPhone: null,
      });
    });
  });

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
        stats: {
          status: 'approved',
          online: true,
          name: p.provider.displayName,
          ratingAvg: null,
          ratingCount: 0,
          jobsDone: 1,
        },
      });
      expect((await knex('service_requests').where({ id: requestId }).first()).status).toBe('done');
      expect(
        (await knex('providers').where({ id: p.provider.id }).first()).current_request_id,
      ).toBeNull();
      expect(await counterValue('serviceRequestsCompleted', { service: 'electrician' })).toBe(
        before + 1,
      );
    });

    it('too soon after accepting: the job stays open until the customer confirms (or says not yet)', async () => {
      const strict = tenMinuteRunner();
      const { p, requestId } = await acceptedJob();
      const claim = () =>
        strict(
          'completeJob',
          { idempotencyKey: nextKey('done'), requestId, providerUserId: p.user.id },
          p.user,
        );
      const answer = (done: boolean, who: User = customer) =>
        strict(
          'confirmJobDone',
          { idempotencyKey: nextKey('conf'), requestId, customerUserId: who.id, done },
          who,
        );
      const row = async () =>
        (await knex('service_requests').where({ id: requestId }).first()) as {
          status: string;
          done_claimed_at: Date | null;
        };

      // Nothing to confirm before the provider says it is done.
      expect(await answer(true)).toEqual({ status: 'not_allowed', requestId });
      expect(await claim()).toEqual({
        status: 'needs_customer',
        requestId,
        serviceName: { es: 'Servicio electrician', en: 'Service electrician' },
        providerName: p.provider.displayName,
        customer: { conversationKey: `wa:${customer.waId}` },
      });
      expect(await row()).toMatchObject({ status: 'accepted', done_claimed_at: expect.any(Date) });
      // Only the customer answers.
      const other = await makeUser(knex, 'Otra');
      expect(await answer(true, other)).toEqual({ status: 'not_allowed', requestId });
      // "Not yet": the claim is withdrawn, the provider is named.
      expect(await answer(false)).toMatchObject({
        status: 'not_done',
        requestId,
        provider: { conversationKey: `wa:${p.user.waId}`, name: p.provider.displayName },
      });
      expect(await row()).toMatchObject({ status: 'accepted', done_claimed_at: null });
      expect(await answer(true)).toEqual({ status: 'not_allowed', requestId });
      // Claimed again and confirmed: done, the provider free, their numbers fresh.
      await claim();
      expect(await answer(true)).toMatchObject({
        status: 'completed',
        requestId,
        provider: { conversationKey: `wa:${p.user.waId}`, stats: { jobsDone: 1 } },
      });
      expect((await row()).status).toBe('done');
      expect(
        (await knex('providers').where({ id: p.provider.id }).first()).current_request_id,
      ).toBeNull();
      expect(await answer(true)).toEqual({ status: 'already_completed', requestId });
    });

    it("typed (requestId null): answers for the customer's job awaiting their word; none_claimed otherwise", async () => {
      const strict = tenMinuteRunner();
      const { p, requestId } = await acceptedJob();
      const typed = (done: boolean) =>
        strict(
          'confirmJobDone',
          { idempotencyKey: nextKey('typed'), requestId: null, customerUserId: customer.id, done },
          customer,
        );
      // Accepted but nothing claimed yet: nothing awaits the customer's word.
      expect(await typed(true)).toEqual({ status: 'none_claimed' });
      await strict(
        'completeJob',
        { idempotencyKey: nextKey('done'), requestId, providerUserId: p.user.id },
        p.user,
      );
      expect(await typed(false)).toMatchObject({ status: 'not_done', requestId });
      expect(await typed(true)).toEqual({ status: 'none_claimed' });
      await strict(
        'completeJob',
        { idempotencyKey: nextKey('done'), requestId, providerUserId: p.user.id },
        p.user,
      );
      expect(await typed(true)).toMatchObject({ status: 'completed', requestId });
      expect(await typed(true)).toEqual({ status: 'none_claimed' });
    });

    it('"ya quedó, gracias" (closes) finds the one accepted job, asked before it closes; a bare yes never does', async () => {
      const strict = tenMinuteRunner();
      const { p, requestId } = await acceptedJob();
      const typed = (done: boolean, closes?: boolean) =>
        strict(
          'confirmJobDone',
          {
            idempotencyKey: nextKey('closes'),
            requestId: null,
            customerUserId: customer.id,
            done,
            ...(closes === undefined ? {} : { closes }),
          },
          customer,
        );
      // A bare "sí" (no `closes`) and "todavía no" leave an unclaimed job alone.
      expect(await typed(true)).toEqual({ status: 'none_claimed' });
      expect(await typed(false, true)).toEqual({ status: 'none_claimed' });
      expect((await knex('service_requests').where({ id: requestId }).first()).status).toBe(
        'accepted',
      );
      // Someone else's word closes nothing.
      const other = await makeUser(knex, 'Otro');
      expect(
        await strict(
          'confirmJobDone',
          {
            idempotencyKey: nextKey('closes'),
            requestId: null,
            customerUserId: other.id,
            done: true,
            closes: true,
          },
          other,
        ),
      ).toEqual({ status: 'none_claimed' });
      // The customer's own words find the job but close nothing: "ya quedó" is also "all set".
      expect(await typed(true, true)).toEqual({
        status: 'confirm_close',
        requestId,
        serviceName: { es: 'Servicio electrician', en: 'Service electrician' },
        providerName: p.provider.displayName,
      });
      expect((await knex('service_requests').where({ id: requestId }).first()).status).toBe(
        'accepted',
      );
      // "Sí, ya terminó" (the request named, `closes`): done, the provider free, their numbers fresh.
      expect(
        await strict(
          'confirmJobDone',
          {
            idempotencyKey: nextKey('closes'),
            requestId,
            customerUserId: customer.id,
            done: true,
            closes: true,
          },
          customer,
        ),
      ).toMatchObject({
        status: 'completed',
        requestId,
        provider: { conversationKey: `wa:${p.user.waId}`, stats: { jobsDone: 1 } },
      });
      expect((await knex('service_requests').where({ id: requestId }).first()).status).toBe('done');
      expect(
        (await knex('providers').where({ id: p.provider.id }).first()).current_request_id,
      ).toBeNull();
      // The provider's late "Terminado" finds it already closed.
      expect(
        await strict(
          'completeJob',
          { idempotencyKey: nextKey('done'), requestId, providerUserId: p.user.id },
          p.user,
        ),
      ).toEqual({ status: 'already_completed', requestId });
    });

    it("ten minutes after accepting, the provider's word is enough", async () => {
      const strict = tenMinuteRunner();
      const { p, requestId } = await acceptedJob();
      const later = Date.now() + 10 * 60_000 + 1000;
      const out = await strict(
        'completeJob',
        { idempotencyKey: nextKey('done'), requestId, providerUserId: p.user.id },
        p.user,
        { now: later },
      );
      expect(out.status).toBe('completed');
    });

    it('same key → same outcome (counted once); another tap → already_completed', async () => {
      const { p, requestId } = await acceptedJob();
      const key = nextKey('done');
      const before = await counterValue('serviceRequestsCompleted', { service: 'electrician' });
      const first = await complete(requestId, p, key);
      expect(await complete(requestId, p, key)).toEqual(first);
      expect(await complete(requestId, p)).toEqual({ status: 'already_completed', requestId });
      expect(await counterValue('serviceRequestsCompleted', { service: 'electrician' })).toBe(
        before + 1,
      );
    });

    it('not_allowed for another provider, a job not accepted, or an unknown request', async () => {
      const { p, requestId } = await acceptedJob();
      const other = await makeProvider(knex, { services: [svc.id], at: near(0.4) });
      expect(await complete(requestId, other)).toEqual({ status: 'not_allowed', requestId });
      expect(await complete(requestId, { user: customer } as TestProvider)).toEqual({
        status: 'not_allowed',
        requestId,
      });
      expect(await complete(7777777, p)).toEqual({ status: 'not_allowed', requestId: 7777777 });
      await run(
        'cancelRequest',
        { requestId, customerUserId: customer.id, reason: { code: 'not_needed', note: null } },
        customer,
      );
      expect(await complete(requestId, p)).toEqual({ status: 'not_allowed', requestId });
    });
  });

  describe('dropJob', () => {
    it('gives the job back: searching again, the provider free and never offered it again; the next provider gets it', async () => {
      const { p, requestId } = await acceptedJob();
      const other = await makeProvider(knex, { services: [svc.id], at: near(0.4) });
      const drop = (who: TestProvider, key = nextKey('drop')) =>
        run('dropJob', { idempotencyKey: key, requestId, providerUserId: who.user.id }, who.user);
      // Only the provider who has it can give it back.
      expect(await drop(other)).toEqual({ status: 'not_allowed', requestId });
      const key = nextKey('drop');
      const before = await counterValue('jobsDropped', { service: 'electrician' });
      const out = await drop(p, key);
      expect(out).toEqual({
        status: 'dropped',
        requestId,
        serviceName: { es: 'Servicio electrician', en: 'Service electrician' },
        providerName: p.provider.displayName,
        customer: { conversationKey: `wa:${customer.waId}` },
      });
      // Same key, same outcome, counted once.
      expect(await drop(p, key)).toEqual(out);
      expect(await counterValue('jobsDropped', { service: 'electrician' })).toBe(before + 1);
      expect(await knex('service_requests').where({ id: requestId }).first()).toMatchObject({
        status: 'searching',
        provider_id: null,
        accepted_at: null,
        chosen_provider_id: null,
      });
      expect(
        (await knex('providers').where({ id: p.provider.id }).first()).current_request_id,
      ).toBeNull();
      expect(await drop(p)).toEqual({ status: 'not_allowed', requestId });
      // Offered again, never back to the one who gave it up: free and in range, their cancelled
      // offer keeps them out of this request.
      const next = await run(
        'offerRequest',
        { idempotencyKey: nextKey('o'), requestId, maxOffers: 5 },
        customer,
      );
      if (next.status !== 'offered') throw new Error(`not offered: ${JSON.stringify(next)}`);
      expect(next.provider.userId).not.toBe(p.user.id);
      expect(
        await knex('offers').where({ request_id: requestId, provider_id: p.provider.id }),
      ).toEqual([expect.objectContaining({ status: 'cancelled' })]);
    });

    it('a job finished meanwhile is already_done', async () => {
      const { p, requestId } = await acceptedJob();
      await complete(requestId, p);
      expect(
        await run(
          'dropJob',
          { idempotencyKey: nextKey('drop'), requestId, providerUserId: p.user.id },
          p.user,
        ),
      ).toEqual({ status: 'already_done', requestId });
    });
  });

  describe('rateJob', () => {
    const rate = (
      requestId: number,
      stars: number,
      extra: { comment?: string; key?: string; who?: User } = {},
    ) =>
      run(
        'rateJob',
        {
          idempotencyKey: extra.key ?? nextKey('rate'),
          requestId,
          customerUserId: (extra.who ?? customer).id,
          stars,
          ...(extra.comment !== undefined ? { comment: extra.comment } : {}),
        },
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
        changed: false,
        provider: {
          conversationKey: `wa:${p.user.waId}`,
          name: p.provider.displayName,
          ratingAvg: 4,
          ratingCount: 1,
        },
      });
      const second = await rate(requestId, 4, { comment: 'Muy puntual' });
      expect(second).toMatchObject({
        status: 'saved',
        first: false,
        provider: { ratingAvg: 4, ratingCount: 1 },
      });
      const rows = await knex('ratings').where({ request_id: requestId });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        stars: 4,
        comment: 'Muy puntual',
        provider_id: p.provider.id,
        customer_id: customer.id,
      });
      expect(
        await knex('providers')
          .select('rating_sum', 'rating_count')
          .where({ id: p.provider.id })
          .first(),
      ).toEqual({ rating_sum: 4, rating_count: 1 });
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
      expect(changed).toMatchObject({
        first: false,
        changed: true,
        stars: 2,
        provider: { ratingAvg: 3.3, ratingCount: 3 },
      });
      expect(
        await knex('providers')
          .select('rating_sum', 'rating_count')
          .where({ id: p.provider.id })
          .first(),
      ).toEqual({ rating_sum: 10, rating_count: 3 });
    });

    it('after 15 minutes the stars are locked (nothing moves); a first comment to the same stars is still kept', async () => {
      const { p, requestId } = await doneJob();
      const t0 = Date.now();
      const rateAt = (stars: number, at: number, comment?: string) =>
        run(
          'rateJob',
          {
            idempotencyKey: nextKey('rate'),
            requestId,
            customerUserId: customer.id,
            stars,
            ...(comment !== undefined ? { comment } : {}),
          },
          customer,
          { now: at },
        );
      expect(await rateAt(5, t0)).toMatchObject({ status: 'saved', first: true });
      expect(await rateAt(3, t0 + RATING_EDIT_WINDOW_MS - 1000)).toMatchObject({
        status: 'saved',
        changed: true,
        stars: 3,
      });
      expect(await rateAt(1, t0 + RATING_EDIT_WINDOW_MS + 1000)).toEqual({
        status: 'locked',
        requestId,
      });
      expect(
        await rateAt(3, t0 + 2 * RATING_EDIT_WINDOW_MS, 'Tardó pero quedó bien'),
      ).toMatchObject({ status: 'saved', changed: false });
      expect(await rateAt(3, t0 + 3 * RATING_EDIT_WINDOW_MS, 'Otro comentario')).toEqual({
        status: 'locked',
        requestId,
      });
      const row = await knex('ratings').where({ request_id: requestId }).first();
      expect(row).toMatchObject({ stars: 3, comment: 'Tardó pero quedó bien' });
      expect(
        await knex('providers')
          .select('rating_sum', 'rating_count')
          .where({ id: p.provider.id })
          .first(),
      ).toEqual({ rating_sum: 3, rating_count: 1 });
    });

    it('same key twice → same outcome (first:true both times), rating counted once', async () => {
      const { p, requestId } = await doneJob();
      const key = nextKey('rate');
      const first = await rate(requestId, 5, { key });
      expect(await rate(requestId, 5, { key })).toEqual(first);
      expect(first).toMatchObject({ first: true });
      expect(
        await knex('providers')
          .select('rating_sum', 'rating_count')
          .where({ id: p.provider.id })
          .first(),
      ).toEqual({ rating_sum: 5, rating_count: 1 });
    });

    it('eight different ratings of one job at once: one rating row, the aggregate counts it once', async () => {
      const { p, requestId } = await doneJob();
      const outs = await Promise.all(
        [1, 2, 3, 4, 5, 4, 3, 2].map((stars) => rate(requestId, stars)),
      );
      expect(outs.filter((o) => o.status === 'saved' && o.first)).toHaveLength(1);
      const rows = await knex('ratings').where({ request_id: requestId });
      expect(rows).toHaveLength(1);
      expect(
        await knex('providers')
          .select('rating_sum', 'rating_count')
          .where({ id: p.provider.id })
          .first(),
      ).toEqual({ rating_sum: rows[0].stars, rating_count: 1 });
    });

    it('not_allowed: not done yet, someone else’s request, bad stars, unknown request', async () => {
      const { requestId } = await acceptedJob();
      expect(await rate(requestId, 5)).toEqual({ status: 'not_allowed', requestId });
      const done = await doneJob();
      const other = await makeUser(knex, 'Intrusa');
      expect(await rate(done.requestId, 5, { who: other })).toEqual({
        status: 'not_allowed',
        requestId: done.requestId,
      });
      expect(await rate(done.requestId, 6)).toEqual({
        status: 'not_allowed',
        requestId: done.requestId,
      });
      expect(await rate(done.requestId, 0)).toEqual({
        status: 'not_allowed',
        requestId: done.requestId,
      });
      expect(await rate(5555555, 5)).toEqual({ status: 'not_allowed', requestId: 5555555 });
      expect(await knex('ratings').where({ request_id: done.requestId })).toHaveLength(0);
    });
  });

  describe('reopenJob / ratingStatus', () => {
    const reopen = (requestId: number, over: { now?: number; who?: User; key?: string } = {}) =>
      run(
        'reopenJob',
        {
          idempotencyKey: over.key ?? nextKey('reopen'),
          requestId,
          customerUserId: (over.who ?? customer).id,
        },
        over.who ?? customer,
        over.now === undefined ? {} : { now: over.now },
      );

    it('"aún no": the job is accepted again and the provider busy with it; done again later works', async () => {
      const { p, requestId } = await acceptedJob();
      await complete(requestId, p);
      const key = nextKey('reopen');
      const out = await reopen(requestId, { key });
      expect(out).toEqual({
        status: 'reopened',
        requestId,
        serviceName: { es: 'Servicio electrician', en: 'Service electrician' },
        provider: { conversationKey: `wa:${p.user.waId}`, name: p.provider.displayName },
      });
      expect(await reopen(requestId, { key })).toEqual(out);
      const row = await knex('service_requests').where({ id: requestId }).first();
      expect(row).toMatchObject({ status: 'accepted', completed_at: null });
      expect(
        (await knex('providers').where({ id: p.provider.id }).first()).current_request_id,
      ).toBe(requestId);
      expect(await complete(requestId, p)).toMatchObject({ status: 'completed' });
      expect(
        await run('ratingStatus', { requestId, customerUserId: customer.id }, customer),
      ).toEqual({
        requestId,
        done: true,
        rated: false,
        providerName: p.provider.displayName,
        serviceName: { es: 'Servicio electrician', en: 'Service electrician' },
      });
    });

    it(`a job goes back to its provider at most ${MAX_REOPENS} times`, async () => {
      const { p, requestId } = await acceptedJob();
      for (let i = 0; i < MAX_REOPENS; i++) {
        await complete(requestId, p);
        expect(await reopen(requestId)).toMatchObject({ status: 'reopened' });
      }
      await complete(requestId, p);
      expect(await reopen(requestId)).toEqual({ status: 'not_allowed', requestId });
      expect((await knex('service_requests').where({ id: requestId }).first()).status).toBe('done');
      expect(
        (await knex('providers').where({ id: p.provider.id }).first()).current_request_id,
      ).toBeNull();
    });

    it('not_allowed: someone else, rated already, older than 48 h, or the provider already on another job', async () => {
      const a = await acceptedJob();
      await complete(a.requestId, a.p);
      const other = await makeUser(knex, 'Intrusa');
      expect(await reopen(a.requestId, { who: other })).toEqual({
        status: 'not_allowed',
        requestId: a.requestId,
      });
      expect(await reopen(a.requestId, { now: Date.now() + 49 * 3600_000 })).toEqual({
        status: 'not_allowed',
        requestId: a.requestId,
      });
      await run(
        'rateJob',
        {
          idempotencyKey: nextKey('r'),
          requestId: a.requestId,
          customerUserId: customer.id,
          stars: 4,
        },
        customer,
      );
      expect(await reopen(a.requestId)).toEqual({ status: 'not_allowed', requestId: a.requestId });
      expect(
        await run(
          'ratingStatus',
          { requestId: a.requestId, customerUserId: customer.id },
          customer,
        ),
      ).toMatchObject({ done: true, rated: true });
      expect(
        await run('ratingStatus', { requestId: a.requestId, customerUserId: other.id }, other),
      ).toMatchObject({ done: false, rated: false, providerName: null });

      const b = await acceptedJob();
      await complete(b.requestId, b.p);
      await acceptedJob(b.p); // the provider took the next job meanwhile
      expect(await reopen(b.requestId)).toEqual({ status: 'not_allowed', requestId: b.requestId });
      expect((await knex('service_requests').where({ id: b.requestId }).first()).status).toBe(
        'done',
      );
    });
  });

  describe('registerProvider / setProviderOnline / getProviderStats', () => {
    const register = (
      user: User,
      key = nextKey('reg'),
      name = 'Taller Ruiz',
      services = [svc.id],
    ) =>
      run(
        'registerProvider',
        {
          idempotencyKey: key,
          userId: user.id,
          displayName: name,
          serviceTypeIds: services,
          lat: near(1).lat,
          lng: near(1).lng,
          radiusKm: 8,
        },
        user,
      );

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
      expect(row).toMatchObject({
        display_name: 'Taller Ruiz',
        status: 'pending',
        online: false,
        radius_km: 8,
      });
      const services = await knex('provider_services')
        .where({ provider_id: row.id })
        .pluck('service_type_id');
      expect(services).toEqual([svc.id]);
    });

    it('an existing provider is left as is (created:false with the current status); a rejected one may register again', async () => {
      const user = await makeUser(knex, 'Nora');
      await register(user, nextKey('reg'), 'Nora Plomería');
      await knex('providers').update({ status: 'approved' }).where({ user_id: user.id });
      expect(await register(user, nextKey('reg'), 'Otro nombre')).toEqual({
        status: 'approved',
        created: false,
      });
      expect((await knex('providers').where({ user_id: user.id }).first()).display_name).toBe(
        'Nora Plomería',
      );

      await knex('providers').update({ status: 'rejected' }).where({ user_id: user.id });
      expect(await register(user, nextKey('reg'), 'Nora 2')).toEqual({
        status: 'pending',
        created: true,
      });
      expect(await knex('providers').where({ user_id: user.id })).toMatchObject([
        { status: 'pending', display_name: 'Nora 2' },
      ]);
    });

    it('only approved providers go online; anyone registered can go offline', async () => {
      const user = await makeUser(knex, 'Iván');
      const online = (u: User, on: boolean) =>
        run('setProviderOnline', { providerUserId: u.id, online: on }, u);
      expect(await online(user, true)).toEqual({ status: 'not_approved', providerStatus: null });
      await register(user);
      expect(await online(user, true)).toEqual({
        status: 'not_approved',
        providerStatus: 'pending',
      });
      expect(await online(user, false)).toEqual({ status: 'ok', online: false, withdrawn: [] });
      await knex('providers').update({ status: 'approved' }).where({ user_id: user.id });
      expect(await online(user, true)).toEqual({ status: 'ok', online: true, withdrawn: [] });
      expect(await online(user, true)).toEqual({ status: 'ok', online: true, withdrawn: [] });
      expect(
        (await knex('providers').where({ user_id: user.id }).first()).last_online_at,
      ).not.toBeNull();
      expect(await online(user, false)).toEqual({ status: 'ok', online: false, withdrawn: [] });
    });

    it('going offline withdraws a pending offer at once (request searching again, its expiry already reported) and names the customer; a re-run returns the same', async () => {
      const p = await makeProvider(knex, { services: [svc.id], at: near(0.25) });
      const { requestId } = await run(
        'createRequest',
        {
          idempotencyKey: nextKey('req'),
          customerUserId: customer.id,
          serviceTypeId: svc.id,
          lat: near(0).lat,
          lng: near(0).lng,
          address: null,
        },
        customer,
      );
      const o = await run(
        'offerRequest',
        {
          idempotencyKey: nextKey('o'),
          requestId,
          maxOffers: 3,
          preferredProviderUserId: p.user.id,
        },
        customer,
      );
      if (o.status !== 'offered') throw new Error('no offer');
      const commandId = nextKey('off');
      const out = await run(
        'setProviderOnline',
        { providerUserId: p.user.id, online: false },
        p.user,
        { commandId },
      );
      expect(out).toEqual({
        status: 'ok',
        online: false,
        withdrawn: [
          {
            offerId: o.offerId,
            requestId,
            providerName: p.provider.displayName,
            customer: { conversationKey: `wa:${customer.waId}` },
          },
        ],
      });
      expect(
        await run('setProviderOnline', { providerUserId: p.user.id, online: false }, p.user, {
          commandId,
        }),
      ).toEqual(out);
      expect((await knex('offers').where({ id: o.offerId }).first()).status).toBe('cancelled');
      expect((await knex('service_requests').where({ id: requestId }).first()).status).toBe(
        'searching',
      );
      // The customer's offer timer, if it still fires, does not move the request on a second time.
      expect(await run('expireOffer', { offerId: o.offerId }, customer)).toMatchObject({
        status: 'not_pending',
      });
    });

    it('visit fee: set at registration (0–10,000 pesos, else "to be agreed"), changed later', async () => {
      const user = await makeUser(knex, 'Tere');
      await run(
        'registerProvider',
        {
          idempotencyKey: nextKey('reg'),
          userId: user.id,
          displayName: 'Tere Luz',
          serviceTypeIds: [svc.id],
          lat: near(1).lat,
          lng: near(1).lng,
          radiusKm: 5,
          visitFee: 350,
        },
        user,
      );
      const fee = async () =>
        (await knex('providers').where({ user_id: user.id }).first()).visit_fee as number | null;
      expect(await fee()).toBe(350);
      expect(await run('setVisitFee', { providerUserId: user.id, visitFee: 0 }, user)).toEqual({
        status: 'ok',
        visitFee: 0,
      });
      expect(await fee()).toBe(0);
      expect(await run('setVisitFee', { providerUserId: user.id, visitFee: 10_001 }, user)).toEqual(
        { status: 'ok', visitFee: null },
      );
      expect(await fee()).toBeNull();
      expect(await run('setVisitFee', { providerUserId: user.id, visitFee: 1200 }, user)).toEqual({
        status: 'ok',
        visitFee: 1200,
      });
      expect(
        await run('setVisitFee', { providerUserId: customer.id, visitFee: 100 }, customer),
      ).toEqual({ status: 'not_provider' });
      // The database refuses anything outside the range, whoever writes it.
      await expect(
        knex('providers').update({ visit_fee: -1 }).where({ user_id: user.id }),
      ).rejects.toThrow(/providers_visit_fee_check/);
    });

    it('getProviderStats: numbers for a provider, not_provider otherwise', async () => {
      const { p, requestId } = await acceptedJob();
      await complete(requestId, p);
      await run(
        'rateJob',
        { idempotencyKey: nextKey('r'), requestId, customerUserId: customer.id, stars: 5 },
        customer,
      );
      expect(await run('getProviderStats', { providerUserId: p.user.id }, p.user)).toEqual({
        status: 'ok',
        stats: {
          status: 'approved',
          online: true,
          name: p.provider.displayName,
          ratingAvg: 5,
          ratingCount: 1,
          jobsDone: 1,
        },
        profile: {
          services: [
            {
              id: svc.id,
              code: 'electrician',
              name: { es: 'Servicio electrician', en: 'Service electrician' },
            },
          ],
          lat: p.provider.lat,
          lng: p.provider.lng,
          area: expect.any(String),
          radiusKm: p.provider.radiusKm,
          visitFee: null,
        },
        // The rating has no comment: nothing to show.
        comments: [],
      });
      expect(await run('getProviderStats', { providerUserId: customer.id }, customer)).toEqual({
        status: 'not_provider',
      });
    });
  });
});
