/**
 * Running an operation's database work exactly once.
 *
 * `once` looks the call up in `operation_results` and, when it is not there, runs the work and
 * stores its output in the same transaction: a worker that crashed after the commit and before
 * the result reached the conversation gets the stored outcome back instead of doing the work
 * again. The stored key is `<op>:<idempotency key>:<hash of the input>`, so one event that
 * happens to cause two different calls of one operation never confuses them.
 *
 * Side effects outside the database (metrics) are registered with `after` and run only once
 * the transaction committed, and never for a replayed outcome. Deadlocks and serialization
 * failures are retried a few times before the error goes up (→ the job is retried later).
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { isRetryableTransactionError } from '../db/errors';
import {
  getOperationResult,
  insertOperationResult,
  setOperationResult,
} from '../db/operation-results';

export interface Tx {
  trx: Knex.Transaction;
  /** Run `fn` after the commit (skipped on rollback and on replays). */
  after(fn: () => void): void;
}

/** Thrown by work that found the world changed under it and wants a fresh transaction. */
export class RestartTransaction extends Error {
  constructor(reason: string) {
    super(`restart transaction: ${reason}`);
    this.name = 'RestartTransaction';
  }
}

const MAX_ATTEMPTS = 4;

/** One transaction with post-commit effects, retried on deadlock/serialization failure. */
export async function inTransaction<T>(knex: Knex, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const effects: (() => void)[] = [];
    try {
      const output = await knex.transaction((trx) =>
        work({ trx, after: (fn) => effects.push(fn) }),
      );
      for (const fn of effects) fn();
      return output;
    } catch (err) {
      const retryable = err instanceof RestartTransaction || isRetryableTransactionError(err);
      if (!retryable || attempt >= MAX_ATTEMPTS) throw err;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.floor(Math.random() * 10)));
    }
  }
}

/**
 * Run `work` once per (op, key, input); a repeat returns the first outcome.
 *
 * The key is claimed first with a placeholder row (`insert … on conflict do nothing`), then the
 * work runs and the row gets its result, all in one transaction. A second call with the same key
 * while the first is still running waits on the unique index instead of doing the work again,
 * and then reads the committed outcome (or, if the first rolled back, does the work itself).
 * Same number of round trips as "select, then insert" for a first run.
 */
export async function once<T>(
  knex: Knex,
  op: string,
  key: string,
  input: unknown,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  const resultKey = `${op}:${key}:${inputHash(input)}`;
  return inTransaction(knex, async (tx) => {
    const claimed = await insertOperationResult(tx.trx, resultKey, op, null);
    if (!claimed) return getOperationResult<T>(tx.trx, resultKey);
    const output = await work(tx);
    await setOperationResult(tx.trx, resultKey, output);
    return output;
  });
}

/**
 * Remember that something happened once (e.g. "the expiry of offer 7 was reported").
 * Returns true the first time for this key, false afterwards. Part of the caller's transaction.
 */
export async function markOnce(
  trx: Knex.Transaction,
  op: string,
  key: string,
  result: unknown = true,
): Promise<boolean> {
  return insertOperationResult(trx, `${op}:${key}`, op, result);
}

/** Key-order independent JSON, hashed (the input is plain JSON by contract). */
export function inputHash(input: unknown): string {
  return createHash('sha256').update(stableJson(input)).digest('base64url').slice(0, 22);
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}
