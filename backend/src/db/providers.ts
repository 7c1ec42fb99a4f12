/**
 * Providers: registration, availability (online/offline), location and approval status.
 * `location` and the matching copy in provider_services are kept in step by triggers, so these
 * functions only write lat/lng/radius/status/online.
 */
import type { Knex } from 'knex';
import { selectList, type ColumnMap } from './columns';

export type ProviderStatus = 'pending' | 'approved' | 'rejected' | 'suspended';

export interface Provider {
  id: number;
  userId: number;
  displayName: string;
  status: ProviderStatus;
  online: boolean;
  lastOnlineAt: Date | null;
  lat: number;
  lng: number;
  radiusKm: number;
  ratingSum: number;
  ratingCount: number;
  currentRequestId: number | null;
  lastOfferedAt: Date | null;
  approvedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

export const PROVIDER_COLUMNS: ColumnMap<Provider> = {
  id: 'id',
  userId: 'user_id',
  displayName: 'display_name',
  status: 'status',
  online: 'online',
  lastOnlineAt: 'last_online_at',
  lat: 'lat',
  lng: 'lng',
  radiusKm: 'radius_km',
  ratingSum: 'rating_sum',
  ratingCount: 'rating_count',
  currentRequestId: 'current_request_id',
  lastOfferedAt: 'last_offered_at',
  approvedAt: 'approved_at',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  deletedAt: 'deleted_at',
};
export const PROVIDER_SELECT = selectList(PROVIDER_COLUMNS);

export interface ProviderRegistration {
  userId: number;
  displayName: string;
  lat: number;
  lng: number;
  radiusKm: number;
  serviceTypeIds: number[];
}

/**
 * Create the provider for a user, or update their profile if they registered before.
 * Status is not touched on re-registration (approval stays an admin decision).
 */
export async function registerProvider(knex: Knex, input: ProviderRegistration): Promise<{ provider: Provider; isNew: boolean }> {
  return knex.transaction(async (trx) => {
    const [row] = await trx('providers')
      .insert({ user_id: input.userId, display_name: input.displayName, lat: input.lat, lng: input.lng, radius_km: input.radiusKm })
      .onConflict('user_id')
      .merge({ display_name: input.displayName, lat: input.lat, lng: input.lng, radius_km: input.radiusKm, deleted_at: null, updated_at: trx.fn.now() })
      .returning<(Provider & { isNew: boolean })[]>([...PROVIDER_SELECT, trx.raw('(xmax = 0) as "isNew"')]);
    const { isNew, ...provider } = row!;
    await setProviderServices(trx, provider.id, input.serviceTypeIds);
    return { provider, isNew };
  });
}

/** Replace the set of services a provider offers. */
export async function setProviderServices(knex: Knex, providerId: number, serviceTypeIds: number[]): Promise<void> {
  const ids = [...new Set(serviceTypeIds)];
  await knex.transaction(async (trx) => {
    await trx('provider_services').where({ provider_id: providerId }).whereNotIn('service_type_id', ids).delete();
    if (ids.length > 0) {
      await trx('provider_services')
        .insert(ids.map((service_type_id) => ({ provider_id: providerId, service_type_id })))
        .onConflict(['provider_id', 'service_type_id'])
        .ignore();
    }
  });
}

export async function listProviderServiceIds(knex: Knex, providerId: number): Promise<number[]> {
  const rows = await knex('provider_services').select('service_type_id').where({ provider_id: providerId }).orderBy('service_type_id');
  return rows.map((r: { service_type_id: number }) => r.service_type_id);
}

export async function getProviderById(knex: Knex, id: number): Promise<Provider | null> {
  return (await knex('providers').select(PROVIDER_SELECT).where({ id }).first<Provider | undefined>()) ?? null;
}

export async function getProviderByUserId(knex: Knex, userId: number): Promise<Provider | null> {
  return (await knex('providers').select(PROVIDER_SELECT).where({ user_id: userId }).whereNull('deleted_at').first<Provider | undefined>()) ?? null;
}

/** Go online / offline. Going offline does not cancel an open offer (it simply expires). */
export async function setProviderOnline(knex: Knex, providerId: number, online: boolean, now: Date = new Date()): Promise<Provider | null> {
  const [row] = await knex('providers')
    .update({ online, updated_at: now, ...(online ? { last_online_at: now } : {}) })
    .where({ id: providerId })
    .whereNull('deleted_at')
    .returning<Provider[]>(PROVIDER_SELECT);
  return row ?? null;
}

export async function updateProviderLocation(
  knex: Knex,
  providerId: number,
  place: { lat: number; lng: number; radiusKm?: number },
  now: Date = new Date(),
): Promise<Provider | null> {
  const [row] = await knex('providers')
    .update({ lat: place.lat, lng: place.lng, ...(place.radiusKm !== undefined ? { radius_km: place.radiusKm } : {}), updated_at: now })
    .where({ id: providerId })
    .whereNull('deleted_at')
    .returning<Provider[]>(PROVIDER_SELECT);
  return row ?? null;
}

export type StatusAction = 'approve' | 'reject' | 'suspend';

const TRANSITIONS: Record<StatusAction, { to: ProviderStatus; from: ProviderStatus[] }> = {
  approve: { to: 'approved', from: ['pending', 'rejected', 'suspended'] },
  reject: { to: 'rejected', from: ['pending'] },
  suspend: { to: 'suspended', from: ['pending', 'approved'] },
};

export type StatusChange =
  | { ok: true; provider: Provider; previous: ProviderStatus }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'invalid_transition'; status: ProviderStatus };

/** Approve / reject / suspend, only from the statuses that allow it. Suspending also takes the provider offline. */
export async function changeProviderStatus(knex: Knex, providerId: number, action: StatusAction, now: Date = new Date()): Promise<StatusChange> {
  const { to, from } = TRANSITIONS[action];
  return knex.transaction(async (trx) => {
    const current = await trx('providers').select('status').where({ id: providerId }).whereNull('deleted_at').forUpdate().first<{ status: ProviderStatus } | undefined>();
    if (!current) return { ok: false, reason: 'not_found' };
    if (!from.includes(current.status)) return { ok: false, reason: 'invalid_transition', status: current.status };
    const [provider] = await trx('providers')
      .update({
        status: to,
        updated_at: now,
        ...(to === 'approved' ? { approved_at: now } : {}),
        ...(to === 'suspended' ? { online: false } : {}),
      })
      .where({ id: providerId })
      .returning<Provider[]>(PROVIDER_SELECT);
    return { ok: true, provider: provider!, previous: current.status };
  });
}

export async function softDeleteProvider(knex: Knex, providerId: number, now: Date = new Date()): Promise<boolean> {
  const n = await knex('providers').update({ deleted_at: now, online: false, updated_at: now }).where({ id: providerId }).whereNull('deleted_at');
  return n > 0;
}
