/**
 * Recognition of typed commands ("menú", "cancelar", "english" …) and small answers
 * (numbers, star ratings, postal codes). Matching is accent-, case- and punctuation-insensitive.
 */
export type GlobalWord =
  | 'menu'
  | 'cancel'
  | 'help'
  | 'language'
  | 'english'
  | 'spanish'
  | 'provider'
  | 'online'
  | 'offline';

/** Lowercase, strip accents and punctuation, collapse spaces. */
export function normalizeWords(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const PHRASES: Record<GlobalWord, readonly string[]> = {
  menu: [
    'menu',
    'menu principal',
    'main menu',
    'inicio',
    'home',
    'start',
    'empezar',
    'opciones',
    'options',
  ],
  cancel: ['cancel', 'cancelar', 'cancela', 'salir', 'exit', 'quit'],
  help: ['help', 'ayuda', 'ayudame', 'necesito ayuda', 'info'],
  language: ['idioma', 'language', 'lang', 'lenguaje', 'cambiar idioma', 'change language'],
  english: ['english', 'ingles', 'en ingles', 'in english'],
  spanish: ['espanol', 'spanish', 'castellano', 'en espanol', 'in spanish'],
  provider: [
    'quiero ser proveedor',
    'ser proveedor',
    'proveedor',
    'soy proveedor',
    'registrarme como proveedor',
    'provider',
    'become a provider',
    'i want to be a provider',
  ],
  online: [
    'on',
    'online',
    'disponible',
    'estoy disponible',
    'conectado',
    'conectarme',
    'en linea',
    'go online',
  ],
  offline: [
    'off',
    'offline',
    'no disponible',
    'no estoy disponible',
    'desconectado',
    'desconectarme',
    'fuera de linea',
    'go offline',
  ],
};

const LOOKUP = new Map<string, GlobalWord>(
  (Object.entries(PHRASES) as [GlobalWord, readonly string[]][]).flatMap(([word, phrases]) =>
    phrases.map((p) => [p, word] as const),
  ),
);

/** The global command a text is, or null. A lone "?" is help. */
export function globalWord(text: string): GlobalWord | null {
  if (text.trim() === '?') return 'help';
  return LOOKUP.get(normalizeWords(text)) ?? null;
}

const GREETINGS = new Set([
  'hola',
  'hi',
  'hello',
  'hey',
  'buenas',
  'buen dia',
  'buenos dias',
  'buenas tardes',
  'buenas noches',
  'que tal',
  'ola',
]);

export function isGreeting(text: string): boolean {
  return GREETINGS.has(normalizeWords(text));
}

const ENGLISH_OPENERS = new Set([
  'hi',
  'hello',
  'hey',
  'hi there',
  'hello there',
  'good morning',
  'good afternoon',
  'good evening',
]);

/**
 * The language a new user's first message is clearly in: "english"/"hello" → en,
 * "español" → es; anything else (including "hola") → null (keep the default).
 */
export function firstMessageLocale(text: string): 'en' | 'es' | null {
  const word = globalWord(text);
  if (word === 'english') return 'en';
  if (word === 'spanish') return 'es';
  return ENGLISH_OPENERS.has(normalizeWords(text)) ? 'en' : null;
}

/** "3", "3.", "#3", "opción 3" → 3; anything else null. */
export function pickNumber(text: string): number | null {
  const m = /^(?:#|n[uú]mero\s*|opci[oó]n\s*|option\s*)?(\d{1,2})\.?$/iu.exec(text.trim());
  return m ? Number(m[1]) : null;
}

/** "5", "5 estrellas", "★★★★", "4/5" → 1..5; anything else null. */
export function parseStars(text: string): number | null {
  const t = text.trim();
  const stars = [...t].filter((c) => c === '★' || c === '⭐').length;
  if (stars >= 1 && stars <= 5 && /^[\s★⭐]+$/u.test(t)) return stars;
  const m = /^([1-5])(?:\s*(?:\/\s*5|de 5|estrellas?|stars?|⭐|★))?$/iu.exec(t);
  if (m) return Number(m[1]);
  // "cinco", "cuatro estrellas", "five stars", "le doy tres"
  const w =
    /^(?:le doy |le pongo |i give (?:it |them |him |her )?)?(una|uno|one|dos|two|tres|three|cuatro|four|cinco|five)(?:\s+(?:estrellas?|stars?|de cinco|out of five))?[.!]*$/iu.exec(
      normalizeWords(t),
    );
  return w ? (STAR_WORDS[w[1]!.toLowerCase()] ?? null) : null;
}
/** A rating inside a longer message: "le doy 5 estrellas", "5/5", "cinco estrellas", "⭐⭐⭐⭐⭐", "5 stars". */
const STARS_INSIDE: readonly RegExp[] = [
  /(?:le doy|le doi|le pongo|le di|califico con|calificacion de|i give (?:it |them |him |her )?|i'd give (?:it |them |him |her )?|rating:?)\s*(?:un |una )?([1-5]|una|uno|one|dos|two|tres|three|cuatro|four|cinco|five)(?:\s*(?:estrellas?|stars?|\/\s*5|de 5|de cinco))?(?![\p{L}\d])/iu,
  /(?<![\d/.,])([1-5])\s*(?:estrellas?|stars?|\/\s*5|de 5|de cinco|out of 5|out of five)(?![\p{L}\d])/iu,
  /(?<![\p{L}])(una|dos|tres|cuatro|cinco|one|two|three|four|five)\s+(?:estrellas?|stars?)(?![\p{L}])/iu,
];
/** A mark out of ten ("8/10", "9 de 10", "le doy un 10", "un diez"): halved and rounded to stars. */
const TEN_SCALE: readonly RegExp[] = [
  /(?<![\d.,/])(10|[0-9])\s*(?:\/\s*10|de 10|de diez|out of 10|out of ten)(?!\d)/iu,
  /(?:le doy|le doi|le pongo|califico con|calificacion de|i give (?:it |them |him |her )?|i'd give (?:it |them |him |her )?)\s*(?:un |una |a )?(10|diez|ten)(?![\p{L}\d])/iu,
  /^\s*(?:un |a )?(10|diez)[\s.!]*$/iu,
  /(?<![\p{L}])(?<!en )un (10|diez)(?:\s+de calificacion)?(?![\p{L}\d])/iu,
];
/** Yes and "it's done" words a message may open with before the rating ("sí, ya quedó, 5 estrellas"). */
const DONE_OPENERS =
  /^(?:(?:si|sí|sip|yes|yep|ok|okay|ya|claro|listo|ya quedo|ya quedó|quedo|quedó|quedo bien|quedó bien|ya termino|ya terminó|todo listo|all done|done)[\s,.!]*)+/iu;

/**
 * A rating given inside a longer message, and what else the message says (a comment), or null:
 * "sí todo bien, le doy 5 estrellas, muy rápido y amable" → 5 and "todo bien, muy rápido y amable".
 * `parseStars` is for a message that is only a rating.
 */
export function starsInText(raw: string): { stars: number; comment: string | null } | null {
  if (raw.length > 1000) return null;
  const text = raw.normalize('NFC');
  let stars: number | null = null;
  let rest = text;
  const emoji = /[★⭐]{1,5}/u.exec(text);
  if (emoji) {
    stars = [...emoji[0]].length;
    rest = text.replace(emoji[0], ' ');
  } else {
    // Accents folded for matching; an NFC letter and its folded form are one code unit each, so
    // the offsets found in the folded text cut the original.
    const folded = text.normalize('NFD').replace(/\p{M}/gu, '');
    const sameOffsets = folded.length === text.length;
    for (const re of STARS_INSIDE) {
      const m = re.exec(folded);
      if (!m) continue;
      const said = m[1]!.toLowerCase();
      stars = /^\d$/.test(said) ? Number(said) : (STAR_WORDS[said] ?? null);
      const source = sameOffsets ? text : folded;
      rest = source.slice(0, m.index) + ' ' + source.slice(m.index + m[0].length);
      break;
    }
  }
  if (stars === null) {
    // School marks out of ten, the way people grade in Mexico ("le doy un 10", "8/10").
    const folded = text.normalize('NFD').replace(/\p{M}/gu, '');
    for (const re of TEN_SCALE) {
      const m = re.exec(folded);
      if (!m) continue;
      const said = m[1]!.toLowerCase();
      const mark = said === 'diez' || said === 'ten' ? 10 : Number(said);
      stars = Math.min(5, Math.max(1, Math.round(mark / 2)));
      const source = folded.length === text.length ? text : folded;
      rest = source.slice(0, m.index) + ' ' + source.slice(m.index + m[0].length);
      break;
    }
  }
  if (stars === null || stars < 1 || stars > 5) return null;
  const cleaned = rest
    .replace(/\s*[,;.]\s*(?=[,;.]|$)/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,;.!?])/g, '$1')
    .trim()
    .replace(/^[\s,;.:!¡-]+|[\s,;:-]+$/g, '');
  const comment = cleaned.replace(DONE_OPENERS, '').trim();
  return { stars, comment: comment.replace(/[^\p{L}]/gu, '').length >= 3 ? comment : null };
}

/**
 * The rating rows' words, and their everyday synonyms, as the first words of a message answering
 * "Califícalo de 1 a 5": the longest first. "Excelente" = 5 … "muy mal" = 1, as the rows say.
 */
/** What a verdict may open with: "estuvo", "todo", "el servicio fue" … */
const VERDICT_OPENER = String.raw`^(?:(?:todo|el servicio|el trabajo|el senor|la senora|estuvo|fue|esta|quedo|it was|was|it s|its|all|the service was|the job was)\s+)*`;
const worded = (words: string): RegExp => new RegExp(`${VERDICT_OPENER}(?:${words})\\b`);
const WORDED_STARS: readonly [RegExp, number][] = [
  [
    worded(
      'muy mal[oa]?|malisim[oa]|pesim[oa]|horrible|terrible|fatal|del asco|very bad|awful|worst',
    ),
    1,
  ],
  [
    worded(
      'excelente|excelent|excellent|buenisim[oa]|perfecto|perfect|de lujo|de diez|un diez|10 de 10|10\\/10|genial|increible|lo maximo|chingon|padrisimo|muy padre|bien padre|super padre|chido|chida|muy chido|bien chido|super bien|superbien|de poca|amazing|outstanding|superb|great|fantastic|5 estrellas',
    ),
    5,
  ],
  [worded('muy bien|muy buen[oa]?|very good|really good'), 4],
  [worded('regular|mas o menos|ni bien ni mal|normal|so so|average|okay|meh'), 3],
  [worded('mal[oa]?|bad|poor|not good|no muy bien|chafa|bien chafa|muy chafa'), 2],
  [worded('bien|buen trabajo|buen servicio|good|nice'), 4],
];
/**
 * Words that sink a verdict wherever they are ("bien chafa", "no vino nunca", "me estafó"): a
 * no-show or a fraud is 1 star, a poor job 2, whatever kind word opens the message.
 */
const SUNK: readonly [RegExp, number][] = [
  [
    /\b(?:no vino|nunca vino|no llego|nunca llego|no se presento|estafa|me estafo|ratero|me robo|no showed up|never showed|never came|scam)\b/,
    1,
  ],
  [
    /\b(?:chafa|no sirvio|no arreglo|no lo arreglo|no quedo bien|quedo mal|lo dejo peor|poor job|did not fix|didn t fix|made it worse)\b/,
    2,
  ],
];

/**
 * A rating said in words where the stars are asked ("excelente, muy puntual", "mal, llegó tarde",
 * "10/10"), or null; the whole message is the comment when it says more than the rating word.
 */
export function starsInWords(raw: string): { stars: number; comment: string | null } | null {
  if (raw.length > 1000) return null;
  const words = normalizeWords(raw.replace(/10\s*\/\s*10/g, '10 de 10'));
  for (const [re, stars] of SUNK) if (re.test(words)) return { stars, comment: raw.trim() };
  for (const [re, stars] of WORDED_STARS) {
    const m = re.exec(words);
    if (!m) continue;
    const more = words.slice(m[0].length).replace(/[^\p{L}]/gu, '').length >= 3;
    return { stars, comment: more ? raw.trim() : null };
  }
  return null;
}

const STAR_WORDS: Record<string, number> = {
  una: 1,
  uno: 1,
  one: 1,
  dos: 2,
  two: 2,
  tres: 3,
  three: 3,
  cuatro: 4,
  four: 4,
  cinco: 5,
  five: 5,
};

/**
 * A reply to an optional question that adds nothing: "no", "nada", "no sé", "no gracias", "así está
 * bien", "omitir" (the problem at "¿Qué pasa?", the comment after the stars).
 */
export function nothingToAdd(text: string): boolean {
  return /^(?:no|nop|nel|nah|nada|no nada|ninguno|no se|no lo se|ni idea|no sabria decir|no tengo|despues|luego|asi esta bien|asi esta|esta bien asi|sin comentarios?|ningun comentario|no tengo comentarios?|no hay comentarios?|no tengo nada que agregar|nada que agregar|nada mas|es todo|eso es todo|omitir|saltar|skip|nothing|none|no idea|i do not know|dont know|not sure|later|no comments?|no comment thanks|nothing to add|that is all|thats all|that s all)(?: (?:gracias|thanks|thank you|muchas gracias))?$/.test(
    normalizeWords(text),
  );
}

/** "¿Cuál tiene mejores reseñas?", "el mejor calificado", "which one has the best reviews?" */
const BEST_RATED =
  /\b(?:mejor(?:es)? (?:calificad[oa]s?|evaluad[oa]s?|valorad[oa]s?|puntuad[oa]s?|resenas?|calificacion(?:es)?|opiniones|comentarios|estrellas)|mas estrellas|mas (?:recomendad[oa]|resenas)|(?:cual|quien) es (?:el|la) mejor|el mejor|la mejor|best (?:rated|reviews?|rating|ratings|one)|highest rated|top rated|most stars|most reviews|which (?:one )?is (?:the )?best)\b/;
/** "¿Cuál es el más barato?", "cheapest" */
const CHEAPEST =
  /\b(?:mas (?:barat[oa]|economic[oa])|(?:cobra|cuesta|sale) menos|menos car[oa]|cheapest|least expensive|lowest (?:fee|price)|charges? (?:the )?least|cheaper)\b/;

/** Asking which provider of a list is the best rated. */
export function asksBestRated(text: string): boolean {
  return text.length <= 120 && BEST_RATED.test(normalizeWords(text));
}

/** Asking which provider of a list costs least. */
export function asksCheapest(text: string): boolean {
  return text.length <= 120 && CHEAPEST.test(normalizeWords(text));
}

/** Words that take a person back from a handoff to the automatic assistant ("menú", "volver al bot"). */
const BACK_TO_BOT = new Set([
  'asistente',
  'volver al asistente',
  'regresar al asistente',
  'asistente automatico',
  'bot',
  'volver al bot',
  'regresar al bot',
  'back to the bot',
  'back to the assistant',
  'assistant',
  'talk to the bot',
]);

/** Whether a message sent while handed to a person asks for the assistant back. */
export function leavesHandoff(text: string): boolean {
  return globalWord(text) === 'menu' || BACK_TO_BOT.has(normalizeWords(text));
}

/** A bare 👍 (any skin tone, repeated): "ok" where a question is open, thanks elsewhere. */
export function thumbsUp(text: string): boolean {
  return /^(?:\u{1F44D}[\u{1F3FB}-\u{1F3FF}]?\uFE0F?\s*)+$/u.test(text.trim());
}
