/**
 * Service requests. Creation is idempotent on the id of the event that created it; status
 * changes are conditional updates (`… where status in (…)`), so a late or repeated command
 * cannot move a request backwards.
 */
import type { Knex } from 'knex';
import { selectList, type ColumnMap } from './columns';

export type RequestStatus = 'searching' | 'offered' | 'accepted' | 'done' | 'cancelled' | 'no_providers';
export const OPEN_STATUSES: readonly RequestStatus[] = ['searching', 'offered', 'accepted'];

export interface ServiceRequest {
  id: number;
  customerId: number;
  serviceTypeId: number;
  lat: number;
  lng: number;
  address: string | null;
  status: RequestStatus;
  providerId: number | null;
  idempotencyKey: string;
  offersCount: number;
  createdAt: Date;
  acceptedAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
}

export const REQUEST_COLUMNS: ColumnMap<ServiceRequest> = {
  id: 'id',
  customerId: 'customer_id',
  serviceTypeId: 'service_type_id',
  lat: 'lat',
  lng: 'lng',
  address: 'address',
  status: 'status',
  providerId: 'provider_id',
  idempotencyKey: 'idempotency_key',
  offersCount: 'offers_count',
  createdAt: 'created_at',
  acceptedAt: 'accepted_at',
  completedAt: 'completed_at',
  cancelledAt: 'cancelled_at',
};
export const REQUEST_SELECT = selectList(REQUEST_COLUMNS);

export interface NewServiceRequest {
  customerId: number;
  serviceTypeId: number;
  lat: number;
  lng: number;
  address?: string | null;
  /** Id of the event that asked for it: the same key never creates a second request. */
  idempotencyKey: string;
}

export async function createRequest(knex: Knex, input: NewServiceRequest): Promise<{ request: ServiceRequest; created: boolean }> {
  const [row] = await knex('service_requests')
    .insert({
      customer_id: input.customerId,
      service_type_id: input.serviceTypeId,
      lat: input.lat,
      lng: input.lng,
      address: input.address ?? null,
      idempotency_key: input.idempotencyKey,
    })
    .onConflict('idempotency_key')
    .ignore()
    .returning<ServiceRequest[]>(REQUEST_SELECT);
  if (row) return { request: row, created: true };
  const existing = await knex('service_requests').select(REQUEST_SELECT).where({ idempotency_key: input.idempotencyKey }).first<ServiceRequest>();
  return { request: existing, created: false };
}

export async function getRequest(knex: Knex, id: number): Promise<ServiceRequest | null> {
  return (await knex('service_requests').select(REQUEST_SELECT).where({ id }).first<ServiceRequest | undefined>()) ?? null;
}

export async function listRequestsByCustomer(knex: Knex, customerId: number, limit = 20): Promise<ServiceRequest[]> {
  return knex('service_requests').select(REQUEST_SELECT).where({ customer_id: customerId }).orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(limit);
}

/** The customer's request still in progress (searching, offered or accepted), newest first. */
export async function findOpenRequestForCustomer(knex: Knex, customerId: number): Promise<ServiceRequest | null> {
  const row = await knex('service_requests')
    .select(REQUEST_SELECT)
    .where({ customer_id: customerId })
    .whereIn('status', OPEN_STATUSES)
    .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }])
    .first<ServiceRequest | undefined>();
  return row ?? null;
}

/** Move a request to `to` only if it is currently in one of `from`. Returns the row, or null if it was not. */
export async function setRequestStatus(
  knex: Knex,
  id: number,
  to: RequestStatus,
  from: readonly RequestStatus[],
  extra: Record<string, unknown> = {},
): Promise<ServiceRequest | null> {
  const [row] = await knex('service_requests')
    .update({ status: to, ...extra })
    .where({ id })
    .whereIn('status', from)
    .returning<ServiceRequest[]>(REQUEST_SELECT);
  return row ?? null;
}

/** Nobody could take it: searching/offered → no_providers, and any open offer is withdrawn. */
export async function markNoProviders(knex: Knex, id: number, now: Date = new Date()): Promise<ServiceRequest | null> {
  return knex.transaction(async (trx) => {
    const row = await setRequestStatus(trx, id, 'no_providers', ['searching', 'offered']);
    if (row) await trx('offers').update({ status: 'cancelled', answered_at: now }).where({ request_id: id, status: 'offered' });
    return row;
  });
}

export type RequestChange =
  | { ok: true; request: ServiceRequest }
  | { ok: false; reason: 'not_found' | 'not_allowed'; request?: ServiceRequest };

/**
 * The customer cancels: open offers are withdrawn and an accepted provider is freed.
 * Locks provider before request (the order every offer/accept transaction uses).
 */
export async function cancelRequest(knex: Knex, input: { requestId: number; customerId?: number; now?: Date }): Promise<RequestChange> {
  const now = input.now ?? new Date();
  return knex.transaction(async (trx) => {
    const peek = await getRequest(trx, input.requestId);
    if (!peek || (input.customerId !== undefined && peek.customerId !== input.customerId)) return { ok: false, reason: 'not_found' };
    if (peek.providerId !== null) await trx('providers').select('id').where({ id: peek.providerId }).forUpdate();
    const request = await trx('service_requests').select(REQUEST_SELECT).where({ id: input.requestId }).forUpdate().first<ServiceRequest>();
    if (!OPEN_STATUSES.includes(request.status) || request.providerId !== peek.providerId) return { ok: false, reason: 'not_allowed', request };
    const [cancelled] = await trx('service_requests')
      .update({ status: 'cancelled', cancelled_at: now })
      .where({ id: request.id })
      .returning<ServiceRequest[]>(REQUEST_SELECT);
    await trx('offers').update({ status: 'cancelled', answered_at: now }).where({ request_id: request.id, status: 'offered' });
    if (request.providerId !== null) {
      await trx('providers').update({ current_request_id: null, updated_at: now }).where({ id: request.providerId, current_request_id: request.id });
    }
    return { ok: true, request: cancelled! };
  });
}

/** The job is finished: accepted → done and the provider is free again. */
export async function completeRequest(knex: Knex, input: { requestId: number; providerId?: number; now?: Date }): Promise<RequestChange> {
  const now = input.now ?? new Date();
  return knex.transaction(async (trx) => {
    const peek = await getRequest(trx, input.requestId);
    if (!peek || (input.providerId !== undefined && peek.providerId !== input.providerId)) return { ok: false, reason: 'not_found' };
    if (peek.status !== 'accepted' || peek.providerId === null) return { ok: false, reason: 'not_allowed', request: peek };
    await trx('providers').select('id').where({ id: peek.providerId }).forUpdate();
    const done = await setRequestStatus(trx, peek.id, 'done', ['accepted'], { completed_at: now });
    if (!done) return { ok: false, reason: 'not_allowed', request: (await getRequest(trx, peek.id)) ?? peek };
    await trx('providers').update({ current_request_id: null, updated_at: now }).where({ id: peek.providerId, current_request_id: peek.id });
    return { ok: true, request: done };
  });
}
