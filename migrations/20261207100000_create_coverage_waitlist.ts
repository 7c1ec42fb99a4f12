/**
 * People who asked to be told when the marketplace reaches their city ("Avísame cuando
 * lleguen"). `city` is the code of a known city (backend/src/geo/cities.ts) or 'other'; `lat`/`lng`
 * are the area (rounded to ~1 km), never an exact point. One row per user and city.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('coverage_waitlist', (t) => {
    t.bigIncrements('id').primary();
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('city', 40).notNullable();
    t.double('lat').notNullable();
    t.double('lng').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['user_id', 'city'], { indexName: 'coverage_waitlist_user_city_key' });
    t.index(['city', 'created_at'], 'coverage_waitlist_city_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('coverage_waitlist');
}
