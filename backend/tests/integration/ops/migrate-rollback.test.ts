/**
 * `npm run migrate:rollback` (scripts/migrate.ts rollback), issue 17 item 5: undoes one batch, not
 * all of them; refuses in production without --yes-i-know (nothing changed, no backup taken);
 * takes a backup (scripts/backup.sh, prefix pre-rollback) first and refuses when it fails.
 * Against a real Postgres database of its own, with the project's real migrations.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createKnex, migrationConfig } from '../../../src/db/knex';
import {
  ROOT,
  createThrowawayDb,
  requireBinary,
  run,
  tempDir,
  withClient,
  type ThrowawayDb,
} from './helpers';

const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const MIGRATE = path.join(ROOT, 'scripts', 'migrate.ts');
/** The last migration applied here (creates `operation_results`; the one before creates `audit_log`). */
const LAST = '20261126120000_create_operation_results';

describe('migrate rollback', () => {
  let db: ThrowawayDb;
  let dir: ReturnType<typeof tempDir>;
  let migrations: number;

  const tables = () =>
    withClient(db.url, async (c) =>
      (
        await c.query(`select tablename from pg_tables where schemaname = 'public' order by 1`)
      ).rows.map((r: { tablename: string }) => r.tablename),
    );
  const rollback = (env: Record<string, string>, ...flags: string[]) =>
    run(TSX, [MIGRATE, 'rollback', ...flags], {
      env: { DATABASE_URL: db.url, DATABASE_SCHEMA: 'public', BACKUP_DIR: dir.dir, ...env },
      timeoutMs: 60_000,
    });

  beforeAll(async () => {
    requireBinary('pg_dump', 'postgresql-client');
    db = await createThrowawayDb('rollback');
    dir = tempDir('rollback');
    // One batch per migration, the way a production database grows release after release, up to
    // the two whose undo the tests below know (later migrations need not create a table).
    const knex = createKnex({ url: db.url, schema: 'public', poolMax: 1 });
    try {
      const config = migrationConfig('public');
      const [, pending] = (await knex.migrate.list(config)) as [unknown[], string[]];
      migrations = pending.findIndex((file) => file.startsWith(LAST)) + 1;
      for (let i = 0; i < migrations; i++) await knex.migrate.up(config);
    } finally {
      await knex.destroy();
    }
  }, 120_000);
  afterAll(async () => {
    await db?.drop();
    dir?.remove();
  });

  it('refuses in production without --yes-i-know: nothing rolled back, no backup taken', async () => {
    const before = await tables();
    const r = await rollback({ NODE_ENV: 'production' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--yes-i-know');
    expect(await tables()).toEqual(before);
    expect(readdirSync(dir.dir)).toEqual([]);
  });

  it('undoes only the last batch, after a backup', async () => {
    const before = await tables();
    expect(migrations).toBeGreaterThan(5);
    expect(before).toContain('operation_results');
    const r = await rollback({ NODE_ENV: 'development' });
    expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.any(String) });
    expect(r.stdout).toMatch(/rolled back batch \d+ in schema public:\n {2}\S+operation_results/);
    const after = await tables();
    expect(before.filter((t) => !after.includes(t))).toEqual(['operation_results']);
    expect(after.length).toBe(before.length - 1); // not "12 tables → 2"
    expect(
      readdirSync(dir.dir).filter((f) => /^pre-rollback-\d{8}T\d{6}Z(-\d+)?\.dump$/.test(f)),
    ).toHaveLength(1);
  });

  it('in production with --yes-i-know: backup, then one more batch', async () => {
    const before = await tables();
    const r = await rollback({ NODE_ENV: 'production' }, '--yes-i-know');
    expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.any(String) });
    const after = await tables();
    expect(before.filter((t) => !after.includes(t))).toEqual(['audit_log']);
    expect(readdirSync(dir.dir).filter((f) => f.startsWith('pre-rollback-'))).toHaveLength(2);
  });

  it('refuses when the backup fails, and changes nothing', async () => {
    const before = await tables();
    const notADir = path.join(dir.dir, 'file');
    writeFileSync(notADir, 'x');
    const r = await rollback({ NODE_ENV: 'development', BACKUP_DIR: path.join(notADir, 'sub') });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('the backup failed');
    expect(await tables()).toEqual(before);
  });

  it('rejects unknown flags', async () => {
    const r = await rollback({}, '--all');
    expect(r.code).toBe(2);
  });
});
