/**
 * How many times the customer said "Todavía no" to a job the provider marked done (it went back to
 * `accepted`). Capped by the reopenJob operation so a job cannot be held open for ever. Additive:
 * a column with a default (the previous release ignores it).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('service_requests', (t) => {
    t.integer('reopened_count').notNullable().defaultTo(0);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('service_requests', (t) => {
    t.dropColumn('reopened_count');
  });
}
