/**
 * Whether a column that a migration of this release adds exists yet in the schema a connection
 * uses. This version must serve on the released schema too (its migrations may run before or
 * after it starts; backend/tests/integration/migrations/two-version.test.ts), so code that uses
 * such a column asks first and does without it until it is there. Present is remembered for
 * good; absent is asked again after a minute.
 */
import type { Knex } from 'knex';

const RECHECK_ABSENT_MS = 60_000;
const seen = new Map<string, { has: boolean; at: number }>();

export async function columnPresent(
  knex: Knex,
  table: string,
  column: string,
  now = Date.now(),
): Promise<boolean> {
  const searchPath = (knex.client as { config?: { searchPath?: string | string[] } }).config
    ?.searchPath;
  const key = `${[searchPath ?? 'public'].flat().join(',')}:${table}.${column}`;
  const known = seen.get(key);
  if (known && (known.has || now - known.at < RECHECK_ABSENT_MS)) return known.has;
  const has = await knex.schema.hasColumn(table, column);
  seen.set(key, { has, at: now });
  return has;
}
