/** registerProvider / setProviderOnline / getProviderStats: a provider's own account. */
import type { Knex } from 'knex';
import type { Operations, ProviderStatus } from '../conversation/operations';
import { setProviderServices } from '../db/providers';
import type { OperationHandler } from './registry';
import { once, type Tx } from './idempotency';
import { providerCardByUserId, providerStats } from './lookups';

/** Mirrors the providers_radius_check constraint (0 < radius ≤ 50 km). */
const MIN_RADIUS_KM = 0.5;
const MAX_RADIUS_KM = 50;

type RegisterOutput = Operations['registerProvider']['output'];

/**
 * New user → pending provider. A rejected (or soft-deleted) provider registers again: profile
 * replaced, back to pending and offline. Anyone else keeps everything as it is (`created: false`).
 * The repository's `registerProvider` updates the profile of any existing provider, which the
 * contract forbids, so the rows are written here. Unknown or inactive service ids are ignored.
 */
export function registerProvider(knex: Knex): OperationHandler<'registerProvider'> {
  return async (input, ctx) =>
    once(knex, 'registerProvider', input.idempotencyKey, input, async ({ trx }: Tx): Promise<RegisterOutput> => {
      const now = new Date(ctx.now);
      const existing = await trx('providers')
        .select('id', 'status', 'deleted_at as deletedAt')
        .where({ user_id: input.userId })
        .forUpdate()
        .first<{ id: number; status: ProviderStatus; deletedAt: Date | null } | undefined>();
      if (existing && existing.deletedAt === null && existing.status !== 'rejected') return { status: existing.status, created: false };

      const profile = {
        display_name: input.displayName,
        lat: input.lat,
        lng: input.lng,
        radius_km: Math.min(MAX_RADIUS_KM, Math.max(MIN_RADIUS_KM, input.radiusKm)),
        status: 'pending',
        online: false,
        updated_at: now,
      };
      let providerId: number;
      if (existing) {
        await trx('providers').update({ ...profile, deleted_at: null, approved_at: null }).where({ id: existing.id });
        providerId = existing.id;
      } else {
        const [row] = await trx('providers').insert({ ...profile, user_id: input.userId, created_at: now }).returning<{ id: number }[]>('id');
        providerId = row!.id;
      }
      const ids: number[] = input.serviceTypeIds.length
        ? (await trx('service_types').select('id').whereIn('id', input.serviceTypeIds).where({ active: true }).whereNull('deleted_at')).map(
            (r: { id: number }) => r.id,
          )
        : [];
      await setProviderServices(trx, providerId, ids);
      return { status: 'pending', created: true };
    });
}

type OnlineOutput = Operations['setProviderOnline']['output'];

/**
 * Only approved providers go online; going offline is always allowed. Naturally idempotent.
 * Written here rather than with the repository's `setProviderOnline` so that "approved" is part
 * of the update itself (a suspension between the check and the write cannot leave them online).
 */
export function setProviderOnline(knex: Knex): OperationHandler<'setProviderOnline'> {
  return async (input, ctx): Promise<OnlineOutput> => {
    const now = new Date(ctx.now);
    const card = await providerCardByUserId(knex, input.providerUserId);
    if (!card || card.deleted) return { status: 'not_approved', providerStatus: null };
    if (input.online && card.status !== 'approved') return { status: 'not_approved', providerStatus: card.status };
    const rows: { online: boolean }[] = await knex('providers')
      .update({ online: input.online, updated_at: now, ...(input.online ? { last_online_at: now } : {}) })
      .where({ id: card.providerId })
      .whereNull('deleted_at')
      .modify((q) => {
        if (input.online) q.where({ status: 'approved' });
      })
      .returning('online');
    if (rows[0]) return { status: 'ok', online: rows[0].online };
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
