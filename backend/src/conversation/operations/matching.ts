/** Providers a customer can choose from. */
import type { Candidate, Coverage, ProviderDetail, Review } from './types';

export interface MatchingOperations {
  /**
   * Best providers for a service at a point: approved, online, offering the service, with
   * the point inside their radius, not busy with an accepted job, not `customerUserId`
   * itself, and (when `requestId` is given) not already offered that request; in the order
   * of matching/score.ts (closeness and rating; one new provider in a fixed slot). At most
   * `limit` rows. `coverage` (absent = covered) says whether the marketplace works at the point,
   * so an empty list outside it is told as "not there yet" rather than "nobody free".
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
    output: { candidates: Candidate[]; coverage?: Coverage };
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
}
