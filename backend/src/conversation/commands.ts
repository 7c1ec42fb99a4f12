/**
 * What the pure step asks the outside world to do. Plain data; executed by
 * `conversation/runner/` after the new state is committed, each idempotently (keyed by the
 * event id and the command's index).
 */
import type { OutboundMessage } from '../shared/messages';
import type { CallCommand } from './operations';
import type { InternalEvent } from './events';
import type { Locale } from './locale-types';
import type { NoticeName, Notices } from './notices';
import type { TimerName, Timers } from './timers';

export interface TemplateFallback {
  /** Template name from config (e.g. 'offer'), resolved to an approved template by the sender. */
  template: string;
  /** Body parameters, in order (single-line text; the step never puts newlines here). */
  params: string[];
  /** Payloads for the template's quick-reply buttons, by index (same ids as the interactive buttons). */
  quickReplyPayloads?: string[];
  /** Language of the conversation (the sender maps it to the approved template language). Always set by the step. */
  locale?: Locale;
}

/** Deliver a notice to another conversation (by its conversation key `wa:…` / `bs:…`). */
export type NotifyCommand = {
  [K in NoticeName]: { kind: 'notify'; to: string; notice: K; data: Notices[K] };
}[NoticeName];

/** Fire a `timer` event into this conversation after `delayMs` (ids are unique per conversation). */
export type StartTimerCommand = {
  [K in TimerName]: {
    kind: 'startTimer';
    timerId: string;
    delayMs: number;
    timer: K;
    data: Timers[K];
  };
}[TimerName];

export type Command =
  /** Send to the user of this conversation. `fallback` is used outside the 24 h window. */
  | { kind: 'send'; message: OutboundMessage; fallback?: TemplateFallback }
  /** Mark the inbound message read (and show the typing indicator). */
  | { kind: 'markRead'; messageId: string }
  | StartTimerCommand
  /** Cancel a timer started earlier; a no-op if it already fired or never existed. */
  | { kind: 'cancelTimer'; timerId: string }
  | NotifyCommand
  | CallCommand;

export type CommandKind = Command['kind'];
export type { InternalEvent };
