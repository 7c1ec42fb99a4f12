/** registerProvider / setProviderOnline / getProviderStats: a provider's own account. */
import type { Knex } from 'knex';
import type { Operations } from '../conversation/operations';
import {
  insertPendingProvider,
  lockProviderOfUser,
  MAX_PROVIDER_RADIUS_KM,
  resetToPendingProvider,
  setProviderOnline as writeOnline,
  setProviderServices,
} from '../db/providers';
import { filterActiveServiceTypeIds } from '../db/service-types';
import type { OperationHandler } from './registry';
import { once, type Tx } from './idempotency';
import { providerCardByUserId, providerStats } from './lookups';

/** The smallest radius a provider may give (the database allows anything above 0). */
const MIN_RADIUS_KM = 0.5;

type RegisterOutput = Operations['registerProvider']['output'];

/**
 * New user → pending provider. A rejected (or soft-deleted) provider registers again: profile
 * replaced, back to pending and offline. Anyone else keeps everything as it is (`created: false`).
 * Unknown or inactive service ids are ignored.
 */
export function registerProvider(knex: Knex): OperationHandler<'registerProvider'> {
  return async (input, ctx) =>
    once(knex, 'registerProvider', input.idempotencyKey, input, async ({ trx }: Tx): Promise<RegisterOutput> => {
      const now = new Date(ctx.now);
      const existing = await lockProviderOfUser(trx, input.userId);
      if (existing && existing.deletedAt === null && existing.status !== 'rejected') return { status: existing.status, created: false };

      const profile = {
        displayName: input.displayName,
        lat: input.lat,
        lng: input.lng,
        radiusKm: Math.min(MAX_PROVIDER_RADIUS_KM, Math.max(MIN_RADIUS_KM, input.radiusKm)),
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
    });
}

type OnlineOutput = Operations['setProviderOnline']['output'];

/**
 * Only approved providers go online; going offline is always allowed. Naturally idempotent.
 * "Approved" is part of the update itself (db/providers.ts `setProviderOnline`): a suspension
 * between the check and the write cannot leave them online.
 */
export function setProviderOnline(knex: Knex): OperationHandler<'setProviderOnline'> {
  return async (input, ctx): Promise<OnlineOutput> => {
    const now = new Date(ctx.now);
    const card = await providerCardByUserId(knex, input.providerUserId);
    if (!card || card.deleted) return { status: 'not_approved', providerStatus: null };
    if (input.online && card.status !== 'approved') return { status: 'not_approved', providerStatus: card.status };
    const online = await writeOnline(knex, card.providerId, input.online, now);
    if (online !== null) return { status: 'ok', online };
    const current = await providerCardByUserId(knex, input.providerUserId);
    return { status: 'not_approved', providerStatus: current && !current.deleted ? current.status : null };
  };
}

export function getProviderStats(knex: Knex): OperationHandler<'getProviderStats'> {
  return async (input) => {
    const card = await providerCardByUserId(knex, input.providerUserId);
    if (!card || card.deleted) return { status: 'not_provider' };
    return { status: 'ok', stats: await providerStats(knex, card) };
  };
}
