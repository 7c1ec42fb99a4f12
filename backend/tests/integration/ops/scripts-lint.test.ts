/**
 * Every shell script (scripts/*.sh, monitoring/check.sh) is shellcheck-clean, parses with
 * `bash -n`, is executable, runs in strict mode and answers --help with usage text. `.ci/run` and
 * the Alertmanager entrypoint (POSIX sh, busybox image) are shellcheck-clean too; `.ci/run`
 * installs the system packages before it starts the services, and installs every tool the ops
 * tests need.
 * Needs shellcheck (Debian: shellcheck): fails, never skips, without it.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT, requireBinary, run } from './helpers';

const scripts = [
  ...readdirSync(path.join(ROOT, 'scripts'))
    .filter((f) => f.endsWith('.sh'))
    .map((f) => path.join('scripts', f)),
  path.join('monitoring', 'check.sh'),
].sort();
/** Sourced libraries, not commands: no usage text of their own. */
const LIBRARIES = new Set([path.join('scripts', 'deploy-lib.sh')]);

describe('shell scripts', () => {
  it('exist (backup, restore, smoke, deploy, rollback, replay-dlq, monitoring/check)', () => {
    for (const name of ['backup', 'restore', 'smoke', 'deploy', 'rollback', 'replay-dlq'])
      expect(scripts).toContain(path.join('scripts', `${name}.sh`));
  });

  it('pass shellcheck (and so do .ci/run and the POSIX-sh Alertmanager entrypoint)', async () => {
    requireBinary('shellcheck', 'shellcheck');
    const r = await run('shellcheck', [
      '--external-sources',
      '--severity=style',
      ...scripts,
      '.ci/run',
    ]);
    expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.any(String) });
    const sh = await run('shellcheck', [
      '-s',
      'sh',
      'monitoring/alertmanager/render.sh',
      'monitoring/alertmanager/start.sh',
    ]);
    expect({ code: sh.code, output: sh.output }).toEqual({ code: 0, output: expect.any(String) });
  });

  it('.ci/run installs packages before starting services, including every tool the ops tests need', () => {
    const ci = readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
    expect(ci.indexOf('log "system packages"')).toBeGreaterThan(0);
    expect(ci.indexOf('log "system packages"')).toBeLessThan(ci.indexOf('log "services"'));
    for (const pkg of [
      'prometheus',
      'prometheus-alertmanager',
      'shellcheck',
      'redis-tools',
      'rclone',
      'kubernetes-client',
      'postgresql-client',
      'util-linux',
    ])
      expect([pkg, new RegExp(`need\\+=\\(${pkg}\\)`).test(ci)]).toEqual([pkg, true]);
    expect(ci).toContain('apt-get download nginx');
    expect(ci).toMatch(/check "node >= 24 runs the tests"/);
  });

  it.each(scripts)('%s parses, is executable and uses strict mode', async (script) => {
    const file = path.join(ROOT, script);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(text).toMatch(/^set -euo pipefail$/m);
    expect(statSync(file).mode & 0o111).not.toBe(0);
    const syntax = await run('bash', ['-n', file]);
    expect({ code: syntax.code, output: syntax.output }).toEqual({
      code: 0,
      output: expect.any(String),
    });
  });

  it.each(scripts.filter((s) => !LIBRARIES.has(s)))(
    '%s --help prints usage and exits 0',
    async (script) => {
      const r = await run('bash', [path.join(ROOT, script), '--help']);
      expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.any(String) });
      expect(r.stdout).toMatch(/^usage: /m);
    },
  );

  it('deploy-lib.sh refuses to run on its own', async () => {
    const r = await run('bash', [path.join(ROOT, 'scripts', 'deploy-lib.sh')]);
    expect(r.code).not.toBe(0);
  });
});
