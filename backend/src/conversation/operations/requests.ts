/** A customer's service requests. */
import type { LocalizedText, RequestStatus, RequestSummary } from './types';

export interface RequestsOperations {
  /**
   * Create a service request (status `searching`) for the customer. Idempotent by
   * `idempotencyKey`: a repeat returns the same requestId with `created: false`.
   */
  createRequest: {
    input: {
      idempotencyKey: string;
      customerUserId: number;
      serviceTypeId: number;
      lat: number;
      lng: number;
      address: string | null;
      /** What is wrong, in the customer's words (sanitised), or null. */
      problem?: string | null;
      /**
       * The neighbourhood (what offers show); absent: the one nearest the point. `address` is the
       * full address, given to the provider who accepts.
       */
      area?: string | null;
      /** Photos and voice notes of the problem (saved with `saveMedia`): linked to the request. */
      storedMediaIds?: number[];
    };
    output: { requestId: number; created: boolean; serviceName: LocalizedText };
  };

  /**
   * The customer cancels their request. Allowed while `searching`, `offered` or `accepted`; a pending
   * offer is withdrawn. `provider` = who must be told (the one holding the pending offer,
   * with its offerId, or the one who accepted, offerId null), or null.
   */
  cancelRequest: {
    input: { requestId: number; customerUserId: number };
    output:
      | {
          status: 'cancelled';
          requestId: number;
          serviceName: LocalizedText;
          provider: { conversationKey: string; offerId: number | null } | null;
        }
      | { status: 'not_cancellable'; requestId: number; current: RequestStatus }
      | { status: 'not_found'; requestId: number };
  };

  /**
   * "Try again" after nobody was available: create a new `searching` request copying the
   * service type and location of `requestId` (which must belong to the customer and be
   * `no_providers`). Idempotent by `idempotencyKey`.
   */
  retryRequest: {
    input: { idempotencyKey: string; requestId: number; customerUserId: number };
    output:
      | { status: 'created'; requestId: number; serviceName: LocalizedText }
      | { status: 'not_allowed'; requestId: number };
  };

  /** The customer's latest requests, newest first, at most `limit`. */
  listMyRequests: {
    input: { customerUserId: number; limit: number };
    output: { requests: RequestSummary[] };
  };
}
