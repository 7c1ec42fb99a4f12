/**
 * Service requests. Creation is idempotent on the id of the event that created it; status
 * changes are conditional updates (`… where status in (…)`), so a late or repeated command
 * cannot move a request backwards.
 */
import { columnPresent } from './column-present';
import type { Knex } from 'knex';
import type { RequestStatus } from '../shared/marketplace-status';
import { selectList, type ColumnMap } from './columns';
import { withdrawOpenOffers } from './offers';
import { lockProvider, releaseProvider } from './providers';

export interface ServiceRequest {
  id: number;
  customerId: number;
  serviceTypeId: number;
  lat: number;
  lng: number;
  address: string | null;
  /** What the customer said is wrong (sanitised), or null. */
  problem: string | null;
  /** The neighbourhood, shown in offers (the full address only after acceptance), or null. */
  area: string | null;
  status: RequestStatus;
  providerId: number | null;
  idempotencyKey: string;
  offersCount: number;
  createdAt: Date;
  acceptedAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
  /** The provider the customer chose from the list, until they agree to someone else. */
  chosenProviderId: number | null;
  /** For a "try again" request: the first request of the chain. */
  originalRequestId: number | null;
  /** Why the customer cancelled an accepted job (a reason code), and their own words for "other". */
  cancelReason: string | null;
  cancelNote: string | null;
  /** The provider said it is done too soon after accepting: waiting for the customer to confirm. */
  doneClaimedAt: Date | null;
}

const REQUEST_COLUMNS: ColumnMap<ServiceRequest> = {
  id: 'id',
  customerId: 'customer_id',
  serviceTypeId: 'service_type_id',
  lat: 'lat',
  lng: 'lng',
  address: 'address',
  problem: 'problem',
  area: 'area',
  status: 'status',
  providerId: 'provider_id',
  idempotencyKey: 'idempotency_key',
  offersCount: 'offers_count',
  createdAt: 'created_at',
  acceptedAt: 'accepted_at',
  completedAt: 'completed_at',
  cancelledAt: 'cancelled_at',
  chosenProviderId: 'chosen_provider_id',
  originalRequestId: 'original_request_id',
  cancelReason: 'cancel_reason',
  cancelNote: 'cancel_note',
  doneClaimedAt: 'done_claimed_at',
};
export const REQUEST_SELECT = selectList(REQUEST_COLUMNS);

export interface NewServiceRequest {
  customerId: number;
  serviceTypeId: number;
  lat: number;
  lng: number;
  address?: string | null;
  problem?: string | null;
  area?: string | null;
  /** The customer said it is urgent (kept once the column of this release is there). */
  urgent?: boolean;
  /** Id of the event that asked for it: the same key never creates a second request. */
  idempotencyKey: string;
  /** A "try again": the first request of the chain. */
  originalRequestId?: number | null;
}

export async function createRequest(
  knex: Knex,
  input: NewServiceRequest,
): Promise<{ request: ServiceRequest; created: boolean }> {
  const urgent = input.urgent === true && (await columnPresent(knex, 'service_requests', 'urgent'));
  const [row] = await knex('service_requests')
    .insert({
      customer_id: input.customerId,
      service_type_id: input.serviceTypeId,
      lat: input.lat,
      lng: input.lng,
      address: input.address ?? null,
      problem: input.problem ?? null,
      area: input.area ?? null,
      ...(urgent ? { urgent: true } : {}),
      idempotency_key: input.idempotencyKey,
      original_request_id: input.originalRequestId ?? null,
    })
    .onConflict('idempotency_key')
    .ignore()
    .returning<ServiceRequest[]>(REQUEST_SELECT);
  if (row) return { request: row, created: true };
  const existing = await getRequestByIdempotencyKey(knex, input.idempotencyKey);
  return { request: existing!, created: false };
}

export async function getRequestByIdempotencyKey(
  knex: Knex,
  key: string,
): Promise<ServiceRequest | null> {
  return (
    (await knex('service_requests')
      .select(REQUEST_SELECT)
      .where({ idempotency_key: key })
      .first<ServiceRequest | undefined>()) ?? null
  );
}

/** The customer said this request is urgent (false while the column of this release is missing). */
export async function isUrgent(knex: Knex, id: number): Promise<boolean> {
  if (!(await columnPresent(knex, 'service_requests', 'urgent'))) return false;
  const row = await knex('service_requests')
    .where({ id })
    .first<{ urgent: boolean } | undefined>('urgent');
  return row?.urgent === true;
}

export async function getRequest(knex: Knex, id: number): Promise<ServiceRequest | null> {
  return (
    (await knex('service_requests')
      .select(REQUEST_SELECT)
      .where({ id })
      .first<ServiceRequest | undefined>()) ?? null
  );
}

/** The request, its row locked for the rest of the transaction (lock order: provider → request → offers). */
export async function getRequestForUpdate(knex: Knex, id: number): Promise<ServiceRequest | null> {
  return (
    (await knex('service_requests')
      .select(REQUEST_SELECT)
      .where({ id })
      .forUpdate()
      .first<ServiceRequest | undefined>()) ?? null
  );
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
export async function markNoProviders(
  knex: Knex,
  id: number,
  now: Date = new Date(),
): Promise<ServiceRequest | null> {
  return knex.transaction(async (trx) => {
    const row = await setRequestStatus(trx, id, 'no_providers', ['searching', 'offered']);
    if (row) await withdrawOpenOffers(trx, id, now);
    return row;
  });
}

/** The customer cancelled (the caller checked the request may be cancelled and locked it), with why when they said. */
export async function markRequestCancelled(
  knex: Knex,
  id: number,
  now: Date,
  reason: { code: string; note: string | null } | null = null,
): Promise<void> {
  await knex('service_requests')
    .update({
      status: 'cancelled',
      cancelled_at: now,
      cancel_reason: reason?.code ?? null,
      cancel_note: reason?.note ?? null,
    })
    .where({ id });
}

/** Record (or clear) the provider the customer chose for a request (the caller locked it). */
export async function setChosenProvider(
  knex: Knex,
  id: number,
  providerId: number | null,
): Promise<void> {
  await knex('service_requests').update({ chosen_provider_id: providerId }).where({ id });
}

export type RequestChange =
  | { ok: true; request: ServiceRequest }
  | { ok: false; reason: 'not_found' | 'not_allowed'; request?: ServiceRequest };

/** The job is finished: accepted → done and the provider is free again. */
export async function completeRequest(
  knex: Knex,
  input: { requestId: number; providerId?: number; now?: Date },
): Promise<RequestChange> {
  const now = input.now ?? new Date();
  return knex.transaction(async (trx) => {
    const peek = await getRequest(trx, input.requestId);
    if (!peek || (input.providerId !== undefined && peek.providerId !== input.providerId))
      return { ok: false, reason: 'not_found' };
    if (peek.status !== 'accepted' || peek.providerId === null)
      return { ok: false, reason: 'not_allowed', request: peek };
    await lockProvider(trx, peek.providerId);
    const done = await setRequestStatus(trx, peek.id, 'done', ['accepted'], { completed_at: now });
    if (!done)
      return {
        ok: false,
        reason: 'not_allowed',
        request: (await getRequest(trx, peek.id)) ?? peek,
      };
    await releaseProvider(trx, peek.providerId, peek.id, now);
    return { ok: true, request: done };
  });
}

/** How many times one job can be given back to its provider ("Todavía no") before it stays closed. */
export const MAX_REOPENS = 2;

/**
 * A job marked done that the customer says is not finished: back to `accepted`, the provider busy
 * with it again — only if it was completed after `since`, the provider has taken no other job, and
 * it was reopened fewer than `MAX_REOPENS` times.
 */
export async function reopenRequest(
  trx: Knex.Transaction,
  input: { requestId: number; since: Date; now: Date },
): Promise<ServiceRequest | null> {
  const peek = await getRequest(trx, input.requestId);
  if (
    !peek ||
    peek.providerId === null ||
    peek.status !== 'done' ||
    !peek.completedAt ||
    peek.completedAt < input.since
  )
    return null;
  await lockProvider(trx, peek.providerId);
  const busy = await trx('providers')
    .where({ id: peek.providerId })
    .whereNotNull('current_request_id')
    .first();
  if (busy) return null;
  const [row] = await trx('service_requests')
    .update({
      status: 'accepted',
      completed_at: null,
      done_claimed_at: null,
      reopened_count: trx.raw('reopened_count + 1'),
    })
    .where({ id: peek.id, status: 'done' })
    .where('reopened_count', '<', MAX_REOPENS)
    .returning<ServiceRequest[]>(REQUEST_SELECT);
  const reopened = row ?? null;
  if (!reopened) return null;
  await trx('providers')
    .update({ current_request_id: peek.id, updated_at: input.now })
    .where({ id: peek.providerId });
  return reopened;
}

/** The provider says an accepted job is done (too soon to take their word alone): the customer is asked. */
export async function markDoneClaimed(knex: Knex, id: number, now: Date): Promise<void> {
  await knex('service_requests').update({ done_claimed_at: now }).where({ id, status: 'accepted' });
}

/** The customer says it is not done yet: the provider's claim is withdrawn. */
export async function clearDoneClaimed(knex: Knex, id: number): Promise<void> {
  await knex('service_requests').update({ done_claimed_at: null }).where({ id });
}

/** Jobs a provider finished. */
export async function countDoneJobs(knex: Knex, providerId: number): Promise<number> {
  const row = await knex('service_requests')
    .where({ provider_id: providerId, status: 'done' })
    .count<{ n: string }[]>('* as n')
    .first();
  return Number(row?.n ?? 0);
}

/** A provider's active job: the request, its service and the customer to contact. */
export interface ActiveJobRow {
  requestId: number;
  nameEs: string;
  nameEn: string;
  address: string | null;
  lat: number;
  lng: number;
  acceptedAt: Date | null;
  customerName: string | null;
  customerWaId: string | null;
  customerBsuid: string | null;
  providerName: string;
  problem: string | null;
}

/** The accepted (not done) jobs of the provider whose user id is given, oldest first. */
export async function listActiveJobs(
  knex: Knex,
  providerUserId: number,
  limit: number,
): Promise<ActiveJobRow[]> {
  return knex('service_requests as r')
    .join('providers as p', 'p.id', 'r.provider_id')
    .join('service_types as st', 'st.id', 'r.service_type_id')
    .join('users as cu', 'cu.id', 'r.customer_id')
    .select(
      'r.id as requestId',
      'st.name_es as nameEs',
      'st.name_en as nameEn',
      'r.address',
      'r.lat',
      'r.lng',
      'r.accepted_at as acceptedAt',
      'cu.name as customerName',
      'cu.wa_id as customerWaId',
      'cu.bsuid as customerBsuid',
      'p.display_name as providerName',
      'r.problem',
    )
    .where('p.user_id', providerUserId)
    .where('r.status', 'accepted')
    .orderBy([
      { column: 'r.accepted_at', order: 'asc' },
      { column: 'r.id', order: 'asc' },
    ])
    .limit(limit);
}

/** One line of a customer's request history: the service in both languages and the provider who took it. */
export interface RequestSummaryRow {
  requestId: number;
  status: RequestStatus;
  createdAt: Date;
  nameEs: string;
  nameEn: string;
  providerName: string | null;
  providerWaId: string | null;
  /** The provider whose offer is open (the request waits for their answer). */
  offeredTo: string | null;
  rated: boolean;
  problem: string | null;
  mediaCount: number;
}

/** A customer's requests, newest first. */
export async function listRequestSummaries(
  knex: Knex,
  customerId: number,
  limit: number,
): Promise<RequestSummaryRow[]> {
  return knex('service_requests as r')
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
      knex.raw(
        `(select op.display_name from offers o join providers op on op.id = o.provider_id
           where o.request_id = r.id and o.status = 'offered' order by o.offered_at desc limit 1) as "offeredTo"`,
      ),
      knex.raw('exists (select 1 from ratings ra where ra.request_id = r.id) as rated'),
      'r.problem',
      knex.raw(
        '(select count(*)::int from media m where m.request_id = r.id and m.deleted_at is null) as "mediaCount"',
      ),
    )
    .where('r.customer_id', customerId)
    .orderBy([
      { column: 'r.created_at', order: 'desc' },
      { column: 'r.id', order: 'desc' },
    ])
    .limit(limit);
}

/** The customer's accepted job their provider said is done, awaiting the customer's word (latest first). */
/**
 * A provider's accepted job given back: the request is searching again (no provider, no choice
 * standing, claim of "done" cleared), the provider's accepted offer `cancelled` (so matching never
 * offers it to them again) and the provider free. False when it is not that provider's accepted job.
 */
export async function returnToSearching(
  knex: Knex,
  input: { requestId: number; providerId: number; now: Date },
): Promise<boolean> {
  const changed = await knex('service_requests')
    .update({
      status: 'searching',
      provider_id: null,
      accepted_at: null,
      done_claimed_at: null,
      chosen_provider_id: null,
    })
    .where({ id: input.requestId, status: 'accepted', provider_id: input.providerId });
  if (changed !== 1) return false;
  await knex('offers')
    .update({ status: 'cancelled' })
    .where({ request_id: input.requestId, provider_id: input.providerId, status: 'accepted' });
  await releaseProvider(knex, input.providerId, input.requestId, input.now);
  return true;
}

/**
 * The customer's latest accepted job moves to a pin they sent (the address replaced only when the
 * pin has a label). The request, or null when none of theirs is accepted.
 */
export async function moveAcceptedJobTo(
  knex: Knex,
  input: { customerUserId: number; lat: number; lng: number; label: string | null },
): Promise<ServiceRequest | null> {
  const latest = knex('service_requests')
    .select('id')
    .where({ customer_id: input.customerUserId, status: 'accepted' })
    .orderBy('accepted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1);
  const [row] = await knex('service_requests')
    .update({
      lat: input.lat,
      lng: input.lng,
      ...(input.label !== null ? { address: input.label } : {}),
    })
    .whereIn('id', latest)
    .where({ status: 'accepted' })
    .returning<ServiceRequest[]>(REQUEST_SELECT);
  return row ?? null;
}

/** The customer's one accepted job; none or several: undefined (which one is never guessed). */
export async function onlyAcceptedJobOfCustomer(
  knex: Knex,
  customerUserId: number,
): Promise<number | undefined> {
  const rows = await knex('service_requests')
    .select('id')
    .where({ customer_id: customerUserId, status: 'accepted' })
    .limit(2);
  return rows.length === 1 ? (rows[0] as { id: number }).id : undefined;
}

export async function claimedJobOfCustomer(
  knex: Knex,
  customerUserId: number,
): Promise<number | undefined> {
  const row = await knex('service_requests')
    .select('id')
    .where({ customer_id: customerUserId, status: 'accepted' })
    .whereNotNull('done_claimed_at')
    .orderBy('done_claimed_at', 'desc')
    .first<{ id: number } | undefined>();
  return row?.id;
}
