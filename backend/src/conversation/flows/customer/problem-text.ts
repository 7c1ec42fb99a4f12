/** The words of a problem: how much is kept, and more words added to what was said. */
import type { Problem } from '../../state';
import { sanitizeUserText } from '../../text/sanitize';

/** Characters of the problem kept (longer texts are cut, and the customer is told). */
export const MAX_PROBLEM_TEXT = 500;

/** The problem with more words after what was said ("se rompió el tubo · sale mucha agua"). */
export function withMoreWords(problem: Problem | undefined, text: string): Problem {
  const more = sanitizeUserText(text, { maxLength: MAX_PROBLEM_TEXT });
  const joined = sanitizeUserText([problem?.text, more].filter(Boolean).join(' · '), {
    maxLength: MAX_PROBLEM_TEXT,
  });
  return { text: joined || null, mediaIds: problem?.mediaIds ?? [] };
}
