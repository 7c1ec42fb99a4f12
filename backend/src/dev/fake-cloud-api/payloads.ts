/**
 * Realistic inbound webhook envelopes (what Meta POSTs to the bot), for tests, the demo and load tests.
 * Shapes: reference/whatsapp-cloud-api.md §3. BSUID fields (`contacts[].user_id`,
 * `messages[].from_user_id`, `statuses[].recipient_user_id`, `profile.username`) follow BSP relays
 * of Meta's 2026 username changes (dualhook, 360dialog); not confirmed on a Meta page.
 * Username-only users (no `waId`) get no `from` / `wa_id` / `recipient_id`, as Meta withholds the number.
 */
import { randomBytes } from 'node:crypto';
import type {
  DeliveryStatus,
  WebhookChangeValue,
  WebhookContact,
  WebhookEnvelope,
  WebhookError,
  WebhookMessage,
  WebhookStatus,
} from './webhook-types';

export interface BusinessNumber {
  wabaId: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
}

export const DEFAULT_BUSINESS: BusinessNumber = {
  wabaId: '102290129340398',
  phoneNumberId: '106540352242922',
  displayPhoneNumber: '15550001111',
};

/** A WhatsApp user as Meta identifies them: `wa_id` and/or BSUID (`user_id`). */
export interface InboundUser {
  waId?: string;
  userId?: string;
  name?: string;
  username?: string;
}

export type InboundContent =
  | { type: 'text'; body: string }
  | { type: 'button_reply'; id: string; title: string }
  | { type: 'list_reply'; id: string; title: string; description?: string }
  /** Quick-reply button of a template (`type: "button"`, not interactive). */
  | { type: 'template_button'; payload: string; text: string }
  | { type: 'location'; latitude: number; longitude: number; name?: string; address?: string }
  | { type: 'image'; caption?: string }
  | { type: 'sticker' }
  | { type: 'voice' }
  | { type: 'unsupported' };

export interface MessageMeta {
  id?: string;
  /** Epoch seconds or a Date; defaults to now. */
  timestamp?: number | Date;
  /** wamid of the bot message this replies to (button/list taps always carry one). */
  contextId?: string;
}

/** `wamid.` + base64, like Meta's ids. */
export function newWamid(): string {
  return `wamid.${randomBytes(24).toString('base64')}`;
}

const seconds = (t: number | Date | undefined): string =>
  String(t instanceof Date ? Math.floor(t.getTime() / 1000) : (t ?? Math.floor(Date.now() / 1000)));

const mediaId = (): string => String(10n ** 15n + BigInt(randomBytes(6).readUIntBE(0, 6)));
const sha = (): string => randomBytes(32).toString('base64');

export function contactOf(user: InboundUser): WebhookContact {
  const profile = {
    ...(user.name === undefined ? {} : { name: user.name }),
    ...(user.username === undefined ? {} : { username: user.username }),
  };
  return {
    profile,
    ...(user.waId ? { wa_id: user.waId } : {}),
    ...(user.userId ? { user_id: user.userId } : {}),
  };
}

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
          id: mediaId(),
          mime_type: 'image/jpeg',
          sha256: sha(),
          ...(content.caption ? { caption: content.caption } : {}),
        },
      };
    case 'sticker':
      return {
        type: 'sticker',
        sticker: { id: mediaId(), mime_type: 'image/webp', sha256: sha(), animated: false },
      };
    case 'voice':
      return {
        type: 'audio',
        audio: { id: mediaId(), mime_type: 'audio/ogg; codecs=opus', sha256: sha(), voice: true },
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
    timestamp: seconds(meta.timestamp),
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

export interface StatusSpec {
  /** wamid of the bot's outbound message. */
  messageId: string;
  status: DeliveryStatus;
  recipient: InboundUser;
  timestamp?: number | Date;
  /** For `failed`: e.g. `{ code: 131047, title: 'Re-engagement message', details: '…' }`. */
  error?: { code: number; title: string; details?: string };
}

export function statusObject(spec: StatusSpec): WebhookStatus {
  const { recipient } = spec;
  const byBsuidOnly = !recipient.waId;
  const base: WebhookStatus = {
    id: spec.messageId,
    status: spec.status,
    timestamp: seconds(spec.timestamp),
    ...(recipient.waId ? { recipient_id: recipient.waId } : {}),
    ...(recipient.userId && (spec.status !== 'failed' || byBsuidOnly)
      ? { recipient_user_id: recipient.userId }
      : {}),
  };
  if (spec.status === 'failed') {
    const e = spec.error ?? { code: 131026, title: 'Message undeliverable' };
    const error: WebhookError = {
      code: e.code,
      title: e.title,
      message: e.title,
      ...(e.details ? { error_data: { details: e.details } } : {}),
      href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
    };
    return { ...base, errors: [error] };
  }
  if (spec.status === 'sent') {
    return {
      ...base,
      conversation: { id: randomBytes(16).toString('hex'), origin: { type: 'service' } },
      pricing: { billable: false, pricing_model: 'PMP', category: 'service' },
    };
  }
  return base;
}

/** A `value` with statuses; contacts are added for non-failed statuses (BSUID rollout behaviour). */
export function statusesValue(
  specs: StatusSpec[],
  business: BusinessNumber = DEFAULT_BUSINESS,
): WebhookChangeValue {
  const contacts = specs
    .filter((s) => s.status !== 'failed' && s.recipient.userId)
    .map((s) => contactOf(s.recipient));
  return {
    ...valueBase(business),
    ...(contacts.length ? { contacts } : {}),
    statuses: specs.map(statusObject),
  };
}

/** Wrap values in an envelope: a flat list = one entry with several changes; nested = one entry per inner list. */
export function envelope(
  values: WebhookChangeValue[] | WebhookChangeValue[][],
  business: BusinessNumber = DEFAULT_BUSINESS,
): WebhookEnvelope {
  const entries =
    values.length > 0 && Array.isArray(values[0])
      ? (values as WebhookChangeValue[][])
      : [values as WebhookChangeValue[]];
  return {
    object: 'whatsapp_business_account',
    entry: entries.map((changes) => ({
      id: business.wabaId,
      changes: changes.map((value) => ({ field: 'messages', value })),
    })),
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

export function statusEnvelope(
  specs: StatusSpec | StatusSpec[],
  business: BusinessNumber = DEFAULT_BUSINESS,
): WebhookEnvelope {
  return envelope([statusesValue(Array.isArray(specs) ? specs : [specs], business)], business);
}

function valueBase(
  business: BusinessNumber,
): Pick<WebhookChangeValue, 'messaging_product' | 'metadata'> {
  return {
    messaging_product: 'whatsapp',
    metadata: {
      display_phone_number: business.displayPhoneNumber,
      phone_number_id: business.phoneNumberId,
    },
  };
}
