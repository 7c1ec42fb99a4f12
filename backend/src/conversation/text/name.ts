/** Validation of a person's (or business') display name. */
import { containsUrl, sanitizeUserText } from './sanitize';
import { isGreeting, normalizeWords } from './words';

export const NAME_MIN = 2;
export const NAME_MAX = 60;

export type NameCheck =
  | { ok: true; name: string }
  | { ok: false; reason: 'tooShort' | 'tooLong' | 'noLetters' | 'url' | 'greeting' };

/** Brackets and template-like characters never belong in a name ("{name}", "<b>Ana</b>"). */
const NOT_IN_NAMES = /[{}<>[\]\\|^=]/g;

/**
 * Sanitise (compatibility forms folded: "ＡＮＡ", "𝓐𝓷𝓪" → "ANA", "Ana"), then require 2–60
 * characters with at least one letter, no link, and not just a greeting.
 */
export function validateName(raw: string): NameCheck {
  const name = sanitizeUserText(raw.normalize('NFKC').replace(NOT_IN_NAMES, ' '));
  const length = [...name].length;
  if (length < NAME_MIN) return { ok: false, reason: 'tooShort' };
  if (length > NAME_MAX) return { ok: false, reason: 'tooLong' };
  if (containsUrl(name) || name.includes('@') || name.includes('/'))
    return { ok: false, reason: 'url' };
  if (!/\p{L}/u.test(name)) return { ok: false, reason: 'noLetters' };
  // "hola" twice in a row must not make someone "Hola".
  if (isGreeting(name)) return { ok: false, reason: 'greeting' };
  return { ok: true, name: tidyCase(name) };
}

/** Spanish and English particles that stay lower case inside a name ("María de la Luz"). */
const PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'y', 'e', 'da', 'van', 'von']);

/**
 * "chuy" → "Chuy", "DON CHUY" → "Don Chuy", "maría de la luz" → "María de la Luz": a name typed all
 * in lower or all in upper case reads as a name. Mixed case ("SOS Plomería", "McKenzie") is kept.
 */
export function tidyCase(name: string): string {
  const letters = name.replace(/[^\p{L}]/gu, '');
  const allLower = letters === letters.toLocaleLowerCase('es-MX');
  const allUpper = letters === letters.toLocaleUpperCase('es-MX');
  if (letters.length < 2 || (!allLower && !allUpper)) return name;
  let first = true;
  return name.toLocaleLowerCase('es-MX').replace(/\p{L}+/gu, (word, offset: number) => {
    const afterSpace = offset === 0 || /\s/u.test(name.charAt(offset - 1));
    const keepLower = !first && afterSpace && PARTICLES.has(word);
    first = false;
    return keepLower ? word : word.charAt(0).toLocaleUpperCase('es-MX') + word.slice(1);
  });
}

/** Replies to a name question that are not a name (laughter, refusals, "nadie", "anónimo", questions). */
const NOT_A_NAME =
  /^(?:(?:ja|je|ji|ha|he)+|lol|xd|no|nop|nel|nope|nada|nadie|ninguno|anonimo|anonima|anonymous|gracias|thanks|prefiero no(?: decir| decirlo)?|no quiero(?: decir| decirlo)?|no te voy a decir|para que|por que|porque|que|quien|yo|none|nobody|rather not(?: say)?|i would rather not(?: say)?|why)$/;

/** An unmistakable yes (not "Simón" or "Vale", which are also names). */
const PLAIN_YES =
  /^(?:si|sii|sip|ok|okay|oki|va|sale|dale|claro|correcto|esta bien|ese|ese mero|ese esta bien|si ese|asi|asi esta bien|yes|yep|yeah|sure|that s fine|thats fine|fine)(?: por favor| gracias| please| thanks)?$/;

/** "no", "jaja", "¿para qué?", "prefiero no decir": an answer to a name question that is no name. */
export function notAName(text: string): boolean {
  return NOT_A_NAME.test(normalizeWords(text)) || /[?¿]/.test(text);
}

/** "sí", "ok", "sí, ese": yes to the name offered. */
export function plainYes(text: string): boolean {
  return PLAIN_YES.test(normalizeWords(text));
}

/** "mi nombre", "el mismo", "usar mi nombre": a provider keeping their own name for customers. */
export function sameName(text: string): boolean {
  return (
    plainYes(text) ||
    /^(?:(?:usar |con |el |con el )?mi nombre|el mismo|mismo|el mio|igual|same|the same|my name|use my name)(?: por favor| please)?$/.test(
      normalizeWords(text),
    )
  );
}

/** Declining to give a name ("no quiero dar mi nombre", "prefiero no decirlo", "I'd rather not"). */
export function refusesName(text: string): boolean {
  return /\b(?:no (?:quiero|voy a|te voy a|le voy a) (?:dar|decir|poner|compartir)|prefiero no|no (?:es|veo) necesario|sin nombre|anonim[oa]|rather not|prefer not|(?:do not|dont) want to (?:give|say|share|tell))\b/.test(
    normalizeWords(text),
  );
}
