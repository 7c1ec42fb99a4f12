// The production build: TypeScript (tsconfig.build.json: backend/src, migrations, seeds, the
// production scripts; never backend/dev) into `dist/` (or the directory given as the first
// argument), plus the Lua scripts the queue loads at start-up. `--with-dev` also compiles
// backend/dev (tsconfig.demo.json: the fake Cloud API for the demo image and the benchmarks).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const withDev = args.includes('--with-dev');
const out = path.resolve(root, args.find((a) => !a.startsWith('--')) ?? 'dist');
execFileSync(
  path.join(root, 'node_modules', '.bin', 'tsc'),
  ['-p', withDev ? 'tsconfig.demo.json' : 'tsconfig.build.json', '--outDir', out],
  { cwd: root, stdio: 'inherit' },
);
fs.cpSync(path.join(root, 'backend/src/queue/lua'), path.join(out, 'backend/src/queue/lua'), {
  recursive: true,
});
