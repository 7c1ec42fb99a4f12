/**
 * Opt-out: a person who asked not to be messaged has `users.opted_out_at` set. This file is the
 * one definition of that check: `isOptedOut` for one person, `optedOutSql` for queries over many
 * (the status broadcast's recipients); both read the same column the same way.
 */
import type { Knex } from 'knex';

/** SQL boolean "this user opted out", for the users table under `usersAlias`. */
export function optedOutSql(knex: Knex, usersAlias = 'users'): Knex.Raw {
  return knex.raw('(??.opted_out_at is not null)', [usersAlias]);
}

/** True when the user opted out (false for an unknown user id). */
export async function isOptedOut(knex: Knex, userId: number): Promise<boolean> {
  const row = await knex('users')
    .select(knex.raw('? as opted_out', [optedOutSql(knex)]))
    .where({ id: userId })
    .first<{ opted_out: boolean } | undefined>();
  return row?.opted_out ?? false;
}

/** Record an opt-out (`at`) or undo it (null). False when there is no such user. */
export async function setOptedOut(knex: Knex, userId: number, at: Date | null): Promise<boolean> {
  const n = await knex('users')
    .update({ opted_out_at: at, updated_at: knex.fn.now() })
    .where({ id: userId });
  return n > 0;
}
