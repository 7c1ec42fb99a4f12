/**
 * ≥100,000 generated providers for load tests and the matching benchmark (PERF_PROVIDERS to
 * change the count). Inserted in batches through `unnest` of column arrays, one statement per
 * table per batch; `on conflict do nothing` makes a re-run insert nothing new.
 */
import type { Knex } from 'knex';
import { generatePerfProviders, type PerfColumns } from '../lib/perf-providers';

const DEFAULT_COUNT = 100_000;
const BATCH = 20_000;
/** Fixed reference time, so generated timestamps are the same on every run. */
const REFERENCE_NOW = Date.parse('2026-11-26T12:00:00Z');

export async function seed(knex: Knex): Promise<void> {
  const count = Number(process.env.PERF_PROVIDERS ?? DEFAULT_COUNT);
  for (let from = 0; from < count; from += BATCH) {
    const cols = generatePerfProviders(from, Math.min(count, from + BATCH), REFERENCE_NOW);
    await knex.transaction((trx) => insertBatch(trx, cols));
  }
  await knex.raw('analyze users, providers, provider_services');
}

async function insertBatch(trx: Knex.Transaction, c: PerfColumns): Promise<void> {
  await trx.raw(
    `insert into users (wa_id, name, locale)
     select w, n, 'es' from unnest(?::text[], ?::text[]) as x(w, n)
     on conflict (wa_id) do nothing`,
    [c.waId, c.name],
  );
  await trx.raw(
    `insert into providers (user_id, display_name, status, online, last_online_at, lat, lng, radius_km,
                            rating_sum, rating_count, last_offered_at, approved_at)
     select u.id, x.n, x.s, x.o, case when x.o then now() end, x.lat, x.lng, x.r, x.rs, x.rc, nullif(x.lo, '')::timestamptz,
            case when x.s = 'approved' then now() end
     from unnest(?::text[], ?::text[], ?::text[], ?::boolean[], ?::float8[], ?::float8[], ?::float8[],
                 ?::int[], ?::int[], ?::text[]) as x(w, n, s, o, lat, lng, r, rs, rc, lo)
     join users u on u.wa_id = x.w
     on conflict (user_id) do nothing`,
    [
      c.waId,
      c.name,
      c.status,
      c.online,
      c.lat,
      c.lng,
      c.radiusKm,
      c.ratingSum,
      c.ratingCount,
      c.lastOfferedAt,
    ],
  );
  await trx.raw(
    `insert into provider_services (provider_id, service_type_id)
     select p.id, st.id
     from unnest(?::text[], ?::text[]) as x(w, code)
     join users u on u.wa_id = x.w
     join providers p on p.user_id = u.id
     join service_types st on st.code = x.code
     on conflict do nothing`,
    [c.serviceWaId, c.serviceCode],
  );
}
