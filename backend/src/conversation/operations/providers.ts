/** A provider's own account. */
import type { ProviderStatus, ProviderStats } from './types';

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

  /** The provider's own profile numbers; `not_provider` when the user is not a provider. */
  getProviderStats: {
    input: { providerUserId: number };
    output: { status: 'ok'; stats: ProviderStats } | { status: 'not_provider' };
  };
}
