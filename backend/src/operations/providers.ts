/**
 * registerProvider / setProviderOnline / setVisitFee / getProviderStats / updateProviderProfile:
 * a provider's own account.
 */
import type { Knex } from 'knex';
import type { Operations, ProviderOwnProfile, RatingComment } from '../conversation/operations';
import type { WithdrawnOffer } from '../conversation/operations';
import { isVisitFee } from '../conversation/text/money';
import { nearestArea } from '../geo/geocode';
import { withdrawProviderOffers } from '../db/offer-answers';
import {
  getProviderById,
  insertPendingProvider,
  listProviderServiceNames,
  lockProvider,
  lockProviderOfUser,
  MAX_PROVIDER_RADIUS_KM,
  resetToPendingProvider,
  setProviderOnline as writeOnline,
  setProviderServices,
  setProviderVisitFee,
  updateProviderArea,
} from '../db/providers';
import { listLatestReviews } from '../db/ratings';
import { getRequest } from '../db/requests';
import { filterActiveServiceTypeIds } from '../db/service-types';
import type { OperationHandler } from './registry';
import { markOnce, once, type Tx } from './idempotency';
import { coverageOf } from './coverage';
import { providerCardByUserId, providerStats, userKeyOf } from './lookups';

/** The smallest radius a provider may give (the database allows anything above 0). */
const MIN_RADIUS_KM = 0.5;
/** Rating comments shown on the provider's own profile: by default, and at most. */
const COMMENTS_SHOWN = 3;
const MAX_COMMENTS = 5;

const radiusWithin = (km: number): number =>
  Math.min(MAX_PROVIDER_RADIUS_KM, Math.max(MIN_RADIUS_KM, km));

type RegisterOutput = Operations['registerProvider']['output'];

/**
 * New user → pending provider. A rejected (or soft-deleted) provider registers again: profile
 * replaced, back to pending and offline. Anyone else keeps everything as it is (`created: false`).
 * Unknown or inactive service ids are ignored.
 */
export function registerProvider(knex: Knex): OperationHandler<'registerProvider'> {
  return async (input, ctx) =>
    once(
      knex,
      'registerProvider',
      input.idempotencyKey,
      input,
      async ({ trx }: Tx): Promise<RegisterOutput> => {
        const now = new Date(ctx.now);
        const existing = await lockProviderOfUser(trx, input.userId);
        if (existing && existing.deletedAt === null && existing.status !== 'rejected')
          return { status: existing.status, created: false };

        const profile = {
          displayName: input.displayName,
          lat: input.lat,
          lng: input.lng,
          radiusKm: radiusWithin(input.radiusKm),
          visitFee: isVisitFee(input.visitFee) ? input.visitFee : null,
        };
        let providerId: number;
        if (existing) {
          await resetToPendingProvider(trx, existing.id, profile, now);
          providerId = existing.id;
        } else {
          providerId = await insertPendingProvider(trx, input.userId, profile, now);
        }
        const ids = await filterActiveServiceTypeIds(trx, input.serviceTypeIds);
        await setProviderServices(trx, providerId, ids);
        return { status: 'pending', created: true };
      },
    );
}

type OnlineOutput = Operations['setProviderOnline']['output'];

/**
 * Only approved providers go online; going offline is always allowed, and withdraws the
 * provider's pending offers at once (each request back to searching; the expiry of a withdrawn
 * offer is marked reported, so its timer does not move the request on a second time) and names
 * the customers to tell. "Approved" is part of the update itself (db/providers.ts
 * `setProviderOnline`): a suspension between the check and the write cannot leave them online.
 * Keyed by the command id: a re-run after a crash returns the first outcome (and so still names
 * whom to tell).
 */
export function setProviderOnline(knex: Knex): OperationHandler<'setProviderOnline'> {
  return async (input, ctx) =>
    once(
      knex,
      'setProviderOnline',
      ctx.commandId,
      input,
      async ({ trx }: Tx): Promise<OnlineOutput> => {
        const now = new Date(ctx.now);
        const card = await providerCardByUserId(trx, input.providerUserId);
        if (!card || card.deleted) return { status: 'not_approved', providerStatus: null };
        if (input.online && card.status !== 'approved')
          return { status: 'not_approved', providerStatus: card.status };
        await lockProvider(trx, card.providerId);
        const online = await writeOnline(trx, card.providerId, input.online, now);
        if (online === null) {
          const current = await providerCardByUserId(trx, input.providerUserId);
          return {
            status: 'not_approved',
            providerStatus: current && !current.deleted ? current.status : null,
          };
        }
        const withdrawn: WithdrawnOffer[] = [];
        if (!online) {
          for (const offer of await withdrawProviderOffers(trx, card.providerId, now)) {
            await markOnce(trx, 'expireOffer:reported', String(offer.id));
            const request = await getRequest(trx, offer.requestId);
            if (!request) continue;
            withdrawn.push({
              offerId: offer.id,
              requestId: offer.requestId,
              providerName: card.name,
              customer: { conversationKey: await userKeyOf(trx, request.customerId) },
            });
          }
        }
        return { status: 'ok', online, withdrawn };
      },
    );
}

type FeeOutput = Operations['setVisitFee']['output'];

/** A provider (any status but deleted) changes their visit fee; anything outside 0–10,000 pesos is stored as "to be agreed". */
export function setVisitFee(knex: Knex): OperationHandler<'setVisitFee'> {
  return async (input, ctx): Promise<FeeOutput> => {
    const card = await providerCardByUserId(knex, input.providerUserId);
    if (!card || card.deleted) return { status: 'not_provider' };
    const visitFee = isVisitFee(input.visitFee) ? input.visitFee : null;
    const saved = await setProviderVisitFee(knex, card.providerId, visitFee, new Date(ctx.now));
    return saved ? { status: 'ok', visitFee } : { status: 'not_provider' };
  };
}

export function getProviderStats(knex: Knex): OperationHandler<'getProviderStats'> {
  return async (input) => {
    const card = await providerCardByUserId(knex, input.providerUserId);
    if (!card || card.deleted) return { status: 'not_provider' };
    const limit = Math.min(
      MAX_COMMENTS,
      Math.max(0, Math.floor(input.commentsLimit ?? COMMENTS_SHOWN) || 0),
    );
    const [stats, profile, comments] = await Promise.all([
      providerStats(knex, card),
      ownProfile(knex, card.providerId),
      latestComments(knex, card.providerId, limit),
    ]);
    if (!profile) return { status: 'not_provider' };
    return { status: 'ok', stats, profile, comments };
  };
}

/** What the provider sees of their own settings (null when the row is gone). */
async function ownProfile(knex: Knex, providerId: number): Promise<ProviderOwnProfile | null> {
  const row = await getProviderById(knex, providerId);
  if (!row) return null;
  const services = await listProviderServiceNames(knex, providerId);
  return {
    services: services.map((s) => ({ id: s.id, code: s.code, name: { es: s.es, en: s.en } })),
    lat: row.lat,
    lng: row.lng,
    area: nearestArea(row.lat, row.lng),
    radiusKm: row.radiusKm,
    visitFee: row.visitFee,
  };
}

/** The latest comments of the provider's ratings, without who wrote them. */
async function latestComments(
  knex: Knex,
  providerId: number,
  limit: number,
): Promise<RatingComment[]> {
  if (limit === 0) return [];
  const rows = await listLatestReviews(knex, providerId, limit, { commentedOnly: true });
  return rows.flatMap((r) =>
    r.comment ? [{ stars: r.stars, comment: r.comment, createdAt: r.createdAt.getTime() }] : [],
  );
}

type UpdateOutput = Operations['updateProviderProfile']['output'];

const isCoordinate = (lat: number, lng: number): boolean =>
  Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180;

/**
 * Services, base and/or radius changed by the provider, in one transaction under the provider's
 * lock: the set of services is replaced whole (never left empty), a base the marketplace does not
 * serve is refused before anything is written. Pending and suspended providers may change theirs
 * too; a deleted one is `not_provider`.
 */
export function updateProviderProfile(knex: Knex): OperationHandler<'updateProviderProfile'> {
  return async (input, ctx) => {
    if (input.base && !isCoordinate(input.base.lat, input.base.lng))
      throw new TypeError('updateProviderProfile: invalid base');
    if (input.radiusKm !== undefined && !Number.isFinite(input.radiusKm))
      throw new TypeError('updateProviderProfile: invalid radius');
    return once(
      knex,
      'updateProviderProfile',
      input.idempotencyKey,
      input,
      async ({ trx }: Tx): Promise<UpdateOutput> => {
        const existing = await lockProviderOfUser(trx, input.providerUserId);
        if (!existing || existing.deletedAt !== null) return { status: 'not_provider' };
        if (input.base) {
          const coverage = coverageOf(input.base.lat, input.base.lng);
          if (!coverage.covered) return { status: 'outside_coverage', coverage };
        }
        if (input.serviceTypeIds !== undefined) {
          const ids = await filterActiveServiceTypeIds(trx, input.serviceTypeIds);
          if (ids.length === 0) return { status: 'no_services' };
          await setProviderServices(trx, existing.id, ids);
        }
        await updateProviderArea(
          trx,
          existing.id,
          {
            ...(input.base ? { lat: input.base.lat, lng: input.base.lng } : {}),
            ...(input.radiusKm !== undefined ? { radiusKm: radiusWithin(input.radiusKm) } : {}),
          },
          new Date(ctx.now),
        );
        const profile = await ownProfile(trx, existing.id);
        return profile ? { status: 'updated', profile } : { status: 'not_provider' };
      },
    );
  };
}
