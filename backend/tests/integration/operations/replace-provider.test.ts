/**
 * replaceProvider against real Postgres: the customer wants someone else. A pending offer is
 * withdrawn, an accepted job goes back to searching with its provider freed; the next offer goes
 * to someone who never had the request; only the customer's own open request can be changed.
 */
import type { Knex } from 'knex';
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

describe('operations: replaceProvider', () => {
  let db: TestDb;
  let knex: Knex;
  let run: ReturnType<typeof runner>;
  let customer: User;
  let svc: { id: number; code: string };
  let first: TestProvider;
  let second: TestProvider;

  beforeAll(async () => {
    db = await createTestDb();
    knex = db.knex;
    run = runner(handlersFor(knex));
    customer = await makeUser(knex, 'Lupita');
    svc = await makeServiceType(knex, 'plumber');
    first = await makeProvider(knex, { services: [svc.id], at: near(0.2) });
    second = await makeProvider(knex, { services: [svc.id], at: near(0.5) });
  });
  afterAll(async () => {
    await db.destroy();
  });

  /** Nobody is busy or offered from an earlier test. */
  beforeEach(async () => {
    await knex('offers').update({ status: 'cancelled' }).whereIn('status', ['offered', 'accepted']);
    await knex('service_requests')
      .update({ status: 'cancelled' })
      .whereIn('status', ['searching', 'offered', 'accepted']);
    await knex('providers').update({ current_request_id: null });
  });

  async function offeredTo(p: TestProvider): Promise<{ requestId: number; offerId: number }> {
    const { requestId } = await run(
      'createRequest',
      {
        idempotencyKey: nextKey('req'),
        customerUserId: customer.id,
        serviceTypeId: svc.id,
        lat: near(0).lat,
        lng: near(0).lng,
        address: 'Calle Durango 200',
      },
      customer,
    );
    const o = await run(
      'offerRequest',
      {
        idempotencyKey: nextKey('o'),
        requestId,
        maxOffers: 5,
        preferredProviderUserId: p.user.id,
      },
      customer,
    );
    if (o.status !== 'offered' || o.provider.userId !== p.user.id)
      throw new Error(`offer went elsewhere: ${JSON.stringify(o)}`);
    return { requestId, offerId: o.offerId };
  }

  const replace = (requestId: number, key = nextKey('replace'), who: User = customer) =>
    run('replaceProvider', { idempotencyKey: key, requestId, customerUserId: who.id }, who);
  const next = (requestId: number) =>
    run('offerRequest', { idempotencyKey: nextKey('o'), requestId, maxOffers: 5 }, customer);

  it('a pending offer is withdrawn, the choice cleared; the next offer goes to someone else', async () => {
    const { requestId, offerId } = await offeredTo(first);
    const before = await counterValue('providersReplaced', {
      service: 'plumber',
      stage: 'offered',
    });
    const key = nextKey('replace');
    const out = await replace(requestId, key);
    expect(out).toEqual({
      status: 'replaced',
      requestId,
      serviceName: { es: 'Servicio plumber', en: 'Service plumber' },
      previous: {
        conversationKey: `wa:${first.user.waId}`,
        name: first.provider.displayName,
        offerId,
        wasAccepted: false,
      },
    });
    // Same key, same outcome, counted once.
    expect(await replace(requestId, key)).toEqual(out);
    expect(await counterValue('providersReplaced', { service: 'plumber', stage: 'offered' })).toBe(
      before + 1,
    );
    expect(await knex('offers').where({ id: offerId }).first()).toMatchObject({
      status: 'cancelled',
    });
    expect(await knex('service_requests').where({ id: requestId }).first()).toMatchObject({
      status: 'searching',
      chosen_provider_id: null,
    });
    // The first provider's late Accept finds nothing.
    const late = await run(
      'answerOffer',
      { idempotencyKey: nextKey('a'), offerId, providerUserId: first.user.id, accept: true },
      first.user,
    );
    expect(late.status).not.toBe('accepted');
    const again = await next(requestId);
    if (again.status !== 'offered') throw new Error(`not offered: ${JSON.stringify(again)}`);
    expect(again.provider.userId).toBe(second.user.id);
  });

  it('an accepted job goes back to searching and its provider is free for other work', async () => {
    const { requestId, offerId } = await offeredTo(first);
    const accepted = await run(
      'answerOffer',
      { idempotencyKey: nextKey('a'), offerId, providerUserId: first.user.id, accept: true },
      first.user,
    );
    expect(accepted.status).toBe('accepted');
    const out = await replace(requestId);
    expect(out).toMatchObject({
      status: 'replaced',
      previous: { offerId: null, wasAccepted: true, name: first.provider.displayName },
    });
    expect(await knex('service_requests').where({ id: requestId }).first()).toMatchObject({
      status: 'searching',
      provider_id: null,
      accepted_at: null,
    });
    expect(
      (await knex('providers').where({ id: first.provider.id }).first()).current_request_id,
    ).toBeNull();
    const again = await next(requestId);
    if (again.status !== 'offered') throw new Error(`not offered: ${JSON.stringify(again)}`);
    expect(again.provider.userId).toBe(second.user.id);
  });

  it("a finished or cancelled request is not_open; someone else's is not_found; nothing changes", async () => {
    const { requestId } = await offeredTo(first);
    await run('cancelRequest', { requestId, customerUserId: customer.id }, customer);
    expect(await replace(requestId)).toEqual({
      status: 'not_open',
      requestId,
      current: 'cancelled',
    });
    const { requestId: other } = await offeredTo(first);
    const stranger = await makeUser(knex, 'Otro Cliente');
    expect(await replace(other, nextKey('replace'), stranger)).toEqual({
      status: 'not_found',
      requestId: other,
    });
    expect(await knex('service_requests').where({ id: other }).first()).toMatchObject({
      status: 'offered',
    });
  });

  it('a request between offers (nobody holds it) just has its choice cleared', async () => {
    const { requestId, offerId } = await offeredTo(first);
    await run(
      'answerOffer',
      { idempotencyKey: nextKey('a'), offerId, providerUserId: first.user.id, accept: false },
      first.user,
    );
    expect(await replace(requestId)).toMatchObject({ status: 'replaced', previous: null });
    expect(await knex('service_requests').where({ id: requestId }).first()).toMatchObject({
      chosen_provider_id: null,
    });
    const again = await next(requestId);
    expect(again).toMatchObject({ status: 'offered', provider: { userId: second.user.id } });
  });
});
