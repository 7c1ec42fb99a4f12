/**
 * Matching candidates: who can take this request right now — approved, online, not deleted,
 * offering the service, the customer inside the provider's own radius, not busy with a job, not
 * holding an open offer, not already offered this request — nearest first, limited in SQL.
 *
 * The scan is a nearest-neighbour walk of the partial GiST index
 * `provider_services_matching_gist (service_type_id, location) where available`, bounded by a
 * box of MAX_PROVIDER_RADIUS_KM around the customer, so it stops after `limit` matches or at the
 * edge of the box. Postgres' fixed selectivity guess for cube `@>` makes it prefer a bitmap scan
 * plus a full sort of every provider in the box; `enable_bitmapscan` is switched off for this one
 * transaction so the ordered index scan (which stops early) is used. See docs/data-model.md.
 * Ranking the rows is matching/'s (matching/ranking.ts).
 */
import type { Knex } from 'knex';
import { MAX_PROVIDER_RADIUS_KM } from './providers';

export interface CandidateQuery {
  serviceTypeId: number;
  lat: number;
  lng: number;
  /** Leave out providers already offered this request. */
  requestId?: number;
  /** Leave out the customer's own provider profile. */
  customerId?: number;
  /** How many nearest candidates to return (before ranking). */
  limit?: number;
}

export interface CandidateRow {
  providerId: number;
  userId: number;
  displayName: string;
  distanceKm: number;
  ratingAvg: number | null;
  ratingCount: number;
  lastOfferedAt: Date | null;
}

const DEFAULT_CANDIDATE_LIMIT = 20;

/** The candidate query itself (also used by scripts/explain-matching.ts). */
export function candidateQuery(knex: Knex, q: CandidateQuery): Knex.QueryBuilder {
  const origin = (sql: string): Knex.Raw => knex.raw(sql, [q.lat, q.lng]);
  const query = knex('provider_services as ps')
    .join('providers as p', 'p.id', 'ps.provider_id')
    .where('ps.service_type_id', q.serviceTypeId)
    .whereRaw('ps.available')
    .whereRaw('earth_box(ll_to_earth(?, ?), ?) @> ps.location', [
      q.lat,
      q.lng,
      MAX_PROVIDER_RADIUS_KM * 1000,
    ])
    // Chord length vs radius: under 0.2 m shorter than the great-circle distance at 50 km.
    .whereRaw('(ps.location <-> ll_to_earth(?, ?)) <= ps.radius_km * 1000', [q.lat, q.lng])
    // Re-checked on the provider row itself (ps.available mirrors it, kept in step by a trigger).
    .whereRaw(
      "p.status = 'approved' and p.online and p.deleted_at is null and p.current_request_id is null",
    )
    .whereNotExists((sub) =>
      sub
        .select(knex.raw('1'))
        .from('offers as o')
        .whereRaw('o.provider_id = ps.provider_id')
        .where('o.status', 'offered'),
    )
    .select(
      'p.id as providerId',
      'p.user_id as userId',
      'p.display_name as displayName',
      origin('earth_distance(ps.location, ll_to_earth(?, ?)) / 1000.0 as "distanceKm"'),
      knex.raw(
        'case when p.rating_count > 0 then p.rating_sum::float8 / p.rating_count end as "ratingAvg"',
      ),
      'p.rating_count as ratingCount',
      'p.last_offered_at as lastOfferedAt',
    )
    .orderByRaw('ps.location <-> ll_to_earth(?, ?)', [q.lat, q.lng])
    .limit(q.limit ?? DEFAULT_CANDIDATE_LIMIT);
  if (q.requestId !== undefined) {
    const requestId = q.requestId;
    query.whereNotExists((sub) =>
      sub
        .select(knex.raw('1'))
        .from('offers as o2')
        .where('o2.request_id', requestId)
        .whereRaw('o2.provider_id = ps.provider_id'),
    );
  }
  if (q.customerId !== undefined) query.whereNot('p.user_id', q.customerId);
  return query;
}

/** Nearest eligible providers, nearest first. */
export async function findCandidates(knex: Knex, q: CandidateQuery): Promise<CandidateRow[]> {
  return knex.transaction(async (trx) => {
    await trx.raw('set local enable_bitmapscan = off');
    const rows = (await candidateQuery(trx, q)) as CandidateRow[];
    // Inside a caller's transaction this ran in a savepoint: do not leave the setting behind.
    if (knex.isTransaction) await trx.raw('set local enable_bitmapscan = on');
    return rows;
  });
}

/**
 * The one provider of `providerUserId`, if they are a candidate for `q` (the customer asked for
 * them by name). One statement, without findCandidates' planner setting.
 */
export async function findCandidateByUserId(
  knex: Knex,
  q: CandidateQuery,
  providerUserId: number,
): Promise<CandidateRow | null> {
  const rows = (await candidateQuery(knex, { ...q, limit: 1 }).where(
    'p.user_id',
    providerUserId,
  )) as CandidateRow[];
  return rows[0] ?? null;
}
