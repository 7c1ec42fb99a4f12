/**
 * Stored outcomes of operations, by idempotency key (`operation_results`): what
 * operations/idempotency.ts reads and writes to run an operation's work once.
 */
import type { Knex } from 'knex';
import { deleteInBatches } from './batched-delete';

/**
 * Store `result` under `key` unless the key is already there (`insert … on conflict do
 * nothing`). Returns true when this call stored it. A concurrent insert of the same key waits
 * on the unique index until the other transaction ends.
 */
export async function insertOperationResult(
  knex: Knex,
  key: string,
  op: string,
  result: unknown,
): Promise<boolean> {
  const rows = await knex('operation_results')
    .insert({ idempotency_key: key, op, result: JSON.stringify(result) })
    .onConflict('idempotency_key')
    .ignore()
    .returning('idempotency_key');
  return rows.length > 0;
}

/** The stored result of `key` (the caller knows it exists). */
export async function getOperationResult<T>(knex: Knex, key: string): Promise<T> {
  const stored = await knex('operation_results')
    .select('result')
    .where({ idempotency_key: key })
    .first<{ result: T }>();
  return stored.result;
}

export async function setOperationResult(knex: Knex, key: string, result: unknown): Promise<void> {
  await knex('operation_results')
    .update({ result: JSON.stringify(result) })
    .where({ idempotency_key: key });
}

/** Retention: delete stored outcomes created before `before`, in batches. Returns how many. */
export function deleteOperationResultsOlderThan(
  knex: Knex,
  before: Date,
  batchSize = 10_000,
): Promise<number> {
  return deleteInBatches(
    knex,
    'operation_results',
    'idempotency_key',
    (q) => q.where('created_at', '<', before),
    batchSize,
  );
}
