/**
 * A fresh machine just works (issue 17, item 6): `npm run demo` (scripts/demo.ts) finds Postgres
 * and Redis before doing anything, creates a missing database, falls back to the docker-compose
 * services (found running, or started with Docker), and otherwise prints one clear line per
 * missing service with the fix — no stack trace, no migrations run, exit 69.
 * Real Postgres and Redis; a stand-in `docker` CLI where the compose services would be started
 * (there is no Docker engine in CI).
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ensureServices } from '../../../../scripts/demo-services';
import { freePort } from '../../helpers/own-redis';
import { ROOT, databaseUrl, run, tempDir, withClient } from './helpers';

const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const DEMO = path.join(ROOT, 'scripts', 'demo.ts');
const REDIS = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const adminUrl = () => databaseUrl('postgres');
const exists = (name: string) =>
  withClient(
    adminUrl(),
    async (c) =>
      (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1,
  );
const dropDb = (name: string) =>
  withClient(adminUrl(), (c) => c.query(`drop database if exists "${name}" with (force)`));

async function closedPort(): Promise<number> {
  return freePort(); // nothing listens there once freePort() closed it
}

describe('npm run demo on a fresh machine', () => {
  it('creates the missing database, migrates, seeds, starts, and quits cleanly', async () => {
    const name = `ops_fresh_${randomBytes(4).toString('hex')}`;
    expect(await exists(name)).toBe(false);
    try {
      const r = await run(TSX, [DEMO], {
        env: {
          DATABASE_URL: databaseUrl(name),
          REDIS_URL: REDIS,
          REDIS_KEY_PREFIX: `fresh${randomBytes(3).toString('hex')}`,
          PORT: String(await freePort()),
          FAKE_PORT: String(await freePort()),
        },
        input: '/quit\n',
        timeoutMs: 120_000,
      });
      expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.any(String) });
      expect(r.stdout).toContain(`created database ${name}`);
      expect(r.stdout).toMatch(/migrations: \d+ applied/);
      expect(r.stdout).toContain('Ubermench demo is running');
      expect(await exists(name)).toBe(true);
    } finally {
      await dropDb(name);
    }
  }, 150_000);

  it('Redis down: one line naming Redis and the fix, exit 69, nothing migrated, no stack trace', async () => {
    const r = await run(TSX, [DEMO], {
      env: {
        DATABASE_URL: databaseUrl('test'),
        REDIS_URL: `redis://127.0.0.1:${await closedPort()}`,
      },
      input: '/quit\n',
      timeoutMs: 60_000,
    });
    expect(r.code).toBe(69);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^✗ Redis is not reachable at redis:\/\/127\.0\.0\.1:\d+ .*docker compose up -d redis.*redis-server/,
    );
    expect(r.output).not.toMatch(/^\s+at /m);
    expect(r.stdout).not.toContain('migrations:');
  }, 90_000);

  it('both down: one line each', async () => {
    const r = await run(TSX, [DEMO], {
      env: {
        DATABASE_URL: `postgres://postgres@127.0.0.1:${await closedPort()}/test`,
        REDIS_URL: `redis://127.0.0.1:${await closedPort()}`,
      },
      timeoutMs: 60_000,
    });
    expect(r.code).toBe(69);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^✗ Postgres is not reachable at postgres:\/\/postgres@127\.0\.0\.1:\d+\/test .*docker compose up -d postgres/,
    );
    expect(lines[1]).toMatch(/^✗ Redis is not reachable/);
    expect(r.output).not.toMatch(/^\s+at /m);
  }, 90_000);
});

describe('demo service discovery: the docker-compose services', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir('compose-find');
  });
  afterEach(() => tmp.remove());

  it('uses the compose Postgres and Redis (credentials and ports of .env) when the local defaults do not answer', async () => {
    const name = `ops_compose_${randomBytes(4).toString('hex')}`;
    const pg = new URL(databaseUrl('x'));
    const redis = new URL(REDIS);
    writeFileSync(
      path.join(tmp.dir, '.env'),
      `POSTGRES_USER=${pg.username}\nPOSTGRES_PASSWORD=whatever\nPOSTGRES_DB=${name}\nPOSTGRES_HOST_PORT=${pg.port || 5432}\nREDIS_HOST_PORT=${redis.port || 6379}\n`,
    );
    try {
      const r = await ensureServices({
        env: {},
        root: tmp.dir,
        defaults: {
          db: `postgres://postgres@127.0.0.1:${await closedPort()}/test`,
          redis: `redis://127.0.0.1:${await closedPort()}`,
        },
        docker: '/nonexistent/docker',
      });
      expect(r.missing).toEqual([]);
      expect(r.ok).toBe(true);
      expect(r.databaseUrl).toBe(
        `postgres://${pg.username}:whatever@127.0.0.1:${pg.port || 5432}/${name}`,
      );
      expect(r.redisUrl).toBe(`redis://127.0.0.1:${redis.port || 6379}`);
      expect(r.notes).toContain(`created database ${name} on 127.0.0.1:${pg.port || 5432}`);
    } finally {
      await dropDb(name);
    }
  });

  it('starts them with `docker compose up -d --wait postgres redis` when Docker can, passing the password compose needs', async () => {
    const log = path.join(tmp.dir, 'docker.log');
    const docker = path.join(tmp.dir, 'docker');
    writeFileSync(
      docker,
      `#!/usr/bin/env bash\necho "$* POSTGRES_PASSWORD=$POSTGRES_PASSWORD" >>"${log}"\nexit 0\n`,
    );
    chmodSync(docker, 0o755);
    writeFileSync(
      path.join(tmp.dir, '.env'),
      `POSTGRES_HOST_PORT=${await closedPort()}\nREDIS_HOST_PORT=${await closedPort()}\n`,
    );
    const r = await ensureServices({
      env: {},
      root: tmp.dir,
      defaults: {
        db: `postgres://postgres@127.0.0.1:${await closedPort()}/test`,
        redis: `redis://127.0.0.1:${await closedPort()}`,
      },
      docker,
      timeoutMs: 1000,
    });
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls).toContain(
      'compose up -d --wait postgres redis POSTGRES_PASSWORD=ubermench-demo-local',
    );
    expect(r.notes).toContain(
      'starting the docker-compose services: docker compose up -d --wait postgres redis',
    );
    // the stand-in started nothing: both reported, with the fix
    expect(r.ok).toBe(false);
    expect(r.missing).toHaveLength(2);
    expect(r.missing[0]).toMatch(
      /^Postgres is not reachable at postgres:\/\/postgres@127\.0\.0\.1:\d+\/test .*docker compose up -d postgres/,
    );
  });

  it('never replaces a URL set in the environment', async () => {
    const explicit = `redis://127.0.0.1:${await closedPort()}`;
    const r = await ensureServices({
      env: { DATABASE_URL: databaseUrl('test'), REDIS_URL: explicit },
      root: tmp.dir,
      docker: '/nonexistent/docker',
    });
    expect(r.ok).toBe(false);
    expect(r.redisUrl).toBe(explicit);
    expect(r.missing).toEqual([
      expect.stringMatching(/^Redis is not reachable .*or fix REDIS_URL$/),
    ]);
  });
});
