/**
 * People who talk to the bot. A user is known by the WhatsApp identity Meta sends: the phone
 * based `wa_id`, the business-scoped user id (`bsuid`, e.g. `MX.1234abcd`), or both. Either may
 * be missing (username users can withhold their number), never both.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.increments('id').primary();
    t.string('wa_id', 32).unique();
    t.string('bsuid', 160).unique();
    t.text('name');
    t.string('locale', 2).notNullable().defaultTo('es');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('deleted_at', { useTz: true });
    t.check("locale in ('es', 'en')", [], 'users_locale_check');
    t.check('wa_id is not null or bsuid is not null', [], 'users_identity_check');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('users');
}
