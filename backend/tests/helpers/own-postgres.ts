/**
 * A throw-away Postgres cluster (initdb + pg_ctl) on a spare loopback port in a temp dir, so a
 * test can stop, crash and restart Postgres without touching the machine's shared one.
 * cube/earthdistance come from the same installation, so `migrateLatest` works against it.
 *
 *   const pg = await startOwnPostgres();      // initdb + start, ~2 s
 *   pg.url                                     // postgres://postgres@127.0.0.1:<port>/postgres
 *   await pg.stop('immediate');                // like a crash: no checkpoint, WAL recovery on start
 *   await pg.start();
 *   await pg.destroy();                        // stop + remove the directory (call in afterAll)
 *
 * Binaries: $PG_BIN, else the newest /usr/lib/postgresql/<version>/bin. initdb refuses to run
 * as root, so as root every command runs as the `postgres` OS user (runuser) on a directory
 * owned by that user.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './own-redis';

const run = promisify(execFile);

export interface OwnPostgres {
  port: number;
  url: string;
  dir: string;
  start(): Promise<void>;
  /** `fast` = orderly shutdown; `immediate` = crash-like (WAL replay on next start). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  isUp(): Promise<boolean>;
  /** Server log (for failure messages). */
  log(): string;
  destroy(): Promise<void>;
}

export function findPgBin(): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && existsSync(path.join(fromEnv, 'initdb'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0)
    throw new Error(
      'own-postgres: no initdb found (set PG_BIN or install the postgresql server package)',
    );
  return path.join(root, versions[0], 'bin');
}

function postgresIds(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line)
    throw new Error(
      'own-postgres: running as root but there is no `postgres` OS user to run initdb as',
    );
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = findPgBin();
  const ids = postgresIds();
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ub-pg-'));
  if (ids) chownSync(dir, ids.uid, ids.gid);
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');

  const pg = async (tool: string, args: string[], timeout = 30000) => {
    const cmd = path.join(bin, tool);
    const [file, argv] = ids ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
    return run(file, argv, { timeout, cwd: dir });
  };

  const own: OwnPostgres = {
    port,
    dir,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: async () => {
      // fsync off: the machine does not crash during a test, so an `immediate` stop still leaves
      // every committed transaction in WAL (recovered on start) — and the suite stays fast.
      const opts = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c full_page_writes=off -c max_connections=100`;
      await pg('pg_ctl', ['-D', data, '-l', logFile, '-o', opts, '-w', '-t', '30', 'start'], 40000);
    },
    stop: async (mode = 'fast') => {
      await pg('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '30', 'stop'], 40000).catch(
        () => undefined,
      );
    },
    isUp: async () => {
      try {
        await run(
          path.join(bin, 'pg_isready'),
          ['-h', '127.0.0.1', '-p', String(port), '-t', '1'],
          { timeout: 3000 },
        );
        return true;
      } catch {
        return false;
      }
    },
    log: () => {
      try {
        return readFileSync(logFile, 'utf8');
      } catch {
        return '';
      }
    },
    destroy: async () => {
      await own.stop('immediate');
      rmSync(dir, { recursive: true, force: true });
    },
  };

  try {
    await pg(
      'initdb',
      ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
      60000,
    );
    await own.start();
  } catch (err) {
    const log = own.log();
    await own.stop('immediate');
    rmSync(dir, { recursive: true, force: true });
    if (log) (err as Error).message += `\n${log.slice(-2000)}`;
    throw new Error(`own-postgres: could not start: ${(err as Error).message}`);
  }
  return own;
}
