/**
 * A customer's caption, made fit to show to a provider: sanitised like every text shown to another
 * person (conversation/text/sanitize.ts), without links or phone numbers (contact goes through
 * the bot until a job is accepted), cut to Meta's 1,024 characters.
 */
import { ELLIPSIS, sanitizeUserText, stripUrls, truncate } from '../conversation/text/sanitize';
import { MEDIA_LIMITS } from '../shared/media';

/** 8 or more digits, possibly with +, spaces, dots, dashes or parentheses between them. */
const PHONE_LIKE = /\+?\d(?:[\s().-]{0,2}\d){7,}/g;

export function stripPhoneNumbers(text: string): string {
  return text.replace(PHONE_LIKE, ELLIPSIS);
}

/** The caption to show, or undefined when nothing is left. */
export function captionForProvider(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  const clean = sanitizeUserText(stripPhoneNumbers(stripUrls(raw)));
  const cut = truncate(clean, MEDIA_LIMITS.caption);
  return cut === '' || cut === ELLIPSIS ? undefined : cut;
}

const EXPLICIT_LINK = /\b(?:https?:\/\/|www\.)\S+/gi;

/** A document's file name to show, or undefined. */
export function filenameForProvider(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  // Not stripUrls: every file name ("cotización.pdf") looks like a domain to it; explicit links only.
  const clean = sanitizeUserText(stripPhoneNumbers(raw.replace(EXPLICIT_LINK, ELLIPSIS)), {
    maxLength: MEDIA_LIMITS.filename,
  });
  return clean === '' || clean === ELLIPSIS ? undefined : clean;
}
