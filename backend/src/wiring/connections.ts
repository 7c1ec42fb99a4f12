/**
 * The connections of one process: Redis (a command connection with the Lua scripts, a producer
 * connection for the BullMQ queues, blocking ones for workers and the ready stream) and the
 * Postgres pools (the main one, and a small one for the best-effort message log).
 */
import type { Knex } from 'knex';
import type { Config } from '../config';
import { createKnex } from '../db/knex';
import { createRedis, waitReady, type RedisClient } from '../queue/redis';
import { withScripts, type ScriptedRedis } from '../queue/scripts';
import type { Role } from './role';

export interface Connections {
  /** Commands and Lua scripts (auto-pipelined). */
  redis: ScriptedRedis;
  /** The BullMQ queues (producers): not auto-pipelined (queue/redis.ts says why). */
  producer: RedisClient;
  /** BullMQ workers' blocking connection. */
  bull: RedisClient;
  /** The ready stream's blocking reads (worker roles only). */
  ready: RedisClient | null;
  knex: Knex;
  /** The message log's own small pool: commits without waiting for the WAL flush (best effort). */
  logKnex: Knex;
  close(): Promise<void>;
}

export async function openConnections(config: Config, role: Role): Promise<Connections> {
  const redis = withScripts(createRedis(config.redis, 'command', `ub-${role}`));
  const producer = createRedis(config.redis, 'producer', `ub-${role}-producer`);
  const bull = createRedis(config.redis, 'blocking', `ub-${role}-bull`);
  const ready = role === 'web' ? null : createRedis(config.redis, 'blocking', `ub-${role}-ready`);
  // The queues are created on the producer connection: it must be up first (Redis Cluster:
  // BullMQ's first INFO fails with the offline queue off).
  await Promise.all([waitReady(redis), waitReady(producer)]);
  const knex = createKnex({
    url: config.db.url,
    schema: config.db.schema,
    poolMax: config.db.poolMax,
  });
  const logKnex = createKnex({
    url: config.db.url,
    schema: config.db.schema,
    poolMax: 4,
    synchronousCommit: false,
  });
  return {
    redis,
    producer,
    bull,
    ready,
    knex,
    logKnex,
    close: async () => {
      await Promise.allSettled([
        redis.quit(),
        producer.quit(),
        bull.quit(),
        ...(ready ? [ready.quit()] : []),
        knex.destroy(),
        logKnex.destroy(),
      ]);
    },
  };
}
