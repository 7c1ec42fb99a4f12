/**
 * /health/live: the process answers. /health/ready: Postgres, Redis and the queue answer
 * (503 naming what failed). Readiness also feeds the `dependency_up` gauge.
 */
import { Router } from 'express';
import type { Knex } from 'knex';
import { pingDatabase } from '../db/health';
import { metrics } from './metrics';

/** What readiness needs of each dependency: one cheap round trip. */
export interface HealthDeps {
  knex: Knex | null;
  redis: { ping(): Promise<string> };
  queue: { getJobCounts(...types: 'waiting'[]): Promise<Record<string, number>> };
  isShuttingDown(): boolean;
}

async function check(name: string, fn: () => Promise<unknown>, timeoutMs = 1500): Promise<[string, string]> {
  try {
    await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref())]);
    metrics.dependencyUp.set({ dependency: name }, 1);
    return [name, 'ok'];
  } catch (err) {
    metrics.dependencyUp.set({ dependency: name }, 0);
    return [name, `down: ${(err as Error).message}`];
  }
}

export async function readiness(deps: HealthDeps): Promise<{ ready: boolean; checks: Record<string, string> }> {
  const results = await Promise.all([
    deps.knex ? check('postgres', () => pingDatabase(deps.knex!)) : Promise.resolve(['postgres', 'not used'] as [string, string]),
    check('redis', () => deps.redis.ping()),
    check('queue', () => deps.queue.getJobCounts('waiting')),
  ]);
  const checks = Object.fromEntries(results);
  if (deps.isShuttingDown()) checks.process = 'shutting down';
  const ready = Object.values(checks).every((v) => v === 'ok' || v === 'not used');
  return { ready, checks };
}

export function createHealthRouter(deps: HealthDeps): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/health/ready', async (_req, res) => {
    const { ready, checks } = await readiness(deps);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });
  return router;
}
