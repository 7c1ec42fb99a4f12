/**
 * Processes for the benchmarks: start entry points as plain `node` children (compiled, or with
 * `--import tsx`) so the pid is the process doing the work (for RSS and CPU), wait until they
 * answer, sample their RSS and CPU from /proc, stop them with SIGTERM (SIGKILL after a bound),
 * and clean up after them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Redis from 'ioredis';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface Proc {
  name: string;
  child: ChildProcess;
  logFile: string;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

let distDir: string | null = null;

/**
 * Run TypeScript entry points compiled (`<dir>/<script>.js`, like `npm start` in production)
 * instead of through tsx, which adds about 30 MB of RSS and load-time work. null = tsx.
 */
export function useCompiled(dir: string | null): void {
  distDir = dir;
}

/** Node arguments that run `script` (a .ts path relative to the repo root). */
export function nodeEntry(script: string): string[] {
  return distDir
    ? [path.join(distDir, script.replace(/\.ts$/, '.js'))]
    : ['--import', 'tsx', script];
}

/** Run a TypeScript entry point (compiled or through tsx), cwd = repo root, output appended to `logFile`. */
export function startTs(
  name: string,
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  logFile: string,
  nodeArgs: string[] = [],
): Proc {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const fd = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [...nodeArgs, ...nodeEntry(script), ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  return { name, child, logFile };
}

/** Resolves once `url` answers 2xx; rejects after `timeoutMs` or if the process exits. */
export async function waitHttp(proc: Proc, url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null)
      throw new Error(
        `${proc.name} exited (${proc.child.exitCode}); see ${proc.logFile}\n${tail(proc.logFile)}`,
      );
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await sleep(200);
  }
  throw new Error(
    `${proc.name} did not answer ${url} within ${timeoutMs} ms; see ${proc.logFile}\n${tail(proc.logFile)}`,
  );
}

/** Resolves once the log file contains `needle` (for processes without HTTP, e.g. role worker). */
export async function waitLog(proc: Proc, needle: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null)
      throw new Error(
        `${proc.name} exited (${proc.child.exitCode}); see ${proc.logFile}\n${tail(proc.logFile)}`,
      );
    if (fs.existsSync(proc.logFile) && fs.readFileSync(proc.logFile, 'utf8').includes(needle))
      return;
    await sleep(200);
  }
  throw new Error(`${proc.name} did not log ${needle} within ${timeoutMs} ms; see ${proc.logFile}`);
}

export function tail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** SIGTERM, then SIGKILL after `graceMs`. Resolves with the exit code (null if killed). */
export async function stop(proc: Proc, graceMs = 20_000): Promise<number | null> {
  const { child } = proc;
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

/** Resident set size of a process in MB (VmRSS from /proc), or null when gone. */
export function rssMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round((Number(m[1]) / 1024) * 10) / 10 : null;
  } catch {
    return null;
  }
}

export interface RssSample {
  t: number;
  phase: string;
  proc: string;
  mb: number;
  /** CPU time used so far (user + system), seconds. */
  cpuS: number;
}

const TICKS = 100; // USER_HZ on Linux

/** utime + stime of a process in seconds, or null when gone. */
export function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return null;
  }
}

/** Whole-machine CPU counters (busy, total) in ticks, from /proc/stat. */
export function machineTicks(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** CPU seconds used so far by every process whose name (`comm`) is `name`, e.g. all Postgres backends. */
export function groupCpuSeconds(name: string): number {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (comm !== name) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / TICKS;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

export interface PhaseUsage {
  maxMb: number;
  lastMb: number;
  /** Mean CPU use over the phase, % of one core. */
  cpuPct: number;
  samples: number;
}

/** Samples RSS and CPU of the registered processes every `everyMs`, tagged with the current phase. */
export class RssSampler {
  readonly samples: RssSample[] = [];
  private procs: Proc[] = [];
  private phase = '';
  private timer: NodeJS.Timeout;
  private machineAt = new Map<
    string,
    { busy: number; total: number; postgres: number; t: number }
  >();
  readonly machineBusyPct: Record<string, number> = {};
  /** CPU of all `postgres` processes during each phase, % of one core (other tenants' queries included). */
  readonly postgresCpuPct: Record<string, number> = {};

  constructor(everyMs = 500) {
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  /** Start tagging samples with `phase` (the previous phase's machine CPU use is closed). */
  watch(phase: string, procs: Proc[]): void {
    this.close();
    this.phase = phase;
    this.procs = procs;
    this.machineAt.set(phase, {
      ...machineTicks(),
      postgres: groupCpuSeconds('postgres'),
      t: Date.now(),
    });
  }

  /** Whole-machine CPU busy % since `watch(phase)` (everything: bot, load generator, Redis, Postgres, other tenants). */
  close(): void {
    const start = this.machineAt.get(this.phase);
    if (!start) return;
    const end = machineTicks();
    const dt = end.total - start.total;
    if (dt > 0)
      this.machineBusyPct[this.phase] = Math.round(((end.busy - start.busy) / dt) * 1000) / 10;
    const seconds = (Date.now() - start.t) / 1000;
    if (seconds > 0)
      // Backends that exit during the phase take their CPU time with them: a lower bound, never < 0.
      this.postgresCpuPct[this.phase] = Math.max(
        0,
        Math.round(((groupCpuSeconds('postgres') - start.postgres) / seconds) * 1000) / 10,
      );
    this.machineAt.delete(this.phase);
  }

  sample(): void {
    const t = Date.now();
    for (const p of this.procs) {
      const mb = rssMb(p.child.pid);
      const cpuS = cpuSeconds(p.child.pid);
      if (mb !== null && cpuS !== null)
        this.samples.push({ t, phase: this.phase, proc: p.name, mb, cpuS });
    }
  }

  /** Max and last RSS and mean CPU per process for one phase. */
  summary(phase: string): Record<string, PhaseUsage> {
    const out: Record<string, PhaseUsage> = {};
    const first: Record<string, RssSample> = {};
    for (const s of this.samples.filter((x) => x.phase === phase)) {
      first[s.proc] ??= s;
      const o = (out[s.proc] ??= { maxMb: 0, lastMb: 0, cpuPct: 0, samples: 0 });
      o.maxMb = Math.max(o.maxMb, s.mb);
      o.lastMb = s.mb;
      o.samples++;
      const f = first[s.proc]!;
      if (s.t > f.t) o.cpuPct = Math.round(((s.cpuS - f.cpuS) / ((s.t - f.t) / 1000)) * 1000) / 10;
    }
    return out;
  }

  stop(): void {
    this.close();
    clearInterval(this.timer);
  }
}

/** Deletes every Redis key under `<prefix>:` (SCAN + UNLINK). Returns the count. */
export async function deleteRedisPrefix(url: string, prefix: string): Promise<number> {
  if (!/^bench[-_.]/.test(prefix) && !/^load[-_.]/.test(prefix))
    throw new Error(`refusing to delete keys of prefix ${prefix}`);
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 2000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
