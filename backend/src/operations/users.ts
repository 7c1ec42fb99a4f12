/** loadUser / saveUser: the user behind a conversation, with their provider status and last request. */
import type { Knex } from 'knex';
import type { LastRequest, ProviderStatus, UserRecord } from '../conversation/operations';
import { findOrCreateByIdentity, updateUser, type User } from '../db/users';
import type { OperationHandler, OperationContext } from './registry';
import { phoneOf } from './lookups';
import { contactFromKey } from '../shared/conversation-key';

export function identityFromContext(ctx: OperationContext): { waId?: string; bsuid?: string } {
  const fromKey = contactFromKey(ctx.key);
  const waId = ctx.contact.waId ?? fromKey.waId;
  const bsuid = ctx.contact.bsuid ?? fromKey.bsuid;
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

/** Provider status and the latest request of a service still offered: one statement. */
export async function toUserRecord(knex: Knex, user: User): Promise<UserRecord> {
  const { rows } = await knex.raw<{ rows: (Partial<ProfileRow> & Partial<LastRequestRow>)[] }>(
    `select p.status as "providerStatus", p.online as "providerOnline",
            lr.service_type_id as "serviceTypeId", lr.name_es as "nameEs", lr.name_en as "nameEn", lr.lat, lr.lng, lr.address
       from (select 1) as one
       left join lateral (
         select status, online from providers where user_id = ? and deleted_at is null limit 1
       ) as p on true
       left join lateral (
         select r.service_type_id, st.name_es, st.name_en, r.lat, r.lng, r.address
           from service_requests as r join service_types as st on st.id = r.service_type_id
          where r.customer_id = ? and st.active = true and st.deleted_at is null
          order by r.created_at desc, r.id desc
          limit 1
       ) as lr on true`,
    [user.id, user.id],
  );
  const row = rows[0] ?? {};
  const provider: ProfileRow | null = row.providerStatus ? { providerStatus: row.providerStatus, providerOnline: row.providerOnline === true } : null;
  const lastRequest: LastRequest | null =
    row.serviceTypeId !== undefined && row.serviceTypeId !== null
      ? { serviceTypeId: row.serviceTypeId, serviceName: { es: row.nameEs ?? '', en: row.nameEn ?? '' }, lat: row.lat ?? 0, lng: row.lng ?? 0, address: row.address ?? null }
      : null;
  return recordOf(user, provider, lastRequest);
}

/** A user row just created has no provider profile and no requests yet. */
function newUserRecord(user: User): UserRecord {
  return recordOf(user, null, null);
}

function recordOf(user: User, provider: ProfileRow | null, lastRequest: LastRequest | null): UserRecord {
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
    return { user: isNew ? newUserRecord(user) : await toUserRecord(knex, user), isNew };
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
