/**
 * Typed answers to the buttons and list rows on screen. Many people type instead of tapping
 * ("sí", "el primero", "2", "reservar", "Plomería Díaz", "the first one"), above all on small
 * phones where a list hides behind a button. When the text names exactly one of the options the
 * open question shows, it counts as a tap on that option; anything vaguer is left to the
 * understanding layer, so a sentence is never forced onto a button.
 */
import type { Command } from '../commands';
import { parseTap } from '../ids';
import { prompt } from '../render/prompts';
import { say } from '../render/out';
import type { ActiveState } from '../state';
import { allowedEdits, editDistance } from '../understanding/fuzzy';
import { normalize } from '../understanding/normalize';
import { understand } from '../understanding/understand';
import { t } from '../locales';
import type { Env, Input, StepResult } from './env';
import { stay } from './env';

export interface ShownOption {
  id: string;
  title: string;
  /** A list row can be named by its position ("el segundo", "2"); a button only by its words. */
  row?: boolean;
}

/** Words that only frame a choice ("quiero el de", "I'll take the … one, please"). */
const FRAME = new Set(
  (
    'el la los las lo un una uno de del con a al quiero queremos dame deme elijo escojo prefiero ' +
    'mejor ese esa este esta opcion numero num por favor porfa plis pls gracias ' +
    'the an one option number i ill will want take choose pick please thanks thank you'
  ).split(' '),
);

const ORDINALS: Record<string, number> = {
  primero: 1,
  primera: 1,
  primer: 1,
  '1ro': 1,
  '1ra': 1,
  '1o': 1,
  '1a': 1,
  first: 1,
  '1st': 1,
  segundo: 2,
  segunda: 2,
  '2do': 2,
  '2da': 2,
  '2o': 2,
  '2a': 2,
  second: 2,
  '2nd': 2,
  tercero: 3,
  tercera: 3,
  tercer: 3,
  '3ro': 3,
  '3ra': 3,
  '3o': 3,
  '3a': 3,
  third: 3,
  '3rd': 3,
  cuarto: 4,
  cuarta: 4,
  '4to': 4,
  '4ta': 4,
  fourth: 4,
  '4th': 4,
  quinto: 5,
  quinta: 5,
  '5to': 5,
  '5ta': 5,
  fifth: 5,
  '5th': 5,
};

/** "Whoever is free": the option that lets the app choose (`pick.auto`), when one is shown. */
const ANYONE =
  /^(?:cualquiera|cualquier|quien sea|que sea|que disponible|disponible|que este disponible|que llegue primero|que pueda|que pueda ir|mas cercano|mas cercana|mas cerca|elige tu|tu elige|elijan ustedes|ustedes elijan|no importa|me da igual|da igual|any|anyone|whoever|whoever is free|you choose|you pick|doesnt matter|does not matter|closest|nearest|first available)$/;

/**
 * Other words for an option than its title, by what the option does (its tap kind), compared
 * whole after the framing words are dropped: "otro" on a provider's card is "Volver".
 */
const SYNONYMS: Partial<Record<string, ReadonlySet<string>>> = {
  'detail.back': new Set([
    'otro',
    'otra',
    'otro proveedor',
    'otra opcion',
    'otros',
    'ver otros',
    'ver otro',
    'regresar',
    'atras',
    'back',
    'go back',
    'another',
    'other',
    'other one',
    'someone else',
    'alguien mas',
  ]),
  'detail.book': new Set([
    'reservar',
    'reserva',
    'reservalo',
    'contratar',
    'contratalo',
    'lo quiero',
    'la quiero',
    'pedir',
    'agendar',
    'solicitar',
    'si reservar',
    'book',
    'book it',
    'book him',
    'book her',
    'hire',
    // a yes on a provider's card: this one
    'si',
    'ok',
    'va',
    'sale',
    'dale',
    'ese',
    'este',
    'si ese',
    'si este',
    'ese mero',
    'yes',
    'sure',
  ]),
  'place.no': new Set([
    'otro lugar',
    'es otro',
    'otra parte',
    'no es ahi',
    'somewhere else',
    'wrong',
  ]),
  'menu.repeat': new Set([
    'buscar de nuevo',
    'buscar otra vez',
    'volver a buscar',
    'busca de nuevo',
    'busca otra vez',
    'intentar de nuevo',
    'intentar otra vez',
    'otra vez',
    'de nuevo',
    'repetir',
    'search again',
    'try again',
    'again',
  ]),
  'place.yes': new Set([
    'ahi',
    'ahi mero',
    'ahi es',
    'es ahi',
    'exacto ahi',
    'thats it',
    'right there',
  ]),
};

/** First words of the options that say yes / no to the question asked. */
const YES_WORDS = new Set(['si', 'yes', 'confirmar', 'confirm']);
const NO_WORDS = new Set(['no']);

/** The buttons and list rows of the messages a prompt sends. */
export function optionsIn(commands: readonly Command[]): ShownOption[] {
  const out: ShownOption[] = [];
  for (const c of commands) {
    if (c.kind !== 'send') continue;
    const m = c.message;
    if (m.type === 'buttons') out.push(...m.buttons.map(({ id, title }) => ({ id, title })));
    else if (m.type === 'list')
      for (const s of m.sections)
        out.push(...s.rows.map(({ id, title }) => ({ id, title, row: true })));
  }
  return out;
}

/**
 * The id of the one option the text names, or null. Pure. `exact`: only the whole title as
 * shown counts (safe even where the step reads free text: typing a button's words means it).
 */
export function pickOption(
  text: string,
  options: readonly ShownOption[],
  exact = false,
): string | null {
  if (options.length === 0 || text.length > 80) return null;
  const tokens = normalize(text).tokens;
  const rest = tokens.filter((w) => !FRAME.has(w));
  // Other words for what an option does ("otro" → Volver on a provider's card, "lo quiero" → Reservar).
  if (!exact) {
    const said = [tokens.join(' '), rest.join(' ')];
    const synonym = options.filter((o) => {
      const words = SYNONYMS[parseTap(o.id)?.kind ?? ''];
      return words !== undefined && said.some((w) => words.has(w));
    });
    if (synonym.length === 1) return synonym[0]!.id;
  }
  if (rest.length === 0 || rest.length > 4) return null;

  // "2", "#2", "opción 2", "el segundo", "the 2nd one": the rows of a list, counted as shown.
  if (rest.length === 1 && !exact) {
    const word = rest[0]!;
    const position = /^\d{1,2}$/.test(word) ? Number(word) : ORDINALS[word];
    if (position !== undefined) {
      const rows = options.filter((o) => o.row === true);
      return position >= 1 && position <= rows.length ? rows[position - 1]!.id : null;
    }
  }

  if (!exact && ANYONE.test(rest.join(' '))) {
    const auto = options.find((o) => parseTap(o.id)?.kind === 'pick.auto');
    if (auto) return auto.id;
  }

  const titles = options.map((o) => normalize(o.title).tokens);
  // The whole title, as shown ("Sí, ahí", "Reservar", "Plomería Díaz").
  const joined = rest.join(' ');
  const whole = options.filter(
    (_, i) => titles[i]!.filter((w) => !FRAME.has(w)).join(' ') === joined,
  );
  if (whole.length === 1) return whole[0]!.id;
  if (exact) return null;

  // Part of one title and of no other ("Díaz", "reservar porfa"), typos allowed in longer words.
  const named = options.filter((_, i) =>
    rest.every((w) => titles[i]!.some((t) => sameToken(w, t))),
  );
  if (named.length === 1 && rest.some((w) => w.length >= 3)) return named[0]!.id;

  // "sí", "simón", "va", "ok" / "no", "nel": the one yes or no option, when the question has one.
  const asksYesNo = titles.some((t) => YES_WORDS.has(t[0] ?? '') || NO_WORDS.has(t[0] ?? ''));
  const intent = asksYesNo ? understand(text).intent : null;
  if (intent === 'affirm' || intent === 'deny') {
    const words = intent === 'affirm' ? YES_WORDS : NO_WORDS;
    const answer = options.filter((_, i) => words.has(titles[i]![0] ?? ''));
    if (answer.length === 1) return answer[0]!.id;
  }
  return null;
}

function sameToken(typed: string, shown: string): boolean {
  if (typed === shown) return true;
  const limit = Math.min(allowedEdits(typed.length), allowedEdits(shown.length));
  return limit > 0 && editDistance(typed, shown, limit) <= limit;
}

/** Typed text as a tap on the option of the open question it names, or null. */
export function typedOption(
  state: ActiveState,
  text: string,
  env: Env,
  exact = false,
): Input | null {
  // A row that toggles (a provider's services) is read by its step: typing a name marks it,
  // it never unmarks it the way a second tap does.
  const options = optionsIn(prompt(state, env)).filter(
    (o) => !exact || parseTap(o.id)?.kind !== 'psvc.toggle',
  );
  const id = pickOption(text, options, exact);
  return id === null ? null : { kind: 'tap', tap: parseTap(id), id };
}

/**
 * A typed answer ("acepto", "sí, ya quedó") to a question no longer open: the explanation; for a
 * bare "sí" (probably meant for something else) the usual "not understood" and the open question.
 */
export function nothingToAnswer(
  state: ActiveState,
  env: Env,
  bareYes: boolean,
  explanation: string,
): StepResult {
  const locale = state.profile.locale;
  const lead = bareYes
    ? t(locale, state.name === 'mainMenu' ? 'unexpected.menu' : 'unexpected.text')
    : explanation;
  return stay(state, ...prompt(state, env, lead));
}

/** "Gracias" / 👍 / "adiós" (`bye`): welcome, then the open question (from the menu, just that). */
export function thanksAnswer(state: ActiveState, env: Env, bye = false): StepResult {
  const { profile } = state;
  const text = t(profile.locale, bye ? 'say.bye' : 'say.welcome', { name: profile.name ?? '' });
  return state.name === 'mainMenu'
    ? stay(
        state,
        say(profile.locale, bye ? 'say.bye' : 'say.welcome', { name: profile.name ?? '' }),
      )
    : stay(state, ...prompt(state, env, text));
}
