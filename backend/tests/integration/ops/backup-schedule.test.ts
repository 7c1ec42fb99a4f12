/**
 * Scheduled, off-host backups with Redis and a restore drill (issue 17, item 4), against a real
 * Postgres database, a throw-away redis-server, rclone (a `local` remote stands in for the
 * S3-compatible bucket: same copy and retention commands) and a local HTTP server standing in for
 * the Pushgateway (it records what the scripts push).
 * Needs pg_dump/pg_restore/psql, redis-cli/redis-check-rdb and rclone: fails, never skips, without them.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startOwnRedis, type OwnRedis } from '../../helpers/own-redis';
import {
  ROOT,
  createThrowawayDb,
  requireBinary,
  run,
  tempDir,
  withClient,
  type ThrowawayDb,
} from './helpers';

const SCHEDULE = path.join(ROOT, 'scripts', 'backup-schedule.sh');
const BACKUP = path.join(ROOT, 'scripts', 'backup.sh');
const DRILL = path.join(ROOT, 'scripts', 'restore-drill.sh');

interface Push {
  path: string;
  body: string;
}

function startPushgateway(): Promise<{ url: string; pushes: Push[]; close(): Promise<void> }> {
  const pushes: Push[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      pushes.push({ path: `${req.method} ${req.url}`, body });
      res.writeHead(200).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        pushes,
        close: () => new Promise((r) => server.close(() => r())),
      }),
    ),
  );
}

/** The value of one series in the pushes (last push wins), e.g. `backup_last_run_success{target="redis"}`. */
function pushed(pushes: Push[], series: string): number | undefined {
  let value: number | undefined;
  for (const p of pushes)
    for (const line of p.body.split('\n')) {
      const i = line.lastIndexOf(' ');
      if (i > 0 && line.slice(0, i) === series) value = Number(line.slice(i + 1));
    }
  return value;
}

describe('backup-schedule.sh: Postgres + Redis, off-host copy, Pushgateway, restore drill', () => {
  let db: ThrowawayDb;
  let redis: OwnRedis;
  let dir: ReturnType<typeof tempDir>;
  let gw: Awaited<ReturnType<typeof startPushgateway>>;

  beforeAll(async () => {
    for (const [bin, pkg] of [
      ['pg_dump', 'postgresql-client'],
      ['psql', 'postgresql-client'],
      ['redis-cli', 'redis-tools'],
      ['redis-check-rdb', 'redis-tools'],
      ['rclone', 'rclone'],
    ])
      requireBinary(bin!, pkg!);
    db = await createThrowawayDb('sched');
    await withClient(db.url, (c) =>
      c.query(`
        create table knex_migrations (id serial primary key, name text, batch int, migration_time timestamptz);
        insert into knex_migrations (name, batch) values ('001_init.ts', 1);
        create table users (id serial primary key, name text);
        insert into users (name) select 'u' || g from generate_series(1, 50) g;`),
    );
    redis = await startOwnRedis();
    await run('redis-cli', ['-p', String(redis.port), 'set', 'ub:{wa:1}:state', 'hello']);
    dir = tempDir('sched');
    gw = await startPushgateway();
  });
  afterAll(async () => {
    await db?.drop();
    await redis?.destroy();
    await gw?.close();
    dir?.remove();
  });

  const baseEnv = () => ({
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    BACKUP_DIR: path.join(dir.dir, 'local'),
    BACKUP_OFFSITE: `offsite:${path.join(dir.dir, 'bucket')}`,
    RCLONE_CONFIG_OFFSITE_TYPE: 'local',
    RCLONE_CONFIG: path.join(dir.dir, 'rclone.conf'), // no config file: the remote comes from env
    BACKUP_PUSHGATEWAY_URL: gw.url,
  });

  it('runs a backup at start and every interval, copies it off the host, drills once, pushes the results', async () => {
    const r = await run('bash', [SCHEDULE], {
      env: { ...baseEnv(), BACKUP_INTERVAL_SECONDS: '1', BACKUP_MAX_RUNS: '2' },
      timeoutMs: 60_000,
    });
    expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.any(String) });
    const local = readdirSync(path.join(dir.dir, 'local')).filter((f) => !f.startsWith('.'));
    const dumps = local.filter((f) => /^ubermench-\d{8}T\d{6}Z(-\d+)?\.dump$/.test(f));
    const rdbs = local.filter((f) => /^ubermench-redis-\d{8}T\d{6}Z(-\d+)?\.rdb$/.test(f));
    expect([dumps.length, rdbs.length]).toEqual([2, 2]);
    // off-host: the same files
    expect(readdirSync(path.join(dir.dir, 'bucket')).sort()).toEqual([...dumps, ...rdbs].sort());
    // the Redis snapshot holds the key
    const rdbText = readFileSync(path.join(dir.dir, 'local', rdbs[0]!)).toString('latin1');
    expect(rdbText.startsWith('REDIS')).toBe(true);
    expect(rdbText).toContain('ub:{wa:1}:state');
    // one drill (the second run is within RESTORE_DRILL_INTERVAL_DAYS), scratch database dropped
    expect(r.stderr.match(/restore drill ok/g)).toHaveLength(1);
    expect(r.stderr).toContain('restored 2 tables, 51 rows');
    const left = await withClient(db.url, (c) =>
      c.query(`select datname from pg_database where datname like 'ubermench_drill_%'`),
    );
    expect(left.rows).toEqual([]);
    // pushed
    expect(gw.pushes.some((p) => p.path === 'POST /metrics/job/backup/instance/backup')).toBe(true);
    expect(pushed(gw.pushes, 'backup_schedule_seconds')).toBe(1);
    for (const t of ['postgres', 'redis']) {
      expect(pushed(gw.pushes, `backup_last_run_success{target="${t}"}`)).toBe(1);
      const at = pushed(gw.pushes, `backup_last_success_timestamp_seconds{target="${t}"}`) ?? 0;
      expect(Math.abs(at - Date.now() / 1000)).toBeLessThan(120);
      expect(pushed(gw.pushes, `backup_size_bytes{target="${t}"}`)).toBeGreaterThan(0);
    }
    expect(pushed(gw.pushes, 'backup_offsite_last_success_timestamp_seconds')).toBeGreaterThan(0);
    expect(pushed(gw.pushes, 'restore_drill_last_run_success')).toBe(1);
  }, 90_000);

  it('reports a failed run to the Pushgateway and exits non-zero', async () => {
    gw.pushes.length = 0;
    const r = await run('bash', [BACKUP], {
      env: {
        ...baseEnv(),
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nope',
        PGCONNECT_TIMEOUT: '2',
      },
    });
    expect(r.code).not.toBe(0);
    expect(pushed(gw.pushes, 'backup_last_run_success{target="postgres"}')).toBe(0);
    expect(
      pushed(gw.pushes, 'backup_last_success_timestamp_seconds{target="postgres"}'),
    ).toBeUndefined();
  });

  it('the restore drill fails on a damaged dump and says so', async () => {
    gw.pushes.length = 0;
    const bad = path.join(dir.dir, 'damaged.dump');
    const good = readdirSync(path.join(dir.dir, 'local')).find((f) => f.endsWith('.dump'))!;
    const bytes = readFileSync(path.join(dir.dir, 'local', good));
    writeFileSync(bad, bytes.subarray(0, Math.floor(bytes.length / 2))); // truncated
    const r = await run('bash', [DRILL, bad], { env: baseEnv() });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('FAILED');
    expect(pushed(gw.pushes, 'restore_drill_last_run_success')).toBe(0);
    const left = await withClient(db.url, (c) =>
      c.query(`select datname from pg_database where datname like 'ubermench_drill_%'`),
    );
    expect(left.rows).toEqual([]);
  });

  it('every metric the alert rules expect from the Pushgateway is pushed by the script named for it', async () => {
    const code = `import { PUSHED } from ${JSON.stringify(path.join(ROOT, 'monitoring', 'list-metrics.mjs'))}; process.stdout.write(JSON.stringify([...PUSHED]));`;
    const r = await run('node', ['--input-type=module', '-e', code]);
    const list = JSON.parse(r.stdout) as [string, string][];
    expect(list.length).toBeGreaterThanOrEqual(6);
    for (const [metric, script] of list) {
      expect(existsSync(path.join(ROOT, script))).toBe(true);
      expect([metric, readFileSync(path.join(ROOT, script), 'utf8').includes(metric)]).toEqual([
        metric,
        true,
      ]);
    }
  });
});
