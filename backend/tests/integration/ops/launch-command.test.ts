/**
 * The bot's process is started the same way everywhere: `npm start`, the image's CMD and the
 * compose services (plus their `--role`), with the same Node flags — the benchmark runs the bot
 * with `npm start`'s flags (scripts/bench/run.ts), so what it measures is what production runs.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers';

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const ENTRY = 'dist/backend/src/main.js';

/** The node flags of a command line: everything between `node` and the entry point. */
function nodeFlags(argv: string[]): string[] {
  expect(argv[0]).toBe('node');
  const entry = argv.indexOf(ENTRY);
  expect(entry).toBeGreaterThan(0);
  return argv.slice(1, entry);
}

const startFlags = () => {
  const pkg = JSON.parse(read('package.json')) as { scripts: { start: string } };
  return nodeFlags(pkg.scripts.start.split(/\s+/));
};

it('npm start keeps the heap flags (RSS under load, docs/performance.md Runs 6 and 7)', () => {
  expect(startFlags()).toContain('--heap-growing-percent=100');
  expect(startFlags()).toContain('--max-semi-space-size=16');
});

it('the image CMD and the compose web/worker commands use the same node flags as npm start', () => {
  const cmd = /^CMD (\[.*\])$/m.exec(read('Dockerfile'));
  expect(cmd).not.toBeNull();
  expect(nodeFlags(JSON.parse(cmd![1]!) as string[])).toEqual(startFlags());

  const compose = read('docker-compose.yml');
  for (const role of ['web', 'worker']) {
    const line = new RegExp(`^\\s+command: (\\[.*'--role=${role}'\\])$`, 'm').exec(compose);
    expect(line).not.toBeNull();
    const argv = JSON.parse(line![1]!.replace(/'/g, '"')) as string[];
    expect(nodeFlags(argv)).toEqual(startFlags());
    expect(argv.at(-1)).toBe(`--role=${role}`);
  }
});

it('this Node accepts those flags', () => {
  // An unknown V8 flag is fatal at start ("bad option"): caught here on a Node upgrade.
  expect(() =>
    execFileSync('node', [...startFlags(), '-e', 'process.exit(0)'], { stdio: 'pipe' }),
  ).not.toThrow();
});
