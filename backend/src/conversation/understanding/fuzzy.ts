/**
 * Typo-tolerant word comparison against the vocabulary of the lexicons. Words are compared by how
 * they sound in Spanish spelling (c/s/z, k/qu, v/b, ll/y, silent h, rr/r: "serrajero" =
 * "cerrajero", "kanselar" = "cancelar", "gaz" = "gas"), then by optimal string alignment distance
 * (edits and adjacent swaps) in proportion to the word's length. A vocabulary word ending in `*`
 * matches any word it begins ("pint*": pintar, pintura, pintaran).
 *
 * Every lexicon word is registered once; what a typed word matches is computed once per distinct
 * word and cached, so reading a message costs a few set lookups per word.
 */

/** Edits allowed for a vocabulary word of this length: none below 7 letters, one up to 10, then two. */
export function allowedEdits(length: number): number {
  if (length >= 11) return 2;
  if (length >= 7) return 1;
  return 0;
}

/** A word as it sounds in Spanish spelling (only used to compare). */
export function soundOf(word: string): string {
  return word
    .replace(/qu(?=[ei])/g, 'k')
    .replace(/c(?=[ei])/g, 's')
    .replace(/z/g, 's')
    .replace(/c/g, 'k')
    .replace(/v/g, 'b')
    .replace(/ll/g, 'y')
    .replace(/rr/g, 'r')
    .replace(/h/g, '')
    .replace(/(.)\1+/g, '$1');
}

/** Distance between `a` and `b`, or `limit + 1` as soon as it is certain to exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a === b) return 0;
  const n = b.length;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n]!;
}

interface Entry {
  word: string;
  sound: string;
}

/** Whole vocabulary words, grouped by the first letter of their sound. */
const WORDS = new Map<string, Entry[]>();
const KNOWN = new Set<string>();
/** Prefix entries ("pint*"), with their sounds. */
const STEMS: { stem: string; sound: string; entry: string }[] = [];
/** What each typed word matches (bounded; rebuilt when the vocabulary grows). */
const MATCHES = new Map<string, ReadonlySet<string>>();
const MAX_CACHED = 20_000;

/** Add words to the vocabulary (lexicon modules call this at load time). */
export function registerWords(words: Iterable<string>): void {
  let added = false;
  for (const word of words) {
    if (word === '*' || KNOWN.has(word)) continue;
    KNOWN.add(word);
    added = true;
    if (word.endsWith('*')) {
      const stem = word.slice(0, -1);
      STEMS.push({ stem, sound: soundOf(stem), entry: word });
      continue;
    }
    const sound = soundOf(word);
    const key = sound[0] ?? '';
    const list = WORDS.get(key) ?? [];
    list.push({ word, sound });
    WORDS.set(key, list);
  }
  if (added) MATCHES.clear();
}

/**
 * The vocabulary entries a typed word stands for: itself when it is a vocabulary word (a real word
 * is never read as a typo of another: "online" is not "offline"), otherwise the words it sounds
 * like or is a typo of; plus every prefix entry it begins with.
 */
export function matchesOf(typed: string): ReadonlySet<string> {
  const cached = MATCHES.get(typed);
  if (cached) return cached;
  const out = new Set<string>();
  const sound = soundOf(typed);
  for (const s of STEMS)
    if (typed.startsWith(s.stem) || sound.startsWith(s.sound)) out.add(s.entry);
  if (KNOWN.has(typed)) out.add(typed);
  // A number is only ever itself ("200" is a house number, not "220" volts).
  else if (!/\d/.test(typed)) {
    for (const e of WORDS.get(sound[0] ?? '') ?? []) {
      if (e.word.length < 5) {
        // Short words must be typed right, or sound the same from the same first letter ("gaz" = "gas").
        if (
          typed.length >= 3 &&
          Math.abs(typed.length - e.word.length) <= 1 &&
          typed[0] === e.word[0] &&
          sound === e.sound
        )
          out.add(e.word);
        continue;
      }
      // A five-letter word sounds like another only at the same length ("tres" is not "trees").
      if (sound === e.sound && (e.word.length > 5 || typed.length === e.word.length)) {
        out.add(e.word);
        continue;
      }
      const limit = allowedEdits(e.word.length);
      if (limit > 0 && editDistance(sound, e.sound, limit) <= limit) out.add(e.word);
    }
  }
  if (MATCHES.size >= MAX_CACHED) MATCHES.clear();
  MATCHES.set(typed, out);
  return out;
}

/** Whether a typed word is the vocabulary word (or prefix entry) `target`. */
export function sameWord(typed: string, target: string): boolean {
  if (typed === target) return true;
  if (!KNOWN.has(target)) registerWords([target]);
  return matchesOf(typed).has(target);
}
