/**
 * scripts/deploy.sh and scripts/rollback.sh with a stand-in for `docker compose` / `docker`
 * (there is no Docker engine in CI) that keeps its containers as files: the order of operations,
 * the recorded tags, scale kept, no moment without a web container (new ones start and become
 * ready before the old ones stop), automatic rollback when the new version is unhealthy, not
 * ready or fails the smoke test, nothing switched when pull or migrations fail, and the deploy
 * lock (a second deploy or rollback fails at once).
 */
import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { ROOT, run, tempDir } from './helpers';

const DEPLOY = path.join(ROOT, 'scripts', 'deploy.sh');
const ROLLBACK = path.join(ROOT, 'scripts', 'rollback.sh');

// `docker compose` stand-in that keeps containers as files ($FAKE_STATE/containers/<id>: "<svc> <tag>").
// Logs "<UBERMENCH_TAG> <args>"; `up --scale svc=N --no-recreate` adds containers on the current
// tag until N run; fails `pull` / `run` for the tags listed in FAIL_PULL / FAIL_MIGRATE.
const FAKE_COMPOSE = `#!/usr/bin/env bash
set -euo pipefail
echo "\${UBERMENCH_TAG:-} $*" >>"$FAKE_STATE/calls.log"
has() { [[ " \${1:-} " == *" \${UBERMENCH_TAG:-} "* ]]; }
ids_of() { grep -l "^$1 " "$FAKE_STATE"/containers/* 2>/dev/null | xargs -r -n1 basename | sort || true; }
case "$1" in
  pull) has "\${FAIL_PULL:-}" && exit 1; exit 0 ;;
  run) has "\${FAIL_MIGRATE:-}" && exit 1; exit 0 ;;
  up)
    scale=""; svc=""
    while [[ $# -gt 0 ]]; do
      case "$1" in --scale) scale="$2"; shift ;; -*|up) ;; *) svc="$1" ;; esac
      shift
    done
    want="\${scale#*=}"
    have="$(ids_of "$svc" | grep -c . || true)"
    while ((have < want)); do
      n="$(cat "$FAKE_STATE/seq")"; echo $((n + 1)) >"$FAKE_STATE/seq"
      echo "$svc $UBERMENCH_TAG" >"$FAKE_STATE/containers/c$n"
      have=$((have + 1))
    done
    ;;
  ps)
    shift
    [[ "\${1:-}" == -q ]] && shift
    for s in "$@"; do ids_of "$s"; done
    ;;
  *) exit 0 ;;
esac
`;
// `docker` stand-in: inspect (unhealthy when the container's tag is in UNHEALTHY), exec (the
// readiness check fails for tags in UNREADY), stop/rm (logs "stop <svc> <tag>"; "GAP" if no
// app-web container is left running).
const FAKE_DOCKER = `#!/usr/bin/env bash
tag_of() { cut -d' ' -f2 "$FAKE_STATE/containers/$1" 2>/dev/null; }
case "$1" in
  inspect)
    id="\${*: -1}"; tag="$(tag_of "$id")"
    if [[ "$*" == *Config.Image* ]]; then echo "ghcr.io/x/ubermench:$tag"
    elif [[ -z "$tag" ]]; then echo missing
    elif [[ " \${UNHEALTHY:-} " == *" $tag "* ]]; then echo unhealthy
    elif [[ -n "\${NO_HEALTHCHECK:-}" ]]; then echo running
    else echo healthy; fi ;;
  exec)
    tag="$(tag_of "$2")"
    [[ " \${UNREADY:-} " == *" $tag "* ]] && exit 1
    exit 0 ;;
  stop)
    shift
    for id in "$@"; do
      [[ "$id" == --time || "$id" =~ ^[0-9]+$ ]] && continue
      echo "stop $(cat "$FAKE_STATE/containers/$id")" >>"$FAKE_STATE/calls.log"
      rm -f "$FAKE_STATE/containers/$id"
      grep -q '^app-web ' "$FAKE_STATE"/containers/* 2>/dev/null || echo GAP >>"$FAKE_STATE/calls.log"
    done ;;
  *) exit 0 ;;
esac
`;
// smoke.sh stand-in: fails when a running app-web is on a tag in SMOKE_FAIL; records what it saw.
const FAKE_SMOKE = `#!/usr/bin/env bash
running="$(grep -h '^app-web ' "$FAKE_STATE"/containers/* | cut -d' ' -f2 | sort -u | tr '\\n' ' ')"
running="\${running% }"
echo "smoke $running BASE_URL=$BASE_URL VIA_PROXY=$SMOKE_VIA_PROXY TOKEN=$WHATSAPP_VERIFY_TOKEN" >>"$FAKE_STATE/calls.log"
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
  /** "svc tag" of every running container, sorted. */
  const containers = () =>
    readdirSync(path.join(state, 'containers'))
      .map((f) => readFileSync(path.join(state, 'containers', f), 'utf8').trim())
      .sort();
  const idx = (prefix: string) => calls().findIndex((l) => l.startsWith(prefix));

  beforeEach(() => {
    tmp = tempDir('deploy');
    dir = path.join(tmp.dir, 'app');
    state = path.join(tmp.dir, 'state');
    mkdirSync(dir);
    mkdirSync(path.join(state, 'containers'), { recursive: true });
    writeFileSync(path.join(dir, 'docker-compose.yml'), 'services: {}\n');
    writeFileSync(
      path.join(dir, '.env'),
      '# test\nWHATSAPP_VERIFY_TOKEN=verify-me\nUBERMENCH_TAG=v1\nPUBLIC_HOSTNAME=bot.test\n',
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
    // v1 runs: one web, two workers
    writeFileSync(path.join(state, 'containers', 'a1'), 'app-web v1\n');
    writeFileSync(path.join(state, 'containers', 'b1'), 'app-worker v1\n');
    writeFileSync(path.join(state, 'containers', 'b2'), 'app-worker v1\n');
    writeFileSync(path.join(state, 'seq'), '100\n');
  });
  afterEach(() => tmp.remove());

  it('pulls, migrates, starts the new containers next to the old, stops the old once ready, smoke-tests through the proxy, records the tag', async () => {
    const r = await run('bash', [DEPLOY, 'v2'], { env: env() });
    expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.any(String) });
    expect(idx('v2 pull migrate app-web app-worker')).toBeGreaterThanOrEqual(0);
    expect(idx('v2 run --rm migrate')).toBeGreaterThan(idx('v2 pull'));
    // web: one new next to the one old (2 running), then the old one stops
    expect(idx('v2 up -d --no-deps --no-recreate --scale app-web=2 app-web')).toBeGreaterThan(
      idx('v2 run --rm migrate'),
    );
    expect(idx('stop app-web v1')).toBeGreaterThan(
      idx('v2 up -d --no-deps --no-recreate --scale app-web=2'),
    );
    // workers: as many new as old
    expect(idx('v2 up -d --no-deps --no-recreate --scale app-worker=4 app-worker')).toBeGreaterThan(
      idx('stop app-web v1'),
    );
    expect(calls().filter((l) => l === 'stop app-worker v1')).toHaveLength(2);
    expect(calls()).not.toContain('GAP'); // a web process ran at every moment
    expect(idx('smoke v2 BASE_URL=https://bot.test VIA_PROXY=1 TOKEN=verify-me')).toBeGreaterThan(
      idx('stop app-worker v1'),
    );
    expect(containers()).toEqual(['app-web v2', 'app-worker v2', 'app-worker v2']);
    expect(envTag()).toBe('v2');
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toContain(
      'WHATSAPP_VERIFY_TOKEN=verify-me',
    ); // other lines kept
    expect(stateFile('current')).toBe('v2');
    expect(stateFile('previous')).toBe('v1');
    expect(stateFile('history.log')).toMatch(/\tdeploy\tv2\tok$/m);
  });

  it('rolls back automatically, without a gap, when the new version fails the smoke test', async () => {
    const r = await run('bash', [DEPLOY, 'v2'], { env: env({ SMOKE_FAIL: 'v2' }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('rolling back to v1');
    expect(calls()).toContain('v1 up -d --no-deps --no-recreate --scale app-web=2 app-web');
    expect(calls()).not.toContain('GAP');
    expect(containers()).toEqual(['app-web v1', 'app-worker v1', 'app-worker v1']);
    expect(envTag()).toBe('v1');
    expect(stateFile('history.log')).toMatch(/\trollback\tv1\tok$/m);
  });

  it('never stops the old web process when the new containers are unhealthy, and never smoke-tests them', async () => {
    const r = await run('bash', [DEPLOY, 'v2'], { env: env({ UNHEALTHY: 'v2' }) });
    expect(r.code).toBe(1);
    expect(calls()).toContain('stop app-web v2'); // the new one is removed
    expect(calls()).not.toContain('stop app-web v1');
    expect(calls().some((l) => l.startsWith('smoke v2'))).toBe(false);
    expect(calls()).not.toContain('GAP');
    expect(containers()).toEqual(['app-web v1', 'app-worker v1', 'app-worker v1']);
    expect(envTag()).toBe('v1');
  });

  it('treats a container that is healthy but not ready (/health/ready) as failed', async () => {
    const r = await run('bash', [DEPLOY, 'v2'], {
      env: env({ UNREADY: 'v2', DEPLOY_HEALTH_TIMEOUT: '2' }),
    });
    expect(r.code).toBe(1);
    expect(calls()).not.toContain('stop app-web v1');
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

  it('reports a failed rollback (both versions fail the smoke test) with a non-zero exit', async () => {
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

  it('takes a lock: a second deploy or rollback while one runs fails at once and changes nothing', async () => {
    mkdirSync(path.join(dir, '.deploy'));
    const lock = path.join(dir, '.deploy', 'lock');
    // Another deploy holds the lock (flock, like deploy-lib.sh) while this one starts.
    const holder = spawn('flock', [lock, 'sleep', '20'], { stdio: 'ignore', detached: true });
    try {
      await new Promise((r) => setTimeout(r, 300));
      const started = Date.now();
      const second = await run('bash', [DEPLOY, 'v2'], { env: env() });
      expect(second.code).not.toBe(0);
      expect(second.stderr).toContain('another deploy or rollback is running');
      expect(Date.now() - started).toBeLessThan(5000);
      const back = await run('bash', [ROLLBACK, 'v0'], { env: env() });
      expect(back.code).not.toBe(0);
      expect(back.stderr).toContain('another deploy or rollback is running');
      expect(calls()).toEqual([]);
      expect(envTag()).toBe('v1');
    } finally {
      process.kill(-holder.pid!, 'SIGKILL'); // flock and its sleep (which holds the lock too)
    }
    await new Promise((r) => holder.once('exit', r));
    const after = await run('bash', [DEPLOY, 'v2'], { env: env() });
    expect({ code: after.code, output: after.output }).toEqual({
      code: 0,
      output: expect.any(String),
    });
  });

  it('rollback.sh goes back to the previous tag recorded by deploy.sh, or to a given tag, without a gap', async () => {
    expect((await run('bash', [DEPLOY, 'v2'], { env: env() })).code).toBe(0);
    const back = await run('bash', [ROLLBACK], { env: env() });
    expect({ code: back.code, output: back.output }).toEqual({
      code: 0,
      output: expect.any(String),
    });
    expect(containers()).toEqual(['app-web v1', 'app-worker v1', 'app-worker v1']);
    expect(envTag()).toBe('v1');
    expect(stateFile('current')).toBe('v1');
    expect(stateFile('previous')).toBe('v2');
    expect(calls().some((l) => l.startsWith('v1 run'))).toBe(false); // no migrations on rollback
    expect(calls()).not.toContain('GAP');

    const explicit = await run('bash', [ROLLBACK, 'v0'], { env: env() });
    expect(explicit.code).toBe(0);
    expect(containers()).toEqual(['app-web v0', 'app-worker v0', 'app-worker v0']);
    expect(envTag()).toBe('v0');
  });

  it('rollback.sh fails clearly when there is no previous tag, or the target is unhealthy', async () => {
    const none = await run('bash', [ROLLBACK], { env: env() });
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('no previous tag');
    const bad = await run('bash', [ROLLBACK, 'v0'], { env: env({ UNHEALTHY: 'v0' }) });
    expect(bad.code).not.toBe(0);
    expect(envTag()).toBe('v1');
    expect(containers().filter((c) => c.startsWith('app-web'))).toEqual(['app-web v1']);
  });
});
