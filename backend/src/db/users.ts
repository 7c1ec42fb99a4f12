/**
 * Users, found by the WhatsApp identity Meta sends (`wa_id`, BSUID, or both).
 * Creation is race-safe: concurrent first messages of one person create exactly one row
 * (`insert … on conflict do nothing`, then read the winner).
 *
 * Identity rule (docs/security.md, "Identity"): an account is used only when the message does not
 * contradict it. A known number arriving with another BSUID than the one stored (a recycled
 * number), or a known BSUID arriving from another number than the one stored, does not take over
 * the account: the message gets an account of its own (under the identifier that is still free)
 * and the mismatch is returned so the caller records it; an operator resolves it.
 */
import type { Knex } from 'knex';
import { selectList, type ColumnMap } from './columns';
import { isUniqueViolation } from './errors';
import type { ProviderStatus } from '../shared/marketplace-status';

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
const USER_SELECT = selectList(COLUMNS);
const USER_COLUMNS_SQL = Object.entries(COLUMNS)
  .map(([field, column]) => `${String(column)} as "${field}"`)
  .join(', ');

/**
 * A first contact in one round trip: the rows holding this number or BSUID and, when there are
 * none, the new row, inserted by the same statement (`isNew`). An insert that lost a race to
 * another transaction returns nothing at all (on conflict do nothing): the caller reads again.
 */
const FIND_OR_INSERT_SQL = `with found as (
    select ${USER_COLUMNS_SQL} from users where wa_id = ?::text or bsuid = ?::text limit 2
  ), created as (
    insert into users (wa_id, bsuid, name)
    select ?::text, ?::text, ?::text where not exists (select 1 from found)
    on conflict do nothing
    returning ${USER_COLUMNS_SQL}
  )
  select false as "isNew", * from found union all select true as "isNew", * from created`;

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

/** A message whose identifiers contradict the accounts on file (see the identity rule above). */
export interface IdentityMismatch {
  /**
   * - `number_has_other_bsuid`: the number's account has another BSUID (a recycled number?);
   * - `bsuid_has_other_number`: the BSUID's account has another number (a changed number?);
   * - `both_taken`: the number and the BSUID belong to two other accounts, each with another
   *   identifier: nothing can be created, the number's account is used.
   */
  kind: 'number_has_other_bsuid' | 'bsuid_has_other_number' | 'both_taken';
  /** The account(s) the message contradicts. */
  userIds: number[];
}

type Resolution =
  /** An existing account; `fill`: identifiers of the message no account holds yet (added to it). */
  | { use: User; fill: Identity; mismatch?: IdentityMismatch }
  | { create: Identity; mismatch?: IdentityMismatch };

/**
 * Which account a message with `identity` belongs to, given the account holding its number
 * (`byWaId`) and the one holding its BSUID (`byBsuid`). Pure.
 */
export function resolveIdentity(
  identity: Identity,
  byWaId: User | undefined,
  byBsuid: User | undefined,
): Resolution {
  const contradicts = (u: User) =>
    Boolean(
      (identity.waId && u.waId && u.waId !== identity.waId) ||
      (identity.bsuid && u.bsuid && u.bsuid !== identity.bsuid),
    );
  const fill: Identity = {
    ...(byWaId ? {} : { waId: identity.waId }),
    ...(byBsuid ? {} : { bsuid: identity.bsuid }),
  };
  if (byWaId && byBsuid && byWaId.id === byBsuid.id) return { use: byWaId, fill };
  const fitting = [byWaId, byBsuid].filter((u): u is User => u !== undefined && !contradicts(u));
  // Both fit: two partial accounts (number only, BSUID only); the number's, as always.
  if (fitting.length > 0) return { use: fitting[0]!, fill };
  if (byWaId && byBsuid)
    return {
      use: byWaId,
      fill,
      mismatch: { kind: 'both_taken', userIds: [byWaId.id, byBsuid.id] },
    };
  if (byWaId)
    return {
      create: { bsuid: identity.bsuid },
      mismatch: { kind: 'number_has_other_bsuid', userIds: [byWaId.id] },
    };
  if (byBsuid)
    return {
      create: { waId: identity.waId },
      mismatch: { kind: 'bsuid_has_other_number', userIds: [byBsuid.id] },
    };
  return { create: identity };
}

export async function findOrCreateByIdentity(
  knex: Knex,
  input: Identity & { profileName?: string },
): Promise<{ user: User; isNew: boolean; mismatch?: IdentityMismatch }> {
  const { waId, bsuid } = checkIdentity(input);
  const name = input.profileName?.trim() || null;
  for (let attempt = 0; attempt < 3; attempt++) {
    let rows: User[];
    if (attempt === 0) {
      // Most calls find their row or are a new person: one statement either way.
      const { rows: got } = await knex.raw<{ rows: (User & { isNew: boolean })[] }>(
        FIND_OR_INSERT_SQL,
        [waId ?? null, bsuid ?? null, waId ?? null, bsuid ?? null, name],
      );
      const created = got.find((r) => r.isNew);
      if (created) {
        const { isNew: _, ...user } = created;
        return { user, isNew: true };
      }
      if (got.length === 0) continue; // created meanwhile by someone else: read it next pass
      rows = got.map(({ isNew: _, ...user }) => user);
    } else
      rows = await knex('users')
        .select(USER_SELECT)
        .where((q) => {
          if (waId) q.orWhere('wa_id', waId);
          if (bsuid) q.orWhere('bsuid', bsuid);
        })
        .limit(2);
    const found = resolveIdentity(
      { waId, bsuid },
      rows.find((u: User) => waId !== undefined && u.waId === waId),
      rows.find((u: User) => bsuid !== undefined && u.bsuid === bsuid),
    );
    const mismatch = found.mismatch ? { mismatch: found.mismatch } : {};
    if ('use' in found)
      return {
        user: await completeIdentity(knex, found.use, found.fill, name),
        isNew: false,
        ...mismatch,
      };
    const [created] = await knex('users')
      .insert({ wa_id: found.create.waId ?? null, bsuid: found.create.bsuid ?? null, name })
      .onConflict()
      .ignore()
      .returning<User[]>(USER_SELECT);
    if (created) return { user: created, isNew: true, ...mismatch };
    // Another transaction created it between our read and insert: read it on the next pass.
  }
  throw new Error('findOrCreateByIdentity: could not settle the user row');
}

/** Fill a missing wa_id/BSUID/name on an existing user and undo a soft delete. */
async function completeIdentity(
  knex: Knex,
  user: User,
  identity: Identity,
  name: string | null,
): Promise<User> {
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

export async function updateUser(
  knex: Knex,
  id: number,
  patch: { name?: string | null; locale?: Locale },
): Promise<User | null> {
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

/** Who a user is to talk to: name and WhatsApp identity. */
export interface UserContact {
  id: number;
  name: string | null;
  waId: string | null;
  bsuid: string | null;
}

export async function getUserContact(knex: Knex, id: number): Promise<UserContact | null> {
  const row = await knex('users')
    .select('id', 'name', 'wa_id as waId', 'bsuid')
    .where({ id })
    .first<UserContact | undefined>();
  return row ?? null;
}

/** A user's provider profile (if any) and their latest request of a service still offered. */
export interface UserProfile {
  provider: { status: ProviderStatus; online: boolean } | null;
  lastRequest: {
    serviceTypeId: number;
    nameEs: string;
    nameEn: string;
    lat: number;
    lng: number;
    address: string | null;
  } | null;
}

interface ProfileRow {
  providerStatus: ProviderStatus | null;
  providerOnline: boolean | null;
  serviceTypeId: number | null;
  nameEs: string | null;
  nameEn: string | null;
  lat: number | null;
  lng: number | null;
  address: string | null;
}

/** One statement: both lookups are lateral joins of a single row. */
export async function getUserProfile(knex: Knex, userId: number): Promise<UserProfile> {
  const { rows } = await knex.raw<{ rows: Partial<ProfileRow>[] }>(
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
    [userId, userId],
  );
  const row = rows[0] ?? {};
  return {
    provider: row.providerStatus
      ? { status: row.providerStatus, online: row.providerOnline === true }
      : null,
    lastRequest:
      row.serviceTypeId !== undefined && row.serviceTypeId !== null
        ? {
            serviceTypeId: row.serviceTypeId,
            nameEs: row.nameEs ?? '',
            nameEn: row.nameEn ?? '',
            lat: row.lat ?? 0,
            lng: row.lng ?? 0,
            address: row.address ?? null,
          }
        : null,
  };
}

function checkIdentity(identity: Identity): Identity {
  const waId = identity.waId || undefined;
  const bsuid = identity.bsuid || undefined;
  if (!waId && !bsuid) throw new TypeError('a user identity needs a wa_id or a BSUID');
  return { waId, bsuid };
}
