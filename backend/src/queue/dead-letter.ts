/**
 * Dead letters: work given up on is kept in the `{dead}` queue (never processed), listed and
 * replayed by scripts/replay-dlq.ts. Inbound events are dead-lettered per event by the drain;
 * outbound sends and timers when their job fails for the last time (or a direct send fails for good).
 */
import { type Job, UnrecoverableError, type Worker } from 'bullmq';
import type { Logger } from '../observability/logger';
import { metrics } from '../observability/metrics';
import { reportError } from '../observability/sentry';
import { maskKey } from '../shared/mask';
import { DEAD_LETTER_OPTIONS } from './job-options';
import type { DeadLetter, OutboundJob, TimerJob } from './jobs';
import type { Queues } from './queues';

export async function addDeadLetter(queues: Queues, letter: DeadLetter): Promise<void> {
  await queues.dead.add(letter.origin, letter, DEAD_LETTER_OPTIONS);
  metrics.jobFailures.inc({ queue: letter.origin, final: 'true' });
}

/** Report a job given up on and keep it as a dead letter (with Meta's error code, if any). */
async function deadLetterJob(
  queues: Queues,
  origin: 'outbound' | 'timers',
  job: OutboundJob | TimerJob,
  err: Error,
  attempts: number,
): Promise<void> {
  reportError(err, {
    kind: 'job.dead_letter',
    queue: origin,
    user: maskKey(job.key),
    correlationId: (job as { correlationId?: string }).correlationId,
  });
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

/** A send tried directly by the conversation worker failed for good: same record as a failed job. */
export async function deadLetterSend(
  queues: Queues,
  logger: Logger,
  job: OutboundJob,
  err: Error & { code?: number },
): Promise<void> {
  logger.warn(
    {
      event: 'job.failed',
      queue: 'outbound',
      final: true,
      attempts: 1,
      key: maskKey(job.key),
      err: err.message,
    },
    'send failed for good',
  );
  await deadLetterJob(queues, 'outbound', job, err, 1);
}

/** Count every failed attempt of a worker's jobs; dead-letter outbound and timer jobs after their last. */
export function deadLetterOnFinalFailure(
  worker: Worker,
  queues: Queues,
  logger: Logger,
  origin: 'inbound' | 'outbound' | 'timers',
): void {
  worker.on('failed', (job: Job | undefined, err: Error) => {
    if (!job) return;
    const final =
      err instanceof UnrecoverableError ||
      err.name === 'UnrecoverableError' ||
      job.attemptsMade >= (job.opts.attempts ?? 1);
    metrics.jobFailures.inc({ queue: origin, final: String(final) });
    const data = job.data as { key?: string };
    logger.warn(
      {
        event: 'job.failed',
        queue: origin,
        final,
        attempts: job.attemptsMade,
        key: maskKey(data.key),
        err: err.message,
      },
      'job failed',
    );
    if (!final || origin === 'inbound') return; // status batches only retry; inbound events are dead-lettered per event by the drain
    deadLetterJob(queues, origin, job.data as OutboundJob | TimerJob, err, job.attemptsMade).catch(
      (e: Error) =>
        logger.error({ event: 'dead_letter.failed', err: e.message }, 'could not dead-letter'),
    );
  });
}
