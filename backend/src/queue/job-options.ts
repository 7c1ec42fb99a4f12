/**
 * BullMQ job options, written once per kind of job: how many attempts, which backoff, and how long
 * finished jobs are kept. Job ids are derived from the command or timer id, so adding the same job
 * twice (a retried command, a replay) is a no-op.
 */
import type { JobsOptions } from 'bullmq';
import { jobIdOf } from './keys';

const WEEK_S = 7 * 24 * 3600;

/**
 * One outbound message (or read receipt) of a conversation: retried with the Cloud API backoff
 * (`cloud`, outbound/retry-policy.ts). Completed jobs are kept an hour (bounded in count) so the
 * send order can tell a finished earlier reply from a pending one; failed ones a week.
 */
export function outboundJobOptions(commandId: string, attempts: number, delayMs = 0): JobsOptions {
  return {
    jobId: jobIdOf(commandId),
    attempts,
    backoff: { type: 'cloud' },
    ...(delayMs > 0 ? { delay: delayMs } : {}),
    removeOnComplete: { age: 3600, count: 10_000 },
    removeOnFail: { age: WEEK_S },
  };
}

/** The BullMQ job id of a conversation timer (cancelled by the same id). */
export function timerJobId(key: string, timerId: string): string {
  return jobIdOf(`t/${key}/${timerId}`);
}

/** A conversation timer: fires once after `delayMs`; delivering it into the inbox is retried. */
export function timerJobOptions(jobId: string, delayMs: number): JobsOptions {
  return {
    jobId,
    delay: delayMs,
    attempts: 5,
    backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
    removeOnComplete: true,
    removeOnFail: { age: WEEK_S },
  };
}

/** A batch of delivery statuses from one webhook (recorded by outbound/statuses.ts). */
export const STATUS_BATCH_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 500, jitter: 0.5 },
  removeOnComplete: true,
  removeOnFail: { age: WEEK_S },
};

/** Dead letters are kept until replayed or removed by hand. */
export const DEAD_LETTER_OPTIONS: JobsOptions = { removeOnComplete: false, removeOnFail: false };

/** Runs of a scheduled housekeeping job. */
export const SCHEDULED_JOB_OPTIONS: JobsOptions = { removeOnComplete: true, removeOnFail: 100 };
