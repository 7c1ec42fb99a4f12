/**
 * Text as people type it on WhatsApp, brought to one form the rules can read: lower case, no
 * accents, no punctuation, letters stretched for emphasis squeezed ("holaaaa" → "hola"), a few
 * emoji read as words, and the usual abbreviations spelled out ("xfa" → "por favor",
 * "q" → "que", "pq" → "porque", "thx" → "thanks").
 */

/** Emoji that carry a meaning the rules use; every other emoji is dropped. */
const EMOJI_WORDS: [RegExp, string][] = [
  [/🚨|🆘|‼️?|❗️?/gu, ' urgente '],
  [/🔥/gu, ' fuego '],
  [/💧|🚿/gu, ' agua '],
  [/⚡️?|💡/gu, ' luz '],
  [/🔑|🗝️?/gu, ' llave '],
  [/❄️?/gu, ' frio '],
];

/** Token → its spelled-out form (both languages; WhatsApp shorthand of Mexico and the US). */
const ABBREVIATIONS: Record<string, string> = {
  xfa: 'por favor',
  xfavor: 'por favor',
  porfa: 'por favor',
  porfavor: 'por favor',
  porfis: 'por favor',
  plis: 'por favor',
  plz: 'please',
  pls: 'please',
  q: 'que',
  k: 'que',
  ke: 'que',
  qe: 'que',
  pq: 'porque',
  xq: 'porque',
  porq: 'porque',
  tmb: 'tambien',
  tb: 'tambien',
  tmbn: 'tambien',
  d: 'de',
  x: 'por',
  ntp: 'no te preocupes',
  bn: 'bien',
  msj: 'mensaje',
  msjs: 'mensajes',
  ud: 'usted',
  uds: 'ustedes',
  dnd: 'donde',
  toy: 'estoy',
  tas: 'estas',
  pa: 'para',
  pal: 'para el',
  sta: 'esta',
  sts: 'estas',
  aki: 'aqui',
  aca: 'aqui',
  ahi: 'ahi',
  grax: 'gracias',
  grs: 'gracias',
  gcs: 'gracias',
  grcs: 'gracias',
  thx: 'thanks',
  thnx: 'thanks',
  ty: 'thanks',
  tks: 'thanks',
  u: 'you',
  ur: 'your',
  r: 'are',
  im: 'i am',
  cant: 'can not',
  cannot: 'can not',
  dont: 'do not',
  wont: 'will not',
  isnt: 'is not',
  doesnt: 'does not',
  didnt: 'did not',
  hasnt: 'has not',
  havent: 'have not',
  wasnt: 'was not',
  aint: 'is not',
  whats: 'what is',
  wheres: 'where is',
  thats: 'that is',
  nvm: 'never mind',
  idk: 'i do not know',
  ppl: 'people',
  info: 'informacion',
  tel: 'telefono',
  cel: 'celular',
  asap: 'urgente',
  rn: 'right now',
  nmms: 'no manches',
  okey: 'ok',
  okay: 'ok',
  oki: 'ok',
  okis: 'ok',
  sip: 'si',
  sii: 'si',
  nop: 'no',
  nel: 'no',
  nelson: 'no',
};

export interface NormalizedText {
  /** Normalised words, separated by single spaces. */
  text: string;
  tokens: string[];
}

/** English contractions spelled out ("it's" → "it is", "can't" → "can not"). */
export function expandContractions(s: string): string {
  return s
    .replace(/[’‘`´]/g, "'")
    .replace(/\b(can)'t\b/gi, '$1 not')
    .replace(/\bwon't\b/gi, 'will not')
    .replace(/\b(\w+)n't\b/gi, '$1 not')
    .replace(/\b(\w+)'s\b/gi, '$1 is')
    .replace(/\b(\w+)'m\b/gi, '$1 am')
    .replace(/\b(\w+)'re\b/gi, '$1 are')
    .replace(/\b(\w+)'ll\b/gi, '$1 will')
    .replace(/\b(\w+)'ve\b/gi, '$1 have')
    .replace(/\b(\w+)'d\b/gi, '$1 would');
}

export function normalize(raw: string): NormalizedText {
  let s = expandContractions(raw.normalize('NFC'));
  for (const [re, word] of EMOJI_WORDS) s = s.replace(re, word);
  s = s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    // "a/c" and "mini-split" stay one word; other punctuation separates words.
    .replace(/\ba\/c\b/g, ' ac ')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    // Letters stretched for emphasis: three or more of the same become one ("ayudaaa", "siii").
    .replace(/(\p{L})\1{2,}/gu, '$1');
  const tokens: string[] = [];
  for (const word of s.split(/\s+/)) {
    if (!word) continue;
    const spelled = ABBREVIATIONS[word];
    if (spelled) tokens.push(...spelled.split(' '));
    else tokens.push(word);
  }
  return { text: tokens.join(' '), tokens };
}
