/**
 * What the customer said is wrong ("¿Qué pasa?"), kept with the request and shown to the providers
 * it is offered to; and the request's area (its neighbourhood), what a provider sees before they
 * accept — `address` is the full address the customer typed, given only to the provider who
 * accepted. Additive: nullable columns, no rewrite (the previous release ignores them).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('service_requests', (t) => {
    t.text('problem');
    t.text('area');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('service_requests', (t) => {
    t.dropColumn('problem');
    t.dropColumn('area');
  });
}
