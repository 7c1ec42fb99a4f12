/** createRequest / cancelRequest / retryRequest / listMyRequests: a customer's service requests. */
import type { Knex } from 'knex';
import type { Operations, RequestSummary } from '../conversation/operations';
import { createRequest as insertRequest, getRequest, REQUEST_SELECT, type ServiceRequest } from '../db/requests';
import { metrics } from '../observability/metrics';
import type { OperationHandler } from './registry';
import { inTransaction, once, RestartTransaction, type Tx } from './idempotency';
import { phoneOf, providerCardById, serviceNameOf } from './lookups';
import { OPEN_FOR_OFFERS, toConversationStatus } from './status-map';

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
      idempotencyKey: input.idempotencyKey,
    });
    if (created) metrics.serviceRequestsCreated.inc({ service: service.code });
    return { requestId: request.id, created, serviceName: service.name };
  };
}

type CancelOutput = Operations['cancelRequest']['output'];

/**
 * Cancel while searching/offered/accepted. Locks in the order every offer transaction uses
 * (provider → request → offers); if a provider accepted between the first read and the lock,
 * the transaction starts again so that provider is locked first too. Keyed by the command id:
 * a re-run after a crash returns the first outcome (and so still names who must be told).
 */
export function cancelRequest(knex: Knex): OperationHandler<'cancelRequest'> {
  return async (input, ctx) =>
    once(knex, 'cancelRequest', ctx.commandId, input, async ({ trx }): Promise<CancelOutput> => {
      const now = new Date(ctx.now);
      const peek = await getRequest(trx, input.requestId);
      if (!peek || peek.customerId !== input.customerUserId) return { status: 'not_found', requestId: input.requestId };
      if (peek.providerId !== null) await trx('providers').select('id').where({ id: peek.providerId }).forUpdate();
      const request = await trx('service_requests').select(REQUEST_SELECT).where({ id: peek.id }).forUpdate().first<ServiceRequest>();
      if (request.providerId !== peek.providerId) throw new RestartTransaction('request changed provider');
      const service = await serviceNameOf(trx, request.serviceTypeId);
      if (!OPEN_FOR_OFFERS.includes(request.status) && request.status !== 'accepted') {
        return { status: 'not_cancellable', requestId: request.id, current: toConversationStatus(request.status) };
      }
      const withdrawn: { id: number; providerId: number }[] = await trx('offers')
        .update({ status: 'cancelled', answered_at: now })
        .where({ request_id: request.id, status: 'offered' })
        .returning(['id', 'provider_id as providerId']);
      await trx('service_requests').update({ status: 'cancelled', cancelled_at: now }).where({ id: request.id });
      if (request.providerId !== null) {
        await trx('providers').update({ current_request_id: null, updated_at: now }).where({ id: request.providerId, current_request_id: request.id });
      }
      const pending = withdrawn[0];
      const toldId = pending?.providerId ?? request.providerId;
      const told = toldId === null ? null : await providerCardById(trx, toldId);
      return {
        status: 'cancelled',
        requestId: request.id,
        serviceName: service.name,
        provider: told ? { conversationKey: told.conversationKey, offerId: pending?.id ?? null } : null,
      };
    });
}

type RetryOutput = Operations['retryRequest']['output'];

/** A new searching request copying an unassigned one; the new row's key is `retry:<event id>`. */
export function retryRequest(knex: Knex): OperationHandler<'retryRequest'> {
  return async (input) => {
    const key = `retry:${input.idempotencyKey}`;
    const made = await inTransaction(knex, async ({ trx, after }: Tx): Promise<RetryOutput> => {
      const existing = await trx('service_requests').select(REQUEST_SELECT).where({ idempotency_key: key }).first<ServiceRequest | undefined>();
      if (existing) {
        if (existing.customerId !== input.customerUserId) return { status: 'not_allowed', requestId: input.requestId };
        return { status: 'created', requestId: existing.id, serviceName: (await serviceNameOf(trx, existing.serviceTypeId)).name };
      }
      const source = await getRequest(trx, input.requestId);
      if (!source || source.customerId !== input.customerUserId || source.status !== 'no_providers') {
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
      });
      if (created) after(() => metrics.serviceRequestsCreated.inc({ service: service.code }));
      return { status: 'created', requestId: request.id, serviceName: service.name };
    });
    return made;
  };
}

interface SummaryRow {
  requestId: number;
  status: ServiceRequest['status'];
  createdAt: Date;
  nameEs: string;
  nameEn: string;
  providerName: string | null;
  providerWaId: string | null;
}

export function listMyRequests(knex: Knex): OperationHandler<'listMyRequests'> {
  return async (input) => {
    const limit = Math.min(50, Math.max(1, Math.floor(input.limit) || 1));
    const rows: SummaryRow[] = await knex('service_requests as r')
      .join('service_types as st', 'st.id', 'r.service_type_id')
      .leftJoin('providers as p', 'p.id', 'r.provider_id')
      .leftJoin('users as pu', 'pu.id', 'p.user_id')
      .select(
        'r.id as requestId',
        'r.status',
        'r.created_at as createdAt',
        'st.name_es as nameEs',
        'st.name_en as nameEn',
        'p.display_name as providerName',
        'pu.wa_id as providerWaId',
      )
      .where('r.customer_id', input.customerUserId)
      .orderBy([{ column: 'r.created_at', order: 'desc' }, { column: 'r.id', order: 'desc' }])
      .limit(limit);
    const requests: RequestSummary[] = rows.map((r) => ({
      requestId: r.requestId,
      serviceName: { es: r.nameEs, en: r.nameEn },
      status: toConversationStatus(r.status),
      createdAt: r.createdAt.getTime(),
      providerName: r.providerName,
      providerPhone: r.providerName === null ? null : phoneOf(r.providerWaId),
    }));
    return { requests };
  };
}
