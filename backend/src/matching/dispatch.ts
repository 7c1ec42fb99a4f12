/**
 * Offer a request to the best available provider: rank the nearest eligible candidates, then try
 * to claim them in rank order (a provider claimed by another request at the same moment is
 * skipped, never waited for). Offers go out one at a time: while the request has an open offer,
 * calling this again returns that offer, which also makes a retried command harmless.
 */
import type { Knex } from 'knex';
import { claimProviderForRequest, getOpenOfferForRequest, type Offer } from '../db/offers';
import { getRequest, type RequestStatus } from '../db/requests';
import { findRankedCandidates, DEFAULT_CANDIDATE_LIMIT, type CandidateRow } from './candidates';
import { DEFAULT_SCORE_CONFIG, type Ranked, type ScoreConfig } from './score';

export interface DispatchOptions {
  /** Seconds the provider has to answer. */
  ttlSeconds: number;
  /** Stop after this many offers for one request (declined/expired ones included). */
  maxOffers: number;
  scoring?: ScoreConfig;
  candidateLimit?: number;
  now?: Date;
}

export type DispatchResult =
  | { kind: 'offered'; offer: Offer; candidate: Ranked<CandidateRow> }
  | { kind: 'pending'; offer: Offer }
  | { kind: 'no_candidates' }
  | { kind: 'exhausted'; offersCount: number }
  | { kind: 'request_closed'; status: RequestStatus | 'not_found' };

export async function offerToBestCandidate(knex: Knex, requestId: number, opts: DispatchOptions): Promise<DispatchResult> {
  const now = opts.now ?? new Date();
  const request = await getRequest(knex, requestId);
  if (!request) return { kind: 'request_closed', status: 'not_found' };
  if (request.status !== 'searching' && request.status !== 'offered') return { kind: 'request_closed', status: request.status };
  const open = await getOpenOfferForRequest(knex, requestId);
  if (open) return { kind: 'pending', offer: open };
  if (request.offersCount >= opts.maxOffers) return { kind: 'exhausted', offersCount: request.offersCount };

  const candidates = await findRankedCandidates(
    knex,
    { serviceTypeId: request.serviceTypeId, lat: request.lat, lng: request.lng, requestId, customerId: request.customerId, limit: opts.candidateLimit ?? DEFAULT_CANDIDATE_LIMIT },
    opts.scoring ?? DEFAULT_SCORE_CONFIG,
    now,
  );
  for (const candidate of candidates) {
    const claim = await claimProviderForRequest(knex, { requestId, providerId: candidate.providerId, ttlSeconds: opts.ttlSeconds, exclusive: true, now });
    if (claim.ok) return { kind: 'offered', offer: claim.offer, candidate };
    if (claim.reason === 'request_has_open_offer') {
      const pending = await getOpenOfferForRequest(knex, requestId);
      if (pending) return { kind: 'pending', offer: pending };
    }
    if (claim.reason === 'request_closed') {
      const current = await getRequest(knex, requestId);
      return { kind: 'request_closed', status: current?.status ?? 'not_found' };
    }
  }
  return { kind: 'no_candidates' };
}
