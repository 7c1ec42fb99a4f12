/**
 * scripts/deploy.sh and scripts/rollback.sh with a stand-in for `docker compose` / `docker`
 * (there is no Docker engine in CI): the order of operations, the recorded tags, scale kept,
 * automatic rollback when the new version is unhealthy or fails the smoke test, nothing switched
 * when pull or migrations fail.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, run, tempDir } from './helpers';

const DEPLOY = path.join(ROOT, 'scripts', 'deploy.sh');
const ROLLBACK = path.join(ROOT, 'scripts', 'rollback.sh');

// `docker compose` stand-in: logs "<UBERMENCH_TAG> <args>", remembers the tag `up` started,
// fails `pull` / `run` for the tags listed in FAIL_PULL / FAIL_MIGRATE.
const FAKE_COMPOSE = `#!/usr/bin/env bash
set -euo pipefail
echo "\${UBERMENCH_TAG:-} $*" >>"$FAKE_STATE/calls.log"
has() { [[ " \${1:-} " == *" \${UBERMENCH_TAG:-} "* ]]; }
case "$1" in
  pull) has "\${FAIL_PULL:-}" && exit 1; exit 0 ;;
  run) has "\${FAIL_MIGRATE:-}" && exit 1; exit 0 ;;
  up) echo "$UBERMENCH_TAG" >"$FAKE_STATE/running"; exit 0 ;;
  ps)
    shift
    [[ "\${1:-}" == -q ]] && shift
    for s in "$@"; do
      case "$s" in
        app-web) echo web1 ;;
        app-worker) echo worker1; echo worker2 ;;
      esac
    done
    ;;
  *) exit 0 ;;
esac
`;
// `docker inspect` stand-in: containers of the running tag are unhealthy when it is in UNHEALTHY.
const FAKE_DOCKER = `#!/usr/bin/env bash
running="$(cat "$FAKE_STATE/running" 2>/dev/null || true)"
if [[ " \${UNHEALTHY:-} " == *" $running "* ]]; then echo unhealthy
elif [[ -n "\${NO_HEALTHCHECK:-}" ]]; then echo running
else echo healthy; fi
`;
// smoke.sh stand-in: fails when the running tag is in SMOKE_FAIL; records what it saw.
const FAKE_SMOKE = `#!/usr/bin/env bash
running="$(cat "$FAKE_STATE/running" 2>/dev/null || true)"
echo "smoke $running BASE_URL=$BASE_URL TOKEN=$WHATSAPP_VERIFY_TOKEN" >>"$FAKE_STATE/calls.log"
[[ " \${SMOKE_FAIL:-} " == *" $running "* ]] && exit 1
exit 0
`;

describe('deploy.sh / rollback.sh (docker compose stand-in)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let dir: string;
  let state: string;

  const env = (extra: Record<string, string> = {}) => ({
    DEPLOY_DIR: dir,
    COMPOSE: path.join(state, 'compose'),
    DOCKER: path.join(state, 'docker'),
    SMOKE: path.join(state, 'smoke'),
    FAKE_STATE: state,
    DEPLOY_HEALTH_TIMEOUT: '5',
    ...extra,
  });
  const calls = () =>
    existsSync(path.join(state, 'calls.log'))
      ? readFileSync(path.join(state, 'calls.log'), 'utf8').trim().split('\n')
      : [];
  const envTag = () =>
    /^UBERMENCH_TAG=(.*)$/m.exec(readFileSync(path.join(dir, '.env'), 'utf8'))?.[1];
  const stateFile = (name: string) => readFileSync(path.join(dir, '.deploy', name), 'utf8').trim();
  const running = () => readFileSync(path.join(state, 'running'), 'utf8').trim();

  beforeEach(() => {
    tmp = tempDir('deploy');
    dir = path.join(tmp.dir, 'app');
    state = path.join(tmp.dir, 'state');
    mkdirSync(dir);
    mkdirSync(state);
    writeFileSync(path.join(dir, 'docker-compose.yml'), 'services: {}\n');
    writeFileSync(
      path.join(dir, '.env'),
      '# test\nWHATSAPP_VERIFY_TOKEN=verify-me\nUBERMENCH_TAG=v1\nAPP_WEB_PORT=3999\n',
      { mode: 0o600 },
    );
    for (const [name, body] of [
      ['compose', FAKE_COMPOSE],
      ['docker', FAKE_DOCKER],
      ['smoke', FAKE_SMOKE],
    ] as const) {
      writeFileSync(path.join(state, name), body);
      chmodSync(path.join(state, name), 0o755);
    }
    writeFileSync(path.join(state, 'running'), 'v1\n');
  });
  afterEach(() => tmp.remove());

  it('pulls, migrates, switches keeping the scale, checks, then records the new tag', async () => {
    const r = await run('bash', [DEPLOY, 'v2'], { env: env() });
    expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.any(String) });
    const log = calls();
    const idx = (prefix: string) => log.findIndex((l) => l.startsWith(prefix));
    expect(idx('v2 pull migrate app-web app-worker')).toBeGreaterThanOrEqual(0);
    expect(idx('v2 run --rm migrate')).toBeGreaterThan(idx('v2 pull'));
    expect(
      idx('v2 up -d --no-deps --scale app-web=1 --scale app-worker=2 app-web app-worker'),
    ).toBeGreaterThan(idx('v2 run --rm migrate'));
    expect(idx('smoke v2 BASE_URL=http://127.0.0.1:3999 TOKEN=verify-me')).toBeGreaterThan(
      idx('v2 up'),
    );
    expect(envTag()).toBe('v2');
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toContain(
      'WHATSAPP_VERIFY_TOKEN=verify-me',
    ); // other lines kept
    expect(stateFile('current')).toBe('v2');
    expect(stateFile('previous')).toBe('v1');
    expect(stateFile('history.log')).toMatch(/\tdeploy\tv2\tok$/m);
  });

  it('rolls back automatically when the new version fails the smoke test', async () => {
    const r = await run('bash', [DEPLOY, 'v2'], { env: env({ SMOKE_FAIL: 'v2' }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('rolling back to v1');
    expect(calls()).toContain(
      'v1 up -d --no-deps --scale app-web=1 --scale app-worker=2 app-web app-worker',
    );
    expect(running()).toBe('v1');
    expect(envTag()).toBe('v1');
    expect(stateFile('history.log')).toMatch(/\trollback\tv1\tok$/m);
  });

  it('rolls back automatically when the new containers are unhealthy, without running smoke on them', async () => {
    const r = await run('bash', [DEPLOY, 'v2'], { env: env({ UNHEALTHY: 'v2' }) });
    expect(r.code).toBe(1);
    expect(calls().some((l) => l.startsWith('smoke v2'))).toBe(false);
    expect(calls().some((l) => l.startsWith('smoke v1'))).toBe(true);
    expect(running()).toBe('v1');
    expect(envTag()).toBe('v1');
  });

  it('accepts running containers that have no healthcheck', async () => {
    const r = await run('bash', [DEPLOY, 'v2'], { env: env({ NO_HEALTHCHECK: '1' }) });
    expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.any(String) });
    expect(envTag()).toBe('v2');
  });

  it('switches nothing when the migration fails', async () => {
    const r = await run('bash', [DEPLOY, 'v2'], { env: env({ FAIL_MIGRATE: 'v2' }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('migrations failed');
    expect(calls().some((l) => / up /.test(` ${l} `))).toBe(false);
    expect(envTag()).toBe('v1');
  });

  it('switches nothing when the image cannot be pulled', async () => {
    const r = await run('bash', [DEPLOY, 'v9'], { env: env({ FAIL_PULL: 'v9' }) });
    expect(r.code).toBe(1);
    expect(calls().some((l) => l.includes('run --rm migrate'))).toBe(false);
    expect(envTag()).toBe('v1');
  });

  it('reports a failed rollback (both versions unhealthy) with a non-zero exit', async () => {
    const r = await run('bash', [DEPLOY, 'v2'], { env: env({ SMOKE_FAIL: 'v1 v2' }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unhealthy too');
    expect(stateFile('history.log')).toMatch(/\trollback\tv1\tfailed$/m);
  });

  it('rejects a bad tag and a missing argument before touching anything', async () => {
    for (const args of [['v2;rm -rf /'], [], ['a', 'b']]) {
      const r = await run('bash', [DEPLOY, ...args], { env: env() });
      expect(r.code).not.toBe(0);
    }
    expect(calls()).toEqual([]);
  });

  it('rollback.sh goes back to the previous tag recorded by deploy.sh, or to a given tag', async () => {
    expect((await run('bash', [DEPLOY, 'v2'], { env: env() })).code).toBe(0);
    const back = await run('bash', [ROLLBACK], { env: env() });
    expect({ code: back.code, output: back.output }).toEqual({
      code: 0,
      output: expect.any(String),
    });
    expect(running()).toBe('v1');
    expect(envTag()).toBe('v1');
    expect(stateFile('current')).toBe('v1');
    expect(stateFile('previous')).toBe('v2');
    expect(calls().some((l) => l.startsWith('v1 run'))).toBe(false); // no migrations on rollback

    const explicit = await run('bash', [ROLLBACK, 'v0'], { env: env() });
    expect(explicit.code).toBe(0);
    expect(running()).toBe('v0');
    expect(envTag()).toBe('v0');
  });

  it('rollback.sh fails clearly when there is no previous tag, or the target is unhealthy', async () => {
    const none = await run('bash', [ROLLBACK], { env: env() });
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('no previous tag');
    const bad = await run('bash', [ROLLBACK, 'v0'], { env: env({ UNHEALTHY: 'v0' }) });
    expect(bad.code).not.toBe(0);
    expect(envTag()).toBe('v1');
  });
});
