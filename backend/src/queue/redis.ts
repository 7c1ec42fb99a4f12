/**
 * Redis connections. Standalone (REDIS_URL) or Cluster (REDIS_CLUSTER_NODES).
 * - `command` connections fail fast when Redis is down (intake must answer 503, not hang).
 * - `producer` connections fail fast too, without auto-pipelining: the BullMQ queues (producers)
 *   live there. BullMQ defines ~40 Lua commands on its connection, and ioredis copies every
 *   defined command onto each pipeline it builds — with auto-pipelining that is one pipeline per
 *   tick, which cost the worker ~8 % of its CPU when the queues shared the command connection.
 * - `blocking` connections are what BullMQ workers need (maxRetriesPerRequest: null).
 */
import Redis, { Cluster, type RedisOptions } from 'ioredis';

export type RedisClient = Redis | Cluster;

export interface RedisSettings {
  url: string;
  clusterNodes: { host: string; port: number }[];
}

export type ConnectionKind = 'command' | 'producer' | 'blocking';

export function createRedis(
  settings: RedisSettings,
  kind: ConnectionKind,
  name: string,
): RedisClient {
  const common: RedisOptions = {
    connectionName: name,
    maxRetriesPerRequest: kind === 'blocking' ? null : 1,
    enableOfflineQueue: kind === 'blocking',
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2000),
    // Commands issued in the same tick go out in one write: far fewer syscalls under load.
    // (Not on blocking connections: a blocking command would hold up the batch.)
    ...(kind === 'blocking' ? {} : { commandTimeout: 2000, connectTimeout: 2000 }),
    ...(kind === 'command' ? { enableAutoPipelining: true } : {}),
  };
  if (settings.clusterNodes.length > 0) {
    return new Cluster(settings.clusterNodes, {
      redisOptions: common,
      enableOfflineQueue: kind === 'blocking',
      enableAutoPipelining: kind === 'command',
      clusterRetryStrategy: (times) => Math.min(100 * times, 2000),
    });
  }
  return new Redis(settings.url, common);
}

/** Resolve once the connection is ready (or reject after `timeoutMs`). */
export async function waitReady(client: RedisClient, timeoutMs = 5000): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('redis not ready')), timeoutMs);
    client.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
