/** A conversation timer fired (its delayed job ran): deliver its event to the conversation's inbox. */
import { timerFiredEvent } from '../timers';
import { enqueueEntries, type InboxDeps } from '../../queue/inbox';
import type { TimerJob } from '../../queue/jobs';

export async function fireTimer(
  inbox: InboxDeps,
  job: TimerJob,
  jobId: string | undefined,
  now = Date.now(),
): Promise<void> {
  const event = timerFiredEvent(job.timerId, job.timer, job.data, now);
  await enqueueEntries(inbox, job.key, [
    { event, correlationId: `timer-${jobId}`, receivedAt: now },
  ]);
}
