/**
 * Meta's limits for what the bot sends, and the checks the builders run before anything goes out.
 * Sources: reference/whatsapp-cloud-api.md §4 (Meta docs, Meta Node SDK types, whatsapp-api-js);
 * media messages: shared/media.ts (Meta's media reference as relayed by AWS and BSP docs).
 *
 * Length = number of Unicode code points (`[...s].length`), not UTF-16 units: `'é'` is 1, `'👋'`
 * is 1 (2 UTF-16 units). Multi-code-point emoji (ZWJ families, flags, skin tones) count once per
 * code point: `'👍🏽'` is 2, `'🇲🇽'` is 2. That is conservative: it never under-counts what a user
 * sees as one character, so a text that passes here is not rejected for length by Meta.
 */

export const LIMITS = {
  text: { body: 4096 },
  interactive: { body: 1024, header: 60, footer: 60 },
  buttons: { min: 1, max: 3, title: 20, id: 256 },
  list: {
    button: 20,
    sectionsMax: 10,
    rowsMax: 10,
    sectionTitle: 24,
    rowId: 200,
    rowTitle: 24,
    rowDescription: 72,
  },
  template: {
    name: 512,
    /** Per body parameter; a template body is at most 1,024 characters after substitution. */
    bodyParam: 1024,
    /** Templates have at most 10 buttons. */
    quickRepliesMax: 10,
    /** No documented maximum found; capped like reply-button ids. */
    payload: 256,
  },
  messageId: 256,
  media: {
    /** Image, video and document captions (Meta); audio takes none. */
    caption: 1024,
    /** Document file name: no documented maximum found; capped like what we store. */
    filename: 240,
    /** Our uploads' media ids (digits at Meta). */
    id: 128,
    /** A link Meta fetches; no documented maximum found, bounded like a URL. */
    link: 2048,
  },
} as const;

export type LimitRule =
  'maxLength' | 'required' | 'minItems' | 'maxItems' | 'unique' | 'noSurroundingSpace' | 'format';

/** A message that Meta would reject; names the field (wire path), the rule, the limit and the actual value. */
export class MessageLimitError extends Error {
  override readonly name = 'MessageLimitError';
  constructor(
    /** Wire path, e.g. `interactive.action.buttons[1].reply.title`. */
    readonly field: string,
    readonly rule: LimitRule,
    /** Maximum/minimum length or count; for `unique`, 1 (allowed occurrences); else 0. */
    readonly limit: number,
    /** Actual length, count or occurrences. */
    readonly actual: number,
    detail?: string,
  ) {
    super(`${field}: ${describe(rule, limit, actual)}${detail ? ` (${detail})` : ''}`);
  }
}

function describe(rule: LimitRule, limit: number, actual: number): string {
  switch (rule) {
    case 'maxLength':
      return `at most ${limit} characters, got ${actual}`;
    case 'required':
      return 'required and must not be blank';
    case 'minItems':
      return `at least ${limit} items, got ${actual}`;
    case 'maxItems':
      return `at most ${limit} items, got ${actual}`;
    case 'unique':
      return `must be unique within the message, found ${actual} times`;
    case 'noSurroundingSpace':
      return 'must not start or end with whitespace';
    case 'format':
      return 'has an invalid format';
  }
}

/** User-perceived length as counted for Meta's limits: Unicode code points. */
export function charCount(value: string): number {
  let n = 0;
  // Iterating a string yields code points (surrogate pairs together).
  for (const _ of value) n++;
  return n;
}

/** Non-blank text of at most `max` characters. */
export function checkText(field: string, value: string | undefined, max: number): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new MessageLimitError(field, 'required', 1, 0);
  return checkMaxLength(field, value, max);
}

/** Optional text: absent is fine, present must be non-blank and at most `max` characters. */
export function checkOptionalText(
  field: string,
  value: string | undefined,
  max: number,
): string | undefined {
  return value === undefined ? undefined : checkText(field, value, max);
}

export function checkMaxLength(field: string, value: string, max: number): string {
  const length = charCount(value);
  if (length > max) throw new MessageLimitError(field, 'maxLength', max, length);
  return value;
}

export function checkCount(field: string, count: number, min: number, max: number): void {
  if (count < min) throw new MessageLimitError(field, 'minItems', min, count);
  if (count > max) throw new MessageLimitError(field, 'maxItems', max, count);
}

/** An id that comes back verbatim in a reply: non-empty, at most `max`, no leading/trailing whitespace. */
export function checkId(field: string, value: string | undefined, max: number): string {
  if (typeof value !== 'string' || value === '')
    throw new MessageLimitError(field, 'required', 1, 0);
  if (value.trim() !== value) throw new MessageLimitError(field, 'noSurroundingSpace', 0, 1);
  return checkMaxLength(field, value, max);
}

/** Every value occurs once; `fieldOf(i)` names the offending item. */
export function checkUnique(values: string[], fieldOf: (index: number) => string): void {
  const seen = new Map<string, number>();
  values.forEach((value, i) => {
    const count = (seen.get(value) ?? 0) + 1;
    seen.set(value, count);
    if (count > 1)
      throw new MessageLimitError(
        fieldOf(i),
        'unique',
        1,
        values.filter((v) => v === value).length,
        value,
      );
  });
}

export function checkFormat(field: string, value: string, pattern: RegExp, hint: string): string {
  if (!pattern.test(value)) throw new MessageLimitError(field, 'format', 0, charCount(value), hint);
  return value;
}
