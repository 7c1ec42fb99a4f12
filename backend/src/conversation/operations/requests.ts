/** A customer's service requests. */
import type { CancelReason, LocalizedText, RequestStatus, RequestSummary } from './types';

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
      /** The customer said it is urgent (offers show it). */
      urgent?: boolean;
    };
    output: { requestId: number; created: boolean; serviceName: LocalizedText };
  };

  /**
   * The customer cancels their request. Allowed while `searching`, `offered` or `accepted`; a pending
   * offer is withdrawn. An `accepted` job is only cancelled with a `reason` (stored with the
   * request): without one, `confirm` is returned (with who took the job) and nothing changes, so
   * the customer can be asked first. `provider` = who must be told (the one holding the pending
   * offer, with its offerId, or the one who accepted, offerId null), or null; `reason` is what was
   * stored.
   */
  cancelRequest: {
    input: { requestId: number; customerUserId: number; reason?: CancelReason };
    output:
      | {
          status: 'cancelled';
          requestId: number;
          serviceName: LocalizedText;
          provider: { conversationKey: string; offerId: number | null } | null;
          reason: CancelReason | null;
        }
      | { status: 'confirm'; requestId: number; serviceName: LocalizedText; providerName: string }
      | { status: 'not_cancellable'; requestId: number; current: RequestStatus }
      | { status: 'not_found'; requestId: number };
  };

  /**
   * The customer wants someone else ("quiero otro plomero", "cámbiame al electricista") for a
   * request that is still theirs and in progress: a pending offer is withdrawn (`cancelled`), an
   * accepted job goes back to searching (the provider freed, their offer `cancelled`), the choice
   * of provider is cleared, so the next `offerRequest` goes to someone else (nobody who was
   * offered this request is offered it again). `previous` = who must be told (with their pending
   * offer's id, or null for an accepted job), or null when nobody held it. `not_open` when the
   * request is finished, cancelled or without providers (nothing changes); `not_found` when it is
   * not the customer's. Idempotent by `idempotencyKey`.
   */
  replaceProvider: {
    input: { idempotencyKey: string; requestId: number; customerUserId: number };
    output:
      | {
          status: 'replaced';
          requestId: number;
          serviceName: LocalizedText;
          previous: {
            conversationKey: string;
            /** The provider's display name (as the customer knows them). */
            name: string;
            offerId: number | null;
            wasAccepted: boolean;
          } | null;
        }
      | { status: 'not_open'; requestId: number; current: RequestStatus }
      | { status: 'not_found'; requestId: number };
  };

  /**
   * A pin sent while a provider has the customer's job (accepted): the job's place becomes the pin
   * (its label, when given, the address; otherwise the address said before stays), so the job's
   * card shows it, and `provider` is who to tell. With several accepted jobs, the latest accepted.
   * `none` when no job of theirs is accepted (the pin is then for a new request).
   * Idempotent by `idempotencyKey`.
   */
  shareJobLocation: {
    input: {
      idempotencyKey: string;
      customerUserId: number;
      lat: number;
      lng: number;
      /** What WhatsApp says the pin is (sanitised), or null. */
      label: string | null;
    };
    output:
      | {
          status: 'shared';
          requestId: number;
          serviceName: LocalizedText;
          provider: { conversationKey: string; name: string };
          /** The customer's name as the provider knows them. */
          customerName: string;
          /** Where the job is now (the pin) and its label, if any. */
          lat: number;
          lng: number;
          label: string | null;
        }
      | { status: 'none' };
  };

  /**
   * "Try again" after nobody was available: create a new `searching` request copying the
   * service type and location of `requestId` (which must belong to the customer and be
   * `no_providers`), linked to the first request of the chain so nobody who declined or let
   * an earlier try expire is offered it again. Idempotent by `idempotencyKey`.
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
