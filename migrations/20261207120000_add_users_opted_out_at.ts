/**
 * Opt-out: when a person asked the bot to stop messaging them (null = not opted out). Expand only:
 * a nullable column without a default, so the running (previous) version keeps working
 * (docs/data-model.md, "Migrations: expand, then contract"). The check lives in
 * backend/src/db/opt-out.ts; nothing else reads this column.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.timestamp('opted_out_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('opted_out_at');
  });
}
