/**
 * The customer said it is urgent ("¡urgente!", "se está inundando"): offers show it, so a
 * provider between jobs knows which to answer first. Additive: a column with a default (the
 * previous release ignores it).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('service_requests', (t) => {
    t.boolean('urgent').notNullable().defaultTo(false);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('service_requests', (t) => {
    t.dropColumn('urgent');
  });
}
