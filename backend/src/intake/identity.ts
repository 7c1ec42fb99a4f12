/**
 * Who is talking. A conversation is keyed by the WhatsApp identity as received:
 * `wa:<wa_id>` when Meta gives a phone-based id, otherwise `bs:<BSUID>` (users with a
 * username can have their number withheld). The number to send to is derived separately
 * (shared/phone.ts), never stored in place of the identity.
 */
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
  if (wa) return { key: `wa:${wa}`, waId: wa, ...(bs ? { bsuid: bs } : {}) };
  if (bs) return { key: `bs:${bs}`, bsuid: bs };
  return null;
}

/** The contact to reach for a conversation key when nothing better is known. */
export function contactFromKey(key: string): { waId?: string; bsuid?: string } {
  if (key.startsWith('wa:')) return { waId: key.slice(3) };
  if (key.startsWith('bs:')) return { bsuid: key.slice(3) };
  return {};
}
