/**
 * Zero-downtime migrations, two versions at once (docs/data-model.md, "Migrations: expand, then
 * contract"). A deploy runs the new migrations while the previous version still serves, and a
 * rollback puts the previous version back onto the migrated schema; so:
 *
 *   - previous code × new schema: the migrations not yet released (migrations/RELEASED) may only
 *     expand the released schema (db/schema-compat.ts), checked by comparing the catalog before
 *     and after them, applied on top of a released schema that holds data, as in production;
 *   - new code × released schema: the service's main path (smoke-path.ts: every conversation
 *     operation, the message log, admin views, retention) runs on the released schema alone, so
 *     the code of this version does not need its own migrations to serve (they may be applied
 *     before or after it starts) — code uses a new column from the release after the one that
 *     adds it.
 *
 * The checker is itself tested on fixtures (fixtures/, never in migrations/): each breaking one
 * is reported and really breaks the code that ran before it (the smoke path fails on it); the
 * expanding ones are not reported and the smoke path passes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { createKnex, migrateFiles, MIGRATIONS_DIR } from '../../../src/db/knex';
import { releasedMigrations } from '../../../src/db/migration-source';
import { acknowledgedIn, breakingChanges } from '../../../src/db/schema-compat';
import { readSchemaShape, type SchemaShape } from '../../../src/db/schema-shape';
import { createTestDb, randomSchemaName, testDatabaseUrl, type TestDb } from '../../helpers/db';
import { smokePath } from './smoke-path';

const FIXTURES = path.join(__dirname, 'fixtures');
const all = readdirSync(MIGRATIONS_DIR)
  .filter((f) => f.endsWith('.ts'))
  .sort();
const released = releasedMigrations(MIGRATIONS_DIR);
const nameOf = (file: string) => path.basename(file, '.ts');
const releasedFiles = all
  .filter((f) => released.includes(nameOf(f)))
  .map((f) => path.join(MIGRATIONS_DIR, f));
const newFiles = all
  .filter((f) => !released.includes(nameOf(f)))
  .map((f) => path.join(MIGRATIONS_DIR, f));

/** A schema with the released migrations applied (and its own pool, search_path on it). */
async function releasedSchema(): Promise<{
  knex: Knex;
  schema: string;
  shape: SchemaShape;
  drop(): Promise<void>;
}> {
  const schema = randomSchemaName();
  const knex = createKnex({ url: testDatabaseUrl(), schema, poolMax: 4 });
  await migrateFiles(knex, schema, releasedFiles);
  return {
    knex,
    schema,
    shape: await readSchemaShape(knex, schema),
    drop: async () => {
      await knex.raw('drop schema if exists ?? cascade', [schema]);
      await knex.destroy();
    },
  };
}

/** Released schema with data → `files` on top (a deploy): what they break, and whether the previous code still runs. */
async function deploy(
  files: string[],
): Promise<{ breaking: string[]; smoke: Error | null; applied: string[] }> {
  const db = await releasedSchema();
  try {
    await smokePath(db.knex, 'before');
    const applied = await migrateFiles(db.knex, db.schema, [...releasedFiles, ...files]);
    const acknowledged = acknowledgedIn(files.map((f) => readFileSync(f, 'utf8')));
    const breaking = breakingChanges(
      db.shape,
      await readSchemaShape(db.knex, db.schema),
      acknowledged,
    ).map((b) => `${b.object}: ${b.problem}`);
    // The code that ran before these migrations (the fixtures are not ours: today's code is it).
    const smoke = await smokePath(db.knex, 'after').then(
      () => null,
      (err: Error) => err,
    );
    return { breaking, smoke, applied };
  } finally {
    await db.drop();
  }
}

describe('migrations/RELEASED', () => {
  it('lists migrations that exist, once each, and every new migration sorts after them', () => {
    expect(released.length).toBeGreaterThan(0);
    expect(new Set(released).size).toBe(released.length);
    expect(released.filter((name) => !all.map(nameOf).includes(name))).toEqual([]);
    // Released first, then new: a new migration dated before a released one would run out of order.
    expect(all.map(nameOf).slice(0, released.length)).toEqual(released);
  });
});

describe('two versions at once', () => {
  let db: Awaited<ReturnType<typeof releasedSchema>>;
  beforeAll(async () => {
    db = await releasedSchema();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('new code × released schema: the main path of this version runs on the released migrations alone', async () => {
    await expect(smokePath(db.knex, 'released')).resolves.toBeUndefined();
  });

  it('previous code × new schema: the new migrations apply on top of released data and only expand the schema', async () => {
    const before = db.shape;
    const applied = await migrateFiles(db.knex, db.schema, [...releasedFiles, ...newFiles]);
    expect(applied).toEqual(newFiles.map(nameOf));
    const after = await readSchemaShape(db.knex, db.schema);
    const acknowledged = acknowledgedIn(newFiles.map((f) => readFileSync(f, 'utf8')));
    expect(breakingChanges(before, after, acknowledged)).toEqual([]);
    await expect(smokePath(db.knex, 'migrated')).resolves.toBeUndefined();
  });

  it('released + new, applied in two steps, give the same schema as a fresh install', async () => {
    const fresh: TestDb = await createTestDb({ poolMax: 2 });
    try {
      expect(await readSchemaShape(db.knex, db.schema)).toEqual(
        await readSchemaShape(fresh.knex, fresh.schema),
      );
    } finally {
      await fresh.destroy();
    }
  });
});

describe('the checker, on migrations that are not ours (fixtures)', () => {
  const fixture = (name: string) => path.join(FIXTURES, `${name}.ts`);

  it.each([
    [
      '20991231000001_rename_user_name',
      ['users.name: column dropped or renamed'],
      /column "name" does not exist/,
    ],
    [
      '20991231000002_require_request_channel',
      ['service_requests.channel: added NOT NULL without a default to a released table'],
      /"channel" .*violates not-null/,
    ],
    [
      '20991231000003_narrow_request_status',
      [
        expect.stringMatching(
          /^service_requests\.service_requests_status_check: changed on released columns: CHECK/,
        ),
      ],
      /violates check constraint "service_requests_status_check"/,
    ],
    [
      '20991231000004_drop_message_log_wamid_unique',
      [expect.stringMatching(/^message_log\.\w+: unique constraint or index dropped/)],
      /no unique or exclusion constraint matching the ON CONFLICT/,
    ],
  ])(
    '%s is reported, and the previous version really breaks on it',
    async (name, expected, why) => {
      const { breaking, smoke } = await deploy([fixture(name)]);
      expect(breaking).toEqual(expected);
      expect(smoke?.message).toMatch(why);
    },
  );

  it('an expand-only migration is not reported, and the previous version keeps working', async () => {
    const { breaking, smoke, applied } = await deploy([fixture('20991231000005_expand_only')]);
    expect(applied).toEqual(['20991231000005_expand_only']);
    expect(breaking).toEqual([]);
    expect(smoke).toBeNull();
  });

  it('a reviewed change is not reported when its migration says why (`@compatible`), and is without that line', async () => {
    const file = fixture('20991231000006_widen_request_status');
    const { breaking, smoke } = await deploy([file]);
    expect(breaking).toEqual([]);
    expect(smoke).toBeNull();
    expect(acknowledgedIn([readFileSync(file, 'utf8')])).toEqual(
      new Set(['service_requests.service_requests_status_check']),
    );
    const db = await releasedSchema();
    try {
      await migrateFiles(db.knex, db.schema, [...releasedFiles, file]);
      const unacknowledged = breakingChanges(db.shape, await readSchemaShape(db.knex, db.schema));
      expect(unacknowledged.map((b) => b.object)).toEqual([
        'service_requests.service_requests_status_check',
      ]);
    } finally {
      await db.drop();
    }
  });
});
