/**
 * A throw-away redis-server on a spare port with AOF on (appendfsync always), like production:
 * tests can stop and restart it without touching the machine's shared Redis.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { eventually } from './redis';

export interface OwnRedis {
  port: number;
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function ping(port: number): boolean {
  try {
    return execFileSync('redis-cli', ['-p', String(port), 'ping'], {
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 1000,
    })
      .toString()
      .includes('PONG');
  } catch {
    return false;
  }
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ub-redis-'));
  const own: OwnRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    start: async () => {
      const child = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--dir',
          dir,
          '--appendonly',
          'yes',
          '--appendfsync',
          'always',
          '--save',
          '',
          '--daemonize',
          'no',
        ],
        { stdio: 'ignore', detached: true },
      );
      child.unref();
      await eventually(async () => ping(port), 10000);
    },
    stop: async () => {
      try {
        execFileSync('redis-cli', ['-p', String(port), 'shutdown'], {
          stdio: 'ignore',
          timeout: 5000,
        });
      } catch {
        /* already down */
      }
      await eventually(async () => !ping(port), 10000);
    },
    destroy: async () => {
      await own.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await own.start();
  return own;
}
