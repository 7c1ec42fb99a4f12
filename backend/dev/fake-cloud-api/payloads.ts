/**
 * Realistic inbound webhook envelopes (what Meta POSTs to the bot), for tests, the demo and load tests.
 * Shapes: reference/whatsapp-cloud-api.md §3. BSUID fields (`contacts[].user_id`,
 * `messages[].from_user_id`, `statuses[].recipient_user_id`, `profile.username`) follow BSP relays
 * of Meta's 2026 username changes (dualhook, 360dialog); not confirmed on a Meta page.
 * Username-only users (no `waId`) get no `from` / `wa_id` / `recipient_id`, as Meta withholds the number.
 */
import { randomBytes } from 'node:crypto';
import {
  DEFAULT_BUSINESS,
  contactOf,
  envelope,
  newWamid,
  toTimestamp,
  valueBase,
  type BusinessNumber,
  type InboundUser,
} from './payload-basics';
import type {
  WebhookChangeValue,
  WebhookContact,
  WebhookEnvelope,
  WebhookMessage,
} from './webhook-types';

export * from './payload-basics';
export * from './status-payloads';

export type InboundContent =
  | { type: 'text'; body: string }
  | { type: 'button_reply'; id: string; title: string }
  | { type: 'list_reply'; id: string; title: string; description?: string }
  /** Quick-reply button of a template (`type: "button"`, not interactive). */
  | { type: 'template_button'; payload: string; text: string }
  | { type: 'location'; latitude: number; longitude: number; name?: string; address?: string }
  | ({ type: 'image'; caption?: string } & MediaFields)
  | ({ type: 'sticker'; animated?: boolean } & MediaFields)
  /** A recorded voice note (`audio` with `voice: true`). */
  | ({ type: 'voice' } & MediaFields)
  /** An audio file (`voice: false`). */
  | ({ type: 'audio' } & MediaFields)
  | ({ type: 'video'; caption?: string } & MediaFields)
  | ({ type: 'document'; caption?: string; filename?: string } & MediaFields)
  | { type: 'unsupported' };

/**
 * The file a media message refers to. Give the `id` (and `sha256`) of media registered with the
 * fake (`fake.addMedia`, `POST /__fake/media`) so the bot can fetch it; unset = a random id the
 * fake does not know (enough for tests that never download).
 */
export interface MediaFields {
  mediaId?: string;
  mimeType?: string;
  /** As Meta sends it in webhooks: base64 of the sha256. */
  sha256?: string;
}

export interface MessageMeta {
  id?: string;
  /** Epoch seconds or a Date; defaults to now. */
  timestamp?: number | Date;
  /** wamid of the bot message this replies to (button/list taps always carry one). */
  contextId?: string;
}

const mediaId = (): string => String(10n ** 15n + BigInt(randomBytes(6).readUIntBE(0, 6)));
const sha = (): string => randomBytes(32).toString('base64');
const file = (c: MediaFields, mimeType: string) => ({
  id: c.mediaId ?? mediaId(),
  mime_type: c.mimeType ?? mimeType,
  sha256: c.sha256 ?? sha(),
});

function contentFields(content: InboundContent): Omit<WebhookMessage, 'id' | 'timestamp'> {
  switch (content.type) {
    case 'text':
      return { type: 'text', text: { body: content.body } };
    case 'button_reply':
      return {
        type: 'interactive',
        interactive: {
          type: 'button_reply',
          button_reply: { id: content.id, title: content.title },
        },
      };
    case 'list_reply': {
      const row = {
        id: content.id,
        title: content.title,
        ...(content.description ? { description: content.description } : {}),
      };
      return { type: 'interactive', interactive: { type: 'list_reply', list_reply: row } };
    }
    case 'template_button':
      return { type: 'button', button: { text: content.text, payload: content.payload } };
    case 'location': {
      const { type: _type, ...location } = content;
      return { type: 'location', location };
    }
    case 'image':
      return {
        type: 'image',
        image: {
          ...file(content, 'image/jpeg'),
          ...(content.caption ? { caption: content.caption } : {}),
        },
      };
    case 'sticker':
      return {
        type: 'sticker',
        sticker: { ...file(content, 'image/webp'), animated: content.animated ?? false },
      };
    case 'voice':
      return { type: 'audio', audio: { ...file(content, 'audio/ogg; codecs=opus'), voice: true } };
    case 'audio':
      return { type: 'audio', audio: { ...file(content, 'audio/mpeg'), voice: false } };
    case 'video':
      return {
        type: 'video',
        video: {
          ...file(content, 'video/mp4'),
          ...(content.caption ? { caption: content.caption } : {}),
        },
      };
    case 'document':
      return {
        type: 'document',
        document: {
          ...file(content, 'application/pdf'),
          ...(content.caption ? { caption: content.caption } : {}),
          ...(content.filename ? { filename: content.filename } : {}),
        },
      };
    case 'unsupported':
      return {
        type: 'unsupported',
        errors: [
          {
            code: 131051,
            title: 'Message type unknown',
            message: 'Message type unknown',
            error_data: { details: 'Message type is currently not supported.' },
          },
        ],
      };
  }
}

/** One `messages[]` item from `user`. */
export function inboundMessage(
  user: InboundUser,
  content: InboundContent,
  meta: MessageMeta = {},
  business: BusinessNumber = DEFAULT_BUSINESS,
): WebhookMessage {
  const needsContext =
    content.type === 'button_reply' ||
    content.type === 'list_reply' ||
    content.type === 'template_button';
  const contextId = meta.contextId ?? (needsContext ? newWamid() : undefined);
  return {
    ...(user.waId ? { from: user.waId } : {}),
    ...(user.userId ? { from_user_id: user.userId } : {}),
    id: meta.id ?? newWamid(),
    timestamp: toTimestamp(meta.timestamp),
    ...(contextId ? { context: { from: business.displayPhoneNumber, id: contextId } } : {}),
    ...contentFields(content),
  };
}

/** A `value` with several messages (possibly from several users); contacts listed once each. */
export function messagesValue(
  items: { user: InboundUser; message: WebhookMessage }[],
  business: BusinessNumber = DEFAULT_BUSINESS,
): WebhookChangeValue {
  const contacts = new Map<string, WebhookContact>();
  for (const { user } of items) contacts.set(user.waId ?? user.userId ?? '', contactOf(user));
  return {
    ...valueBase(business),
    contacts: [...contacts.values()],
    messages: items.map((i) => i.message),
  };
}

/** The common case: one message from one user. */
export function inboundEnvelope(
  user: InboundUser,
  content: InboundContent,
  meta: MessageMeta = {},
  business: BusinessNumber = DEFAULT_BUSINESS,
): WebhookEnvelope {
  return envelope(
    [messagesValue([{ user, message: inboundMessage(user, content, meta, business) }], business)],
    business,
  );
}

/** Several messages (same or different users) in one delivery, as Meta batches them. */
export function batchEnvelope(
  items: { user: InboundUser; content: InboundContent; meta?: MessageMeta }[],
  business: BusinessNumber = DEFAULT_BUSINESS,
): WebhookEnvelope {
  const messages = items.map((i) => ({
    user: i.user,
    message: inboundMessage(i.user, i.content, i.meta, business),
  }));
  return envelope([messagesValue(messages, business)], business);
}
