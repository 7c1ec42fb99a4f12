/**
 * deploy/kubernetes (issue 17, "Scale beyond one box"): validate.mjs renders the base and the KEDA
 * overlay with kubectl's Kustomize, checks every object against the Kubernetes schemas
 * (kubernetes-models, @kubernetes-models/keda) and the policy (probes, resources, PDBs, scaling,
 * secrets); and it does fail on a broken kustomization.
 * Needs kubectl (or kustomize): fails, never skips, without it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, requireBinary, run, tempDir } from './helpers';

const VALIDATE = path.join(ROOT, 'deploy', 'kubernetes', 'validate.mjs');

beforeAll(() => {
  requireBinary('kubectl', 'kubernetes-client');
});

it('the base and the KEDA overlay render and pass schemas and policy', async () => {
  const r = await run('node', [VALIDATE], { timeoutMs: 60_000 });
  expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.any(String) });
  for (const dir of ['deploy/kubernetes/base', 'deploy/kubernetes/overlays/keda'])
    for (const check of ['kustomize rendered', 'schemas', 'policy'])
      expect(r.stdout).toMatch(new RegExp(`^ok {3}${dir}: ${check}`, 'm'));
  expect(r.stdout).toMatch(/overlays\/keda: kustomize rendered 11 objects/);
});

it('fails on a broken kustomization, naming each problem', async () => {
  const tmp = tempDir('k8s');
  try {
    const dir = path.join(tmp.dir, 'broken');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources: [all.yaml]\n');
    writeFileSync(
      path.join(dir, 'all.yaml'),
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: ubermench-web, labels: { app.kubernetes.io/component: web } }
spec:
  replicas: two
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: x
          env: [{ name: WHATSAPP_APP_SECRET, value: hunter2 }]
---
apiVersion: v1
kind: Secret
metadata: { name: ubermench-secrets }
stringData: { WHATSAPP_APP_SECRET: hunter2 }
`,
    );
    const r = await run('node', [VALIDATE, dir], { timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    for (const expected of [
      'FAIL',
      'spec/replicas must be integer',
      'no readinessProbe',
      'no resources.limits.memory',
      'a Secret object is committed',
      'WHATSAPP_APP_SECRET has a literal value',
      '0 PodDisruptionBudgets match its pods',
      'no Job runs the migrations',
    ])
      expect([expected, r.stdout.includes(expected)]).toEqual([expected, true]);
  } finally {
    tmp.remove();
  }
});
