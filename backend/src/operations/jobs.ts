/**
 * listMyJobs / completeJob / confirmJobDone / rateJob: a provider's jobs, their end (confirmed by
 * the customer when the provider says "done" too soon after accepting, or said first by the
 * customer: "ya quedó, gracias"), and the customer's stars
 * (and later a comment).
 */
import type { Knex } from 'knex';
import { RATING_EDIT_WINDOW_MS, type Operations } from '../conversation/operations';
import { lockProvider } from '../db/providers';
import { hasRating, saveRating } from '../db/ratings';
import {
  claimedJobOfCustomer,
  clearDoneClaimed,
  completeRequest,
  getRequest,
  getRequestForUpdate,
  listActiveJobs,
  markDoneClaimed,
  onlyAcceptedJobOfCustomer,
  reopenRequest,
  returnToSearching,
} from '../db/requests';
import { metrics } from '../observability/metrics';
import { conversationKeyOf } from '../shared/conversation-key';
import type { OperationHandler } from './registry';
import { once, type Tx } from './idempotency';
import {
  phoneOf,
  providerCardById,
  providerCardByUserId,
  providerStats,
  ratingAverage,
  serviceNameOf,
  userKeyOf,
} from './lookups';

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
        customerKey: conversationKeyOf({ waId: r.customerWaId, bsuid: r.customerBsuid }),
        providerName: r.providerName,
        address: r.address,
        lat: r.lat,
        lng: r.lng,
        acceptedAt: r.acceptedAt ? r.acceptedAt.getTime() : null,
        problem: r.problem,
      })),
    };
  };
}

export interface JobSettings {
  /** "Terminado" sooner than this after accepting needs the customer's confirmation (0 = never). */
  doneMinMinutes: number;
}

/**
 * The timing rule: a job marked done sooner than `minMinutes` after it was accepted is not closed
 * on the provider's word alone; the customer confirms first. 0 = no minimum.
 */
export function doneNeedsCustomer(acceptedAt: Date | null, now: Date, minMinutes: number): boolean {
  if (minMinutes <= 0 || acceptedAt === null) return false;
  return now.getTime() - acceptedAt.getTime() < minMinutes * 60_000;
}

export function completeJob(knex: Knex, settings: JobSettings): OperationHandler<'completeJob'> {
  return async (input, ctx) =>
    once(
      knex,
      'completeJob',
      input.idempotencyKey,
      input,
      async ({ trx, after }: Tx): Promise<CompleteOutput> => {
        const now = new Date(ctx.now);
        const notAllowed: CompleteOutput = { status: 'not_allowed', requestId: input.requestId };
        const card = await providerCardByUserId(trx, input.providerUserId);
        const request = await getRequest(trx, input.requestId);
        if (!card || !request || request.providerId !== card.providerId) return notAllowed;
        if (request.status === 'done')
          return { status: 'already_completed', requestId: request.id };
        if (
          request.status === 'accepted' &&
          doneNeedsCustomer(request.acceptedAt, now, settings.doneMinMinutes)
        ) {
          await markDoneClaimed(trx, request.id, now);
          return {
            status: 'needs_customer',
            requestId: request.id,
            serviceName: (await serviceNameOf(trx, request.serviceTypeId)).name,
            providerName: card.name,
            customer: { conversationKey: await userKeyOf(trx, request.customerId) },
          };
        }
        const r = await completeRequest(trx, {
          requestId: request.id,
          providerId: card.providerId,
          now,
        });
        if (!r.ok)
          return r.request?.status === 'done'
            ? { status: 'already_completed', requestId: request.id }
            : notAllowed;
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
      },
    );
}

type DropOutput = Operations['dropJob']['output'];

/** The provider gives back an accepted job: searching again, offered to someone else. */
export function dropJob(knex: Knex): OperationHandler<'dropJob'> {
  return async (input, ctx) =>
    once(
      knex,
      'dropJob',
      input.idempotencyKey,
      input,
      async ({ trx, after }: Tx): Promise<DropOutput> => {
        const notAllowed: DropOutput = { status: 'not_allowed', requestId: input.requestId };
        const card = await providerCardByUserId(trx, input.providerUserId);
        const peek = await getRequest(trx, input.requestId);
        if (!card || !peek || peek.providerId !== card.providerId) return notAllowed;
        if (peek.status === 'done') return { status: 'already_done', requestId: peek.id };
        if (peek.status !== 'accepted') return notAllowed;
        // Provider row first, then the request (the lock order of every offer/job transaction).
        await lockProvider(trx, card.providerId);
        const request = await getRequestForUpdate(trx, peek.id);
        if (!request || request.providerId !== card.providerId) return notAllowed;
        if (request.status === 'done') return { status: 'already_done', requestId: request.id };
        const dropped = await returnToSearching(trx, {
          requestId: request.id,
          providerId: card.providerId,
          now: new Date(ctx.now),
        });
        if (!dropped) return notAllowed;
        const service = await serviceNameOf(trx, request.serviceTypeId);
        after(() => metrics.jobsDropped.inc({ service: service.code }));
        return {
          status: 'dropped',
          requestId: request.id,
          serviceName: service.name,
          providerName: card.name,
          customer: { conversationKey: await userKeyOf(trx, request.customerId) },
        };
      },
    );
}

type ConfirmOutput = Operations['confirmJobDone']['output'];

/** The customer answers a provider's "done" that came too soon: close the job, or withdraw the claim. */
export function confirmJobDone(knex: Knex): OperationHandler<'confirmJobDone'> {
  return async (input, ctx) =>
    once(
      knex,
      'confirmJobDone',
      input.idempotencyKey,
      input,
      async ({ trx, after }: Tx): Promise<ConfirmOutput> => {
        // Typed ("sí, ya quedó"): the customer's job whose provider said it is done; said in so
        // many words ("ya quedó, gracias"), their one accepted job even before the provider says so.
        const claimed = input.requestId ?? (await claimedJobOfCustomer(trx, input.customerUserId));
        const unclaimed =
          claimed === undefined && input.done && input.closes === true
            ? await onlyAcceptedJobOfCustomer(trx, input.customerUserId)
            : undefined;
        const requestId = claimed ?? unclaimed;
        if (requestId === undefined) return { status: 'none_claimed' };
        // The customer's own word, given by tapping "Sí, ya terminó" on their accepted job.
        const closing = input.requestId !== null && input.done && input.closes === true;
        const notAllowed: ConfirmOutput = { status: 'not_allowed', requestId };
        const peek = await getRequest(trx, requestId);
        if (!peek || peek.customerId !== input.customerUserId || peek.providerId === null)
          return notAllowed;
        if (peek.status === 'done') return { status: 'already_completed', requestId: peek.id };
        const unclaimedOk = unclaimed !== undefined || closing;
        if (peek.status !== 'accepted' || (peek.doneClaimedAt === null && !unclaimedOk))
          return notAllowed;
        const card = await providerCardById(trx, peek.providerId);
        if (!card) return notAllowed;
        const service = await serviceNameOf(trx, peek.serviceTypeId);
        // Typed "ya quedó" on a job its provider has not called done: asked first, nothing closed.
        if (unclaimed !== undefined)
          return {
            status: 'confirm_close',
            requestId: peek.id,
            serviceName: service.name,
            providerName: card.name,
          };
        if (!input.done) {
          await clearDoneClaimed(trx, peek.id);
          return {
            status: 'not_done',
            requestId: peek.id,
            serviceName: service.name,
            provider: { conversationKey: card.conversationKey, name: card.name },
          };
        }
        const r = await completeRequest(trx, {
          requestId: peek.id,
          providerId: peek.providerId,
          now: new Date(ctx.now),
        });
        if (!r.ok)
          return r.request?.status === 'done'
            ? { status: 'already_completed', requestId: peek.id }
            : notAllowed;
        after(() => metrics.serviceRequestsCompleted.inc({ service: service.code }));
        const fresh = (await providerCardById(trx, card.providerId)) ?? card;
        return {
          status: 'completed',
          requestId: peek.id,
          serviceName: service.name,
          provider: {
            conversationKey: card.conversationKey,
            stats: await providerStats(trx, fresh),
          },
        };
      },
    );
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
      if (!peek || peek.customerId !== input.customerUserId || peek.providerId === null)
        return notAllowed;
      await lockProvider(trx, peek.providerId);
      const request = (await getRequestForUpdate(trx, peek.id))!;
      if (request.status !== 'done' || request.providerId !== peek.providerId) return notAllowed;

      const comment =
        input.comment === undefined ? undefined : [...input.comment].slice(0, 500).join('');
      const saved = await saveRating(trx, {
        requestId: peek.id,
        customerId: peek.customerId,
        providerId: peek.providerId,
        stars: input.stars,
        ...(comment !== undefined ? { comment } : {}),
        now: new Date(ctx.now),
        editWindowMs: RATING_EDIT_WINDOW_MS,
      });
      if (saved.locked) return { status: 'locked', requestId: peek.id };
      const card = await providerCardById(trx, peek.providerId);
      if (!card) throw new Error(`provider ${peek.providerId} vanished`);
      return {
        status: 'saved',
        requestId: peek.id,
        stars: input.stars,
        first: saved.first,
        changed: saved.changed,
        provider: {
          conversationKey: card.conversationKey,
          name: card.name,
          ratingAvg: ratingAverage(card.ratingSum, card.ratingCount),
          ratingCount: card.ratingCount,
        },
      };
    });
}

export function ratingStatus(knex: Knex): OperationHandler<'ratingStatus'> {
  return async (input) => {
    const request = await getRequest(knex, input.requestId);
    const none = {
      requestId: input.requestId,
      done: false,
      rated: false,
      providerName: null,
      serviceName: null,
    };
    if (!request || request.customerId !== input.customerUserId) return none;
    const card =
      request.providerId === null ? null : await providerCardById(knex, request.providerId);
    const service = await serviceNameOf(knex, request.serviceTypeId);
    return {
      requestId: request.id,
      done: request.status === 'done',
      rated: await hasRating(knex, request.id),
      providerName: card?.name ?? null,
      serviceName: service.name,
    };
  };
}

type ReopenOutput = Operations['reopenJob']['output'];

/** The customer says "aún no": back to accepted within 48 h of completion and before any rating. */
export function reopenJob(knex: Knex): OperationHandler<'reopenJob'> {
  return async (input, ctx) =>
    once(
      knex,
      'reopenJob',
      input.idempotencyKey,
      input,
      async ({ trx }: Tx): Promise<ReopenOutput> => {
        const notAllowed: ReopenOutput = { status: 'not_allowed', requestId: input.requestId };
        const peek = await getRequest(trx, input.requestId);
        if (!peek || peek.customerId !== input.customerUserId || peek.providerId === null)
          return notAllowed;
        if (await hasRating(trx, peek.id)) return notAllowed;
        const reopened = await reopenRequest(trx, {
          requestId: peek.id,
          since: new Date(ctx.now - 48 * 3600_000),
          now: new Date(ctx.now),
        });
        if (!reopened) return notAllowed;
        const card = await providerCardById(trx, peek.providerId);
        if (!card) throw new Error(`provider ${peek.providerId} vanished`);
        const service = await serviceNameOf(trx, peek.serviceTypeId);
        return {
          status: 'reopened',
          requestId: peek.id,
          serviceName: service.name,
          provider: { conversationKey: card.conversationKey, name: card.name },
        };
      },
    );
}
