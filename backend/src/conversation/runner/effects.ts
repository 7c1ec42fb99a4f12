/**
 * Executes one committed, non-`call` command. Every effect is idempotent for the command id:
 * outbound/timer jobs use it as their BullMQ job id, notices are deduplicated by the target
 * inbox, and the sender keeps a "sent" marker per command.
 */
import type { Command } from '../commands';
import type { InternalEvent } from '../events';
import { conversationKeys } from '../../queue/keys';
import { outboundJobOptions, timerJobId, timerJobOptions } from '../../queue/job-options';
import { enqueueEntries, type InboxDeps } from '../../queue/inbox';
import { sendqPush } from '../../queue/scripts';
import type { OutboundJob } from '../../queue/jobs';
import type { DirectOutcome, KnownRecipient } from '../../outbound/sender';
import type { OutboxItem } from './store';

export interface ExecutorDeps extends InboxDeps {
  outboundAttempts: number;
  /**
   * Try a send at once from the conversation worker (outbound/sender.ts `sendDirect`); without
   * it every send is a job on the outbound queue.
   */
  sendDirect?(job: OutboundJob, known?: KnownRecipient): Promise<DirectOutcome>;
  /** A direct send failed for good: dead-letter it like a failed outbound job. */
  deadLetterSend?(job: OutboundJob, error: Error & { code?: number }): Promise<void>;
}

/** How a send/markRead went: sent (or failed for good) here, or queued as an outbound job. */
export type Delivery = 'direct' | 'queued' | 'none';

type Effect = Exclude<Command, { kind: 'call' }>;

export async function executeCommand(
  deps: ExecutorDeps,
  key: string,
  item: OutboxItem,
  command: Effect,
  opts: { readFirst?: string; direct?: boolean; known?: KnownRecipient } = {},
): Promise<Delivery> {
  switch (command.kind) {
    case 'send':
    case 'markRead': {
      const job: OutboundJob = {
        commandId: item.id,
        key,
        correlationId: item.correlationId,
        receivedAt: item.receivedAt,
        action:
          command.kind === 'send'
            ? {
                kind: 'send',
                message: command.message,
                fallback: command.fallback,
                ...(opts.readFirst ? { readFirst: opts.readFirst } : {}),
              }
            : { kind: 'markRead', messageId: command.messageId },
      };
      let delay = 0;
      if (opts.direct && deps.sendDirect) {
        const outcome = await deps.sendDirect(job, opts.known);
        if (outcome.kind === 'done') return 'direct';
        if (outcome.kind === 'failed') {
          await deps.deadLetterSend?.(job, outcome.error);
          return 'direct';
        }
        delay = outcome.delayMs;
      }
      if (command.kind === 'send') {
        // Replies leave in conversation order: the sender sends a reply only when it is first.
        await sendqPush(deps.redis, conversationKeys(deps.prefix, key).sendq, item.id);
        job.ordered = true;
      }
      await deps.queues.outbound.add(
        command.kind,
        job,
        outboundJobOptions(item.id, deps.outboundAttempts, delay),
      );
      return 'queued';
    }
    case 'startTimer':
      await deps.queues.timers.add(
        'timer',
        { key, timerId: command.timerId, timer: command.timer, data: command.data },
        timerJobOptions(timerJobId(key, command.timerId), command.delayMs),
      );
      return 'none';
    case 'cancelTimer': {
      const job = await deps.queues.timers.getJob(timerJobId(key, command.timerId));
      if (job && (await job.isDelayed())) await job.remove().catch(() => undefined);
      return 'none';
    }
    case 'notify': {
      const now = Date.now();
      const event: InternalEvent = {
        source: 'internal',
        kind: 'notice',
        id: item.id,
        at: now,
        notice: command.notice,
        data: command.data,
      };
      await enqueueEntries(deps, command.to, [
        { event, correlationId: item.correlationId, receivedAt: now },
      ]);
      return 'none';
    }
  }
}
