/**
 * WhatsApp ids vs. dialable numbers.
 *
 * Meta identifies Mexican mobiles as `521` + 10 digits and Argentine mobiles as `549` + 10 digits
 * (`wa_id`, `from`), but the form that delivers (and that the dev-mode allow list holds) is
 * `52` + 10 and `54` + 10. Keep the id as received; use `sendToNumber` only on the send path and
 * trust `contacts[0].wa_id` from the send response as Meta's canonical id.
 *
 * Validation uses libphonenumber-js with the `max` metadata (exact per-type patterns, not only
 * lengths). libphonenumber rejects the `521…` form outright and never converts it, so numbers are
 * converted first and validated after (see reference/whatsapp-cloud-api.md §6).
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

const MX_WHATSAPP_MOBILE = /^521(\d{10})$/;
const AR_WHATSAPP_MOBILE = /^549(\d{10})$/;

/** The number to put in `to` for a WhatsApp id: `521`+10 → `52`+10, `549`+10 → `54`+10, else unchanged. */
export function sendToNumber(waId: string): string {
  const mx = MX_WHATSAPP_MOBILE.exec(waId);
  if (mx) return `52${mx[1]}`;
  const ar = AR_WHATSAPP_MOBILE.exec(waId);
  if (ar) return `54${ar[1]}`;
  return waId;
}

/** The id WhatsApp uses for a dialable number (inverse of `sendToNumber`; what Meta answers in `contacts[0].wa_id`). */
export function waIdForNumber(number: string): string {
  const digits = number.startsWith('+') ? number.slice(1) : number;
  if (/^52\d{10}$/.test(digits)) return `521${digits.slice(2)}`;
  if (/^54\d{10}$/.test(digits)) return `549${digits.slice(2)}`;
  return digits;
}

/**
 * Shape check for a `wa_id` as Meta sends it: digits only, no `+`, no leading 0,
 * 8–15 digits (E.164 allows at most 15). Does not check that the number exists.
 */
export function isPlausibleWaId(value: unknown): value is string {
  return typeof value === 'string' && /^[1-9]\d{7,14}$/.test(value);
}

export type PhoneValidation =
  | {
      valid: true;
      /** `+525512345678` */
      e164: string;
      /** `525512345678`: the form to send to. */
      digits: string;
      country: CountryCode | undefined;
      /** libphonenumber type, e.g. `MOBILE`, `FIXED_LINE_OR_MOBILE`; undefined if unknown. */
      type: string | undefined;
    }
  | { valid: false; reason: 'empty' | 'not_a_number' | 'invalid' };

/**
 * Validate a phone number given as E.164-ish text (`+52 55 1234 5678`, `5215512345678`, `+54 9 11 …`).
 * Spaces, dashes, dots and parentheses are ignored; a leading `+` is optional (always international).
 * The WhatsApp MX/AR mobile forms are converted with `sendToNumber` before validating.
 */
export function validatePhone(e164ish: string): PhoneValidation {
  const compact = (e164ish ?? '').trim().replace(/[\s\-.()]/g, '');
  if (compact === '') return { valid: false, reason: 'empty' };
  const digits = compact.startsWith('+') ? compact.slice(1) : compact;
  if (!/^\d{1,17}$/.test(digits)) return { valid: false, reason: 'not_a_number' };
  const converted = sendToNumber(digits);
  const parsed = parsePhoneNumberFromString(`+${converted}`);
  if (!parsed || !parsed.isValid()) return { valid: false, reason: 'invalid' };
  return {
    valid: true,
    e164: parsed.number,
    digits: parsed.number.slice(1),
    country: parsed.country,
    type: parsed.getType(),
  };
}
