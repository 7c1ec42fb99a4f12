/**
 * Providers: registration, availability (online/offline), location and approval status.
 * `location` and the matching copy in provider_services are kept in step by triggers, so these
 * functions only write lat/lng/radius/status/online.
 */
import type { Knex } from 'knex';
import type { ProviderStatus } from '../shared/marketplace-status';
import { selectList, type ColumnMap } from './columns';

/** How far a provider may work, in km: mirrors the providers_radius_check constraint (0 < r ≤ 50). */
export const MAX_PROVIDER_RADIUS_KM = 50;

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
  /** Offers in a row this provider let expire (see recordMissedOffer). */
  missedOffers: number;
  /** Visit/diagnosis fee in whole MXN pesos (0 = none); null = to be agreed. */
  visitFee: number | null;
  approvedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

const PROVIDER_COLUMNS: ColumnMap<Provider> = {
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
  missedOffers: 'missed_offers',
  visitFee: 'visit_fee',
  approvedAt: 'approved_at',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  deletedAt: 'deleted_at',
};
export const PROVIDER_SELECT = selectList(PROVIDER_COLUMNS);

/** The profile a provider registers with. */
export interface ProviderProfile {
  displayName: string;
  lat: number;
  lng: number;
  radiusKm: number;
  /** Whole MXN pesos (0 = no visit fee); null or absent = to be agreed. */
  visitFee?: number | null;
}

/** What registration needs to know of a user's provider row, locked (null when there is none). */
export async function lockProviderOfUser(
  knex: Knex,
  userId: number,
): Promise<{ id: number; status: ProviderStatus; deletedAt: Date | null } | null> {
  const row = await knex('providers')
    .select('id', 'status', 'deleted_at as deletedAt')
    .where({ user_id: userId })
    .forUpdate()
    .first<{ id: number; status: ProviderStatus; deletedAt: Date | null } | undefined>();
  return row ?? null;
}

const pendingProfile = (p: ProviderProfile, now: Date) => ({
  display_name: p.displayName,
  lat: p.lat,
  lng: p.lng,
  radius_km: p.radiusKm,
  visit_fee: p.visitFee ?? null,
  status: 'pending',
  online: false,
  updated_at: now,
});

/** A new provider for `userId`: pending and offline. Returns its id. */
export async function insertPendingProvider(
  knex: Knex,
  userId: number,
  profile: ProviderProfile,
  now: Date,
): Promise<number> {
  const [row] = await knex('providers')
    .insert({ ...pendingProfile(profile, now), user_id: userId, created_at: now })
    .returning<{ id: number }[]>('id');
  return row!.id;
}

/** Registering again (after a rejection or a soft delete): profile replaced, back to pending, offline, not deleted, approval cleared. */
export async function resetToPendingProvider(
  knex: Knex,
  providerId: number,
  profile: ProviderProfile,
  now: Date,
): Promise<void> {
  await knex('providers')
    .update({ ...pendingProfile(profile, now), deleted_at: null, approved_at: null })
    .where({ id: providerId });
}

/** Lock a provider row (the first lock of every offer/job transaction: provider → request → offers). */
export async function lockProvider(knex: Knex, providerId: number): Promise<void> {
  await knex('providers').select('id').where({ id: providerId }).forUpdate();
}

/** The provider is free again, if they were busy with `requestId`. */
export async function releaseProvider(
  knex: Knex,
  providerId: number,
  requestId: number,
  now: Date,
): Promise<void> {
  await knex('providers')
    .update({ current_request_id: null, updated_at: now })
    .where({ id: providerId, current_request_id: requestId });
}

/** A provider with their user's WhatsApp identity: what the operations show and notify. */
export interface ProviderCardRow {
  providerId: number;
  userId: number;
  /** The provider's display name (what customers see). */
  name: string;
  waId: string | null;
  bsuid: string | null;
  status: ProviderStatus;
  online: boolean;
  ratingSum: number;
  ratingCount: number;
  currentRequestId: number | null;
  visitFee: number | null;
  deletedAt: Date | null;
}

const CARD_SELECT = [
  'p.id as providerId',
  'p.user_id as userId',
  'p.display_name as name',
  'u.wa_id as waId',
  'u.bsuid as bsuid',
  'p.status as status',
  'p.online as online',
  'p.rating_sum as ratingSum',
  'p.rating_count as ratingCount',
  'p.current_request_id as currentRequestId',
  'p.visit_fee as visitFee',
  'p.deleted_at as deletedAt',
];

/** By provider id, or by the provider's user id (soft-deleted providers included). */
export async function getProviderCard(
  knex: Knex,
  by: { providerId: number } | { userId: number },
): Promise<ProviderCardRow | null> {
  const q = knex('providers as p').join('users as u', 'u.id', 'p.user_id').select(CARD_SELECT);
  if ('providerId' in by) q.where('p.id', by.providerId);
  else q.where('p.user_id', by.userId);
  return (await q.first<ProviderCardRow | undefined>()) ?? null;
}

/** Great-circle distance from a provider's location to a point, in km. */
export async function getProviderDistanceKm(
  knex: Knex,
  providerId: number,
  at: { lat: number; lng: number },
): Promise<number> {
  const row = await knex('providers')
    .select(
      knex.raw('earth_distance(location, ll_to_earth(?, ?)) / 1000.0 as km', [at.lat, at.lng]),
    )
    .where({ id: providerId })
    .first<{ km: number }>();
  return row.km;
}

/** What a customer may see of an approved provider, with their distance from `at`. */
export interface PublicProviderRow {
  providerId: number;
  userId: number;
  name: string;
  ratingSum: number;
  ratingCount: number;
  distanceKm: number;
  visitFee: number | null;
}

export async function getApprovedProviderOfUser(
  knex: Knex,
  userId: number,
  at: { lat: number; lng: number },
): Promise<PublicProviderRow | null> {
  const row = await knex('providers as p')
    .select(
      'p.id as providerId',
      'p.user_id as userId',
      'p.display_name as name',
      'p.rating_sum as ratingSum',
      'p.rating_count as ratingCount',
      'p.visit_fee as visitFee',
      knex.raw('earth_distance(p.location, ll_to_earth(?, ?)) / 1000.0 as "distanceKm"', [
        at.lat,
        at.lng,
      ]),
    )
    .where({ 'p.user_id': userId, 'p.status': 'approved' })
    .whereNull('p.deleted_at')
    .first<PublicProviderRow | undefined>();
  return row ?? null;
}

/** The active services a provider offers (id, code and names), in menu order. */
export async function listProviderServiceNames(
  knex: Knex,
  providerId: number,
): Promise<{ id: number; code: string; es: string; en: string }[]> {
  return knex('provider_services as ps')
    .join('service_types as st', 'st.id', 'ps.service_type_id')
    .select('st.id as id', 'st.code as code', 'st.name_es as es', 'st.name_en as en')
    .where('ps.provider_id', providerId)
    .where('st.active', true)
    .whereNull('st.deleted_at')
    .orderBy([{ column: 'st.sort_order' }, { column: 'st.id' }]);
}

/** Approved providers online, per service code (the providers-online gauge). */
export async function countOnlineProvidersByService(
  knex: Knex,
): Promise<{ service: string; n: number }[]> {
  const rows = await knex('providers as p')
    .join('provider_services as ps', 'ps.provider_id', 'p.id')
    .join('service_types as st', 'st.id', 'ps.service_type_id')
    .where({ 'p.status': 'approved', 'p.online': true })
    .whereNull('p.deleted_at')
    .groupBy('st.code')
    .select('st.code as service')
    .count<{ service: string; n: string }[]>('p.id as n');
  return rows.map((r) => ({ service: r.service, n: Number(r.n) }));
}

/** Replace the set of services a provider offers. */
export async function setProviderServices(
  knex: Knex,
  providerId: number,
  serviceTypeIds: number[],
): Promise<void> {
  const ids = [...new Set(serviceTypeIds)];
  await knex.transaction(async (trx) => {
    await trx('provider_services')
      .where({ provider_id: providerId })
      .whereNotIn('service_type_id', ids)
      .delete();
    if (ids.length > 0) {
      await trx('provider_services')
        .insert(ids.map((service_type_id) => ({ provider_id: providerId, service_type_id })))
        .onConflict(['provider_id', 'service_type_id'])
        .ignore();
    }
  });
}

export async function listProviderServiceIds(knex: Knex, providerId: number): Promise<number[]> {
  const rows = await knex('provider_services')
    .select('service_type_id')
    .where({ provider_id: providerId })
    .orderBy('service_type_id');
  return rows.map((r: { service_type_id: number }) => r.service_type_id);
}

export async function getProviderById(knex: Knex, id: number): Promise<Provider | null> {
  return (
    (await knex('providers').select(PROVIDER_SELECT).where({ id }).first<Provider | undefined>()) ??
    null
  );
}

/**
 * Go online / offline. Only an approved provider goes online, and "approved" is part of the
 * update itself (a suspension between a check and the write cannot leave them online); going
 * offline is always allowed. Going online starts the count of missed offers afresh. An open offer
 * is not touched here: the caller withdraws it (db/offer-answers.ts `withdrawProviderOffers`).
 * Returns the new `online`, or null when nothing was updated (deleted, or not approved).
 */
export async function setProviderOnline(
  knex: Knex,
  providerId: number,
  online: boolean,
  now: Date = new Date(),
): Promise<boolean | null> {
  const rows: { online: boolean }[] = await knex('providers')
    .update({
      online,
      updated_at: now,
      ...(online ? { last_online_at: now, missed_offers: 0 } : {}),
    })
    .where({ id: providerId })
    .whereNull('deleted_at')
    .modify((q) => {
      if (online) q.where({ status: 'approved' });
    })
    .returning('online');
  return rows[0]?.online ?? null;
}

/** The visit/diagnosis fee (whole MXN pesos, 0 = none; null = to be agreed). False when there is no such provider. */
export async function setProviderVisitFee(
  knex: Knex,
  providerId: number,
  visitFee: number | null,
  now: Date,
): Promise<boolean> {
  const n = await knex('providers')
    .update({ visit_fee: visitFee, updated_at: now })
    .where({ id: providerId })
    .whereNull('deleted_at');
  return n > 0;
}

/**
 * A provider's base and/or radius, changed by the provider (what is absent stays). The copies
 * matching reads (provider_services) follow by trigger in the same transaction. False when there
 * is no such provider (or it is deleted).
 */
export async function updateProviderArea(
  knex: Knex,
  providerId: number,
  change: { lat?: number; lng?: number; radiusKm?: number },
  now: Date,
): Promise<boolean> {
  const n = await knex('providers')
    .update({
      ...(change.lat !== undefined && change.lng !== undefined
        ? { lat: change.lat, lng: change.lng }
        : {}),
      ...(change.radiusKm !== undefined ? { radius_km: change.radiusKm } : {}),
      updated_at: now,
    })
    .where({ id: providerId })
    .whereNull('deleted_at');
  return n > 0;
}

/**
 * The provider answered an offer (accepted or declined): their run of missed offers is over.
 * The caller holds the provider's lock.
 */
export async function resetMissedOffers(knex: Knex, providerId: number): Promise<void> {
  await knex('providers')
    .update({ missed_offers: 0 })
    .where({ id: providerId })
    .whereNot({ missed_offers: 0 });
}

/**
 * The provider let an offer expire. At `maxMissed` in a row (0 = never) they are set offline, so
 * nobody waits on someone who is not there, and the count starts afresh. The caller holds the
 * provider's lock. Returns whether this set them offline.
 */
export async function recordMissedOffer(
  knex: Knex,
  providerId: number,
  maxMissed: number,
  now: Date,
): Promise<{ setOffline: boolean }> {
  const row = await knex('providers')
    .select('missed_offers as missed', 'online')
    .where({ id: providerId })
    .first<{ missed: number; online: boolean } | undefined>();
  if (!row) return { setOffline: false };
  const missed = row.missed + 1;
  if (maxMissed > 0 && missed >= maxMissed && row.online) {
    await knex('providers')
      .update({ missed_offers: 0, online: false, updated_at: now })
      .where({ id: providerId });
    return { setOffline: true };
  }
  await knex('providers').update({ missed_offers: missed }).where({ id: providerId });
  return { setOffline: false };
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
export async function changeProviderStatus(
  knex: Knex,
  providerId: number,
  action: StatusAction,
  now: Date = new Date(),
): Promise<StatusChange> {
  const { to, from } = TRANSITIONS[action];
  return knex.transaction(async (trx) => {
    const current = await trx('providers')
      .select('status')
      .where({ id: providerId })
      .whereNull('deleted_at')
      .forUpdate()
      .first<{ status: ProviderStatus } | undefined>();
    if (!current) return { ok: false, reason: 'not_found' };
    if (!from.includes(current.status))
      return { ok: false, reason: 'invalid_transition', status: current.status };
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
