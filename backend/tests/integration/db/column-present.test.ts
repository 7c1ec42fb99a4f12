/** db/column-present.ts against real Postgres: a column of this release, asked for before use. */
import { columnPresent } from '../../../src/db/column-present';
import { createTestDb, type TestDb } from '../../helpers/db';

describe('columnPresent', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('sees a migrated column, and not one that is missing; a missing one is asked again later', async () => {
    expect(await columnPresent(db.knex, 'service_requests', 'urgent')).toBe(true);
    const t0 = Date.now();
    expect(await columnPresent(db.knex, 'service_requests', 'later_column', t0)).toBe(false);
    await db.knex.schema.alterTable('service_requests', (t) => {
      t.boolean('later_column');
    });
    // Remembered as missing for a minute, then seen.
    expect(await columnPresent(db.knex, 'service_requests', 'later_column', t0 + 1000)).toBe(false);
    expect(await columnPresent(db.knex, 'service_requests', 'later_column', t0 + 61_000)).toBe(
      true,
    );
  });
});
