/**
 * The ops console and human help. Expand only (new tables, no change to existing ones), so the
 * running version keeps working while this one rolls out.
 *
 * - `operators`: people who sign in to the console (/console). Passwords are bcrypt hashes;
 *   `role` is `agent` (handoffs, providers, requests) or `admin` (also reveals phone numbers,
 *   erases a person's data, manages operators).
 * - `handoffs`: a conversation handed to a person. At most one open per conversation (partial
 *   unique index); `idempotency_key` is the id of the event that opened it.
 * - `handoff_messages`: the transcript an operator reads and writes while a handoff is open (the
 *   person's messages, the operator's replies, notes). Personal data: erased with the person.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('operators', (t) => {
    t.increments('id').primary();
    t.string('username', 64).notNullable().unique();
    t.text('display_name').notNullable();
    t.text('password_hash').notNullable();
    t.string('role', 8).notNullable().defaultTo('agent');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_login_at', { useTz: true });
    t.timestamp('disabled_at', { useTz: true });
    t.check("role in ('agent', 'admin')", [], 'operators_role_check');
    t.check("username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'", [], 'operators_username_check');
  });

  await knex.schema.createTable('handoffs', (t) => {
    t.increments('id').primary();
    t.integer('user_id').references('id').inTable('users').onDelete('set null');
    t.string('conversation_key', 200).notNullable();
    t.string('reason', 16).notNullable();
    t.string('status', 8).notNullable().defaultTo('open');
    t.string('idempotency_key', 200).notNullable().unique();
    t.timestamp('opened_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('closed_at', { useTz: true });
    t.string('closed_by', 64);
    t.check("reason in ('user', 'appeal')", [], 'handoffs_reason_check');
    t.check("status in ('open', 'closed')", [], 'handoffs_status_check');
    t.index(['user_id', 'opened_at'], 'handoffs_user_idx');
  });
  await knex.raw(
    "create unique index handoffs_one_open_uq on handoffs (conversation_key) where status = 'open'",
  );
  await knex.raw(
    "create index handoffs_open_idx on handoffs (opened_at, id) where status = 'open'",
  );

  await knex.schema.createTable('handoff_messages', (t) => {
    t.bigIncrements('id').primary();
    t.integer('handoff_id').notNullable().references('id').inTable('handoffs').onDelete('cascade');
    t.string('author', 8).notNullable();
    t.integer('operator_id').references('id').inTable('operators').onDelete('set null');
    t.text('body').notNullable();
    /** The WhatsApp message id of a person's message (recorded once, even if the worker retries). */
    t.string('source_id', 255).unique();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.check(
      "author in ('person', 'operator', 'bot', 'system')",
      [],
      'handoff_messages_author_check',
    );
    t.index(['handoff_id', 'id'], 'handoff_messages_handoff_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('handoff_messages');
  await knex.schema.dropTable('handoffs');
  await knex.schema.dropTable('operators');
}
