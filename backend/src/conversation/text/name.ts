/** Validation of a person's (or business') display name. */
import { containsUrl, sanitizeUserText } from './sanitize';
import { isGreeting } from './words';

export const NAME_MIN = 2;
export const NAME_MAX = 60;

export type NameCheck =
  | { ok: true; name: string }
  | { ok: false; reason: 'tooShort' | 'tooLong' | 'noLetters' | 'url' | 'greeting' };

/** Sanitise, then require 2–60 characters with at least one letter, no link, and not just a greeting. */
export function validateName(raw: string): NameCheck {
  const name = sanitizeUserText(raw);
  const length = [...name].length;
  if (length < NAME_MIN) return { ok: false, reason: 'tooShort' };
  if (length > NAME_MAX) return { ok: false, reason: 'tooLong' };
  if (containsUrl(name) || name.includes('@') || name.includes('/'))
    return { ok: false, reason: 'url' };
  if (!/\p{L}/u.test(name)) return { ok: false, reason: 'noLetters' };
  // "hola" twice in a row must not make someone "Hola".
  if (isGreeting(name)) return { ok: false, reason: 'greeting' };
  return { ok: true, name };
}
