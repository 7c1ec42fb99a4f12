/** The trades customers can ask for (plumbing, electrical, locksmith, …), named in both languages. */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('service_types', (t) => {
    t.increments('id').primary();
    t.string('code', 40).notNullable().unique();
    t.text('name_es').notNullable();
    t.text('name_en').notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.integer('sort_order').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('deleted_at', { useTz: true });
    t.check("code ~ '^[a-z][a-z0-9_]*$'", [], 'service_types_code_check');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('service_types');
}
