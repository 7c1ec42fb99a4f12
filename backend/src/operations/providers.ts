/** registerProvider / setProviderOnline / setVisitFee / getProviderStats: a provider's own account. */
import type { Knex } from 'knex';
import type { Operations } from '../conversation/operations';
import type { WithdrawnOffer } from '../conversation/operations';
import { isVisitFee } from '../conversation/text/money';
import { withdrawProviderOffers } from '../db/offer-answers';
import {
  insertPendingProvider,
  lockProvider,
  lockProviderOfUser,
  MAX_PROVIDER_RADIUS_KM,
  resetToPendingProvider,
  setProviderOnline as writeOnline,
  setProviderServices,
  setProviderVisitFee,
} from '../db/providers';
import { getRequest } from '../db/requests';
import { filterActiveServiceTypeIds } from '../db/service-types';
import type { OperationHandler } from './registry';
import { markOnce, once, type Tx } from './idempotency';
import { providerCardByUserId, providerStats, userKeyOf } from './lookups';

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
    });
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
    once(knex, 'setProviderOnline', ctx.commandId, input, async ({ trx }: Tx): Promise<OnlineOutput> => {
      const now = new Date(ctx.now);
      const card = await providerCardByUserId(trx, input.providerUserId);
      if (!card || card.deleted) return { status: 'not_approved', providerStatus: null };
      if (input.online && card.status !== 'approved') return { status: 'not_approved', providerStatus: card.status };
      await lockProvider(trx, card.providerId);
      const online = await writeOnline(trx, card.providerId, input.online, now);
      if (online === null) {
        const current = await providerCardByUserId(trx, input.providerUserId);
        return { status: 'not_approved', providerStatus: current && !current.deleted ? current.status : null };
      }
      const withdrawn: WithdrawnOffer[] = [];
      if (!online) {
        for (const offer of await withdrawProviderOffers(trx, card.providerId, now)) {
          await markOnce(trx, 'expireOffer:reported', String(offer.id));
          const request = await getRequest(trx, offer.requestId);
          if (!request) continue;
          withdrawn.push({ offerId: offer.id, requestId: offer.requestId, providerName: card.name, customer: { conversationKey: await userKeyOf(trx, request.customerId) } });
        }
      }
      return { status: 'ok', online, withdrawn };
    });
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
    return { status: 'ok', stats: await providerStats(knex, card) };
  };
}
