/**
 * What the customer said is wrong ("¿Qué pasa?"), kept with the request and shown to the providers
 * it is offered to. Additive: nullable, no default rewrite (the previous release ignores it).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('service_requests', (t) => {
    t.text('problem');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('service_requests', (t) => {
    t.dropColumn('problem');
  });
}
