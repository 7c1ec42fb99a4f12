/**
 * .github/ parsed as YAML (issue 17, item 3): tests gate deploys — an image is built only after CI
 * passed in the same run, staging only after the image, production only for v* tags and only after
 * `verify` found CI and staging passed for that commit; a rollback workflow that uses the target
 * tag's own files; every action pinned by commit SHA; Node 24 in CI; Dependabot on the new line.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './helpers';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  name?: string;
}
interface Job {
  needs?: string[] | string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  environment?: { name: string } | string;
  concurrency?: { group: string };
  steps?: Step[];
  'timeout-minutes'?: number;
  outputs?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const DIR = path.join(ROOT, '.github', 'workflows');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yml'));
const text = (f: string) => readFileSync(path.join(DIR, f), 'utf8');
const wf = (f: string) => parse(text(f)) as Workflow;
const needs = (j: Job) => (Array.isArray(j.needs) ? j.needs : j.needs ? [j.needs] : []);
const script = (j: Job) => (j.steps ?? []).map((s) => s.run ?? '').join('\n');

describe('GitHub workflows', () => {
  it('are exactly ci, release, deploy and rollback (no deploy triggered by another workflow finishing)', () => {
    expect(files.sort()).toEqual(['ci.yml', 'deploy.yml', 'release.yml', 'rollback.yml']);
    for (const f of files)
      expect([f, Object.keys(wf(f).on).includes('workflow_run')]).toEqual([f, false]);
  });

  it('release: ci → image → staging (main) / production (v* tags), all in one run for one commit', () => {
    const r = wf('release.yml');
    expect(r.on).toEqual({ push: { branches: ['main'], tags: ['v*'] } });
    expect(r.jobs.ci!.uses).toBe('./.github/workflows/ci.yml');
    expect(needs(r.jobs.image!)).toEqual(['ci']);
    expect(r.jobs.image!.if).toBe("needs.ci.result == 'success'");
    expect(needs(r.jobs.staging!)).toEqual(expect.arrayContaining(['ci', 'image']));
    expect(r.jobs.staging!.if).toContain("needs.image.result == 'success'");
    expect(r.jobs.staging!.if).toContain("github.ref == 'refs/heads/main'");
    expect(r.jobs.staging!.uses).toBe('./.github/workflows/deploy.yml');
    expect(r.jobs.staging!.with).toEqual({
      environment: 'staging',
      tag: '${{ needs.image.outputs.sha_tag }}',
    });
    expect(needs(r.jobs.production!)).toEqual(expect.arrayContaining(['ci', 'image']));
    expect(r.jobs.production!.if).toContain("startsWith(github.ref, 'refs/tags/v')");
    expect(r.jobs.production!.with).toEqual({
      environment: 'production',
      tag: '${{ github.ref_name }}',
    });
    // CI runs for main and tags only through release.yml (no second, unconnected run)
    expect(Object.keys(wf('ci.yml').on).sort()).toEqual([
      'pull_request',
      'workflow_call',
      'workflow_dispatch',
    ]);
  });

  it('deploy: `verify` gates every deploy (CI passed for the commit; production: v* tag and staging passed); results are recorded on the commit', () => {
    const d = wf('deploy.yml');
    expect(Object.keys(d.on).sort()).toEqual(['workflow_call', 'workflow_dispatch']);
    expect(needs(d.jobs.deploy!)).toEqual(['verify']);
    expect(d.jobs.deploy!.environment).toEqual({ name: '${{ inputs.environment }}' });
    expect(d.jobs.deploy!.concurrency?.group).toBe('deploy-${{ inputs.environment }}');
    const gates = script(d.jobs.verify!);
    expect(gates).toContain('check-runs');
    expect(gates).toContain('typecheck, lint, test, monitoring, kubernetes, shellcheck, audit'); // the CI job's name
    expect(gates).toContain('"deploy/staging"');
    expect(gates).toMatch(/production deploys only release tags/);
    expect(text('ci.yml')).toContain(
      'name: typecheck, lint, test, monitoring, kubernetes, shellcheck, audit',
    );
    const deploy = script(d.jobs.deploy!);
    expect(deploy).toContain('scripts/deploy.sh');
    expect(deploy).toContain('context="deploy/$TARGET_ENV"');
    expect(
      (d.jobs.deploy!.steps ?? []).find((s) => s.uses?.startsWith('actions/checkout'))?.with?.ref,
    ).toBe('${{ needs.verify.outputs.sha }}');
  });

  it('rollback: by hand, the target tag (or the previous one on the host) with its own files and its own rollback.sh', () => {
    const rb = wf('rollback.yml');
    expect(Object.keys(rb.on)).toEqual(['workflow_dispatch']);
    const job = rb.jobs.rollback!;
    expect(job.concurrency?.group).toBe('deploy-${{ inputs.environment }}');
    const steps = script(job);
    expect(steps).toContain('.deploy/previous');
    expect(steps).toContain('git -C repo checkout --quiet "${{ steps.target.outputs.sha }}"');
    expect(steps.indexOf('checkout --quiet')).toBeLessThan(
      steps.indexOf('tar -czf - docker-compose.yml scripts'),
    );
    expect(steps).toMatch(/scripts\/rollback\.sh '\$\{\{ steps\.target\.outputs\.tag \}\}'/);
    expect(steps).not.toContain('scripts/deploy.sh'); // no migrations on the way back
  });

  it('pins every action by commit SHA (Dependabot keeps them fresh)', () => {
    const uses = files.flatMap((f) =>
      [...text(f).matchAll(/^\s*(?:-\s*)?uses:\s*(\S+)(.*)$/gm)].map((m) => ({
        f,
        ref: m[1]!,
        comment: m[2]!,
      })),
    );
    expect(uses.length).toBeGreaterThan(8);
    for (const u of uses) {
      if (u.ref.startsWith('./')) continue; // this repository's own reusable workflows
      expect([u.f, u.ref, /^[\w-]+\/[\w.-]+@[0-9a-f]{40}$/.test(u.ref)]).toEqual([
        u.f,
        u.ref,
        true,
      ]);
      expect([u.ref, /#\s*v\d+\.\d+\.\d+/.test(u.comment)]).toEqual([u.ref, true]);
    }
  });

  it('CI uses the Node of .nvmrc and engines (24) and installs the tools the ops tests need', () => {
    const nvmrc = readFileSync(path.join(ROOT, '.nvmrc'), 'utf8').trim();
    const ci = wf('ci.yml');
    const setup = ci.jobs.test!.steps!.find((s) => s.uses?.startsWith('actions/setup-node'))!;
    expect(String(setup.with!['node-version'])).toBe(nvmrc.split('.')[0]);
    expect(nvmrc.split('.')[0]).toBe('24');
    const ciText = text('ci.yml');
    for (const pkg of ['prometheus-alertmanager', 'rclone', 'nginx', 'shellcheck'])
      expect([pkg, ciText.includes(pkg)]).toEqual([pkg, true]);
    expect(ciText).toContain('monitoring/check.sh');
    expect(ciText).toContain('deploy/kubernetes/validate.mjs');
    for (const [f, w] of files.map((f) => [f, wf(f)] as const))
      for (const [name, j] of Object.entries(w.jobs))
        if (!j.uses) expect([f, name, typeof j['timeout-minutes']]).toEqual([f, name, 'number']);
  });

  it('Dependabot watches npm, actions and the Dockerfile, and no longer holds Node on 20', () => {
    const dep = readFileSync(path.join(ROOT, '.github', 'dependabot.yml'), 'utf8');
    const cfg = parse(dep) as {
      updates: {
        'package-ecosystem': string;
        ignore?: { 'dependency-name': string; versions?: string[] }[];
      }[];
    };
    expect(cfg.updates.map((u) => u['package-ecosystem']).sort()).toEqual([
      'docker',
      'github-actions',
      'npm',
    ]);
    const docker = cfg.updates.find((u) => u['package-ecosystem'] === 'docker')!;
    expect(docker.ignore).toContainEqual({ 'dependency-name': 'node', versions: ['>=25'] });
    expect(dep).not.toMatch(/Node 20/);
  });
});
