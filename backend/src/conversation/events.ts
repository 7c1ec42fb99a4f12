/**
 * Everything that can happen to one conversation, as data.
 * Inbound events come from the user's WhatsApp messages; internal events come from
 * timers, from other conversations (`notify`) and from the results of `call` commands.
 */
import type { MediaType } from '../shared/media';
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
    | MediaContent
    /** Contacts, reaction, order, unsupported … (and media whose id or type is unusable). */
    | { kind: 'unsupported'; messageType: string }
  );

/**
 * A photo, voice note, audio, video, document or sticker (intake/parse-media.ts). The file itself
 * is still at Meta: `mediaId` is what the `saveMedia` operation fetches. Caption and file name are
 * the user's text, bounded in length only (not yet sanitised for display).
 */
export interface MediaContent {
  kind: 'media';
  mediaType: MediaType;
  /** Cloud API media id. */
  mediaId: string;
  /** As Meta sent it, lower case (`audio/ogg; codecs=opus`). */
  mimeType: string;
  /** Meta's hash of the file, as sent (base64 or hex). */
  sha256?: string;
  /** Image, video and document captions. */
  caption?: string;
  /** True for a recorded voice note (`audio.voice`). */
  voice?: boolean;
  /** Document file name as sent. */
  filename?: string;
  /** Sticker: animated or static. */
  animated?: boolean;
}

export type InternalEvent = EventBase & { source: 'internal' } & (
    | { kind: 'timer'; timer: string; data: Record<string, unknown> }
    | { kind: 'notice'; notice: string; data: Record<string, unknown> }
    | OperationResult
  );

export type ConversationEvent = InboundMessageEvent | InternalEvent;
