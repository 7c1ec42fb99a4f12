/**
 * Masking of personal data for logs, metrics and error reports.
 * Phone numbers keep only their last 4 digits.
 */

/** `5215512345678` → `*********5678`; short or empty input is fully masked. */
export function maskPhone(value: string | undefined | null): string {
  if (!value) return '';
  const digits = String(value);
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return '*'.repeat(digits.length - 4) + digits.slice(-4);
}

/** Conversation keys are `wa:<digits>` or `bs:<bsuid>`: mask the identifying part. */
export function maskKey(key: string | undefined | null): string {
  if (!key) return '';
  const i = key.indexOf(':');
  return i < 0 ? maskPhone(key) : key.slice(0, i + 1) + maskPhone(key.slice(i + 1));
}

/** A phone-like run of digits that is not part of a longer token (UUIDs, hex ids, wamids). */
const LONG_DIGITS = /(?<![\w-])\+?\d[\d\s-]{6,}\d(?![\w-])/g;

/** Mask any run of 8+ digits (phone-like) inside free text. */
export function maskPhonesInText(text: string): string {
  return text.replace(LONG_DIGITS, (m) => {
    const digits = m.replace(/\D/g, '');
    return digits.length >= 8 ? maskPhone(digits) : m;
  });
}
