/**
 * Retention deletes in batches: rows of `table` chosen by `where` (a condition on the table's own
 * columns), at most `batchSize` per statement, so a large backlog never holds one long lock or
 * one huge transaction. Returns how many rows went.
 */
import type { Knex } from 'knex';

export async function deleteInBatches(
  knex: Knex,
  table: string,
  key: string,
  where: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
  batchSize: number,
): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await knex(table)
      .whereIn(key, where(knex(table).select(key)).limit(batchSize))
      .delete();
    total += n;
    if (n < batchSize) return total;
  }
}
