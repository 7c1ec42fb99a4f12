/**
 * Helpers for the ops tests: run the repo's shell scripts as child processes (asynchronously,
 * so servers in this process keep answering), find required binaries, and make throwaway
 * Postgres databases.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout + stderr, for assertion messages. */
  output: string;
}

/** Run a command with a clean, explicit environment (PATH and HOME kept). */
export function run(
  cmd: string,
  args: string[],
  options: {
    env?: Record<string, string | undefined>;
    cwd?: string;
    input?: string;
    timeoutMs?: number;
  } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      LANG: 'C.UTF-8',
    };
    for (const [k, v] of Object.entries(options.env ?? {})) if (v !== undefined) env[k] = v;
    // stdin: /dev/null unless input is given (never a terminal, like CI).
    const child = spawn(cmd, args, {
      cwd: options.cwd ?? ROOT,
      env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, output: `--- stdout\n${stdout}\n--- stderr\n${stderr}` });
    });
    if (child.stdin) {
      child.stdin.on('error', () => undefined); // the child may exit before reading: EPIPE is fine
      child.stdin.end(options.input);
    }
  });
}

/** Throws a clear error (never skips) when a binary the test needs is not installed. */
export function requireBinary(name: string, debianPackage: string): string {
  try {
    return execFileSync('bash', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      `${name} is not installed: these ops tests need it (Debian/Ubuntu: apt-get install -y ${debianPackage})`,
    );
  }
}

export function tempDir(label: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), `ub-ops-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** postgres://…/test from the test environment, with the database name replaced. */
export function databaseUrl(database: string): string {
  const url = new URL(
    process.env.TEST_DATABASE_URL ??
      process.env.DATABASE_URL ??
      'postgres://postgres@127.0.0.1:5432/test',
  );
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const ADMIN_DB = () =>
  new URL(
    process.env.TEST_DATABASE_URL ??
      process.env.DATABASE_URL ??
      'postgres://postgres@127.0.0.1:5432/test',
  ).pathname.slice(1) || 'postgres';

export interface ThrowawayDb {
  name: string;
  url: string;
  recreateEmpty(): Promise<void>;
  drop(): Promise<void>;
}

/** A database of its own (`ops_<label>_<random>`), dropped by drop(). */
export async function createThrowawayDb(label: string): Promise<ThrowawayDb> {
  const name = `ops_${label}_${randomBytes(5).toString('hex')}`;
  const admin = databaseUrl(ADMIN_DB());
  const drop = () =>
    withClient(admin, (c) =>
      c.query(`drop database if exists "${name}" with (force)`).then(() => undefined),
    );
  const create = () =>
    withClient(admin, (c) => c.query(`create database "${name}"`).then(() => undefined));
  await create();
  return {
    name,
    url: databaseUrl(name),
    recreateEmpty: async () => {
      await drop();
      await create();
    },
    drop,
  };
}
