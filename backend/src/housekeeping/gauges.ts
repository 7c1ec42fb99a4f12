/**
 * Periodic gauges: queue depth / oldest waiting age / dead letters, active sessions and
 * providers online. Run in worker processes only, every few seconds.
 */
import type { Knex } from 'knex';
import { countOnlineProvidersByService } from '../db/providers';
import type { Logger } from '../observability/logger';
import { metrics } from '../observability/metrics';
import type { Queues } from '../queue/queues';
import type { RedisClient } from '../queue/redis';
import { sessionsKey } from '../queue/keys';
import { readyBacklog } from '../queue/ready-stream';
import { readiness } from '../observability/health';

export interface GaugeDeps {
  redis: RedisClient;
  knex: Knex;
  queues: Queues;
  prefix: string;
  sessionTtlMs: number;
  logger: Logger;
  intervalMs?: number;
}

export function startGauges(deps: GaugeDeps): () => void {
  const run = () =>
    collectGauges(deps).catch((err: Error) =>
      deps.logger.debug({ event: 'collectors.failed', err: err.message }, 'collect failed'),
    );
  void run();
  const timer = setInterval(run, deps.intervalMs ?? 5000);
  timer.unref();
  return () => clearInterval(timer);
}

export async function collectGauges(deps: GaugeDeps): Promise<void> {
  const { queues } = deps;
  // Keeps dependency_up fresh for alerting even when nobody calls /health/ready.
  await readiness({
    knex: deps.knex,
    redis: deps.redis,
    queue: queues.inbound,
    isShuttingDown: () => false,
  });
  // inbound = conversations signalled on the ready stream and not yet drained + status batches.
  const ready = await readyBacklog(deps.redis, deps.prefix);
  for (const [name, q] of [
    ['inbound', queues.inbound],
    ['outbound', queues.outbound],
    ['timers', queues.timers],
  ] as const) {
    const counts = await q.getJobCounts('waiting', 'prioritized', 'delayed');
    const extra = name === 'inbound' ? ready : { depth: 0, oldestAgeSeconds: 0 };
    metrics.queueDepth.set(
      { queue: name },
      (counts.waiting ?? 0) + (counts.prioritized ?? 0) + extra.depth,
    );
    const [oldest] = await q.getJobs(['waiting'], -1, -1, true);
    const oldestJob = oldest ? Math.max(0, (Date.now() - oldest.timestamp) / 1000) : 0;
    metrics.queueOldestAge.set({ queue: name }, Math.max(oldestJob, extra.oldestAgeSeconds));
  }
  const dead = await queues.dead.getJobCounts(
    'waiting',
    'completed',
    'failed',
    'delayed',
    'paused',
  );
  metrics.deadLetterSize.set(
    { queue: 'all' },
    Object.values(dead).reduce((a, b) => a + (b ?? 0), 0),
  );
  const skey = sessionsKey(deps.prefix);
  const now = Date.now();
  // Read-only: stale entries are trimmed by the retention job.
  metrics.activeSessions.set(await deps.redis.zcount(skey, now - deps.sessionTtlMs, '+inf'));
  const rows = await countOnlineProvidersByService(deps.knex);
  metrics.providersOnline.reset();
  for (const r of rows) metrics.providersOnline.set({ service: r.service }, r.n);
}
