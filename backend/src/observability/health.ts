/**
 * Health endpoints. Public (every port): GET /health/live (the process answers) and GET /health
 * (ready or not, no detail: 200 {"status":"ok"} / 503 {"status":"unavailable"}; the answer is reused
 * for a second, so probing it costs the dependencies nothing however often it is called).
 * Internal (security/internal-endpoints.ts decides where): GET /health/ready, which names what
 * failed (Postgres, Redis, the queue) and feeds the `dependency_up` gauge, and GET /metrics.
 */
import { Router } from 'express';
import type { Knex } from 'knex';
import { pingDatabase } from '../db/health';
import { metrics, registry } from './metrics';

/** What readiness needs of each dependency: one cheap round trip. */
export interface HealthDeps {
  knex: Knex | null;
  redis: { ping(): Promise<string> };
  queue: { getJobCounts(...types: 'waiting'[]): Promise<Record<string, number>> };
  isShuttingDown(): boolean;
}

async function check(
  name: string,
  fn: () => Promise<unknown>,
  timeoutMs = 1500,
): Promise<[string, string]> {
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
    ]);
    metrics.dependencyUp.set({ dependency: name }, 1);
    return [name, 'ok'];
  } catch (err) {
    metrics.dependencyUp.set({ dependency: name }, 0);
    return [name, `down: ${(err as Error).message}`];
  }
}

export async function readiness(
  deps: HealthDeps,
): Promise<{ ready: boolean; checks: Record<string, string> }> {
  const results = await Promise.all([
    deps.knex
      ? check('postgres', () => pingDatabase(deps.knex!))
      : Promise.resolve(['postgres', 'not used'] as [string, string]),
    check('redis', () => deps.redis.ping()),
    check('queue', () => deps.queue.getJobCounts('waiting')),
  ]);
  const checks = Object.fromEntries(results);
  if (deps.isShuttingDown()) checks.process = 'shutting down';
  const ready = Object.values(checks).every((v) => v === 'ok' || v === 'not used');
  return { ready, checks };
}

/** Readiness as a yes/no, computed at most once per `maxAgeMs` (concurrent callers share one check). */
export function cachedReadiness(deps: HealthDeps, maxAgeMs = 1000): () => Promise<boolean> {
  let last: { at: number; ready: boolean } | null = null;
  let inflight: Promise<boolean> | null = null;
  return () => {
    if (deps.isShuttingDown()) return Promise.resolve(false);
    if (last && Date.now() - last.at < maxAgeMs) return Promise.resolve(last.ready);
    inflight ??= readiness(deps)
      .then(({ ready }) => {
        last = { at: Date.now(), ready };
        return ready;
      })
      .finally(() => {
        inflight = null;
      });
    return inflight;
  };
}

/** GET /health/live and GET /health: public on every port. */
export function createHealthRouter(deps: HealthDeps): Router {
  const router = Router();
  const ready = cachedReadiness(deps);
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/health', async (_req, res) => {
    const ok = await ready();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable' });
  });
  return router;
}

/** GET /health/ready (with the failing dependency named) and, when enabled, GET /metrics. */
export function createInternalRouter(deps: HealthDeps, o: { metricsEnabled: boolean }): Router {
  const router = Router();
  router.get('/health/ready', async (_req, res) => {
    const { ready, checks } = await readiness(deps);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });
  if (o.metricsEnabled) {
    router.get('/metrics', async (_req, res) => {
      res.set('Content-Type', registry.contentType).send(await registry.metrics());
    });
  }
  return router;
}
