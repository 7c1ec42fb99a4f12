/**
 * scripts/backup.sh and scripts/restore.sh against the real Postgres: a backup → drop → restore
 * round trip gives identical row counts, checksums and sequence positions; restore refuses
 * without confirmation; retention deletes only this script's dumps older than the horizon.
 * Needs pg_dump, pg_restore and psql (Debian: postgresql-client): fails, never skips, without them.
 */
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from 'pg';
import {
  ROOT,
  createThrowawayDb,
  requireBinary,
  run,
  tempDir,
  withClient,
  type ThrowawayDb,
} from './helpers';

const BACKUP = path.join(ROOT, 'scripts', 'backup.sh');
const RESTORE = path.join(ROOT, 'scripts', 'restore.sh');
const TABLES = ['customers', 'orders', 'audit'] as const;

beforeAll(() => {
  for (const bin of ['pg_dump', 'pg_restore', 'psql']) requireBinary(bin, 'postgresql-client');
});

async function populate(c: Client): Promise<void> {
  await c.query(`
    create table customers (
      id bigserial primary key,
      name text not null,
      phone text,
      created_at timestamptz not null default now(),
      prefs jsonb not null default '{}'
    );
    create table orders (
      id bigserial primary key,
      customer_id bigint not null references customers(id) on delete cascade,
      amount numeric(12,2) not null,
      note text,
      blob bytea
    );
    create index orders_customer_idx on orders (customer_id);
    create table audit (id serial primary key, at timestamptz not null, what text not null);
    create view order_totals as select customer_id, sum(amount) as total from orders group by customer_id;
  `);
  await c.query(`
    insert into customers (name, phone, created_at, prefs)
    select 'Cliente ' || g || ' — Peñón ñandú 🔧', '52155' || lpad(g::text, 8, '0'),
           timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute',
           jsonb_build_object('lang', case when g % 3 = 0 then 'en' else 'es' end, 'n', g)
    from generate_series(1, 500) g;
    insert into orders (customer_id, amount, note, blob)
    select 1 + (g % 500), (g * 7.31)::numeric(12,2), case when g % 5 = 0 then null else 'nota ' || g end,
           decode(md5(g::text), 'hex')
    from generate_series(1, 2000) g;
    insert into audit (at, what) select timestamptz '2026-02-01 00:00:00+00' + g * interval '1 second', 'evento ' || g
    from generate_series(1, 300) g;
    delete from customers where id % 97 = 0; -- gaps in ids, and cascaded order deletes
  `);
}

interface Snapshot {
  counts: Record<string, number>;
  checksums: Record<string, string>;
  sequences: Record<string, string>;
  view: string;
  indexes: string[];
}

async function snapshot(c: Client): Promise<Snapshot> {
  const counts: Record<string, number> = {};
  const checksums: Record<string, string> = {};
  for (const t of TABLES) {
    const r = await c.query(
      `select count(*)::int as n, md5(coalesce(string_agg(t::text, E'\\n' order by id), '')) as sum from ${t} t`,
    );
    counts[t] = r.rows[0].n;
    checksums[t] = r.rows[0].sum;
  }
  const seq = await c.query(
    `select sequencename, last_value::text from pg_sequences where schemaname = 'public' order by 1`,
  );
  const view = await c.query(
    `select md5(string_agg(v::text, ',' order by customer_id)) as sum from order_totals v`,
  );
  const idx = await c.query(
    `select indexname from pg_indexes where schemaname = 'public' order by 1`,
  );
  return {
    counts,
    checksums,
    sequences: Object.fromEntries(
      seq.rows.map((r: { sequencename: string; last_value: string }) => [
        r.sequencename,
        r.last_value,
      ]),
    ),
    view: view.rows[0].sum,
    indexes: idx.rows.map((r: { indexname: string }) => r.indexname),
  };
}

describe('backup.sh → restore.sh round trip (real Postgres)', () => {
  let db: ThrowawayDb;
  let dir: ReturnType<typeof tempDir>;
  let before: Snapshot;
  let dump: string;

  beforeAll(async () => {
    db = await createThrowawayDb('backup');
    dir = tempDir('backup');
    await withClient(db.url, populate);
    before = await withClient(db.url, snapshot);
  });
  afterAll(async () => {
    await db?.drop();
    dir?.remove();
  });

  it('backup.sh writes a timestamped custom-format dump and prints its path', async () => {
    const r = await run('bash', [BACKUP], {
      env: { DATABASE_URL: db.url, BACKUP_DIR: dir.dir, BACKUP_RETENTION_DAYS: '14' },
    });
    expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.any(String) });
    dump = r.stdout.trim();
    expect(path.dirname(dump)).toBe(dir.dir);
    expect(path.basename(dump)).toMatch(/^ubermench-\d{8}T\d{6}Z\.dump$/);
    expect(statSync(dump).size).toBeGreaterThan(1000);
    expect(statSync(dump).mode & 0o077).toBe(0); // personal data: owner-only
    expect(readdirSync(dir.dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    const list = await run('pg_restore', ['--list', dump]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('TABLE public customers');
  });

  it('restore.sh refuses to overwrite without --yes when there is no terminal', async () => {
    await withClient(db.url, (c) =>
      c.query(`insert into audit (at, what) values (now(), 'after backup')`),
    );
    const r = await run('bash', [RESTORE, dump], { env: { DATABASE_URL: db.url } });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--yes');
    const counts = await withClient(db.url, snapshot);
    expect(counts.counts.audit).toBe(before.counts.audit + 1); // untouched
  });

  it('restore.sh --yes over a modified database brings back exactly the backed-up data', async () => {
    await withClient(db.url, (c) =>
      c.query(`
        drop view order_totals;
        drop table orders;
        delete from customers where id < 50;
        update customers set name = 'changed' where id % 2 = 0;
        insert into customers (name) values ('new after backup');
      `),
    );
    const r = await run('bash', [RESTORE, '--yes', dump], { env: { DATABASE_URL: db.url } });
    expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.any(String) });
    expect(await withClient(db.url, snapshot)).toEqual(before);
  });

  it('backup → drop the database → restore into an empty one gives identical counts and checksums', async () => {
    await db.recreateEmpty();
    const empty = await withClient(db.url, (c) =>
      c.query(`select count(*)::int as n from pg_tables where schemaname = 'public'`),
    );
    expect(empty.rows[0].n).toBe(0);
    const r = await run('bash', [RESTORE, '--yes', dump], { env: { DATABASE_URL: db.url } });
    expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.any(String) });
    const after = await withClient(db.url, snapshot);
    expect(after.counts).toEqual(before.counts);
    expect(after.checksums).toEqual(before.checksums);
    expect(after).toEqual(before);
    // Sequences continue after the restored ids.
    const next = await withClient(db.url, (c) =>
      c.query(`insert into customers (name) values ('x') returning id`),
    );
    expect(Number(next.rows[0].id)).toBe(Number(before.sequences.customers_id_seq) + 1);
  });

  it('restore.sh rejects a file that is not a dump, and leaves the database alone', async () => {
    const bogus = path.join(dir.dir, 'not-a-dump.dump');
    writeFileSync(bogus, 'hello');
    const r = await run('bash', [RESTORE, '--yes', bogus], { env: { DATABASE_URL: db.url } });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('not a pg_dump custom-format archive');
  });

  it('two backups in the same second get different files', async () => {
    const env = { DATABASE_URL: db.url, BACKUP_DIR: dir.dir, BACKUP_RETENTION_DAYS: '0' };
    const [a, b] = await Promise.all([
      run('bash', [BACKUP], { env }),
      run('bash', [BACKUP], { env }),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.stdout.trim()).not.toBe(b.stdout.trim());
    for (const f of [a.stdout.trim(), b.stdout.trim()])
      expect(path.basename(f)).toMatch(/^ubermench-\d{8}T\d{6}Z(-\d+)?\.dump$/);
  });

  it('never prints the database password', async () => {
    const url = new URL(db.url);
    url.password = 'sup3r-secret-pw';
    const r = await run('bash', [BACKUP], {
      env: { DATABASE_URL: url.toString(), BACKUP_DIR: dir.dir, PGCONNECT_TIMEOUT: '3' },
    });
    // trust auth ignores the password, so the dump works; the log line must mask it
    expect(r.output).not.toContain('sup3r-secret-pw');
    expect(r.stderr).toContain(':***@');
  });
});

describe('backup.sh retention', () => {
  let db: ThrowawayDb;
  let dir: ReturnType<typeof tempDir>;
  const DAY = 24 * 3600;

  beforeAll(async () => {
    db = await createThrowawayDb('retention');
    await withClient(db.url, (c) =>
      c.query(`create table t (id int primary key); insert into t values (1), (2)`),
    );
  });
  beforeEach(() => {
    dir = tempDir('retention');
  });
  afterEach(() => dir.remove());
  afterAll(async () => {
    await db?.drop();
  });

  function file(name: string, ageSeconds: number): string {
    const p = path.join(dir.dir, name);
    writeFileSync(p, 'x');
    const t = Date.now() / 1000 - ageSeconds;
    utimesSync(p, t, t);
    return p;
  }

  it('deletes only <prefix>-*.dump files older than BACKUP_RETENTION_DAYS', async () => {
    const old = file('ubermench-20250101T000000Z.dump', 30 * DAY);
    const justOver = file('ubermench-20250102T000000Z.dump', 14 * DAY + 3600);
    const justUnder = file('ubermench-20250103T000000Z.dump', 14 * DAY - 3600);
    const recent = file('ubermench-20250104T000000Z.dump', 1 * DAY);
    const otherPrefix = file('otherapp-20250101T000000Z.dump', 30 * DAY);
    const notADump = file('ubermench-notes.txt', 30 * DAY);
    const partial = file('ubermench-20250105T000000Z.dump.partial', 30 * DAY);
    mkdirSync(path.join(dir.dir, 'archive'));
    const nested = path.join(dir.dir, 'archive', 'ubermench-20240101T000000Z.dump');
    writeFileSync(nested, 'x');
    utimesSync(nested, Date.now() / 1000 - 90 * DAY, Date.now() / 1000 - 90 * DAY);

    const r = await run('bash', [BACKUP], {
      env: { DATABASE_URL: db.url, BACKUP_DIR: dir.dir, BACKUP_RETENTION_DAYS: '14' },
    });
    expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.any(String) });
    const created = r.stdout.trim();

    expect(existsSync(created)).toBe(true);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(justOver)).toBe(false);
    for (const kept of [justUnder, recent, otherPrefix, notADump, partial, nested])
      expect([kept, existsSync(kept)]).toEqual([kept, true]);
    expect(r.stderr).toContain('retention: deleting');
  });

  it('BACKUP_RETENTION_DAYS=0 keeps every backup', async () => {
    const old = file('ubermench-20200101T000000Z.dump', 400 * DAY);
    const r = await run('bash', [BACKUP], {
      env: { DATABASE_URL: db.url, BACKUP_DIR: dir.dir, BACKUP_RETENTION_DAYS: '0' },
    });
    expect(r.code).toBe(0);
    expect(existsSync(old)).toBe(true);
  });

  it('BACKUP_PREFIX scopes retention to its own files', async () => {
    const mine = file('staging-20200101T000000Z.dump', 30 * DAY);
    const theirs = file('ubermench-20200101T000000Z.dump', 30 * DAY);
    const r = await run('bash', [BACKUP], {
      env: {
        DATABASE_URL: db.url,
        BACKUP_DIR: dir.dir,
        BACKUP_RETENTION_DAYS: '7',
        BACKUP_PREFIX: 'staging',
      },
    });
    expect(r.code).toBe(0);
    expect(path.basename(r.stdout.trim())).toMatch(/^staging-/);
    expect(existsSync(mine)).toBe(false);
    expect(existsSync(theirs)).toBe(true);
  });

  it('fails with a message on a bad retention value, a missing DATABASE_URL or an unreachable database', async () => {
    const bad = await run('bash', [BACKUP], {
      env: { DATABASE_URL: db.url, BACKUP_DIR: dir.dir, BACKUP_RETENTION_DAYS: 'two weeks' },
    });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('BACKUP_RETENTION_DAYS');
    const missing = await run('bash', [BACKUP], { env: { BACKUP_DIR: dir.dir } });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('DATABASE_URL');
    const down = await run('bash', [BACKUP], {
      env: {
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nope',
        BACKUP_DIR: dir.dir,
        PGCONNECT_TIMEOUT: '2',
      },
    });
    expect(down.code).not.toBe(0);
    expect(readdirSync(dir.dir)).toEqual([]); // no partial file left behind
  });
});
