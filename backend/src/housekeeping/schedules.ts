/**
 * The scheduled housekeeping jobs. They run on the timers queue as BullMQ job schedulers, so exactly
 * one worker runs each per period however many workers are up.
 */
import type { Logger } from '../observability/logger';
import { SCHEDULED_JOB_OPTIONS } from '../queue/job-options';
import type { Queues } from '../queue/queues';
import type { RetentionReport } from './retention';
import type { PurgeReport } from '../media/purge';

/** Job names on the timers queue (conversation timers are named `timer`). */
export const HOUSEKEEPING_JOB = {
  /** Message log, idempotency records and session index past their retention. */
  retention: 'retention',
  /** Offers past their deadline whose timeout timer was lost. */
  offerSweep: 'offer-sweep',
  /** Received media (files, our uploads at Meta, rows) past MEDIA_RETENTION_DAYS; interrupted saves. */
  mediaRetention: 'media-retention',
} as const;

export interface HousekeepingSchedule {
  retentionEveryMs: number;
  offerSweepEveryMs: number;
}

/** How often the offer sweep looks, and how late an offer must be before it steps in. */
export const OFFER_SWEEP_EVERY_MS = 60_000;
export const OFFER_SWEEP_GRACE_MS = 60_000;

export async function scheduleHousekeeping(queues: Queues, s: HousekeepingSchedule): Promise<void> {
  const data = {} as never;
  await queues.timers.upsertJobScheduler(
    HOUSEKEEPING_JOB.retention,
    { every: s.retentionEveryMs },
    { name: HOUSEKEEPING_JOB.retention, data, opts: SCHEDULED_JOB_OPTIONS },
  );
  await queues.timers.upsertJobScheduler(
    HOUSEKEEPING_JOB.offerSweep,
    { every: s.offerSweepEveryMs },
    { name: HOUSEKEEPING_JOB.offerSweep, data, opts: SCHEDULED_JOB_OPTIONS },
  );
  // Same period as the data retention, its own job: deleting files can be slow or fail on its own.
  await queues.timers.upsertJobScheduler(
    HOUSEKEEPING_JOB.mediaRetention,
    { every: s.retentionEveryMs },
    { name: HOUSEKEEPING_JOB.mediaRetention, data, opts: SCHEDULED_JOB_OPTIONS },
  );
}

export interface HousekeepingJobs {
  retention(): Promise<RetentionReport>;
  offerSweep(): Promise<number>;
  mediaRetention(): Promise<PurgeReport>;
  logger: Logger;
}

/** Run the housekeeping job `name`; false when `name` is not a housekeeping job. */
export async function runHousekeepingJob(name: string, jobs: HousekeepingJobs): Promise<boolean> {
  if (name === HOUSEKEEPING_JOB.retention) {
    const report = await jobs.retention();
    jobs.logger.info({ event: 'retention.done', ...report }, 'retention run');
    return true;
  }
  if (name === HOUSEKEEPING_JOB.offerSweep) {
    const delivered = await jobs.offerSweep();
    if (delivered > 0)
      jobs.logger.warn(
        { event: 'offer_sweep.delivered', delivered },
        'expired offers found without their timer',
      );
    return true;
  }
  if (name === HOUSEKEEPING_JOB.mediaRetention) {
    const report = await jobs.mediaRetention();
    jobs.logger.info({ event: 'media_retention.done', ...report }, 'media retention run');
    if (report.failed > 0)
      jobs.logger.warn(
        { event: 'media_retention.failed', failed: report.failed },
        'some media files could not be deleted; retried next run',
      );
    return true;
  }
  return false;
}
