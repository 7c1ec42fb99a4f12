/**
 * Apply or undo the database migrations.
 *
 *   tsx scripts/migrate.ts [latest|rollback]
 *
 * Reads DATABASE_URL and DATABASE_SCHEMA (default `public`). `rollback` undoes every batch.
 */
import { createKnex, migrateLatest, rollbackAll } from '../backend/src/db/knex';

async function main(): Promise<void> {
  const action = process.argv[2] ?? 'latest';
  if (action !== 'latest' && action !== 'rollback') {
    console.error('usage: tsx scripts/migrate.ts [latest|rollback]');
    process.exit(2);
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const schema = process.env.DATABASE_SCHEMA || 'public';
  const knex = createKnex({ url, schema, poolMax: 2 });
  try {
    const names = action === 'latest' ? await migrateLatest(knex, schema) : await rollbackAll(knex, schema);
    const verb = action === 'latest' ? 'applied' : 'rolled back';
    console.log(names.length ? `${verb} in schema ${schema}:\n  ${names.join('\n  ')}` : `nothing to do in schema ${schema}`);
  } finally {
    await knex.destroy();
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
