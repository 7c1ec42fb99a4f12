/** Run the real bot (`backend/src/main.ts`) as a child process, to kill it for real. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

export function spawnBot(
  role: 'all' | 'web' | 'worker',
  env: Record<string, string>,
): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'backend/src/main.ts'), `--role=${role}`],
    {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  Object.defineProperty(child, 'output', { get: () => output });
  return child;
}

export function outputOf(child: ChildProcess): string {
  return (child as ChildProcess & { output: string }).output;
}

export function waitExit(
  child: ChildProcess,
  timeoutMs = 20000,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null || child.signalCode !== null)
      return resolve({ code: child.exitCode, signal: child.signalCode });
    const timer = setTimeout(() => reject(new Error('child did not exit in time')), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}
