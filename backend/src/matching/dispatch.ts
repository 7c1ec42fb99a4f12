/**
 * The dispatch: offer a request to the next provider, one offer at a time.
 *
 * Runs inside the caller's transaction (operations/offers.ts `offerRequest`, whose outcome is
 * stored with it), on a request row the caller has locked, so one request is never offered
 * twice at once. While the request has an open offer, that offer is the answer (a second "next
 * provider" while one is pending, or a retried command, changes nothing). After `maxOffers`
 * offers, or when nobody eligible is left, the request is closed as no_providers.
 *
 * Otherwise the best candidates (ranking.ts) are claimed in rank order: the claim
 * (db/offers.ts `claimProviderForRequest`) locks the provider row with SKIP LOCKED and re-checks
 * it, so a provider claimed by another request at the same moment is skipped, never waited for.
 * Candidates lost to a concurrent claim are looked for again a couple of times: a provider
 * briefly locked for another reason is not "nobody".
 */
import type { Knex } from 'knex';
import { findCandidateByUserId, type CandidateRow } from '../db/candidates';
import { claimProviderForRequest, getOpenOfferForRequest, type Offer } from '../db/offers';
import { markNoProviders, type ServiceRequest } from '../db/requests';
import { OPEN_FOR_OFFERS } from '../shared/marketplace-status';
import { findRankedCandidates, rankingPool } from './ranking';
import type { ScoreConfig } from './score';

export interface DispatchOptions {
  /** Stop after this many offers for one request (declined/expired ones included). */
  maxOffers: number;
  /** How long the database keeps an offer answerable. */
  ttlSeconds: number;
  score: ScoreConfig;
  now: Date;
  /** The provider the customer asked for: claimed first when still eligible. */
  preferredProviderUserId?: number;
}

export type DispatchResult =
  /** The request is not open for offers (any more). */
  | { kind: 'not_open' }
  /** An offer is already open: it stands. */
  | { kind: 'pending'; offer: Offer }
  /** `maxOffers` reached: the request is now no_providers. */
  | { kind: 'exhausted' }
  /** Nobody eligible is free: the request is now no_providers. */
  | { kind: 'no_candidates' }
  | { kind: 'offered'; offer: Offer; candidate: CandidateRow; preferredUnavailable: boolean };

const CLAIM_PASSES = 3;

export async function dispatchOffer(
  trx: Knex.Transaction,
  request: ServiceRequest,
  opts: DispatchOptions,
): Promise<DispatchResult> {
  if (!OPEN_FOR_OFFERS.includes(request.status)) return { kind: 'not_open' };
  const open = await getOpenOfferForRequest(trx, request.id);
  if (open) return { kind: 'pending', offer: open };
  if (request.offersCount >= opts.maxOffers) {
    await markNoProviders(trx, request.id, opts.now);
    return { kind: 'exhausted' };
  }

  const claim = async (row: CandidateRow): Promise<Offer | 'closed' | null> => {
    const r = await claimProviderForRequest(trx, {
      requestId: request.id,
      providerId: row.providerId,
      ttlSeconds: opts.ttlSeconds,
      now: opts.now,
    });
    if (r.ok) return r.offer;
    return r.reason === 'request_closed' ? 'closed' : null;
  };
  const query = {
    serviceTypeId: request.serviceTypeId,
    lat: request.lat,
    lng: request.lng,
    requestId: request.id,
    customerId: request.customerId,
  };

  let preferredUnavailable = false;
  if (opts.preferredProviderUserId !== undefined) {
    const row = await findCandidateByUserId(trx, query, opts.preferredProviderUserId);
    const got = row ? await claim(row) : null;
    if (got === 'closed') return { kind: 'not_open' };
    if (got) return { kind: 'offered', offer: got, candidate: row!, preferredUnavailable };
    preferredUnavailable = true;
  }

  for (let pass = 0; pass < CLAIM_PASSES; pass++) {
    if (pass > 0) await new Promise((r) => setTimeout(r, 15 * pass));
    const ranked = await findRankedCandidates(
      trx,
      { ...query, limit: rankingPool(1) },
      opts.score,
      opts.now,
    );
    if (ranked.length === 0) break;
    for (const row of ranked) {
      const got = await claim(row);
      if (got === 'closed') return { kind: 'not_open' };
      if (got) return { kind: 'offered', offer: got, candidate: row, preferredUnavailable };
    }
  }

  await markNoProviders(trx, request.id, opts.now);
  return { kind: 'no_candidates' };
}
