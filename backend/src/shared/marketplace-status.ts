/**
 * The statuses of the marketplace's rows, declared once for the conversation contract
 * (conversation/operations.ts) and the repositories (db/). The lists equal the check
 * constraints of the tables (`service_requests_status_check`, `offers_status_check`,
 * `providers_status_check`); a test compares them with the migrated schema.
 */

/**
 * searching: open, looking for a provider; offered: an offer is pending; accepted: a provider
 * took it; done: the provider marked it done; cancelled: by the customer; no_providers: closed
 * because nobody accepted (offers exhausted or no candidates).
 */
export const REQUEST_STATUSES = [
  'searching',
  'offered',
  'accepted',
  'done',
  'cancelled',
  'no_providers',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Open for offers: a request that can still be offered, accepted or cancelled before a provider took it. */
export const OPEN_FOR_OFFERS: readonly RequestStatus[] = ['searching', 'offered'];

/** In progress: open for offers, or accepted and not finished yet. */
export const IN_PROGRESS: readonly RequestStatus[] = ['searching', 'offered', 'accepted'];

export const OFFER_STATUSES = ['offered', 'accepted', 'declined', 'expired', 'cancelled'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export const PROVIDER_STATUSES = ['pending', 'approved', 'rejected', 'suspended'] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];
