/**
 * Outcomes of conversation operations that must not run twice (operations/idempotency.ts).
 * A worker can crash after an operation committed and before its result reached the conversation;
 * the re-run finds the stored outcome here, written in the same transaction as the work itself.
 * Rows are only needed for as long as a retry can happen (minutes to days): the `created_at`
 * index serves the retention delete.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('operation_results', (t) => {
    t.text('idempotency_key').primary();
    t.string('op', 40).notNullable();
    t.jsonb('result').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['created_at'], 'operation_results_created_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('operation_results');
}
