/**
 * The production build (tsconfig.build.json) compiles backend/src and the production scripts only:
 * the fake Cloud API and the demo chat (backend/dev) stay out of the image, and the Lua scripts
 * the queue loads at start-up are copied next to the compiled code.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

it('compiles no file of backend/dev, and every production entry point', () => {
  const files = execFileSync(
    path.join(ROOT, 'node_modules', '.bin', 'tsc'),
    ['-p', 'tsconfig.build.json', '--listFilesOnly'],
    { cwd: ROOT, encoding: 'utf8' },
  )
    .split('\n')
    .map((f) => path.relative(ROOT, f.trim()))
    .filter((f) => f && !f.startsWith('node_modules') && !f.startsWith('..'));
  expect(files.filter((f) => f.startsWith('backend/dev/'))).toEqual([]);
  expect(files.filter((f) => f.startsWith('backend/tests/'))).toEqual([]);
  expect(files).toEqual(
    expect.arrayContaining([
      'backend/src/main.ts',
      'scripts/migrate.ts',
      'scripts/replay-dlq.ts',
      'scripts/seed.ts',
    ]),
  );
  // Nothing compiled for production reaches the dev tree through an import either.
  for (const f of files.filter((x) => x.endsWith('.ts'))) {
    expect({
      f,
      importsDev: /from '[^']*backend\/dev\/|from '(\.\.\/)+dev\//.test(
        fs.readFileSync(path.join(ROOT, f), 'utf8'),
      ),
    }).toEqual({ f, importsDev: false });
  }
}, 60_000);

it('the build leaves backend/dev out and ships the Lua scripts where the compiled queue loads them', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ub-build-'));
  try {
    execFileSync(
      path.join(ROOT, 'node_modules', '.bin', 'node'),
      [path.join(ROOT, 'scripts', 'build.mjs'), out],
      { cwd: ROOT, stdio: 'pipe' },
    );
    expect(fs.existsSync(path.join(out, 'backend', 'src', 'main.js'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'backend', 'dev'))).toBe(false);
    // The compiled module finds its scripts (and their includes) next to itself.
    const commit = execFileSync(
      path.join(ROOT, 'node_modules', '.bin', 'node'),
      [
        '-e',
        `process.stdout.write(require(${JSON.stringify(path.join(out, 'backend', 'src', 'queue', 'scripts.js'))}).loadLua('commit'))`,
      ],
      { encoding: 'utf8' },
    );
    expect(commit).toContain('local function snapshot(');
    expect(commit).not.toContain('--@include');
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}, 120_000);
