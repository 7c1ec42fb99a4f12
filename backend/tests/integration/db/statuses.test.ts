/**
 * The statuses declared once in shared/marketplace-status.ts (for the conversation contract and
 * the repositories) are exactly the values the tables' check constraints allow.
 */
import {
  OFFER_STATUSES,
  PROVIDER_STATUSES,
  REQUEST_STATUSES,
} from '../../../src/shared/marketplace-status';
import { createTestDb, type TestDb } from '../../helpers/db';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.destroy();
});

/** The quoted values of a check constraint like `status in ('a', 'b')`. */
async function allowedBy(constraint: string): Promise<string[]> {
  const { rows } = await db.knex.raw<{ rows: { def: string }[] }>(
    `select pg_get_constraintdef(c.oid) as def
       from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where c.conname = ? and n.nspname = ?`,
    [constraint, db.schema],
  );
  expect(rows).toHaveLength(1);
  return [...rows[0]!.def.matchAll(/'([^']*)'/g)].map((m) => m[1]!).sort();
}

it.each([
  ['service_requests_status_check', REQUEST_STATUSES],
  ['offers_status_check', OFFER_STATUSES],
  ['providers_status_check', PROVIDER_STATUSES],
] as const)('%s allows exactly the declared statuses', async (constraint, declared) => {
  expect(await allowedBy(constraint)).toEqual([...declared].sort());
});
