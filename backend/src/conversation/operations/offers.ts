/** Offers of a request to providers, one at a time. */
import type { LocalizedText, JobDetails } from './types';

/** The provider of an offer that expired just before an offerRequest call, to tell them what became of it. */
export interface PreviousOffer {
  offerId: number;
  conversationKey: string;
}

export interface OffersOperations {
  /**
   * Claim the next provider for an open (`searching`/`offered`) request, atomically (no provider holds two
   * pending offers; two requests never claim the same provider at once), and record a pending
   * offer. `attempt` = number of offers made for this request including this one. A claimed
   * offer makes the request `offered`. Idempotent by `idempotencyKey`.
   *
   * The provider the customer chose: `preferredProviderUserId` (given with the first call) is
   * recorded as the request's chosen provider, and while a request has one, only they are
   * offered it. When they cannot be offered it (not eligible at booking, or they declined, let it
   * expire or went offline), `chosen_unavailable` is returned and nothing else happens, so the
   * customer can be asked; `replaceChosen: true` (the customer agreed to someone else) clears
   * the choice before looking for the best candidate.
   *
   * Otherwise the best candidate (same rules as findCandidates, excluding every provider already
   * offered this request, and for a "try again" request everyone who declined or let an earlier
   * try expire). When `maxOffers` offers were already made, or nobody is eligible, the request
   * becomes `no_providers` and `none` is returned with the reason; if the request is not open
   * any more (cancelled/accepted/…), `none` with reason `not_open` and nothing changes.
   *
   * `previousOfferId`: the offer that expired just before this call; its provider is returned
   * in `previous`, so they can be told whether the request went on to someone else.
   */
  offerRequest: {
    input: {
      idempotencyKey: string;
      requestId: number;
      maxOffers: number;
      preferredProviderUserId?: number;
      replaceChosen?: boolean;
      previousOfferId?: number;
    };
    output:
      | {
          status: 'offered';
          requestId: number;
          offerId: number;
          attempt: number;
          serviceName: LocalizedText;
          /** Customer's address/label for the provider (area only, no exact point), or null. */
          area: string | null;
          /** What the customer said is wrong (sanitised; show it through the sanitiser), or null. */
          problem?: string | null;
          /** Photos and voice notes of the problem (`requestMediaMessages` shows them); absent = 0. */
          mediaCount?: number;
          /** The customer said it is urgent; absent = not said. */
          urgent?: boolean;
          distanceKm: number;
          provider: {
            userId: number;
            name: string;
            conversationKey: string;
            /** Whole MXN pesos (0 = no visit fee); null = to be agreed. */
            visitFee: number | null;
          };
          previous: PreviousOffer | null;
        }
      | {
          status: 'none';
          requestId: number;
          reason: 'exhausted' | 'no_candidates' | 'not_open';
          serviceName: LocalizedText;
          previous: PreviousOffer | null;
        }
      | {
          status: 'chosen_unavailable';
          requestId: number;
          serviceName: LocalizedText;
          /** The chosen provider's display name. */
          providerName: string;
          /** They had been offered this request (and declined, let it expire or went offline). */
          wasOffered: boolean;
          previous: PreviousOffer | null;
        };
  };

  /**
   * The offer timer fired: if the offer is still pending, mark it expired (the provider is
   * free again) and return who it was for; if it was answered/withdrawn meanwhile,
   * `not_pending` and nothing changes. An expiry counts as a missed offer: `setOffline` is true
   * when this one made the provider reach the configured number in a row and set them offline.
   */
  expireOffer: {
    input: { offerId: number };
    output:
      | {
          status: 'expired';
          offerId: number;
          requestId: number;
          provider: { userId: number; name: string; conversationKey: string };
          setOffline: boolean;
        }
      | { status: 'not_pending'; offerId: number; requestId: number };
  };

  /**
   * The provider answers an offer. Only a pending offer made to `providerUserId` on an open
   * request can be answered: accepting marks the offer accepted and the request
   * `accepted` (the provider becomes busy); declining marks the offer declined (the customer's
   * conversation then offers the next provider). If the same provider already answered this
   * offer, `already_answered` with what they answered; anything else (expired, withdrawn,
   * request cancelled, someone else's offer, unknown id) → `not_available`. Any answer ends the
   * provider's run of missed offers.
   * `offerId: null` answers the provider's one open offer (a typed "acepto" / "no puedo" instead
   * of a tap; a provider never has two open offers); `none_open` when there is none.
   * Idempotent by `idempotencyKey`: a repeat of the same call returns the first outcome.
   */
  answerOffer: {
    input: {
      idempotencyKey: string;
      offerId: number | null;
      providerUserId: number;
      accept: boolean;
    };
    output:
      | { status: 'accepted'; offerId: number; job: JobDetails }
      | {
          status: 'declined';
          offerId: number;
          requestId: number;
          serviceName: LocalizedText;
          providerName: string;
          customer: { conversationKey: string };
        }
      | { status: 'already_answered'; offerId: number; accepted: boolean }
      | { status: 'not_available'; offerId: number }
      | { status: 'none_open' };
  };
}
