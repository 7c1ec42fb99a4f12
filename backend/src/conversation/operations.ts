/**
 * The I/O the pure step may ask for. The step emits `{ kind: 'call', op, input, tag }`;
 * the processing layer runs the operation (Postgres, matching, geocoding …) and feeds the
 * outcome back as an internal `result` event for the same conversation, processed right away,
 * with the same `op` and `tag`. A thrown/failed operation comes back as `ok: false`.
 *
 * Every input and output is plain JSON (numbers, strings, booleans, null, arrays, objects).
 * Ids are integers (Postgres `integer`/`bigint` read as a JS number). Times are epoch ms.
 * "Conversation key" = the key the processing layer uses for a conversation:
 * `wa:<wa_id>` when the user has a wa_id, else `bs:<bsuid>`.
 * "Phone" = the digits to send to / to put in `https://wa.me/<digits>` (country code, no `+`,
 * Mexico `521…` already turned into `52…`), or null when the user's number is withheld
 * (BSUID-only users).
 *
 * Operations that create or change rows take an `idempotencyKey` (the id of the event that
 * caused them): running the same operation again with the same key must return the same
 * outcome without doing the work twice.
 *
 * Add an operation here (input + output types), then register its handler in
 * `operations/registry.ts`. The compiler then checks both sides.
 */
import type { Locale } from './locale-types';
import type { ProviderStatus, RequestStatus } from '../shared/marketplace-status';

export type { ProviderStatus, RequestStatus };

/** A name in both languages (service types are stored translated). */
export interface LocalizedText {
  es: string;
  en: string;
}

export interface ProviderInfo {
  status: ProviderStatus;
  online: boolean;
}

export interface LastRequest {
  serviceTypeId: number;
  serviceName: LocalizedText;
  lat: number;
  lng: number;
  /** Address/label the customer gave, if any. */
  address: string | null;
}

export interface UserRecord {
  id: number;
  name: string | null;
  locale: Locale;
  /** 'provider' when a provider row exists for the user (any status). */
  role: 'customer' | 'provider';
  phone: string | null;
  provider: ProviderInfo | null;
  /** The customer's most recent request (any status), for "repeat last service". */
  lastRequest: LastRequest | null;
}

export interface ServiceType {
  id: number;
  /** Stable slug, e.g. 'plumbing'. */
  code: string;
  name: LocalizedText;
}

export interface Candidate {
  providerUserId: number;
  name: string;
  /** Plain average of the stars shown to people (1 decimal is enough); null = no ratings. */
  ratingAvg: number | null;
  ratingCount: number;
  distanceKm: number;
}

export interface ProviderDetail {
  userId: number;
  name: string;
  ratingAvg: number | null;
  ratingCount: number;
  jobsDone: number;
  distanceKm: number;
  services: LocalizedText[];
}

export interface Review {
  stars: number;
  comment: string | null;
  /** First name of the customer who wrote it, or null. */
  authorName: string | null;
  createdAt: number;
}

export interface Party {
  userId: number;
  name: string;
  phone: string | null;
  conversationKey: string;
}

export interface JobDetails {
  requestId: number;
  serviceName: LocalizedText;
  lat: number;
  lng: number;
  address: string | null;
  customer: Party;
  provider: Party;
}

export interface ProviderStats {
  status: ProviderStatus;
  online: boolean;
  name: string;
  ratingAvg: number | null;
  ratingCount: number;
  jobsDone: number;
}

export interface RequestSummary {
  requestId: number;
  serviceName: LocalizedText;
  status: RequestStatus;
  createdAt: number;
  /** Set once a provider accepted. */
  providerName: string | null;
  providerPhone: string | null;
}

export interface Operations {
  /**
   * Find the user of this conversation by its conversation key, creating a bare row
   * (name null, locale 'es') if new. `profileName` is the WhatsApp profile name, for
   * information only (never stored as the user's name without the user confirming it).
   */
  loadUser: { input: { profileName?: string }; output: { user: UserRecord; isNew: boolean } };

  /** Persist the user's chosen name and/or locale (only the fields given). */
  saveUser: { input: { name?: string; locale?: Locale }; output: { user: UserRecord } };

  /** Active service types in display order (at most 30). */
  listServiceTypes: { input: Record<string, never>; output: { services: ServiceType[] } };

  /**
   * Geocode a typed Mexican address or 5-digit postal code (`kind` tells which the step
   * recognised). `label` is a short human label of what was found (e.g. "Col. Roma Norte,
   * CDMX"). `not_found` when nothing in Mexico matches confidently.
   */
  geocodeAddress: {
    input: { query: string; kind: 'postalCode' | 'address'; country: 'MX' };
    output: { status: 'found'; lat: number; lng: number; label: string } | { status: 'not_found' };
  };

  /**
   * Best providers for a service at a point: approved, online, offering the service, with
   * the point inside their radius, not busy with an accepted job, not `customerUserId`
   * itself, and (when `requestId` is given) not already offered that request; ranked by the
   * matching score (distance, Bayesian rating, fairness). At most `limit` rows, best first.
   */
  findCandidates: {
    input: {
      serviceTypeId: number;
      lat: number;
      lng: number;
      customerUserId: number;
      limit: number;
      requestId?: number;
    };
    output: { candidates: Candidate[] };
  };

  /**
   * A provider's public profile (distance measured from lat/lng) and their latest
   * `reviewsLimit` reviews, newest first. `not_found` if the user is not an approved provider.
   */
  getProviderDetail: {
    input: { providerUserId: number; lat: number; lng: number; reviewsLimit: number };
    output:
      { status: 'found'; provider: ProviderDetail; reviews: Review[] } | { status: 'not_found' };
  };

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
    };
    output: { requestId: number; created: boolean; serviceName: LocalizedText };
  };

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

  /**
   * The provider marks an accepted job done: request → `done`, provider no longer
   * busy. `already_completed` if it was; `not_allowed` if it is not this provider's
   * accepted job. Idempotent by `idempotencyKey`.
   */
  completeJob: {
    input: { idempotencyKey: string; requestId: number; providerUserId: number };
    output:
      | {
          status: 'completed';
          requestId: number;
          serviceName: LocalizedText;
          customer: { conversationKey: string };
          stats: ProviderStats;
        }
      | { status: 'already_completed'; requestId: number }
      | { status: 'not_allowed'; requestId: number };
  };

  /**
   * Save (upsert) the customer's rating of a completed request: `stars` 1–5 and, in a later
   * call, an optional `comment` (≤ 500 chars, already sanitised). `first` is true when this
   * call created the rating (false when it updated it); `provider` carries the provider's
   * conversation key and updated rating. `not_allowed` if the request is not the customer's
   * or not `done`. Idempotent by `idempotencyKey`.
   */
  rateJob: {
    input: {
      idempotencyKey: string;
      requestId: number;
      customerUserId: number;
      stars: number;
      comment?: string;
    };
    output:
      | {
          status: 'saved';
          requestId: number;
          stars: number;
          first: boolean;
          provider: {
            conversationKey: string;
            name: string;
            ratingAvg: number | null;
            ratingCount: number;
          };
        }
      | { status: 'not_allowed'; requestId: number };
  };

  /** The customer's latest requests, newest first, at most `limit`. */
  listMyRequests: {
    input: { customerUserId: number; limit: number };
    output: { requests: RequestSummary[] };
  };

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

export type OperationName = keyof Operations;

export type CallCommandOf<K extends OperationName> = {
  kind: 'call';
  op: K;
  input: Operations[K]['input'];
  /** Free data the step wants back with the result (which continuation, which ids). */
  tag?: string;
};
export type CallCommand = { [K in OperationName]: CallCommandOf<K> }[OperationName];

export type OperationResultOf<K extends OperationName> =
  | { kind: 'result'; op: K; tag?: string; ok: true; output: Operations[K]['output'] }
  | { kind: 'result'; op: K; tag?: string; ok: false; error: string };
export type OperationResult = { [K in OperationName]: OperationResultOf<K> }[OperationName];

/** One line per operation, for docs/conversation.md (the compiler keeps it complete). */
export const OPERATION_SUMMARIES: Record<OperationName, string> = {
  loadUser: 'find or create the user of this conversation',
  saveUser: 'save name and/or locale',
  listServiceTypes: 'active service types, localised names',
  geocodeAddress: 'typed address / 5-digit postal code → lat/lng or not_found',
  findCandidates: 'best eligible providers for a service at a point',
  getProviderDetail: 'provider profile + latest reviews',
  createRequest: 'create a searching request (idempotent)',
  offerRequest: 'atomically claim the next provider → offered | none',
  expireOffer: 'offer timer fired → expired | not_pending',
  answerOffer: 'provider accepts/declines → accepted | declined | already_answered | not_available',
  cancelRequest: 'customer cancels → cancelled | not_cancellable | not_found',
  retryRequest: 'new request copying a no_providers one',
  completeJob: 'provider marks the job done',
  rateJob: 'save stars (and later a comment) for a completed job',
  listMyRequests: "the customer's latest requests",
  registerProvider: 'register as provider (pending approval)',
  setProviderOnline: 'go online/offline (approved providers only)',
  getProviderStats: "provider's own rating, jobs, status",
};
