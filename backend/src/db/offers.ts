/**
 * Offers: a request proposed to one provider, who answers Accept / Decline or lets it expire.
 *
 * Claiming a provider is atomic: the provider row is locked with `FOR UPDATE SKIP LOCKED`
 * (a provider being claimed by another request is simply skipped, never waited for), then
 * checked (approved, online, not busy, no open offer) before the offer is inserted. The partial
 * unique index `offers_one_open_per_provider_uq` backs this up in the database itself.
 * Lock order everywhere: provider → request → offer rows.
 */
import type { Knex } from 'knex';
import {
  OPEN_FOR_OFFERS,
  type OfferStatus,
  type RequestStatus,
} from '../shared/marketplace-status';
import { selectList, type ColumnMap } from './columns';
import { isUniqueViolation } from './errors';

export interface Offer {
  id: number;
  requestId: number;
  providerId: number;
  status: OfferStatus;
  offeredAt: Date;
  expiresAt: Date;
  answeredAt: Date | null;
}

const OFFER_COLUMNS: ColumnMap<Offer> = {
  id: 'id',
  requestId: 'request_id',
  providerId: 'provider_id',
  status: 'status',
  offeredAt: 'offered_at',
  expiresAt: 'expires_at',
  answeredAt: 'answered_at',
};
export const OFFER_SELECT = selectList(OFFER_COLUMNS);

export type ClaimResult =
  | { ok: true; offer: Offer }
  | { ok: false; reason: 'provider_unavailable' | 'already_offered' | 'request_closed' };

export interface ClaimInput {
  requestId: number;
  providerId: number;
  /** How long the provider has to answer. */
  ttlSeconds: number;
  now?: Date;
}

export async function claimProviderForRequest(knex: Knex, input: ClaimInput): Promise<ClaimResult> {
  const now = input.now ?? new Date();
  const expiresAt = new Date(now.getTime() + input.ttlSeconds * 1000);
  try {
    return await knex.transaction(async (trx): Promise<ClaimResult> => {
      const provider = await trx('providers')
        .select('id')
        .where({ id: input.providerId, status: 'approved', online: true })
        .whereNull('deleted_at')
        .whereNull('current_request_id')
        .forUpdate()
        .skipLocked()
        .first<{ id: number } | undefined>();
      if (!provider) return { ok: false, reason: 'provider_unavailable' };
      const open = await trx('offers')
        .select('id')
        .where({ provider_id: input.providerId, status: 'offered' })
        .first();
      if (open) return { ok: false, reason: 'provider_unavailable' };

      const request = await trx('service_requests')
        .select('status')
        .where({ id: input.requestId })
        .forUpdate()
        .first<{ status: RequestStatus } | undefined>();
      if (!request || !OPEN_FOR_OFFERS.includes(request.status))
        return { ok: false, reason: 'request_closed' };

      const [offer] = await trx('offers')
        .insert({
          request_id: input.requestId,
          provider_id: input.providerId,
          status: 'offered',
          offered_at: now,
          expires_at: expiresAt,
        })
        .onConflict(['request_id', 'provider_id'])
        .ignore()
        .returning<Offer[]>(OFFER_SELECT);
      if (!offer) return { ok: false, reason: 'already_offered' };
      await trx('providers').update({ last_offered_at: now }).where({ id: input.providerId });
      await trx('service_requests')
        .update({ status: 'offered', offers_count: trx.raw('offers_count + 1') })
        .where({ id: input.requestId });
      return { ok: true, offer };
    });
  } catch (err) {
    // Belt and braces: the one-open-offer-per-provider index refused a second open offer.
    if (isUniqueViolation(err, 'offers_one_open_per_provider_uq'))
      return { ok: false, reason: 'provider_unavailable' };
    throw err;
  }
}

export async function getOffer(knex: Knex, id: number): Promise<Offer | null> {
  return (
    (await knex('offers').select(OFFER_SELECT).where({ id }).first<Offer | undefined>()) ?? null
  );
}

/** The provider's open offer (at most one: `offers_one_open_per_provider_uq`), if any. */
export async function openOfferIdOf(knex: Knex, providerId: number): Promise<number | undefined> {
  const row = await knex('offers')
    .select('id')
    .where({ provider_id: providerId, status: 'offered' })
    .first<{ id: number } | undefined>();
  return row?.id;
}

/** Offer history of a request, in the order the offers were made. */
export async function listOffersForRequest(knex: Knex, requestId: number): Promise<Offer[]> {
  return knex('offers')
    .select(OFFER_SELECT)
    .where({ request_id: requestId })
    .orderBy([{ column: 'offered_at' }, { column: 'id' }]);
}

/** The open offer of a request, if any. */
export async function getOpenOfferForRequest(knex: Knex, requestId: number): Promise<Offer | null> {
  return (
    (await knex('offers')
      .select(OFFER_SELECT)
      .where({ request_id: requestId, status: 'offered' })
      .first<Offer | undefined>()) ?? null
  );
}

/** Withdraw every open offer of a request (it was taken, cancelled or closed). Returns the offers withdrawn. */
export async function withdrawOpenOffers(
  knex: Knex,
  requestId: number,
  now: Date,
): Promise<Offer[]> {
  return knex('offers')
    .update({ status: 'cancelled', answered_at: now })
    .where({ request_id: requestId, status: 'offered' })
    .returning<Offer[]>(OFFER_SELECT);
}

/** True when the request has an open offer, or an offer made after `offerId`: the request moved on from that offer. */
export async function hasOpenOrLaterOffer(
  knex: Knex,
  requestId: number,
  offerId: number,
): Promise<boolean> {
  const row = await knex('offers')
    .select('id')
    .where({ request_id: requestId })
    .where((q) => q.where('status', 'offered').orWhere('id', '>', offerId))
    .first();
  return row !== undefined;
}

/** An open offer past its deadline, with the customer's WhatsApp identity (to deliver its timeout). */
export interface DueOffer {
  offerId: number;
  requestId: number;
  waId: string | null;
  bsuid: string | null;
}

/** Open offers whose deadline is at or before `before`, oldest deadline first (a sweep that catches missed timers). */
export async function listDueOffers(knex: Knex, before: Date, limit = 200): Promise<DueOffer[]> {
  return knex('offers as o')
    .join('service_requests as r', 'r.id', 'o.request_id')
    .join('users as u', 'u.id', 'r.customer_id')
    .where('o.status', 'offered')
    .where('o.expires_at', '<=', before)
    .select<DueOffer[]>(
      'o.id as offerId',
      'o.request_id as requestId',
      'u.wa_id as waId',
      'u.bsuid as bsuid',
    )
    .orderBy('o.expires_at')
    .limit(limit);
}

/**
 * Providers who declined or let expire any request of a retry chain (the first request and every
 * "try again" copy of it): they are never offered that request again.
 */
export async function listProvidersWhoPassed(
  knex: Knex,
  originalRequestId: number,
): Promise<number[]> {
  const rows = await knex('offers as o')
    .join('service_requests as r', 'r.id', 'o.request_id')
    .distinct('o.provider_id as providerId')
    .where((q) =>
      q.where('r.id', originalRequestId).orWhere('r.original_request_id', originalRequestId),
    )
    .whereIn('o.status', ['declined', 'expired']);
  return rows.map((r: { providerId: number }) => r.providerId);
}
