/**
 * The Postgres connection (Knex over pg) and the migration runner.
 *
 * Every connection gets `search_path = <schema>, public`: tables live in `<schema>` (one per test
 * file, `public` in production) and the cube/earthdistance functions in `public`.
 * Migrations are read from `<repo>/migrations` as `.ts` under tsx/ts-jest and as `.js` from
 * `dist/migrations` when compiled; this file sits at the same depth in both trees.
 */
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { DirectoryMigrationSource, FilesMigrationSource } from './migration-source';

export interface KnexOptions {
  url: string;
  schema?: string;
  poolMax?: number;
  poolMin?: number;
  /**
   * false: commits return before the WAL is flushed (`synchronous_commit = off`). Only for
   * best-effort writes such as the message log: a Postgres crash can lose the last few hundred
   * milliseconds of them, never corrupt anything.
   */
  synchronousCommit?: boolean;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name: ${JSON.stringify(schema)}`);
  return schema;
}

export function createKnex({
  url,
  schema = 'public',
  poolMax = 10,
  poolMin = 0,
  synchronousCommit = true,
}: KnexOptions): Knex {
  assertSchemaName(schema);
  type PgConnection = { query(sql: string, cb: (err: Error | null) => void): void };
  return knexFactory({
    client: 'pg',
    connection: url,
    searchPath: schema === 'public' ? ['public'] : [schema, 'public'],
    pool: {
      min: poolMin,
      max: poolMax,
      ...(synchronousCommit
        ? {}
        : {
            afterCreate: (
              conn: PgConnection,
              done: (err: Error | null, conn: PgConnection) => void,
            ) => conn.query('set synchronous_commit to off', (err) => done(err, conn)),
          }),
    },
    acquireConnectionTimeout: 10_000,
  });
}

const runningCompiled = path.extname(__filename) === '.js';

export const MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', '..', 'migrations');

export function migrationConfig(schema: string): Knex.MigratorConfig {
  return {
    migrationSource: new DirectoryMigrationSource(MIGRATIONS_DIR, runningCompiled ? '.js' : '.ts'),
    schemaName: assertSchemaName(schema),
    tableName: 'knex_migrations',
  };
}

/** Create the schema if needed and apply every pending migration. Returns the names applied. */
export async function migrateLatest(knex: Knex, schema = 'public'): Promise<string[]> {
  await knex.raw('create schema if not exists ??', [assertSchemaName(schema)]);
  const [, applied] = (await knex.migrate.latest(migrationConfig(schema))) as [number, string[]];
  return applied;
}

/** Undo every applied migration (all batches). Returns the names rolled back. */
export async function rollbackAll(knex: Knex, schema = 'public'): Promise<string[]> {
  const [, rolledBack] = (await knex.migrate.rollback(migrationConfig(schema), true)) as [
    number,
    string[],
  ];
  return rolledBack;
}

/**
 * Apply exactly `files` (absolute paths, in order; those already applied are skipped). The
 * two-version migration test builds the released schema and the new one with it.
 */
export async function migrateFiles(
  knex: Knex,
  schema: string,
  files: readonly string[],
): Promise<string[]> {
  await knex.raw('create schema if not exists ??', [assertSchemaName(schema)]);
  const config: Knex.MigratorConfig = {
    migrationSource: new FilesMigrationSource(files),
    schemaName: schema,
    tableName: 'knex_migrations',
  };
  const [, applied] = (await knex.migrate.latest(config)) as [number, string[]];
  return applied;
}
