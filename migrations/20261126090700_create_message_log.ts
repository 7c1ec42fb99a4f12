/**
 * Every WhatsApp message in and out (metadata only, never the text), with its delivery status.
 * Kept 90 days: the retention job deletes by `created_at`, hence its index.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('message_log', (t) => {
    t.bigIncrements('id').primary();
    t.string('wamid', 255).unique();
    t.string('direction', 3).notNullable();
    t.integer('user_id').references('id').inTable('users').onDelete('set null');
    t.string('message_type', 32).notNullable();
    t.string('status', 16).notNullable();
    t.integer('error_code');
    t.string('correlation_id', 128);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('status_at', { useTz: true });
    t.check("direction in ('in', 'out')", [], 'message_log_direction_check');
    t.check(
      "status in ('queued', 'sent', 'delivered', 'read', 'failed', 'received')",
      [],
      'message_log_status_check',
    );
    t.index(['created_at'], 'message_log_created_idx');
    t.index(['user_id', 'created_at'], 'message_log_user_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('message_log');
}
