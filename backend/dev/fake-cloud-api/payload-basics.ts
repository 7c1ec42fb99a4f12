/**
 * Shared pieces of inbound webhook payloads: the business number, users, ids, envelopes.
 */
import { randomBytes } from 'node:crypto';
import type { WebhookChangeValue, WebhookContact, WebhookEnvelope } from './webhook-types';

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

/** `wamid.` + base64, like Meta's ids. */
export function newWamid(): string {
  return `wamid.${randomBytes(24).toString('base64')}`;
}

/** Epoch seconds (or a Date) as Meta's string timestamp; now by default. */
export const toTimestamp = (t: number | Date | undefined): string =>
  String(t instanceof Date ? Math.floor(t.getTime() / 1000) : (t ?? Math.floor(Date.now() / 1000)));

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

export function valueBase(
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
