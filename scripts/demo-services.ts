/**
 * `npm run demo` start-up: find Postgres and Redis before anything else runs, so a fresh machine
 * either just works or gets one clear line per missing service with the fix (never a stack trace,
 * never a stream of Redis errors after the migrations ran).
 *
 *   1. the URLs in the environment (DATABASE_URL, REDIS_URL) or the local defaults
 *      (postgres://postgres@127.0.0.1:5432/test, redis://127.0.0.1:6379);
 *   2. a reachable server without the database → the database is created;
 *   3. when a default is not answering (or refuses the login): the docker-compose services — the
 *      credentials of `.env` when there is one, else compose's defaults with the demo password —
 *      already running, or started with `docker compose up -d --wait postgres redis` when Docker
 *      can run containers;
 *   4. still missing → one line per service, and the caller exits 69 (EX_UNAVAILABLE).
 * A URL set explicitly in the environment is never replaced: only reported.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';

export const LOCAL_DEFAULTS = {
  db: 'postgres://postgres@127.0.0.1:5432/test',
  redis: 'redis://127.0.0.1:6379',
};
/** POSTGRES_PASSWORD handed to compose when `.env` has none: a local demo database only. */
export const DEMO_COMPOSE_PASSWORD = 'ubermench-demo-local';

type Problem = 'unreachable' | 'login' | 'no-database' | 'other';
type Probe = { ok: true } | { ok: false; problem: Problem; detail: string };

export interface ServiceResult {
  ok: boolean;
  databaseUrl: string;
  redisUrl: string;
  /** One line per step taken ("created database test", "started the compose services"). */
  notes: string[];
  /** One line per service still missing, with the fix. */
  missing: string[];
}

export interface ServiceOptions {
  env: NodeJS.ProcessEnv;
  /** The project directory (docker-compose.yml, .env). */
  root: string;
  defaults?: { db: string; redis: string };
  /** The docker CLI (a stand-in in tests: no engine in CI). */
  docker?: string;
  timeoutMs?: number;
}

const safe = (url: string) => url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');

async function probePostgres(url: string, timeoutMs: number): Promise<Probe> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return { ok: true };
  } catch (err) {
    const e = err as Error & { code?: string };
    const problem: Problem =
      e.code === '3D000'
        ? 'no-database'
        : e.code === '28P01' || e.code === '28000'
          ? 'login'
          : ['ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNRESET'].includes(
                e.code ?? '',
              ) || /timeout|terminated/i.test(e.message)
            ? 'unreachable'
            : 'other';
    return { ok: false, problem, detail: e.message };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function probeRedis(url: string, timeoutMs: number): Promise<Probe> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return { ok: true };
  } catch (err) {
    const e = err as Error;
    return {
      ok: false,
      problem: /NOAUTH|WRONGPASS|invalid password/i.test(e.message) ? 'login' : 'unreachable',
      detail: e.message,
    };
  } finally {
    redis.disconnect();
  }
}

/** Create the database named in the URL, connecting to the server's `postgres` database. */
async function createDatabase(url: string, timeoutMs: number): Promise<string> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({
    connectionString: admin.toString(),
    connectionTimeoutMillis: timeoutMs,
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end().catch(() => undefined);
  }
  return name;
}

/** KEY=value lines of the project's .env (compose reads the same file). */
function readDotEnv(root: string): Record<string, string> {
  const file = path.join(root, '.env');
  if (!fs.existsSync(file)) return {};
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!.trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

/** What docker-compose.yml's postgres and redis services answer to, with .env's values. */
export function composeTargets(root: string): {
  db: string;
  redis: string;
  composeEnv: Record<string, string>;
} {
  const dot = readDotEnv(root);
  const user = dot.POSTGRES_USER || 'ubermench';
  const password = dot.POSTGRES_PASSWORD || DEMO_COMPOSE_PASSWORD;
  const db = dot.POSTGRES_DB || 'ubermench';
  const pgPort = dot.POSTGRES_HOST_PORT || '5432';
  const redisPort = dot.REDIS_HOST_PORT || '6379';
  return {
    db: `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/${encodeURIComponent(db)}`,
    redis: `redis://127.0.0.1:${redisPort}`,
    // Values compose needs to read the file at all (services not started here included).
    composeEnv: {
      POSTGRES_PASSWORD: password,
      GRAFANA_ADMIN_PASSWORD: dot.GRAFANA_ADMIN_PASSWORD || 'unused-by-the-demo',
      ALERT_WEBHOOK_URL: dot.ALERT_WEBHOOK_URL || 'http://127.0.0.1:9/unused-by-the-demo',
    },
  };
}

function dockerCanRun(docker: string): boolean {
  const run = (args: string[]) =>
    spawnSync(docker, args, { stdio: 'ignore', timeout: 10_000 }).status === 0;
  return run(['compose', 'version']) && run(['info']);
}

function fixFor(
  service: 'postgres' | 'redis',
  url: string,
  probe: Probe & { ok: false },
  explicit: boolean,
): string {
  const name = service === 'postgres' ? 'Postgres' : 'Redis';
  const variable = service === 'postgres' ? 'DATABASE_URL' : 'REDIS_URL';
  if (probe.problem === 'login')
    return `${name} at ${safe(url)} refused the login (${probe.detail}): set ${variable} to a user that can connect, e.g. ${
      service === 'postgres' ? LOCAL_DEFAULTS.db : LOCAL_DEFAULTS.redis
    }`;
  const start =
    service === 'postgres'
      ? '`docker compose up -d postgres` (Docker), or `sudo service postgresql start` (Debian: apt-get install postgresql)'
      : '`docker compose up -d redis` (Docker), or `sudo service redis-server start` (Debian: apt-get install redis-server)';
  return `${name} is not reachable at ${safe(url)} (${probe.detail}): start it with ${start}${
    explicit ? `, or fix ${variable}` : `, or set ${variable}`
  }`;
}

export async function ensureServices(opts: ServiceOptions): Promise<ServiceResult> {
  const timeoutMs = opts.timeoutMs ?? 3000;
  const defaults = opts.defaults ?? LOCAL_DEFAULTS;
  const explicitDb = Boolean(opts.env.DATABASE_URL);
  const explicitRedis = Boolean(opts.env.REDIS_URL);
  let databaseUrl = opts.env.DATABASE_URL || defaults.db;
  let redisUrl = opts.env.REDIS_URL || defaults.redis;
  const notes: string[] = [];

  const checkDb = async (url: string): Promise<Probe> => {
    const p = await probePostgres(url, timeoutMs);
    if (p.ok || p.problem !== 'no-database') return p;
    try {
      notes.push(
        `created database ${await createDatabase(url, timeoutMs)} on ${new URL(url).host}`,
      );
      return await probePostgres(url, timeoutMs);
    } catch (err) {
      return {
        ok: false,
        problem: 'other',
        detail: `the database does not exist and could not be created: ${(err as Error).message}`,
      };
    }
  };

  let db = await checkDb(databaseUrl);
  let redis = await probeRedis(redisUrl, timeoutMs);

  // The defaults did not work: the docker-compose services (running, or started now).
  const dbReplaceable = !db.ok && !explicitDb && db.problem !== 'other';
  const redisReplaceable = !redis.ok && !explicitRedis;
  if (dbReplaceable || redisReplaceable) {
    const compose = composeTargets(opts.root);
    const tryCompose = async () => {
      if (dbReplaceable && !db.ok) {
        const p = await checkDb(compose.db);
        if (p.ok) {
          databaseUrl = compose.db;
          db = p;
        }
      }
      if (redisReplaceable && !redis.ok) {
        const p = await probeRedis(compose.redis, timeoutMs);
        if (p.ok) {
          redisUrl = compose.redis;
          redis = p;
        }
      }
    };
    await tryCompose();
    const docker = opts.docker ?? 'docker';
    if ((!db.ok && dbReplaceable) || (!redis.ok && redisReplaceable)) {
      if (dockerCanRun(docker)) {
        const services = [
          ...(dbReplaceable && !db.ok ? ['postgres'] : []),
          ...(redisReplaceable && !redis.ok ? ['redis'] : []),
        ];
        notes.push(
          `starting the docker-compose services: docker compose up -d --wait ${services.join(' ')}`,
        );
        const r = spawnSync(docker, ['compose', 'up', '-d', '--wait', ...services], {
          cwd: opts.root,
          env: { ...process.env, ...compose.composeEnv, ...readDotEnvOverrides(opts.root) },
          stdio: ['ignore', 'ignore', 'pipe'],
          encoding: 'utf8',
          timeout: 180_000,
        });
        if (r.status !== 0)
          notes.push(
            `docker compose failed: ${(r.stderr ?? '').trim().split('\n').pop() ?? `exit ${r.status}`}`,
          );
        await tryCompose();
      }
    }
  }

  const missing: string[] = [];
  if (!db.ok) missing.push(fixFor('postgres', databaseUrl, db, explicitDb));
  if (!redis.ok) missing.push(fixFor('redis', redisUrl, redis, explicitRedis));
  return { ok: missing.length === 0, databaseUrl, redisUrl, notes, missing };
}

/** .env wins over the demo's fallbacks (compose reads it too; this keeps both in agreement). */
function readDotEnvOverrides(root: string): Record<string, string> {
  const dot = readDotEnv(root);
  const out: Record<string, string> = {};
  for (const k of [
    'POSTGRES_USER',
    'POSTGRES_PASSWORD',
    'POSTGRES_DB',
    'POSTGRES_HOST_PORT',
    'REDIS_HOST_PORT',
  ])
    if (dot[k]) out[k] = dot[k];
  return out;
}
