/**
 * shareJobLocation against real Postgres: a pin sent while a provider has the job moves the job
 * (and the provider's job card) there; with nothing accepted it changes nothing.
 */
import type { Knex } from 'knex';
import type { User } from '../../../src/db/users';
import { createTestDb, type TestDb } from '../../helpers/db';
import {
  handlersFor,
  makeProvider,
  makeServiceType,
  makeUser,
  near,
  nextKey,
  runner,
  type TestProvider,
} from './fixtures';

describe('operations: shareJobLocation', () => {
  let db: TestDb;
  let knex: Knex;
  let run: ReturnType<typeof runner>;
  let customer: User;
  let svc: { id: number; code: string };
  let pro: TestProvider;

  beforeAll(async () => {
    db = await createTestDb();
    knex = db.knex;
    run = runner(handlersFor(knex));
    customer = await makeUser(knex, 'Rosa');
    svc = await makeServiceType(knex, 'plumber');
    pro = await makeProvider(knex, { services: [svc.id], at: near(0.2) });
  });
  afterAll(async () => {
    await db.destroy();
  });

  const pin = (lat: number, lng: number, label: string | null, key = nextKey('pin')) =>
    run(
      'shareJobLocation',
      { idempotencyKey: key, customerUserId: customer.id, lat, lng, label },
      customer,
    );

  it('with nothing accepted: none, nothing moved', async () => {
    expect(await pin(19.5, -99.2, null)).toEqual({ status: 'none' });
  });

  it('an accepted job moves to the pin; the provider is who to tell; the job card shows it', async () => {
    const { requestId } = await run(
      'createRequest',
      {
        idempotencyKey: nextKey('req'),
        customerUserId: customer.id,
        serviceTypeId: svc.id,
        lat: near(0).lat,
        lng: near(0).lng,
        address: 'Durango 200',
      },
      customer,
    );
    const o = await run(
      'offerRequest',
      { idempotencyKey: nextKey('o'), requestId, maxOffers: 3 },
      customer,
    );
    if (o.status !== 'offered') throw new Error('not offered');
    await run(
      'answerOffer',
      {
        idempotencyKey: nextKey('a'),
        offerId: o.offerId,
        providerUserId: pro.user.id,
        accept: true,
      },
      pro.user,
    );
    const to = { lat: near(0).lat + 0.001, lng: near(0).lng - 0.001 };
    // A pin without a label keeps the address said before.
    const key = nextKey('pin');
    const out = await pin(to.lat, to.lng, null, key);
    expect(out).toEqual({
      status: 'shared',
      requestId,
      serviceName: { es: 'Servicio plumber', en: 'Service plumber' },
      provider: { conversationKey: `wa:${pro.user.waId}`, name: pro.provider.displayName },
      customerName: 'Rosa',
      lat: to.lat,
      lng: to.lng,
      label: null,
    });
    expect(await pin(to.lat, to.lng, null, key)).toEqual(out);
    expect(await knex('service_requests').where({ id: requestId }).first()).toMatchObject({
      lat: to.lat,
      lng: to.lng,
      address: 'Durango 200',
    });
    // With a label, the label is the address now; the provider's card follows.
    await pin(to.lat, to.lng, 'Durango 200, interior 3');
    const jobs = await run('listMyJobs', { providerUserId: pro.user.id }, pro.user);
    expect(jobs.jobs[0]).toMatchObject({
      requestId,
      lat: to.lat,
      lng: to.lng,
      address: 'Durango 200, interior 3',
    });
  });
});
