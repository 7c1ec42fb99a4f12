#!/usr/bin/env node
/**
 * Offline validation of the Kubernetes manifests (no cluster, no network), run by .ci/run and CI:
 *
 *   node deploy/kubernetes/validate.mjs            # base and every overlay
 *   node deploy/kubernetes/validate.mjs DIR...     # other kustomization directories
 *
 * 1. render: `kubectl kustomize DIR` (kubectl's built-in Kustomize; `kustomize build` if kubectl is
 *    missing) — what `kubectl apply -k` would send;
 * 2. schema: every object is checked against the Kubernetes OpenAPI schemas shipped by the npm
 *    packages `kubernetes-models` (core, apps, batch, policy, autoscaling) and
 *    `@kubernetes-models/keda` (ScaledObject, TriggerAuthentication): types, required fields, enums.
 *    Unknown kinds are an error. (Unlike kubeconform -strict these schemas let unknown fields
 *    through; the policy checks below cover the fields that matter.)
 * 3. policy: every Deployment has startup/liveness/readiness probes, CPU and memory requests and
 *    limits, runs as non-root with a read-only root filesystem and no privilege escalation, reads
 *    its secrets from the Secret `ubermench-secrets` (no Secret object is committed), and is
 *    covered by a PodDisruptionBudget whose selector matches its pods; the web Service selects the
 *    web pods; the migrations run as a Job; each worker Deployment is scaled by exactly one of an
 *    HPA or a KEDA ScaledObject, and every ScaledObject has a fallback and a CPU trigger.
 * Prints one line per directory and check; exits 1 on any problem.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const HERE = dirname(fileURLToPath(import.meta.url));
const say = (line) => process.stdout.write(`${line}\n`);
const ROOT = resolve(HERE, '..', '..');
const SECRET = 'ubermench-secrets';

function defaultDirs() {
  const overlays = join(HERE, 'overlays');
  return [
    join(HERE, 'base'),
    ...(existsSync(overlays)
      ? readdirSync(overlays)
          .sort()
          .map((d) => join(overlays, d))
      : []),
  ];
}

function render(dir) {
  const attempts = [
    ['kubectl', ['kustomize', dir]],
    ['kustomize', ['build', dir]],
  ];
  let last;
  for (const [cmd, args] of attempts) {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      last = err;
      if (err.code !== 'ENOENT') break; // the tool ran and refused the kustomization
    }
  }
  if (last?.code === 'ENOENT')
    throw new Error('neither kubectl nor kustomize is installed (Debian: kubernetes-client)');
  throw new Error(`kustomize failed for ${dir}:\n${last?.stderr ?? last?.message}`);
}

/** apiVersion + kind → the model class that validates it. */
async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : [null, apiVersion];
  const spec =
    group === 'keda.sh'
      ? `@kubernetes-models/keda/keda.sh/${version}/${kind}`
      : group
        ? `kubernetes-models/${group}/${version}/${kind}`
        : `kubernetes-models/${version}/${kind}`;
  try {
    const mod = await import(spec);
    return mod[kind] ?? null;
  } catch {
    return null;
  }
}

const labelsMatch = (selector, labels) =>
  Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v) &&
  Object.keys(selector ?? {}).length > 0;

function policy(objects, problem) {
  const byKind = (k) => objects.filter((o) => o.kind === k);
  const deployments = byKind('Deployment');
  if (deployments.length === 0) problem('no Deployment');
  if (byKind('Secret').length > 0)
    problem('a Secret object is committed: secrets come from the out-of-band Secret ' + SECRET);
  for (const d of deployments) {
    const name = `Deployment ${d.metadata.name}`;
    const podLabels = d.spec?.template?.metadata?.labels;
    if (!labelsMatch(d.spec?.selector?.matchLabels, podLabels))
      problem(`${name}: selector does not match its pod labels`);
    const pod = d.spec?.template?.spec ?? {};
    if (pod.securityContext?.runAsNonRoot !== true)
      problem(`${name}: pod securityContext.runAsNonRoot is not true`);
    for (const c of pod.containers ?? []) {
      const cn = `${name} container ${c.name}`;
      for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe'])
        if (!c[probe]) problem(`${cn}: no ${probe}`);
      if (c.readinessProbe?.httpGet?.path !== '/health/ready')
        problem(`${cn}: readiness is not /health/ready`);
      if (c.livenessProbe?.httpGet?.path !== '/health/live')
        problem(`${cn}: liveness is not /health/live`);
      for (const part of ['requests', 'limits'])
        for (const res of ['cpu', 'memory'])
          if (!c.resources?.[part]?.[res]) problem(`${cn}: no resources.${part}.${res}`);
      const sc = c.securityContext ?? {};
      if (sc.readOnlyRootFilesystem !== true) problem(`${cn}: root filesystem is writable`);
      if (sc.allowPrivilegeEscalation !== false)
        problem(`${cn}: allowPrivilegeEscalation is not false`);
      if (!(sc.capabilities?.drop ?? []).includes('ALL'))
        problem(`${cn}: capabilities are not dropped`);
      if (!(c.envFrom ?? []).some((e) => e.secretRef?.name === SECRET))
        problem(`${cn}: does not read the Secret ${SECRET}`);
      for (const e of c.env ?? [])
        if (/SECRET|TOKEN|PASSWORD|KEY/.test(e.name) && e.value)
          problem(`${cn}: ${e.name} has a literal value`);
    }
    const pdbs = byKind('PodDisruptionBudget').filter((p) =>
      labelsMatch(p.spec?.selector?.matchLabels, podLabels),
    );
    if (pdbs.length !== 1)
      problem(`${name}: ${pdbs.length} PodDisruptionBudgets match its pods (want 1)`);
    const hpas = byKind('HorizontalPodAutoscaler').filter(
      (h) => h.spec?.scaleTargetRef?.name === d.metadata.name,
    );
    const scaled = byKind('ScaledObject').filter(
      (s) => s.spec?.scaleTargetRef?.name === d.metadata.name,
    );
    if (hpas.length + scaled.length !== 1)
      problem(
        `${name}: scaled by ${hpas.length} HPA(s) and ${scaled.length} ScaledObject(s) (want exactly one)`,
      );
  }
  const web = deployments.find((d) => d.metadata.labels?.['app.kubernetes.io/component'] === 'web');
  const svc = byKind('Service').find((s) => s.metadata.name === 'ubermench-web');
  if (!web || !svc || !labelsMatch(svc.spec?.selector, web.spec?.template?.metadata?.labels))
    problem('Service ubermench-web does not select the web pods');
  const job = byKind('Job').find((j) =>
    (j.spec?.template?.spec?.containers ?? []).some((c) =>
      (c.command ?? []).join(' ').includes('migrate.js latest'),
    ),
  );
  if (!job) problem('no Job runs the migrations (dist/scripts/migrate.js latest)');
  for (const s of byKind('ScaledObject')) {
    if (!s.spec?.fallback?.replicas)
      problem(`ScaledObject ${s.metadata.name}: no fallback replicas`);
    if (!(s.spec?.triggers ?? []).some((t) => t.type === 'cpu'))
      problem(`ScaledObject ${s.metadata.name}: no CPU trigger`);
    if (!(s.spec?.triggers ?? []).some((t) => t.type.startsWith('redis')))
      problem(`ScaledObject ${s.metadata.name}: no queue-depth trigger`);
  }
}

async function validateDir(dir) {
  const problems = [];
  const problem = (m) => problems.push(m);
  const name = relative(ROOT, dir) || dir;
  let objects;
  try {
    objects = parseAllDocuments(render(dir))
      .map((d) => d.toJS())
      .filter(Boolean);
  } catch (err) {
    say(`FAIL ${name}: render: ${err.message}`);
    return false;
  }
  say(`ok   ${name}: kustomize rendered ${objects.length} objects`);
  for (const o of objects) {
    const Model = await modelFor(o.apiVersion ?? '', o.kind ?? '');
    if (!Model) {
      problem(`${o.kind} ${o.metadata?.name}: no schema for ${o.apiVersion}/${o.kind}`);
      continue;
    }
    try {
      new Model(o).validate();
    } catch (err) {
      problem(`${o.kind} ${o.metadata?.name}: ${err.message}`);
    }
  }
  const schemaProblems = problems.length;
  say(
    `${schemaProblems ? 'FAIL' : 'ok  '} ${name}: schemas (kubernetes-models)${schemaProblems ? `: ${schemaProblems} problem(s)` : ''}`,
  );
  policy(objects, problem);
  const policyProblems = problems.length - schemaProblems;
  say(
    `${policyProblems ? 'FAIL' : 'ok  '} ${name}: policy (probes, resources, security, PDBs, scaling, migrations, secrets)${policyProblems ? `: ${policyProblems} problem(s)` : ''}`,
  );
  for (const p of problems) say(`     - ${p}`);
  return problems.length === 0;
}

const args = process.argv.slice(2);
if (args.includes('-h') || args.includes('--help')) {
  say('usage: node deploy/kubernetes/validate.mjs [kustomization-dir ...]');
  process.exit(0);
}
const dirs = args.length > 0 ? args.map((a) => resolve(a)) : defaultDirs();
let ok = true;
for (const dir of dirs) ok = (await validateDir(dir)) && ok;
process.exit(ok ? 0 : 1);
