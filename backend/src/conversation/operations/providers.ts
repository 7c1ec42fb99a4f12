/** A provider's own account. */
import type { ProviderStatus, ProviderStats } from './types';

export interface ProvidersOperations {
  /**
   * Register the user as a provider (status `pending`, offline) with display name, services,
   * base location and radius. A `rejected` provider may register again (back to `pending`);
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
    };
    output: { status: ProviderStatus; created: boolean };
  };

  /** Go online/offline. Only approved providers can be online (`not_approved` otherwise). */
  setProviderOnline: {
    input: { providerUserId: number; online: boolean };
    output:
      | { status: 'ok'; online: boolean }
      | { status: 'not_approved'; providerStatus: ProviderStatus | null };
  };

  /** The provider's own profile numbers; `not_provider` when the user is not a provider. */
  getProviderStats: {
    input: { providerUserId: number };
    output: { status: 'ok'; stats: ProviderStats } | { status: 'not_provider' };
  };
}
