/**
 * The dispatch: offer a request to the next provider, one offer at a time.
 *
 * Runs inside the caller's transaction (operations/offers.ts `offerRequest`, whose outcome is
 * stored with it), on a request row the caller has locked, so one request is never offered
 * twice at once. While the request has an open offer, that offer is the answer (a second "next
 * provider" while one is pending, or a retried command, changes nothing). After `maxOffers`
 * offers, or when nobody eligible is left, the request is closed as no_providers.
 *
 * The provider the customer chose (`chosen_provider_id`, recorded from the first call's
 * `preferredProviderUserId`) is the only one offered the request while the choice stands: when
 * they cannot be offered it (not eligible, or they already declined, let it expire or went
 * offline), the answer is `chosen_unavailable` and nothing else changes, so the customer can be
 * asked before anyone replaces them. `replaceChosen` (the customer agreed) clears the choice.
 *
 * Otherwise the best candidates (ranking.ts) are claimed in rank order: the claim
 * (db/offers.ts `claimProviderForRequest`) locks the provider row with SKIP LOCKED and re-checks
 * it, so a provider claimed by another request at the same moment is skipped, never waited for.
 * Candidates lost to a concurrent claim are looked for again a couple of times: a provider
 * briefly locked for another reason is not "nobody". A "try again" request (original_request_id)
 * leaves out everyone who declined or let an earlier try of it expire.
 */
import type { Knex } from 'knex';
import { findCandidateByUserId, type CandidateQuery, type CandidateRow } from '../db/candidates';
import {
  claimProviderForRequest,
  getOpenOfferForRequest,
  listProvidersWhoPassed,
  type Offer,
} from '../db/offers';
import { getProviderCard } from '../db/providers';
import { markNoProviders, setChosenProvider, type ServiceRequest } from '../db/requests';
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
  /** The provider the customer chose (given with the first call): recorded as the request's chosen provider. */
  preferredProviderUserId?: number;
  /** The customer agreed to someone other than the provider they chose. */
  replaceChosen?: boolean;
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
  /** The provider the customer chose cannot be offered it: nothing changed (ask the customer). */
  | {
      kind: 'chosen_unavailable';
      provider: { providerId: number; name: string };
      /** They had been offered the request (declined, let it expire, or went offline). */
      wasOffered: boolean;
    }
  | { kind: 'offered'; offer: Offer; candidate: CandidateRow };

const CLAIM_PASSES = 3;

export async function dispatchOffer(
  trx: Knex.Transaction,
  request: ServiceRequest,
  opts: DispatchOptions,
): Promise<DispatchResult> {
  if (!OPEN_FOR_OFFERS.includes(request.status)) return { kind: 'not_open' };
  const open = await getOpenOfferForRequest(trx, request.id);
  if (open) return { kind: 'pending', offer: open };
  const query: CandidateQuery = {
    serviceTypeId: request.serviceTypeId,
    lat: request.lat,
    lng: request.lng,
    requestId: request.id,
    customerId: request.customerId,
    ...(request.originalRequestId !== null
      ? { excludeProviderIds: await listProvidersWhoPassed(trx, request.originalRequestId) }
      : {}),
  };
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

  const chosen = await chosenProvider(trx, request, opts);
  if (chosen) {
    const row = await findCandidateByUserId(trx, query, chosen.userId);
    const got = row ? await claim(row) : null;
    if (got === 'closed') return { kind: 'not_open' };
    if (got) return { kind: 'offered', offer: got, candidate: row! };
    return {
      kind: 'chosen_unavailable',
      provider: { providerId: chosen.providerId, name: chosen.name },
      // While a choice stands nobody else is offered the request.
      wasOffered: request.offersCount > 0,
    };
  }

  if (request.offersCount >= opts.maxOffers) {
    await markNoProviders(trx, request.id, opts.now);
    return { kind: 'exhausted' };
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
      if (got) return { kind: 'offered', offer: got, candidate: row };
    }
  }

  await markNoProviders(trx, request.id, opts.now);
  return { kind: 'no_candidates' };
}

/**
 * The provider whose choice stands for this request, after applying this call's options: the
 * first call records `preferredProviderUserId`; `replaceChosen` clears the choice.
 */
async function chosenProvider(
  trx: Knex.Transaction,
  request: ServiceRequest,
  opts: DispatchOptions,
): Promise<{ providerId: number; userId: number; name: string } | null> {
  if (opts.replaceChosen) {
    if (request.chosenProviderId !== null) await setChosenProvider(trx, request.id, null);
    return null;
  }
  const providerId = request.chosenProviderId;
  if (
    providerId === null &&
    opts.preferredProviderUserId !== undefined &&
    request.offersCount === 0
  ) {
    const card = await getProviderCard(trx, { userId: opts.preferredProviderUserId });
    if (!card) return null;
    await setChosenProvider(trx, request.id, card.providerId);
    return { providerId: card.providerId, userId: card.userId, name: card.name };
  }
  if (providerId === null) return null;
  const card = await getProviderCard(trx, { providerId });
  return card ? { providerId, userId: card.userId, name: card.name } : null;
}
