/** listMyJobs / completeJob / rateJob: a provider's jobs, their end, and the customer's stars (and later a comment). */
import type { Knex } from 'knex';
import type { Operations } from '../conversation/operations';
import { lockProvider } from '../db/providers';
import { saveRating } from '../db/ratings';
import { completeRequest, getRequest, getRequestForUpdate, listActiveJobs } from '../db/requests';
import { metrics } from '../observability/metrics';
import type { OperationHandler } from './registry';
import { once, type Tx } from './idempotency';
import { phoneOf, providerCardById, providerCardByUserId, providerStats, ratingAverage, serviceNameOf, userKeyOf } from './lookups';

type CompleteOutput = Operations['completeJob']['output'];

export function listMyJobs(knex: Knex): OperationHandler<'listMyJobs'> {
  return async (input) => {
    const rows = await listActiveJobs(knex, input.providerUserId, 10);
    return {
      jobs: rows.map((r) => ({
        requestId: r.requestId,
        serviceName: { es: r.nameEs, en: r.nameEn },
        customerName: r.customerName ?? '',
        customerPhone: phoneOf(r.customerWaId),
        address: r.address,
        lat: r.lat,
        lng: r.lng,
        acceptedAt: r.acceptedAt ? r.acceptedAt.getTime() : null,
      })),
    };
  };
}

export function completeJob(knex: Knex): OperationHandler<'completeJob'> {
  return async (input, ctx) =>
    once(knex, 'completeJob', input.idempotencyKey, input, async ({ trx, after }: Tx): Promise<CompleteOutput> => {
      const notAllowed: CompleteOutput = { status: 'not_allowed', requestId: input.requestId };
      const card = await providerCardByUserId(trx, input.providerUserId);
      const request = await getRequest(trx, input.requestId);
      if (!card || !request || request.providerId !== card.providerId) return notAllowed;
      if (request.status === 'done') return { status: 'already_completed', requestId: request.id };
      const r = await completeRequest(trx, { requestId: request.id, providerId: card.providerId, now: new Date(ctx.now) });
      if (!r.ok) return r.request?.status === 'done' ? { status: 'already_completed', requestId: request.id } : notAllowed;
      const service = await serviceNameOf(trx, request.serviceTypeId);
      after(() => metrics.serviceRequestsCompleted.inc({ service: service.code }));
      const fresh = (await providerCardById(trx, card.providerId)) ?? card;
      return {
        status: 'completed',
        requestId: request.id,
        serviceName: service.name,
        customer: { conversationKey: await userKeyOf(trx, request.customerId) },
        stats: await providerStats(trx, fresh),
      };
    });
}

type RateOutput = Operations['rateJob']['output'];

/**
 * One rating per request, upserted: the first call creates it and adds its stars to the
 * provider's aggregate; a later call (the comment) updates the same row and moves the aggregate
 * by the difference only. Provider row locked before the request (the order of every offer/job
 * transaction), then the rating row.
 */
export function rateJob(knex: Knex): OperationHandler<'rateJob'> {
  return async (input, ctx) =>
    once(knex, 'rateJob', input.idempotencyKey, input, async ({ trx }: Tx): Promise<RateOutput> => {
      const notAllowed: RateOutput = { status: 'not_allowed', requestId: input.requestId };
      if (!Number.isInteger(input.stars) || input.stars < 1 || input.stars > 5) return notAllowed;
      const peek = await getRequest(trx, input.requestId);
      if (!peek || peek.customerId !== input.customerUserId || peek.providerId === null) return notAllowed;
      await lockProvider(trx, peek.providerId);
      const request = (await getRequestForUpdate(trx, peek.id))!;
      if (request.status !== 'done' || request.providerId !== peek.providerId) return notAllowed;

      const comment = input.comment === undefined ? undefined : [...input.comment].slice(0, 500).join('');
      const { first } = await saveRating(trx, {
        requestId: peek.id,
        customerId: peek.customerId,
        providerId: peek.providerId,
        stars: input.stars,
        ...(comment !== undefined ? { comment } : {}),
        now: new Date(ctx.now),
      });
      const card = await providerCardById(trx, peek.providerId);
      if (!card) throw new Error(`provider ${peek.providerId} vanished`);
      return {
        status: 'saved',
        requestId: peek.id,
        stars: input.stars,
        first,
        provider: {
          conversationKey: card.conversationKey,
          name: card.name,
          ratingAvg: ratingAverage(card.ratingSum, card.ratingCount),
          ratingCount: card.ratingCount,
        },
      };
    });
}
