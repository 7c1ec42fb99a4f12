/**
 * Answers to an offer: accept, decline, expire. Each is one transaction whose conditional checks
 * run under row locks, so two Accept taps (the same offer twice, or two offers of one provider)
 * can never give one provider two jobs or one job two providers. Anything that is no longer
 * answerable — expired, answered, taken by someone else, not this provider's — returns
 * `{ ok: false, reason: 'not_available', why }` instead of throwing.
 */
import type { Knex } from 'knex';
import { OPEN_FOR_OFFERS } from '../shared/marketplace-status';
import { OFFER_SELECT, withdrawOpenOffers, type Offer } from './offers';
import { getRequest, getRequestForUpdate, REQUEST_SELECT, type ServiceRequest } from './requests';

export type NotAvailableWhy =
  | 'not_found'
  | 'foreign'
  | 'expired'
  | 'answered'
  | 'already_accepted'
  | 'taken'
  | 'busy'
  | 'provider_inactive';
export type NotAvailable = {
  ok: false;
  reason: 'not_available';
  why: NotAvailableWhy;
  offer?: Offer;
};

export type AcceptResult =
  { ok: true; offer: Offer; request: ServiceRequest; withdrawn: Offer[] } | NotAvailable;
export type AnswerResult = { ok: true; offer: Offer; request: ServiceRequest } | NotAvailable;

export interface AnswerInput {
  offerId: number;
  /** The provider answering; an offer of another provider is 'foreign'. Omit for system actions. */
  providerId?: number;
  now?: Date;
}

const notAvailable = (why: NotAvailableWhy, offer?: Offer): NotAvailable => ({
  ok: false,
  reason: 'not_available',
  why,
  ...(offer ? { offer } : {}),
});

const whyClosed = (offer: Offer): NotAvailableWhy =>
  offer.status === 'accepted'
    ? 'already_accepted'
    : offer.status === 'expired'
      ? 'expired'
      : 'answered';

export async function acceptOffer(knex: Knex, input: AnswerInput): Promise<AcceptResult> {
  const now = input.now ?? new Date();
  return knex.transaction(async (trx): Promise<AcceptResult> => {
    const peek = await trx('offers')
      .select(OFFER_SELECT)
      .where({ id: input.offerId })
      .first<Offer | undefined>();
    if (!peek) return notAvailable('not_found');
    if (input.providerId !== undefined && peek.providerId !== input.providerId)
      return notAvailable('foreign');

    const provider = await trx('providers')
      .select('status', 'deleted_at as deletedAt', 'current_request_id as currentRequestId')
      .where({ id: peek.providerId })
      .forUpdate()
      .first<{ status: string; deletedAt: Date | null; currentRequestId: number | null }>();
    const request = (await getRequestForUpdate(trx, peek.requestId))!;
    const offer = await trx('offers')
      .select(OFFER_SELECT)
      .where({ id: peek.id })
      .forUpdate()
      .first<Offer>();

    if (offer.status !== 'offered') return notAvailable(whyClosed(offer), offer);
    if (offer.expiresAt.getTime() <= now.getTime()) {
      return notAvailable('expired', await closeOffer(trx, offer.id, 'expired', now));
    }
    if (provider.status !== 'approved' || provider.deletedAt !== null) {
      return notAvailable('provider_inactive', await closeOffer(trx, offer.id, 'cancelled', now));
    }
    if (provider.currentRequestId !== null)
      return notAvailable('busy', await closeOffer(trx, offer.id, 'cancelled', now));
    if (!OPEN_FOR_OFFERS.includes(request.status) || request.providerId !== null) {
      return notAvailable('taken', await closeOffer(trx, offer.id, 'cancelled', now));
    }

    const accepted = await closeOffer(trx, offer.id, 'accepted', now);
    const [updated] = await trx('service_requests')
      .update({ status: 'accepted', provider_id: offer.providerId, accepted_at: now })
      .where({ id: request.id })
      .returning<ServiceRequest[]>(REQUEST_SELECT);
    await trx('providers')
      .update({ current_request_id: request.id, updated_at: now })
      .where({ id: offer.providerId });
    const withdrawn = await withdrawOpenOffers(trx, request.id, now);
    return { ok: true, offer: accepted, request: updated!, withdrawn };
  });
}

/** The provider says no. The request goes back to 'searching' when no other offer is open. */
export async function declineOffer(knex: Knex, input: AnswerInput): Promise<AnswerResult> {
  return finishOffer(knex, input, 'declined');
}

/** The provider did not answer in time (timer or sweep). Same effect on the request as a decline. */
export async function expireOffer(
  knex: Knex,
  input: Omit<AnswerInput, 'providerId'>,
): Promise<AnswerResult> {
  return finishOffer(knex, input, 'expired');
}

async function finishOffer(
  knex: Knex,
  input: AnswerInput,
  to: 'declined' | 'expired',
): Promise<AnswerResult> {
  const now = input.now ?? new Date();
  return knex.transaction(async (trx): Promise<AnswerResult> => {
    const peek = await trx('offers')
      .select(OFFER_SELECT)
      .where({ id: input.offerId })
      .first<Offer | undefined>();
    if (!peek) return notAvailable('not_found');
    if (input.providerId !== undefined && peek.providerId !== input.providerId)
      return notAvailable('foreign');
    await trx('service_requests').select('id').where({ id: peek.requestId }).forUpdate();
    const [offer] = await trx('offers')
      .update({ status: to, answered_at: now })
      .where({ id: peek.id, status: 'offered' })
      .returning<Offer[]>(OFFER_SELECT);
    if (!offer) {
      const current =
        (await trx('offers').select(OFFER_SELECT).where({ id: peek.id }).first<Offer>()) ?? peek;
      return notAvailable(whyClosed(current), current);
    }
    const [reopened] = await trx('service_requests')
      .update({ status: 'searching' })
      .where({ id: offer.requestId, status: 'offered' })
      .whereNotExists((q) =>
        q
          .select(trx.raw('1'))
          .from('offers')
          .where({ request_id: offer.requestId, status: 'offered' }),
      )
      .returning<ServiceRequest[]>(REQUEST_SELECT);
    const request = reopened ?? (await getRequest(trx, offer.requestId))!;
    return { ok: true, offer, request };
  });
}

async function closeOffer(
  trx: Knex.Transaction,
  id: number,
  status: Offer['status'],
  now: Date,
): Promise<Offer> {
  const [row] = await trx('offers')
    .update({ status, answered_at: now })
    .where({ id })
    .returning<Offer[]>(OFFER_SELECT);
  return row!;
}
