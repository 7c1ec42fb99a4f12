/**
 * Queue names and job payloads. Queue names carry a hash tag so each queue's keys stay
 * in one Redis Cluster slot.
 */
import type { OutboundMessage } from '../shared/messages';
import type { TemplateFallback } from '../conversation/commands';

export const QUEUE = {
  /** Delivery-status batches from the webhook (conversations are signalled on the ready stream). */
  inbound: '{inbound}',
  /** One job per outbound command (send / mark-as-read). */
  outbound: '{outbound}',
  /** Delayed jobs that fire timer events into a conversation. */
  timers: '{timers}',
  /** Dead letters from any queue: kept, inspectable, replayable (scripts/replay-dlq.ts). */
  dead: '{dead}',
} as const;

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

export interface StatusUpdate {
  wamid: string;
  status: string;
  timestamp: number;
  recipient?: string;
  errorCode?: number;
  errorTitle?: string;
}

export interface StatusJob {
  statuses: StatusUpdate[];
  correlationId: string;
}

export interface OutboundJob {
  /** Unique id of the command (event id + index); the idempotency key of the send. */
  commandId: string;
  /** Conversation key of the recipient. */
  key: string;
  correlationId: string;
  /** When the inbound message that caused this reply reached the webhook (ms), if any. */
  receivedAt?: number;
  /** In the conversation's send order (`sendq`): wait for earlier replies to go first. */
  ordered?: boolean;
  action:
    | {
        kind: 'send';
        message: OutboundMessage;
        fallback?: TemplateFallback;
        /** Inbound message to mark as read just before this send (saves a job per turn). */
        readFirst?: string;
      }
    | { kind: 'markRead'; messageId: string };
}

export interface TimerJob {
  key: string;
  timerId: string;
  timer: string;
  data: Record<string, unknown>;
}

export interface DeadLetter {
  origin: 'inbound' | 'outbound' | 'timers';
  /** For inbound: the conversation key and the event JSON; for outbound: the job. */
  key?: string;
  event?: string;
  job?: OutboundJob | TimerJob;
  error: string;
  errorCode?: number;
  failedAt: number;
  attempts: number;
}
