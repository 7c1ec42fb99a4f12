/**
 * cube + earthdistance give the `earth` point type, great-circle distances and GiST-indexed
 * radius / nearest-neighbour search; btree_gist lets one GiST index hold a plain integer column
 * (the service type) next to the location. They live in `public`, shared by every schema of the
 * database (each test file migrates its own schema), and are created only when missing.
 *
 * `down` leaves them in place on purpose: other schemas of the same database may use them,
 * and dropping an extension someone else depends on is not this migration's call.
 */
import type { Knex } from 'knex';

const EXTENSIONS = ['cube', 'earthdistance', 'btree_gist'] as const;

export async function up(knex: Knex): Promise<void> {
  const { rows } = await knex.raw<{ rows: { extname: string }[] }>(
    'select extname from pg_extension where extname = any(?)',
    [[...EXTENSIONS]],
  );
  if (rows.length === EXTENSIONS.length) return;
  // Two schemas migrating at once would race on CREATE EXTENSION: serialise them.
  await knex.raw("select pg_advisory_xact_lock(hashtext('ubermench:create-extensions'))");
  for (const name of EXTENSIONS)
    await knex.raw('create extension if not exists ?? schema public', [name]);
}

export async function down(): Promise<void> {
  // Intentionally empty: see the header comment.
}
