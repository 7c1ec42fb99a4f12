/**
 * What the pure step asks the outside world to do. Plain data; executed by
 * `processing/` after the new state is committed, each idempotently (keyed by the
 * event id and the command's index).
 */
import type { OutboundMessage } from '../shared/messages';
import type { CallCommand } from './operations';
import type { InternalEvent } from './events';
import type { Locale } from './locale-types';

export interface TemplateFallback {
  /** Template name from config (e.g. 'offer'), resolved to an approved template by the sender. */
  template: string;
  /** Language of the template to use; defaults to Spanish (es_MX). */
  locale?: Locale;
  params: string[];
  quickReplyPayloads?: string[];
}

export type Command =
  /** Send to the user of this conversation. `fallback` is used outside the 24 h window. */
  | { kind: 'send'; message: OutboundMessage; fallback?: TemplateFallback }
  /** Mark the inbound message read (and show the typing indicator). */
  | { kind: 'markRead'; messageId: string }
  /** Fire `event` into this conversation after `delayMs` (ids are unique per conversation). */
  | { kind: 'startTimer'; timerId: string; delayMs: number; timer: string; data: Record<string, unknown> }
  | { kind: 'cancelTimer'; timerId: string }
  /** Deliver an internal notice to another conversation (by its conversation key). */
  | {
      kind: 'notify';
      to: string;
      notice: string;
      data: Record<string, unknown>;
    }
  | CallCommand;

export type CommandKind = Command['kind'];
export type { InternalEvent };
