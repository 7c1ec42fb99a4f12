/** Offers of a request to providers, one at a time. */
import type { LocalizedText, JobDetails } from './types';

export interface OffersOperations {
  /**
   * Claim the next provider for an open (`searching`/`offered`) request, atomically (no provider holds two
   * pending offers; two requests never claim the same provider at once), and record a pending
   * offer. When `preferredProviderUserId` is given and that provider is still eligible, claim
   * them; otherwise claim the best candidate (same rules as findCandidates, excluding every
   * provider already offered this request) and set `preferredUnavailable: true` if a
   * preferred provider had been asked for. `attempt` = number of offers made for this request
   * including this one. When `maxOffers` offers were already made, or nobody is eligible,
   * the request becomes `no_providers` and `none` is returned with the reason; if the request
   * is not open any more (cancelled/accepted/…), `none` with reason `not_open` and nothing
   * changes. A claimed offer makes the request `offered`. Idempotent by `idempotencyKey`.
   */
  offerRequest: {
    input: {
      idempotencyKey: string;
      requestId: number;
      maxOffers: number;
      preferredProviderUserId?: number;
    };
    output:
      | {
          status: 'offered';
          requestId: number;
          offerId: number;
          attempt: number;
          preferredUnavailable: boolean;
          serviceName: LocalizedText;
          /** Customer's address/label for the provider (area only, no exact point), or null. */
          area: string | null;
          /** What the customer said is wrong (sanitised; show it through the sanitiser), or null. */
          problem?: string | null;
          /** Photos and voice notes of the problem (`requestMediaMessages` shows them); absent = 0. */
          mediaCount?: number;
          distanceKm: number;
          provider: { userId: number; name: string; conversationKey: string };
        }
      | {
          status: 'none';
          requestId: number;
          reason: 'exhausted' | 'no_candidates' | 'not_open';
          serviceName: LocalizedText;
        };
  };

  /**
   * The offer timer fired: if the offer is still pending, mark it expired (the provider is
   * free again) and return who it was for; if it was answered/withdrawn meanwhile,
   * `not_pending` and nothing changes.
   */
  expireOffer: {
    input: { offerId: number };
    output:
      | {
          status: 'expired';
          offerId: number;
          requestId: number;
          provider: { userId: number; name: string; conversationKey: string };
        }
      | { status: 'not_pending'; offerId: number; requestId: number };
  };

  /**
   * The provider answers an offer. Only a pending offer made to `providerUserId` on an open
   * request can be answered: accepting marks the offer accepted and the request
   * `accepted` (the provider becomes busy); declining marks the offer declined (the customer's
   * conversation then offers the next provider). If the same provider already answered this
   * offer, `already_answered` with what they answered; anything else (expired, withdrawn,
   * request cancelled, someone else's offer, unknown id) → `not_available`.
   * Idempotent by `idempotencyKey`: a repeat of the same call returns the first outcome.
   */
  answerOffer: {
    input: { idempotencyKey: string; offerId: number; providerUserId: number; accept: boolean };
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
      | { status: 'not_available'; offerId: number };
  };
}
