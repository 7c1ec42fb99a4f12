/**
 * Workers of this process: the ready-stream consumer (conversation drains), and BullMQ workers
 * for inbound status batches, timers and outbound retries (the sender). Failures after the last
 * attempt go to the dead-letter queue.
 */
import { type Job, UnrecoverableError, Worker, type WorkerOptions } from 'bullmq';
import type { Logger } from '../observability/logger';
import { metrics } from '../observability/metrics';
import { maskKey } from '../shared/mask';
import { reportError } from '../observability/sentry';
import { QUEUE, type OutboundJob, type StatusJob, type TimerJob } from '../queue/jobs';
import type { RedisClient } from '../queue/redis';
import type { Queues } from '../queue/queues';
import { addDeadLetter } from '../queue/dead-letter';
import { enqueueEntries, type InboxDeps } from '../queue/inbox';
import { drainConversation, type DrainDeps } from '../conversation/runner/drain';
import { ReadyConsumer } from '../queue/ready-consumer';
import { handleStatuses, type StatusDeps } from '../outbound/statuses';
import { processOutbound, type SenderDeps } from '../outbound/sender';
import type { RetentionReport } from '../housekeeping/retention';

/** Name of the scheduled retention job on the timers queue. */
export const RETENTION_JOB = 'retention';
/** Name of the scheduled sweep for offers whose timeout timer was lost. */
export const OFFER_SWEEP_JOB = 'offer-sweep';

export interface WorkerSettings {
  connection: RedisClient;
  /** Dedicated connection for the ready stream's blocking reads. */
  readyConnection: RedisClient;
  /** Command connection for acks and claims. */
  readyCommands: RedisClient;
  /** Name of this consumer in the ready stream's group (unique per process). */
  consumerName: string;
  /** Pending ready entries idle this long are taken over (longer than the conversation lock). */
  claimIdleMs: number;
  prefix: string;
  concurrency: number;
  senderConcurrency: number;
  retryBaseDelayMs: number;
  stalledIntervalMs: number;
  lockDurationMs: number;
  logger: Logger;
  queues: Queues;
}

export interface Workers {
  all: Worker[];
  ready: ReadyConsumer;
  close(): Promise<void>;
}

/** Exponential backoff with ±50 % jitter; honours an error's minimum delay (e.g. 131056 pair rate). */
export function cloudBackoff(baseMs: number) {
  return (attemptsMade: number, _type?: string, err?: Error): number => {
    const exp = Math.min(baseMs * 2 ** Math.max(0, attemptsMade - 1), 5 * 60_000);
    const jittered = Math.round(exp * (0.5 + Math.random()));
    const min = (err as { minRetryDelayMs?: number } | undefined)?.minRetryDelayMs ?? 0;
    return Math.max(jittered, min);
  };
}

export async function startWorkers(
  s: WorkerSettings,
  deps: {
    drain: DrainDeps;
    status: StatusDeps;
    sender: SenderDeps;
    inbox: InboxDeps;
    retention?: () => Promise<RetentionReport>;
    offerSweep?: () => Promise<number>;
  },
): Promise<Workers> {
  const base: WorkerOptions = {
    connection: s.connection,
    prefix: `${s.prefix}:bull`,
    stalledInterval: s.stalledIntervalMs,
    lockDuration: s.lockDurationMs,
    maxStalledCount: 1000,
    settings: { backoffStrategy: cloudBackoff(s.retryBaseDelayMs) },
  };

  const ready = new ReadyConsumer({
    blocking: s.readyConnection,
    redis: s.readyCommands,
    prefix: s.prefix,
    consumer: s.consumerName,
    concurrency: s.concurrency,
    claimIdleMs: s.claimIdleMs,
    claimEveryMs: s.stalledIntervalMs,
    retryBaseDelayMs: 250,
    logger: s.logger,
    drain: (key) => drainConversation(deps.drain, key),
  });
  await ready.start();

  const inbound = new Worker<StatusJob>(QUEUE.inbound, async (job) => handleStatuses(deps.status, job.data), { ...base, concurrency: s.concurrency });

  const timers = new Worker<TimerJob>(
    QUEUE.timers,
    async (job) => {
      if (job.name === RETENTION_JOB) {
        const report = deps.retention ? await deps.retention() : null;
        s.logger.info({ event: 'retention.done', ...report }, 'retention run');
        return;
      }
      if (job.name === OFFER_SWEEP_JOB) {
        const delivered = deps.offerSweep ? await deps.offerSweep() : 0;
        if (delivered > 0) s.logger.warn({ event: 'offer_sweep.delivered', delivered }, 'expired offers found without their timer');
        return;
      }
      const { key, timerId, timer, data } = job.data;
      const now = Date.now();
      await enqueueEntries(
        deps.inbox,
        key,
        [{ event: { source: 'internal', kind: 'timer', id: `timer:${timerId}`, at: now, timer, data }, correlationId: `timer-${job.id}`, receivedAt: now }],
      );
    },
    { ...base, concurrency: Math.max(1, Math.floor(s.concurrency / 4)) },
  );

  const outbound: Worker<OutboundJob> = new Worker<OutboundJob>(QUEUE.outbound, async (job, token): Promise<string> => processOutbound(deps.sender, job, token, outbound), {
    ...base,
    concurrency: s.senderConcurrency,
  });

  onFinalFailure(inbound, s, 'inbound');
  onFinalFailure(timers, s, 'timers');
  onFinalFailure(outbound, s, 'outbound');
  const all = [inbound, timers, outbound] as Worker[];
  for (const w of all) w.on('error', (err) => s.logger.error({ event: 'worker.error', err: err.message }, 'worker error'));
  return {
    all,
    ready,
    close: async () => {
      await Promise.all([ready.close(), ...all.map((w) => w.close())]);
    },
  };
}

function onFinalFailure(worker: Worker, s: WorkerSettings, origin: 'inbound' | 'outbound' | 'timers'): void {
  worker.on('failed', (job: Job | undefined, err: Error) => {
    if (!job) return;
    const final = err instanceof UnrecoverableError || err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    metrics.jobFailures.inc({ queue: origin, final: String(final) });
    const data = job.data as { key?: string };
    s.logger.warn({ event: 'job.failed', queue: origin, final, attempts: job.attemptsMade, key: maskKey(data.key), err: err.message }, 'job failed');
    if (!final || origin === 'inbound') return; // inbound events are dead-lettered per event by the drain
    deadLetterFailed(s.queues, origin, job.data as OutboundJob | TimerJob, err, job.attemptsMade).catch((e: Error) =>
      s.logger.error({ event: 'dead_letter.failed', err: e.message }, 'could not dead-letter'),
    );
  });
}

/** A send tried directly by the conversation worker failed for good: same record as a failed job. */
export async function deadLetterSend(queues: Queues, logger: Logger, job: OutboundJob, err: Error & { code?: number }): Promise<void> {
  logger.warn({ event: 'job.failed', queue: 'outbound', final: true, attempts: 1, key: maskKey(job.key), err: err.message }, 'send failed for good');
  await deadLetterFailed(queues, 'outbound', job, err, 1);
}

/** Report a job given up on and keep it in the dead-letter queue (with Meta's error code, if any). */
async function deadLetterFailed(queues: Queues, origin: 'outbound' | 'timers', job: OutboundJob | TimerJob, err: Error, attempts: number): Promise<void> {
  reportError(err, { kind: 'job.dead_letter', queue: origin, user: maskKey(job.key), correlationId: (job as { correlationId?: string }).correlationId });
  const code = (err as { code?: unknown }).code;
  await addDeadLetter(queues, {
    origin,
    key: job.key,
    job,
    error: err.message,
    ...(typeof code === 'number' ? { errorCode: code } : {}),
    failedAt: Date.now(),
    attempts,
  });
}
