/**
 * The service's main database path, as the running bot drives it: the conversation operations
 * of a full journey (a new customer and a provider, registration, approval, going online, search,
 * profile, request, offer, accept, jobs, media links, done, rating, lists, stats, waitlist, a
 * cancelled and an expired request), the message log writes, operation results, the admin
 * listings and audit, and the retention deletes. (`saveMedia` and `requestMediaMessages` need the
 * Cloud API and media storage; `geocodeAddress` touches no table.) Throws, naming the step, at the first error or unexpected outcome.
 *
 * The two-version migration test runs it on the released schema and on the schema a bad
 * migration would make. Extend it when the bot starts using a table or column on its main path.
 */
import type { Knex } from 'knex';
import type { OperationName, Operations } from '../../../src/conversation/operations';
import { listAudit, writeAudit } from '../../../src/db/audit-log';
import { listProviders, listRequests } from '../../../src/db/listings';
import {
  deleteMessageLogOlderThan,
  insertInboundMessages,
  recordMessageStatus,
  upsertOutboundMessages,
} from '../../../src/db/message-log';
import { deleteOperationResultsOlderThan } from '../../../src/db/operation-results';
import { changeProviderStatus } from '../../../src/db/providers';
import { createServiceType } from '../../../src/db/service-types';
import { createOperationHandlers } from '../../../src/operations';
import type { OperationContext } from '../../../src/operations/registry';

const ROMA = { lat: 19.4194, lng: -99.1617 };
let runs = 0;

/** One journey; `run` keeps its people, keys and service apart from other runs on the same schema. */
export async function smokePath(knex: Knex, run: string): Promise<void> {
  const seq = ++runs;
  const handlers = createOperationHandlers({
    knex,
    config: {
      marketplace: {
        offerTimeoutSeconds: 300,
        maxOffersPerRequest: 5,
        missedOffersBeforeOffline: 3,
        jobDoneMinMinutes: 0,
        rateReminderMinutes: 240,
        providerListCacheSeconds: 0,
      },
    },
  });
  let n = 0;
  const call = async <K extends OperationName>(
    op: K,
    input: Operations[K]['input'],
    who: { waId: string },
  ): Promise<Operations[K]['output']> => {
    const ctx: OperationContext = {
      key: `wa:${who.waId}`,
      contact: { waId: who.waId },
      commandId: `smoke.${run}.${op}.${++n}`,
      correlationId: `smoke.${run}.${n}`,
      now: Date.now(),
    };
    try {
      return await (
        handlers[op] as (
          i: Operations[K]['input'],
          c: OperationContext,
        ) => Promise<Operations[K]['output']>
      )(input, ctx);
    } catch (err) {
      throw new Error(`smoke path: ${op} failed: ${(err as Error).message}`);
    }
  };
  const expectThat = (step: string, ok: boolean, got: unknown): void => {
    if (!ok) throw new Error(`smoke path: ${step} gave ${JSON.stringify(got)}`);
  };

  const code = `plumbing_${seq}`;
  const created = await createServiceType(knex, { code, nameEs: 'Plomería', nameEn: 'Plumbing' });
  expectThat('createServiceType', created.ok, created);
  const customer = { waId: `52155111${String(seq).padStart(3, '0')}01` };
  const provider = { waId: `52155111${String(seq).padStart(3, '0')}02` };
  const key = (what: string) => `smoke.${run}.${seq}.${what}`;

  const loaded = await call('loadUser', { profileName: 'Ana' }, customer);
  expectThat('loadUser', loaded.isNew, loaded);
  await call('saveUser', { name: 'Ana López', locale: 'es' }, customer);
  const customerId = loaded.user.id;
  const { services } = await call('listServiceTypes', {}, customer);
  const serviceTypeId = services.find((s) => s.code === code)?.id;
  if (serviceTypeId === undefined) throw new Error(`smoke path: listServiceTypes misses ${code}`);

  const pro = (await call('loadUser', { profileName: 'Juan' }, provider)).user;
  await call('saveUser', { name: 'Juan Pérez' }, provider);
  const registered = await call(
    'registerProvider',
    {
      idempotencyKey: key('reg'),
      userId: pro.id,
      displayName: 'Plomería Pérez',
      serviceTypeIds: [serviceTypeId],
      ...ROMA,
      radiusKm: 10,
    },
    provider,
  );
  expectThat('registerProvider', registered.created, registered);
  const providerRow = await knex.transaction(async (trx) => {
    const p = (await listProviders(trx, { status: 'pending', service: code, limit: 10, offset: 0 }))
      .items[0];
    if (!p) throw new Error('smoke path: the registered provider is not listed');
    const change = await changeProviderStatus(trx, p.id, 'approve');
    if (change.ok)
      await writeAudit(trx, {
        actor: 'key:smoke',
        action: 'provider.approve',
        entity: 'provider',
        entityId: p.id,
      });
    return change;
  });
  expectThat('approve', providerRow.ok, providerRow);
  expectThat(
    'setProviderOnline',
    (await call('setProviderOnline', { providerUserId: pro.id, online: true }, provider)).status ===
      'ok',
    null,
  );

  const { candidates } = await call(
    'findCandidates',
    { serviceTypeId, ...ROMA, customerUserId: customerId, limit: 9 },
    customer,
  );
  expectThat('findCandidates', candidates.length === 1, candidates);
  const detail = await call(
    'getProviderDetail',
    { providerUserId: pro.id, ...ROMA, reviewsLimit: 3 },
    customer,
  );
  expectThat('getProviderDetail', detail.status === 'found', detail);

  const request = await call(
    'createRequest',
    {
      idempotencyKey: key('req1'),
      customerUserId: customerId,
      serviceTypeId,
      ...ROMA,
      address: 'Colima 143',
      // Kept where this release's column is there; done without on the released schema.
      urgent: true,
    },
    customer,
  );
  const offer = await call(
    'offerRequest',
    {
      idempotencyKey: key('off1'),
      requestId: request.requestId,
      maxOffers: 5,
      preferredProviderUserId: pro.id,
    },
    customer,
  );
  if (offer.status !== 'offered')
    throw new Error(`smoke path: offerRequest gave ${JSON.stringify(offer)}`);
  const accepted = await call(
    'answerOffer',
    { idempotencyKey: key('ans1'), offerId: offer.offerId, providerUserId: pro.id, accept: true },
    provider,
  );
  expectThat('answerOffer', accepted.status === 'accepted', accepted);
  const jobs = await call('listMyJobs', { providerUserId: pro.id }, provider);
  expectThat('listMyJobs', jobs.jobs.length === 1, jobs);
  const attached = await call(
    'attachMediaToRequest',
    {
      idempotencyKey: key('media1'),
      userId: customerId,
      requestId: request.requestId,
      storedMediaIds: [],
    },
    customer,
  );
  expectThat('attachMediaToRequest', attached.status === 'attached', attached);
  await call('listRequestMedia', { requestId: request.requestId }, provider);
  const done = await call(
    'completeJob',
    { idempotencyKey: key('done1'), requestId: request.requestId, providerUserId: pro.id },
    provider,
  );
  expectThat('completeJob', done.status === 'completed', done);
  const rated = await call(
    'rateJob',
    {
      idempotencyKey: key('rate1'),
      requestId: request.requestId,
      customerUserId: customerId,
      stars: 5,
      comment: 'Muy bien',
    },
    customer,
  );
  expectThat('rateJob', rated.status === 'saved', rated);

  // A request cancelled while offered, and one whose offer expires.
  const second = await call(
    'createRequest',
    {
      idempotencyKey: key('req2'),
      customerUserId: customerId,
      serviceTypeId,
      ...ROMA,
      address: null,
    },
    customer,
  );
  const offer2 = await call(
    'offerRequest',
    { idempotencyKey: key('off2'), requestId: second.requestId, maxOffers: 5 },
    customer,
  );
  expectThat('offerRequest (2)', offer2.status === 'offered', offer2);
  const cancelled = await call(
    'cancelRequest',
    { requestId: second.requestId, customerUserId: customerId },
    customer,
  );
  expectThat('cancelRequest', cancelled.status === 'cancelled', cancelled);
  const third = await call(
    'createRequest',
    {
      idempotencyKey: key('req3'),
      customerUserId: customerId,
      serviceTypeId,
      ...ROMA,
      address: null,
    },
    customer,
  );
  const offer3 = await call(
    'offerRequest',
    { idempotencyKey: key('off3'), requestId: third.requestId, maxOffers: 1 },
    customer,
  );
  if (offer3.status !== 'offered')
    throw new Error(`smoke path: offerRequest (3) gave ${JSON.stringify(offer3)}`);
  const expired = await call('expireOffer', { offerId: offer3.offerId }, customer);
  expectThat('expireOffer', expired.status === 'expired', expired);
  const retried = await call(
    'retryRequest',
    { idempotencyKey: key('retry3'), requestId: third.requestId, customerUserId: customerId },
    customer,
  );
  expectThat(
    'retryRequest',
    retried.status === 'created' || retried.status === 'not_allowed',
    retried,
  );

  const mine = await call('listMyRequests', { customerUserId: customerId, limit: 10 }, customer);
  expectThat('listMyRequests', mine.requests.length >= 3, mine);
  const stats = await call('getProviderStats', { providerUserId: pro.id }, provider);
  expectThat('getProviderStats', stats.status === 'ok', stats);
  const waitlist = await call(
    'joinWaitlist',
    { userId: customerId, lat: 25.6866, lng: -100.3161 },
    customer,
  );
  expectThat('joinWaitlist', waitlist.status === 'joined', waitlist);
  const again = await call('loadUser', {}, customer);
  expectThat('loadUser (returning)', !again.isNew && again.user.lastRequest !== null, again);

  // Message log, admin views, retention.
  const at = new Date().toISOString();
  await insertInboundMessages(knex, [
    { wamid: key('wamid.in'), wa: customer.waId, bs: null, type: 'text', corr: 'smoke', at },
  ]);
  await upsertOutboundMessages(knex, [
    { wamid: key('wamid.out'), wa: customer.waId, bs: null, type: 'text', corr: 'smoke' },
  ]);
  await recordMessageStatus(knex, { wamid: key('wamid.out'), status: 'delivered' });
  expectThat(
    'listRequests',
    (await listRequests(knex, { customerId, limit: 10, offset: 0 })).total >= 3,
    null,
  );
  expectThat(
    'listAudit',
    (
      await listAudit(knex, {
        entity: 'provider',
        entityId: providerRow.ok ? providerRow.provider.id : 0,
      })
    ).length === 1,
    null,
  );
  await deleteMessageLogOlderThan(knex, new Date(Date.now() - 90 * 86_400_000));
  await deleteOperationResultsOlderThan(knex, new Date(Date.now() - 30 * 86_400_000));
}
