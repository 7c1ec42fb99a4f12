/**
 * The conversation key: who is talking, as received from WhatsApp. `wa:<wa_id>` when Meta gives
 * a phone-based id, otherwise `bs:<BSUID>` (users with a username can have their number withheld).
 * The one codec for it: every other place builds and reads keys through these functions.
 */
export interface Contact {
  waId?: string;
  bsuid?: string;
}

/** The key of a user known by WhatsApp id and/or BSUID (the WhatsApp id wins); null when neither. */
export function conversationKeyOf(user: {
  waId?: string | null;
  bsuid?: string | null;
}): string | null {
  if (user.waId) return `wa:${user.waId}`;
  if (user.bsuid) return `bs:${user.bsuid}`;
  return null;
}

/** The contact a key names (what to send to when nothing better is known). */
export function contactFromKey(key: string): Contact {
  if (key.startsWith('wa:')) return { waId: key.slice(3) };
  if (key.startsWith('bs:')) return { bsuid: key.slice(3) };
  return {};
}
