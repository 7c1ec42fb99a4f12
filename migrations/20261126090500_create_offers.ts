/**
 * Who was offered which request, when, and what they answered. A provider is offered a request
 * at most once (unique request/provider) and holds at most one open offer at a time (partial
 * unique index on provider where status = 'offered'): the database itself refuses a double claim.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('offers', (t) => {
    t.increments('id').primary();
    t.integer('request_id')
      .notNullable()
      .references('id')
      .inTable('service_requests')
      .onDelete('cascade');
    t.integer('provider_id')
      .notNullable()
      .references('id')
      .inTable('providers')
      .onDelete('cascade');
    t.string('status', 16).notNullable().defaultTo('offered');
    t.timestamp('offered_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('answered_at', { useTz: true });
    t.check(
      "status in ('offered', 'accepted', 'declined', 'expired', 'cancelled')",
      [],
      'offers_status_check',
    );
    t.check('expires_at > offered_at', [], 'offers_expiry_check');
    // Offer history of a request, and "already offered this request" in matching.
    t.unique(['request_id', 'provider_id'], { indexName: 'offers_request_provider_uq' });
    // A provider's offer history.
    t.index(['provider_id', 'offered_at'], 'offers_provider_idx');
  });
  // At most one open offer per provider; also serves "does this provider hold an open offer".
  await knex.raw(
    "create unique index offers_one_open_per_provider_uq on offers (provider_id) where status = 'offered'",
  );
  // The expiry sweep: open offers by deadline.
  await knex.raw(
    "create index offers_open_expires_idx on offers (expires_at) where status = 'offered'",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('offers');
}
