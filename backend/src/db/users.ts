/**
 * Users, found by the WhatsApp identity Meta sends (`wa_id`, BSUID, or both).
 * Creation is race-safe: concurrent first messages of one person create exactly one row
 * (`insert … on conflict do nothing`, then read the winner).
 */
import type { Knex } from 'knex';
import { selectList, type ColumnMap } from './columns';
import { isUniqueViolation } from './errors';

export type Locale = 'es' | 'en';

export interface User {
  id: number;
  waId: string | null;
  bsuid: string | null;
  name: string | null;
  locale: Locale;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

export interface Identity {
  waId?: string;
  bsuid?: string;
}

const COLUMNS: ColumnMap<User> = {
  id: 'id',
  waId: 'wa_id',
  bsuid: 'bsuid',
  name: 'name',
  locale: 'locale',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  deletedAt: 'deleted_at',
};
export const USER_SELECT = selectList(COLUMNS);

export async function getUserById(knex: Knex, id: number): Promise<User | null> {
  return (await knex('users').select(USER_SELECT).where({ id }).first<User | undefined>()) ?? null;
}

/** The user with this wa_id, else with this BSUID (wa_id wins when both exist). */
export async function findUserByIdentity(knex: Knex, identity: Identity): Promise<User | null> {
  const { waId, bsuid } = checkIdentity(identity);
  const row = await knex('users')
    .select(USER_SELECT)
    .where((q) => {
      if (waId) q.orWhere('wa_id', waId);
      if (bsuid) q.orWhere('bsuid', bsuid);
    })
    .orderByRaw('(wa_id is not distinct from ?) desc', [waId ?? null])
    .first<User | undefined>();
  return row ?? null;
}

export async function findOrCreateByIdentity(
  knex: Knex,
  input: Identity & { profileName?: string },
): Promise<{ user: User; isNew: boolean }> {
  const { waId, bsuid } = checkIdentity(input);
  const name = input.profileName?.trim() || null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await findUserByIdentity(knex, { waId, bsuid });
    if (existing) return { user: await completeIdentity(knex, existing, { waId, bsuid }, name), isNew: false };
    const [created] = await knex('users')
      .insert({ wa_id: waId ?? null, bsuid: bsuid ?? null, name })
      .onConflict()
      .ignore()
      .returning<User[]>(USER_SELECT);
    if (created) return { user: created, isNew: true };
    // Another transaction created it between our read and insert: read it on the next pass.
  }
  throw new Error('findOrCreateByIdentity: could not settle the user row');
}

/** Fill a missing wa_id/BSUID/name on an existing user and undo a soft delete. */
async function completeIdentity(knex: Knex, user: User, identity: Identity, name: string | null): Promise<User> {
  const patch: Record<string, unknown> = {};
  if (!user.waId && identity.waId) patch.wa_id = identity.waId;
  if (!user.bsuid && identity.bsuid) patch.bsuid = identity.bsuid;
  if (!user.name && name) patch.name = name;
  if (user.deletedAt) patch.deleted_at = null;
  if (Object.keys(patch).length === 0) return user;
  try {
    const [updated] = await knex('users')
      .update({ ...patch, updated_at: knex.fn.now() })
      .where({ id: user.id })
      .returning<User[]>(USER_SELECT);
    return updated ?? user;
  } catch (err) {
    // The other identifier already belongs to another row: keep the user as found.
    if (isUniqueViolation(err)) return user;
    throw err;
  }
}

export async function updateUser(knex: Knex, id: number, patch: { name?: string | null; locale?: Locale }): Promise<User | null> {
  const values: Record<string, unknown> = {};
  if (patch.name !== undefined) values.name = patch.name;
  if (patch.locale !== undefined) values.locale = patch.locale;
  if (Object.keys(values).length === 0) return getUserById(knex, id);
  const [row] = await knex('users')
    .update({ ...values, updated_at: knex.fn.now() })
    .where({ id })
    .returning<User[]>(USER_SELECT);
  return row ?? null;
}

export async function softDeleteUser(knex: Knex, id: number, now: Date = new Date()): Promise<boolean> {
  const n = await knex('users').update({ deleted_at: now, updated_at: now }).where({ id }).whereNull('deleted_at');
  return n > 0;
}


function checkIdentity(identity: Identity): Identity {
  const waId = identity.waId || undefined;
  const bsuid = identity.bsuid || undefined;
  if (!waId && !bsuid) throw new TypeError('a user identity needs a wa_id or a BSUID');
  return { waId, bsuid };
}
