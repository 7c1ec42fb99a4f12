/** createRequest / cancelRequest / retryRequest / listMyRequests against real Postgres. */
import type { Knex } from 'knex';
import type { Operations } from '../../../src/conversation/operations';
import type { User } from '../../../src/db/users';
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

describe('operations: requests', () => {
  let db: TestDb;
  let knex: Knex;
  let run: ReturnType<typeof runner>;
  let customer: User;
  let svc: { id: number; code: string };
  let provider: TestProvider;

  beforeAll(async () => {
    db = await createTestDb();
    knex = db.knex;
    run = runner(handlersFor(knex));
    customer = await makeUser(knex, 'Marta');
    svc = await makeServiceType(knex, 'locksmith');
    provider = await makeProvider(knex, { services: [svc.id], at: near(0.3) });
  });
  afterAll(async () => {
    await db.destroy();
  });

  const create = (key = nextKey('req'), who = customer) =>
    run(
      'createRequest',
      {
        idempotencyKey: key,
        customerUserId: who.id,
        serviceTypeId: svc.id,
        lat: near(0).lat,
        lng: near(0).lng,
        address: 'Calle Durango 20',
      },
      who,
    );
  const offer = (requestId: number) =>
    run('offerRequest', { idempotencyKey: nextKey('o'), requestId, maxOffers: 3 }, customer);
  const cancel = (requestId: number, who = customer, commandId?: string) =>
    run(
      'cancelRequest',
      { requestId, customerUserId: who.id },
      who,
      commandId ? { commandId } : {},
    );
  const statusOf = async (id: number) =>
    (await knex('service_requests').where({ id }).first()).status as string;

  /** Make sure no earlier test's job keeps the provider busy or offered. */
  async function freeProvider() {
    await knex('offers')
      .update({ status: 'cancelled' })
      .where({ provider_id: provider.provider.id, status: 'offered' });
    await knex('providers')
      .update({ current_request_id: null })
      .where({ id: provider.provider.id });
  }

  describe('createRequest', () => {
    it('creates a searching request and counts it by service code', async () => {
      const before = await counterValue('serviceRequestsCreated', { service: 'locksmith' });
      const out = await create();
      expect(out).toEqual({
        requestId: expect.any(Number),
        created: true,
        serviceName: { es: 'Servicio locksmith', en: 'Service locksmith' },
      });
      const row = await knex('service_requests').where({ id: out.requestId }).first();
      expect(row).toMatchObject({
        customer_id: customer.id,
        service_type_id: svc.id,
        status: 'searching',
        address: 'Calle Durango 20',
      });
      expect(await counterValue('serviceRequestsCreated', { service: 'locksmith' })).toBe(
        before + 1,
      );
    });

    it('is idempotent by key: the repeat returns the same request with created:false, one row, counted once', async () => {
      const key = nextKey('req');
      const before = await counterValue('serviceRequestsCreated', { service: 'locksmith' });
      const first = await create(key);
      const again = await create(key);
      expect(again).toEqual({ ...first, created: false });
      expect(await knex('service_requests').where({ idempotency_key: key })).toHaveLength(1);
      expect(await counterValue('serviceRequestsCreated', { service: 'locksmith' })).toBe(
        before + 1,
      );
    });
  });

  describe('an urgent request', () => {
    it('is stored so, and its offer says so (a calm one does not)', async () => {
      await freeProvider();
      const { requestId } = await run(
        'createRequest',
        {
          idempotencyKey: nextKey('req'),
          customerUserId: customer.id,
          serviceTypeId: svc.id,
          lat: near(0).lat,
          lng: near(0).lng,
          address: null,
          urgent: true,
        },
        customer,
      );
      expect((await knex('service_requests').where({ id: requestId }).first()).urgent).toBe(true);
      expect(await offer(requestId)).toMatchObject({ status: 'offered', urgent: true });
      await freeProvider();
      const calm = await create();
      expect((await knex('service_requests').where({ id: calm.requestId }).first()).urgent).toBe(
        false,
      );
      expect(await offer(calm.requestId)).not.toHaveProperty('urgent');
      await freeProvider();
    });
  });

  describe('cancelRequest', () => {
    it('cancels a searching request nobody was offered: nobody to tell', async () => {
      const { requestId } = await create();
      expect(await cancel(requestId)).toEqual({
        status: 'cancelled',
        requestId,
        serviceName: { es: 'Servicio locksmith', en: 'Service locksmith' },
        provider: null,
        reason: null,
      });
      expect(await statusOf(requestId)).toBe('cancelled');
    });

    it('withdraws a pending offer and names its holder with the offer id', async () => {
      await freeProvider();
      const { requestId } = await create();
      const o = await offer(requestId);
      if (o.status !== 'offered') throw new Error('no offer');
      const out = await cancel(requestId);
      expect(out).toMatchObject({
        status: 'cancelled',
        provider: { conversationKey: `wa:${provider.user.waId}`, offerId: o.offerId },
      });
      expect((await knex('offers').where({ id: o.offerId }).first()).status).toBe('cancelled');
    });

    it('an accepted job is only cancelled with a reason: first `confirm` (nothing changes), then cancelled, the reason stored and returned, the provider told and freed', async () => {
      await freeProvider();
      const { requestId } = await create();
      const o = await offer(requestId);
      if (o.status !== 'offered') throw new Error('no offer');
      const accepted = await run(
        'answerOffer',
        {
          idempotencyKey: nextKey('t'),
          offerId: o.offerId,
          providerUserId: provider.user.id,
          accept: true,
        },
        provider.user,
      );
      expect(accepted.status).toBe('accepted');
      expect(await cancel(requestId)).toEqual({
        status: 'confirm',
        requestId,
        serviceName: { es: 'Servicio locksmith', en: 'Service locksmith' },
        providerName: provider.provider.displayName,
      });
      expect(await statusOf(requestId)).toBe('accepted');
      expect(
        (await knex('providers').where({ id: provider.provider.id }).first()).current_request_id,
      ).toBe(requestId);

      const out = await run(
        'cancelRequest',
        {
          requestId,
          customerUserId: customer.id,
          reason: { code: 'other', note: '  Llegó otro cerrajero antes  ' },
        },
        customer,
      );
      expect(out).toMatchObject({
        status: 'cancelled',
        requestId,
        provider: { conversationKey: `wa:${provider.user.waId}`, offerId: null },
        reason: { code: 'other', note: 'Llegó otro cerrajero antes' },
      });
      expect(await knex('service_requests').where({ id: requestId }).first()).toMatchObject({
        status: 'cancelled',
        cancel_reason: 'other',
        cancel_note: 'Llegó otro cerrajero antes',
      });
      expect(
        (await knex('providers').where({ id: provider.provider.id }).first()).current_request_id,
      ).toBeNull();
    });

    it('a listed reason keeps no note', async () => {
      await freeProvider();
      const { requestId } = await create();
      const o = await offer(requestId);
      if (o.status !== 'offered') throw new Error('no offer');
      await run(
        'answerOffer',
        {
          idempotencyKey: nextKey('t'),
          offerId: o.offerId,
          providerUserId: provider.user.id,
          accept: true,
        },
        provider.user,
      );
      const out = await run(
        'cancelRequest',
        { requestId, customerUserId: customer.id, reason: { code: 'too_slow', note: 'ignored' } },
        customer,
      );
      expect(out).toMatchObject({ status: 'cancelled', reason: { code: 'too_slow', note: null } });
      expect(await knex('service_requests').where({ id: requestId }).first()).toMatchObject({
        cancel_reason: 'too_slow',
        cancel_note: null,
      });
    });

    it('not_cancellable once done or already cancelled (with the current status); not_found for others', async () => {
      const { requestId } = await create();
      await cancel(requestId);
      expect(await cancel(requestId)).toEqual({
        status: 'not_cancellable',
        requestId,
        current: 'cancelled',
      });
      const other = await makeUser(knex, 'Otro');
      const mine = await create();
      expect(await cancel(mine.requestId, other)).toEqual({
        status: 'not_found',
        requestId: mine.requestId,
      });
      expect(await cancel(424242)).toEqual({ status: 'not_found', requestId: 424242 });

      const nobody = await create();
      await knex('service_requests')
        .update({ status: 'no_providers' })
        .where({ id: nobody.requestId });
      expect(await cancel(nobody.requestId)).toEqual({
        status: 'not_cancellable',
        requestId: nobody.requestId,
        current: 'no_providers',
      });
    });

    it('a re-run of the same command returns the first outcome (so the provider is still told)', async () => {
      await freeProvider();
      const { requestId } = await create();
      await offer(requestId);
      const commandId = nextKey('cmd');
      const first = await cancel(requestId, customer, commandId);
      const again = await cancel(requestId, customer, commandId);
      expect(first.status).toBe('cancelled');
      expect(again).toEqual(first);
    });
  });

  describe('retryRequest', () => {
    const retry = (requestId: number, key = nextKey('retry'), who = customer) =>
      run('retryRequest', { idempotencyKey: key, requestId, customerUserId: who.id }, who);

    it('copies a no_providers request into a new searching one, once per key', async () => {
      const { requestId } = await create();
      await knex('service_requests').update({ status: 'no_providers' }).where({ id: requestId });
      const key = nextKey('retry');
      const before = await counterValue('serviceRequestsCreated', { service: 'locksmith' });
      const out = await retry(requestId, key);
      expect(out).toEqual({
        status: 'created',
        requestId: expect.any(Number),
        serviceName: { es: 'Servicio locksmith', en: 'Service locksmith' },
      });
      if (out.status !== 'created') throw new Error('not created');
      expect(out.requestId).not.toBe(requestId);
      const copy = await knex('service_requests').where({ id: out.requestId }).first();
      const source = await knex('service_requests').where({ id: requestId }).first();
      expect(copy).toMatchObject({
        status: 'searching',
        customer_id: customer.id,
        service_type_id: source.service_type_id,
        lat: source.lat,
        lng: source.lng,
        address: source.address,
        original_request_id: requestId,
      });
      expect(await retry(requestId, key)).toEqual(out);
      expect(
        await knex('service_requests')
          .where({ customer_id: customer.id, lat: source.lat })
          .where('id', '>', requestId),
      ).toHaveLength(1);
      expect(await counterValue('serviceRequestsCreated', { service: 'locksmith' })).toBe(
        before + 1,
      );
    });

    it('nobody who declined or let an earlier try expire is offered the retry (the chain is followed)', async () => {
      await freeProvider();
      const second = await makeProvider(knex, { services: [svc.id], at: near(0.6) });
      const { requestId } = await create();
      // The first one offered lets it expire, the other declines: nobody left.
      const o1 = await offer(requestId);
      if (o1.status !== 'offered') throw new Error(`unexpected ${JSON.stringify(o1)}`);
      await run('expireOffer', { offerId: o1.offerId }, customer);
      const o2 = await offer(requestId);
      if (o2.status !== 'offered') throw new Error(`unexpected ${JSON.stringify(o2)}`);
      expect(new Set([o1.provider.userId, o2.provider.userId])).toEqual(
        new Set([provider.user.id, second.user.id]),
      );
      const decliner = o2.provider.userId === second.user.id ? second.user : provider.user;
      await run(
        'answerOffer',
        {
          idempotencyKey: nextKey('t'),
          offerId: o2.offerId,
          providerUserId: decliner.id,
          accept: false,
        },
        decliner,
      );
      expect(await offer(requestId)).toMatchObject({ status: 'none', reason: 'no_candidates' });

      const retried = await retry(requestId);
      if (retried.status !== 'created') throw new Error('not created');
      expect(await offer(retried.requestId)).toMatchObject({
        status: 'none',
        reason: 'no_candidates',
      });
      // A retry of the retry still remembers the first request.
      const again = await retry(retried.requestId);
      if (again.status !== 'created') throw new Error('not created');
      expect(
        (await knex('service_requests').where({ id: again.requestId }).first()).original_request_id,
      ).toBe(requestId);
      // Someone new nearby is offered it.
      const fresh = await makeProvider(knex, { services: [svc.id], at: near(0.7) });
      expect(await offer(again.requestId)).toMatchObject({
        status: 'offered',
        provider: { userId: fresh.user.id },
      });
      await knex('providers')
        .update({ online: false })
        .whereIn('id', [second.provider.id, fresh.provider.id]);
    });

    it('not_allowed for an open request, someone else’s, or an unknown one', async () => {
      const { requestId } = await create();
      expect(await retry(requestId)).toEqual({ status: 'not_allowed', requestId });
      await knex('service_requests').update({ status: 'no_providers' }).where({ id: requestId });
      const other = await makeUser(knex, 'Otra');
      expect(await retry(requestId, nextKey('r'), other)).toEqual({
        status: 'not_allowed',
        requestId,
      });
      expect(await retry(999999)).toEqual({ status: 'not_allowed', requestId: 999999 });
    });
  });

  describe('listMyRequests', () => {
    it('newest first, limited, with statuses and the accepted provider’s name and phone', async () => {
      const who = await makeUser(knex, 'Historia');
      await freeProvider();
      const a = await create(nextKey('a'), who);
      const b = await create(nextKey('b'), who);
      const c = await create(nextKey('c'), who);
      await knex('service_requests')
        .update({ created_at: knex.raw("now() - interval '2 hours'") })
        .where({ id: a.requestId });
      await knex('service_requests')
        .update({ created_at: knex.raw("now() - interval '1 hour'") })
        .where({ id: b.requestId });
      await knex('service_requests')
        .update({ status: 'done', provider_id: provider.provider.id })
        .where({ id: b.requestId });
      await knex('service_requests').update({ status: 'no_providers' }).where({ id: a.requestId });

      const out = await run('listMyRequests', { customerUserId: who.id, limit: 10 }, who);
      const summary = (r: Operations['listMyRequests']['output']['requests'][number]) => [
        r.requestId,
        r.status,
        r.providerName,
        r.providerPhone,
      ];
      expect(out.requests.map(summary)).toEqual([
        [c.requestId, 'searching', null, null],
        [b.requestId, 'done', provider.provider.displayName, `52${provider.user.waId!.slice(3)}`],
        [a.requestId, 'no_providers', null, null],
      ]);
      expect(out.requests[0]).toMatchObject({
        serviceName: { es: 'Servicio locksmith', en: 'Service locksmith' },
        createdAt: expect.any(Number),
      });
      expect(
        (await run('listMyRequests', { customerUserId: who.id, limit: 2 }, who)).requests,
      ).toHaveLength(2);
      expect(
        (await run('listMyRequests', { customerUserId: provider.user.id, limit: 5 }, provider.user))
          .requests,
      ).toEqual([]);
    });

    it('names the provider holding the open offer, and nobody once it is answered or gone', async () => {
      const who = await makeUser(knex, 'Esperando');
      await freeProvider();
      const { requestId } = await create(nextKey('w'), who);
      const before = await run('listMyRequests', { customerUserId: who.id, limit: 5 }, who);
      expect(before.requests[0]).toMatchObject({ requestId, offeredTo: null });

      const o = await offer(requestId);
      if (o.status !== 'offered') throw new Error('no offer');
      const waiting = await run('listMyRequests', { customerUserId: who.id, limit: 5 }, who);
      expect(waiting.requests[0]).toMatchObject({
        requestId,
        status: 'offered',
        offeredTo: provider.provider.displayName,
      });

      await freeProvider();
      const after = await run('listMyRequests', { customerUserId: who.id, limit: 5 }, who);
      expect(after.requests[0]).toMatchObject({ requestId, offeredTo: null });
    });
  });
});
