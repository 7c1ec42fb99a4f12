import { createKnex, migrateLatest, rollbackAll } from '../../../src/db/knex';
import { createTestDb, randomSchemaName, testDatabaseUrl, type TestDb } from '../../helpers/db';

const TABLES = [
  'audit_log',
  'coverage_waitlist',
  'message_log',
  'offers',
  'provider_services',
  'providers',
  'ratings',
  'service_requests',
  'service_types',
  'users',
];

async function tablesIn(db: TestDb): Promise<string[]> {
  const { rows } = await db.knex.raw<{ rows: { table_name: string }[] }>(
    "select table_name from information_schema.tables where table_schema = ? and table_name not like 'knex_%' order by 1",
    [db.schema],
  );
  return rows.map((r) => r.table_name);
}

describe('migrations', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb({ migrate: false });
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('go up, all the way down, and up again inside their own schema', async () => {
    const applied = await migrateLatest(db.knex, db.schema);
    expect(applied.length).toBeGreaterThanOrEqual(9);
    expect(applied.every((n) => !n.endsWith('.ts'))).toBe(true);
    expect(await tablesIn(db)).toEqual(expect.arrayContaining(TABLES));

    const rolledBack = await rollbackAll(db.knex, db.schema);
    expect(rolledBack).toEqual([...applied].reverse());
    expect(await tablesIn(db)).toEqual([]);
    const { rows: fns } = await db.knex.raw<{ rows: unknown[] }>(
      'select 1 from pg_proc where pronamespace = ?::regnamespace',
      [db.schema],
    );
    expect(fns).toHaveLength(0);

    expect(await migrateLatest(db.knex, db.schema)).toEqual(applied);
    expect(await tablesIn(db)).toEqual(expect.arrayContaining(TABLES));
    expect(await migrateLatest(db.knex, db.schema)).toEqual([]);
  });

  it('leaves the public schema alone (only the shared extensions live there)', async () => {
    const { rows } = await db.knex.raw<{ rows: { extname: string; nspname: string }[] }>(
      "select e.extname, n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname in ('cube', 'earthdistance', 'btree_gist') order by 1",
    );
    expect(rows).toEqual([
      { extname: 'btree_gist', nspname: 'public' },
      { extname: 'cube', nspname: 'public' },
      { extname: 'earthdistance', nspname: 'public' },
    ]);
    const { rows: pub } = await db.knex.raw<{ rows: unknown[] }>(
      "select 1 from information_schema.tables where table_schema = 'public' and table_name = any(?)",
      [TABLES],
    );
    expect(pub).toHaveLength(0);
  });

  it('can run concurrently into several schemas', async () => {
    const schemas = [randomSchemaName(), randomSchemaName(), randomSchemaName()];
    const knexes = schemas.map((schema) =>
      createKnex({ url: testDatabaseUrl(), schema, poolMax: 2 }),
    );
    try {
      const results = await Promise.all(knexes.map((k, i) => migrateLatest(k, schemas[i])));
      for (const r of results) expect(r.length).toBeGreaterThanOrEqual(9);
    } finally {
      for (const [i, k] of knexes.entries()) {
        await k.raw('drop schema if exists ?? cascade', [schemas[i]]);
        await k.destroy();
      }
    }
  });

  it('keeps location and the matching copy in provider_services in step with the provider row', async () => {
    const { knex } = db;
    const [user] = await knex('users').insert({ wa_id: '5215512340000' }).returning('id');
    const [svc] = await knex('service_types')
      .insert({ code: 'plumbing', name_es: 'Plomería', name_en: 'Plumbing' })
      .returning('id');
    const [p] = await knex('providers')
      .insert({ user_id: user.id, display_name: 'P', lat: 19.4194, lng: -99.1617, radius_km: 5 })
      .returning('id');
    await knex('provider_services').insert({ provider_id: p.id, service_type_id: svc.id });
    const row = () =>
      knex('provider_services').first(
        'available',
        'radius_km',
        knex.raw('round(earth_distance(location, ll_to_earth(19.4194, -99.1617))) as d'),
      );
    expect(await row()).toEqual({ available: false, radius_km: 5, d: 0 });
    await knex('providers').update({ status: 'approved', online: true }).where({ id: p.id });
    expect((await row()).available).toBe(true);
    await knex('providers').update({ lat: 19.4294, radius_km: 7 }).where({ id: p.id });
    expect(await row()).toEqual({ available: true, radius_km: 7, d: 1113 }); // 0.01° of latitude ≈ 1.11 km
    await knex('providers').update({ deleted_at: knex.fn.now() }).where({ id: p.id });
    expect((await row()).available).toBe(false);
  });
});
