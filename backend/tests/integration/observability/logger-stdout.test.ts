/**
 * The production logger writes stdout asynchronously (observability/logger.ts). What it must not
 * do is lose lines when the process ends: a child process logs a burst, then exits at once —
 * through process.exit, and through an uncaught error — and every line must reach the pipe.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const LOGGER = path.join(ROOT, 'backend', 'src', 'observability', 'logger.ts');

function runChild(ending: string): { lines: Record<string, unknown>[]; status: number | null } {
  const script = `
    const { createLogger } = require(${JSON.stringify(LOGGER)});
    const log = createLogger({ level: 'info', pretty: false });
    for (let i = 0; i < 5000; i++) log.info({ event: 'burst', i, to: '5215512345678' }, 'line ' + i);
    ${ending}
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { lines, status: r.status };
}

it.each([
  ['process.exit(0)', 'process.exit(0);', 0],
  ['an uncaught error', "setImmediate(() => { throw new Error('boom'); });", 1],
])('every line reaches stdout when the process ends with %s', (_name, ending, status) => {
  const { lines, status: exitStatus } = runChild(ending);
  expect(exitStatus).toBe(status);
  expect(lines).toHaveLength(5000);
  expect(lines.map((l) => l.i)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  // Still masked on this path.
  expect(JSON.stringify(lines[0])).not.toContain('5215512345678');
});
