/** loadUser / saveUser: the user behind a conversation, with their provider status and last request. */
import type { Knex } from 'knex';
import type { LastRequest, ProviderStatus, UserRecord } from '../../conversation/operations';
import { findOrCreateByIdentity, updateUser, type User } from '../../db/users';
import type { OperationHandler, OperationContext } from '../operation-handlers';
import { phoneOf } from './lookups';

export function identityFromContext(ctx: OperationContext): { waId?: string; bsuid?: string } {
  const waId = ctx.contact.waId ?? (ctx.key.startsWith('wa:') ? ctx.key.slice(3) : undefined);
  const bsuid = ctx.contact.bsuid ?? (ctx.key.startsWith('bs:') ? ctx.key.slice(3) : undefined);
  return { ...(waId ? { waId } : {}), ...(bsuid ? { bsuid } : {}) };
}

interface ProfileRow {
  providerStatus: ProviderStatus;
  providerOnline: boolean;
}

interface LastRequestRow {
  serviceTypeId: number;
  nameEs: string;
  nameEn: string;
  lat: number;
  lng: number;
  address: string | null;
}

/** Provider status and the latest request of a service still offered, read in parallel. */
export async function toUserRecord(knex: Knex, user: User): Promise<UserRecord> {
  const [provider, last] = await Promise.all([
    knex('providers')
      .select('status as providerStatus', 'online as providerOnline')
      .where({ user_id: user.id })
      .whereNull('deleted_at')
      .first<ProfileRow | undefined>(),
    knex('service_requests as r')
      .join('service_types as st', 'st.id', 'r.service_type_id')
      .select('r.service_type_id as serviceTypeId', 'st.name_es as nameEs', 'st.name_en as nameEn', 'r.lat', 'r.lng', 'r.address')
      .where('r.customer_id', user.id)
      .where('st.active', true)
      .whereNull('st.deleted_at')
      .orderBy([{ column: 'r.created_at', order: 'desc' }, { column: 'r.id', order: 'desc' }])
      .first<LastRequestRow | undefined>(),
  ]);
  const lastRequest: LastRequest | null = last
    ? { serviceTypeId: last.serviceTypeId, serviceName: { es: last.nameEs, en: last.nameEn }, lat: last.lat, lng: last.lng, address: last.address }
    : null;
  return {
    id: user.id,
    name: user.name,
    locale: user.locale,
    role: provider ? 'provider' : 'customer',
    phone: phoneOf(user.waId),
    provider: provider ? { status: provider.providerStatus, online: provider.providerOnline } : null,
    lastRequest,
  };
}

export function loadUser(knex: Knex): OperationHandler<'loadUser'> {
  // `profileName` is information only: it is never stored as the user's name.
  return async (_input, ctx) => {
    const { user, isNew } = await findOrCreateByIdentity(knex, identityFromContext(ctx));
    return { user: await toUserRecord(knex, user), isNew };
  };
}

export function saveUser(knex: Knex): OperationHandler<'saveUser'> {
  return async (input, ctx) => {
    const { user } = await findOrCreateByIdentity(knex, identityFromContext(ctx));
    const patch = { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.locale ? { locale: input.locale } : {}) };
    const updated = await updateUser(knex, user.id, patch);
    return { user: await toUserRecord(knex, updated ?? user) };
  };
}
