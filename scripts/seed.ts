/**
 * Load one seed tier into the database (migrations must be applied first).
 *
 *   tsx scripts/seed.ts <smoke|dev|perf>
 *
 * smoke: a handful of service types and providers for CI; dev: realistic Mexico City data for
 * the demo; perf: 100k+ generated providers (PERF_PROVIDERS to change). Every tier is idempotent.
 * Reads DATABASE_URL and DATABASE_SCHEMA (default `public`).
 */
import path from 'node:path';
import { createKnex } from '../backend/src/db/knex';

const TIERS = ['smoke', 'dev', 'perf'] as const;
type Tier = (typeof TIERS)[number];

const isTier = (s: string | undefined): s is Tier => TIERS.includes(s as Tier);

async function main(): Promise<void> {
  const tier = process.argv[2];
  if (!isTier(tier)) {
    console.error(`usage: tsx scripts/seed.ts <${TIERS.join('|')}>`);
    process.exit(2);
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const schema = process.env.DATABASE_SCHEMA || 'public';
  const knex = createKnex({ url, schema, poolMax: 4 });
  const started = Date.now();
  try {
    const compiled = path.extname(__filename) === '.js';
    const [files] = await knex.seed.run({
      directory: path.resolve(__dirname, '..', 'seeds', tier),
      loadExtensions: [compiled ? '.js' : '.ts'],
      sortDirsSeparately: false,
    });
    console.log(
      `seeded ${tier} into schema ${schema} in ${Date.now() - started} ms (${files.map((f) => path.basename(f)).join(', ')})`,
    );
  } finally {
    await knex.destroy();
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
