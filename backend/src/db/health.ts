/** Is Postgres answering: the readiness probe's one statement. */
import type { Knex } from 'knex';

export async function pingDatabase(knex: Knex): Promise<void> {
  await knex.raw('select 1');
}
