/**
 * Shared set-up of the fault tests: the system in-process and/or as real child processes, with
 * short fault-tolerance timings, its own Postgres schema (or a given database), its own Redis
 * prefix (or a given Redis / Cluster), the Cloud API fake, and cleanup of everything it started.
 */
import type { ChildProcess } from 'node:child_process';
import { QueueEvents } from 'bullmq';
import type { Knex } from 'knex';
import type { LoadReport } from '../../helpers/load-driver';
import type { RecordedMessage } from '../../helpers/fake';
import { loadConfig, type Config } from '../../../src/config';
import { createSystem, type Role, type System } from '../../../src/wiring/system';
import { createLogger } from '../../../src/observability/logger';
import { createKnex, migrateLatest } from '../../../src/db/knex';
import { createRedis, waitReady, type RedisClient } from '../../../src/queue/redis';
import { READY_GROUP } from '../../../src/queue/ready-stream';
import { readyStreamKey } from '../../../src/queue/keys';
import { createTestDb, randomSchemaName, type TestDb } from '../../helpers/db';
import { startFake, type FakeCloudApi } from '../../helpers/fake';
import { deleteByPrefix, eventually, testPrefix } from '../../helpers/redis';
import { freePort } from '../../helpers/own-redis';
import { outputOf, spawnBot, waitExit } from '../../helpers/child';

/** Short timings so crashes are noticed and retried within a test's time. */
export const FAULT_ENV: Record<string, string> = {
  QUEUE_STALLED_INTERVAL_MS: '1000',
  QUEUE_LOCK_DURATION_MS: '2000',
  CONVERSATION_LOCK_MS: '1500',
  RETRY_BASE_DELAY_MS: '50',
  INBOUND_LIMIT_PER_MINUTE: '1000',
  INBOUND_LIMIT_PER_HOUR: '10000',
  INBOUND_ANSWER_LIMIT_PER_MINUTE: '1000',
  INBOUND_ANSWER_LIMIT_PER_HOUR: '10000',
  // The business-number limit is not under test here (it has its own tests).
  OUTBOUND_RATE_PER_SECOND: '5000',
  WORKER_CONCURRENCY: '8',
  SENDER_CONCURRENCY: '8',
  SHUTDOWN_TIMEOUT_MS: '5000',
  RETENTION_INTERVAL_MINUTES: '1440',
};

export interface Backing {
  /** A database URL other than the shared test one (own Postgres); migrated into `public`. */
  databaseUrl?: string;
  /** A Redis other than the shared one (own Redis). */
  redisUrl?: string;
  /** Redis Cluster nodes (`host:port,…`); takes precedence over redisUrl. */
  clusterNodes?: string;
}

export interface FaultSystem {
  /** In-process system, or null when every role runs as a child. */
  system: System | null;
  config: Config;
  fake: FakeCloudApi;
  knex: Knex;
  /** The in-process system's Redis connection, or one of the test's own when every role is a child. */
  redis: RedisClient;
  prefix: string;
  /** Webhook URL of the in-process web server (if any). */
  webhookUrl: string | null;
  /** warn+ log lines of the in-process system. */
  logs: string[];
  /** Environment for child processes sharing this system's database, Redis and fake. */
  childEnv(extra?: Record<string, string>): Record<string, string>;
  stop(): Promise<void>;
}

export async function startFaultSystem(opts: {
  role: Role | 'none';
  env?: Record<string, string>;
  backing?: Backing;
}): Promise<FaultSystem> {
  const backing = opts.backing ?? {};
  let db: TestDb | null = null;
  let knex: Knex;
  let schema: string;
  if (backing.databaseUrl) {
    schema = randomSchemaName();
    knex = createKnex({ url: backing.databaseUrl, schema, poolMax: 4 });
    await migrateLatest(knex, schema);
  } else {
    db = await createTestDb({ poolMax: 4 });
    knex = db.knex;
    schema = db.schema;
  }
  const prefix = testPrefix();
  const fake = await startFake();
  const base: Record<string, string> = {
    DATABASE_SCHEMA: schema,
    REDIS_KEY_PREFIX: prefix,
    WHATSAPP_API_BASE_URL: fake.url,
    ...(backing.databaseUrl ? { DATABASE_URL: backing.databaseUrl } : {}),
    ...(backing.redisUrl ? { REDIS_URL: backing.redisUrl } : {}),
    ...(backing.clusterNodes ? { REDIS_CLUSTER_NODES: backing.clusterNodes } : {}),
    ...FAULT_ENV,
    ...(opts.env ?? {}),
  };
  const config = loadConfig({ ...process.env, ...base });
  const logs: string[] = [];
  const logger = createLogger({
    level: 'warn',
    pretty: false,
    destination: { write: (line: string) => void logs.push(line) },
  });
  let system: System | null = null;
  let webhookUrl: string | null = null;
  if (opts.role !== 'none') {
    system = await createSystem(config, opts.role, logger);
    if (opts.role !== 'worker') {
      const port = await system.listen(0);
      webhookUrl = `http://127.0.0.1:${port}/webhook`;
      fake.setWebhookUrl(webhookUrl);
    }
  }
  const ownRedis = system ? null : createRedis(config.redis, 'command', 'fault-test');
  if (ownRedis) await waitReady(ownRedis);
  return {
    system,
    config,
    fake,
    knex,
    redis: system ? system.redis : ownRedis!,
    prefix,
    webhookUrl,
    logs,
    childEnv: (extra = {}) => ({ ...base, ...extra }),
    stop: async () => {
      await system?.stop().catch(() => undefined);
      ownRedis?.disconnect();
      await fake.stop().catch(() => undefined);
      if (!backing.redisUrl && !backing.clusterNodes)
        await deleteByPrefix(process.env.REDIS_URL!, prefix).catch(() => undefined);
      if (db) await db.destroy().catch(() => undefined);
      else {
        await knex.raw('drop schema if exists ?? cascade', [schema]).catch(() => undefined);
        await knex.destroy().catch(() => undefined);
      }
    },
  };
}

export interface BotChild {
  role: 'web' | 'worker' | 'all';
  child: ChildProcess;
  port: number;
  url: string;
  webhookUrl: string;
  output(): string;
  alive(): boolean;
}

/** Children started by a test file, killed in afterAll whatever happened. */
export class Children {
  readonly all: BotChild[] = [];

  async start(
    role: BotChild['role'],
    env: Record<string, string>,
    timeoutMs = 45_000,
  ): Promise<BotChild> {
    const port = await freePort();
    const child = spawnBot(role, { ...env, PORT: String(port) });
    const url = `http://127.0.0.1:${port}`;
    const bot: BotChild = {
      role,
      child,
      port,
      url,
      webhookUrl: `${url}/webhook`,
      output: () => outputOf(child),
      alive: () => child.exitCode === null && child.signalCode === null,
    };
    this.all.push(bot);
    try {
      await eventually(
        async () => {
          if (!bot.alive()) throw new Error(`exited: ${bot.output().slice(-2000)}`);
          return (
            (await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(1000) })).status ===
            200
          );
        },
        timeoutMs,
        100,
      );
    } catch (err) {
      throw new Error(
        `${role} child not ready: ${(err as Error).message}\n${bot.output().slice(-3000)}`,
      );
    }
    return bot;
  }

  /** SIGKILL (a crash) and wait for the exit. */
  async kill(bot: BotChild): Promise<void> {
    bot.child.kill('SIGKILL');
    await waitExit(bot.child, 10_000);
  }

  async killAll(): Promise<void> {
    await Promise.all(
      this.all
        .filter((b) => b.alive())
        .map(async (b) => {
          b.child.kill('SIGKILL');
          await waitExit(b.child, 10_000).catch(() => undefined);
        }),
    );
  }
}

/** Counts BullMQ `stalled` events (jobs of a dead worker taken back) on the given queues. */
export async function watchStalled(
  connection: { host: string; port: number },
  prefix: string,
  queues: string[],
): Promise<{ count(): number; close(): Promise<void> }> {
  let stalled = 0;
  const events = queues.map(
    (name) =>
      new QueueEvents(name, {
        connection: { ...connection, maxRetriesPerRequest: null },
        prefix: `${prefix}:bull`,
      }),
  );
  for (const e of events) {
    e.on('stalled', () => stalled++);
    e.on('error', () => undefined);
    await e.waitUntilReady();
  }
  return {
    count: () => stalled,
    close: async () => {
      await Promise.all(events.map((e) => e.close().catch(() => undefined)));
    },
  };
}

export function redisHostPort(url: string): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 6379) };
}

/** Fail with the children's output appended (crashes are otherwise invisible). */
export function withOutput(children: Children, err: unknown): Error {
  const tail = children.all
    .map(
      (b) =>
        `--- ${b.role}:${b.port} (${b.alive() ? 'alive' : `exit ${b.child.exitCode ?? b.child.signalCode}`})\n${b.output().slice(-1500)}`,
    )
    .join('\n');
  return new Error(`${(err as Error).message}\n${tail}`);
}

/**
 * Duplicates that a crash at the HTTP boundary explains: the fake accepted the first copy while
 * the crashed process could still have been waiting for the answer (arrival ≤ `windowMs` before
 * the crash), and the same message (same recipient, same body) was sent again after the crash by
 * another process. Anything else counted as a duplicate is a real bug.
 */
export function boundaryDuplicates(
  r: LoadReport,
  fake: FakeCloudApi,
  crashes: number[],
  windowMs: number,
): RecordedMessage[] {
  const all = fake.received().filter((m) => m.kind === 'message' && m.status === 200);
  return r.unreferenced.filter((m) =>
    crashes.some(
      (at) =>
        m.at <= at &&
        at - m.at <= windowMs &&
        all.some(
          (again) =>
            again.seq > m.seq &&
            again.at >= at &&
            again.to === m.to &&
            JSON.stringify(again.body) === JSON.stringify(m.body),
        ),
    ),
  );
}

/**
 * Ready-stream entries held (delivered, not acknowledged) by the worker process `pid`: after
 * that process is gone, this is what another worker has to take over (XAUTOCLAIM).
 */
export async function readyPendingOf(
  redis: RedisClient,
  prefix: string,
  pid: number | undefined,
): Promise<number> {
  const consumers = (await redis
    .xinfo('CONSUMERS', readyStreamKey(prefix), READY_GROUP)
    .catch(() => [])) as unknown[][];
  let pending = 0;
  for (const c of consumers) {
    const fields: Record<string, unknown> = {};
    for (let i = 0; i + 1 < c.length; i += 2) fields[String(c[i])] = c[i + 1];
    if (String(fields.name).includes(`-${pid}-`)) pending += Number(fields.pending ?? 0);
  }
  return pending;
}
