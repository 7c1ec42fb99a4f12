/**
 * offerRequest / expireOffer / answerOffer: a request proposed to one provider after the other.
 *
 * Who is offered the request is the dispatch's (matching/dispatch.ts: one open offer at a time,
 * best candidate first, claimed with SKIP LOCKED so a provider claimed by another request is
 * skipped, never waited for), run inside the operation's transaction so the outcome is stored
 * with it (idempotency.ts). The request row is locked first, so one request is never offered
 * twice at once.
 *
 * The customer's offer timer is the authority on expiry: offers are written with a grace period
 * past the conversation's timeout (a provider tapping Accept a few seconds "late", before the
 * timer ran, still gets the job), and `expireOffer` also reports an offer that another path
 * closed without an answer (expired at an Accept tap, or cancelled because the provider became
 * busy or inactive) when nothing else has moved the request on — so the customer's conversation
 * always goes on to the next provider. Each offer's expiry is reported once (an offer withdrawn
 * because its provider went offline is reported by setProviderOnline instead).
 *
 * An expiry is a missed offer: after `maxMissedOffers` in a row the provider is set offline (any
 * answer ends the run; db/providers.ts `recordMissedOffer`).
 */
import { countMediaOfRequest } from '../db/media';
import type { Knex } from 'knex';
import type { LocalizedText, Operations, PreviousOffer } from '../conversation/operations';
import { acceptOffer, declineOffer, expireOffer as expireOpenOffer } from '../db/offer-answers';
import { getOffer, hasOpenOrLaterOffer, openOfferIdOf, type Offer } from '../db/offers';
import {
  getProviderDistanceKm,
  lockProvider,
  recordMissedOffer,
  resetMissedOffers,
} from '../db/providers';
import { getRequestForUpdate, isUrgent, type ServiceRequest } from '../db/requests';
import { dispatchOffer } from '../matching/dispatch';
import { DEFAULT_SCORE_CONFIG, type ScoreConfig } from '../matching/score';
import { metrics } from '../observability/metrics';
import { OPEN_FOR_OFFERS } from '../shared/marketplace-status';
import type { OperationHandler } from './registry';
import { markOnce, once, type Tx } from './idempotency';
import {
  partyOf,
  providerCardById,
  providerCardByUserId,
  roundKm,
  serviceNameOf,
  userKeyOf,
  userParty,
} from './lookups';

export interface OfferSettings {
  /** The conversation's answer window (its offer timer). */
  offerTimeoutSeconds: number;
  /** Extra time the database keeps an offer answerable after the window (the timer decides). */
  graceSeconds?: number;
  score?: ScoreConfig;
}

export interface ExpirySettings {
  /** Missed offers in a row before the provider is set offline (0 = never). */
  maxMissedOffers: number;
}

export const DEFAULT_OFFER_GRACE_SECONDS = 120;

type OfferOutput = Operations['offerRequest']['output'];
type Offered = Extract<OfferOutput, { status: 'offered' }>;

export function offerRequest(
  knex: Knex,
  settings: OfferSettings,
): OperationHandler<'offerRequest'> {
  const ttlSeconds =
    settings.offerTimeoutSeconds + (settings.graceSeconds ?? DEFAULT_OFFER_GRACE_SECONDS);
  const score = settings.score ?? DEFAULT_SCORE_CONFIG;
  return async (input, ctx) =>
    once(
      knex,
      'offerRequest',
      input.idempotencyKey,
      input,
      async ({ trx, after }: Tx): Promise<OfferOutput> => {
        const now = new Date(ctx.now);
        const request = await getRequestForUpdate(trx, input.requestId);
        const previous =
          input.previousOfferId === undefined
            ? null
            : await previousOffer(trx, input.previousOfferId, input.requestId);
        if (!request)
          return {
            status: 'none',
            requestId: input.requestId,
            reason: 'not_open',
            serviceName: { es: '', en: '' },
            previous,
          };
        const service = await serviceNameOf(trx, request.serviceTypeId);
        const dispatched = await dispatchOffer(trx, request, {
          maxOffers: input.maxOffers,
          ttlSeconds,
          score,
          now,
          ...(input.preferredProviderUserId !== undefined
            ? { preferredProviderUserId: input.preferredProviderUserId }
            : {}),
          ...(input.replaceChosen ? { replaceChosen: true } : {}),
        });
        switch (dispatched.kind) {
          case 'pending': {
            const { offer } = dispatched;
            const km = await getProviderDistanceKm(trx, offer.providerId, request);
            return offered(trx, request, service.name, previous, {
              offerId: offer.id,
              providerId: offer.providerId,
              km,
              attempt: request.offersCount,
            });
          }
          case 'offered':
            after(() => metrics.offers.inc({ outcome: 'sent' }));
            return offered(trx, request, service.name, previous, {
              offerId: dispatched.offer.id,
              providerId: dispatched.candidate.providerId,
              km: dispatched.candidate.distanceKm,
              attempt: request.offersCount + 1,
            });
          case 'chosen_unavailable':
            return {
              status: 'chosen_unavailable',
              requestId: request.id,
              serviceName: service.name,
              providerName: dispatched.provider.name,
              wasOffered: dispatched.wasOffered,
              previous,
            };
          default:
            return {
              status: 'none',
              requestId: request.id,
              reason: dispatched.kind,
              serviceName: service.name,
              previous,
            };
        }
      },
    );
}

/** The provider of the offer that expired just before (it must be of this request), to be told what became of it. */
async function previousOffer(
  trx: Knex.Transaction,
  offerId: number,
  requestId: number,
): Promise<PreviousOffer | null> {
  const offer = await getOffer(trx, offerId);
  if (!offer || offer.requestId !== requestId) return null;
  const card = await providerCardById(trx, offer.providerId);
  return card ? { offerId: offer.id, conversationKey: card.conversationKey } : null;
}

async function offered(
  trx: Knex.Transaction,
  request: ServiceRequest,
  serviceName: LocalizedText,
  previous: PreviousOffer | null,
  o: { offerId: number; providerId: number; km: number; attempt: number },
): Promise<Offered> {
  const card = await providerCardById(trx, o.providerId);
  if (!card) throw new Error(`provider ${o.providerId} vanished`);
  const mediaCount = await countMediaOfRequest(trx, request.id);
  const urgent = await isUrgent(trx, request.id);
  return {
    status: 'offered',
    requestId: request.id,
    offerId: o.offerId,
    attempt: o.attempt,
    serviceName,
    area: request.area,
    problem: request.problem,
    mediaCount,
    ...(urgent ? { urgent: true } : {}),
    distanceKm: roundKm(o.km),
    provider: {
      userId: card.userId,
      name: card.name,
      conversationKey: card.conversationKey,
      visitFee: card.visitFee,
    },
    previous,
  };
}

type ExpireOutput = Operations['expireOffer']['output'];

/** Keyed by the command id (the timer event): a re-run after a crash returns the first outcome. */
export function expireOffer(knex: Knex, settings: ExpirySettings): OperationHandler<'expireOffer'> {
  return async (input, ctx) =>
    once(
      knex,
      'expireOffer',
      ctx.commandId,
      input,
      async ({ trx, after }: Tx): Promise<ExpireOutput> => {
        const now = new Date(ctx.now);
        const peek = await getOffer(trx, input.offerId);
        if (!peek) return { status: 'not_pending', offerId: input.offerId, requestId: 0 };
        const notPending: ExpireOutput = {
          status: 'not_pending',
          offerId: peek.id,
          requestId: peek.requestId,
        };
        await lockProvider(trx, peek.providerId);
        const result = await expireOpenOffer(trx, { offerId: peek.id, now });
        let setOffline = false;
        if (result.ok) {
          after(() => metrics.offers.inc({ outcome: 'expired' }));
          setOffline = (
            await recordMissedOffer(trx, peek.providerId, settings.maxMissedOffers, now)
          ).setOffline;
        } else {
          const closed = result.offer;
          if (!closed || (closed.status !== 'expired' && closed.status !== 'cancelled'))
            return notPending;
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
          setOffline,
        };
      },
    );
}

/** The request is still looking and this offer is its latest, with none open: the customer waits on it. */
async function requestWaitsOn(trx: Knex.Transaction, offer: Offer): Promise<boolean> {
  const request = await getRequestForUpdate(trx, offer.requestId);
  if (!request || !OPEN_FOR_OFFERS.includes(request.status)) return false;
  return !(await hasOpenOrLaterOffer(trx, offer.requestId, offer.id));
}

type AnswerOutput = Operations['answerOffer']['output'];

export function answerOffer(knex: Knex): OperationHandler<'answerOffer'> {
  return async (input, ctx) =>
    once(
      knex,
      'answerOffer',
      input.idempotencyKey,
      input,
      async ({ trx, after }: Tx): Promise<AnswerOutput> => {
        const now = new Date(ctx.now);
        const card = await providerCardByUserId(trx, input.providerUserId);
        // Typed ("acepto"): the provider's one open offer, if there is one.
        const offerId =
          input.offerId ?? (card ? await openOfferIdOf(trx, card.providerId) : undefined);
        if (offerId === undefined) return { status: 'none_open' };
        const notAvailable: AnswerOutput = { status: 'not_available', offerId };
        const offer = await getOffer(trx, offerId);
        if (!card || !offer || offer.providerId !== card.providerId) return notAvailable;
        // Whatever became of the offer, the provider is there: their run of missed offers is over.
        await lockProvider(trx, card.providerId);
        await resetMissedOffers(trx, card.providerId);
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
          const [service, customer] = await Promise.all([
            serviceNameOf(trx, r.request.serviceTypeId),
            userParty(trx, r.request.customerId),
          ]);
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
        const [service, customerKey] = await Promise.all([
          serviceNameOf(trx, r.request.serviceTypeId),
          userKeyOf(trx, r.request.customerId),
        ]);
        return {
          status: 'declined',
          offerId: offer.id,
          requestId: r.request.id,
          serviceName: service.name,
          providerName: card.name,
          customer: { conversationKey: customerKey },
        };
      },
    );
}

function alreadyAnswered(offer: Offer): AnswerOutput | null {
  if (offer.status !== 'accepted' && offer.status !== 'declined') return null;
  return { status: 'already_answered', offerId: offer.id, accepted: offer.status === 'accepted' };
}
