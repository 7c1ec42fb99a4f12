/**
 * loadUser / saveUser: the user behind a conversation, with their provider status and last request.
 * A number/BSUID mismatch (db/users.ts, identity rule) is recorded: an audit_log row naming the
 * accounts involved, `identity_mismatches_total{kind}` and a warning (conversation key masked).
 */
import type { Knex } from 'knex';
import type { LastRequest, UserRecord } from '../conversation/operations';
import { writeAudit } from '../db/audit-log';
import {
  findOrCreateByIdentity,
  getUserProfile,
  updateUser,
  type IdentityMismatch,
  type User,
  type UserProfile,
} from '../db/users';
import type { Logger } from '../observability/logger';
import { metrics } from '../observability/metrics';
import type { OperationHandler, OperationContext } from './registry';
import { phoneOf } from './lookups';
import { contactFromKey } from '../shared/conversation-key';
import { maskKey } from '../shared/mask';

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

function recordOf(
  user: User,
  provider: UserProfile['provider'],
  lastRequest: LastRequest | null,
): UserRecord {
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

/** The user of this conversation's identity; a mismatch is recorded before it is returned. */
async function userOf(
  knex: Knex,
  ctx: OperationContext,
  logger: Logger | undefined,
): Promise<{ user: User; isNew: boolean }> {
  const { user, isNew, mismatch } = await findOrCreateByIdentity(knex, identityFromContext(ctx));
  if (mismatch) await recordMismatch(knex, logger, ctx, user, mismatch);
  return { user, isNew };
}

async function recordMismatch(
  knex: Knex,
  logger: Logger | undefined,
  ctx: OperationContext,
  user: User,
  m: IdentityMismatch,
): Promise<void> {
  metrics.identityMismatches.inc({ kind: m.kind });
  await writeAudit(knex, {
    actor: 'system:identity',
    action: 'user.identity_mismatch',
    entity: 'user',
    entityId: user.id,
    data: { kind: m.kind, contradicts: m.userIds, correlationId: ctx.correlationId },
  });
  logger?.warn(
    {
      event: 'user.identity_mismatch',
      kind: m.kind,
      userId: user.id,
      contradicts: m.userIds,
      key: maskKey(ctx.key),
      correlationId: ctx.correlationId,
    },
    'number and BSUID contradict the accounts on file: kept apart',
  );
}

export function loadUser(knex: Knex, logger?: Logger): OperationHandler<'loadUser'> {
  // `profileName` is information only: it is never stored as the user's name.
  return async (_input, ctx) => {
    const { user, isNew } = await userOf(knex, ctx, logger);
    return { user: isNew ? newUserRecord(user) : await toUserRecord(knex, user), isNew };
  };
}

export function saveUser(knex: Knex, logger?: Logger): OperationHandler<'saveUser'> {
  return async (input, ctx) => {
    const { user } = await userOf(knex, ctx, logger);
    const patch = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.locale ? { locale: input.locale } : {}),
    };
    const updated = await updateUser(knex, user.id, patch);
    return { user: await toUserRecord(knex, updated ?? user) };
  };
}
