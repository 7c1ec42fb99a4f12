/**
 * Everything that can happen to one conversation, as data.
 * Inbound events come from the user's WhatsApp messages; internal events come from
 * timers, from other conversations (`notify`) and from the results of `call` commands.
 */
import type { OperationResult } from './operations';

interface EventBase {
  /** Unique id: the `wamid` for inbound messages, a derived id for internal events. */
  id: string;
  /** When it happened (epoch ms); the step's clock for this event. */
  at: number;
}

export interface ContactProfile {
  /** WhatsApp profile name as sent by Meta (may be absent or empty). */
  name?: string;
  username?: string;
}

export type InboundMessageEvent = EventBase & {
  source: 'user';
  profile: ContactProfile;
} & (
    | { kind: 'text'; text: string }
    /** Tap on an interactive reply button, or on a template quick-reply button. */
    | { kind: 'button'; buttonId: string; title: string }
    | { kind: 'listReply'; rowId: string; title: string }
    | { kind: 'location'; latitude: number; longitude: number; name?: string; address?: string }
    /** Image, sticker, audio, video, document, contacts, reaction, order, unsupported … */
    | { kind: 'unsupported'; messageType: string }
  );

export type InternalEvent = EventBase & { source: 'internal' } & (
    | { kind: 'timer'; timer: string; data: Record<string, unknown> }
    | { kind: 'notice'; notice: string; data: Record<string, unknown> }
    | OperationResult
  );

export type ConversationEvent = InboundMessageEvent | InternalEvent;
