/**
 * A short-lived Redis cache of provider lists shown to customers (findCandidates without a
 * request). Keys carry a version that is bumped whenever a provider goes online/offline,
 * registers, changes their services, base, radius or visit fee, or is approved/rejected/suspended,
 * so those changes show at once; other changes
 * (a provider becoming busy) show within the TTL. Booking never trusts the cache: claiming a
 * provider is an atomic database operation that re-checks availability.
 */
import type { Operations } from '../conversation/operations';
import type { RedisClient } from '../queue/redis';
import { providerListKey, providerListVersionKey } from '../queue/keys';
import type { OperationHandler } from './registry';

export interface CandidateCache {
  redis: RedisClient;
  prefix: string;
  ttlSeconds: number;
}

/** Make every cached provider list stale (call after a provider toggles or changes status). */
export async function invalidateProviderLists(redis: RedisClient, prefix: string): Promise<void> {
  await redis.incr(providerListVersionKey(prefix));
}

/** ~11 m cells: customers in the same spot share a list; distances stay accurate to a few metres. */
const cell = (v: number): string => v.toFixed(4);

export function cachedFindCandidates(
  inner: OperationHandler<'findCandidates'>,
  cache: CandidateCache,
): OperationHandler<'findCandidates'> {
  return async (input, ctx) => {
    if (input.requestId !== undefined) return inner(input, ctx);
    const version = (await cache.redis.get(providerListVersionKey(cache.prefix))) ?? '0';
    // 'c': an entry holds the whole output (candidates and the coverage verdict).
    const key = providerListKey(cache.prefix, version, [
      'c',
      input.serviceTypeId,
      cell(input.lat),
      cell(input.lng),
      input.limit,
    ]);
    const hit = await cache.redis.get(key);
    let shared: Operations['findCandidates']['output'];
    if (hit) {
      shared = JSON.parse(hit) as Operations['findCandidates']['output'];
    } else {
      // One list for everybody at this spot: fetch one extra so the customer's own provider
      // profile (if any) can be removed per customer.
      shared = await inner({ ...input, customerUserId: 0, limit: input.limit + 1 }, ctx);
      await cache.redis.set(key, JSON.stringify(shared), 'EX', cache.ttlSeconds);
    }
    return {
      ...shared,
      candidates: shared.candidates
        .filter((c) => c.providerUserId !== input.customerUserId)
        .slice(0, input.limit),
    };
  };
}
