/**
 * Who is talking. A conversation is keyed by the WhatsApp identity as received:
 * `wa:<wa_id>` when Meta gives a phone-based id, otherwise `bs:<BSUID>` (users with a
 * username can have their number withheld). The number to send to is derived separately
 * (shared/phone.ts), never stored in place of the identity.
 */
import { conversationKeyOf } from '../shared/conversation-key';

const WA_ID = /^\d{6,20}$/;
/** BSUID: ISO country code, a dot, up to 128 alphanumerics (parent BSUIDs add `ENT.`). */
const BSUID = /^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}$/;

export interface Identity {
  key: string;
  waId?: string;
  bsuid?: string;
}

export function identityOf(waId: unknown, bsuid: unknown): Identity | null {
  const wa = typeof waId === 'string' && WA_ID.test(waId) ? waId : undefined;
  const bs = typeof bsuid === 'string' && BSUID.test(bsuid) ? bsuid : undefined;
  const key = conversationKeyOf({ waId: wa, bsuid: bs });
  if (!key) return null;
  return { key, ...(wa ? { waId: wa } : {}), ...(bs ? { bsuid: bs } : {}) };
}
