/**
 * Delivery-status webhooks (sent / delivered / read / failed) for the bot's outbound messages.
 * For BSUID sends `recipient_user_id` replaces `recipient_id` (as relayed by BSPs; see webhook-types.ts).
 */
import { randomBytes } from 'node:crypto';
import {
  DEFAULT_BUSINESS,
  contactOf,
  envelope,
  toTimestamp,
  valueBase,
  type BusinessNumber,
  type InboundUser,
} from './payload-basics';
import type {
  DeliveryStatus,
  WebhookChangeValue,
  WebhookEnvelope,
  WebhookError,
  WebhookStatus,
} from './webhook-types';

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
    timestamp: toTimestamp(spec.timestamp),
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

export function statusEnvelope(
  specs: StatusSpec | StatusSpec[],
  business: BusinessNumber = DEFAULT_BUSINESS,
): WebhookEnvelope {
  return envelope([statusesValue(Array.isArray(specs) ? specs : [specs], business)], business);
}
