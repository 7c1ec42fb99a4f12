/** loadUser / saveUser: the user behind a conversation, with their provider status and last request. */
import type { Knex } from 'knex';
import type { UserRecord } from '../../conversation/operations';
import { findOrCreateByIdentity, updateUser, type User } from '../../db/users';
import { getProviderByUserId } from '../../db/providers';
import { sendToNumber } from '../../shared/phone';
import type { OperationHandler, OperationContext } from '../operation-handlers';

export function identityFromContext(ctx: OperationContext): { waId?: string; bsuid?: string } {
  const waId = ctx.contact.waId ?? (ctx.key.startsWith('wa:') ? ctx.key.slice(3) : undefined);
  const bsuid = ctx.contact.bsuid ?? (ctx.key.startsWith('bs:') ? ctx.key.slice(3) : undefined);
  return { ...(waId ? { waId } : {}), ...(bsuid ? { bsuid } : {}) };
}

export async function toUserRecord(knex: Knex, user: User): Promise<UserRecord> {
  const provider = await getProviderByUserId(knex, user.id);
  return {
    id: user.id,
    name: user.name,
    locale: user.locale,
    role: provider ? 'provider' : 'customer',
    phone: user.waId ? sendToNumber(user.waId) : null,
    provider: provider ? { status: provider.status, online: provider.online } : null,
    lastRequest: null,
  };
}

export function loadUser(knex: Knex): OperationHandler<'loadUser'> {
  return async (input, ctx) => {
    const { user, isNew } = await findOrCreateByIdentity(knex, { ...identityFromContext(ctx), profileName: undefined });
    void input;
    return { user: await toUserRecord(knex, user), isNew };
  };
}

export function saveUser(knex: Knex): OperationHandler<'saveUser'> {
  return async (input, ctx) => {
    const { user } = await findOrCreateByIdentity(knex, identityFromContext(ctx));
    const updated = await updateUser(knex, user.id, { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.locale ? { locale: input.locale } : {}) });
    return { user: await toUserRecord(knex, updated ?? user) };
  };
}
