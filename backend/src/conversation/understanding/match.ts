/** Finding words and phrases of a lexicon in normalised text, typo-tolerant (fuzzy.ts). */
import { matchesOf, registerWords } from './fuzzy';

/** A phrase as words; `*` stands for any one word ("hablar con * asesor"). */
export type Cue = readonly string[];

/** Phrases indexed by their first word, so a message only checks the phrases its words can start. */
export interface CueList {
  readonly all: readonly Cue[];
  readonly byFirst: ReadonlyMap<string, readonly Cue[]>;
}

export function cues(list: readonly string[]): CueList {
  const all = list.map((p) => p.split(' ').filter(Boolean));
  registerWords(all.flat());
  const byFirst = new Map<string, Cue[]>();
  for (const cue of all) {
    const first = cue[0]!;
    const at = byFirst.get(first) ?? [];
    at.push(cue);
    byFirst.set(first, at);
  }
  return { all, byFirst };
}

function matchesAt(tokens: readonly string[], i: number, cue: Cue): boolean {
  if (i + cue.length > tokens.length) return false;
  for (let j = 0; j < cue.length; j++) {
    const want = cue[j]!;
    if (want !== '*' && !matchesOf(tokens[i + j]!).has(want)) return false;
  }
  return true;
}

/** Where `cue` starts in `tokens`, or -1. */
export function findCue(tokens: readonly string[], cue: Cue): number {
  for (let i = 0; i + cue.length <= tokens.length; i++) if (matchesAt(tokens, i, cue)) return i;
  return -1;
}

/** Where the first phrase of `list` found in `tokens` starts, and which one; null when none is. */
export function findAny(tokens: readonly string[], list: CueList): { at: number; cue: Cue } | null {
  for (let i = 0; i < tokens.length; i++) {
    for (const word of matchesOf(tokens[i]!)) {
      for (const cue of list.byFirst.get(word) ?? [])
        if (matchesAt(tokens, i, cue)) return { at: i, cue };
    }
  }
  return null;
}

export function hasAny(tokens: readonly string[], list: CueList): boolean {
  return findAny(tokens, list) !== null;
}

/** The whole message is one of the phrases (ignoring the filler words given). */
const NO_FILLER: ReadonlySet<string> = new Set();

export function isExactly(
  tokens: readonly string[],
  list: CueList,
  filler: ReadonlySet<string> = NO_FILLER,
): boolean {
  const core = tokens.filter((t) => !filler.has(t));
  if (core.length === 0) return false;
  for (const word of matchesOf(core[0]!)) {
    for (const cue of list.byFirst.get(word) ?? [])
      if (cue.length === core.length && matchesAt(core, 0, cue)) return true;
  }
  return false;
}

/** How many different phrases of `list` occur in `tokens`. */
export function countAll(tokens: readonly string[], list: CueList): number {
  const seen = new Set<Cue>();
  for (let i = 0; i < tokens.length; i++) {
    for (const word of matchesOf(tokens[i]!)) {
      for (const cue of list.byFirst.get(word) ?? [])
        if (!seen.has(cue) && matchesAt(tokens, i, cue)) seen.add(cue);
    }
  }
  return seen.size;
}
