/**
 * Re-inject dead letters: inbound events go back into their conversation's inbox (under a new
 * id so the dedupe set lets them in once), outbound sends and timers go back to their queue.
 * A replayed letter is removed from the dead-letter queue.
 */
import type { Job } from 'bullmq';
import type { InboxEntry } from './inbox';
import { enqueueEntries, type InboxDeps } from './inbox';
import type { DeadLetter } from './jobs';
import { outboundJobOptions, timerJobId, timerJobOptions } from './job-options';

export async function replayDeadLetter(
  deps: InboxDeps,
  job: Job<DeadLetter>,
  outboundAttempts: number,
): Promise<string> {
  const letter = job.data;
  const suffix = `replay${job.id}`;
  if (letter.origin === 'inbound' && letter.key && letter.event) {
    const raw = JSON.parse(letter.event) as InboxEntry | { id: string; command: unknown };
    if ('event' in raw) {
      const entry: InboxEntry = {
        ...raw,
        event: { ...raw.event, id: `${raw.event.id}/${suffix}` },
      };
      await enqueueEntries(deps, letter.key, [entry]);
      await job.remove();
      return `inbound event re-queued for ${letter.key.slice(0, 3)}…`;
    }
    throw new Error(
      'dead-lettered outbox commands are kept for inspection only; replay the original event instead',
    );
  }
  if (letter.origin === 'outbound' && letter.job && 'commandId' in letter.job) {
    const data = { ...letter.job, commandId: `${letter.job.commandId}/${suffix}` };
    await deps.queues.outbound.add(
      'send',
      data,
      outboundJobOptions(data.commandId, outboundAttempts),
    );
    await job.remove();
    return 'outbound message re-queued';
  }
  if (letter.origin === 'timers' && letter.job && 'timerId' in letter.job) {
    await deps.queues.timers.add(
      'timer',
      letter.job,
      timerJobOptions(timerJobId(letter.job.key, `${letter.job.timerId}/${suffix}`), 0),
    );
    await job.remove();
    return 'timer re-queued';
  }
  throw new Error(`cannot replay dead letter ${job.id} (origin ${letter.origin})`);
}
