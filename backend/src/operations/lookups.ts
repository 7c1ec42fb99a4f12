/** Small reads shared by the operations: service names, people as parties, provider numbers. */
import type { Knex } from 'knex';
import type {
  LocalizedText,
  Party,
  ProviderStats,
  ProviderStatus,
} from '../conversation/operations';
import { getProviderCard, type ProviderCardRow } from '../db/providers';
import { countDoneJobs } from '../db/requests';
import { getServiceTypeById } from '../db/service-types';
import { getUserContact } from '../db/users';
import { conversationKeyOf } from '../shared/conversation-key';
import { sendToNumber } from '../shared/phone';

/** Display average: plain mean of the stars, 1 decimal; null without ratings. */
export function ratingAverage(sum: number, count: number): number | null {
  return count > 0 ? Math.round((sum / count) * 10) / 10 : null;
}

export const roundKm = (km: number): number => Math.round(km * 100) / 100;

/** The digits to send to / for wa.me, or null when the number is withheld. */
export const phoneOf = (waId: string | null): string | null => (waId ? sendToNumber(waId) : null);

export function keyOf(user: { waId: string | null; bsuid: string | null }): string {
  const key = conversationKeyOf(user);
  if (!key) throw new Error('user without a WhatsApp identity');
  return key;
}

/** The conversation key of a user (who to notify). */
export async function userKeyOf(knex: Knex, userId: number): Promise<string> {
  const user = await getUserContact(knex, userId);
  if (!user) throw new Error(`user ${userId} not found`);
  return keyOf(user);
}

export interface ServiceName {
  code: string;
  name: LocalizedText;
}

export async function serviceNameOf(knex: Knex, serviceTypeId: number): Promise<ServiceName> {
  const row = await getServiceTypeById(knex, serviceTypeId);
  if (!row) throw new Error(`service type ${serviceTypeId} not found`);
  return { code: row.code, name: { es: row.nameEs, en: row.nameEn } };
}

export async function userParty(knex: Knex, userId: number): Promise<Party> {
  const row = await getUserContact(knex, userId);
  if (!row) throw new Error(`user ${userId} not found`);
  return {
    userId: row.id,
    name: row.name ?? '',
    phone: phoneOf(row.waId),
    conversationKey: keyOf(row),
  };
}

export interface ProviderCard {
  providerId: number;
  userId: number;
  /** The provider's display name (what customers see). */
  name: string;
  phone: string | null;
  conversationKey: string;
  status: ProviderStatus;
  online: boolean;
  ratingSum: number;
  ratingCount: number;
  currentRequestId: number | null;
  /** Visit/diagnosis fee in whole MXN pesos (0 = none); null = to be agreed. */
  visitFee: number | null;
  deleted: boolean;
}

const toCard = ({ waId, bsuid, deletedAt, ...rest }: ProviderCardRow): ProviderCard => ({
  ...rest,
  phone: phoneOf(waId),
  conversationKey: keyOf({ waId, bsuid }),
  deleted: deletedAt !== null,
});

export async function providerCardById(
  knex: Knex,
  providerId: number,
): Promise<ProviderCard | null> {
  const row = await getProviderCard(knex, { providerId });
  return row ? toCard(row) : null;
}

/** The provider profile of a user (soft-deleted ones included: check `deleted`). */
export async function providerCardByUserId(
  knex: Knex,
  userId: number,
): Promise<ProviderCard | null> {
  const row = await getProviderCard(knex, { userId });
  return row ? toCard(row) : null;
}

export const partyOf = (card: ProviderCard): Party => ({
  userId: card.userId,
  name: card.name,
  phone: card.phone,
  conversationKey: card.conversationKey,
});

export async function providerStats(knex: Knex, card: ProviderCard): Promise<ProviderStats> {
  return {
    status: card.status,
    online: card.online,
    name: card.name,
    ratingAvg: ratingAverage(card.ratingSum, card.ratingCount),
    ratingCount: card.ratingCount,
    jobsDone: await countDoneJobs(knex, card.providerId),
  };
}
