/**
 * A throw-away Redis Cluster: N primaries (`redis-server --cluster-enabled yes`) on spare loopback
 * ports in temp dirs, joined with `redis-cli --cluster create … --cluster-replicas 0`.
 *
 *   const cluster = await startRedisCluster();   // 3 primaries, slots spread evenly, ~1-2 s
 *   cluster.nodesEnv                              // "127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3" → REDIS_CLUSTER_NODES
 *   await cluster.destroy();                      // shutdown nosave + remove the dirs (afterAll)
 *
 * Each node also needs its cluster bus port (port + 10000) free; ports are picked so both are.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './own-redis';
import { eventually } from './redis';

const run = promisify(execFile);

export interface OwnRedisCluster {
  nodes: { host: string; port: number }[];
  /** Value for REDIS_CLUSTER_NODES. */
  nodesEnv: string;
  /** `redis-cli -p <port> <args…>` on one node (stdout). */
  cli(port: number, ...args: string[]): Promise<string>;
  destroy(): Promise<void>;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A port whose cluster-bus port (+10000) is free too. */
async function clusterPort(taken: Set<number>): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = await freePort();
    if (port > 55000 || taken.has(port) || taken.has(port + 10000)) continue;
    if (await portIsFree(port + 10000)) return port;
  }
  throw new Error('redis-cluster: no free port pair (port, port+10000)');
}

export async function startRedisCluster(primaries = 3): Promise<OwnRedisCluster> {
  const taken = new Set<number>();
  const ports: number[] = [];
  for (let i = 0; i < primaries; i++) {
    const p = await clusterPort(taken);
    taken.add(p).add(p + 10000);
    ports.push(p);
  }
  const dirs = ports.map(() => mkdtempSync(path.join(os.tmpdir(), 'ub-rcluster-')));
  const cli = async (port: number, ...args: string[]) =>
    (await run('redis-cli', ['-p', String(port), ...args], { timeout: 10000 })).stdout;

  const cluster: OwnRedisCluster = {
    nodes: ports.map((port) => ({ host: '127.0.0.1', port })),
    nodesEnv: ports.map((p) => `127.0.0.1:${p}`).join(','),
    cli,
    destroy: async () => {
      await Promise.all(ports.map((p) => cli(p, 'shutdown', 'nosave').catch(() => undefined)));
      await Promise.all(
        ports.map((p) =>
          eventually(
            async () => !(await cli(p, 'ping').catch(() => '')).includes('PONG'),
            10000,
          ).catch(() => undefined),
        ),
      );
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };

  try {
    ports.forEach((port, i) => {
      const child = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--dir',
          dirs[i],
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          'nodes.conf',
          '--cluster-node-timeout',
          '5000',
          '--appendonly',
          'no',
          '--save',
          '',
          '--daemonize',
          'no',
        ],
        { stdio: 'ignore', detached: true },
      );
      child.unref();
    });
    await Promise.all(
      ports.map((p) => eventually(async () => (await cli(p, 'ping')).includes('PONG'), 10000)),
    );
    await run(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...ports.map((p) => `127.0.0.1:${p}`),
        '--cluster-replicas',
        '0',
        '--cluster-yes',
      ],
      { timeout: 30000 },
    );
    // Every node must agree the cluster is up and know all three primaries.
    await eventually(
      async () => {
        for (const p of ports) {
          const info = await cli(p, 'cluster', 'info');
          if (
            !info.includes('cluster_state:ok') ||
            !info.includes(`cluster_known_nodes:${primaries}`)
          )
            return false;
        }
        return true;
      },
      20000,
      100,
    );
  } catch (err) {
    await cluster.destroy();
    throw new Error(`redis-cluster: could not start: ${(err as Error).message}`);
  }
  return cluster;
}
