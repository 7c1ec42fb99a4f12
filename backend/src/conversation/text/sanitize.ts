/**
 * Cleaning of user-provided text before it is stored or shown to anyone else
 * (names, comments, addresses). Pure string functions.
 */

/** Line breaks and tabs become spaces (then collapsed). */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
/**
 * Invisible or misleading code points: controls (Cc), format chars (Cf: zero-width space/joiners,
 * bidi overrides and isolates, BOM, soft hyphen, tag chars), private use, lone surrogates, and
 * blank-looking letters (Hangul fillers, braille blank).
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\u115F\u1160\u2800\u3164\uFFA0]/gu;
/** WhatsApp formatting characters (*bold*, _italic_, ~strike~, `mono`). */
const FORMATTING = /[*_~`]/g;
/** More than two combining marks in a row ("Zalgo" text): keep the first two. */
const MARK_RUNS = /(\p{M}{2})\p{M}+/gu;
const SPACES = /\s+/gu;

export interface SanitizeOptions {
  /** Truncate (grapheme-safe, with an ellipsis) to this many UTF-16 units. */
  maxLength?: number;
}

/**
 * NFC-normalise, drop control/zero-width/bidi characters and WhatsApp formatting characters,
 * tame combining-mark runs, collapse whitespace to single spaces and trim.
 */
export function sanitizeUserText(input: string, options: SanitizeOptions = {}): string {
  const cleaned = input
    .normalize('NFC')
    .replace(BREAKS, ' ')
    .replace(INVISIBLE, '')
    .replace(FORMATTING, '')
    .replace(MARK_RUNS, '$1')
    .replace(SPACES, ' ')
    .trim();
  return options.maxLength === undefined ? cleaned : truncate(cleaned, options.maxLength);
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
export const ELLIPSIS = '…';

/**
 * Cut `text` to at most `max` UTF-16 units (the strictest way WhatsApp counts), never
 * splitting a grapheme (emoji, accented letter), ending with "…" when something was cut.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let out = '';
  for (const { segment } of segmenter.segment(text)) {
    if (out.length + segment.length > max - ELLIPSIS.length) break;
    out += segment;
  }
  return out.trimEnd() + ELLIPSIS;
}

/** Sanitise a stored name (someone else's) for display, truncated to `max`. */
export function displayName(raw: string, max: number): string {
  return sanitizeUserText(raw, { maxLength: max }) || '?';
}

const URL_LIKE =
  /\b(?:https?:\/\/|www\.)\S+|\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|net|org|mx|io|me|ly|app|co|info|xyz|link|site|shop|online|store|biz|gl|gg)\b\S*/giu;

export function containsUrl(text: string): boolean {
  URL_LIKE.lastIndex = 0;
  return URL_LIKE.test(text);
}

/** Replace links in free text (comments shown to other customers) with "…". */
export function stripUrls(text: string): string {
  return text.replace(URL_LIKE, ELLIPSIS);
}

/** Runs of 7+ digits (with spaces, dots, dashes, brackets or a leading +) that may be a phone number. */
const PHONE_LIKE = /\+?\d[\d\s().-]{5,}\d/g;

/** Replace phone numbers in free text shown to someone else (a cancellation reason) with "…". */
export function stripPhoneNumbers(text: string): string {
  return text.replace(PHONE_LIKE, (m) => (m.replace(/\D/g, '').length >= 7 ? ELLIPSIS : m));
}
