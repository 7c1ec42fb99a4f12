/** A provider's own account. */
import type {
  Coverage,
  ProviderOwnProfile,
  ProviderStatus,
  ProviderStats,
  RatingComment,
} from './types';

/** A pending offer withdrawn because its provider went offline. */
export interface WithdrawnOffer {
  offerId: number;
  requestId: number;
  /** The provider's display name (as the customer knows them). */
  providerName: string;
  customer: { conversationKey: string };
}

export interface ProvidersOperations {
  /**
   * Register the user as a provider (status `pending`, offline) with display name, services,
   * base location, radius and visit fee (whole MXN pesos 0–10,000, 0 = no visit fee, null or
   * absent = to be agreed). A `rejected` provider may register again (back to `pending`);
   * for any other existing provider nothing changes and the current status is returned with
   * `created: false`. Idempotent by `idempotencyKey`.
   */
  registerProvider: {
    input: {
      idempotencyKey: string;
      userId: number;
      displayName: string;
      serviceTypeIds: number[];
      lat: number;
      lng: number;
      radiusKm: number;
      visitFee?: number | null;
    };
    output: { status: ProviderStatus; created: boolean };
  };

  /**
   * Go online/offline. Only approved providers can be online (`not_approved` otherwise). Going
   * offline withdraws the provider's pending offers at once (`withdrawn`: whose customers must be
   * told, so their requests go on to the next provider). Going online starts the count of
   * missed offers afresh. Idempotent per call (a re-run returns the first outcome).
   */
  setProviderOnline: {
    input: { providerUserId: number; online: boolean };
    output:
      | { status: 'ok'; online: boolean; withdrawn: WithdrawnOffer[] }
      | { status: 'not_approved'; providerStatus: ProviderStatus | null };
  };

  /** Change the visit/diagnosis fee (whole MXN pesos 0–10,000, 0 = none, null = to be agreed). */
  setVisitFee: {
    input: { providerUserId: number; visitFee: number | null };
    output: { status: 'ok'; visitFee: number | null } | { status: 'not_provider' };
  };

  /**
   * The provider's own profile: numbers, what they can change (services, base, radius, visit fee)
   * and the latest `commentsLimit` (default 3, at most 5) comments of their ratings, newest first
   * (ratings without a comment are skipped). `not_provider` when the user is not a provider.
   */
  getProviderStats: {
    input: { providerUserId: number; commentsLimit?: number };
    output:
      | {
          status: 'ok';
          stats: ProviderStats;
          profile: ProviderOwnProfile;
          comments: RatingComment[];
        }
      | { status: 'not_provider' };
  };

  /**
   * A provider (any status but deleted) changes part of their profile; what is absent stays as
   * it is. `serviceTypeIds` replaces the whole set at once (unknown or inactive ids are ignored;
   * `no_services` and nothing saved when none is left); `base` outside the area the marketplace
   * serves is refused (`outside_coverage`, nothing saved); `radiusKm` is kept within 0.5–50.
   * Offers already made are not touched: the change counts for the next ones. Idempotent by
   * `idempotencyKey`.
   */
  updateProviderProfile: {
    input: {
      idempotencyKey: string;
      providerUserId: number;
      serviceTypeIds?: number[];
      base?: { lat: number; lng: number };
      radiusKm?: number;
    };
    output:
      | { status: 'updated'; profile: ProviderOwnProfile }
      | { status: 'no_services' }
      | { status: 'outside_coverage'; coverage: Extract<Coverage, { covered: false }> }
      | { status: 'not_provider' };
  };
}
