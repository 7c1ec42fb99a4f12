/** One rating per finished request; the provider's aggregate lives on providers (rating_sum/count). */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ratings', (t) => {
    t.increments('id').primary();
    t.integer('request_id')
      .notNullable()
      .unique()
      .references('id')
      .inTable('service_requests')
      .onDelete('cascade');
    t.integer('customer_id').notNullable().references('id').inTable('users').onDelete('restrict');
    t.integer('provider_id')
      .notNullable()
      .references('id')
      .inTable('providers')
      .onDelete('cascade');
    t.smallint('stars').notNullable();
    t.text('comment');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.check('stars between 1 and 5', [], 'ratings_stars_check');
    // A provider's reviews, newest first.
    t.index(['provider_id', 'created_at'], 'ratings_provider_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('ratings');
}
