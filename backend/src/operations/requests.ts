/**
 * createRequest / cancelRequest / replaceProvider / retryRequest / listMyRequests: a customer's
 * service requests.
 */
import { nearestArea } from '../geo/geocode';
import { linkMediaToRequest } from '../db/media';
import type { Knex } from 'knex';
import type { Operations, RequestSummary } from '../conversation/operations';
import { getOpenOfferForRequest, withdrawOpenOffers } from '../db/offers';
import { lockProvider, releaseProvider } from '../db/providers';
import {
  createRequest as insertRequest,
  getRequest,
  getRequestByIdempotencyKey,
  getRequestForUpdate,
  listRequestSummaries,
  markRequestCancelled,
  moveAcceptedJobTo,
  returnToSearching,
  setRequestStatus,
} from '../db/requests';
import { metrics } from '../observability/metrics';
import { IN_PROGRESS } from '../shared/marketplace-status';
import type { OperationHandler } from './registry';
import { inTransaction, once, RestartTransaction, type Tx } from './idempotency';
import { phoneOf, providerCardById, serviceNameOf, userParty } from './lookups';

/**
 * Idempotent through the request's own unique `idempotency_key` (the id of the event): a repeat
 * returns the same request with `created: false`, as the contract says.
 */
export function createRequest(knex: Knex): OperationHandler<'createRequest'> {
  return async (input) => {
    const service = await serviceNameOf(knex, input.serviceTypeId);
    const { request, created } = await insertRequest(knex, {
      customerId: input.customerUserId,
      serviceTypeId: input.serviceTypeId,
      lat: input.lat,
      lng: input.lng,
      address: input.address,
      problem: input.problem ?? null,
      area: input.area ?? nearestArea(input.lat, input.lng),
      urgent: input.urgent === true,
      idempotencyKey: input.idempotencyKey,
    });
    // The problem's photos and voice notes belong to the request before any provider sees it.
    if (input.storedMediaIds?.length)
      await linkMediaToRequest(knex, {
        ids: input.storedMediaIds,
        ownerUserId: input.customerUserId,
        requestId: request.id,
      });
    if (created) metrics.serviceRequestsCreated.inc({ service: service.code });
    return { requestId: request.id, created, serviceName: service.name };
  };
}

type CancelOutput = Operations['cancelRequest']['output'];

/**
 * Cancel while searching/offered/accepted; an accepted job only with the customer's reason
 * (stored; without one: `confirm`, nothing changes). Locks in the order every offer transaction uses
 * (provider → request → offers); if a provider accepted between the first read and the lock,
 * the transaction starts again so that provider is locked first too. Keyed by the command id:
 * a re-run after a crash returns the first outcome (and so still names who must be told).
 */
export function cancelRequest(knex: Knex): OperationHandler<'cancelRequest'> {
  return async (input, ctx) =>
    once(knex, 'cancelRequest', ctx.commandId, input, async ({ trx }): Promise<CancelOutput> => {
      const now = new Date(ctx.now);
      const peek = await getRequest(trx, input.requestId);
      if (!peek || peek.customerId !== input.customerUserId)
        return { status: 'not_found', requestId: input.requestId };
      if (peek.providerId !== null) await lockProvider(trx, peek.providerId);
      const request = (await getRequestForUpdate(trx, peek.id))!;
      if (request.providerId !== peek.providerId)
        throw new RestartTransaction('request changed provider');
      const service = await serviceNameOf(trx, request.serviceTypeId);
      if (!IN_PROGRESS.includes(request.status)) {
        return { status: 'not_cancellable', requestId: request.id, current: request.status };
      }
      if (request.status === 'accepted' && !input.reason) {
        const taker =
          request.providerId === null ? null : await providerCardById(trx, request.providerId);
        return {
          status: 'confirm',
          requestId: request.id,
          serviceName: service.name,
          providerName: taker?.name ?? '',
        };
      }
      const reason = input.reason
        ? {
            code: input.reason.code,
            note: input.reason.code === 'other' ? cleanNote(input.reason.note) : null,
          }
        : null;
      const withdrawn = await withdrawOpenOffers(trx, request.id, now);
      await markRequestCancelled(trx, request.id, now, reason);
      if (request.providerId !== null)
        await releaseProvider(trx, request.providerId, request.id, now);
      const pending = withdrawn[0];
      const toldId = pending?.providerId ?? request.providerId;
      const told = toldId === null ? null : await providerCardById(trx, toldId);
      return {
        status: 'cancelled',
        requestId: request.id,
        serviceName: service.name,
        provider: told
          ? { conversationKey: told.conversationKey, offerId: pending?.id ?? null }
          : null,
        reason,
      };
    });
}

/** The customer's own words as stored (the step sends them sanitised; this only bounds them). */
function cleanNote(note: string | null): string | null {
  const cut = note === null ? '' : [...note.trim()].slice(0, 200).join('');
  return cut === '' ? null : cut;
}

type ReplaceOutput = Operations['replaceProvider']['output'];

/**
 * The customer wants someone else: the provider holding the request (a pending offer or the
 * accepted job) lets go of it, the choice is cleared, and the request is searching again.
 */
export function replaceProvider(knex: Knex): OperationHandler<'replaceProvider'> {
  return async (input, ctx) =>
    once(
      knex,
      'replaceProvider',
      input.idempotencyKey,
      input,
      async ({ trx, after }: Tx): Promise<ReplaceOutput> => {
        const now = new Date(ctx.now);
        const peek = await getRequest(trx, input.requestId);
        if (!peek || peek.customerId !== input.customerUserId)
          return { status: 'not_found', requestId: input.requestId };
        // Provider row first, then the request (the lock order of every offer/job transaction).
        const pendingPeek = await getOpenOfferForRequest(trx, peek.id);
        const holderId = peek.providerId ?? pendingPeek?.providerId ?? null;
        if (holderId !== null) await lockProvider(trx, holderId);
        const request = (await getRequestForUpdate(trx, peek.id))!;
        if (request.providerId !== peek.providerId)
          throw new RestartTransaction('request changed provider');
        if (!IN_PROGRESS.includes(request.status))
          return { status: 'not_open', requestId: request.id, current: request.status };
        const service = await serviceNameOf(trx, request.serviceTypeId);
        let previous: Extract<ReplaceOutput, { status: 'replaced' }>['previous'] = null;
        if (request.status === 'accepted' && request.providerId !== null) {
          const card = await providerCardById(trx, request.providerId);
          const freed = await returnToSearching(trx, {
            requestId: request.id,
            providerId: request.providerId,
            now,
          });
          if (!freed) throw new RestartTransaction('accepted job changed');
          if (card)
            previous = {
              conversationKey: card.conversationKey,
              name: card.name,
              offerId: null,
              wasAccepted: true,
            };
        } else {
          const [withdrawn] = await withdrawOpenOffers(trx, request.id, now);
          if (withdrawn && withdrawn.providerId !== holderId)
            throw new RestartTransaction('request offered to someone else meanwhile');
          await setRequestStatus(trx, request.id, 'searching', ['searching', 'offered'], {
            chosen_provider_id: null,
          });
          const card = withdrawn ? await providerCardById(trx, withdrawn.providerId) : null;
          if (withdrawn && card)
            previous = {
              conversationKey: card.conversationKey,
              name: card.name,
              offerId: withdrawn.id,
              wasAccepted: false,
            };
        }
        const stage = previous?.wasAccepted ? 'accepted' : previous ? 'offered' : 'searching';
        after(() => metrics.providersReplaced.inc({ service: service.code, stage }));
        return {
          status: 'replaced',
          requestId: request.id,
          serviceName: service.name,
          previous,
        };
      },
    );
}

type PinOutput = Operations['shareJobLocation']['output'];

/** A pin sent while a provider has the job: the job moves there; who to tell. */
export function shareJobLocation(knex: Knex): OperationHandler<'shareJobLocation'> {
  return async (input) =>
    once(
      knex,
      'shareJobLocation',
      input.idempotencyKey,
      input,
      async ({ trx }: Tx): Promise<PinOutput> => {
        const moved = await moveAcceptedJobTo(trx, input);
        if (!moved || moved.providerId === null) return { status: 'none' };
        const provider = await providerCardById(trx, moved.providerId);
        if (!provider) return { status: 'none' };
        const customer = await userParty(trx, input.customerUserId);
        return {
          status: 'shared',
          requestId: moved.id,
          serviceName: (await serviceNameOf(trx, moved.serviceTypeId)).name,
          provider: { conversationKey: provider.conversationKey, name: provider.name },
          customerName: customer.name,
          lat: moved.lat,
          lng: moved.lng,
          label: input.label,
        };
      },
    );
}

type RetryOutput = Operations['retryRequest']['output'];

/**
 * A new searching request copying an unassigned one, linked to the first request of the chain
 * (so whoever declined or let an earlier try expire is not offered it again: matching/dispatch.ts);
 * the new row's key is `retry:<event id>`.
 */
export function retryRequest(knex: Knex): OperationHandler<'retryRequest'> {
  return async (input) => {
    const key = `retry:${input.idempotencyKey}`;
    const made = await inTransaction(knex, async ({ trx, after }: Tx): Promise<RetryOutput> => {
      const existing = await getRequestByIdempotencyKey(trx, key);
      if (existing) {
        if (existing.customerId !== input.customerUserId)
          return { status: 'not_allowed', requestId: input.requestId };
        return {
          status: 'created',
          requestId: existing.id,
          serviceName: (await serviceNameOf(trx, existing.serviceTypeId)).name,
        };
      }
      const source = await getRequest(trx, input.requestId);
      if (
        !source ||
        source.customerId !== input.customerUserId ||
        source.status !== 'no_providers'
      ) {
        return { status: 'not_allowed', requestId: input.requestId };
      }
      const service = await serviceNameOf(trx, source.serviceTypeId);
      const { request, created } = await insertRequest(trx, {
        customerId: source.customerId,
        serviceTypeId: source.serviceTypeId,
        lat: source.lat,
        lng: source.lng,
        address: source.address,
        idempotencyKey: key,
        originalRequestId: source.originalRequestId ?? source.id,
      });
      if (created) after(() => metrics.serviceRequestsCreated.inc({ service: service.code }));
      return { status: 'created', requestId: request.id, serviceName: service.name };
    });
    return made;
  };
}

export function listMyRequests(knex: Knex): OperationHandler<'listMyRequests'> {
  return async (input) => {
    const limit = Math.min(50, Math.max(1, Math.floor(input.limit) || 1));
    const rows = await listRequestSummaries(knex, input.customerUserId, limit);
    const requests: RequestSummary[] = rows.map((r) => ({
      requestId: r.requestId,
      serviceName: { es: r.nameEs, en: r.nameEn },
      status: r.status,
      createdAt: r.createdAt.getTime(),
      providerName: r.providerName,
      providerPhone: r.providerName === null ? null : phoneOf(r.providerWaId),
      offeredTo: r.offeredTo,
      rated: r.rated,
      problem: r.problem,
      mediaCount: r.mediaCount,
    }));
    return { requests };
  };
}
