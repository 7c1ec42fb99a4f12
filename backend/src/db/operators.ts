/** Console operators: who may sign in to /console, with which role. Passwords arrive hashed. */
import type { Knex } from 'knex';
import { isUniqueViolation } from './errors';

export type OperatorRole = 'agent' | 'admin';

export interface Operator {
  id: number;
  username: string;
  displayName: string;
  role: OperatorRole;
  createdAt: Date;
  lastLoginAt: Date | null;
  disabledAt: Date | null;
}

const SELECT = [
  'id',
  'username',
  'display_name as displayName',
  'role',
  'created_at as createdAt',
  'last_login_at as lastLoginAt',
  'disabled_at as disabledAt',
];

export async function createOperator(
  knex: Knex,
  input: { username: string; displayName: string; role: OperatorRole; passwordHash: string },
): Promise<{ ok: true; operator: Operator } | { ok: false; reason: 'username_taken' }> {
  try {
    const [operator] = await knex('operators')
      .insert({
        username: input.username,
        display_name: input.displayName,
        role: input.role,
        password_hash: input.passwordHash,
      })
      .returning<Operator[]>(SELECT);
    return { ok: true, operator: operator! };
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, reason: 'username_taken' };
    throw err;
  }
}

/** The operator and their password hash, for sign-in (disabled ones included: the caller refuses them). */
export async function findOperatorForLogin(
  knex: Knex,
  username: string,
): Promise<(Operator & { passwordHash: string }) | null> {
  const row = await knex('operators')
    .select([...SELECT, 'password_hash as passwordHash'])
    .where({ username })
    .first<(Operator & { passwordHash: string }) | undefined>();
  return row ?? null;
}

export async function getOperator(knex: Knex, id: number): Promise<Operator | null> {
  return (
    (await knex('operators').select(SELECT).where({ id }).first<Operator | undefined>()) ?? null
  );
}

export async function listOperators(knex: Knex): Promise<Operator[]> {
  return knex('operators').select(SELECT).orderBy('id');
}

export async function recordOperatorLogin(knex: Knex, id: number, at: Date): Promise<void> {
  await knex('operators').update({ last_login_at: at, updated_at: at }).where({ id });
}

export async function setOperatorPassword(
  knex: Knex,
  id: number,
  passwordHash: string,
): Promise<boolean> {
  return (
    (await knex('operators')
      .update({ password_hash: passwordHash, updated_at: knex.fn.now() })
      .where({ id })) > 0
  );
}

export async function countOperators(knex: Knex, role?: OperatorRole): Promise<number> {
  const q = knex('operators').whereNull('disabled_at');
  if (role) q.where({ role });
  const [{ n }] = await q.count<{ n: string }[]>('* as n');
  return Number(n);
}
