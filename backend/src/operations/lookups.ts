/** Small reads shared by the operations: service names, people as parties, provider numbers. */
import type { Knex } from 'knex';
import type { LocalizedText, Party, ProviderStats, ProviderStatus } from '../conversation/operations';
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
  const user = await knex('users').select('wa_id as waId', 'bsuid').where({ id: userId }).first<{ waId: string | null; bsuid: string | null } | undefined>();
  if (!user) throw new Error(`user ${userId} not found`);
  return keyOf(user);
}

export interface ServiceName {
  code: string;
  name: LocalizedText;
}

export async function serviceNameOf(knex: Knex, serviceTypeId: number): Promise<ServiceName> {
  const row = await knex('service_types')
    .select('code', 'name_es', 'name_en')
    .where({ id: serviceTypeId })
    .first<{ code: string; name_es: string; name_en: string } | undefined>();
  if (!row) throw new Error(`service type ${serviceTypeId} not found`);
  return { code: row.code, name: { es: row.name_es, en: row.name_en } };
}

export async function userParty(knex: Knex, userId: number): Promise<Party> {
  const row = await knex('users')
    .select('id', 'name', 'wa_id as waId', 'bsuid')
    .where({ id: userId })
    .first<{ id: number; name: string | null; waId: string | null; bsuid: string | null } | undefined>();
  if (!row) throw new Error(`user ${userId} not found`);
  return { userId: row.id, name: row.name ?? '', phone: phoneOf(row.waId), conversationKey: keyOf(row) };
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
  deleted: boolean;
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
  'p.deleted_at as deletedAt',
];

type CardRow = Omit<ProviderCard, 'conversationKey' | 'phone' | 'deleted'> & { waId: string | null; bsuid: string | null; deletedAt: Date | null };

const toCard = ({ waId, bsuid, deletedAt, ...rest }: CardRow): ProviderCard => ({
  ...rest,
  phone: phoneOf(waId),
  conversationKey: keyOf({ waId, bsuid }),
  deleted: deletedAt !== null,
});

function cards(knex: Knex): Knex.QueryBuilder {
  return knex('providers as p').join('users as u', 'u.id', 'p.user_id').select(CARD_SELECT);
}

export async function providerCardById(knex: Knex, providerId: number): Promise<ProviderCard | null> {
  const row = await cards(knex).where('p.id', providerId).first<CardRow | undefined>();
  return row ? toCard(row) : null;
}

/** The provider profile of a user (soft-deleted ones included: check `deleted`). */
export async function providerCardByUserId(knex: Knex, userId: number): Promise<ProviderCard | null> {
  const row = await cards(knex).where('p.user_id', userId).first<CardRow | undefined>();
  return row ? toCard(row) : null;
}

export const partyOf = (card: ProviderCard): Party => ({
  userId: card.userId,
  name: card.name,
  phone: card.phone,
  conversationKey: card.conversationKey,
});

export async function jobsDone(knex: Knex, providerId: number): Promise<number> {
  const row = await knex('service_requests').where({ provider_id: providerId, status: 'done' }).count<{ n: string }[]>('* as n').first();
  return Number(row?.n ?? 0);
}

export async function providerStats(knex: Knex, card: ProviderCard): Promise<ProviderStats> {
  return {
    status: card.status,
    online: card.online,
    name: card.name,
    ratingAvg: ratingAverage(card.ratingSum, card.ratingCount),
    ratingCount: card.ratingCount,
    jobsDone: await jobsDone(knex, card.providerId),
  };
}
