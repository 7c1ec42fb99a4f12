/**
 * offerRequest / expireOffer / answerOffer: a request proposed to one provider after the other.
 *
 * The claim itself is the db layer's (`claimProviderForRequest`: the provider row is locked with
 * SKIP LOCKED and re-checked, the one-open-offer-per-provider index backs it up), run inside the
 * operation's transaction so the outcome is stored with it (idempotency.ts). The request row is
 * locked first, so one request is never offered twice at once; a provider locked by another
 * request's claim is skipped, never waited for.
 *
 * The customer's offer timer is the authority on expiry: offers are written with a grace period
 * past the conversation's timeout (a provider tapping Accept a few seconds "late", before the
 * timer ran, still gets the job), and `expireOffer` also reports an offer that another path
 * closed without an answer (expired at an Accept tap, or cancelled because the provider became
 * busy or inactive) when nothing else has moved the request on — so the customer's conversation
 * always goes on to the next provider. Each offer's expiry is reported once.
 */
import type { Knex } from 'knex';
import type { LocalizedText, Operations } from '../conversation/operations';
import { acceptOffer, declineOffer, expireOffer as expireOpenOffer } from '../db/offer-answers';
import { claimProviderForRequest, getOffer, type Offer } from '../db/offers';
import { markNoProviders, REQUEST_SELECT, type ServiceRequest } from '../db/requests';
import { candidateQuery, findRankedCandidates, type CandidateRow } from '../matching/candidates';
import { DEFAULT_SCORE_CONFIG, type ScoreConfig } from '../matching/score';
import { metrics } from '../observability/metrics';
import type { OperationHandler } from './registry';
import { markOnce, once, type Tx } from './idempotency';
import { partyOf, providerCardById, providerCardByUserId, roundKm, serviceNameOf, userKeyOf, userParty } from './lookups';
import { rankingPool } from './matching';
import { OPEN_FOR_OFFERS } from './status-map';

export interface OfferSettings {
  /** The conversation's answer window (its offer timer). */
  offerTimeoutSeconds: number;
  /** Extra time the database keeps an offer answerable after the window (the timer decides). */
  graceSeconds?: number;
  score?: ScoreConfig;
}

export const DEFAULT_OFFER_GRACE_SECONDS = 120;
const CLAIM_PASSES = 3;

type OfferOutput = Operations['offerRequest']['output'];
type Offered = Extract<OfferOutput, { status: 'offered' }>;

export function offerRequest(knex: Knex, settings: OfferSettings): OperationHandler<'offerRequest'> {
  const ttlSeconds = settings.offerTimeoutSeconds + (settings.graceSeconds ?? DEFAULT_OFFER_GRACE_SECONDS);
  const score = settings.score ?? DEFAULT_SCORE_CONFIG;
  return async (input, ctx) =>
    once(knex, 'offerRequest', input.idempotencyKey, input, async ({ trx, after }: Tx): Promise<OfferOutput> => {
      const now = new Date(ctx.now);
      const request = await trx('service_requests').select(REQUEST_SELECT).where({ id: input.requestId }).forUpdate().first<ServiceRequest | undefined>();
      if (!request) return { status: 'none', requestId: input.requestId, reason: 'not_open', serviceName: { es: '', en: '' } };
      const service = await serviceNameOf(trx, request.serviceTypeId);
      const none = (reason: 'exhausted' | 'no_candidates' | 'not_open'): OfferOutput => ({
        status: 'none',
        requestId: request.id,
        reason,
        serviceName: service.name,
      });
      if (!OPEN_FOR_OFFERS.includes(request.status)) return none('not_open');

      // One open offer per request: a second "next provider" while one is pending gets that one.
      const open = await trx('offers').select('id', 'provider_id as providerId').where({ request_id: request.id, status: 'offered' }).first<{ id: number; providerId: number } | undefined>();
      if (open) {
        const km = await distanceKm(trx, open.providerId, request);
        return offered(trx, request, service.name, { offerId: open.id, providerId: open.providerId, km, attempt: request.offersCount, preferredUnavailable: false });
      }

      if (request.offersCount >= input.maxOffers) {
        await markNoProviders(trx, request.id, now);
        return none('exhausted');
      }

      const claim = async (row: CandidateRow): Promise<Offer | 'closed' | null> => {
        const r = await claimProviderForRequest(trx, { requestId: request.id, providerId: row.providerId, ttlSeconds, now });
        if (r.ok) return r.offer;
        return r.reason === 'request_closed' ? 'closed' : null;
      };
      const query = { serviceTypeId: request.serviceTypeId, lat: request.lat, lng: request.lng, requestId: request.id, customerId: request.customerId };
      let won: { offer: Offer; row: CandidateRow } | null = null;

      let preferredUnavailable = false;
      if (input.preferredProviderUserId !== undefined) {
        const rows = (await candidateQuery(trx, { ...query, limit: 1 }).where('p.user_id', input.preferredProviderUserId)) as CandidateRow[];
        const got = rows[0] ? await claim(rows[0]) : null;
        if (got === 'closed') return none('not_open');
        if (got) won = { offer: got, row: rows[0]! };
        else preferredUnavailable = true;
      }

      // Candidates lost to a concurrent claim (locked, or claimed meanwhile) are looked for again
      // a couple of times: a provider briefly locked for another reason is not "nobody".
      for (let pass = 0; !won && pass < CLAIM_PASSES; pass++) {
        if (pass > 0) await new Promise((r) => setTimeout(r, 15 * pass));
        const ranked = await findRankedCandidates(trx, { ...query, limit: rankingPool(1) }, score, now);
        if (ranked.length === 0) break;
        for (const row of ranked) {
          const got = await claim(row);
          if (got === 'closed') return none('not_open');
          if (got) {
            won = { offer: got, row };
            break;
          }
        }
      }

      if (!won) {
        await markNoProviders(trx, request.id, now);
        return none('no_candidates');
      }
      after(() => metrics.offers.inc({ outcome: 'sent' }));
      return offered(trx, request, service.name, {
        offerId: won.offer.id,
        providerId: won.row.providerId,
        km: won.row.distanceKm,
        attempt: request.offersCount + 1,
        preferredUnavailable,
      });
    });
}

async function offered(
  trx: Knex.Transaction,
  request: ServiceRequest,
  serviceName: LocalizedText,
  o: { offerId: number; providerId: number; km: number; attempt: number; preferredUnavailable: boolean },
): Promise<Offered> {
  const card = await providerCardById(trx, o.providerId);
  if (!card) throw new Error(`provider ${o.providerId} vanished`);
  return {
    status: 'offered',
    requestId: request.id,
    offerId: o.offerId,
    attempt: o.attempt,
    preferredUnavailable: o.preferredUnavailable,
    serviceName,
    area: request.address,
    distanceKm: roundKm(o.km),
    provider: { userId: card.userId, name: card.name, conversationKey: card.conversationKey },
  };
}

async function distanceKm(knex: Knex, providerId: number, at: { lat: number; lng: number }): Promise<number> {
  const row = await knex('providers')
    .select(knex.raw('earth_distance(location, ll_to_earth(?, ?)) / 1000.0 as km', [at.lat, at.lng]))
    .where({ id: providerId })
    .first<{ km: number }>();
  return row.km;
}

type ExpireOutput = Operations['expireOffer']['output'];

/** Keyed by the command id (the timer event): a re-run after a crash returns the first outcome. */
export function expireOffer(knex: Knex): OperationHandler<'expireOffer'> {
  return async (input, ctx) =>
    once(knex, 'expireOffer', ctx.commandId, input, async ({ trx, after }: Tx): Promise<ExpireOutput> => {
      const peek = await getOffer(trx, input.offerId);
      if (!peek) return { status: 'not_pending', offerId: input.offerId, requestId: 0 };
      const notPending: ExpireOutput = { status: 'not_pending', offerId: peek.id, requestId: peek.requestId };
      const result = await expireOpenOffer(trx, { offerId: peek.id, now: new Date(ctx.now) });
      if (result.ok) after(() => metrics.offers.inc({ outcome: 'expired' }));
      else {
        const closed = result.offer;
        if (!closed || (closed.status !== 'expired' && closed.status !== 'cancelled')) return notPending;
        if (!(await requestWaitsOn(trx, closed))) return notPending;
        if (closed.status === 'expired') after(() => metrics.offers.inc({ outcome: 'expired' }));
      }
      if (!(await markOnce(trx, 'expireOffer:reported', String(peek.id)))) return notPending;
      const card = await providerCardById(trx, peek.providerId);
      if (!card) throw new Error(`provider ${peek.providerId} vanished`);
      return {
        status: 'expired',
        offerId: peek.id,
        requestId: peek.requestId,
        provider: { userId: card.userId, name: card.name, conversationKey: card.conversationKey },
      };
    });
}

/** The request is still looking and this offer is its latest, with none open: the customer waits on it. */
async function requestWaitsOn(trx: Knex.Transaction, offer: Offer): Promise<boolean> {
  const request = await trx('service_requests').select('status').where({ id: offer.requestId }).forUpdate().first<{ status: ServiceRequest['status'] }>();
  if (!request || !OPEN_FOR_OFFERS.includes(request.status)) return false;
  const moved = await trx('offers')
    .select('id')
    .where({ request_id: offer.requestId })
    .where((q) => q.where('status', 'offered').orWhere('id', '>', offer.id))
    .first();
  return !moved;
}

type AnswerOutput = Operations['answerOffer']['output'];

export function answerOffer(knex: Knex): OperationHandler<'answerOffer'> {
  return async (input, ctx) =>
    once(knex, 'answerOffer', input.idempotencyKey, input, async ({ trx, after }: Tx): Promise<AnswerOutput> => {
      const now = new Date(ctx.now);
      const notAvailable: AnswerOutput = { status: 'not_available', offerId: input.offerId };
      const card = await providerCardByUserId(trx, input.providerUserId);
      const offer = await getOffer(trx, input.offerId);
      if (!card || !offer || offer.providerId !== card.providerId) return notAvailable;
      const answeredBefore = alreadyAnswered(offer);
      if (answeredBefore) return answeredBefore;
      const responseSeconds = Math.max(0, (now.getTime() - offer.offeredAt.getTime()) / 1000);

      if (input.accept) {
        const r = await acceptOffer(trx, { offerId: offer.id, providerId: card.providerId, now });
        if (!r.ok) return (r.offer && alreadyAnswered(r.offer)) || notAvailable;
        after(() => {
          metrics.offers.inc({ outcome: 'accepted' });
          metrics.providerResponseDuration.observe({ outcome: 'accepted' }, responseSeconds);
        });
        const [service, customer] = await Promise.all([serviceNameOf(trx, r.request.serviceTypeId), userParty(trx, r.request.customerId)]);
        return {
          status: 'accepted',
          offerId: offer.id,
          job: {
            requestId: r.request.id,
            serviceName: service.name,
            lat: r.request.lat,
            lng: r.request.lng,
            address: r.request.address,
            customer,
            provider: partyOf(card),
          },
        };
      }

      const r = await declineOffer(trx, { offerId: offer.id, providerId: card.providerId, now });
      if (!r.ok) return (r.offer && alreadyAnswered(r.offer)) || notAvailable;
      after(() => {
        metrics.offers.inc({ outcome: 'declined' });
        metrics.providerResponseDuration.observe({ outcome: 'declined' }, responseSeconds);
      });
      const [service, customerKey] = await Promise.all([serviceNameOf(trx, r.request.serviceTypeId), userKeyOf(trx, r.request.customerId)]);
      return {
        status: 'declined',
        offerId: offer.id,
        requestId: r.request.id,
        serviceName: service.name,
        providerName: card.name,
        customer: { conversationKey: customerKey },
      };
    });
}

function alreadyAnswered(offer: Offer): AnswerOutput | null {
  if (offer.status !== 'accepted' && offer.status !== 'declined') return null;
  return { status: 'already_answered', offerId: offer.id, accepted: offer.status === 'accepted' };
}
