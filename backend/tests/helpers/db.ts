/**
 * Per-test-file Postgres isolation: a fresh schema `t_<random>` with every migration applied.
 * `destroy()` drops the schema (cascade) and closes the pool. Extensions stay in `public`.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { createKnex, migrateLatest } from '../../src/db/knex';

export interface TestDb {
  knex: Knex;
  schema: string;
  url: string;
  destroy(): Promise<void>;
}

export function testDatabaseUrl(): string {
  return process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

export function randomSchemaName(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

export async function createTestDb(
  options: { poolMax?: number; migrate?: boolean } = {},
): Promise<TestDb> {
  const url = testDatabaseUrl();
  const schema = randomSchemaName();
  const knex = createKnex({ url, schema, poolMax: options.poolMax ?? 10 });
  try {
    if (options.migrate === false) await knex.raw('create schema ??', [schema]);
    else await migrateLatest(knex, schema);
  } catch (err) {
    await dropSchema(knex, schema).catch(() => undefined);
    await knex.destroy();
    throw err;
  }
  return {
    knex,
    schema,
    url,
    destroy: async () => {
      try {
        await dropSchema(knex, schema);
      } finally {
        await knex.destroy();
      }
    },
  };
}

async function dropSchema(knex: Knex, schema: string): Promise<void> {
  await knex.raw('drop schema if exists ?? cascade', [schema]);
}
