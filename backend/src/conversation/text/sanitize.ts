/**
 * Cleaning of user-provided text before it is stored or shown to anyone else
 * (names, comments, addresses). Pure string functions.
 *
 * Two levels:
 * - `sanitizeUserText`: what is stored (invisible and formatting characters, whitespace);
 * - `shownToOthers` / `displayName`: what one person's text may look like in a message to another
 *   (issue 16, phishing through the bot): additionally no link-like text (a scheme, `www.`, an
 *   e-mail address, or any `name.ending` domain, whatever the ending), no phone number (8 digits or
 *   more, however spaced, Mexican and international formats, any script's digits), and never our
 *   brand or a look-alike of it ("Uber mench", "Ubermensh", "Üb3rm3nch", Cyrillic letters …). Each
 *   removed piece becomes "…". Every render of someone else's text goes through `displayName`.
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

/** Short words a cut must not end on ("Reparación de…"): es and en articles, prepositions, conjunctions. */
const DANGLING =
  /\s+(?:de|del|la|las|el|los|y|e|o|u|a|al|en|con|para|por|sin|of|and|the|for|with|to|in|an|or|at|on|&|[-–—·,;:/])$/iu;

/**
 * Like `truncate`, but the cut falls between words: "Reparación de electrodomésticos" at 24 →
 * "Reparación…", never "Reparación de electrodo…". A first word longer than `max` is cut
 * inside (there is no better place).
 */
export function truncateWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const hard = truncate(text, max);
  // The longest run of whole words that leaves room for the ellipsis.
  let head = text.slice(0, Math.max(0, max - ELLIPSIS.length + 1));
  const lastSpace = head.search(/\s\S*$/u);
  if (lastSpace <= 0) return hard;
  head = head.slice(0, lastSpace).trimEnd();
  for (let prev = ''; prev !== head;) {
    prev = head;
    head = head.replace(DANGLING, '').replace(/[\s,;:·\-–—/]+$/u, '');
  }
  return head ? head + ELLIPSIS : hard;
}

/**
 * Someone else's text (a name, an address, a pin's name, a comment) as it may appear in a message
 * to another person: sanitised, links, phone numbers and the brand removed (each piece → "…"),
 * then truncated to `max` (after the removal, so a cut can never leave half a link behind).
 */
export function shownToOthers(raw: string, max: number): string {
  return truncate(stripContactBait(sanitizeUserText(raw)), max);
}

/** `shownToOthers`, or "?" when nothing readable is left (a name that was only a link). */
export function displayName(raw: string, max: number): string {
  const shown = shownToOthers(raw, max);
  return /[\p{L}\p{N}]/u.test(shown) ? shown : '?';
}

/** Links, e-mail addresses, phone numbers and the brand (or a look-alike) → "…", once per run. */
export function stripContactBait(text: string): string {
  return stripBrand(stripPhones(stripUrls(text)))
    .replace(/…(?:[\s\p{P}]*…)+/gu, ELLIPSIS)
    .replace(/\s+/gu, ' ')
    .trim();
}

// ----------------------------------------------------------------------------- links

/** Any of the dots a browser or WhatsApp treats as a domain dot (ASCII, ideographic, full-width). */
const DOT = '[.\u3002\uFF0E\uFF61]';
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?';
/** A scheme URL (http://, hxxps://, ftp://, …) or www.… up to the next space. */
const SCHEME_OR_WWW = /\b[a-z][a-z0-9+.-]{1,15}:\/\/\S*|\bwww\d{0,3}[.\u3002\uFF0E\uFF61]\S*/giu;
/** local@domain.ending (the local part goes too). */
const EMAIL = new RegExp(`[\\p{L}\\p{N}._%+-]+@(?:${LABEL}${DOT})+${LABEL}`, 'giu');
/**
 * name.ending, any ending: one or more labels and a dot, then an ending of 2–63 letters (or an
 * xn-- IDN ending), then optionally a port, path, query or fragment up to the next space.
 */
const DOMAIN = new RegExp(
  `(?<![\\p{L}\\p{N}@-])((?:${LABEL}${DOT})+)(\\p{L}{2,63}|xn--[a-z0-9-]{1,59})(?![\\p{L}\\p{N}-])([:/?#]\\S*)?`,
  'giu',
);
/**
 * Abbreviations written without a space in Mexican addresses and names ("Av.Reforma",
 * "Col.Centro", "Ma.Luisa"): `abbr.Word` alone (two labels, no path) is not a link.
 */
const ABBREVIATIONS = new Set(
  (
    'av ave avda blvd calz carr cda cjon col fracc priv prol mz mza lt lte no num int ext depto dpto ' +
    'edif esq sm smz cp sr sra srta dr dra lic ing arq prof mtro mtra ma fco gral sta sto st mr mrs ms apt ste jr'
  ).split(' '),
);

function isAbbreviation(labels: string, ending: string, rest: string | undefined): boolean {
  if (rest) return false;
  const parts = labels.split(new RegExp(DOT, 'u')).filter(Boolean);
  return parts.length === 1 && ABBREVIATIONS.has(fold(parts[0]!)) && !/^xn--/i.test(ending);
}

function stripDomains(text: string): string {
  return text.replace(
    DOMAIN,
    (match: string, labels: string, ending: string, rest: string | undefined) =>
      isAbbreviation(labels, ending, rest) ? match : ELLIPSIS,
  );
}

export function containsUrl(text: string): boolean {
  return stripUrls(text) !== text;
}

/** Replace link-like text (any domain ending, schemes, www., e-mail addresses) with "…". */
export function stripUrls(text: string): string {
  return stripDomains(text.replace(SCHEME_OR_WWW, ELLIPSIS).replace(EMAIL, ELLIPSIS));
}

// ----------------------------------------------------------------------------- phone numbers

/**
 * 8 or more digits in a run that may be broken by spaces, dots, dashes, slashes and parentheses
 * (at most 3 in a row), with an optional leading "+": 5512345678, 55 1234 5678, (55) 1234-5678,
 * +52 1 55 1234 5678, 044 55 1234 5678, 01 800 123 4567.
 */
const PHONE = /\+?\(?(?<!\d)\d(?:[\s().\-/]{0,3}\d){7,}(?!\d)/gu;

export function stripPhones(text: string): string {
  return foldDigits(text).replace(PHONE, ELLIPSIS);
}

/** Decimal digits of any script (full-width, Arabic-Indic, mathematical bold …) as ASCII digits. */
function foldDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (d) => {
    if (d >= '0' && d <= '9') return d;
    let start = d.codePointAt(0)!;
    while (start > 0 && /\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
    return String((d.codePointAt(0)! - start) % 10);
  });
}

// ----------------------------------------------------------------------------- the brand

/**
 * Letters that look like Latin ones (Cyrillic, Greek) and digits/symbols used as letters, mapped to
 * the Latin letter they imitate. Accents are removed before this (NFKD).
 */
const LOOK_ALIKES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ь: 'b',
  и: 'u',
  п: 'n',
  ц: 'u',
  ч: 'y',
  ш: 'w',
  г: 'r',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  μ: 'u',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  '0': 'o',
  '1': 'l',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '6': 'b',
  '7': 't',
  '8': 'b',
  '@': 'a',
  $: 's',
  '€': 'e',
};
/**
 * "ubermench" on the letter skeleton: letters may repeat, the e's may be missing, the ending is
 * ch, sch, sh, tsch ("Ubermensh", "Ubermensch", "Uberrmench", "Ubrmench"), or — only at the end of
 * a word, so "Uber mensajería" stays — s or k ("Ubermens", "Ubermenk").
 */
const BRAND = /u+[bv]+e*r+m+e*n+(?:t?s*c*h+|(s+|k+))/g;

/** Our brand and its look-alikes (across spaces, dots and dashes: "Uber mench", "U.b.e.r-m.e.n.c.h") → "…". */
export function stripBrand(text: string): string {
  // The skeleton: lower-case letters only (look-alikes mapped, accents and separators dropped),
  // each remembering where it came from in `text`.
  let skeleton = '';
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const ch of text) {
    const base = ch.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
    for (const c of base) {
      const latin = LOOK_ALIKES[c] ?? c;
      if (/^[a-z]$/.test(latin)) {
        skeleton += latin;
        from.push(i);
        to.push(i + ch.length);
      }
    }
    i += ch.length;
  }
  const spans: [number, number][] = [];
  for (const m of skeleton.matchAll(BRAND)) {
    const end = to[m.index + m[0].length - 1]!;
    if (m[1] !== undefined && /^\p{L}/u.test(text.slice(end))) continue; // a weak ending inside a longer word
    spans.push([from[m.index]!, end]);
  }
  let out = text;
  for (const [a, b] of spans.reverse()) out = out.slice(0, a) + ELLIPSIS + out.slice(b);
  return out;
}

/** Lower case without accents (for comparing words). */
function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Runs of 7+ digits (with spaces, dots, dashes, brackets or a leading +) that may be a phone number. */
const PHONE_LIKE = /\+?\d[\d\s().-]{5,}\d/g;

/** Replace phone numbers in free text shown to someone else (a cancellation reason) with "…". */
export function stripPhoneNumbers(text: string): string {
  return text.replace(PHONE_LIKE, (m) => (m.replace(/\D/g, '').length >= 7 ? ELLIPSIS : m));
}
