/**
 * A customer's request for a service at a place. `idempotency_key` is the id of the event that
 * created it, so a redelivered or retried event never creates a second request.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('service_requests', (t) => {
    t.increments('id').primary();
    t.integer('customer_id').notNullable().references('id').inTable('users').onDelete('restrict');
    t.integer('service_type_id')
      .notNullable()
      .references('id')
      .inTable('service_types')
      .onDelete('restrict');
    t.double('lat').notNullable();
    t.double('lng').notNullable();
    t.text('address');
    t.string('status', 16).notNullable().defaultTo('searching');
    t.integer('provider_id').references('id').inTable('providers').onDelete('restrict');
    t.string('idempotency_key', 200).notNullable().unique();
    t.integer('offers_count').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('accepted_at', { useTz: true });
    t.timestamp('completed_at', { useTz: true });
    t.timestamp('cancelled_at', { useTz: true });
    t.check(
      "status in ('searching', 'offered', 'accepted', 'done', 'cancelled', 'no_providers')",
      [],
      'service_requests_status_check',
    );
    t.check(
      'lat between -90 and 90 and lng between -180 and 180',
      [],
      'service_requests_lat_lng_check',
    );
    t.check(
      "status not in ('accepted', 'done') or provider_id is not null",
      [],
      'service_requests_provider_check',
    );
    // A customer's requests, newest first (history, "my open request").
    t.index(['customer_id', 'created_at'], 'service_requests_customer_idx');
    // Admin listing by status and date; retention and dashboards by date.
    t.index(['status', 'created_at'], 'service_requests_status_created_idx');
    t.index(['created_at'], 'service_requests_created_idx');
    // A provider's job history.
    t.index(['provider_id', 'created_at'], 'service_requests_provider_idx');
  });

  await knex.schema.alterTable('providers', (t) => {
    t.foreign('current_request_id', 'providers_current_request_fk')
      .references('id')
      .inTable('service_requests')
      .onDelete('set null');
  });
  // One provider per job: two providers can never both be busy with the same request.
  await knex.raw(
    'create unique index providers_current_request_uq on providers (current_request_id) where current_request_id is not null',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index providers_current_request_uq');
  await knex.schema.alterTable('providers', (t) => {
    t.dropForeign('current_request_id', 'providers_current_request_fk');
  });
  await knex.schema.dropTable('service_requests');
}
