/**
 * Idempotent writers shared by the smoke and dev tiers: each row is keyed by something natural
 * (wa_id / BSUID, provider's user, request idempotency key, rating's request), so running a
 * tier twice leaves the same rows, not twice as many.
 */
import type { Knex } from 'knex';

export interface SeedUser {
  waId?: string;
  bsuid?: string;
  name: string;
  locale?: 'es' | 'en';
}

export async function upsertUser(knex: Knex, u: SeedUser): Promise<number> {
  const target = u.waId ? 'wa_id' : 'bsuid';
  const [row] = await knex('users')
    .insert({
      wa_id: u.waId ?? null,
      bsuid: u.bsuid ?? null,
      name: u.name,
      locale: u.locale ?? 'es',
    })
    .onConflict(target)
    .merge(['name', 'locale'])
    .returning<{ id: number }[]>('id');
  return row!.id;
}

export interface SeedProvider {
  displayName: string;
  lat: number;
  lng: number;
  radiusKm: number;
  status: 'pending' | 'approved' | 'rejected' | 'suspended';
  online: boolean;
  services: string[];
}

export async function upsertProvider(
  knex: Knex,
  userId: number,
  p: SeedProvider,
  serviceIds: Map<string, number>,
): Promise<number> {
  const values = {
    display_name: p.displayName,
    lat: p.lat,
    lng: p.lng,
    radius_km: p.radiusKm,
    status: p.status,
    online: p.online,
    last_online_at: p.online ? knex.fn.now() : null,
    approved_at: p.status === 'approved' ? knex.fn.now() : null,
  };
  const [row] = await knex('providers')
    .insert({ user_id: userId, ...values })
    .onConflict('user_id')
    .merge(['display_name', 'lat', 'lng', 'radius_km', 'status', 'online'])
    .returning<{ id: number }[]>('id');
  const ids = p.services.map((code) => {
    const id = serviceIds.get(code);
    if (id === undefined) throw new Error(`seed: unknown service type ${code}`);
    return id;
  });
  await knex('provider_services')
    .insert(ids.map((service_type_id) => ({ provider_id: row!.id, service_type_id })))
    .onConflict(['provider_id', 'service_type_id'])
    .ignore();
  return row!.id;
}

/** Make every provider's rating aggregate equal to its ratings rows. */
export async function recomputeRatingAggregates(knex: Knex): Promise<void> {
  await knex.raw(`
    update providers p
       set rating_sum = r.total, rating_count = r.n
      from (select provider_id, sum(stars)::int as total, count(*)::int as n from ratings group by provider_id) r
     where r.provider_id = p.id and (p.rating_sum, p.rating_count) is distinct from (r.total, r.n)`);
}
