/** loadUser / saveUser: the user behind a conversation, with their provider status and last request. */
import type { Knex } from 'knex';
import type { LastRequest, UserRecord } from '../conversation/operations';
import { findOrCreateByIdentity, getUserProfile, updateUser, type User, type UserProfile } from '../db/users';
import type { OperationHandler, OperationContext } from './registry';
import { phoneOf } from './lookups';
import { contactFromKey } from '../shared/conversation-key';

export function identityFromContext(ctx: OperationContext): { waId?: string; bsuid?: string } {
  const fromKey = contactFromKey(ctx.key);
  const waId = ctx.contact.waId ?? fromKey.waId;
  const bsuid = ctx.contact.bsuid ?? fromKey.bsuid;
  return { ...(waId ? { waId } : {}), ...(bsuid ? { bsuid } : {}) };
}

/** Provider status and the latest request of a service still offered: one statement. */
export async function toUserRecord(knex: Knex, user: User): Promise<UserRecord> {
  const { provider, lastRequest } = await getUserProfile(knex, user.id);
  return recordOf(
    user,
    provider,
    lastRequest && {
      serviceTypeId: lastRequest.serviceTypeId,
      serviceName: { es: lastRequest.nameEs, en: lastRequest.nameEn },
      lat: lastRequest.lat,
      lng: lastRequest.lng,
      address: lastRequest.address,
    },
  );
}

/** A user row just created has no provider profile and no requests yet. */
function newUserRecord(user: User): UserRecord {
  return recordOf(user, null, null);
}

function recordOf(user: User, provider: UserProfile['provider'], lastRequest: LastRequest | null): UserRecord {
  return {
    id: user.id,
    name: user.name,
    locale: user.locale,
    role: provider ? 'provider' : 'customer',
    phone: phoneOf(user.waId),
    provider,
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
